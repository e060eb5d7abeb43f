"""The search functions the site calls: `run_search` and `run_autocomplete`.

The configured backend answers; if it is an external engine and unreachable, PostgreSQL answers
instead, the response says `degraded=True` and a warning is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from identifiers.doi import parse_doi
from identifiers.ids import parse_identifier
from search.analysis import QueryAnalysis, analyze
from search.backends.base import BackendUnavailable, SearchBackend, load_backend, postgres_backend
from search.describers import Described, describe, is_own_sign, named_sign
from search.documents import doc_types as registered_types
from search.documents import filter_fields
from search.gene_causes import causes_in_order, with_caused_conditions
from search.keys import gene_causes, has_exact_key, similar_title
from search.notices import identifier_notice
from search.pointers import asked_condition, treatment_pointer
from search.region_reading import region_reading
from search.report_lines import with_report_line
from search.request import (
    MAX_AUTOCOMPLETE,
    Hit,
    InvalidQuery,
    SearchRequest,
    SearchResponse,
    Suggestion,
    clean_query,
)
from search.same_names import across_pages, elsewhere, one_line_per_name
from search.spelled_british import american_spelling
from search.study_titles import condition_before_drug
from search.text import key_form, phrase_form
from search.written import as_written

logger = logging.getLogger(__name__)
T = TypeVar("T")


def _with_fallback(call: Callable[[SearchBackend], T]) -> tuple[T, bool]:
    backend = load_backend()
    try:
        return call(backend), False
    except BackendUnavailable as exc:
        logger.warning("search: %s unreachable (%s); answering from PostgreSQL", backend.name, exc)
        return call(postgres_backend()), True


def _validate(request: SearchRequest) -> None:
    known = set(registered_types())
    unknown = [t for t in request.doc_types if t not in known]
    if unknown:
        raise InvalidQuery(
            f"Unknown result type {unknown[0]!r}; use one of: {', '.join(sorted(known))}."
        )
    allowed = filter_fields()
    for name in request.filters:
        if name not in allowed:
            raise InvalidQuery(f"Unknown filter {name!r}.")


def run_search(request: SearchRequest) -> SearchResponse:
    """Search every document type (or `request.doc_types`) and return one page of hits."""
    _validate(request)
    analysis = with_caused_conditions(with_report_line(_with_named_sign(analyze(request.query))))
    # A region a family names ("my son has a 16p11.2 deletion") is no description of signs.
    described = (
        None
        if analysis.region is not None
        else describe(request.query, request.drop_signs, request.add_signs)
    )
    if described is not None and described.conditions:
        analysis = _as_description(analysis, described)
    response, degraded = _with_fallback(lambda backend: backend.search(request, analysis))
    hits = causes_in_order(same_names_by_rank(response.hits), analysis)
    if analysis.title_names:
        hits = condition_before_drug(hits, analysis.raw, _leading_gene_causes(hits))
    if ids := elsewhere(hits):  # a name this page holds is held on another page too
        matched, _ = _with_fallback(
            lambda backend: (postgres_backend() if degraded else backend).matching(
                request, analysis, response.widened, ids
            )
        )
        hits = across_pages(hits, matched)
    response = replace(response, hits=one_line_per_name(hits))
    did_you_mean = response.did_you_mean
    if response.total == 0 and not did_you_mean and analysis.may_widen:
        # Nothing matched: a title that looks like the query, read from PostgreSQL's entry
        # table on every engine (OpenSearch offered nothing here).
        did_you_mean = similar_title(analysis.phrase)
    if did_you_mean and phrase_form(did_you_mean) == analysis.phrase:
        did_you_mean = None
    if did_you_mean and not described:
        did_you_mean = as_written(did_you_mean, request.query)
    notice = identifier_notice(analysis, response)
    if notice is not None and not notice.found and _is_whole_identifier(analysis):
        # Words matched inside "c.1521_1523del" (HLA-C, "C syndrome") are noise, not answers.
        response = replace(
            response,
            hits=[],
            total=0,
            facets={},
            total_is_lower_bound=False,
            facet_lower_bounds=frozenset(),
        )
    pointer = None
    if described is None and request.page == 1 and not request.cursor:
        # A question typed with a slip ("treatmnet for pompe") asks what its correction asks.
        asked = analysis.corrected or request.query
        # A question about a treatment is one about the condition: found once, for both.
        condition = asked_condition(asked, analysis, response.hits)
        if condition is not None:
            pointer = treatment_pointer(asked, condition)
            response = replace(response, hits=asked_condition_first(response.hits, condition.id))
    return replace(
        response,
        treatments=pointer,
        identifier=notice,
        did_you_mean=None if described else did_you_mean,
        degraded=degraded or response.degraded,
        described=described,
        region=region_reading(analysis),
    )


def asked_condition_first(hits: list[Hit], condition_id: str) -> list[Hit]:
    """A question about treating a name that is also a gene symbol ("treatment for NF1"), or
    about its symptoms or outlook ("nf1 symptoms"), asks about the condition: it leads, the gene
    the symbol names comes next."""
    asked = [hit for hit in hits if hit.id == condition_id]
    return [*asked, *(hit for hit in hits if hit.id != condition_id)]


def same_names_by_rank(hits: list[Hit]) -> list[Hit]:
    """Documents of one type and one name (an Orphanet disorder and the DECIPHER entry that
    repeats its name) in the order of their own ranks, in the places they hold on the page.

    Both hold the name as an exact key and the rank should decide; the bare entry's richer
    text share (a short field: BM25 ~280 against ~180 on OpenSearch) outweighed it."""
    groups: dict[tuple[str, str], list[int]] = {}
    for place, hit in enumerate(hits):
        groups.setdefault((hit.doc_type, phrase_form(hit.name)), []).append(place)
    ordered = list(hits)
    for places in groups.values():
        if len(places) > 1:
            members = sorted((hits[p] for p in places), key=lambda hit: -hit.rank)
            for place, hit in zip(places, members, strict=True):
                ordered[place] = hit
    return ordered


def _leading_gene_causes(hits: list[Hit]) -> list[str]:
    """The conditions the gene leading the page causes (none when no gene leads)."""
    if not hits or hits[0].doc_type != "gene":
        return []
    return gene_causes(key_form(hits[0].id))


def _as_description(analysis: QueryAnalysis, described: Described) -> QueryAnalysis:
    """Below the panel of conditions, a description's results are the pages of the signs read
    from it; the sentence is not widened to any word (thousands of stray matches)."""
    signs = [key_form(s.hpo_id) for s in described.signs if is_own_sign(s)]
    return replace(analysis, may_widen=False, part_keys=(*analysis.part_keys, *signs))


def _with_named_sign(analysis: QueryAnalysis) -> QueryAnalysis:
    """A short query naming one sign in everyday words ("floppy baby", "wobbly eyes") also
    matches that sign's id, ranked as a synonym's key: no document carries the family's words."""
    if analysis.identifier is not None or analysis.variant is not None:
        return analysis
    sign = named_sign(analysis.raw)
    if sign is None:
        return analysis
    return replace(analysis, expanded_keys=(*analysis.expanded_keys, key_form(sign)))


def _is_whole_identifier(analysis) -> bool:
    """The query is only an identifier or a variant name without a gene (a gene named with it,
    "CFTR c.1521_1523del" or a report's "NM_000152.5(GAA):c.-32-13T>G", still finds the gene)."""
    if analysis.variant:
        return analysis.variant_gene is None
    return parse_identifier(analysis.raw) is not None or parse_doi(analysis.raw) is not None


def names_exactly(texts: list[str], doc_types: tuple[str, ...]) -> bool:
    """Is any of `texts` the exact name, synonym or id of a document of these types? (One GIN
    lookup on PostgreSQL's index, which is always kept up to date.)"""
    keys = list({form(t) for t in texts for form in (key_form, phrase_form) if t.strip()})
    if not keys:
        return False
    return has_exact_key(keys, doc_types)


def run_autocomplete(
    prefix: str, doc_types: tuple[str, ...] = (), limit: int = 8
) -> list[Suggestion]:
    """Up to `limit` suggestions for what has been typed so far; [] for unusable input."""
    try:
        cleaned = clean_query(prefix)
    except InvalidQuery:
        return []
    known = set(registered_types())
    types = tuple(t for t in doc_types if t in known)
    bounded = max(1, min(int(limit), MAX_AUTOCOMPLETE))
    # "haemo" is on its way to "haemophilia": the sources' "Hemophilia A" first, then what is
    # written the British way ("Haemophilus"); both spellings in one call.
    american = american_spelling(cleaned)
    spellings = (cleaned,) if american is None else (american, cleaned)
    suggestions, _degraded = _with_fallback(
        lambda backend: backend.autocomplete(spellings, types, bounded)
    )
    return suggestions

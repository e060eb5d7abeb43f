"""Turn what was typed into rows: conditions, a gene, a parsed variant and HPO terms."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from django.db import DatabaseError
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length, Upper

from identifiers.hgvs import VariantDescription, VariantParseError, parse_variant
from identifiers.ids import IdentifierKind, parse_identifier
from knowledge.models import (
    Condition,
    ConditionIdentifier,
    ConditionSynonym,
    Gene,
    Phenotype,
    PhenotypeSynonym,
    Variant,
)
from search.query import run_search
from search.request import InvalidQuery, SearchRequest
from treatments.query import TreatmentQueryError

logger = logging.getLogger(__name__)

CONDITION_SCHEMES = {
    IdentifierKind.ORPHA: "ORPHA",
    IdentifierKind.OMIM: "OMIM",
    IdentifierKind.MONDO: "MONDO",
    IdentifierKind.GARD: "GARD",
}
MAX_PHENOTYPES = 20
# Words that name no condition exactly reach the best few search hits, not only the first:
# "spinal muscular atrophy" ranks a distal form above the group and the types with treatments.
SEARCH_CONDITIONS = 3
# What a search shows of a condition it used (treatments.query.ConditionRef).
REF_FIELDS = ("id", "name", "slug", "primary_id")
_SPLIT_RE = re.compile(r"[,;\n]+")


@dataclass(frozen=True)
class ResolvedVariant:
    """The parsed variant and what the database knows about it."""

    description: VariantDescription
    gene_symbol: str
    proteins: frozenset[str]  # short protein changes, e.g. "F508del"
    change_types: frozenset[str]
    variant_ids: frozenset[int]
    condition_ids: frozenset[int]


def condition_list_for_text(*, text: str) -> list[Condition]:
    """Conditions named by an identifier, an exact name or synonym, else by the search engine.

    Only the fields a search shows of them are read (REF_FIELDS): a condition row also holds
    its summaries and definition, which the treatment page never shows."""
    text = text.strip()
    if not text:
        return []
    ident = parse_identifier(text)
    if ident is not None and ident.kind in CONDITION_SCHEMES:
        scheme = CONDITION_SCHEMES[ident.kind]
        by_xref = ConditionIdentifier.objects.filter(scheme=scheme, value=ident.value)
        return list(
            Condition.objects.only(*REF_FIELDS)
            .filter(Q(primary_id=ident.curie) | Q(id__in=by_xref.values("condition_id")))
            .distinct()
        )
    exact = list(Condition.objects.only(*REF_FIELDS).filter(name__iexact=text)[:5])
    if exact:
        return exact
    synonyms = ConditionSynonym.objects.filter(text__iexact=text).values("condition_id")
    by_synonym = list(Condition.objects.only(*REF_FIELDS).filter(id__in=synonyms)[:5])
    if by_synonym:
        return by_synonym
    ids = _search_condition_ids(text)
    found = Condition.objects.only(*REF_FIELDS).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _search_condition_ids(text: str) -> list[int]:
    """Ask the search package for the best-matching condition (typos, word order)."""
    try:
        response = run_search(
            SearchRequest(query=text, doc_types=("condition",), page_size=SEARCH_CONDITIONS)
        )
    except InvalidQuery as exc:
        # Never the text itself: it can be a family's private case (issue 20).
        logger.info("condition text (%d chars) is not a valid search: %s", len(text), exc)
        return []
    except DatabaseError:
        # The exact-name lookups already ran; a search failure must not fail the whole page.
        logger.exception("condition search failed; matched by name only")
        return []
    # Condition documents are keyed by their primary id (ORPHA:70), older ones by row id.
    keys = [str(hit.id) for hit in response.hits]
    by_curie = dict(Condition.objects.filter(primary_id__in=keys).values_list("primary_id", "pk"))
    return [by_curie[k] if k in by_curie else int(k) for k in keys if k in by_curie or k.isdigit()]


def gene_get_for_text(*, text: str) -> Gene | None:
    """The gene with this symbol, HGNC id, previous symbol or alias (case-insensitive)."""
    text = text.strip()
    if not text:
        return None
    ident = parse_identifier(text)
    if ident is not None and ident.kind is IdentifierKind.HGNC:
        return Gene.objects.filter(hgnc_id=ident.curie).first()
    gene = Gene.objects.filter(symbol__iexact=text).first()
    if gene is not None:
        return gene
    # Previous symbols before aliases: a renamed gene is a stronger match than a loose alias.
    for column in ("previous_symbols", "aliases"):
        sql = f"EXISTS (SELECT 1 FROM unnest({column}) AS a WHERE upper(a) = upper(%s))"  # noqa: S608 - column is one of two constants
        hit = RawSQL(sql, (text,))  # noqa: S611
        gene = Gene.objects.alias(hit=hit).filter(hit=True).order_by("symbol").first()
        if gene is not None:
            return gene
    return None


def variant_resolve(*, text: str, gene_symbol: str = "") -> ResolvedVariant:
    """Parse the variant (TreatmentQueryError when malformed) and find it in the database."""
    try:
        description = parse_variant(text, gene=gene_symbol)
    except VariantParseError as exc:
        raise TreatmentQueryError("variant", f"Could not read the variant: {exc}") from exc
    gene = (description.gene or gene_symbol or "").upper()
    lookup = Q(search_keys__overlap=list(description.search_keys))
    if description.kind == "rsid":
        lookup |= Q(rsid__iexact=description.normalized)
    if description.kind in {"c", "p", "legacy_protein"}:
        lookup |= Q(hgvs_c=description.normalized) | Q(hgvs_p=description.protein_long or "-")
    rows = Variant.objects.filter(lookup).select_related("gene").prefetch_related("conditions")
    if gene:
        rows = rows.filter(gene__symbol__iexact=gene)
    variants = list(rows[:20])
    proteins = {description.protein_short} if description.protein_short else set()
    change_types = {description.change_type} if description.change_type else set()
    for variant in variants:
        if variant.hgvs_p:
            try:
                parsed = parse_variant(variant.hgvs_p)
            except VariantParseError:
                logger.info(
                    "stored hgvs_p %r of variant %s is unreadable", variant.hgvs_p, variant.pk
                )
                continue
            proteins.add(parsed.protein_short or "")
            change_types.add(parsed.change_type or "")
    if not gene and variants and variants[0].gene is not None:
        gene = variants[0].gene.symbol
    return ResolvedVariant(
        description=description,
        gene_symbol=gene,
        proteins=frozenset(p for p in proteins if p),
        change_types=frozenset(c for c in change_types if c),
        variant_ids=frozenset(v.pk for v in variants),
        condition_ids=frozenset(c.pk for v in variants for c in v.conditions.all()),
    )


def phenotype_list_for_text(*, text: str) -> tuple[list[tuple[str, Phenotype]], list[str]]:
    """HPO terms for comma-separated HPO ids or words; returns (typed, term) pairs and misses."""
    tokens = [t.strip() for t in _SPLIT_RE.split(text) if t.strip()][:MAX_PHENOTYPES]
    if not tokens:
        return [], []
    by_id: dict[str, str] = {}
    for token in tokens:
        ident = parse_identifier(token)
        if ident is not None and ident.kind is IdentifierKind.HPO:
            by_id[token] = ident.curie
    words = [t.upper() for t in tokens if t not in by_id]
    terms = {p.hpo_id: p for p in Phenotype.objects.filter(hpo_id__in=by_id.values())}
    names = {
        p.name.upper(): p
        for p in Phenotype.objects.annotate(u=Upper("name")).filter(u__in=words, is_obsolete=False)
    }
    synonyms = {}
    for synonym in (
        PhenotypeSynonym.objects.annotate(u=Upper("text"))
        .filter(u__in=words, phenotype__is_obsolete=False)
        .select_related("phenotype")
        .order_by("-is_layperson", "phenotype__hpo_id")
    ):
        synonyms.setdefault(synonym.text.upper(), synonym.phenotype)
    found: list[tuple[str, Phenotype]] = []
    missing: list[str] = []
    for token in tokens:
        term = (
            terms.get(by_id[token])
            if token in by_id
            else names.get(token.upper()) or synonyms.get(token.upper()) or _loose(token)
        )
        if term is None:
            missing.append(token)
        elif all(term.pk != other.pk for _, other in found):
            found.append((token, term))
    return found, missing


def _loose(word: str) -> Phenotype | None:
    """A last try for everyday words: the shortest term or everyday synonym containing them."""
    if len(word) < 4:
        return None
    synonym = (
        PhenotypeSynonym.objects.filter(text__icontains=word, phenotype__is_obsolete=False)
        .select_related("phenotype")
        .order_by("-is_layperson", Length("text"))
        .first()
    )
    if synonym is not None:
        return synonym.phenotype
    return (
        Phenotype.objects.filter(name__icontains=word, is_obsolete=False)
        .order_by(Length("name"))
        .first()
    )

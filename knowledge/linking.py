"""Link trials and publications to conditions, genes and therapies.

Three kinds of evidence, strongest first:
- a curated reference (a TherapyLink citing the PMID or NCT number): method ``reference``,
  confirmed, since an editor already vouched for it;
- an identifier (a MeSH descriptor id the condition carries): method ``identifier``;
- a name (condition names and synonyms, gene symbols, therapy names and brand names):
  method ``name_match``, left ``auto`` so it lands in the editors' review queue.
Existing links are never changed: an editor's rejection survives every refresh.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import models

from knowledge.models import Condition, IdentifierScheme, ReviewStatus, TherapyLink
from knowledge.models.common import LinkMethod

# Shorter names (e.g. three-letter abbreviations) match far too much free text.
MIN_NAME_LENGTH = 4
MIN_SYMBOL_LENGTH = 3
# How many synonyms go into an upstream query besides the name.
MAX_QUERY_SYNONYMS = 5


@dataclass(frozen=True)
class ProposedLink:
    condition_id: int | None
    gene_id: int | None
    therapy_id: int | None
    method: str
    matched_text: str
    review_status: str = ReviewStatus.AUTO


@dataclass(frozen=True)
class RecordText:
    """What a record offers to match on, already split by what each kind should read."""

    key: str  # NCT number or PMID
    condition_text: tuple[str, ...]
    gene_text: tuple[str, ...]
    therapy_text: tuple[str, ...]
    mesh_ids: tuple[str, ...] = ()


class _NameIndex:
    """One compiled alternation over many names, mapping a hit back to its target id."""

    def __init__(self, names: Mapping[str, int], *, ignore_case: bool, min_length: int) -> None:
        kept = {n: i for n, i in names.items() if len(n) >= min_length}
        self._ids = {(n.casefold() if ignore_case else n): i for n, i in kept.items()}
        self._fold = ignore_case
        self._regex: re.Pattern[str] | None = None
        if kept:
            alternatives = "|".join(re.escape(n) for n in sorted(kept, key=len, reverse=True))
            flags = re.IGNORECASE if ignore_case else 0
            self._regex = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)

    def find(self, texts: Iterable[str]) -> dict[int, str]:
        """Return target id -> the first text that matched it."""
        found: dict[int, str] = {}
        if self._regex is None:
            return found
        for text in texts:
            for hit in self._regex.finditer(text):
                word = hit.group(0)
                target = self._ids.get(word.casefold() if self._fold else word)
                if target is not None:
                    found.setdefault(target, word)
        return found


@dataclass
class Matcher:
    """Everything one refresh scope links against; built once per run."""

    condition_names: Mapping[str, int] = field(default_factory=dict)
    gene_symbols: Mapping[str, int] = field(default_factory=dict)
    therapy_names: Mapping[str, int] = field(default_factory=dict)
    mesh_ids: Mapping[str, int] = field(default_factory=dict)
    references: Mapping[str, list[tuple[int, int | None]]] = field(default_factory=dict)
    fallback_condition_id: int | None = None
    fallback_text: str = ""

    def __post_init__(self) -> None:
        self._conditions = _NameIndex(
            self.condition_names, ignore_case=True, min_length=MIN_NAME_LENGTH
        )
        self._genes = _NameIndex(self.gene_symbols, ignore_case=False, min_length=MIN_SYMBOL_LENGTH)
        self._therapies = _NameIndex(
            self.therapy_names, ignore_case=True, min_length=MIN_NAME_LENGTH
        )

    def propose(self, record: RecordText) -> list[ProposedLink]:
        """Every link this record supports, strongest evidence first."""
        links = [
            ProposedLink(
                condition_id,
                therapy_id=therapy_id,
                gene_id=None,
                method=LinkMethod.REFERENCE,
                matched_text=record.key,
                review_status=ReviewStatus.CONFIRMED,
            )
            for therapy_id, condition_id in self.references.get(record.key, ())
        ]
        by_id = {self.mesh_ids[m]: m for m in record.mesh_ids if m in self.mesh_ids}
        links += [
            ProposedLink(cid, None, None, LinkMethod.IDENTIFIER, f"MeSH:{mesh}")
            for cid, mesh in by_id.items()
        ]
        named = {
            cid: text
            for cid, text in self._conditions.find(record.condition_text).items()
            if cid not in by_id
        }
        links += [
            ProposedLink(cid, None, None, LinkMethod.NAME_MATCH, text[:300])
            for cid, text in named.items()
        ]
        if not by_id and not named and self.fallback_condition_id is not None:
            # The upstream's own search matched it on this condition's names: editors decide.
            links.append(
                ProposedLink(
                    self.fallback_condition_id,
                    None,
                    None,
                    LinkMethod.NAME_MATCH,
                    self.fallback_text[:300],
                )
            )
        links += [
            ProposedLink(None, gid, None, LinkMethod.NAME_MATCH, text)
            for gid, text in self._genes.find(record.gene_text).items()
        ]
        links += [
            ProposedLink(None, None, tid, LinkMethod.NAME_MATCH, text[:300])
            for tid, text in self._therapies.find(record.therapy_text).items()
        ]
        return links


def condition_query_names(condition: Condition) -> list[str]:
    """The condition's name and its main synonyms (no abbreviations), for upstream queries."""
    names = [condition.name]
    for synonym in condition.synonyms.all():
        if synonym.kind != "abbreviation" and synonym.text.casefold() not in {
            n.casefold() for n in names
        }:
            names.append(synonym.text)
        if len(names) > MAX_QUERY_SYNONYMS:
            break
    return names


def condition_gene_symbols(condition: Condition) -> list[str]:
    """Symbols of the genes that cause the condition (never its modifier genes)."""
    return sorted({link.gene.symbol for link in condition.gene_links.all() if link.is_cause})


def load_condition(condition_id: int) -> Condition:
    """The condition with what linking and querying need, prefetched."""
    return Condition.objects.prefetch_related(
        "synonyms", "identifiers", "gene_links__gene", "therapy_links__therapy"
    ).get(pk=condition_id)


def matcher_for_condition(condition: Condition, *, kind: str, query: str) -> Matcher:
    """A matcher for one condition (from load_condition), its genes and therapies."""
    names = {condition.name: condition.pk}
    names.update({s.text: condition.pk for s in condition.synonyms.all()})
    therapies: dict[str, int] = {}
    for link in condition.therapy_links.all():
        therapy = link.therapy
        therapies.update({n: therapy.pk for n in [therapy.name, *therapy.synonyms]})
    return Matcher(
        condition_names=names,
        gene_symbols={link.gene.symbol: link.gene_id for link in condition.gene_links.all()},
        therapy_names=therapies,
        mesh_ids={
            i.value: condition.pk
            for i in condition.identifiers.all()
            if i.scheme == IdentifierScheme.MESH
        },
        references=references_for(kind),
        fallback_condition_id=condition.pk,
        fallback_text=f"search: {query}",
    )


def matcher_for_references(kind: str) -> Matcher:
    """A matcher that only follows curated references (for fetching cited records)."""
    return Matcher(references=references_for(kind))


def references_for(kind: str) -> dict[str, list[tuple[int, int | None]]]:
    """Record key -> (therapy id, condition id) for every TherapyLink citing it."""
    column = "nct_ids" if kind == "trial" else "pmids"
    found: dict[str, list[tuple[int, int | None]]] = {}
    rows = TherapyLink.objects.exclude(**{column: []}).values_list(
        column, "therapy_id", "condition_id"
    )
    for keys, therapy_id, condition_id in rows:
        for key in keys:
            found.setdefault(key.strip().upper(), []).append((therapy_id, condition_id))
    return found


def links_write(
    link_model: type[models.Model], record_field: str, proposed: Iterable[tuple[int, ProposedLink]]
) -> None:
    """Insert the proposed links that do not exist yet; existing rows are left as they are."""
    wanted = list(proposed)
    if not wanted:
        return
    column = f"{record_field}_id"
    # One query for the batch's existing links: a rerun then inserts (and builds) nothing.
    existing = set(
        link_model.objects.filter(**{f"{column}__in": {pk for pk, _ in wanted}}).values_list(
            column, "condition_id", "gene_id", "therapy_id"
        )
    )
    rows = [
        link_model(
            **{column: record_pk},
            condition_id=p.condition_id,
            gene_id=p.gene_id,
            therapy_id=p.therapy_id,
            method=p.method,
            matched_text=p.matched_text,
            review_status=p.review_status,
        )
        for record_pk, p in wanted
        if (record_pk, p.condition_id, p.gene_id, p.therapy_id) not in existing
    ]
    if rows:
        # ignore_conflicts still covers a concurrent refresh inserting the same link.
        link_model.objects.bulk_create(rows, ignore_conflicts=True)

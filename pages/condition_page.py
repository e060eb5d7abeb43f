"""The condition page: a condition with its signs, genes, types, treatments, trials, papers
and articles, in a fixed and small number of queries (issue 14 item 10 cut them).
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from urllib.parse import quote

from django.utils.safestring import SafeString
from django.utils.text import slugify

from content.models import Article
from identifiers.urls import clinvar_gene_url, ctgov_condition_search_url, identifier_url
from kbimport.importers.curated_names import curated_sources
from knowledge.models import (
    ApprovalStatus,
    Condition,
    ConditionGene,
    ConditionSubtype,
    ConditionSynonym,
    SubtypeRelation,
    TherapyLink,
)
from knowledge.prevalence import best_known_statement
from knowledge.related_therapies import (
    RelatedTherapy,
    related_genes_text,
    related_therapies_list,
    subtype_therapies_list,
)
from knowledge.summaries import (
    FamilySummary,
    condition_family_summary,
    frequency_words,
    inheritance_words,
    onset_words,
    symptom_name,
)
from literature.models import PublicationLink
from pages.condition_html import SIGNS_SHOWN, sign_rows_html, sources_html
from pages.condition_rows import condition_rows_get, phenotype_url, visible_links
from trials.models import OPEN_STATUSES, TrialLink

INVESTIGATIONAL_ORDER = (
    ApprovalStatus.APPROVED_OTHER,
    ApprovalStatus.INVESTIGATIONAL,
    ApprovalStatus.INDIVIDUALIZED,
    ApprovalStatus.PRECLINICAL,
    ApprovalStatus.APPROVAL_ENDED,
)


@dataclass(frozen=True)
class SourceNote:
    source: str
    source_id: str = ""
    retrieved_on: datetime.date | None = None
    url: str = ""


@dataclass(frozen=True)
class ExternalLink:
    label: str
    url: str


@dataclass(frozen=True)
class Symptom:
    name: str
    term: str
    hpo_id: str
    how_often: str
    url: str = ""


@dataclass(frozen=True)
class PrevalenceRow:
    """One Orphanet prevalence statement as the page lists it for physicians."""

    figure: str  # the class, or Orphanet's count ("Cases/families") when it gives no class
    kind: str
    where: str
    qualification: str
    source: str  # Orphanet's own reference (PMIDs, expert opinion)
    said: bool  # the one the family sentence says


def prevalence_rows(condition: Condition) -> list[PrevalenceRow]:
    best = best_known_statement(condition)
    return [
        PrevalenceRow(s.get("class") or s.get("mean_value", ""), s.get("type", ""),
                      s.get("geographic", ""), s.get("qualification", ""), s.get("source", ""),
                      s is best)
        for s in condition.prevalence_statements or ()
    ]  # fmt: skip


@dataclass(frozen=True)
class ConditionPage:
    condition: Condition
    summary: FamilySummary
    symptoms: list[Symptom]
    onset_text: str
    inheritance_text: str
    genes: list[ConditionGene]
    approved: list[TherapyLink]
    investigational: list[TherapyLink]
    trials: list[TrialLink]
    publications: list[PublicationLink]
    external_links: list[ExternalLink]
    articles: list[Article]
    sources: dict[str, list[SourceNote]] = field(default_factory=dict)
    # The other names shown under the title ("Also called"), each with its source below.
    names: list[ConditionSynonym] = field(default_factory=list)
    # Orphanet's classification: the types of this condition, and the groups it belongs to.
    subtypes: list[ConditionSubtype] = field(default_factory=list)
    groups: list[ConditionSubtype] = field(default_factory=list)
    omim_types: list[ConditionSubtype] = field(default_factory=list)  # Orphanet's BTNT mappings
    # Therapies of its types, then of conditions sharing a causal gene: never its own.
    subtype_therapies: list[RelatedTherapy] = field(default_factory=list)
    # Every Orphanet prevalence statement for physicians, best known first.
    prevalence_rows: list[PrevalenceRow] = field(default_factory=list)
    related_therapies: list[RelatedTherapy] = field(default_factory=list)
    related_genes: str = ""
    last_updated: datetime.datetime | None = None
    # The condition's other identifiers, without the primary id or repeats.
    other_ids: list[str] = field(default_factory=list)
    # Links whose approval ended everywhere (shown as history, never as approved).
    ended: list[TherapyLink] = field(default_factory=list)
    # Before any refresh (or offline): ClinicalTrials.gov's own search, not a hidden section.
    trials_search_url: str = ""
    # Whether any trial is linked at all (open or not): the studied medicines need one.
    trial_links: bool = True

    @functools.cached_property
    def sources_html(self) -> dict[str, SafeString]:
        """Each section's list of sources, as HTML."""
        return {name: sources_html(notes) for name, notes in self.sources.items()}

    @property
    def sign_rows_html(self) -> SafeString:
        """The rows of the table of signs: the 25 most common."""
        return sign_rows_html(self.symptoms[:SIGNS_SHOWN])


NAMES_SHOWN = 4


def shown_names(condition: Condition) -> list[ConditionSynonym]:
    """The other names under the title: the first few, and every name a curated page gives.

    A curated name ("Batten disease" from NINDS) is the everyday name a family searched for:
    it is always shown, whatever the number of Orphanet's synonyms stored before it.
    """
    names = list(condition.synonyms.all())
    first = names[:NAMES_SHOWN]
    curated = [n for n in names[NAMES_SHOWN:] if n.source in curated_sources()]
    return [*first, *curated]


def _sources(rows: list, limit: int | None = 4) -> list[SourceNote]:
    seen: dict[tuple[str, str], SourceNote] = {}
    for row in rows:
        key = (row.source, row.source_id)
        if key not in seen:
            seen[key] = SourceNote(row.source, row.source_id, row.retrieved_on, row.source_url)
    return list(seen.values())[:limit]


def _external_links(condition: Condition, genes: list[ConditionGene]) -> list[ExternalLink]:
    ids: dict[str, list[str]] = {}
    scheme, _, value = condition.primary_id.partition(":")
    ids.setdefault(scheme, []).append(value)
    for ident in condition.identifiers.all():
        ids.setdefault(ident.scheme, []).append(ident.value)
    links = [
        ExternalLink(f"Orphanet (ORPHA:{v})", identifier_url("ORPHA", quote(v)))
        for v in dict.fromkeys(ids.get("ORPHA", []))
    ]
    links.extend(
        ExternalLink(f"OMIM ({v})", identifier_url("OMIM", quote(v)))
        for v in dict.fromkeys(ids.get("OMIM", []))
    )
    gard = "https://rarediseases.info.nih.gov/diseases/{}/" + slugify(condition.name)
    links.extend(
        ExternalLink(f"GARD ({v})", gard.format(quote(v.lstrip("0") or v)))
        for v in dict.fromkeys(ids.get("GARD", []))
    )
    for link in genes[:3]:
        symbol = link.gene.symbol
        links.append(
            ExternalLink(
                f"ClinVar: {symbol} variants",
                clinvar_gene_url(symbol),
            )
        )
        links.append(
            ExternalLink(
                f"MedlinePlus Genetics: {symbol} gene",
                f"https://medlineplus.gov/genetics/gene/{quote(symbol.lower())}/",
            )
        )
    return links


# What the cards and their source notes show: trial and paper rows also hold JSON and long
# text (sites, contacts, eligibility; abstracts) the condition page never shows.
_TRIAL_CARD_FIELDS = (
    "review_status", "trial_id", "condition_id", "trial__nct_id", "trial__title",
    "trial__status", "trial__phases", "trial__countries", "trial__retrieved_at",
    "trial__source_url",
)  # fmt: skip
_PAPER_CARD_FIELDS = (
    "review_status", "publication_id", "condition_id", "publication__pmid", "publication__title",
    "publication__journal", "publication__published_text", "publication__published_on",
    "publication__retrieved_at",
)  # fmt: skip


def condition_get_page(
    *, slug: str, trial_limit: int = 5, paper_limit: int = 5
) -> ConditionPage | None:
    """Everything the condition page shows, in a fixed number of queries; None if unknown."""
    rows = condition_rows_get(slug)
    if rows is None:
        return None
    condition = rows.condition
    trials = (
        list(
            visible_links(TrialLink, condition=condition, trial__status__in=OPEN_STATUSES)
            .select_related("trial")
            .only(*_TRIAL_CARD_FIELDS)
            .order_by("-review_status", "-trial__last_update_date")[:trial_limit]
        )
        if rows.any_trial_link
        else []
    )
    papers = (
        list(
            visible_links(PublicationLink, condition=condition)
            .select_related("publication")
            .only(*_PAPER_CARD_FIELDS)
            .order_by("-publication__published_on", "-publication_id")[:paper_limit]
        )
        if rows.any_paper
        else []
    )
    articles = (
        list(Article.objects.public().filter(related_conditions=condition))
        if rows.any_article
        else []
    )
    phenotype_links = [p for p in condition.phenotypes.all() if p.frequency != 0]
    phenotype_links.sort(
        key=lambda p: (-(p.frequency if p.frequency is not None else -1), symptom_name(p).lower())
    )
    symptoms = [
        Symptom(
            symptom_name(p),
            p.phenotype.name,
            p.phenotype.hpo_id,
            frequency_words(p.frequency, p.frequency_label),
            phenotype_url(p.phenotype.hpo_id),
        )
        for p in phenotype_links
    ]
    therapy_links = list(condition.therapy_links.all())
    approved = sorted(
        (t for t in therapy_links if t.regulatory.approved_now),
        key=lambda t: t.therapy.name.lower(),
    )
    # An approval that ended (withdrawn, expired) is history: neither approved nor being studied.
    ended = [t for t in therapy_links if t.current_status == ApprovalStatus.APPROVAL_ENDED]
    investigational = sorted(
        (
            t
            for t in therapy_links
            if not t.regulatory.approved_now and t.current_status != ApprovalStatus.APPROVAL_ENDED
        ),
        key=lambda t: (
            INVESTIGATIONAL_ORDER.index(t.current_status)
            if t.current_status in INVESTIGATIONAL_ORDER
            else 9,
            t.therapy.name.lower(),
        ),
    )
    genes = sorted(condition.gene_links.all(), key=lambda g: g.gene.symbol)
    subtypes, groups = rows.subtypes, rows.groups
    own_therapy_ids = {t.therapy_id for t in therapy_links}
    subtype_related = subtype_therapies_list(
        # Types without a therapy link add no card: their query is skipped.
        subtypes=[s for s in subtypes if s.child_treated],
        own_therapy_ids=own_therapy_ids,
    )
    related = related_therapies_list(
        condition=condition,
        gene_links=genes,
        own_therapy_ids=own_therapy_ids | {r.link.therapy_id for r in subtype_related},
        neighbours=rows.gene_neighbours,
    )
    facts = SourceNote(
        condition.facts_source or condition.primary_id, condition.primary_id, condition.retrieved_on
    )
    names = shown_names(condition)
    return ConditionPage(
        condition=condition,
        names=names,
        summary=condition_family_summary(condition),
        symptoms=symptoms,
        onset_text=onset_words(condition.onset),
        inheritance_text=inheritance_words(condition.inheritance),
        genes=genes,
        approved=approved,
        investigational=investigational,
        ended=ended,
        trials=trials,
        publications=papers,
        external_links=_external_links(condition, genes),
        trials_search_url=ctgov_condition_search_url(condition.name),
        articles=articles,
        trial_links=rows.any_trial_link,
        subtypes=[s for s in subtypes if s.relation != SubtypeRelation.OMIM_NARROWER],
        omim_types=[s for s in subtypes if s.relation == SubtypeRelation.OMIM_NARROWER],
        groups=groups,
        subtype_therapies=subtype_related,
        prevalence_rows=prevalence_rows(condition),
        related_therapies=related,
        related_genes=related_genes_text(related),
        sources={
            "facts": [facts],
            "names": _sources(names, limit=None),
            "symptoms": _sources(phenotype_links),
            "genes": _sources(genes),
            "classification": _sources([*subtypes, *groups]),
            # Every shown therapy's source, not only the first few.
            "therapies": _sources([*approved, *investigational, *ended], limit=None),
            "trials": [
                SourceNote(
                    "ClinicalTrials.gov",
                    t.trial.nct_id,
                    t.trial.retrieved_at.date(),
                    t.trial.source_url,
                )
                for t in trials
            ][:4],
            "publications": [
                SourceNote(
                    "PubMed",
                    f"PMID {p.publication.pmid}",
                    p.publication.retrieved_at.date(),
                    p.publication.pubmed_url,
                )
                for p in papers
            ][:4],
        },
        last_updated=condition.updated_at,
        other_ids=[
            curie
            for curie in dict.fromkeys(i.curie for i in condition.identifiers.all())
            if curie != condition.primary_id
        ],
    )

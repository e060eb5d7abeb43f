"""Treatment search: resolve inputs, gather therapy links, rank them, attach trials and papers."""

from __future__ import annotations

from identifiers.hgvs import VariantParseError, parse_variant
from identifiers.urls import ctgov_study_url, pubmed_url
from knowledge.editor_values import links_prime_editor_values
from knowledge.models import (
    Condition,
    ConditionGene,
    ConditionSubtype,
    Gene,
    Modality,
    Phenotype,
    TherapyLink,
)
from knowledge.reference_pages import is_regulator_page, page_name, regulator_name
from knowledge.therapy_names import ingredient_key
from literature.models import Publication
from treatments.eligibility import PatientFacts
from treatments.link_rows import therapy_link_list_reached
from treatments.phenotypes import conditions_rank_by_phenotypes
from treatments.query import (
    MAX_RESULTS,
    ConditionRef,
    PhenotypeRef,
    RankedCondition,
    Reference,
    TreatmentQuery,
    TreatmentResult,
    TreatmentResults,
)
from treatments.ranking import TIERS, RankContext, RankedLink, links_rank
from treatments.resolve import (
    REF_FIELDS,
    ResolvedVariant,
    condition_list_for_text,
    gene_get_for_text,
    phenotype_list_for_text,
    variant_resolve,
)
from treatments.trial_lists import (
    CONDITION_TRIALS,
    condition_trials,
    trials_by_therapy,
    visible_trial_links,
)
from trials.selectors import studied_therapy_list

PHENOTYPE_CONDITIONS = 10  # conditions suggested by symptoms that widen a search
MAX_URL_REFERENCES = 3


def _ref(condition: Condition, how: str) -> ConditionRef:
    return ConditionRef(condition.pk, condition.name, condition.slug, condition.primary_id, how)


def _split_gene_and_variant(query: TreatmentQuery) -> tuple[str, str]:
    """Accept "CFTR F508del" typed into the gene box: a gene plus a variant is a variant."""
    gene_text, variant_text = query.gene.strip(), query.variant.strip()
    if gene_text and not variant_text and " " in gene_text:
        try:
            parsed = parse_variant(gene_text)
        except VariantParseError:
            return gene_text, variant_text
        if parsed.gene:
            return parsed.gene, gene_text
    return gene_text, variant_text


def _collect_conditions(
    query: TreatmentQuery, gene_ids: set[int], variant: ResolvedVariant | None
) -> tuple[dict[int, str], list[ConditionRef], list[str]]:
    how: dict[int, str] = {}
    refs: list[ConditionRef] = []
    notices: list[str] = []
    if query.condition.strip():
        found = condition_list_for_text(text=query.condition)
        if not found:
            notices.append(f"No condition matched “{query.condition.strip()}”.")
        for condition in found:
            how[condition.pk] = f"Used for {condition.name}, the condition searched for."
            refs.append(_ref(condition, "searched for"))
        # A group ("Proximal spinal muscular atrophy") reaches the treatments of its types.
        for link in ConditionSubtype.objects.filter(
            parent__in=[c.pk for c in found]
        ).select_related("child", "parent"):
            if link.child_id not in how:
                how[link.child_id] = (
                    f"Used for {link.child.name}, a type of {link.parent.name} (Orphanet)."
                )
                refs.append(_ref(link.child, f"a type of {link.parent.name}"))
    if gene_ids:
        for condition_id, name, slug, primary_id, symbol in ConditionGene.objects.filter(
            gene_id__in=gene_ids
        ).values_list(
            "condition_id", "condition__name", "condition__slug", "condition__primary_id",
            "gene__symbol",
        ):  # fmt: skip
            if condition_id not in how:
                how[condition_id] = f"Used for {name}, which is linked to {symbol}."
                refs.append(ConditionRef(condition_id, name, slug, primary_id,
                                         f"linked to {symbol}"))  # fmt: skip
    if variant and variant.condition_ids:
        for condition in Condition.objects.only(*REF_FIELDS).filter(pk__in=variant.condition_ids):
            if condition.pk not in how:
                how[condition.pk] = f"Used for {condition.name}, linked to this variant in ClinVar."
                refs.append(_ref(condition, "linked to the variant"))
    return how, refs, notices


def _references(ranked: list[RankedLink]) -> dict[str, Reference]:
    """PubMed references: a stored PubMed record, else what the curated file says of it."""
    refs: dict[str, Reference] = {}
    for item in ranked:
        for pmid in item.link.pmids:
            known = (item.link.citations or {}).get(pmid) or {}
            refs.setdefault(pmid, Reference(
                "pmid", pmid, pubmed_url(pmid),
                title=known.get("title", ""), journal=known.get("journal", ""),
                year=known.get("year", ""), et_al=bool(known.get("et_al")),
                authors=(known["first_author"],) if known.get("first_author") else (),
            ))  # fmt: skip
    pmids = set(refs)
    for pub in Publication.objects.filter(pmid__in=pmids) if pmids else ():
        authors = tuple(
            a.get("name") or " ".join(filter(None, [a.get("last"), a.get("initials")]))
            for a in pub.authors
            if isinstance(a, dict)
        )
        refs[pub.pmid] = Reference(
            "pmid", pub.pmid, pub.pubmed_url, title=pub.title, journal=pub.journal,
            year=str(pub.published_on.year) if pub.published_on else pub.published_text[:4],
            authors=tuple(a for a in authors if a), doi=pub.doi, volume=pub.volume,
            issue=pub.issue, pages=pub.pages,
        )  # fmt: skip
    return refs


def _link_references(link: TherapyLink, pubs: dict[str, Reference]) -> list[Reference]:
    """The label or regulator's page first, then PubMed, then ClinicalTrials.gov, then others.

    The pages behind the regulatory events shown come before the link's other web pages."""
    event_urls = [u for e in link.regulatory_events.all() for u in e.urls]
    urls = list(dict.fromkeys([*event_urls, *link.urls]))
    regulator = [u for u in urls if is_regulator_page(u)]
    others = [u for u in urls if not is_regulator_page(u)]
    cited = {u for u in event_urls if not is_regulator_page(u)}
    others = [u for u in others if u in cited] + [u for u in others if u not in cited][
        :MAX_URL_REFERENCES
    ]
    references = [
        Reference("url", u, u, title=page_name(u), publisher=regulator_name(u)) for u in regulator
    ]
    references += [pubs[p] for p in link.pmids if p in pubs]
    references += [Reference("nct", nct, ctgov_study_url(nct)) for nct in link.nct_ids]
    references += [Reference("url", url, url) for url in others]
    return references


def _mechanism_source(link: TherapyLink) -> str:
    """Who wrote the mechanism shown when an editor did, not the link's source."""
    by = link.mechanism_text_values
    return by[0].credit if by else ""


def _result(
    rank: int, item: RankedLink, pubs: dict[str, Reference], trials: list
) -> TreatmentResult:
    """The link's editor credits are primed (links_prime_editor_values)."""
    link, therapy = item.link, item.link.therapy
    references = _link_references(link, pubs)
    return TreatmentResult(
        rank=rank, therapy_id=therapy.pk, therapy_name=therapy.name, therapy_slug=therapy.slug,
        synonyms=tuple(therapy.synonyms), modality=therapy.modality,
        modality_label=Modality(therapy.modality).label if therapy.modality in Modality.values
        else therapy.modality,
        status=link.current_status, status_label=link.current_status_label,
        evidence_level=link.evidence_level, evidence_label=link.get_evidence_level_display(),
        mechanism=link.mechanism_text, condition_name=link.condition_name,
        variant_scope=link.variant_scope, tier=item.tier, tier_label=TIERS[item.tier][1],
        reasons=item.reasons, references=tuple(references), trials=tuple(trials),
        source=link.source, source_url=link.source_url, retrieved_on=link.retrieved_on,
        regulatory=link.regulatory, eligibility=item.eligibility, population=link.population,
        not_confirmed=tuple(link.not_confirmed_notes), note=link.note,
        mechanism_source=_mechanism_source(link),
        editor_values=tuple(v for v in link.editor_values if v.field != "mechanism"),
    )  # fmt: skip


def _variant_not_held_notice(variant: ResolvedVariant, gene: Gene | None) -> str:
    """Say plainly that a variant is not among the ClinVar records we hold, and what follows."""
    typed = variant.description.normalized
    if gene is None:
        return (
            f"“{typed}” is not among the variants in our knowledge base, so we cannot tell its "
            "gene: add the gene to search its treatments, or look the variant up in ClinVar."
        )
    return (
        f"“{typed}” is not among the variants in our knowledge base: the results are for "
        f"{gene.symbol} and what the variant's own name says (its type, and the exons or protein "
        "change it names)."
    )


def treatment_list_ranked(*, query: TreatmentQuery, studied: bool = True) -> TreatmentResults:
    """Run a treatment search; raises TreatmentQueryError for an unreadable variant.

    ``studied=False`` leaves out the therapies under study (one query) for callers that do not
    show them (the case report)."""
    notices: list[str] = []
    gene_text, variant_text = _split_gene_and_variant(query)
    gene = gene_get_for_text(text=gene_text) if gene_text else None
    if gene_text and gene is None:
        notices.append(f"No gene named “{gene_text}” (symbol, previous symbol or alias).")
    variant = (
        variant_resolve(text=variant_text, gene_symbol=gene.symbol if gene else "")
        if variant_text
        else None
    )
    if variant and gene is None and variant.gene_symbol:
        gene = gene_get_for_text(text=variant.gene_symbol)
    if variant and not variant.variant_ids:
        notices.append(_variant_not_held_notice(variant, gene))
    gene_ids = {gene.pk} if gene else set()
    how, condition_refs, more = _collect_conditions(query, gene_ids, variant)
    notices += more
    found, missing = phenotype_list_for_text(text=query.phenotypes)
    notices += [f"No HPO term matched “{word}”." for word in missing]
    absent, missing = phenotype_list_for_text(text=query.excluded_phenotypes)
    notices += [f"No HPO term matched the excluded “{word}”." for word in missing]
    ranked_conditions = _ranked_conditions(query, found, absent, gene)
    # Symptoms widen the search only when no diagnosis, gene or variant points at a condition.
    phenotype_rank = (
        {}
        if how
        else {
            rc.condition.id: (i, rc.condition.name)
            for i, rc in enumerate(ranked_conditions[:PHENOTYPE_CONDITIONS], 1)
        }
    )
    facts = PatientFacts(
        gene=gene.symbol if gene else (variant.gene_symbol if variant else ""),
        variants=(variant,) if variant else (), allele_count=query.copies,
        age_months=query.current_age_months, ambulatory=query.ambulatory, sex=query.sex or None,
    )  # fmt: skip
    context = RankContext(
        variant=variant, gene_ids=frozenset(gene_ids), gene_symbol=gene.symbol if gene else "",
        condition_how=how, phenotype_rank=phenotype_rank, facts=facts,
    )  # fmt: skip
    ranked = _ranked_links(query, context)
    trials = trials_by_therapy(ranked, query)
    if query.filters.touches_trials:
        ranked = [r for r in ranked if trials.get(r.link.therapy_id)]
    ranked = ranked[: min(query.limit, MAX_RESULTS)]
    pubs = _references(ranked)
    trial_conditions = set(how) or set(phenotype_rank)
    # Most conditions have no trial link: one probe instead of the two trial queries below
    # (a caller that shows no studied medicines, the case report, runs its one query directly).
    shows_studied = bool(how) and studied
    any_trials = bool(trial_conditions) and (
        not shows_studied or visible_trial_links(trial_conditions).exists()
    )
    # Who set what the results show, their events' credits too: one history read per model.
    links_prime_editor_values(r.link for r in ranked)
    results = tuple(
        _result(i, item, pubs, trials.get(item.link.therapy_id, []))
        for i, item in enumerate(ranked, 1)
    )
    return TreatmentResults(
        query=query,
        conditions=tuple(condition_refs),
        gene_symbol=gene.symbol if gene else "",
        variant_normalized=variant.description.normalized if variant else "",
        phenotypes=tuple(PhenotypeRef(t.pk, t.hpo_id, t.name, typed) for typed, t in found),
        notices=tuple(notices),
        results=results,
        ranked_conditions=ranked_conditions,
        condition_trials=condition_trials(trial_conditions, query) if any_trials else (),
        studied=tuple(
            studied_therapy_list(
                condition_ids=set(how),
                known_keys={
                    ingredient_key(name)
                    for r in ranked
                    for name in (r.link.therapy.name, *r.link.therapy.synonyms)
                },
                limit=CONDITION_TRIALS,
            )
        )
        if shows_studied and any_trials
        else (),
        excluded_phenotypes=tuple(
            PhenotypeRef(t.pk, t.hpo_id, t.name, typed) for typed, t in absent
        ),
    )


def _ranked_conditions(
    query: TreatmentQuery,
    found: list[tuple[str, Phenotype]],
    absent: list[tuple[str, Phenotype]],
    gene: Gene | None,
) -> tuple[RankedCondition, ...]:
    """The conditions that best fit the signs (seen and excluded), onset, sex and gene."""
    if not found:
        return ()
    scores = conditions_rank_by_phenotypes(
        phenotype_ids=[term.pk for _, term in found],
        excluded_ids=[term.pk for _, term in absent],
        age_months=query.age_months,
        sex=query.sex or None,
        gene_symbols=(gene.symbol,) if gene else (),
    )
    names = Condition.objects.in_bulk([s.condition_id for s in scores])
    return tuple(
        RankedCondition(
            _ref(names[s.condition_id], "suggested by symptoms"), s.score, s.matches,
            absent=s.absent, excluded=s.excluded, notes=s.notes,
        )
        for s in scores
        if s.condition_id in names
    )  # fmt: skip


def _ranked_links(query: TreatmentQuery, context: RankContext) -> list[RankedLink]:
    condition_ids = set(context.condition_how) | set(context.phenotype_rank)
    variant_ids = context.variant.variant_ids if context.variant else frozenset()
    if not condition_ids and not context.gene_ids and not variant_ids:
        return []
    rows = therapy_link_list_reached(
        condition_ids=condition_ids,
        gene_ids=context.gene_ids,
        variant_ids=variant_ids,
        filters=query.filters,
    )
    return links_rank(rows, context)

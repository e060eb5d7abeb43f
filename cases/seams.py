"""The one place cases/ calls the treatment search, its eligibility and the sign recogniser.

Issues 13, 17, 18 and 19 replace what sits behind these functions (eligibility_check, the
description recogniser, the richer phenotype ranking, "in trials" therapies); callers stay.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from cases.facts import CaseFacts
from knowledge.models import TherapyLink
from search.describers import is_own_sign
from treatments.describe.selectors import signs_for_text
from treatments.eligibility import PatientFacts, eligibility_check
from treatments.query import TreatmentQuery, TreatmentResults
from treatments.resolve import ResolvedVariant, variant_resolve
from treatments.selectors import treatment_list_ranked

MATCHES, DOES_NOT_MATCH, CANNOT_TELL = "matches", "does_not_match", "cannot_tell"


@dataclass(frozen=True)
class TherapyFit:
    """Whether one therapy's known limits fit the case; never used to hide a therapy."""

    verdict: str  # matches / does_not_match / cannot_tell
    reasons: tuple[str, ...]
    requirement: str  # the limit in plain words, or ""


def _signs_in_words(text: str) -> list[str]:
    """HPO ids for the family's own words (issue 17's recogniser); typed HPO ids kept as is."""
    pieces = [s.strip() for s in text.split(",") if s.strip()]
    if not pieces:
        return []
    found = [sign.hpo_id for sign in signs_for_text(text=text) if is_own_sign(sign)]
    if not found:
        return pieces  # the older lookup then names each piece it could not read
    typed_ids = [p for p in pieces if p.upper().startswith("HP:")]
    return list(dict.fromkeys([*typed_ids, *found]))


def case_query(facts: CaseFacts) -> TreatmentQuery:
    """The treatment search query a case stands for."""
    signs = [*_signs_in_words(facts.signs_text), *facts.signs_picked]
    return TreatmentQuery(
        condition=facts.diagnosis,
        gene=facts.gene,
        variant=facts.variant,
        phenotypes=", ".join(dict.fromkeys(signs)),
        limit=50,
    )


def case_search(facts: CaseFacts) -> TreatmentResults:
    """Run the treatment search for a case; raises TreatmentQueryError for an unreadable variant."""
    # With the medicines other trials of the conditions test ("being studied", issue 19).
    return treatment_list_ranked(query=case_query(facts), studied=True)


def _variant(facts: CaseFacts, results: TreatmentResults) -> ResolvedVariant | None:
    if not results.variant_normalized:
        return None
    text = facts.variant or facts.gene
    return variant_resolve(text=text, gene_symbol=results.gene_symbol)


def therapy_fits(
    *, facts: CaseFacts, results: TreatmentResults, condition_ids: set[int]
) -> dict[int, TherapyFit]:
    """Therapy id -> how its variant rule fits the case (until issue 13's eligibility_check)."""
    therapy_ids = [r.therapy_id for r in results.results]
    variant = _variant(facts, results)
    links = TherapyLink.objects.filter(therapy_id__in=therapy_ids).only(
        "therapy_id", "condition_id", "variant_rule", "variant_scope"
    )
    by_therapy: dict[int, list[TherapyLink]] = defaultdict(list)
    for link in links:
        by_therapy[link.therapy_id].append(link)
    order = {MATCHES: 0, CANNOT_TELL: 1, DOES_NOT_MATCH: 2}
    best: dict[int, TherapyFit] = {}
    for therapy_id in therapy_ids:
        rows = by_therapy.get(therapy_id, [])
        # The links for this case's conditions decide; a therapy reached by gene alone uses all.
        here = [link for link in rows if link.condition_id in condition_ids] or rows
        fits = [_link_fit(link, variant) for link in here]
        best[therapy_id] = min(fits, key=lambda f: order[f.verdict]) if fits else _unknown("")
    return best


def _unknown(scope: str) -> TherapyFit:
    return TherapyFit(
        CANNOT_TELL,
        ("Our data does not hold this treatment's age or other limits. Ask your doctor.",),
        scope,
    )


def _link_fit(link: TherapyLink, variant: ResolvedVariant | None) -> TherapyFit:
    if link.variant_rule is None:
        return _unknown(link.variant_scope)
    if variant is None:
        return TherapyFit(
            CANNOT_TELL,
            ("It is only for some gene changes, and no gene change was given.",),
            link.variant_scope,
        )
    # Issue 13: the one eligibility check decides (links here have their genes prefetched or not).
    result = eligibility_check(
        link=link, facts=PatientFacts(gene=variant.gene_symbol, variants=(variant,))
    )
    reasons = tuple(result.reasons) or ("Ask your doctor if the gene change fits.",)
    return TherapyFit(str(result.verdict), reasons, result.requirement)

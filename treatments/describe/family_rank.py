"""The family panel's ranking, added up in one place: what a description gives besides its signs
(`DescriptionParts`, read once), the score each condition earns from it at a set of weights
(`family_prior_scores`), the ranking itself (`family_ranking`) and the panel's lines
(`shown_once`). The live search (`selectors._conditions`) and the weights' benchmark
(`benchmarks/family_weights.py`) both call these, so a weight fitted there is the weight the
page ranks by: the benchmark used to add the parts up again beside the page and could drift
from it (session review, R37).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from search.describers import SignFound, is_own_sign
from treatments.describe.alternatives import (
    ALTERNATIVE_COST,
    alternative_credit,
    alternatives_get,
    plural_once,
)
from treatments.describe.evidence import condition_words_get, text_bonus
from treatments.describe.lexicon import phrase_table_get
from treatments.describe.meaning import SET_COST
from treatments.describe.persons import described_person
from treatments.describe.prior import (
    BOY_WEIGHT,
    COVERAGE_WEIGHT,
    FAMILY_WEIGHTS,
    MIN_NAMED_SIGNS,
    PRIOR_WEIGHT,
    SIGN_MASS_WEIGHT,
    FamilyPrior,
    boy_bonus,
    coverage_bonus,
    late_onset_penalty,
    named_share_penalty,
)
from treatments.phenotypes import conditions_rank_by_phenotypes
from treatments.phenotypes.index import PhenotypeIndex
from treatments.phenotypes.rank import ConditionScore
from treatments.phenotypes.scoring import RankWeights

RANK_POOL = 20  # ranked before subtypes are shown as their disease and names de-duplicated

AlternativeSets = tuple[tuple[str, tuple[str, ...]], ...]  # HPO id -> the other terms read


@dataclass(frozen=True)
class FamilyWeights:
    """Every weight of the family ranking (each constant's comment says where it was fitted)."""

    prior: float = PRIOR_WEIGHT
    coverage: float = COVERAGE_WEIGHT
    sign_mass: float = SIGN_MASS_WEIGHT
    min_named_signs: int = MIN_NAMED_SIGNS
    boy: float = BOY_WEIGHT
    alternative_cost: float = ALTERNATIVE_COST
    set_cost: float = SET_COST
    rank: RankWeights = FAMILY_WEIGHTS


TODAYS_WEIGHTS = FamilyWeights()


@dataclass(frozen=True)
class DescriptionParts:
    """What a description gives the ranking besides its signs; no weight changes it."""

    evidence: np.ndarray  # the unread words' evidence per condition (`text_bonus`)
    latest_onset: str | None
    sex: str | None
    others: AlternativeSets  # the terms the very words of a sign also name (`alternatives`)
    once: AlternativeSets  # a recurring sign read from its plural: the sign once
    read_sets: AlternativeSets  # a clause the meaning reader read as near several terms


def description_parts(
    index: PhenotypeIndex, text: str, signs: Sequence[SignFound], sets: Mapping[str, Iterable[str]]
) -> DescriptionParts:
    """Read once what `text` gives besides `signs` (the signs shown, negated and removed ones
    included; `sets`: the meaning reader's)."""
    person = described_person(text)
    own = [s for s in signs if is_own_sign(s)]
    own_ids = {s.hpo_id for s in own}
    table = phrase_table_get()
    return DescriptionParts(
        # The words no sign was read from (a removed chip's words included: not evidence either).
        evidence=text_bonus(condition_words_get(index), text, (s.words for s in signs)),
        latest_onset=person.latest_onset,
        sex=person.sex,
        others=_frozen(alternatives_get(index, table, own)),
        once=_frozen(plural_once(index, table, own)),
        read_sets=_frozen({h: m for h, m in sets.items() if h in own_ids}),
    )


def _frozen(sets: Mapping[str, Iterable[str]]) -> AlternativeSets:
    return tuple((hpo_id, tuple(members)) for hpo_id, members in sets.items())


def family_prior_scores(
    index: PhenotypeIndex,
    family: FamilyPrior,
    phenotype_ids: list[int],
    parts: DescriptionParts,
    weights: FamilyWeights = TODAYS_WEIGHTS,
) -> np.ndarray:
    """Per condition of `index`, the score the family ranking adds to the signs' own."""
    prior = weights.prior * family.log_prevalence
    prior = prior + coverage_bonus(index, phenotype_ids, weights.coverage)
    prior = prior + named_share_penalty(
        index, family, phenotype_ids, weights.sign_mass, weights.min_named_signs
    )
    prior = prior + parts.evidence
    # Who the family describes: a boy, signs seen at birth or in infancy (weak evidence).
    prior = prior + late_onset_penalty(index, parts.latest_onset)
    prior = prior + boy_bonus(index, parts.sex, weights.boy)
    rank, cost = weights.rank, weights.alternative_cost
    prior = prior + alternative_credit(index, rank, _listed(parts.others), cost, meetings=True)
    prior = prior + alternative_credit(index, rank, _listed(parts.once), cost=0.0)
    # A clause read by meaning as a set: its members are as near as the shown one.
    return prior + alternative_credit(index, rank, _listed(parts.read_sets), weights.set_cost)


def _listed(sets: AlternativeSets) -> list[tuple[str, list[str]]]:
    return [(hpo_id, list(members)) for hpo_id, members in sets]


def family_ranking(
    index: PhenotypeIndex,
    family: FamilyPrior,
    phenotype_ids: list[int],
    excluded_ids: list[int],
    parts: DescriptionParts,
    weights: FamilyWeights = TODAYS_WEIGHTS,
) -> list[ConditionScore]:
    """The RANK_POOL best conditions for the signs seen and excluded, best first."""
    return conditions_rank_by_phenotypes(
        phenotype_ids=phenotype_ids, excluded_ids=excluded_ids, sex=parts.sex, limit=RANK_POOL,
        index=index, weights=weights.rank,
        prior=family_prior_scores(index, family, phenotype_ids, parts, weights),
        details=False,  # the matches are shown, nothing else
    )  # fmt: skip


def shown_once(
    scores: Sequence[ConditionScore], family: FamilyPrior, names: Mapping[int, str], limit: int
) -> list[tuple[ConditionScore, int]]:
    """The panel's lines: (score, pk shown) with a subtype shown as its disease, one line per
    name (lower-cased, the first ranked kept) and `limit` lines; an entry without a name in
    `names` (not loaded) is left out."""
    out: list[tuple[ConditionScore, int]] = []
    seen: set[str] = set()
    for score in scores:
        pk = family.shown_as.get(score.condition_id, score.condition_id)
        name = names.get(pk)
        if name is None or name.lower() in seen:
            continue
        seen.add(name.lower())
        out.append((score, pk))
        if len(out) >= limit:
            break
    return out

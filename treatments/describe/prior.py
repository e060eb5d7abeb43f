"""What the description search weighs besides the signs, all read from the knowledge base:

- how common each condition is: Orphanet's prevalence class (stored on the condition with its
  source, e.g. "1-5 / 10 000": Orphanet's headline, point prevalence worldwide first; when that
  is "Unknown", the first point or birth prevalence with a class, `ranking_class`: achondroplasia
  is 1-9 / 100 000 at birth, not unknown). A family's few everyday signs fit
  many conditions; among those that fit equally, the commoner one is the likelier, so each
  tenfold step of prevalence adds PRIOR_WEIGHT to the score (a mild prior: one well-matched
  specific sign is worth more than two classes). A disease Orphanet lists with its prevalence
  "Unknown", or with no prevalence class at all (1,632 Orphanet disorders), is read as the
  "1-9 / 1 000 000" class; an entry with no Orphanet record at all (most are OMIM entries
  reported in one or a few families) as the rarest class.
- how many of the family's signs a condition has (`coverage_bonus`): a condition that explains
  more of what the family saw gains COVERAGE_WEIGHT per sign, so one very specific match does
  not outweigh a condition that has all of them.
- how many signs a condition shows in all (`named_share_penalty`): a family names a few of the
  signs they see, so each sign named is one of the condition's signs, as likely as its
  frequency over the condition's whole sign mass (its frequencies summed: the signs a patient
  shows on average). A condition with a long list of frequent signs holds any sign named, or
  one near it, by chance: without this it won the ties a misread or an added sign made
  (docs/benchmarks.md, "Twenty-first session, R25"). Lists are incomplete (an entry known from
  one family lists few signs), so the median Orphanet disease's mass is added as signs not yet
  listed; and with one or two signs named that uncertainty is all the term would rank by, so it
  counts from MIN_NAMED_SIGNS on.
- which disease a subtype belongs to (Orphanet's classification, `ConditionSubtype`): a family
  wants "Angelman syndrome", not "Angelman syndrome due to imprinting defect in 15q11-q13", so a
  subtype is shown as its disease, with the signs it matched. The same holds for the numbered
  OMIM types Orphanet maps as narrower than its disease (BTNT): "Noonan syndrome 8" is shown as
  "Noonan syndrome". An OMIM or DECIPHER entry with the very name of an Orphanet disease
  ("Sotos syndrome", "Phosphoribosylpyrophosphate synthetase superactivity") is that disease
  under another source's id: it is shown as the Orphanet one, whose page a family reads
  (the panel shows one entry per name; it used to keep whichever scored first).
  A type is as common as its own class says, or as its share of the disease's prevalence
  (the disease's divided among the entries shown as it), whichever is higher: one of Retinitis
  pigmentosa's 85 numbered types, whose patients are floppy, is not as common as all of
  Retinitis pigmentosa, and ranked it first for a floppy baby who chokes on feeds. The
  disease's own record keeps its whole prevalence, so a typical description still finds it,
  and so does an entry with its very name even when Orphanet maps it as a narrower type (OMIM's
  "Sotos syndrome" beside Sotos syndrome 2 and 3): that entry is the disease, not a share.

Built once per phenotype index version and kept in memory (one query of ~13,000 short rows).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace

import numpy as np

from knowledge.models import Condition, ConditionSubtype, SubtypeRelation
from knowledge.prevalence import prevalence_value, ranking_class
from search.same_names import orphanet_twins
from treatments.phenotypes.index import UNKNOWN, PhenotypeIndex
from treatments.phenotypes.scoring import (
    DEFAULT_WEIGHTS,
    ONSET_ORDER,
    RankWeights,
    male_only_conditions,
)

# The three weights below were tuned on the description tuning splits (docs/benchmarks.md,
# "Fifth session"); the held-out set was run for totals only.
PRIOR_WEIGHT = 0.75  # score added per tenfold prevalence
COVERAGE_WEIGHT = 0.5  # score added per family sign the condition has (or has narrower)
# Score taken per sign named, per unit of log(sign mass + the median disease's), from three signs
# named (R25 chose 0.4 on half A of the description tuning splits, confirmed on half B; C16 had
# found the same pseudo-count: docs/benchmarks.md "Twenty-first session, R25"). Re-fitted on
# today's reader over 943 descriptions (`benchmarks/family_weights.py`): 0.6 chosen on half A
# (tuning17/19/24/26/28/32/34, unknown27; s@3 263-265 from 0.55 to 0.8, 258 at 0.4), confirmed
# on half B (the other tuning files) and on the judged set's descriptions, which lose at 3 from
# 0.65 on ("Thirty-first session, R36").
SIGN_MASS_WEIGHT = 0.6
MIN_NAMED_SIGNS = 3
# Score taken from a condition that only ever starts two or more onset classes after the latest
# the description allows (the clinicians' ranking charges the same for an onset mismatch).
ONSET_WEIGHT = DEFAULT_WEIGHTS.onset_penalty
# Score added for a boy to a condition that shows almost only in males (X-linked recessive or
# Y-linked only, the conditions the sex rule makes unlikely in a girl): a boy is about twice
# as likely under it as under one that is not (P(male | X-linked recessive) ~ 1 against 1/2),
# a likelihood ratio of 2. Its full log (0.69) outweighed prevalence, which this ranking damps
# (0.75 per tenfold, 0.33 per unit of log), and put X-linked SMA above SMA for a floppy boy;
# 0.3 was chosen on half A of the description tuning splits (flat from 0.25 to 0.35) and
# confirmed on half B (docs/benchmarks.md, "Twenty-second session, S26").
BOY_WEIGHT = 0.3
# Signs seen at birth or before: HPO's "Abnormality of prenatal development or birth" (the
# placenta, born early, ...) and the two growth signs HPO files elsewhere (under growth).
PRENATAL_OR_BIRTH = (
    "HP:0001197",  # Abnormality of prenatal development or birth
    "HP:0001511",  # Intrauterine growth retardation
    "HP:0001518",  # Small for gestational age
)
SUBTYPE_KINDS = frozenset({"Clinical subtype", "Etiological subtype", "Histopathological subtype"})
# A family names a few signs, not all they see: a condition's frequent signs that the description
# does not mention are not evidence against it, and a long list of signs is no reason to doubt
# a condition (both weights were tuned on the description tuning split; see docs/benchmarks.md).
# How often a condition shows a sign counts a little more for a family's few signs than in a
# clinician's long list (frequency_weight 0.5 there).
# A condition that lists only a broader term than the sign read is charged half the IC the
# broader term lost, not all of it (and a sign it lacks altogether half its IC, at most 3 as
# before): a family's words and an annotation's grain differ more than a clinician's term and
# the list's. broader_penalty 0.5 was chosen with SIGN_MASS_WEIGHT 0.6 on half A (s@3 265-267
# from 0.25 to 0.6, 263 at 1.0; the A-best 0.4 lost one on half B at 3), confirmed on half B
# and the judged set's descriptions (docs/benchmarks.md, "Thirty-first session, R36").
FAMILY_WEIGHTS: RankWeights = replace(
    DEFAULT_WEIGHTS, absent_weight=0.0, size_penalty=0.0, frequency_weight=0.75,
    broader_penalty=0.5,
)  # fmt: skip


@dataclass(frozen=True)
class FamilyPrior:
    """The prior score per condition of an index, and the disease each subtype is shown as."""

    version: str
    log_prevalence: np.ndarray  # log10 of the prevalence read, aligned with index.condition_ids
    shown_as: dict[int, int]  # subtype pk -> its disease's pk
    # log(sign mass + the median Orphanet disease's) per condition (see named_share_penalty)
    log_sign_mass: np.ndarray

    @property
    def prior(self) -> np.ndarray:
        """The prevalence's score at PRIOR_WEIGHT (the ranking takes its weight as an argument:
        `family_rank.family_prior_scores`)."""
        return PRIOR_WEIGHT * self.log_prevalence


def coverage_bonus(
    index: PhenotypeIndex, phenotype_ids: list[int], weight: float = COVERAGE_WEIGHT
) -> np.ndarray:
    """`weight` per sign each condition of `index` has, itself or a narrower term."""
    bonus = np.zeros(len(index.condition_ids))
    terms = {index.position[pk] for pk in phenotype_ids if pk in index.position}
    for term in terms:
        bonus[index.term_conditions[term]] += weight
    return bonus


def sign_mass(index: PhenotypeIndex) -> np.ndarray:
    """Each condition's frequencies summed over its annotations, an annotation without one read
    as the family ranking reads it (FAMILY_WEIGHTS.unknown_frequency): the signs a patient
    shows on average."""
    freq = index.annot_freq.astype(np.float64)
    freq = np.where(freq == UNKNOWN, FAMILY_WEIGHTS.unknown_frequency, freq)
    if not len(freq):
        return np.zeros(len(index.condition_ids))
    sizes = np.diff(index.annot_ptr)
    starts = np.minimum(index.annot_ptr[:-1], len(freq) - 1)
    return np.where(sizes > 0, np.add.reduceat(freq, starts), 0.0)


def named_share_penalty(
    index: PhenotypeIndex,
    family: FamilyPrior,
    phenotype_ids: list[int],
    weight: float = SIGN_MASS_WEIGHT,
    min_named: int = MIN_NAMED_SIGNS,
) -> np.ndarray:
    """-`weight` x log(sign mass + the median disease's) per sign named, once `min_named` or
    more were named: each is one of the condition's signs, the likelier the fewer signs it
    shows."""
    named = len({index.position[pk] for pk in phenotype_ids if pk in index.position})
    if named < min_named:
        return np.zeros(len(index.condition_ids))
    return -weight * named * family.log_sign_mass


def late_onset_penalty(index: PhenotypeIndex, latest_onset: str | None) -> np.ndarray:
    """-ONSET_WEIGHT for each condition whose recorded onsets all come two or more classes
    after `latest_onset` (signs seen at birth: not a condition that only starts in adults),
    unless the condition lists a sign of birth itself."""
    penalty = np.zeros(len(index.condition_ids))
    if latest_onset is None:
        return penalty
    key = (index.version, latest_onset)
    cached = _late_onsets.get(key)
    if cached is None:
        bound = ONSET_ORDER.index(latest_onset) + 1
        seen_at_birth = _birth_sign_conditions(index)
        cached = np.array(
            [
                i
                for i, onsets in enumerate(index.onset)
                if (known := [ONSET_ORDER.index(o) for o in onsets if o in ONSET_ORDER])
                and "all_ages" not in onsets
                and min(known) > bound
                and i not in seen_at_birth
            ],
            dtype=np.int64,
        )
        if len(_late_onsets) > len(ONSET_ORDER):  # entries of an older index version
            _late_onsets.clear()
        _late_onsets[key] = cached
    penalty[cached] = -ONSET_WEIGHT
    return penalty


_late_onsets: dict[tuple[str, str], np.ndarray] = {}


def boy_bonus(index: PhenotypeIndex, sex: str | None, weight: float = BOY_WEIGHT) -> np.ndarray:
    """+`weight` for a boy to each condition that shows almost only in males."""
    bonus = np.zeros(len(index.condition_ids))
    if sex == "male" and weight:
        bonus[male_only_conditions(index)] = weight
    return bonus


def _birth_sign_conditions(index: PhenotypeIndex) -> set[int]:
    """Conditions that list a sign of prenatal development or birth (small for gestational
    age, growth restriction in the womb, born early): their signs show at birth whatever onset
    Orphanet records (Placental insufficiency's "adult" is the mother's; Hennekam syndrome's
    "childhood" is when most are diagnosed)."""
    terms = [index.hpo_position[h] for h in PRENATAL_OR_BIRTH if h in index.hpo_position]
    return {int(i) for term in terms for i in index.term_conditions[term].tolist()}


def family_prior_build(index: PhenotypeIndex) -> FamilyPrior:
    """Read prevalence classes and subtype links for the conditions of `index`."""
    rows = {}
    names: dict[int, str] = {}
    conditions = Condition.objects.values_list(
        "id", "disorder_type", "prevalence", "prevalence_statements", "is_group", "primary_id",
        "name",
    )  # fmt: skip
    for pk, kind, headline, statements, is_group, primary_id, name in conditions.iterator(
        chunk_size=5000
    ):
        prevalence = ranking_class(headline, statements)
        rows[pk] = (kind, prevalence, is_group, primary_id.startswith("ORPHA:"))
        names[pk] = name
    shown_as = _shown_as(rows)
    # An entry with an Orphanet disease's very name is that disease, not one of its types: it
    # is as common as the Orphanet entry and takes no share of it.
    itself = {}
    for pk, disease in _same_name_orphanet(rows, names).items():
        shown = shown_as.setdefault(pk, shown_as.get(disease, disease))
        if shown == shown_as.get(disease, disease):
            itself[pk] = disease
    unlisted = ("", "", False, False)

    shares = Counter(disease for pk, disease in shown_as.items() if pk not in itself)

    def log_prevalence(pk: int) -> float:
        if pk in itself:
            return log_prevalence(itself[pk])
        own = rows.get(pk, unlisted)
        disease_pk = shown_as.get(pk)
        best = prevalence_value(own[1], own[3])
        if disease_pk is not None:
            disease = rows.get(disease_pk, unlisted)
            shared = prevalence_value(disease[1], disease[3]) / shares[disease_pk]
            best = max(best, shared)
        return math.log10(best)

    prior = np.array([log_prevalence(int(pk)) for pk in index.condition_ids.tolist()])
    mass = sign_mass(index)
    diseases = [
        i
        for i, pk in enumerate(index.condition_ids.tolist())
        if (row := rows.get(pk)) and row[3] and not row[2] and row[0] not in SUBTYPE_KINDS
    ]
    unlisted = float(np.median(mass[diseases])) if diseases else 0.0
    return FamilyPrior(
        version=index.version,
        log_prevalence=prior,
        shown_as=shown_as,
        log_sign_mass=np.log(np.maximum(mass + unlisted, 1.0)),
    )


def _shown_as(rows: dict[int, tuple[str, str, bool, bool]]) -> dict[int, int]:
    """Subtype pk -> the disease it is shown as: an Orphanet subtype's disease, or for a
    numbered OMIM type (BTNT) the Orphanet disease, itself followed to its disease."""
    shown_as: dict[int, int] = {}
    omim: dict[int, list[int]] = {}
    links = ConditionSubtype.objects.order_by("parent_id").values_list(
        "child_id", "parent_id", "relation"
    )
    for child, parent, relation in links.iterator(chunk_size=5000):
        if rows[parent][2]:
            continue  # a group is not a disease
        if relation == SubtypeRelation.OMIM_NARROWER:
            omim.setdefault(child, []).append(parent)
        elif rows[child][0] in SUBTYPE_KINDS:
            shown_as.setdefault(child, parent)
    for child, parents in omim.items():
        if child in shown_as:
            continue
        # Mapped under a disease and one of its subtypes: the disease level first.
        parent = min(parents, key=lambda pk: rows[pk][0] in SUBTYPE_KINDS)
        shown_as[child] = shown_as.get(parent, parent)
    return shown_as


def _same_name_orphanet(
    rows: dict[int, tuple[str, str, bool, bool]], names: dict[int, str]
) -> dict[int, int]:
    """Entry pk -> the one Orphanet disease (not a group) whose name it has, for entries of
    another source: the same disease under two ids (the rule the search page's lines follow)."""
    return orphanet_twins((pk, names[pk], row[3], row[2]) for pk, row in rows.items())


_memory: dict[str, FamilyPrior] = {}


def family_prior_get(index: PhenotypeIndex) -> FamilyPrior:
    """The prior for this index version (rebuilt when the index changes)."""
    cached = _memory.get("prior")
    if cached is None or cached.version != index.version:
        cached = family_prior_build(index)
        _memory["prior"] = cached
    return cached


def family_prior_clear() -> None:
    """Forget the in-process prior (tests call this after changing conditions)."""
    _memory.clear()
    _late_onsets.clear()

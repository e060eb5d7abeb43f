"""How well would the family ranking do if every sign were read right? (issue 17)

Run: PYTHONPATH=$PWD XDG_RUNTIME_DIR=var/run nice -n 19 .venv/bin/python \
        benchmarks/description_ceiling.py [--n 300] [--seed 4242] [--signs 3 4 5] [--everyday FILE]

The description path has two halves: reading a family's words as HPO signs, and ranking
conditions for those signs. The judged descriptions measure both at once. This script measures
the ranking alone: for Orphanet disorders drawn as the held-out descriptions are (not groups,
seven or more signs at 30 % or more, none judged in any file — heldout_draw.py's pool), it
takes K of those frequent signs at random, as if a family had named them and the reader had
read each exactly, and ranks with the family panel's own weights, prior and subtype folding.

Reported per K, for a random draw of that pool and for a draw of its commoner conditions
(heldout_draw.py's --common; the held-out file holds both kinds), success at 1 and 3 of:
- "any sign": K of the frequent signs, lab and imaging findings included;
- "nameable": K of the frequent signs a parent can name (an HPO layperson synonym or a row of
  treatments/data/everyday_signs.tsv), the signs descriptions are written from;
- the nameable reading spoiled once: one sign read a step broader ("parent") or narrower
  ("child") than the packet's term, or one sign of another condition added ("wrong").
The gap between "nameable" and the judged descriptions' own figure is what reading loses.
Each condition's signs are drawn with a generator seeded by the condition itself, so two runs
with different everyday files (`--everyday FILE`, default the shipped one) draw the same signs
for every condition whose nameable signs did not change: a paired before/after.
`--why` (R25) ranks each condition's drawn signs twice, as drawn and spoiled, and for every
pair the spoiler loses (in the top 3 without it, not with it) counts what the conditions now
shown ahead have: the spoiled sign itself (or narrower), only a broader or sibling term that
earns more for it, or nothing more; how many of the other signs they hold; their number of
annotations against the judged condition's (`ceiling_why.py`).
Read-only against the configured database; ends with one line of JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

from rarelabs.startup import preflight  # noqa: E402

preflight()

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
from ceiling_why import (  # noqa: E402
    ALL_BUT_ONE,
    ALL_OTHERS,
    AT_FLOOR,
    FEWER,
    HOLDS,
    NOT_THROUGH,
    THROUGH,
    ahead_counts,
    spoiled_term,
)
from heldout_draw import MIN_FREQUENCY, candidate_pool, judged_ids  # noqa: E402

from knowledge.models import Condition, Phenotype, PhenotypeSynonym  # noqa: E402
from treatments.describe.lexicon import EVERYDAY_FILE, everyday_phrases  # noqa: E402
from treatments.describe.prior import (  # noqa: E402
    FAMILY_WEIGHTS,
    coverage_bonus,
    family_prior_get,
    named_share_penalty,
)
from treatments.phenotypes import conditions_rank_by_phenotypes, phenotype_index_get  # noqa: E402
from treatments.phenotypes.scoring import sign_scores  # noqa: E402

SPOILERS = ("parent", "child", "wrong")


def _pool(n: int, seed: int, *, common: bool) -> list[Condition]:
    """heldout_draw.py's pool (with `common`, its --common one), shuffled, the first n."""
    judged = judged_ids([])
    rows = candidate_pool(common=common)
    pool = [
        c
        for c in rows
        if judged.isdisjoint(
            [c.primary_id, *(f"OMIM:{i.value}" for i in c.identifiers.all() if i.scheme == "OMIM")]
        )
    ]
    pool.sort(key=lambda c: int(c.primary_id.removeprefix("ORPHA:")))
    random.Random(seed).shuffle(pool)
    return pool[:n]


def _nameable(everyday_file: Path) -> set[int]:
    everyday = {row.hpo_id for row in everyday_phrases(everyday_file)}
    named = set(Phenotype.objects.filter(hpo_id__in=everyday).values_list("id", flat=True))
    lay = PhenotypeSynonym.objects.filter(is_layperson=True).values_list("phenotype_id", flat=True)
    return named | set(lay)


class Ranker:
    """The family panel's ranking of a set of signs, subtypes folded into their disease."""

    def __init__(self) -> None:
        self.index = phenotype_index_get()
        self.family = family_prior_get(self.index)

        self.slot = {int(pk): i for i, pk in enumerate(self.index.condition_ids.tolist())}
        self._points: dict[int, np.ndarray] = {}

    def shown(self, phenotype_ids: list[int]) -> dict[int, int]:
        """Shown condition pk -> the first ranked condition shown as it, best first."""
        prior = self.family.prior + coverage_bonus(self.index, phenotype_ids)
        prior = prior + named_share_penalty(self.index, self.family, phenotype_ids)
        scores = conditions_rank_by_phenotypes(
            phenotype_ids=phenotype_ids, limit=20, index=self.index, weights=FAMILY_WEIGHTS,
            prior=prior, details=False,
        )  # fmt: skip
        shown_as = self.family.shown_as
        out: dict[int, int] = {}
        for s in scores:
            out.setdefault(shown_as.get(s.condition_id, s.condition_id), s.condition_id)
        return out

    def hits(self, condition_pk: int, phenotype_ids: list[int]) -> tuple[bool, bool]:
        shown = list(self.shown(phenotype_ids))
        target = {condition_pk, self.family.shown_as.get(condition_pk, condition_pk)}
        return bool(target & set(shown[:1])), bool(target & set(shown[:3]))

    def ahead(self, condition_pk: int, phenotype_ids: list[int]) -> list[int]:
        """Index positions of the conditions shown in the top 3 in place of the judged one."""
        target = {condition_pk, self.family.shown_as.get(condition_pk, condition_pk)}
        top = list(self.shown(phenotype_ids).items())[:3]
        return [self.slot[pk] for shown, pk in top if shown not in target]

    def points(self, term: int) -> np.ndarray:
        """The ranking's points for one sign (a term index) per condition."""
        if term not in self._points:
            self._points[term] = sign_scores(self.index, term, len(self.slot), FAMILY_WEIGHTS)
        return self._points[term]

    def floor(self, term: int) -> float:
        """What a condition with nothing like the sign earns for it."""
        ic = float(self.index.ic[term])
        return -min(FAMILY_WEIGHTS.broader_penalty * ic, FAMILY_WEIGHTS.unmatched_cap)


def _spoil(
    pick: list[int],
    how: str,
    rng: random.Random,
    edges: dict[str, dict[int, list[int]]],
    others: list[list[int]],
) -> list[int]:
    """One sign read a step broader or narrower, or one frequent sign of another condition."""
    pick = list(pick)
    j = rng.randrange(len(pick))
    if how == "wrong":
        return [*pick, rng.choice(rng.choice(others))]
    steps = edges[how].get(pick[j])
    if steps:
        pick[j] = rng.choice(steps)
    return pick


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300, help="conditions drawn (at most 2000)")
    parser.add_argument("--seed", type=int, default=4242)
    parser.add_argument("--signs", type=int, nargs="+", default=[3, 4, 5])
    parser.add_argument("--everyday", type=Path, default=EVERYDAY_FILE, help="everyday rows")
    parser.add_argument("--why", action="store_true", help="what wins when a spoiler loses")
    args = parser.parse_args()
    n = min(max(args.n, 10), 2000)

    drawn = {
        "random": _pool(n, args.seed, common=False),
        "commoner": _pool(n, args.seed, common=True),
    }
    pool = list({c.pk: c for part in drawn.values() for c in part}.values())
    signs = {
        c.pk: sorted(
            c.phenotypes.filter(frequency__gte=MIN_FREQUENCY).values_list("phenotype_id", flat=True)
        )
        for c in pool
    }
    others = [signs[c.pk] for c in pool]
    nameable = _nameable(args.everyday)
    edges: dict[str, dict[int, list[int]]] = {"parent": {}, "child": {}}
    for child, parent in Phenotype.parents.through.objects.values_list(
        "from_phenotype_id", "to_phenotype_id"
    ):
        edges["parent"].setdefault(child, []).append(parent)
        edges["child"].setdefault(parent, []).append(child)
    ranker = Ranker()
    figures: dict[str, dict[str, float | int]] = {}
    sizes = ", ".join(f"{len(v)} {k}" for k, v in drawn.items())
    print(f"drawn as heldout_draw.py draws: {sizes}; seed {args.seed}")
    print(
        f"{'reading':<22} {'K':>2} {'random: n':>9} {'s@1':>6} {'s@3':>6}   commoner: n  s@1   s@3"
    )
    for k in args.signs:
        for reading in ("any sign", "nameable", *(f"nameable, {s}" for s in SPOILERS)):
            tally = {"random": [0, 0, 0], "commoner": [0, 0, 0]}
            for part, c in [(part, c) for part, rows in drawn.items() for c in rows]:
                choice = signs[c.pk] if reading == "any sign" else [
                    s for s in signs[c.pk] if s in nameable
                ]  # fmt: skip
                if len(choice) < k:
                    continue
                rng = random.Random(f"{args.seed}-{k}-{reading}-{c.primary_id}")
                pick = rng.sample(choice, k)
                if reading.startswith("nameable, "):
                    spoiler = reading.removeprefix("nameable, ")
                    pick = _spoil(pick, spoiler, rng, edges, others)
                at1, at3 = ranker.hits(c.pk, pick)
                tally[part][0] += 1
                tally[part][1] += at1
                tally[part][2] += at3
            cells = []
            for part in drawn:
                total, at1, at3 = tally[part]
                figures[f"{reading} K={k} {part}"] = {
                    "n": total,
                    "s@1": round(at1 / total, 3) if total else 0.0,
                    "s@3": round(at3 / total, 3) if total else 0.0,
                }
                cells.append(figures[f"{reading} K={k} {part}"])
            a, b = cells
            print(
                f"{reading:<22} {k:>2} {a['n']:>9} {a['s@1']:>6.3f} {a['s@3']:>6.3f}"
                f"   {b['n']:>11} {b['s@1']:.3f} {b['s@3']:.3f}"
            )
    if args.why:
        why = _why(ranker, drawn, signs, nameable, edges, others, args)
        figures.update({f"why {key}": value for key, value in why.items()})
    print(json.dumps({"benchmark": "description_ceiling", "seed": args.seed, "figures": figures}))


def _why(ranker, drawn, signs, nameable, edges, others, args) -> dict[str, dict[str, float]]:
    """Paired: each drawn pick with and without its spoiler; what wins where the spoiler loses."""
    position = ranker.index.position
    sizes = np.diff(ranker.index.annot_ptr)
    print("why (paired: the same signs with and without the spoiler; lost: in the top 3")
    print("without it, not with it; ahead: the conditions shown in the top 3 in its place)")
    out: dict[str, dict[str, float]] = {}
    for k in args.signs:
        for spoiler in SPOILERS:
            reading = f"nameable, {spoiler}"
            pairs = clean = spoilt = lost = 0
            counts: Counter = Counter()
            ahead_sizes: list[int] = []
            judged_sizes: list[int] = []
            for c in [c for rows in drawn.values() for c in rows]:
                choice = [s for s in signs[c.pk] if s in nameable]
                if len(choice) < k:
                    continue
                rng = random.Random(f"{args.seed}-{k}-{reading}-{c.primary_id}")
                pick = rng.sample(choice, k)
                spoiled = _spoil(pick, spoiler, rng, edges, others)
                if spoiled_term(pick, spoiled) is None or c.pk not in ranker.slot:
                    continue
                pairs += 1
                was = ranker.hits(c.pk, pick)[1]
                now = ranker.hits(c.pk, spoiled)[1]
                clean += was
                spoilt += now
                if not was or now:
                    continue
                lost += 1
                terms = [position[pk] for pk in spoiled if pk in position]
                term = position[spoiled_term(pick, spoiled)]
                judged = ranker.slot[c.pk]
                ahead = ranker.ahead(c.pk, spoiled)
                counts += ahead_counts(
                    ranker.index, ranker.points, judged=judged, ahead=ahead, spoiled=term,
                    others=[t for t in terms if t != term], floor=ranker.floor(term),
                )  # fmt: skip
                ahead_sizes.extend(int(sizes[i]) for i in ahead)
                judged_sizes.append(int(sizes[judged]))
            n_ahead = sum(counts[key] for key in (HOLDS, THROUGH, NOT_THROUGH))
            out[f"{reading} K={k}"] = row = {
                "pairs": pairs,
                "s@3 without": round(clean / pairs, 3) if pairs else 0.0,
                "s@3 with": round(spoilt / pairs, 3) if pairs else 0.0,
                "lost": lost,
                "ahead": n_ahead,
                **{key: counts[key] for key in (HOLDS, THROUGH, NOT_THROUGH)},
                **{key: counts[key] for key in (ALL_OTHERS, ALL_BUT_ONE, FEWER, AT_FLOOR)},
                "annotations ahead": float(np.median(ahead_sizes)) if ahead_sizes else 0.0,
                "annotations judged": float(np.median(judged_sizes)) if judged_sizes else 0.0,
            }
            print(
                f"{reading:<18} K={k} pairs {pairs}: s@3 {row['s@3 without']:.3f} without, "
                f"{row['s@3 with']:.3f} with; lost {lost} (judged at the floor {counts[AT_FLOOR]})"
                f"; {n_ahead} ahead: {counts[HOLDS]} hold it, {counts[THROUGH]} only a broader"
                f" or sibling term, {counts[NOT_THROUGH]} not through it; {counts[ALL_OTHERS]}"
                f" hold all the other signs, {counts[ALL_BUT_ONE]} all but one,"
                f" {counts[FEWER]} fewer; annotations (median) {row['annotations ahead']:.0f}"
                f" ahead, {row['annotations judged']:.0f} judged"
            )
    return out


if __name__ == "__main__":
    main()

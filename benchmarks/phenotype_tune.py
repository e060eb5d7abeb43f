"""Tune the ranking's weights on the TUNING split only (see phenotype_cases.py for the protocol).

Usage: DATA=../shared/data nice .venv/bin/python benchmarks/phenotype_tune.py [--per-disease 4]
       [--set name=value ...]
Uses the scratch database phenotype_bench.py loads. Prints top-1/3/10 on the tuning cases whose
disease the installed HPO release knows, for the default weights and each --set variant.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
from phenotype_cases import cases_read, cases_select  # noqa: E402


def _subsample(cases: list, per_disease: int) -> list:
    by: dict[str, list] = defaultdict(list)
    for c in cases:
        by[c.disease_id].append(c)
    key = lambda c: hashlib.sha1(c.id.encode()).hexdigest()  # noqa: E731, S324
    return [c for d in sorted(by) for c in sorted(by[d], key=key)[:per_disease]]


def main() -> None:
    """Evaluate the default weights and each variant on the tuning split."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-disease", type=int, default=4)
    parser.add_argument("--set", action="append", default=[], help="name=value[,name=value]")
    parser.add_argument("--genes", action="store_true")
    args = parser.parse_args()
    os.environ["RARELABS_DB_NAME"] = "rarelabs_phenobench"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")
    import django

    from rarelabs.startup import preflight

    preflight()  # a script is an entry point: settings only describe the embedded servers
    django.setup()
    import numpy as np

    from knowledge.models import ConditionIdentifier, Phenotype
    from treatments.phenotypes import phenotype_index_get
    from treatments.phenotypes.rank import case_build, conditions_order
    from treatments.phenotypes.scoring import DEFAULT_WEIGHTS

    index = phenotype_index_get()
    slot = {int(pk): i for i, pk in enumerate(index.condition_ids.tolist())}
    holders: dict[str, set[int]] = defaultdict(set)
    for value, pk, mapping in ConditionIdentifier.objects.filter(scheme="OMIM").values_list(
        "value", "condition_id", "mapping"
    ):
        if pk in slot and mapping[:1] in ("", "E"):  # own id or exact mapping, as the bench
            holders[f"OMIM:{value}"].add(slot[pk])
    tuning = [c for c in cases_select(cases_read(), "tuning") if c.disease_id in holders]
    cases = _subsample(tuning, args.per_disease)
    pks = dict(Phenotype.objects.values_list("hpo_id", "id"))
    built = [
        (c, case_build(index, phenotype_ids=[pks[t] for t in c.observed if t in pks],
                       excluded_ids=[pks[t] for t in c.excluded if t in pks],
                       gene_symbols=c.genes if args.genes else ()))
        for c in cases
    ]  # fmt: skip
    print(f"{len(cases)} answerable tuning cases ({len(tuning)} in the split)")
    variants = [("default", DEFAULT_WEIGHTS)]
    for spec in args.set:
        changes = {k: float(v) for k, v in (p.split("=") for p in spec.split(","))}
        variants.append((spec, dataclasses.replace(DEFAULT_WEIGHTS, **changes)))
    for name, weights in variants:
        started = time.perf_counter()
        ranks = []
        for case, built_case in built:
            order, _ = conditions_order(index, built_case, weights)
            right = np.isin(order, list(holders[case.disease_id]))
            ranks.append(int(np.argmax(right)) + 1)
        n = len(ranks)
        tops = " ".join(f"top{k} {sum(r <= k for r in ranks) / n:.3f}" for k in (1, 3, 10))
        print(f"{tops}  ({(time.perf_counter() - started) / n * 1000:.0f} ms/case)  {name}")


if __name__ == "__main__":
    main()

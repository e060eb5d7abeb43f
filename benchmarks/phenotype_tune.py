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
from phenotype_misses import ConditionFacts, misses_print  # noqa: E402


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
    parser.add_argument("--misses", action="store_true", help="Where each variant's misses go.")
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
    facts = _facts(index) if args.misses else None
    for name, weights in variants:
        started, cpu = time.perf_counter(), time.process_time()
        ranks, results = [], []
        for case, built_case in built:
            order, _ = conditions_order(index, built_case, weights)
            right = np.isin(order, list(holders[case.disease_id]))
            ranks.append(int(np.argmax(right)) + 1)
            results.append((ranks[-1], int(order[0]), int(order[ranks[-1] - 1])))
        n = len(ranks)
        wall, cpu = (time.perf_counter() - started) / n, (time.process_time() - cpu) / n
        tops = " ".join(f"top{k} {sum(r <= k for r in ranks) / n:.3f}" for k in (1, 3, 10))
        print(f"{tops}  ({wall * 1000:.1f} ms wall, {cpu * 1000:.1f} ms CPU/case)  {name}")
        if facts is not None:
            misses_print(results, facts)


def _facts(index) -> ConditionFacts:  # noqa: ANN001 - the index type needs Django set up
    """Names, group flags, annotation counts and genes per condition index."""
    import numpy as np

    from knowledge.models import Condition

    rows = dict(
        (pk, (name, group))
        for pk, name, group in Condition.objects.values_list("id", "name", "is_group")
    )
    genes: list[set[str]] = [set() for _ in index.condition_ids]
    for symbol, members in index.gene_conditions.items():
        for i in members.tolist():
            genes[i].add(symbol)
    pks = index.condition_ids.tolist()
    return ConditionFacts(
        names=[rows[pk][0] for pk in pks],
        is_group=[rows[pk][1] for pk in pks],
        sizes=np.diff(index.annot_ptr).tolist(),
        genes=[frozenset(g) for g in genes],
    )


if __name__ == "__main__":
    main()

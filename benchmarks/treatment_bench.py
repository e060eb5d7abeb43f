"""Treatment search latency over the loaded knowledge base: p50/p95 per query kind, then JSON.

Run: .venv/bin/python benchmarks/treatment_bench.py [--repeat 30]
Loads the knowledge base with `load_knowledge_base` when the database has no conditions and
that command exists. Target: p95 < 150 ms, phenotype ranking over all conditions included.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

from benchmarks.scratch import use_scratch_copy  # noqa: E402

# Writes (synthetic rows, rebuilds, loads) go to a scratch copy, never to a live site's database.
use_scratch_copy("rarelabs_bench_treatments")

import django  # noqa: E402

django.setup()

from django.core.management import call_command, get_commands  # noqa: E402
from django.db.models import Count  # noqa: E402

from knowledge.models import Condition, ConditionPhenotype  # noqa: E402
from treatments.phenotypes import phenotype_index_clear, phenotype_index_get  # noqa: E402
from treatments.query import TreatmentQuery  # noqa: E402
from treatments.selectors import treatment_list_ranked  # noqa: E402

TARGET_P95_MS = 150.0


def _five_phenotypes() -> str:
    """Five HPO ids annotated on DMD (it has therapies), else on the best-annotated condition."""
    top = Condition.objects.filter(primary_id="ORPHA:98896").values_list("id", flat=True).first()
    if top is None:
        ranked = Condition.objects.annotate(n=Count("phenotypes")).order_by("-n")
        top = ranked.values_list("id", flat=True).first()
    ids = ConditionPhenotype.objects.filter(condition_id=top).values_list(
        "phenotype__hpo_id", flat=True
    )[:5]
    return ", ".join(ids)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    """Time each query kind `repeat` times after one warm-up and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    if not Condition.objects.exists() and "load_knowledge_base" in get_commands():
        call_command("load_knowledge_base")
    started = time.perf_counter()
    phenotype_index_clear()
    index = phenotype_index_get()
    index_ms = (time.perf_counter() - started) * 1000
    queries = {
        "gene": TreatmentQuery(gene="SMN1"),
        "variant": TreatmentQuery(variant="DMD deletion of exons 48-50"),
        "condition": TreatmentQuery(condition="cystic fibrosis"),
        "phenotypes5": TreatmentQuery(phenotypes=_five_phenotypes()),
    }
    figures: dict[str, dict[str, float]] = {}
    for name, query in queries.items():
        treatment_list_ranked(query=query)  # warm-up: connections, caches
        times = []
        results = 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            found = treatment_list_ranked(query=query)
            times.append((time.perf_counter() - t0) * 1000)
            results = len(found.results)
        figures[name] = {
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(_percentile(times, 0.95), 2),
            "results": results,
        }
        print(f"{name:12s} p50 {figures[name]['p50_ms']:8.2f} ms  p95 "
              f"{figures[name]['p95_ms']:8.2f} ms  results {results}")  # fmt: skip
    worst = max(f["p95_ms"] for f in figures.values())
    print(f"index: {len(index.condition_ids)} annotated conditions, {len(index.ic)} terms, "
          f"loaded in {index_ms:.0f} ms; worst p95 {worst:.2f} ms "
          f"(target {TARGET_P95_MS:.0f})")  # fmt: skip
    print(json.dumps({
        "benchmark": "treatment_search", "repeat": args.repeat,
        "conditions": Condition.objects.count(), "annotated_conditions": len(index.condition_ids),
        "terms": len(index.ic), "index_load_ms": round(index_ms, 1), "queries": figures,
        "worst_p95_ms": worst, "target_p95_ms": TARGET_P95_MS, "ok": worst < TARGET_P95_MS,
    }))  # fmt: skip


if __name__ == "__main__":
    main()

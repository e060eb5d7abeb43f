"""Relevance of search over the real knowledge base: success@1, success@3 and MRR per query kind.

Run: .venv/bin/python benchmarks/relevance.py [--backend postgres|opensearch|all]
        [--no-rebuild] [--enrich-from ../shared/data]
The judged queries are in benchmarks/judged_queries.json; `--judged FILE` (repeatable) reads
others instead, e.g. the held-out descriptions in benchmarks/judged_descriptions_heldout.json
(never used for tuning). Loads the bundled knowledge base with `load_knowledge_base` when the
database has no conditions (and that command exists); `--enrich-from DIR` first runs the HGNC
and mim2gene imports on DIR's files unless a successful run of each is already logged; then
rebuilds the index. It prints which data it ran on.
Targets: success@3 >= 0.95 overall, >= 0.8 on layperson queries.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

from benchmarks.scratch import use_scratch_copy  # noqa: E402

# Writes (synthetic rows, rebuilds, loads) go to a scratch copy, never to a live site's database.
use_scratch_copy("rarelabs_bench_relevance")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command, get_commands  # noqa: E402
from django.test import override_settings  # noqa: E402

from ingest.models import RefreshRun  # noqa: E402
from knowledge.models import Condition, Gene  # noqa: E402
from search.backends.base import load_backend, postgres_backend  # noqa: E402
from search.indexer import rebuild  # noqa: E402
from search.query import run_search  # noqa: E402
from search.request import SearchRequest  # noqa: E402

JUDGED = Path(__file__).resolve().parent / "judged_queries.json"
BACKENDS = {
    "postgres": "search.backends.postgres.backend.PostgresBackend",
    "opensearch": "search.backends.opensearch.backend.OpenSearchBackend",
}


def evaluate(queries: list[dict]) -> dict[str, dict[str, float]]:
    """success@1, success@3 and MRR (over the top 10) per kind and overall."""
    per_kind: dict[str, list[int | None]] = defaultdict(list)
    misses = []
    latencies = []
    described_ms = []
    for item in queries:
        started = time.perf_counter()
        response = run_search(SearchRequest(query=item["q"], page_size=10))
        latencies.append((time.perf_counter() - started) * 1000)
        # What the user reads from the top: the "Conditions that can cause these signs" panel
        # (when the query reads as a description), then the ordinary results.
        panel = response.described.conditions if response.described else ()
        if response.described:
            described_ms.append(response.described.elapsed_ms)
        # One line per name: a twin record shown on its twin's line (`Hit.also`) is at its place.
        lines = [[c.id] for c in panel] + [
            [hit.id, *(twin.id for twin in hit.also)] for hit in response.hits
        ]
        notice = response.identifier
        if notice is not None and not notice.found:
            # "not in the knowledge base" + link; after the gene the line names when it leads
            lines.insert(1 if notice.leads else 0, [f"notice:{notice.source_name}"])
        region = response.region
        if region is not None and not region.found:
            # "nothing in the knowledge base is named for these bands" + DECIPHER, first
            lines.insert(0, [f"notice:{region.source_name}"])
        ids = [line[0] for line in lines]
        rank = next(
            (i + 1 for i, line in enumerate(lines) if set(line) & set(item["expected"])), None
        )
        kind = f"{item['kind']}:{item['split']}" if item.get("split") else item["kind"]
        per_kind[kind].append(rank)
        per_kind["overall"].append(rank)
        if rank is None or rank > 3:
            misses.append(f"  miss: {item['q']!r} expected {item['expected']} got {ids[:3]}")
    print("\n".join(misses[:80]))
    latencies.sort()
    print(
        f"  latency: p50 {latencies[len(latencies) // 2]:.1f} ms, "
        f"p95 {latencies[int(0.95 * (len(latencies) - 1))]:.1f} ms, "
        f"total {sum(latencies) / 1000:.1f} s"
    )
    if described_ms:
        described_ms.sort()
        print(
            f"  description path ({len(described_ms)} queries): "
            f"p50 {described_ms[len(described_ms) // 2]:.1f} ms, "
            f"p95 {described_ms[int(0.95 * (len(described_ms) - 1))]:.1f} ms"
        )
    return {
        kind: {
            "n": len(ranks),
            "success@1": round(sum(1 for r in ranks if r == 1) / len(ranks), 3),
            "success@3": round(sum(1 for r in ranks if r and r <= 3) / len(ranks), 3),
            "mrr": round(sum(1 / r for r in ranks if r) / len(ranks), 3),
        }
        for kind, ranks in sorted(per_kind.items())
    }


# (command, file under the data folder) run by --enrich-from, in order
ENRICHMENTS = (
    ("import_hgnc", "hgnc/hgnc_complete_set.txt.gz"),
    ("import_mim2gene", "omim/mim2gene.txt"),
)


def enrich(data_dir: Path) -> None:
    """Run each enrichment import whose last logged run did not succeed."""
    for command, relative in ENRICHMENTS:
        if RefreshRun.objects.filter(task=command, status="ok").exists():
            print(f"enrich: {command} already done (logged run), skipped")
            continue
        path = data_dir / relative
        if not path.exists():
            print(f"enrich: {path} not found, {command} skipped")
            continue
        print(f"enrich: {command} --path {path}")
        call_command(command, path=str(path))


def data_description() -> dict[str, object]:
    """What the figures were measured on: the logged imports and the row and document counts."""
    runs = {}
    for run in RefreshRun.objects.filter(task__startswith="import_", status="ok").order_by("id"):
        runs[run.task] = run.scope
    return {
        "imports": runs,
        "conditions": Condition.objects.count(),
        "genes": Gene.objects.count(),
        "indexed": postgres_backend().counts(),
    }


def main() -> None:
    """Load data if needed, rebuild per backend, evaluate, print a table and one JSON line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=[*BACKENDS, "all"], default="all")
    parser.add_argument("--no-rebuild", action="store_true")
    parser.add_argument("--enrich-from", type=Path, metavar="DIR", help="shared data folder")
    parser.add_argument("--kind", action="append", help="only these kinds (repeatable)")
    parser.add_argument(
        "--judged", type=Path, action="append", help="judged-query files (default: the main set)"
    )
    parser.add_argument(
        "--no-describe", action="store_true", help="baseline: ordinary results only, no panel"
    )
    parser.add_argument(
        "--no-everyday",
        action="store_true",
        help="descriptions read with HPO labels and synonyms only (without the curated file)",
    )
    parser.add_argument(
        "--no-meaning",
        action="store_true",
        help="descriptions read without the meaning reader (treatments/describe/meaning.py)",
    )
    args = parser.parse_args()
    if not Condition.objects.exists():
        if "load_knowledge_base" not in get_commands():
            print(
                "The database has no conditions and `load_knowledge_base` does not exist yet: "
                "load the knowledge base first (the importers), then run this again."
            )
            print(json.dumps({"error": "no knowledge base loaded"}))
            return
        call_command("load_knowledge_base")
    if args.enrich_from:
        enrich(args.enrich_from)
    queries = [
        query
        for path in args.judged or [JUDGED]
        for query in json.loads(path.read_text(encoding="utf-8"))["queries"]
    ]
    if args.kind:
        queries = [q for q in queries if q["kind"] in args.kind]
    names = list(BACKENDS) if args.backend == "all" else [args.backend]
    results = {}
    for name in names:
        if name == "opensearch" and not (
            os.environ.get("OPENSEARCH_URL") or settings.OPENSEARCH_URL
        ):
            print("opensearch: skipped (OPENSEARCH_URL is not set; run `make opensearch`)")
            continue
        overrides = {
            "SEARCH_BACKEND": BACKENDS[name],
            "DESCRIBE_EVERYDAY_PHRASES": not args.no_everyday,
            "DESCRIBE_MEANING": not args.no_meaning,
            "DESCRIBE_SIGNS": not args.no_describe,
        }
        if name == "opensearch":
            overrides["OPENSEARCH_URL"] = (
                os.environ.get("OPENSEARCH_URL") or settings.OPENSEARCH_URL
            )
        with override_settings(**overrides):
            if not args.no_rebuild:
                rebuild(progress=True, backends=[load_backend()])  # only the one measured
            print(f"== {name}: {len(queries)} judged queries")
            run_search(SearchRequest(query="warm up the in-process indexes and tables"))
            scores = evaluate(queries)
        for kind, row in scores.items():
            print(
                f"  {kind:<16} n={row['n']:<4} s@1={row['success@1']:.3f} "
                f"s@3={row['success@3']:.3f} MRR={row['mrr']:.3f}"
            )
        results[name] = scores
    data = data_description()
    print(f"data: {json.dumps(data)}")
    print(json.dumps({"relevance": results, "data": data}))


if __name__ == "__main__":
    main()

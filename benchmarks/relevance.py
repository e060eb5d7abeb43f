"""Relevance of search over the real knowledge base: success@1, success@3 and MRR per query kind.

Run: .venv/bin/python benchmarks/relevance.py [--backend postgres|opensearch|all]
The judged queries are in benchmarks/judged_queries.json. Loads the bundled knowledge base with
`load_knowledge_base` when the database has no conditions (and that command exists), then
rebuilds the index. Targets: success@3 >= 0.95 overall, >= 0.8 on layperson queries.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command, get_commands  # noqa: E402
from django.test import override_settings  # noqa: E402

from knowledge.models import Condition  # noqa: E402
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
    for item in queries:
        ids = [hit.id for hit in run_search(SearchRequest(query=item["q"], page_size=10)).hits]
        rank = next((i + 1 for i, hit in enumerate(ids) if hit in item["expected"]), None)
        per_kind[item["kind"]].append(rank)
        per_kind["overall"].append(rank)
        if rank is None or rank > 3:
            misses.append(f"  miss: {item['q']!r} expected {item['expected']} got {ids[:3]}")
    print("\n".join(misses[:40]))
    return {
        kind: {
            "n": len(ranks),
            "success@1": round(sum(1 for r in ranks if r == 1) / len(ranks), 3),
            "success@3": round(sum(1 for r in ranks if r and r <= 3) / len(ranks), 3),
            "mrr": round(sum(1 / r for r in ranks if r) / len(ranks), 3),
        }
        for kind, ranks in sorted(per_kind.items())
    }


def main() -> None:
    """Load data if needed, rebuild per backend, evaluate, print a table and one JSON line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=[*BACKENDS, "all"], default="all")
    parser.add_argument("--no-rebuild", action="store_true")
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
    queries = json.loads(JUDGED.read_text(encoding="utf-8"))["queries"]
    names = list(BACKENDS) if args.backend == "all" else [args.backend]
    results = {}
    for name in names:
        if name == "opensearch" and not (
            os.environ.get("OPENSEARCH_URL") or settings.OPENSEARCH_URL
        ):
            print("opensearch: skipped (OPENSEARCH_URL is not set; run `make opensearch`)")
            continue
        overrides = {"SEARCH_BACKEND": BACKENDS[name]}
        if name == "opensearch":
            overrides["OPENSEARCH_URL"] = (
                os.environ.get("OPENSEARCH_URL") or settings.OPENSEARCH_URL
            )
        with override_settings(**overrides):
            if not args.no_rebuild:
                rebuild(progress=True)
            print(f"== {name}: {len(queries)} judged queries")
            scores = evaluate(queries)
        for kind, row in scores.items():
            print(
                f"  {kind:<16} n={row['n']:<4} s@1={row['success@1']:.3f} "
                f"s@3={row['success@3']:.3f} MRR={row['mrr']:.3f}"
            )
        results[name] = scores
    print(json.dumps({"relevance": results}))


if __name__ == "__main__":
    main()

"""Server time of the family pages (home, condition, article), with the page cache cold and warm.

The pages are rendered in-process by Django's test client (no network), against a scratch
database, rarelabs_pagebench, holding the full offline knowledge base (`load_knowledge_base`:
HPO diseases, phenotypes, genes, curated therapies) plus the starter articles. The database is
kept between runs; `--fresh` drops and reloads it. "Cold" bumps the page-cache generation before
every request, so each one renders from PostgreSQL; "warm" is served from Redis.

Run: XDG_RUNTIME_DIR=var/run .venv/bin/python benchmarks/page_bench.py [--requests 200]
Target: p95 < 100 ms for every page, cold. Ends with one line of JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
BENCH_DB = "rarelabs_pagebench"
TARGET_P95_MS = 100.0


def _prepare_database(fresh: bool) -> None:
    """Create (or recreate) the scratch database and migrate it."""
    import psycopg
    from django.conf import settings
    from django.core.management import call_command

    params = settings.DATABASES["default"]
    admin = {
        "dbname": "postgres",
        "user": params["USER"],
        "host": params["HOST"],
        "port": params.get("PORT") or None,
        "password": params.get("PASSWORD") or None,
        "autocommit": True,
    }
    with psycopg.connect(**{k: v for k, v in admin.items() if v is not None}) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{BENCH_DB}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
    call_command("migrate", verbosity=0)


def _load_content() -> None:
    from django.core.management import call_command

    from knowledge.models import Condition

    if not Condition.objects.exists():
        started = time.perf_counter()
        print("loading the knowledge base (once; kept in rarelabs_pagebench)...", flush=True)
        call_command("load_knowledge_base", "--no-index", verbosity=0)
        print(f"  loaded in {time.perf_counter() - started:.0f} s", flush=True)
    call_command("load_articles", verbosity=0)


def _pick_paths() -> dict[str, list[str]]:
    """Home, the 20 conditions with the most phenotypes plus 20 others, and every article."""
    from django.db.models import Count

    from content.models import Article
    from knowledge.models import Condition

    rich = list(
        Condition.objects.annotate(n=Count("phenotypes"))
        .order_by("-n")
        .values_list("slug", flat=True)[:20]
    )
    other = list(
        Condition.objects.exclude(slug__in=rich).order_by("?").values_list("slug", flat=True)[:20]
    )
    articles = list(Article.objects.public().values_list("slug", flat=True))
    return {
        "home": ["/"],
        "condition": [f"/conditions/{slug}/" for slug in rich + other],
        "article": [f"/articles/{slug}/" for slug in articles],
    }


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _check(status: int, path: str) -> None:
    if status != 200:
        raise SystemExit(f"{path} answered {status}: the benchmark needs every page to render")


def _time_page(paths: list[str], requests: int, *, cold: bool) -> dict[str, float]:
    from django.test import Client

    from rarelabs.pagecache import page_cache_invalidate

    client = Client()
    for path in paths:  # warm connections and templates; fill the cache for the warm run
        _check(client.get(path).status_code, path)
    timings = []
    for i in range(requests):
        path = paths[i % len(paths)]
        if cold:
            page_cache_invalidate()
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        _check(response.status_code, path)
    size = max(len(client.get(p).content) for p in paths)
    return {
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(_percentile(timings, 0.95), 2),
        "max_kb": round(size / 1024, 1),
    }


def main() -> None:
    """Prepare data, time every page cold and warm, print figures and one JSON line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--fresh", action="store_true", help="Drop and reload the scratch DB.")
    args = parser.parse_args()
    os.environ["RARELABS_DB_NAME"] = BENCH_DB
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")
    os.environ.setdefault("RARELABS_PLAIN_STATIC", "true")  # no collectstatic manifest needed
    import django

    from rarelabs.startup import preflight

    preflight()  # a script is an entry point: settings only describe the embedded servers
    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.LOGGING_CONFIG = None
    _prepare_database(args.fresh)
    _load_content()
    paths = _pick_paths()
    results: dict[str, dict[str, object]] = {}
    for name, page_paths in paths.items():
        cold = _time_page(page_paths, args.requests, cold=True)
        warm = _time_page(page_paths, args.requests, cold=False)
        ratio = round(cold["p95_ms"] / max(warm["p95_ms"], 0.01), 1)
        results[name] = {
            "pages": len(page_paths),
            "cold": cold,
            "warm": warm,
            "cold_over_warm_p95": ratio,
            "p95_vs_target": round(cold["p95_ms"] / TARGET_P95_MS, 2),
        }
        print(
            f"{name:<10} cold p50 {cold['p50_ms']:7.2f} ms  p95 {cold['p95_ms']:7.2f} ms | "
            f"warm p50 {warm['p50_ms']:6.2f} ms  p95 {warm['p95_ms']:6.2f} ms | "
            f"cold/warm {ratio:5.1f}x | p95/target {cold['p95_ms'] / TARGET_P95_MS:4.2f} | "
            f"largest {cold['max_kb']} KB"
        )
    ok = all(r["cold"]["p95_ms"] < TARGET_P95_MS for r in results.values())
    print("target p95 < 100 ms (cold):", "met" if ok else "NOT met")
    print(
        json.dumps(
            {
                "page_bench": {
                    "requests": args.requests,
                    "target_p95_ms": TARGET_P95_MS,
                    "met": ok,
                    "pages": results,
                }
            }
        )
    )


if __name__ == "__main__":
    main()

"""Where a cold page-cache miss spends its CPU, in process (issue 14 item 10, third pass).

Run: nice .venv/bin/python benchmarks/miss_profile.py --kind condition [--pages 150]
         [--cprofile 30] [--dump DIR]
Renders distinct pages of one kind (or all) from the load bench's cold walk (every one a miss:
fresh page generation, connection warmed on other pages first) in this process against a
scratch copy of the database, and prints per page: Python CPU (getrusage) and PostgreSQL CPU
(its process tree, read outside the Python window), SQL statements and their wall time.
`--cprofile N` prints the N costliest functions (own time and cumulative); `--dump DIR` writes
each page's HTML (the per-request CSRF token and CSP nonce replaced by fixed text) so the HTML
of two trees can be compared with `diff -r`. Bounded: <= 400 pages. Ends with one line of JSON.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import re
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import load_bench  # noqa: E402, I001  (first: sets up Django on a scratch copy)
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from rarelabs.pagecache import page_cache_invalidate  # noqa: E402

# What differs between two renders of the same page: the CSRF token and the CSP nonce.
_VOLATILE = (
    (
        re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'),
        'name="csrfmiddlewaretoken" value=""',
    ),
    (re.compile(r'nonce="[^"]+"'), 'nonce=""'),
)


def _python_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _pages(kind: str, count: int) -> list[str]:
    plan = load_bench.urls(12 * count + 200, 0.0, seed=3)
    return list(dict.fromkeys(p for k, p in plan if kind in ("all", k)))[: count + 20]


def _dump(folder: Path, path: str, html: str) -> None:
    for pattern, fixed in _VOLATILE:
        html = pattern.sub(fixed, html)
    name = re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_")[:80]
    digest = hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()[:8]
    (folder / f"{name}-{digest}.html").write_text(html)


def main() -> None:
    parser = argparse.ArgumentParser()
    kinds = ["all"] + [k for k, _ in load_bench.MIX]
    parser.add_argument("--kind", default="condition", choices=kinds)
    parser.add_argument("--pages", type=int, default=150)
    parser.add_argument("--cprofile", type=int, default=0, metavar="N")
    parser.add_argument("--only", metavar="REGEX", help="with --cprofile: only matching functions")
    parser.add_argument("--dump", metavar="DIR")
    args = parser.parse_args()
    count = min(max(args.pages, 5), 400)
    paths = _pages(args.kind, count)
    warm, measured = paths[:20], paths[20:]
    folder = Path(args.dump) if args.dump else None
    if folder:
        folder.mkdir(parents=True, exist_ok=True)

    sql: list[float] = []

    def timed(execute, statement, params, many, context):
        started = time.perf_counter()
        try:
            return execute(statement, params, many, context)
        finally:
            sql.append(time.perf_counter() - started)

    client = Client()
    for path in warm:  # connection opened, first queries planned, lazy tables loaded
        client.get(path)
    roots = load_bench.server_roots(os.getpid())
    postgres = roots.get("postgres")
    profiler = cProfile.Profile(time.process_time) if args.cprofile else None  # CPU, not wall
    python, pg, statements, sql_ms, status = [], [], [], [], {}
    page_cache_invalidate()
    with connection.execute_wrapper(timed):
        for path in measured:
            p0 = load_bench._tree_cpu_seconds(postgres) if postgres else 0.0
            sql.clear()
            c0 = _python_cpu()
            if profiler:
                profiler.enable()
            response = client.get(path)
            if profiler:
                profiler.disable()
            c1 = _python_cpu()
            p1 = load_bench._tree_cpu_seconds(postgres) if postgres else 0.0
            python.append((c1 - c0) * 1000)
            pg.append((p1 - p0) * 1000)
            statements.append(len(sql))
            sql_ms.append(sum(sql) * 1000)
            status[response.status_code] = status.get(response.status_code, 0) + 1
            if folder:
                _dump(folder, path, response.content.decode())

    def stats(values: list[float]) -> dict:
        return {"mean": round(statistics.mean(values), 2),
                "median": round(statistics.median(values), 2)}  # fmt: skip

    if profiler:
        for order in ("tottime", "cumulative"):
            out = io.StringIO()
            stats_ = pstats.Stats(profiler, stream=out).sort_stats(order)
            stats_.print_stats(*([args.only] if args.only else []), args.cprofile)
            print(out.getvalue())
    report = {"kind": args.kind, "pages": len(measured), "status": status,
              "python_cpu_ms": stats(python), "postgres_cpu_ms": stats(pg),
              "sql_statements": stats(statements), "sql_wall_ms": stats(sql_ms),
              "load_average": os.getloadavg()[0]}  # fmt: skip
    print(json.dumps({"miss_profile": report}))


if __name__ == "__main__":
    main()

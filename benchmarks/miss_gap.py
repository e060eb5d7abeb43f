"""Why a page-cache miss costs more CPU through gunicorn than in one process (issue 14 item 10).

Run: nice .venv/bin/python benchmarks/miss_gap.py [--kind search] [--pages 60] [--threads 16]
Renders the same distinct pages of one kind (every one a miss: fresh page generation) first
in this process with Django's test Client, then one at a time through the real server command
(`make run`'s gunicorn, on a free loopback port, against a scratch copy of the database), and
prints CPU ms per page: user and system, this process or the gunicorn workers, and PostgreSQL.
Bounded (<= 200 pages a phase); stops the server it started. Ends with one line of JSON.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
import signal
import statistics
import sys
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import load_bench  # noqa: E402, I001  (first: sets up Django on a scratch copy)
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from rarelabs.pagecache import page_cache_invalidate  # noqa: E402


def _cpu(pids: list[int]) -> tuple[float, float]:
    if pids == [os.getpid()]:  # this process: getrusage, no /proc reads inside the window
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime, usage.ru_stime
    user = system = 0.0
    for pid in pids:
        try:
            times = psutil.Process(pid).cpu_times()
        except psutil.NoSuchProcess:
            continue
        user, system = user + times.user, system + times.system
    return user, system


def _postgres_cpu(roots: dict[str, int]) -> float:
    return load_bench._tree_cpu_seconds(roots["postgres"]) if "postgres" in roots else 0.0


def _phase(send, paths: list[str], pids: list[int], roots: dict[str, int]) -> dict:
    page_cache_invalidate()  # every page below is a miss
    user, system, pg = [], [], []
    for path in paths:
        # PostgreSQL is read outside the window of this process's own clock: psutil's reads
        # of /proc must not count as the page's CPU.
        p0 = _postgres_cpu(roots)
        u0, s0 = _cpu(pids)
        send(path)
        u1, s1 = _cpu(pids)
        pg.append((_postgres_cpu(roots) - p0) * 1000)
        user.append((u1 - u0) * 1000)
        system.append((s1 - s0) * 1000)

    def stats(values: list[float]) -> dict:
        return {
            "mean": round(statistics.mean(values), 2),
            "median": round(statistics.median(values), 2),
        }

    return {"user_ms": stats(user), "system_ms": stats(system), "postgres_ms": stats(pg)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--kind", default="search", choices=["all"] + [k for k, _ in load_bench.MIX]
    )
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--workers", type=int, default=load_bench.DEFAULT_WORKERS)
    parser.add_argument("--threads", type=int, default=load_bench.THREADS_PER_WORKER)
    args = parser.parse_args()
    pages = min(max(args.pages, 5), 200)
    plan = load_bench.urls(4 * pages * 3, 0.0, seed=3)
    distinct = list(dict.fromkeys(p for k, p in plan if args.kind in ("all", k)))
    warm, measured, served = (
        distinct[:pages],
        distinct[pages : 2 * pages],
        distinct[2 * pages : 3 * pages],
    )
    report: dict = {"kind": args.kind, "pages": pages, "load_average_before": os.getloadavg()[0]}

    client = Client()
    for path in warm:
        client.get(path)
    roots = load_bench.server_roots(os.getpid())
    me = [os.getpid()]
    report["in_process"] = _phase(lambda p: client.get(p), measured, me, roots)
    connection.close()

    server, port = load_bench.start_server(args.workers, args.threads)
    try:
        roots = load_bench.server_roots(server.pid)
        workers = [c.pid for c in psutil.Process(server.pid).children()]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

        def send(path: str) -> None:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{path}: {response.status}")

        page_cache_invalidate()
        for path in warm:  # every thread's connection opened, first queries planned
            send(path)
        report["server_first_pass"] = _phase(send, measured, workers, roots)
        report["server_same_pages_again"] = _phase(send, measured, workers, roots)
        report["server_other_pages"] = _phase(send, served, workers, roots)
        conn.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    report["load_average_after"] = os.getloadavg()[0]
    print(json.dumps({"miss_gap": report}))


if __name__ == "__main__":
    main()

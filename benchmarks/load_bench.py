"""Bounded load on loopback: the real server command of `make run` (gunicorn gthread) under an
open-loop mix of search pages, condition pages and treatment searches. Ends with one line of JSON.

Run: nice .venv/bin/python benchmarks/load_bench.py [--rate 200] [--seconds 20] [--profile]
Loopback only, at most --rate x --seconds requests (rate <= 400, seconds <= 60), and it stops
the server it started. Requests are sent on a fixed schedule (open loop) and each latency is
measured from its scheduled time, so queueing counts (no coordinated omission). Queries: every
condition name and slug in the database, every curated therapy's gene, in a fixed random order
(seed 20261203), so the page cache sees a realistic spread rather than one hot query.
Writes nothing: the server runs against a scratch copy of the database (benchmarks/scratch.py).
`--profile` first renders each kind of page in-process and prints its server time, CPU and SQL
query count, then (server started) a cold miss and a hit per kind through the real server.
Every run prints CPU ms per request of gunicorn, PostgreSQL, Redis (process trees) and of this
generator, and the load average before and after: on a shared machine judge by CPU per request.
`--warm-requests N` first sends N requests of the same popularity (a site up for a while);
`--py-spy FILE` samples the server during the timed run; `--access-log FILE` keeps the server's
access log (plan index, worker, time in gunicorn) and the client's results beside it;
`--autogroup-nice N` gives the server the CPU on a shared machine (load_windows.py says why).
Over 400 lines: the one script that owns the load protocol (its window figures are in
load_windows.py). Goal (issue 14): 200 requests/s with
p95 < 100 ms per kind, judged on `--zipf 1` (docs/benchmarks.md says why).
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import random
import resource
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")
os.environ.setdefault("RARELABS_PLAIN_STATIC", "1")  # no collectstatic manifest needed

from benchmarks.load_windows import (  # noqa: E402
    WindowSampler,
    autogroup_nice,
    autogroup_of,
    set_autogroup_nice,
    summarize_windows,
)
from benchmarks.scratch import use_scratch_copy  # noqa: E402

use_scratch_copy("rarelabs_bench_load")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from knowledge.models import Condition, Therapy  # noqa: E402
from rarelabs.pagecache import page_cache_invalidate  # noqa: E402
from rarelabs.supervisor import (  # noqa: E402
    DEFAULT_WORKERS,
    THREADS_PER_WORKER,
    SiteAddress,
    _commands,
)

MIX = (("search", 0.4), ("condition", 0.4), ("treatments", 0.2))
MAX_RATE, MAX_SECONDS = 400, 60
GOAL_P95_MS = 100.0
WINDOW_SECONDS = 5  # the p95 and hit rate are also printed per window of the run


def urls(
    count: int, zipf: float = 0.0, seed: int = 20261203, draws: int | None = None
) -> list[tuple[str, str]]:
    """`count` (kind, path) pairs in the MIX proportions, from the real rows. zipf=0: walk every
    row in turn (each page cold until the walk wraps); zipf=s>0: draw rows with weight 1/rank^s
    in the shuffled order, an assumed popularity (real visits are heavy-tailed, but no access log
    exists here to fit s on). `draws` seeds other draws from the same popularity order."""
    rng = random.Random(seed)
    conditions = list(Condition.objects.values_list("name", "slug"))
    genes = sorted({g.symbol for t in Therapy.objects.prefetch_related("links__genes")
                    for link in t.links.all() for g in link.genes.all()})  # fmt: skip
    rng.shuffle(conditions)
    paths = {
        "search": [
            f"/search?{urllib.parse.urlencode({'q': n.split(',')[0][:40]})}" for n, _ in conditions
        ],
        "condition": [f"/conditions/{s}/" for _, s in conditions],
        "treatments": [f"/treatments?{urllib.parse.urlencode({'gene': g})}" for g in genes]
        + [f"/treatments?{urllib.parse.urlencode({'condition': n})}" for n, _ in conditions[:300]],
    }
    kinds = [k for k, share in MIX for _ in range(round(share * 100))]
    rng = rng if draws is None else random.Random(draws)
    picked, cursor = [], dict.fromkeys(paths, 0)
    weights = {k: [1 / (rank + 1) ** zipf for rank in range(len(v))] for k, v in paths.items()}
    for _ in range(count):
        kind = rng.choice(kinds)
        if zipf:
            picked.append((kind, rng.choices(paths[kind], weights[kind])[0]))
        else:
            picked.append((kind, paths[kind][cursor[kind] % len(paths[kind])]))
        cursor[kind] += 1
    return picked


def profile(samples: list[tuple[str, str]]) -> dict:
    """Server time, CPU and SQL queries per kind, rendered in-process: cold (page cache emptied
    before each request: rendered from PostgreSQL), then the same pages again as cache hits."""
    client = Client()
    out = {}
    for kind, _ in MIX:
        # Distinct pages: a popular page drawn twice is not a second cold render.
        paths = list(dict.fromkeys(path for k, path in samples if k == kind))[:30]
        times, cpu, queries, hit_cpu = [], [], [], []
        for path in paths:
            with CaptureQueriesContext(connection) as captured:
                page_cache_invalidate()  # cold: rendered from PostgreSQL
                started, cpu_started = time.perf_counter(), time.process_time()
                client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
            queries.append(len(captured))
            cpu_started = time.process_time()
            client.get(path)
            hit_cpu.append((time.process_time() - cpu_started) * 1000)
        out[kind] = {"server_ms_median": round(statistics.median(times), 1),
                     "server_ms_p95": round(_pct(times, 95), 1),
                     "cpu_ms_median": round(statistics.median(cpu), 1),
                     "queries_median": statistics.median(queries),
                     "hit_cpu_ms_median": round(statistics.median(hit_cpu), 2)}  # fmt: skip
    return out


def _pct(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


# One access-log line a request: the plan index the generator sent, the worker's pid and the
# time gunicorn spent on it (microseconds): queueing before a worker thread starts is the rest.
ACCESS_LOG_FORMAT = "%({x-bench-index}i)s %(p)s %(D)s"


def start_server(
    workers: int, threads: int, access_log: str | None = None
) -> tuple[subprocess.Popen[bytes], int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = _commands(SiteAddress("127.0.0.1", port), workers, threads)["web"]
    env = {**os.environ, "RARELABS_DB_NAME": connection.settings_dict["NAME"],
           "RARELABS_PLAIN_STATIC": "1"}  # fmt: skip
    log = open(access_log, "wb") if access_log else subprocess.DEVNULL  # noqa: SIM115
    if access_log:  # the last --access-logformat is the one gunicorn keeps
        command = [*command, "--access-logformat", ACCESS_LOG_FORMAT]
    server = subprocess.Popen(command, cwd=REPO, env=env, start_new_session=True,  # noqa: S603
                              stdout=log, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status in (200, 503):
                return server, port
        except OSError:
            time.sleep(0.3)
    os.killpg(server.pid, signal.SIGTERM)
    raise SystemExit("the server did not start")


def _tree_cpu_seconds(root: int) -> float:
    """User + system CPU of a process, its live descendants and its reaped children."""
    try:
        process = psutil.Process(root)
        times = process.cpu_times()
        total = times.user + times.system + times.children_user + times.children_system
        for child in process.children(recursive=True):
            try:
                child_times = child.cpu_times()
                total += child_times.user + child_times.system
            except psutil.NoSuchProcess:
                pass
    except psutil.NoSuchProcess:
        return 0.0
    return total


def server_roots(server_pid: int) -> dict[str, int]:
    """The processes serving a request: gunicorn (master + workers), PostgreSQL, Redis."""
    from django.conf import settings

    from rarelabs import embedded

    roots = {"gunicorn": server_pid}
    if not settings.DATABASE_URL:
        postmaster = embedded.running_postmaster(settings.VAR_DIR / "postgres")
        if postmaster:
            roots["postgres"] = postmaster.pid
    if not settings.REDIS_URL:
        redis_pid = embedded._redis_pid(embedded.redis_socket_path(settings.VAR_DIR).parent)
        if redis_pid:
            roots["redis"] = redis_pid
    return roots


def cpu_sample(roots: dict[str, int]) -> dict[str, float]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    sample = {name: _tree_cpu_seconds(pid) for name, pid in roots.items()}
    sample["generator"] = usage.ru_utime + usage.ru_stime
    return sample


def cpu_per_request(before: dict, after: dict, requests: int) -> dict[str, float]:
    """CPU milliseconds per request served, per process group (postgres and redis are embedded
    servers that only this clone's bench talks to during the run)."""
    out = {f"{name}_cpu_ms_per_request": round((after[name] - before[name]) * 1000 / max(1, requests), 2)
           for name in before}  # fmt: skip
    server = sum(after[n] - before[n] for n in before if n != "generator")
    out["server_cpu_ms_per_request"] = round(server * 1000 / max(1, requests), 2)
    return out


def _get(conn: http.client.HTTPConnection, path: str) -> str:
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return response.getheader("X-Page-Cache") or ""


def server_costs(port: int, roots: dict[str, int], plan: list[tuple[str, str]]) -> dict:
    """Server CPU (gunicorn + PostgreSQL + Redis) per request through the real server, one
    request at a time: a cold miss and a page-cache hit per kind, on pages from the plan."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    out = {}
    # Unmeasured first: 10 other pages of every kind, so the first kind measured does not pay
    # alone for what every kind's first request in a thread costs (its database connection).
    for kind, _ in MIX:
        for path in list(dict.fromkeys(path for k, path in plan if k == kind))[40:50]:
            _get(conn, path)
    for kind, _ in MIX:
        paths = list(dict.fromkeys(path for k, path in plan if k == kind))[:40]
        page_cache_invalidate()
        before = cpu_sample(roots)
        misses = sum(_get(conn, path) == "miss" for path in paths)
        middle = cpu_sample(roots)
        hits = sum(_get(conn, path) == "hit" for _ in range(5) for path in paths)
        after = cpu_sample(roots)
        server = [n for n in roots]
        out[kind] = {
            "miss_cpu_ms": round(sum(middle[n] - before[n] for n in server) * 1000 / len(paths), 2),
            "hit_cpu_ms": round(sum(after[n] - middle[n] for n in server) * 1000 / (5 * len(paths)), 2),
            "miss_cpu_ms_by_process": {n: round((middle[n] - before[n]) * 1000 / len(paths), 2)
                                       for n in server},
            "misses": misses, "hits": hits, "pages": len(paths),
        }  # fmt: skip
    conn.close()
    page_cache_invalidate()  # the timed run starts as cold as before
    return out


def run_load(port: int, plan: list[tuple[str, str]], rate: float, threads: int) -> list[tuple]:
    """Send plan[i] at t0 + i/rate from a pool of keep-alive connections; latency from schedule."""
    results: list[tuple] = []
    lock = threading.Lock()
    next_index = [0]
    t0 = time.monotonic() + 0.5

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                i = next_index[0]
                next_index[0] += 1
            if i >= len(plan):
                return
            due = t0 + i / rate
            time.sleep(max(0.0, due - time.monotonic()))
            kind, path = plan[i]
            try:
                conn.request("GET", path, headers={"X-Bench-Index": str(i)})
                response = conn.getresponse()
                response.read()
                status = response.status
                hit = response.getheader("X-Page-Cache") == "hit"
            except (OSError, http.client.HTTPException):
                status, hit = 0, False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            with lock:
                results.append((kind, status, (time.monotonic() - due) * 1000, hit, due - t0, i))

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=MAX_SECONDS + 60)
    return results


def summarize(results: list[tuple], seconds: float) -> dict:
    out = {"requests": len(results), "achieved_rps": round(len(results) / seconds, 1),
           "errors": sum(1 for r in results if r[1] != 200),
           "page_cache_hits": round(sum(r[3] for r in results) / max(1, len(results)), 3)}  # fmt: skip
    for kind, _ in MIX:
        lat = [r[2] for r in results if r[0] == kind]
        out[kind] = {"n": len(lat), "p50_ms": round(_pct(lat, 50), 1),
                     "p95_ms": round(_pct(lat, 95), 1), "max_ms": round(max(lat), 1)}  # fmt: skip
    out["goal_met"] = out["errors"] == 0 and all(out[k]["p95_ms"] < GOAL_P95_MS for k, _ in MIX)
    # Where the tail sits: a run starts from an empty page cache (every page a miss), so the
    # first seconds can queue while the rest is served at once.
    for w in range(max(1, math.ceil(seconds / WINDOW_SECONDS))):
        low, high = w * WINDOW_SECONDS, (w + 1) * WINDOW_SECONDS
        window = [r for r in results if low <= r[4] < high]
        out.setdefault("p95_ms_by_window", {})[f"{low}-{high}s"] = round(
            _pct([r[2] for r in window] or [0.0], 95), 1
        )
        out.setdefault("hits_by_window", {})[f"{low}-{high}s"] = round(
            sum(r[3] for r in window) / max(1, len(window)), 3
        )
    return out


def _py_spy(pid: int, out: str, seconds: float) -> subprocess.Popen[bytes]:
    command = ["py-spy", "record", "--pid", str(pid), "--subprocesses", "--rate", "200",
               "--duration", str(int(seconds)), "--format", "raw", "--output", out]  # fmt: skip
    py_spy = Path(sys.executable).parent / "py-spy"
    if py_spy.exists():
        command[0] = str(py_spy)
    return subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--threads", type=int, default=THREADS_PER_WORKER)
    parser.add_argument("--clients", type=int, default=64, help="client threads (connections)")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--warm-requests", type=int, default=0,
                        help="before timing, this many requests of the same plan kind "
                        "(other draws): a site up for a while, not a cold start")  # fmt: skip
    parser.add_argument("--py-spy", metavar="FILE", help="sample the server during the timed run "
                        "with py-spy (pip install py-spy) into FILE (collapsed stacks)")  # fmt: skip
    parser.add_argument("--access-log", metavar="FILE", help="write the server's access log "
                        "(plan index, worker pid, microseconds in gunicorn) to FILE")  # fmt: skip
    parser.add_argument("--autogroup-nice", type=int, metavar="N",
                        help="set the scheduler autogroup nice of the server's processes and "
                        "of this generator to N (-20..19; root): see set_autogroup_nice")  # fmt: skip
    parser.add_argument("--zipf", type=float, default=0.0,
                        help="0: every page in turn (cold); s in (0, 2]: popularity 1/rank^s")  # fmt: skip
    args = parser.parse_args()
    rate, seconds = min(args.rate, MAX_RATE), min(args.seconds, MAX_SECONDS)
    zipf = min(max(args.zipf, 0.0), 2.0)
    args.warm_requests = min(max(args.warm_requests, 0), MAX_RATE * MAX_SECONDS)
    plan = urls(int(rate * seconds), zipf)
    report: dict = {"rate": rate, "seconds": seconds, "workers": args.workers,
                    "threads": args.threads, "warm_requests": args.warm_requests,
                    "mix": dict(MIX), "zipf": zipf, "cpus": os.cpu_count(),
                    "load_average_before": os.getloadavg()[0]}  # fmt: skip
    if args.profile:
        report["profile"] = profile(plan)
        print(f"== where the time goes: {json.dumps(report['profile'])}")
    connection.close()
    server, port = start_server(args.workers, args.threads, args.access_log)
    kept: dict[int, int] = {}
    try:
        roots = server_roots(server.pid)
        if args.autogroup_nice is not None:
            # PostgreSQL, Redis and this shell's session outlive the run: put them back after.
            kept = {pid: autogroup_nice(pid) for pid in [*roots.values(), os.getpid()]}
            set_autogroup_nice(list(kept), args.autogroup_nice)
        report["autogroups"] = {name: autogroup_of(pid) for name, pid in
                                {**roots, "generator": os.getpid()}.items()}  # fmt: skip
        # Pages an earlier run cached for its copy of the same name must not count as hits.
        page_cache_invalidate()
        # Warm-up (workers forked, first queries planned) on other pages than the timed plan.
        run_load(port, urls(200, 0.0, seed=1), 50, 8)
        page_cache_invalidate()  # its pages must not count as hits of the timed run either
        if args.warm_requests:
            # A site that has served this popularity for a while: other draws, same weights.
            run_load(port, urls(args.warm_requests, zipf, draws=7), MAX_RATE, 8)
        if args.profile:
            report["server_costs"] = server_costs(port, roots, urls(400, 0.0, seed=2))
            print(f"== server CPU per request: {json.dumps(report['server_costs'])}")
        sampler = _py_spy(server.pid, args.py_spy, seconds) if args.py_spy else None
        windows = WindowSampler(server.pid, {n: p for n, p in roots.items() if n != "gunicorn"},
                                port)  # fmt: skip
        cpu_before = cpu_sample(roots)
        windows.start()
        if args.access_log:  # the timed run's lines start here; results go beside them
            report["access_log_offset"] = Path(args.access_log).stat().st_size
        started = time.monotonic() + 0.5  # run_load sends its first request half a second in
        results = run_load(port, plan, rate, args.clients)
        windows.stop()
        if sampler:
            sampler.wait(timeout=60)
        report["load"] = summarize(results, time.monotonic() - started)
        if args.access_log:
            Path(args.access_log + ".client.json").write_text(json.dumps(results))
        report["load"].update(cpu_per_request(cpu_before, cpu_sample(roots), len(results)))
        report["load"]["server_by_window"] = summarize_windows(
            windows, started, results, WINDOW_SECONDS, math.ceil(seconds / WINDOW_SECONDS)
        )
        # The first window second by second: where in it the queue builds.
        report["load"]["server_first_seconds"] = summarize_windows(windows, started, results, 1, 6)
        # The best the cache can do: every first visit of a URL misses (repeats that still
        # miss arrived while the first render of the same page was running).
        report["load"]["page_cache_hits_possible"] = round(1 - len(set(plan)) / len(plan), 3)
        report["load_average_after"] = os.getloadavg()[0]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        for pid, nice in kept.items():
            if pid != server.pid:
                set_autogroup_nice([pid], nice)
    print(f"== load: {json.dumps(report['load'])}")
    print(json.dumps({"load_bench": report}))


if __name__ == "__main__":
    main()

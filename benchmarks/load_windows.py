"""Per-window server figures for benchmarks/load_bench.py: where the first seconds' tail comes from.

A sampler thread reads, every SAMPLE_SECONDS of the timed run, the CPU of each gunicorn worker
(its own process), of PostgreSQL's and Redis's process trees, and how many client connections
each worker holds. `summarize_windows` turns the samples into, per window of the run: server CPU
per request scheduled in it, each worker's share of that CPU and each worker's connections, so a
slow window can be told apart as dearer requests, one worker overloaded while others idle, or
neither (queueing on a machine with spare CPU). Also the scheduler autogroup helpers: on a
shared machine, the share of the cores the server gets is set between sessions, not by nice.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import psutil

SAMPLE_SECONDS = 0.5


def autogroup_of(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/autogroup").read_text().strip()
    except OSError:
        return "unknown"


def set_autogroup_nice(pids: list[int], nice: int) -> None:
    """With kernel.sched_autogroup_enabled (Linux default on desktops and here), a process's
    nice only ranks it within its session's autogroup; between sessions the CPU is shared
    fairly. So other engineers' `nice -n 19` work in their own sessions still takes its fair
    share of the cores from the server (gunicorn runs in a session of its own, and the
    embedded PostgreSQL and Redis in theirs). Setting the autogroups' nice restores the
    priority the plain `nice` of the others' work meant to give."""
    for pid in pids:
        Path(f"/proc/{pid}/autogroup").write_text(str(nice))


def autogroup_nice(pid: int) -> int:
    return int(autogroup_of(pid).rpartition(" ")[2])


def _cpu(process: psutil.Process) -> float:
    try:
        times = process.cpu_times()
        return times.user + times.system
    except psutil.NoSuchProcess:
        return 0.0


def _tree_cpu(pid: int) -> float:
    try:
        root = psutil.Process(pid)
        return _cpu(root) + sum(_cpu(child) for child in root.children(recursive=True))
    except psutil.NoSuchProcess:
        return 0.0


def _connections(process: psutil.Process, port: int) -> int:
    try:
        return sum(1 for c in process.net_connections("tcp")
                   if c.laddr and c.laddr.port == port and c.status == psutil.CONN_ESTABLISHED)  # fmt: skip
    except psutil.NoSuchProcess:
        return 0


class WindowSampler:
    """Samples the server's processes in a thread from `start()` to `stop()`."""

    def __init__(self, gunicorn_pid: int, others: dict[str, int], port: int) -> None:
        self.workers = sorted(psutil.Process(gunicorn_pid).children(), key=lambda p: p.pid)
        self.others, self.port = others, port
        self.samples: list[dict] = []
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> dict:
        return {"t": time.monotonic(),
                "workers": [_cpu(w) for w in self.workers],
                "connections": [_connections(w, self.port) for w in self.workers],
                **{name: _tree_cpu(pid) for name, pid in self.others.items()}}  # fmt: skip

    def _run(self) -> None:
        while not self._stopped.wait(SAMPLE_SECONDS):
            self.samples.append(self._sample())

    def start(self) -> None:
        self.samples.append(self._sample())
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()
        self.samples.append(self._sample())


def summarize_windows(sampler: WindowSampler, t0: float, results: list[tuple], window: float,
                      windows: int) -> dict:  # fmt: skip
    """Per window from t0: server CPU ms per request scheduled in it, each worker's CPU (ms per
    second of wall time: 1000 is one core) and its most client connections."""
    out: dict = {}
    samples = sampler.samples
    for w in range(windows):
        low, high = t0 + w * window, t0 + (w + 1) * window
        inside = [s for s in samples if low <= s["t"] <= high]
        if len(inside) < 2:
            continue
        first, last = inside[0], inside[-1]
        wall = last["t"] - first["t"]
        requests = sum(1 for r in results if w * window <= r[4] < (w + 1) * window)
        worker_cpu = [b - a for a, b in zip(first["workers"], last["workers"], strict=True)]
        other_cpu = {n: last[n] - first[n] for n in sampler.others}
        server = sum(worker_cpu) + sum(other_cpu.values())
        # CPU over the sampled span, requests over the whole window: scale to the same span.
        latency = sorted(r[2] for r in results if w * window <= r[4] < (w + 1) * window)
        out[f"{w * window:g}-{(w + 1) * window:g}s"] = {
            "p95_ms": round(latency[int(len(latency) * 0.95)], 1) if latency else None,
            "max_ms": round(latency[-1], 1) if latency else None,
            "server_cpu_ms_per_request": round(server * 1000 / max(1, requests * wall / window), 2),
            "worker_cpu_ms_per_s": [round(c * 1000 / wall) for c in worker_cpu],
            **{f"{n}_cpu_ms_per_s": round(c * 1000 / wall) for n, c in other_cpu.items()},
            "worker_connections_max": [max(s["connections"][i] for s in inside)
                                       for i in range(len(sampler.workers))],
        }  # fmt: skip
    return out

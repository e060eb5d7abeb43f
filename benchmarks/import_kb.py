"""Time and peak memory of the bundled knowledge-base import, on an empty database and on a rerun.

Usage: .venv/bin/python benchmarks/import_kb.py
A throwaway database is created on the configured PostgreSQL server, migrated, loaded with
`load_knowledge_base` (HPO data, the knowledge pack, curated files; no search index), loaded again with --force (nothing
changed), and dropped. Each step runs in its own process, which reports its own peak RSS.
Targets on a 2-core machine: first load < 120 s and < 500 MB; rerun < 30 s. The last output
line is JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGETS = {"load_seconds": 120.0, "load_mb": 500.0, "rerun_seconds": 30.0}
_STEP = """
import json, resource, sys, django
django.setup()
from django.core.management import call_command
call_command(*sys.argv[1:])
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
print("BENCH " + json.dumps({"maxrss_mb": peak_kb / 1024}))
"""


def _admin(sql: str) -> None:
    """Run one statement outside a transaction (CREATE/DROP DATABASE) on the default database."""
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")
    import django

    from rarelabs.startup import preflight

    preflight()  # a script is an entry point: settings only describe the embedded servers
    django.setup()
    from django.db import connection

    connection.ensure_connection()
    connection.connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql)


def _step(db_name: str, *command: str) -> dict[str, float]:
    env = {**os.environ, "RARELABS_DB_NAME": db_name, "DJANGO_SETTINGS_MODULE": "rarelabs.settings"}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _STEP, *command],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    report = next(line for line in done.stdout.splitlines() if line.startswith("BENCH "))
    for line in done.stdout.splitlines():
        if ": created " in line or ": done in " in line:
            print("   ", line[:300])
    return {"seconds": round(seconds, 1), **json.loads(report[6:])}


def _pack_mb() -> float | None:
    """Size of the committed knowledge pack (None on a tree without one)."""
    pack = REPO / "kbimport" / "data" / "pack"
    if not pack.is_dir():
        return None
    return round(sum(p.stat().st_size for p in pack.iterdir()) / 1e6, 2)


def main() -> None:
    """Run the benchmark and print the figures, their ratio to the targets, and a JSON line."""
    db_name = f"rarelabs_bench_{os.getpid()}"
    _admin(f'CREATE DATABASE "{db_name}"')
    try:
        print(f"database {db_name}: migrating")
        _step(db_name, "migrate", "--verbosity", "0")
        print("first load on an empty database")
        load = _step(db_name, "load_knowledge_base", "--no-index")
        print("rerun with nothing changed (--force: every row compared)")
        rerun = _step(db_name, "load_knowledge_base", "--force", "--no-index")
        print("start-up check (already loaded: skipped)")
        noop = _step(db_name, "load_knowledge_base", "--no-index")
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
    result = {
        "load_seconds": load["seconds"], "load_mb": round(load["maxrss_mb"], 1),
        "rerun_seconds": rerun["seconds"], "rerun_mb": round(rerun["maxrss_mb"], 1),
        "noop_seconds": noop["seconds"], "pack_mb": _pack_mb(),
    }  # fmt: skip
    for key, target in TARGETS.items():
        print(f"{key}: {result[key]} (target < {target}; ratio {result[key] / target:.2f})")
    result["within_targets"] = all(result[k] < t for k, t in TARGETS.items())
    print(json.dumps(result))


if __name__ == "__main__":
    main()

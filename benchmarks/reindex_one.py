"""Time a one-item condition reindex (an editor's save, the worker's `search_reindex_task`).

    .venv/bin/python benchmarks/reindex_one.py [--items 30] [--seed 26]

On a scratch copy of the database, in one process as a worker runs them: `index_objects` for
one condition at a time, `--items` conditions drawn at random (seed), each indexed twice in a
row; prints the first call (a fresh process), then p50 / p95 / max of the rest, in ms.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

from benchmarks.scratch import use_scratch_copy  # noqa: E402

use_scratch_copy("rarelabs_bench_reindex_one")

import django  # noqa: E402

django.setup()

from knowledge.models import Condition  # noqa: E402
from search.indexer import index_objects  # noqa: E402


def main() -> None:
    """Index single conditions one by one and print the times."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=30)
    parser.add_argument("--seed", type=int, default=26)
    args = parser.parse_args()
    ids = sorted(Condition.objects.values_list("pk", flat=True))
    drawn = random.Random(args.seed).sample(ids, args.items)
    times = []
    for pk in drawn:
        for _ in range(2):
            started = time.perf_counter()
            index_objects("condition", [pk])
            times.append((time.perf_counter() - started) * 1000)
    first, rest = times[0], sorted(times[1:])
    print(
        f"one-item condition reindex, {len(times)} calls: first {first:.0f} ms, "
        f"p50 {rest[len(rest) // 2]:.0f} ms, p95 {rest[int(0.95 * (len(rest) - 1))]:.0f} ms, "
        f"max {rest[-1]:.0f} ms"
    )


if __name__ == "__main__":
    main()

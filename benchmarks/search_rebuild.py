"""Time `search_index rebuild` and checksum what it wrote, to compare two checkouts on one database.

    .venv/bin/python benchmarks/search_rebuild.py [--checkout DIR]... [--rounds N]

Each round runs the full rebuild once per checkout, alternating, in a subprocess against the same
database (RARELABS_VAR_DIR points every checkout at this clone's embedded servers), and prints
the wall time, the load average and an md5 of the search tables: every row's doc_type, id,
curie, title, url, summary, exact keys, vectors (as text), autocomplete, facets, extra and rank,
plus the synonym and spelling tables. Same checksum = same index.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHECKSUM = """
SELECT md5(string_agg(row_text, E'\\n' ORDER BY row_text)) FROM (
  SELECT concat_ws('|', doc_type, object_id, curie, title, title_norm, url, summary, exact::text,
                   vector::text, names::text, autocomplete::text, autocomplete_text,
                   facets::text, extra::text, rank) AS row_text FROM search_searchentry
  UNION ALL SELECT concat_ws('|', 'syn', term, expansion, source_doc_type) FROM search_searchsynonym
  UNION ALL SELECT concat_ws('|', 'term', term, frequency) FROM search_searchterm
) AS t
"""


def checksum() -> str:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")
    import django

    django.setup()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(CHECKSUM)
        digest = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM search_searchentry")
        return f"{digest} ({cursor.fetchone()[0]} documents)"


def run(checkout: Path) -> float:
    env = {**os.environ, "RARELABS_VAR_DIR": str(REPO / "var")}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "search_index", "rebuild", "--no-progress"],
        cwd=checkout, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkout", action="append", type=Path, default=[])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    checkouts = args.checkout or [REPO]
    for round_no in range(1, args.rounds + 1):
        for checkout in checkouts:
            before = os.getloadavg()[0]
            seconds = run(checkout)
            digest = subprocess.run(
                [sys.executable, __file__, "--checksum-only"], capture_output=True, text=True,
                check=True, cwd=REPO,
            ).stdout.strip()  # fmt: skip
            print(f"round {round_no} {checkout}: {seconds:.1f} s, load {before:.1f} -> "
                  f"{os.getloadavg()[0]:.1f}, {digest}", flush=True)  # fmt: skip


if __name__ == "__main__":
    if "--checksum-only" in sys.argv:
        print(checksum())
    else:
        main()

"""Benchmarks run in a scratch copy of the database, never in the one a live site serves.

Call `use_scratch_copy(name)` before `django.setup()`: the configured database is copied with
pg_dump/pg_restore (works while a site is connected, unlike CREATE DATABASE ... TEMPLATE),
Django is pointed at the copy, and the copy is dropped when the script exits.
"""

from __future__ import annotations

import atexit
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _admin_connection(db: dict, dbname: str = "postgres"):
    import psycopg

    return psycopg.connect(dbname=dbname, user=db["USER"], host=db["HOST"],
                           port=db.get("PORT") or None, password=db.get("PASSWORD") or None,
                           autocommit=True)  # fmt: skip


def use_scratch_copy(name: str, *, keep: bool = False) -> str:
    """Copy the configured database into `name`, point Django at it; returns the source name."""
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")
    from django.conf import settings

    from rarelabs.backup import database_backup, database_restore
    from rarelabs.startup import preflight

    preflight()  # a script is an entry point: settings only describe the embedded servers

    db = settings.DATABASES["default"]
    source = str(db["NAME"])
    if source == name:
        raise SystemExit(f"the scratch database {name!r} is the configured one")
    with _admin_connection(db) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    with tempfile.TemporaryDirectory() as folder:
        dump = database_backup(output=Path(folder) / "source.dump", name=source)
        database_restore(dump=dump, name=name, create=True)
    # pg_restore copies no planner statistics: without them the copy plans differently from
    # the database it copies (expression indexes go unused), so gather them first.
    with _admin_connection(db, dbname=name) as conn:
        conn.execute("ANALYZE")
    db["NAME"] = name
    os.environ["RARELABS_DB_NAME"] = name  # child processes (workers, commands) follow
    if not keep:
        atexit.register(_drop, db, name)
    print(f"benchmark database: scratch copy {name!r} of {source!r}")
    return source


def _drop(db: dict, name: str) -> None:
    from django.db import connections

    connections.close_all()
    with _admin_connection(db) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

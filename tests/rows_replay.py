"""A test fixture's load, written once per test process and replayed from a copy of its rows.

Many tests start by loading the same small knowledge base (the 40 Orphanet packets, their HPO
terms, the curated therapies) inside their own transaction, which is rolled back afterwards: the
ORM load took 2-4 s of CPU each time, ~200 times a suite. `RowsReplay.run(load)` runs the real
load the first time, copies out the rows it wrote (PostgreSQL COPY), and in later tests that
start from the same database content writes those same rows back with COPY (~0.1 s), still
inside the test's transaction. Whatever differs falls back to the real load: a start that is not
the recorded one (another test committed rows, a flush), or a load that changed rows a table
already held. Every replay is checked against the loaded content (row count and digest of each
table), so a replay never gives a test rows the load would not have written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection

from rarelabs.pagecache import page_cache_invalidate_on_commit

Fingerprint = dict[str, tuple[int, str]]


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind = 'r' AND n.nspname = current_schema() ORDER BY c.relname"
        )
        return [name for (name,) in cursor.fetchall()]


def _fingerprint(tables: list[str]) -> Fingerprint:
    """Each table's row count and a digest of its rows (in a stable order)."""
    parts = [  # table names as pg_class holds them
        f"SELECT '{t}', count(*), coalesce(md5(string_agg(r::text, E'\\n' ORDER BY r::text)), '') "  # noqa: S608
        f'FROM "{t}" r'
        for t in tables
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return {name: (count, digest) for name, count, digest in cursor.fetchall()}


def _columns(table: str) -> str:
    """The columns COPY may write (a generated column is computed by PostgreSQL itself)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
            "AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
            [f'"{table}"'],
        )
        return ", ".join(f'"{name}"' for (name,) in cursor.fetchall())


def _copy_out(table: str, columns: str) -> bytes:
    with (
        connection.cursor() as cursor,
        cursor.copy(f'COPY "{table}" ({columns}) TO STDOUT (FORMAT binary)') as copy,
    ):
        return b"".join(bytes(chunk) for chunk in copy)


def _copy_in(table: str, columns: str, data: bytes) -> None:
    with (
        connection.cursor() as cursor,
        cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN (FORMAT binary)') as copy,
    ):
        copy.write(data)


def _sequences_past_rows(table: str) -> None:
    """A row the test inserts after a replay must not take an id a replayed row holds: a
    TRUNCATE ... RESTART IDENTITY elsewhere in the process can have set the sequence back."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.attname, pg_get_serial_sequence(%s, a.attname) FROM pg_attribute a "
            "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped",
            [f'"{table}"', f'"{table}"'],
        )
        for column, sequence in cursor.fetchall():
            if sequence:
                cursor.execute(  # names as pg_catalog gives them
                    f'SELECT setval(%s, max("{column}")) FROM "{table}" '  # noqa: S608
                    f'HAVING max("{column}") >= (SELECT last_value FROM {sequence})',
                    [sequence],
                )


@dataclass
class RowsReplay:
    """One load's rows, recorded on its first run in this process."""

    _start: Fingerprint | None = None
    _end: Fingerprint = field(default_factory=dict)
    _rows: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    replays: int = 0

    def run(self, load: Callable[[], None]) -> None:
        tables = _tables()
        start = _fingerprint(tables)
        if self._start is not None and start == self._start:
            self._replay(tables)
            return
        load()
        end = _fingerprint(tables)
        written = [t for t in tables if end[t] != start[t]]
        if any(start[t][0] for t in written):  # it changed rows it found: a copy cannot say so
            self._start = None
            return
        self._start, self._end = start, end
        self._rows = {}
        for table in written:
            columns = _columns(table)
            self._rows[table] = (columns, _copy_out(table, columns))

    def _replay(self, tables: list[str]) -> None:
        for table, (columns, data) in self._rows.items():
            _copy_in(table, columns, data)
            _sequences_past_rows(table)
        replayed = _fingerprint(tables)
        assert replayed == self._end, "replayed rows differ from what the load wrote"
        # COPY sends no save signals: make the pages earlier tests cached stale, as the load's
        # saves do (the page cache lives in Redis, outside the rolled-back transaction).
        page_cache_invalidate_on_commit()
        self.replays += 1

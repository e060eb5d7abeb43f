"""A fixed raw statement prepared once per database connection (issue 14 item 10, eighth pass).

PostgreSQL plans every statement it is sent. The condition page's one statement (seven JSON
subqueries) took ~1.1 ms to plan and ~0.4 ms to run: planning was most of a cold page's
PostgreSQL CPU. A statement prepared on the connection (`PREPARE`) is planned for its
parameters' types, and after five runs PostgreSQL keeps the generic plan when it costs no more
than the custom ones (a lookup by a unique key always does), so later runs skip planning.

The first use on a connection prepares the statement there, straight on the psycopg
connection (set-up, as Django's own per-connection statements are: not counted as a query);
every use then sends `EXECUTE name(...)` through Django's cursor, counted and timed as the
statement was. Which statements a connection holds is kept by name per psycopg connection
object: a reconnect is a new object, so the statement is prepared again there. `PREPARE` is
not undone by a rollback, so the mark stays true when a transaction fails after it. Only for
statements whose text is fixed per process (their parameters are the only thing that varies),
and not behind a transaction-pooling proxy (which the site does not use), where a session's
statements do not survive between transactions.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Mapping
from typing import Any

from django.db import connection

_PARAM = re.compile(r"%\((\w+)\)s")
# The statement names prepared on each psycopg connection. Kept by name, not per object: two
# threads that build one statement at once (a first page in a fresh worker) make two objects of
# one name, and the one kept must not PREPARE it again where the other did ("already exists").
_prepared_names: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()
_prepared_names_lock = threading.Lock()


class PreparedStatement:
    """`sql` with `%(name)s` parameters, run as a statement prepared once per connection.

    `types` names each parameter's PostgreSQL type, in order (e.g. `{"slug": "text"}`).
    """

    def __init__(self, name: str, sql: str, types: Mapping[str, str]) -> None:
        if set(_PARAM.findall(sql)) != set(types):
            raise ValueError(f"{name}: the parameters of the statement are not {sorted(types)}")
        self.name = name
        self._order = tuple(types)
        numbered = _PARAM.sub(lambda m: f"${self._order.index(m.group(1)) + 1}", sql)
        numbered = numbered.replace("%%", "%")  # sent as it stands: no parameters to fill in
        arguments = ", ".join(f"%({p})s" for p in self._order)
        self._prepare = f"PREPARE {name}({', '.join(types.values())}) AS {numbered}"
        self._execute = f"EXECUTE {name}({arguments})"

    def fetchone(self, params: Mapping[str, Any]) -> tuple | None:
        """The statement's first row for `params` (None when it returns none)."""
        with connection.cursor() as cursor:
            self._run(cursor, params)
            return cursor.fetchone()

    def fetchall(self, params: Mapping[str, Any]) -> list[tuple]:
        """Every row of the statement for `params`."""
        with connection.cursor() as cursor:
            self._run(cursor, params)
            return cursor.fetchall()

    def _run(self, cursor: Any, params: Mapping[str, Any]) -> None:
        raw = connection.connection  # the psycopg connection the cursor belongs to
        if self.name not in _prepared_names.get(raw, ()):
            # Set-up, like Django's own per-connection statements: not a query of the page.
            raw.execute(self._prepare)
            with _prepared_names_lock:
                _prepared_names.setdefault(raw, set()).add(self.name)
        cursor.execute(self._execute, params)

"""/healthz: is the database, the broker and the search backend answering?"""

from __future__ import annotations

import logging

import redis
from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from rarelabs import outages
from rarelabs.database_down import database_breaker, is_unreachable
from search.status import search_status

logger = logging.getLogger(__name__)


def _database_state() -> dict[str, str]:
    if database_breaker.is_open:  # failed a moment ago: say so without waiting for the pool
        return {"state": "down", "detail": "unreachable a moment ago; not tried again yet"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        if is_unreachable(exc):
            outages.postgresql.down(exc)  # once per outage, not once per poll
            database_breaker.record_failure()
        else:
            logger.warning("healthz: database down: %s", exc)
        return {"state": "down", "detail": outages.first_line(exc)}
    outages.postgresql.up()
    return {"state": "ok", "detail": connection.vendor}


def _broker_state() -> dict[str, str]:
    client = redis.Redis.from_url(
        settings.REDIS_CLIENT_URL, socket_connect_timeout=2, socket_timeout=2
    )
    try:
        client.ping()
    except redis.RedisError as exc:
        outages.redis.down(exc)  # once per outage, not once per poll
        return {"state": "down", "detail": str(exc)}
    finally:
        client.close()
    outages.redis.up()
    return {"state": "ok", "detail": "redis"}


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when everything answers; 503 naming what is down; 'degraded' on search fallback."""
    database = _database_state()
    # With PostgreSQL down search pages answer 503 whatever the backend (database_down.py), and
    # the search check would wait the pool's 2 s a second time (4 s in all, past many monitors'
    # timeouts).
    if database["state"] == "down":
        search = {"state": "down", "detail": "needs the database"}
    else:
        status = search_status()
        search = {"state": status.state, "detail": f"{status.backend}: {status.detail}"}
    checks = {"database": database, "broker": _broker_state(), "search": search}
    down = [name for name, check in checks.items() if check["state"] == "down"]
    degraded = [name for name, check in checks.items() if check["state"] == "degraded"]
    overall = "down" if down else ("degraded" if degraded else "ok")
    user = getattr(request, "user", None)
    if not (user is not None and user.is_staff):
        # Socket paths, addresses and exception text help an attacker; staff see them.
        checks = {name: {"state": check["state"]} for name, check in checks.items()}
    body = {"status": overall, "checks": checks, "down": down, "degraded": degraded}
    response = JsonResponse(body, status=503 if down else 200)
    if _said_by_outage_lines(down):
        # Each poll of a monitor would log an ERROR (django.request) for an outage already said.
        response._has_been_logged = True  # type: ignore[attr-defined]  # read by django.utils.log
    return response


def _said_by_outage_lines(down: list[str]) -> bool:
    """Whether every check that is down is an outage rarelabs/outages.py has logged (the search
    check is down only because the database is)."""
    said = {"database": outages.postgresql.is_down, "broker": outages.redis.is_down,
            "search": outages.postgresql.is_down}  # fmt: skip
    return bool(down) and all(said.get(name, False) for name in down)

"""Shared by the tests: where they find real data (small subsets in the repository, the large
files beside it), a client with an address of its own, and when a rate limiter let calls go."""

import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from django.db import connection
from django.test import Client

from ingest.http import RateLimiter

REPO = Path(__file__).resolve().parent.parent
# Small real files (subsets of ../shared/data, see its PROVENANCE.md): they make `make test`
# pass on a clone with nothing beside it.
FIXTURE_DATA = REPO / "tests" / "fixtures" / "data"


def shared_data_dir() -> Path:
    """The folder of large shared data files: $DATA, else $RARELABS_SHARED_DATA, else
    ../shared/data beside the clone. Only tests taking the `shared_data` fixture read it."""
    configured = os.environ.get("DATA") or os.environ.get("RARELABS_SHARED_DATA")
    return Path(configured) if configured else REPO.parent / "shared" / "data"


def database_url(*, configured_first: bool = False) -> str:
    """The test database's URL, password included (CI's 3.12 stage runs a server that asks for
    one), for a process started with settings of its own. With `configured_first`, the
    environment's DATABASE_URL when one is set (the real server's; such a process is given the
    test database's name apart, as RARELABS_DB_NAME)."""
    if configured_first and "DATABASE_URL" in os.environ:
        return os.environ["DATABASE_URL"]
    source = connection.settings_dict
    host = quote(str(source["HOST"]), safe="")
    user = quote(str(source["USER"]), safe="")
    if source.get("PASSWORD"):
        user += ":" + quote(str(source["PASSWORD"]), safe="")
    return f"postgres://{user}@{host}:{source['PORT']}/{source['NAME']}"


def client_from_fresh_address() -> Client:
    """A test client with its own address: the API's anonymous throttle counts per address."""
    octets = (random.randint(0, 255), random.randint(0, 255), random.randint(1, 254))
    return Client(REMOTE_ADDR="10.{}.{}.{}".format(*octets))


def note_grants(limiter: RateLimiter) -> list[float]:
    """Record, on this limiter instance, the time each `acquire()` returns: the spacing the
    client itself keeps, free of the delays a server's arrival times also carry."""
    granted: list[float] = []
    acquire = limiter.acquire

    def acquire_and_note() -> float:
        waited = acquire()
        granted.append(time.monotonic())
        return waited

    limiter.acquire = acquire_and_note  # type: ignore[method-assign]
    return granted


def assert_sent_as_granted(granted: list[float], arrivals: list[float]) -> None:
    """Each request reached the server after its grant and before the next one was granted:
    the limiter is on the request's path, so the server sees the grants' pace. Compared by
    order, not by the gaps between arrivals, which each request's own delay on a loaded
    machine shortens or stretches."""
    assert len(arrivals) == len(granted), (granted, arrivals)
    assert all(g <= a for g, a in zip(granted, arrivals, strict=True)), (granted, arrivals)
    assert all(a <= g for a, g in zip(arrivals, granted[1:], strict=False)), (granted, arrivals)


def lines_once_settled(read: Callable[[], list[str]], awaited: str, seconds: float = 20.0,
                       quiet: float = 1.0) -> list[str]:  # fmt: skip
    """`read()` once a line holding `awaited` is there and no line has come for `quiet` seconds
    (within `seconds` in all): a line a process writes after its answer, a second one included,
    is counted rather than missed."""
    deadline = time.monotonic() + seconds
    lines = read()
    while not any(awaited in line for line in lines):
        assert time.monotonic() < deadline, lines[-20:]
        time.sleep(0.1)
        lines = read()
    settled = time.monotonic()
    while time.monotonic() - settled < quiet:
        assert time.monotonic() < deadline, lines[-20:]
        time.sleep(0.1)
        now = read()
        if len(now) != len(lines):
            lines, settled = now, time.monotonic()
    return lines

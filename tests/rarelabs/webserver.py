"""The real server command of `make run` (gunicorn, rarelabs/supervisor.py) for the tests that
need a site over real HTTP: started on a free loopback port, waited for, and stopped."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import IO

from rarelabs.supervisor import SiteAddress, _commands
from tests._shared import REPO


def free_address() -> SiteAddress:
    """A loopback address no process listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return SiteAddress("127.0.0.1", probe.getsockname()[1])


def answers(url: str) -> bool:
    """Does `url` answer 200 (not an error, not a refused connection)?"""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
            return response.status == 200
    except OSError:  # not listening yet, or an error status
        return False


@contextmanager
def web_server(
    address: SiteAddress,
    env: Mapping[str, str],
    workers: int,
    stderr: IO | int = subprocess.DEVNULL,
) -> Iterator[str]:
    """Run the web command at `address` with `env` added to the environment; yields its URL once
    /healthz answers 200 (at most 120 s), and stops it on the way out."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "rarelabs.settings",
                   "RARELABS_PLAIN_STATIC": "1", **env}  # fmt: skip
    web = subprocess.Popen(_commands(address, workers=workers)["web"], cwd=REPO,  # noqa: S603
                           env=environment, stdout=subprocess.DEVNULL, stderr=stderr,
                           start_new_session=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not answers(f"{address.url}/healthz"):
            assert web.poll() is None, "gunicorn exited"
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.3)
        yield address.url
    finally:
        os.killpg(web.pid, 15)
        web.wait(timeout=30)

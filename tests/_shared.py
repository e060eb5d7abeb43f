"""Shared by the tests: where they find real data (small subsets in the repository, the large
files beside it) and a client with an address of its own."""

import os
import random
from pathlib import Path

from django.test import Client

REPO = Path(__file__).resolve().parent.parent
# Small real files (subsets of ../shared/data, see its PROVENANCE.md): they make `make test`
# pass on a clone with nothing beside it.
FIXTURE_DATA = REPO / "tests" / "fixtures" / "data"


def shared_data_dir() -> Path:
    """The folder of large shared data files: $DATA, else $RARELABS_SHARED_DATA, else
    ../shared/data beside the clone. Only tests taking the `shared_data` fixture read it."""
    configured = os.environ.get("DATA") or os.environ.get("RARELABS_SHARED_DATA")
    return Path(configured) if configured else REPO.parent / "shared" / "data"


def client_from_fresh_address() -> Client:
    """A test client with its own address: the API's anonymous throttle counts per address."""
    octets = (random.randint(0, 255), random.randint(0, 255), random.randint(1, 254))
    return Client(REMOTE_ADDR="10.{}.{}.{}".format(*octets))

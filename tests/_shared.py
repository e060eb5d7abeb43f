"""Where the tests find real data: small subsets in the repository, the large files beside it."""

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Small real files (subsets of ../shared/data, see its PROVENANCE.md): they make `make test`
# pass on a clone with nothing beside it.
FIXTURE_DATA = REPO / "tests" / "fixtures" / "data"


def shared_data_dir() -> Path:
    """The folder of large shared data files: $DATA, else $RARELABS_SHARED_DATA, else
    ../shared/data beside the clone. Only tests taking the `shared_data` fixture read it."""
    configured = os.environ.get("DATA") or os.environ.get("RARELABS_SHARED_DATA")
    return Path(configured) if configured else REPO.parent / "shared" / "data"

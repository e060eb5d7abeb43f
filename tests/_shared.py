import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def shared_data_dir() -> Path:
    """Return the directory of shared real data files (read in place, never copied)."""
    return Path(os.environ.get("RARELABS_SHARED_DATA", REPO.parent / "shared" / "data"))

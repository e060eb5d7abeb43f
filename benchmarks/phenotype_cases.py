"""The published cases of phenotype_bench.py: reading, the tuning/held-out split and the sample.

Protocol (fixed before any tuning; docs/benchmarks.md repeats it):
- A case is one GA4GH phenopacket of phenopacket-store, reduced to observed and excluded HPO terms
  and the diagnosed OMIM disease (shared data, PROVENANCE.md).
- Split by disease, so no disease is in both parts: SHA-1 of the OMIM id, even -> "tuning",
  odd -> "heldout". Weights are tuned on "tuning" only (benchmarks/phenotype_tune.py refuses
  anything else); figures are reported on "heldout" and on all cases.
- The held-out sample is stratified by disease: at most SAMPLE_PER_DISEASE cases per disease, the
  ones with the lowest SHA-1 of their case id, so a few large cohorts cannot dominate.
  SAMPLE_SIZE and SAMPLE_SHA1 pin it; the script stops if the file gives another sample.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CASES_FILE = "phenopackets/phenopacket_store_open_half.jsonl.gz"
SAMPLE_PER_DISEASE = 10
SAMPLE_SIZE = 1222
SAMPLE_SHA1 = "93a4f35ba56bca5db5d1dcd55be448a64720c547"


@dataclass(frozen=True)
class PublishedCase:
    id: str
    cohort: str
    observed: tuple[str, ...]
    excluded: tuple[str, ...]
    disease_id: str
    disease_label: str
    genes: tuple[str, ...]


def _sha1(text: str) -> int:
    return int(hashlib.sha1(text.encode()).hexdigest(), 16)  # noqa: S324 - a split, not security


def cases_path() -> Path:
    """The cases file under DATA or RARELABS_SHARED_DATA (default ../shared/data)."""
    default = os.environ.get("RARELABS_SHARED_DATA", REPO.parent / "shared" / "data")
    return Path(os.environ.get("DATA", default)) / CASES_FILE


def cases_read(path: Path | None = None) -> list[PublishedCase]:
    """Every case of the file, in file order."""
    with gzip.open(path or cases_path(), "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [
        PublishedCase(
            id=r["id"], cohort=r["cohort"], observed=tuple(r["observed"]),
            excluded=tuple(r["excluded"]), disease_id=r["disease_id"],
            disease_label=r["disease_label"], genes=tuple(r["genes"]),
        )
        for r in rows
    ]  # fmt: skip


def split_of(case: PublishedCase) -> str:
    """'tuning' or 'heldout', by the disease (never by the case)."""
    return "heldout" if _sha1(case.disease_id) % 2 else "tuning"


def heldout_sample(cases: list[PublishedCase]) -> list[PublishedCase]:
    """The fixed stratified held-out sample (checked against SAMPLE_SIZE and SAMPLE_SHA1)."""
    by_disease: dict[str, list[PublishedCase]] = defaultdict(list)
    for case in cases:
        if split_of(case) == "heldout":
            by_disease[case.disease_id].append(case)
    sample = []
    for disease in sorted(by_disease):
        members = sorted(by_disease[disease], key=lambda c: _sha1(c.id))
        sample += members[:SAMPLE_PER_DISEASE]
    return sample


def sample_fingerprint(sample: list[PublishedCase]) -> str:
    """SHA-1 of the sorted case ids."""
    joined = "\n".join(sorted(c.id for c in sample))
    return hashlib.sha1(joined.encode()).hexdigest()  # noqa: S324


def cases_select(cases: list[PublishedCase], part: str) -> list[PublishedCase]:
    """'heldout' (the pinned sample), 'tuning' (the whole tuning half) or 'all'."""
    if part == "all":
        return cases
    if part == "tuning":
        return [c for c in cases if split_of(c) == "tuning"]
    sample = heldout_sample(cases)
    found = (len(sample), sample_fingerprint(sample))
    if found != (SAMPLE_SIZE, SAMPLE_SHA1):
        raise SystemExit(f"held-out sample changed: {found}, pinned {SAMPLE_SIZE, SAMPLE_SHA1}")
    return sample

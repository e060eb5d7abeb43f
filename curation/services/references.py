"""References on therapy links: PMIDs and NCT numbers, checked and fetched when not stored yet."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from curation.services.queue import task_enqueue
from identifiers.ids import parse_nct, parse_pmid
from ingest.tasks import references_fetch_task
from literature.models import Publication
from trials.models import ClinicalTrial


@dataclass(frozen=True)
class ReferenceCheck:
    """Normalised references and the entries that are not valid."""

    pmids: tuple[str, ...]
    nct_ids: tuple[str, ...]
    invalid_pmids: tuple[str, ...]
    invalid_nct_ids: tuple[str, ...]

    @property
    def is_valid(self) -> bool:
        return not self.invalid_pmids and not self.invalid_nct_ids


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def references_check(*, pmids: Iterable[str], nct_ids: Iterable[str]) -> ReferenceCheck:
    """Validate and normalise PMIDs ("PMID: 123" -> "123") and NCT numbers (NCT + 8 digits)."""
    good_pmids, bad_pmids, good_ncts, bad_ncts = [], [], [], []
    for raw in pmids:
        text = str(raw).strip()
        normalised = parse_pmid(text)
        (good_pmids if normalised else bad_pmids).append(normalised or text)
    for raw in nct_ids:
        text = str(raw).strip()
        normalised = parse_nct(text)
        (good_ncts if normalised else bad_ncts).append(normalised or text)
    return ReferenceCheck(
        pmids=_unique(good_pmids),
        nct_ids=_unique(good_ncts),
        invalid_pmids=_unique(bad_pmids),
        invalid_nct_ids=_unique(bad_ncts),
    )


def references_fetch_missing(
    *, pmids: Iterable[str], nct_ids: Iterable[str]
) -> tuple[list[str], list[str]]:
    """Ask the refresh worker (on commit) for publications and trials not stored yet."""
    pmids, nct_ids = list(dict.fromkeys(pmids)), list(dict.fromkeys(nct_ids))
    stored_pmids = set(Publication.objects.filter(pmid__in=pmids).values_list("pmid", flat=True))
    stored_ncts = set(
        ClinicalTrial.objects.filter(nct_id__in=nct_ids).values_list("nct_id", flat=True)
    )
    missing_pmids = [p for p in pmids if p not in stored_pmids]
    missing_ncts = [n for n in nct_ids if n not in stored_ncts]
    if missing_pmids or missing_ncts:
        task_enqueue(
            task=references_fetch_task, kwargs={"pmids": missing_pmids, "nct_ids": missing_ncts}
        )
    return missing_pmids, missing_ncts

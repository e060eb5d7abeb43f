"""Refresh clinical trials from ClinicalTrials.gov into ClinicalTrial rows and their links.

Incremental runs ask only for studies whose last update was posted since the last successful
run of the same scope; ``full=True`` asks for everything. Nothing is ever deleted here.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings

from identifiers.urls import ctgov_study_url
from ingest.breakers import upstream_breaker, upstream_policy
from ingest.models import RefreshRun
from ingest.pipeline import record_flat, record_hash, text_cut
from knowledge.linking import (
    RecordText,
    condition_query_names,
)
from knowledge.models import Condition
from knowledge.records import (
    RecordSink,
    RefreshSource,
    conditions_refresh_due,
    source_fetch,
    source_refresh,
)
from trials.client import CtGovClient
from trials.models import ClinicalTrial, TrialLink, TrialStatus
from trials.parse import TrialParseError, TrialRecord

logger = logging.getLogger(__name__)

TASK = "trials_refresh"
BATCH_SIZE = 100
_STATUSES = set(TrialStatus.values)


def ctgov_client() -> CtGovClient:
    """A client for settings.CTGOV_API_URL with a short connect timeout and the shared breaker."""
    base_url = settings.CTGOV_API_URL
    read = settings.UPSTREAM_TIMEOUT_SECONDS
    return CtGovClient(
        base_url,
        policy=upstream_policy(),
        page_size=settings.CTGOV_PAGE_SIZE,
        # Fail fast when nothing answers (offline), wait longer for a slow but live server.
        timeout=(min(3.0, read), read),
        breaker=upstream_breaker("ctgov", base_url),
    )


def trials_refresh(*, condition_id: int, full: bool = False) -> RefreshRun | None:
    """Refresh the trials of one condition; None when it is already running or was deleted."""
    return source_refresh(SOURCE, condition_id=condition_id, full=full)


def trials_fetch(nct_ids: Iterable[str]) -> RefreshRun | None:
    """Fetch specific studies by NCT number (those not stored yet), linking curated references."""
    return source_fetch(SOURCE, nct_ids)


def trials_refresh_due() -> list[RefreshRun]:
    """Refresh every due condition; stop at the first transient upstream failure."""
    return conditions_refresh_due(TASK, trials_refresh)


def ctgov_query(condition: Condition) -> str:
    """The condition's names, each quoted, for the query.cond parameter."""
    return " OR ".join(f'"{name}"' for name in condition_query_names(condition))


def _search(query: str, since: dt.datetime | None, scope: str) -> Iterable[Any]:
    return ctgov_client().iter_studies(
        query_cond=query, last_update_from=since.date() if since else None
    )


def _get_each(nct_ids: list[str]) -> Iterable[TrialRecord | TrialParseError]:
    client = ctgov_client()
    for nct_id in nct_ids:
        try:
            yield client.get_study(nct_id)
        except TrialParseError as exc:
            yield exc


def trial_text(record: TrialRecord) -> RecordText:
    """The texts a study is linked by."""
    titles = tuple(t for t in (record.brief_title, record.official_title) if t)
    interventions = tuple(i.name for i in record.interventions)
    return RecordText(
        key=record.nct_id,
        condition_text=(*record.conditions, *record.keywords, *titles),
        gene_text=(*record.conditions, *record.keywords, *titles, *interventions),
        therapy_text=(*interventions, *titles),
    )


def _dicts(items: Iterable[Any]) -> list[dict[str, Any]]:
    return [record_flat(item) for item in items]


def trial_fields(record: TrialRecord, retrieved_at: Any) -> dict[str, Any]:
    """Map a parsed study onto ClinicalTrial fields (lengths cut to the columns)."""
    status = record.overall_status if record.overall_status in _STATUSES else TrialStatus.UNKNOWN
    return {
        "title": record.brief_title or record.official_title or record.nct_id,
        "official_title": record.official_title or "",
        "status": status,
        "phases": [text_cut(p, 20) for p in record.phases],
        "study_type": text_cut(record.study_type, 40),
        "summary": record.brief_summary or "",
        "conditions": [text_cut(c, 300) for c in record.conditions],
        "keywords": [text_cut(k, 300) for k in record.keywords],
        "interventions": _dicts(record.interventions),
        "design": record_flat(record.design) if record.design else {},
        "eligibility": record_flat(record.eligibility) if record.eligibility else {},
        "sponsor": text_cut(record.sponsor.name if record.sponsor else None, 300),
        "sponsor_class": text_cut(record.sponsor.sponsor_class if record.sponsor else None, 40),
        "locations": _dicts(record.locations),
        "countries": sorted({text_cut(loc.country, 80) for loc in record.locations if loc.country}),
        "contacts": _dicts(record.central_contacts),
        "enrollment": None if (record.enrollment or 0) < 0 else record.enrollment,
        "has_results": bool(record.has_results),
        "start_date": record.start_date,
        "primary_completion_date": record.primary_completion_date,
        "completion_date": record.completion_date,
        "last_update_date": record.last_update_date,
        "content_hash": record_hash(record),
        "source_url": ctgov_study_url(record.nct_id),
        "retrieved_at": retrieved_at,
    }


SINK = RecordSink(
    model=ClinicalTrial,
    key_field="nct_id",
    link_model=TrialLink,
    link_field="trial",
    doc_type="trial",
    fields=trial_fields,
    text=trial_text,
    batch_size=BATCH_SIZE,
)

SOURCE = RefreshSource(
    task=TASK,
    fetch_task="trials_fetch",
    kind="trial",
    sink=SINK,
    query=ctgov_query,
    search=_search,
    by_id=_get_each,
    clean_id=lambda nct_id: nct_id.strip().upper(),
)

"""Refresh clinical trials from ClinicalTrials.gov into ClinicalTrial rows and their links.

Incremental runs ask only for studies whose last update was posted since the last successful
run of the same scope; ``full=True`` asks for everything. Nothing is ever deleted here.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import timezone

from ingest.breakers import upstream_breaker, upstream_policy
from ingest.linking import (
    Matcher,
    RecordText,
    condition_query_names,
    links_write,
    load_condition,
    matcher_for_condition,
    matcher_for_references,
)
from ingest.locks import RefreshLock
from ingest.models import RefreshRun
from ingest.progress import (
    BatchOutcome,
    record_hash,
    records_consume,
    refresh_locked,
    reindex_on_commit,
    upsert_batch,
)
from ingest.runs import due_condition_ids, run_failed_transiently, run_last_success
from knowledge.models import Condition
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
        page_size=getattr(settings, "CTGOV_PAGE_SIZE", 100),
        # Fail fast when nothing answers (offline), wait longer for a slow but live server.
        timeout=(min(3.0, read), read),
        breaker=upstream_breaker("ctgov", base_url),
    )


def trials_refresh(*, condition_id: int, full: bool = False) -> RefreshRun | None:
    """Refresh the trials of one condition; None when it is already running or was deleted."""
    try:
        condition = load_condition(condition_id)
    except Condition.DoesNotExist:
        logger.warning("trials refresh skipped: condition %s no longer exists", condition_id)
        return None
    scope = f"condition:{condition.pk}"
    last = None if full else run_last_success(TASK, scope)
    since = last.started_at if last else None
    names = condition_query_names(condition)
    query = " OR ".join(f'"{name}"' for name in names)
    client = ctgov_client()

    def body(run: RefreshRun, lock: RefreshLock) -> None:
        matcher = matcher_for_condition(condition, kind="trial", query=query)
        records = client.iter_studies(
            query_cond=query, last_update_from=since.date() if since else None
        )
        _store(run, records, matcher, lock)

    return refresh_locked(
        task=TASK,
        scope=scope,
        mode="full" if since is None else "incremental",
        since=since,
        body=body,
    )


def trials_fetch(nct_ids: Iterable[str]) -> RefreshRun | None:
    """Fetch specific studies by NCT number (those not stored yet), linking curated references."""
    wanted = sorted({n.strip().upper() for n in nct_ids if n.strip()})
    stored = set(ClinicalTrial.objects.filter(nct_id__in=wanted).values_list("nct_id", flat=True))
    missing = [n for n in wanted if n not in stored]
    client = ctgov_client()

    def body(run: RefreshRun, lock: RefreshLock) -> None:
        _store(run, _get_each(client, missing), matcher_for_references("trial"), lock)

    return refresh_locked(
        task="trials_fetch", scope="references", mode="by_id", since=None, body=body
    )


def _get_each(client: CtGovClient, nct_ids: list[str]) -> Iterable[TrialRecord | TrialParseError]:
    for nct_id in nct_ids:
        try:
            yield client.get_study(nct_id)
        except TrialParseError as exc:
            yield exc


def trials_refresh_due() -> list[RefreshRun]:
    """Refresh every due condition; stop at the first transient upstream failure."""
    runs: list[RefreshRun] = []
    for condition_id in due_condition_ids(TASK):
        run = trials_refresh(condition_id=condition_id)
        if run is None:
            continue
        runs.append(run)
        if run_failed_transiently(run):
            # The upstream is down: the failed run logged one line; the next beat retries.
            break
    return runs


def _store(
    run: RefreshRun,
    records: Iterable[TrialRecord | TrialParseError],
    matcher: Matcher,
    lock: RefreshLock,
) -> None:
    retrieved_at = timezone.now()

    def write(batch: dict[str, TrialRecord]) -> BatchOutcome:
        rows = {key: trial_fields(record, retrieved_at) for key, record in batch.items()}
        outcome = upsert_batch(ClinicalTrial, "nct_id", rows)
        links_write(
            TrialLink,
            "trial",
            (
                (outcome.pk_by_key[key], link)
                for key, record in batch.items()
                for link in matcher.propose(trial_text(record))
            ),
        )
        reindex_on_commit("trial", outcome.changed_pks)
        return outcome

    records_consume(
        run,
        records,
        key=lambda r: r.nct_id,
        write_batch=write,
        lock=lock,
        batch_size=getattr(settings, "REFRESH_BATCH_SIZE", BATCH_SIZE),
    )


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


def _cut(value: str | None, length: int) -> str:
    return (value or "")[:length]


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _flat(item: Any) -> dict[str, Any]:
    # dataclasses.asdict for a dataclass of plain values, without its recursive deep copies.
    return {name: getattr(item, name) for name in _field_names(type(item))}


def _dicts(items: Iterable[Any]) -> list[dict[str, Any]]:
    return [_flat(item) for item in items]


def trial_fields(record: TrialRecord, retrieved_at: Any) -> dict[str, Any]:
    """Map a parsed study onto ClinicalTrial fields (lengths cut to the columns)."""
    status = record.overall_status if record.overall_status in _STATUSES else TrialStatus.UNKNOWN
    return {
        "title": record.brief_title or record.official_title or record.nct_id,
        "official_title": record.official_title or "",
        "status": status,
        "phases": [_cut(p, 20) for p in record.phases],
        "study_type": _cut(record.study_type, 40),
        "summary": record.brief_summary or "",
        "conditions": [_cut(c, 300) for c in record.conditions],
        "keywords": [_cut(k, 300) for k in record.keywords],
        "interventions": _dicts(record.interventions),
        "design": _flat(record.design) if record.design else {},
        "eligibility": _flat(record.eligibility) if record.eligibility else {},
        "sponsor": _cut(record.sponsor.name if record.sponsor else None, 300),
        "sponsor_class": _cut(record.sponsor.sponsor_class if record.sponsor else None, 40),
        "locations": _dicts(record.locations),
        "countries": sorted({_cut(loc.country, 80) for loc in record.locations if loc.country}),
        "contacts": _dicts(record.central_contacts),
        "enrollment": None if (record.enrollment or 0) < 0 else record.enrollment,
        "has_results": bool(record.has_results),
        "start_date": record.start_date,
        "primary_completion_date": record.primary_completion_date,
        "completion_date": record.completion_date,
        "last_update_date": record.last_update_date,
        "content_hash": record_hash(record),
        "source_url": f"https://clinicaltrials.gov/study/{record.nct_id}",
        "retrieved_at": retrieved_at,
    }

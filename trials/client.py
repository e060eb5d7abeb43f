"""ClinicalTrials.gov API v2 client: streams studies page by page through ingest.http."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Generator, Iterable, Iterator
from typing import Any

import requests

from ingest.errors import MalformedResponse, UpstreamError
from ingest.http import (
    DEFAULT_POLICY,
    CircuitBreaker,
    ResponseStream,
    RetryPolicy,
    Timeout,
    fetch,
)
from trials.parse import TrialParseError, TrialRecord, iter_studies_page, parse_study

DEFAULT_BASE_URL = "https://clinicaltrials.gov/api/v2"


def last_update_filter(since: dt.date) -> str:
    """Return the Essie expression selecting studies whose last update was posted on/after since."""
    return f"AREA[LastUpdatePostDate]RANGE[{since.isoformat()},MAX]"


class CtGovClient:
    """Reads studies from the CT.gov v2 API; memory stays flat in the number of studies."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        session: requests.Session | None = None,
        policy: RetryPolicy = DEFAULT_POLICY,
        page_size: int = 100,
        *,
        timeout: Timeout = (5.0, 60.0),
        breaker: CircuitBreaker | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session or requests.Session()
        self.policy = policy
        self.page_size = page_size
        self.timeout = timeout
        self.breaker = breaker

    def iter_studies(
        self,
        query_cond: str | None = None,
        query_term: str | None = None,
        query_intr: str | None = None,
        statuses: Iterable[str] | None = None,
        last_update_from: dt.date | None = None,
    ) -> Iterator[TrialRecord | TrialParseError]:
        """Yield every matching study (or its parse error), following nextPageToken."""
        params: dict[str, Any] = {"format": "json", "pageSize": self.page_size}
        optional = {
            "query.cond": query_cond,
            "query.term": query_term,
            "query.intr": query_intr,
            "filter.overallStatus": ",".join(statuses) if statuses else None,
            "filter.advanced": last_update_filter(last_update_from) if last_update_from else None,
        }
        params.update({key: value for key, value in optional.items() if value})
        url = f"{self.base_url}/studies"
        seen_tokens: set[str] = set()
        token: str | None = None
        while True:
            page_params = params if token is None else {**params, "pageToken": token}
            token = yield from self._read_page(url, page_params)
            if token is None:
                return
            if token in seen_tokens:
                # Following it again would page forever over the same studies.
                raise UpstreamError(f"page token loop on {token[:16]}...", url=url)
            seen_tokens.add(token)

    def _read_page(
        self, url: str, params: dict[str, Any]
    ) -> Generator[TrialRecord | TrialParseError, None, str | None]:
        response = fetch(
            self.session,
            "GET",
            url,
            params=params,
            timeout=self.timeout,
            policy=self.policy,
            stream=True,
            breaker=self.breaker,
        )
        with response:
            page = iter_studies_page(ResponseStream(response, url=url))
            try:
                yield from page
            except MalformedResponse as exc:
                raise MalformedResponse(exc.detail, url=url) from exc
            return page.next_page_token

    def get_study(self, nct_id: str) -> TrialRecord:
        """Fetch and parse one study by NCT id; raise TrialParseError if it is broken."""
        url = f"{self.base_url}/studies/{nct_id}"
        response = fetch(
            self.session,
            "GET",
            url,
            params={"format": "json"},
            timeout=self.timeout,
            policy=self.policy,
            breaker=self.breaker,
        )
        try:
            payload = response.json()
        except (json.JSONDecodeError, requests.JSONDecodeError) as exc:
            raise MalformedResponse(f"invalid study JSON: {exc}", url=url) from exc
        return parse_study(payload)

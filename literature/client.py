"""PubMed E-utilities client: esearch with history, then streamed efetch batches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import requests

from ingest.errors import MalformedResponse, UpstreamError
from ingest.http import (
    DEFAULT_POLICY,
    CircuitBreaker,
    RateLimiter,
    ResponseStream,
    RetryPolicy,
    Timeout,
    fetch,
)
from literature.parse import (
    ArticleParseError,
    ArticleRecord,
    SearchResult,
    iter_articles,
    parse_esearch,
)

DEFAULT_BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
# NCBI's published limits: 3 requests/second without an API key, 10 with one.
RATE_WITHOUT_KEY = 3.0
RATE_WITH_KEY = 10.0


class PubMedClient:
    """Searches and fetches PubMed records; every request carries tool, email and api_key.

    The rate limiter is per client instance (per process); workers sharing one API key
    need a shared limiter, which the lead may back with Redis.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        tool: str = "rarelabs",
        email: str = "",
        api_key: str | None = None,
        session: requests.Session | None = None,
        policy: RetryPolicy = DEFAULT_POLICY,
        *,
        timeout: Timeout = (5.0, 60.0),
        limiter: RateLimiter | None = None,
        breaker: CircuitBreaker | None = None,
    ) -> None:
        if not tool or not email:
            raise ValueError("NCBI asks every client to send tool and email")
        self.base_url = base_url.rstrip("/")
        self.tool = tool
        self.email = email
        self.api_key = api_key
        self.session = session or requests.Session()
        self.policy = policy
        self.timeout = timeout
        self.limiter = limiter or RateLimiter(RATE_WITH_KEY if api_key else RATE_WITHOUT_KEY)
        self.breaker = breaker

    def _params(self, extra: dict[str, Any]) -> dict[str, Any]:
        params: dict[str, Any] = {"db": "pubmed", "tool": self.tool, "email": self.email}
        if self.api_key:
            params["api_key"] = self.api_key
        params.update(extra)
        return params

    def search(
        self,
        term: str,
        mindate: dt.date | None = None,
        maxdate: dt.date | None = None,
        datetype: str = "edat",
        *,
        retmax: int = 100,
    ) -> SearchResult:
        """Run esearch with usehistory=y; return the count, first ids and history handles."""
        extra: dict[str, Any] = {"term": term, "usehistory": "y", "retmax": retmax}
        if mindate or maxdate:
            # E-utilities need both ends of a date range.
            extra["datetype"] = datetype
            extra["mindate"] = (mindate or dt.date(1800, 1, 1)).strftime("%Y/%m/%d")
            extra["maxdate"] = (maxdate or dt.date(3000, 1, 1)).strftime("%Y/%m/%d")
        url = f"{self.base_url}/esearch.fcgi"
        response = fetch(
            self.session,
            "GET",
            url,
            params=self._params(extra),
            timeout=self.timeout,
            policy=self.policy,
            limiter=self.limiter,
            breaker=self.breaker,
        )
        try:
            return parse_esearch(response.content)
        except MalformedResponse as exc:
            raise MalformedResponse(exc.detail, url=url) from exc
        except UpstreamError as exc:
            raise UpstreamError(exc.detail, url=url, status=exc.status) from exc

    def iter_fetch(
        self, search_result: SearchResult, batch_size: int = 200, *, limit: int | None = None
    ) -> Iterator[ArticleRecord | ArticleParseError]:
        """Yield the articles of a history search, fetched retstart/retmax batch by batch."""
        if not search_result.webenv or not search_result.query_key:
            raise ValueError("search_result has no WebEnv/query_key; search with usehistory=y")
        total = search_result.count if limit is None else min(limit, search_result.count)
        for retstart in range(0, total, batch_size):
            yield from self._efetch(
                {
                    "WebEnv": search_result.webenv,
                    "query_key": search_result.query_key,
                    "retstart": retstart,
                    "retmax": min(batch_size, total - retstart),
                }
            )

    def fetch_pmids(
        self, pmids: Iterable[str | int], batch_size: int = 200
    ) -> Iterator[ArticleRecord | ArticleParseError]:
        """Yield the articles for explicit PMIDs, in batches of batch_size ids."""
        ids = [str(p) for p in pmids]
        for start in range(0, len(ids), batch_size):
            yield from self._efetch({"id": ",".join(ids[start : start + batch_size])})

    def _efetch(self, extra: dict[str, Any]) -> Iterator[ArticleRecord | ArticleParseError]:
        url = f"{self.base_url}/efetch.fcgi"
        params = self._params({"retmode": "xml", **extra})
        response = fetch(
            self.session,
            "GET",
            url,
            params=params,
            timeout=self.timeout,
            policy=self.policy,
            stream=True,
            limiter=self.limiter,
            breaker=self.breaker,
        )
        with response:
            try:
                yield from iter_articles(ResponseStream(response, url=url))
            except MalformedResponse as exc:
                raise MalformedResponse(exc.detail, url=url) from exc

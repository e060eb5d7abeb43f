"""OpenSearch backend: thin I/O (opensearch-py) around the pure builders beside it (`mappings`,
`bulk_actions`, `query`, `autocomplete`, `paging`)."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any

from django.conf import settings
from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import (
    ConnectionError as OSConnectionError,
)
from opensearchpy.exceptions import (
    ConnectionTimeout,
    NotFoundError,
    TransportError,
)

from rarelabs.breaker import BreakerOpen, CircuitBreaker
from search.analysis import QueryAnalysis
from search.backends.base import BackendUnavailable, SearchBackend, first_of_each
from search.backends.opensearch import mappings
from search.backends.opensearch import query as body
from search.backends.opensearch.autocomplete import autocomplete_body
from search.backends.opensearch.bulk_actions import delete_action, index_action
from search.backends.opensearch.paging import encode_cursor
from search.documents import IndexedDoc, exact_boosts, facet_fields, filter_fields
from search.models import SearchSynonym
from search.request import Hit, SearchRequest, SearchResponse, Suggestion
from search.text import safe_snippet

logger = logging.getLogger(__name__)
UNREACHABLE = (OSConnectionError, ConnectionTimeout)
_TOO_MANY_CLAUSES = re.compile(r"(?i)too many (nested )?clauses|maxClauseCount|too_many_clauses")
# Writes (bulk, reindex, alias swaps) may take longer than a visitor's search may wait.
WRITE_TIMEOUT_SECONDS = 120
# Any query of the usual shape warms a new index; a name every knowledge base holds.
WARM_QUERY = "cystic fibrosis"
SWAP_GRACE_SECONDS = (
    1.0  # searches that resolved the alias just before a swap finish on the old index
)


class OpenSearchBackend(SearchBackend):
    """One index behind one alias; a rebuild fills a new index and swaps the alias atomically."""

    name = "opensearch"
    external = True

    def __init__(self) -> None:
        url = settings.OPENSEARCH_URL
        if not url:
            raise BackendUnavailable("OPENSEARCH_URL is not set")
        # A node that accepts and never answers must cost a search seconds, not a worker: short
        # timeouts, and a per-process breaker that sends searches to PostgreSQL without waiting.
        self.client = OpenSearch(hosts=[url], timeout=settings.OPENSEARCH_TIMEOUT_SECONDS,
                                 max_retries=0, retry_on_timeout=False)  # fmt: skip
        self.breaker = CircuitBreaker(
            f"opensearch@{url}",
            failure_threshold=settings.OPENSEARCH_BREAKER_THRESHOLD,
            reset_after=settings.OPENSEARCH_BREAKER_RESET_SECONDS,
        )
        self.alias = f"{settings.OPENSEARCH_INDEX_PREFIX}-search"

    def _call(self, func, *args: Any, **kwargs: Any) -> Any:
        try:
            self.breaker.check(settings.OPENSEARCH_URL)
        except BreakerOpen as exc:
            raise BackendUnavailable(str(exc)) from exc
        try:
            result = func(*args, **kwargs)
        except UNREACHABLE as exc:
            self.breaker.record_failure()
            raise BackendUnavailable(str(exc)) from exc
        except NotFoundError as exc:
            self.breaker.record_success()  # the node answered
            raise BackendUnavailable(
                f"index {self.alias} missing; run `search_index rebuild`"
            ) from exc
        self.breaker.record_success()
        return result

    def _search(self, request_body: dict[str, Any]) -> dict[str, Any]:
        try:
            return self._call(self.client.search, index=self.alias, body=request_body)
        except (TransportError, BackendUnavailable) as exc:
            # An alias swap can race a search that resolved the old index; one retry settles it.
            if isinstance(exc, TransportError) and exc.status_code not in (404, 503):
                raise
            if isinstance(exc, BackendUnavailable) and not isinstance(exc.__cause__, NotFoundError):
                raise  # unreachable or circuit open: waiting again would only double the delay
            logger.info("search: retrying once after %s", exc)
            return self._call(self.client.search, index=self.alias, body=request_body)

    def _search_bounded(
        self, request: SearchRequest, analysis: QueryAnalysis, any_word: bool = False
    ) -> dict[str, Any]:
        boosts, facets = exact_boosts(), list(facet_fields())
        return self._within_clause_limit(
            analysis,
            lambda plain: body.search_body(request, analysis, boosts, facets, any_word, plain),
        )

    def _within_clause_limit(
        self, analysis: QueryAnalysis, build: Callable[[bool], dict[str, Any]]
    ) -> dict[str, Any]:
        """The request `build(plain=False)` makes, or, past the node's clause limit, the one
        with the words as typed (`build(True)`)."""
        try:
            return self._search(build(False))
        except TransportError as exc:
            # Abbreviations fan out through the synonym graph ("sma dmd cf" passed the node's
            # 1,024-clause limit): answer with the words as typed rather than a 500.
            if not _TOO_MANY_CLAUSES.search(str(exc)):
                raise
            # Its length only, never its words: a query can be a family's private case.
            logger.warning("search: a query of %d words passed the clause limit; retrying "
                           "without synonyms", len(analysis.terms))  # fmt: skip
            return self._search(build(True))

    def search(self, request: SearchRequest, analysis: QueryAnalysis) -> SearchResponse:
        """AND of the words first; any word when a sentence finds (almost) nothing."""
        result = self._search_bounded(request, analysis)
        total = result["hits"]["total"]["value"]
        # Decided on every type's matches (the type counts ignore the type filter), so a chosen
        # type answers the count shown beside it.
        aggs = result.get("aggregations", {})
        types = aggs.get("type", {}).get("buckets", [])
        # A name typed exactly is never widened ("Werdnig-Hoffmann disease" matched two
        # documents, widened to any word and answered twenty, "disease" among them).
        direct = aggs.get(body.DIRECT, {}).get("doc_count", 0)
        matched = sum(bucket["doc_count"] for bucket in types)

        def titles() -> list[str]:  # a long name's few matches are all on the first page
            return [raw["_source"]["title"] for raw in result["hits"]["hits"]]

        widened = analysis.should_widen(matched, direct, titles)
        if widened:
            result = self._search_bounded(request, analysis, any_word=True)
            total = result["hits"]["total"]["value"]
        hits = [self._hit(raw) for raw in result["hits"]["hits"]]
        raw_hits = result["hits"]["hits"]
        next_cursor = (
            encode_cursor(raw_hits[-1]["sort"]) if len(raw_hits) == request.page_size else None
        )
        return SearchResponse(
            total=total,
            hits=hits,
            facets=self._facets(result.get("aggregations", {})) if total else {},
            did_you_mean=analysis.corrected,
            page=request.page,
            page_size=request.page_size,
            backend=self.name,
            next_cursor=next_cursor,
            widened=widened,
        )

    def matching(
        self, request: SearchRequest, analysis: QueryAnalysis, widened: bool, ids: Collection[str]
    ) -> list[Hit]:
        """Of `ids`, the documents the page's reading matches (one filtered request)."""
        if not ids:
            return []
        boosts, wanted = exact_boosts(), sorted(ids)
        result = self._within_clause_limit(
            analysis,
            lambda plain: body.matching_body(request, analysis, boosts, wanted, widened, plain),
        )
        return [self._hit(raw) for raw in result["hits"]["hits"]]

    @staticmethod
    def _hit(raw: dict[str, Any]) -> Hit:
        source, highlight = raw["_source"], raw.get("highlight", {})
        snippet = " … ".join(highlight.get("summary", [])) or " ".join(highlight.get("title", []))
        return Hit(
            doc_type=source["doc_type"],
            id=source["curie"],
            name=source["title"],
            url=source["url"],
            snippet=safe_snippet(snippet),
            score=round(raw["_score"] or 0, 4),
            extra=source.get("extra") or {},
            rank=float(source.get("rank", 1.0)),
        )

    @staticmethod
    def _facets(aggs: dict[str, Any]) -> dict[str, list[tuple[str, int]]]:
        facets = {
            "type": [(b["key"], b["doc_count"]) for b in aggs.get("type", {}).get("buckets", [])]
        }
        for name, agg in aggs.get("filtered", {}).items():
            if isinstance(agg, dict) and agg.get("buckets"):
                facets[name] = [(b["key"], b["doc_count"]) for b in agg["buckets"]]
        return facets

    def autocomplete(
        self, prefixes: Sequence[str], doc_types: Sequence[str], limit: int
    ) -> list[Suggestion]:
        """Edge n-gram suggestions for each spelling, in one request (`msearch`)."""
        boosts = exact_boosts()
        lines: list[dict[str, Any]] = []
        for prefix in prefixes:
            lines += [{}, autocomplete_body(prefix, doc_types, limit, boosts)]
        if not lines:
            return []
        answers = self._call(self.client.msearch, index=self.alias, body=lines)["responses"]
        for answer in answers:
            if "error" in answer:
                raise TransportError(answer.get("status", 500), str(answer["error"]))
        return first_of_each(
            [
                Suggestion(
                    doc_type=s["doc_type"],
                    id=s["curie"],
                    name=s["title"],
                    url=s["url"],
                    detail=s["curie"],
                )
                for answer in answers
                for s in (raw["_source"] for raw in answer["hits"]["hits"])
            ],
            limit,
        )

    def _ensure_alias(self) -> None:
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            rules = mappings.synonym_rules(
                (row.term, row.expansion) for row in SearchSynonym.objects.all().iterator()
            )
            self._create(f"{self.alias}-{time.time_ns()}", rules, alias=True)

    def _create(self, index: str, rules: Sequence[str], alias: bool = False) -> None:
        index_body = mappings.index_body(rules, exact_boosts(), sorted(filter_fields()))
        if alias:
            index_body["aliases"] = {self.alias: {}}
        self._call(
            self.client.indices.create,
            index=index,
            body=index_body,
            request_timeout=WRITE_TIMEOUT_SECONDS,
        )

    def index(self, docs: Sequence[IndexedDoc]) -> None:
        """Bulk index through the alias; refreshed so the change is searchable at once."""
        self._ensure_alias()
        actions = [index_action(self.alias, doc) for doc in docs]
        self._call(
            helpers.bulk, self.client, actions, refresh=True, request_timeout=WRITE_TIMEOUT_SECONDS
        )

    def delete(self, doc_type: str, object_ids: Sequence[int]) -> None:
        """Bulk delete; ids already gone are fine."""
        actions = [delete_action(self.alias, doc_type, i) for i in object_ids]
        self._call(
            helpers.bulk,
            self.client,
            actions,
            refresh=True,
            raise_on_error=False,
            request_timeout=WRITE_TIMEOUT_SECONDS,
        )

    def rebuild(
        self,
        doc_types: Sequence[str],
        batches: Iterable[Sequence[IndexedDoc]],
        synonym_groups: Sequence[tuple[str, ...]],
    ) -> int:
        """New index, other types copied over, bulk load, one atomic alias swap, old index deleted."""
        new = f"{self.alias}-{time.time_ns()}"
        old = (
            list(self._call(self.client.indices.get_alias, name=self.alias))
            if self._call(self.client.indices.exists_alias, name=self.alias)
            else []
        )
        self._create(new, mappings.synonym_rules(synonym_groups))
        try:
            if old:
                self._copy_other_types(old[0], new, doc_types)
            count = self._load(new, batches)
            self._call(
                self.client.indices.refresh, index=new, request_timeout=WRITE_TIMEOUT_SECONDS
            )
            self._warm(new)
            actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
            actions.append({"add": {"index": new, "alias": self.alias}})
            self._call(
                self.client.indices.update_aliases,
                body={"actions": actions},
                request_timeout=WRITE_TIMEOUT_SECONDS,
            )
        except Exception:
            self.client.indices.delete(index=new, ignore_unavailable=True)
            raise
        if old:
            time.sleep(SWAP_GRACE_SECONDS)
        for name in old:
            self._call(self.client.indices.delete, index=name, ignore_unavailable=True)
        return count

    def _warm(self, index: str) -> None:
        """One search reading what users' searches read, before the alias moves to the new index: its
        first search loads its files and facet tables, which took over the site's 2 s search
        timeout on a busy node, so the first family after a rebuild got the fallback answer."""
        # The facet tables and a text match, as a user's search reads them; no query analysis
        # (it reads the database, which a rebuild from documents alone need not have).
        facets = {
            name: {"terms": {"field": f"facets.{name}", "size": 30}} for name in facet_fields()
        }
        request_body = {
            "query": {"match": {"title": WARM_QUERY}},
            "size": 20,
            "track_total_hits": True,
            "aggs": {"type": {"terms": {"field": "doc_type", "size": 20}}, **facets},
        }
        try:
            self._call(
                self.client.search, index=index, body=request_body,
                request_timeout=WRITE_TIMEOUT_SECONDS,
            )  # fmt: skip
        except (BackendUnavailable, TransportError) as exc:
            # Best effort: a busy node refusing it costs one cold search, not the whole index.
            logger.warning("search: warming the new index %s failed (%s); swapping anyway",
                           index, type(exc).__name__)  # fmt: skip

    def _copy_other_types(self, old: str, new: str, doc_types: Sequence[str]) -> None:
        query = {"bool": {"must_not": [{"terms": {"doc_type": list(doc_types)}}]}}
        self._call(
            self.client.reindex,
            body={"source": {"index": old, "query": query}, "dest": {"index": new}},
            refresh=True,
            wait_for_completion=True,
            request_timeout=WRITE_TIMEOUT_SECONDS,
        )

    def _load(self, index: str, batches: Iterable[Sequence[IndexedDoc]]) -> int:
        def actions() -> Iterator[dict[str, Any]]:
            for batch in batches:
                for doc in batch:
                    yield index_action(index, doc)

        count = 0
        for ok, item in helpers.streaming_bulk(
            self.client,
            actions(),
            chunk_size=1000,
            raise_on_error=False,
            max_retries=2,
            request_timeout=WRITE_TIMEOUT_SECONDS,
        ):
            if ok:
                count += 1
            else:
                logger.error("search: OpenSearch refused a document: %s", item)
        return count

    def counts(self) -> dict[str, int]:
        """Documents per doc type (terms aggregation)."""
        result = self._call(
            self.client.search,
            index=self.alias,
            body={"size": 0, "aggs": {"type": {"terms": {"field": "doc_type", "size": 50}}}},
        )
        return {b["key"]: b["doc_count"] for b in result["aggregations"]["type"]["buckets"]}

    def ping(self) -> str:
        """Cluster health and version; BackendUnavailable if the node does not answer."""
        health = self._call(self.client.cluster.health, request_timeout=3)
        if health.get("status") == "red":
            raise BackendUnavailable("cluster health is red")
        version = self._call(self.client.info, request_timeout=3)["version"]["number"]
        return f"OpenSearch {version} ({health['status']}), alias {self.alias}"

    def drop_all(self) -> None:
        """Delete every index behind this prefix (tests and benchmarks clean up with it)."""
        self._call(self.client.indices.delete, index=f"{self.alias}-*", ignore_unavailable=True)

"""Refresh publications from PubMed into Publication rows and their links.

esearch (with history) by the condition's names and its genes' symbols, then efetch in
batches. Incremental runs ask for records modified since the last successful run.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings

from ingest.breakers import upstream_breaker, upstream_policy
from ingest.models import RefreshRun
from ingest.pipeline import record_flat, record_hash, text_cut
from ingest.ratelimit import RedisRateLimiter
from knowledge.linking import (
    RecordText,
    condition_gene_symbols,
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
from literature.client import RATE_WITH_KEY, RATE_WITHOUT_KEY, PubMedClient
from literature.models import Publication, PublicationLink
from literature.parse import ArticleParseError, ArticleRecord

logger = logging.getLogger(__name__)

TASK = "literature_refresh"
BATCH_SIZE = 200
# Articles per efetch request: NCBI allows far more; the parser streams, so memory stays flat.
EFETCH_BATCH = 500
# A broad query (a common gene symbol) can match tens of thousands of papers: take the newest.
MAX_ARTICLES_PER_RUN = 10_000


def pubmed_client() -> PubMedClient:
    """A client for settings.PUBMED_EUTILS_URL with a short connect timeout and shared breaker."""
    base_url = settings.PUBMED_EUTILS_URL
    read = settings.UPSTREAM_TIMEOUT_SECONDS
    return PubMedClient(
        base_url,
        tool=settings.PUBMED_TOOL,
        # NCBI wants a contact; without one configured the site's own address is used.
        email=settings.PUBMED_EMAIL or "rarelabs@localhost",
        api_key=settings.PUBMED_API_KEY or None,
        policy=upstream_policy(),
        timeout=(min(3.0, read), read),
        # NCBI's limit is per site, not per process: every worker takes slots from one bucket.
        limiter=RedisRateLimiter(
            f"pubmed@{base_url.rstrip('/')}",
            RATE_WITH_KEY if settings.PUBMED_API_KEY else RATE_WITHOUT_KEY,
        ),
        breaker=upstream_breaker("pubmed", base_url),
    )


def pubmed_term(names: Iterable[str], symbols: Iterable[str]) -> str:
    """An esearch term: any of the names or gene symbols in a title or abstract."""
    parts = [f'"{name}"[Title/Abstract]' for name in names]
    parts += [f"{symbol}[Title/Abstract]" for symbol in symbols]
    return " OR ".join(parts)


def literature_refresh(*, condition_id: int, full: bool = False) -> RefreshRun | None:
    """Refresh the publications of one condition; None when already running or deleted."""
    return source_refresh(SOURCE, condition_id=condition_id, full=full)


def literature_fetch(pmids: Iterable[str]) -> RefreshRun | None:
    """Fetch specific PMIDs not stored yet, linking them to the therapies that cite them."""
    return source_fetch(SOURCE, pmids)


def literature_refresh_due() -> list[RefreshRun]:
    """Refresh every due condition; stop at the first transient upstream failure."""
    return conditions_refresh_due(TASK, literature_refresh)


def condition_pubmed_term(condition: Condition) -> str:
    """The esearch term for a condition: its names and its genes' symbols."""
    return pubmed_term(condition_query_names(condition), condition_gene_symbols(condition))


def _search(term: str, since: dt.datetime | None, scope: str) -> Iterable[Any]:
    client = pubmed_client()
    result = client.search(term, mindate=since.date() if since else None, datetype="mdat", retmax=0)
    if result.count > MAX_ARTICLES_PER_RUN:
        logger.warning(
            "%s matches %d articles; taking %d", scope, result.count, MAX_ARTICLES_PER_RUN
        )
    if not result.count:
        return iter(())
    return client.iter_fetch(
        result, batch_size=settings.PUBMED_EFETCH_BATCH, limit=MAX_ARTICLES_PER_RUN
    )


def _fetch_pmids(pmids: list[str]) -> Iterable[ArticleRecord | ArticleParseError]:
    return pubmed_client().fetch_pmids(pmids)


def _clean_pmid(pmid: str) -> str:
    pmid = pmid.strip()
    return pmid if pmid.isdigit() else ""


def article_text(record: ArticleRecord) -> RecordText:
    """The texts an article is linked by."""
    mesh = tuple(h.descriptor for h in record.mesh_headings)
    free = tuple(t for t in (record.title, record.abstract) if t)
    return RecordText(
        key=record.pmid,
        condition_text=(*free, *record.keywords, *mesh),
        gene_text=(*free, *record.keywords),
        therapy_text=(*free, *record.keywords, *mesh),
        mesh_ids=tuple(h.ui for h in record.mesh_headings if h.ui),
    )


def publication_fields(record: ArticleRecord, retrieved_at: Any) -> dict[str, Any]:
    """Map a parsed article onto Publication fields (lengths cut to the columns)."""
    pub = record.pub_date
    published_on = pub.date if pub and pub.date else record.electronic_date
    return {
        "title": record.title,
        "abstract": record.abstract or "",
        "abstract_sections": [[label, text] for label, text in record.abstract_sections],
        "journal": text_cut(record.journal.title, 400),
        "journal_abbreviation": text_cut(record.journal.iso_abbreviation, 200),
        "volume": text_cut(record.journal.volume, 40),
        "issue": text_cut(record.journal.issue, 40),
        "pages": text_cut(record.journal.pages, 60),
        "published_on": published_on,
        "published_text": text_cut(pub.text if pub else None, 60),
        "authors": [record_flat(a) for a in record.authors],
        "doi": text_cut(record.doi, 200),
        "pmcid": text_cut(record.pmcid, 20),
        "mesh_terms": [text_cut(h.descriptor, 200) for h in record.mesh_headings],
        "publication_types": [text_cut(t, 120) for t in record.publication_types],
        "keywords": [text_cut(k, 200) for k in record.keywords],
        "content_hash": record_hash(record),
        "retrieved_at": retrieved_at,
    }


SINK = RecordSink(
    model=Publication,
    key_field="pmid",
    link_model=PublicationLink,
    link_field="publication",
    doc_type="publication",
    fields=publication_fields,
    text=article_text,
    batch_size=BATCH_SIZE,
)

SOURCE = RefreshSource(
    task=TASK,
    fetch_task="literature_fetch",
    kind="publication",
    sink=SINK,
    query=condition_pubmed_term,
    search=_search,
    by_id=_fetch_pmids,
    clean_id=_clean_pmid,
)

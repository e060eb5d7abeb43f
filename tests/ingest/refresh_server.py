"""Shared by the refresh tests: the real CT.gov and PubMed samples served from a local server.

Responses are the recorded files read in place; PubMed batches are cut from the real articles
at request time so esearch counts and efetch batches agree.
"""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from werkzeug import Request, Response

from ingest.breakers import RedisBreakerStore, breaker_name
from knowledge.models import IdentifierScheme, SynonymKind
from tests._shared import FIXTURE_DATA, REPO
from tests.factories.knowledge import (
    ConditionFactory,
    ConditionGeneFactory,
    ConditionIdentifierFactory,
    ConditionSynonymFactory,
    GeneFactory,
    TherapyFactory,
    TherapyLinkFactory,
)

CTGOV = FIXTURE_DATA / "ctgov"
PAGE1 = CTGOV / "studies_list_phelan_mcdermid_page1.json"
PAGE2 = CTGOV / "studies_list_phelan_mcdermid_page2.json"
LAST_PAGE = REPO / "tests" / "recorded" / "ctgov_studies_last_page.json"
PUBMED = FIXTURE_DATA / "pubmed"
EFETCH_FILES = (
    "efetch_pubmed_5_articles.xml",
    "efetch_pubmed_2_articles_dtd2025.xml",
    "efetch_pubmed_1_article_mesh.xml",
)
_ARTICLE = re.compile(rb"<PubmedArticle>.*?</PubmedArticle>", re.DOTALL)
_PMID = re.compile(rb'<PMID Version="\d+">(\d+)</PMID>')


def token(path: Path) -> str:
    """The nextPageToken of a recorded page."""
    return json.loads(path.read_text(encoding="utf-8"))["nextPageToken"]


def nct_ids() -> list[str]:
    """The NCT numbers on the two recorded pages, in order."""
    return [
        s["protocolSection"]["identificationModule"]["nctId"]
        for path in (PAGE1, PAGE2)
        for s in json.loads(path.read_text(encoding="utf-8"))["studies"]
    ]


def serve_pages(request: Request) -> Response:
    """Answer /studies like CT.gov: page by pageToken, the hand-written last page at the end."""
    pages = {None: PAGE1, token(PAGE1): PAGE2, token(PAGE2): LAST_PAGE}
    path = pages.get(request.args.get("pageToken"))
    if path is None:
        return Response("unknown page token", status=400)
    return Response(path.read_bytes(), content_type="application/json")


def real_articles() -> list[bytes]:
    """Every <PubmedArticle> element of the recorded efetch files, as bytes."""
    return [
        m.group(0) for name in EFETCH_FILES for m in _ARTICLE.finditer((PUBMED / name).read_bytes())
    ]


def article_pmid(article: bytes) -> str:
    """The article's own PMID (the first PMID element; cited ones come later)."""
    found = _PMID.search(article)
    assert found is not None
    return found.group(1).decode()


def article_set(articles: list[bytes]) -> bytes:
    """A PubmedArticleSet body holding these articles."""
    return (
        b'<?xml version="1.0" ?>\n<PubmedArticleSet>\n'
        + b"\n".join(articles)
        + (b"\n</PubmedArticleSet>\n")
    )


def esearch_body(count: int) -> bytes:
    """An esearch answer with a history handle, in the shape of the recorded one."""
    return (
        f'<?xml version="1.0" ?>\n<eSearchResult><Count>{count}</Count><RetMax>0</RetMax>'
        f"<RetStart>0</RetStart><QueryKey>1</QueryKey><WebEnv>MCID_TEST</WebEnv><IdList/>"
        f"</eSearchResult>"
    ).encode()


def serve_pubmed(httpserver, articles: list[bytes] | None = None) -> list[bytes]:
    """Serve esearch and efetch (history batches and id lists) over the given articles."""
    articles = real_articles() if articles is None else articles

    def efetch(request: Request) -> Response:
        if "id" in request.args:
            wanted = set(request.args["id"].split(","))
            chosen = [a for a in articles if article_pmid(a) in wanted]
        else:
            start = int(request.args["retstart"])
            chosen = articles[start : start + int(request.args["retmax"])]
        return Response(article_set(chosen), content_type="text/xml")

    httpserver.expect_request("/eutils/esearch.fcgi").respond_with_data(
        esearch_body(len(articles)), content_type="text/xml"
    )
    httpserver.expect_request("/eutils/efetch.fcgi").respond_with_handler(efetch)
    return articles


def point_at(settings, base: str) -> None:
    """Point both clients at ``base`` with fast retries and a short timeout."""
    settings.CTGOV_API_URL = f"{base}/api/v2"
    settings.PUBMED_EUTILS_URL = f"{base}/eutils"
    settings.PUBMED_EMAIL = "tests@example.org"
    settings.UPSTREAM_MAX_ATTEMPTS = 2
    settings.UPSTREAM_RETRY_BASE_DELAY = 0.01
    settings.UPSTREAM_TIMEOUT_SECONDS = 1.0
    settings.PUBMED_EFETCH_BATCH = 3
    reset_breakers(base)


def reset_breakers(base: str) -> None:
    """Close the shared circuits of the test server (state lives in Redis)."""
    store = RedisBreakerStore()
    store.reset(breaker_name("ctgov", f"{base}/api/v2"))
    store.reset(breaker_name("pubmed", f"{base}/eutils"))


@contextmanager
def closed_port_url() -> Iterator[str]:
    """A URL on 127.0.0.1 where nothing listens (connection refused) for the block. The port
    stays bound without listening: a port let go could be taken by another process that answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


def make_condition():
    """Phelan-McDermid syndrome with a synonym, genes, a therapy and curated references.

    Test fixture rows, not medical content: SENP2 and the MeSH id D000230 are attached only
    because the recorded PubMed articles mention them, to exercise gene and identifier links.
    """
    condition = ConditionFactory(name="Phelan-McDermid syndrome", primary_id="ORPHA:48652")
    ConditionSynonymFactory(condition=condition, text="22q13 deletion syndrome")
    ConditionSynonymFactory(condition=condition, text="PMS", kind=SynonymKind.ABBREVIATION)
    ConditionIdentifierFactory(condition=condition, scheme=IdentifierScheme.MESH, value="D000230")
    for symbol in ("SHANK3", "SENP2"):
        ConditionGeneFactory(condition=condition, gene=GeneFactory(symbol=symbol))
    therapy = TherapyFactory(name="Oxytocin", synonyms=["Pitocin"])
    TherapyLinkFactory(
        therapy=therapy, condition=condition, nct_ids=["NCT02710084"], pmids=["35196497"]
    )
    return condition

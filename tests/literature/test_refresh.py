"""literature_refresh against a real local server replaying the recorded E-utilities answers."""

from __future__ import annotations

import pytest

from ingest.models import RunStatus
from knowledge.models import ReviewStatus
from knowledge.models.common import LinkMethod
from literature.models import Publication, PublicationLink
from literature.refresh import literature_fetch, literature_refresh
from tests.ingest.refresh_server import (
    article_pmid,
    article_set,
    closed_port_url,
    make_condition,
    point_at,
    real_articles,
    serve_pubmed,
)

pytestmark = pytest.mark.django_db

SNAPSHOT_FIELDS = ("pmid", "title", "abstract", "journal", "doi", "content_hash")


@pytest.fixture
def condition(settings, httpserver):
    point_at(settings, httpserver.url_for("").rstrip("/"))
    return make_condition()


@pytest.fixture
def stored(condition, httpserver):
    """A first successful refresh; returns the stored rows as they were."""
    serve_pubmed(httpserver)
    assert literature_refresh(condition_id=condition.pk).status == RunStatus.OK
    httpserver.clear()
    return _snapshot()


def _snapshot() -> list[dict]:
    return list(Publication.objects.order_by("pmid").values(*SNAPSHOT_FIELDS))


def test_full_refresh_stores_articles_in_batches_with_links(condition, httpserver):
    articles = serve_pubmed(httpserver)
    run = literature_refresh(condition_id=condition.pk)

    assert (run.status, run.mode, run.fetched, run.created) == (RunStatus.OK, "full", 8, 8)
    assert sorted(Publication.objects.values_list("pmid", flat=True)) == sorted(
        article_pmid(a) for a in articles
    )
    search_args, *fetch_args = [request.args for request, _ in httpserver.log]
    assert search_args["term"] == (
        '"Phelan-McDermid syndrome"[Title/Abstract] OR "22q13 deletion syndrome"[Title/Abstract]'
        " OR SENP2[Title/Abstract] OR SHANK3[Title/Abstract]"
    )
    assert "mindate" not in search_args
    assert [a["retstart"] for a in fetch_args] == ["0", "3", "6"]

    senp2 = Publication.objects.get(pmid="35196497")
    assert senp2.title.startswith("SENP2 suppresses browning")
    assert senp2.doi
    kinds = {
        (link.gene_id is not None, link.therapy_id is not None, link.method, link.review_status)
        for link in PublicationLink.objects.filter(publication=senp2)
    }
    assert (True, False, LinkMethod.NAME_MATCH, ReviewStatus.AUTO) in kinds
    assert (False, True, LinkMethod.REFERENCE, ReviewStatus.CONFIRMED) in kinds
    by_mesh = PublicationLink.objects.get(publication__pmid="27797938", condition=condition)
    assert (by_mesh.method, by_mesh.matched_text) == (LinkMethod.IDENTIFIER, "MeSH:D000230")
    # Nothing in this article names the condition: the upstream search is the only evidence.
    fallback = PublicationLink.objects.get(publication__pmid="9997", condition=condition)
    assert fallback.method == LinkMethod.NAME_MATCH
    assert fallback.matched_text.startswith("search: ")


def test_rerun_is_incremental_and_counts_everything_unchanged(stored, condition, httpserver):
    serve_pubmed(httpserver)
    run = literature_refresh(condition_id=condition.pk)
    assert (run.mode, run.fetched, run.created, run.updated, run.unchanged) == (
        "incremental",
        8,
        0,
        0,
        8,
    )
    search_args = httpserver.log[0][0].args
    assert search_args["mindate"] == run.since.strftime("%Y/%m/%d")
    assert search_args["datetype"] == "mdat"
    assert _snapshot() == stored


def test_an_article_without_title_is_skipped_and_the_run_is_partial(condition, httpserver):
    articles = real_articles()
    broken = (
        articles[1]
        .replace(b"<ArticleTitle>", b"<Ignored>")
        .replace(b"</ArticleTitle>", b"</Ignored>")
    )
    serve_pubmed(httpserver, [articles[0], broken, articles[2]])

    run = literature_refresh(condition_id=condition.pk)

    assert (run.status, run.fetched, run.created, run.failed) == (RunStatus.PARTIAL, 3, 2, 1)
    assert run.errors[0]["record_id"] == article_pmid(broken)
    assert run.errors[0]["field"] == "Article/ArticleTitle"


def test_esearch_server_error_fails_the_run_and_keeps_the_data(stored, condition, httpserver):
    httpserver.expect_request("/eutils/esearch.fcgi").respond_with_data("boom", status=500)
    run = literature_refresh(condition_id=condition.pk)
    assert (run.status, run.errors[-1]["error"]) == (RunStatus.FAILED, "UpstreamTransient")
    assert _snapshot() == stored


def test_malformed_efetch_xml_fails_the_run_and_keeps_the_data(stored, condition, httpserver):
    httpserver.expect_request("/eutils/esearch.fcgi").respond_with_data(
        b"<eSearchResult><Count>8</Count><QueryKey>1</QueryKey><WebEnv>W</WebEnv></eSearchResult>"
    )
    httpserver.expect_request("/eutils/efetch.fcgi").respond_with_data(
        b"<PubmedArticleSet><PubmedArticle><MedlineCitation>&oops;</PubmedArticleSet>"
    )
    run = literature_refresh(condition_id=condition.pk)
    assert (run.status, run.errors[-1]["error"]) == (RunStatus.FAILED, "MalformedResponse")
    assert run.errors[-1]["transient"] is False
    assert _snapshot() == stored


def test_truncated_efetch_body_fails_the_run_and_keeps_the_data(stored, condition, httpserver):
    body = article_set(real_articles())
    httpserver.expect_request("/eutils/esearch.fcgi").respond_with_data(
        b"<eSearchResult><Count>8</Count><QueryKey>1</QueryKey><WebEnv>W</WebEnv></eSearchResult>"
    )
    httpserver.expect_request("/eutils/efetch.fcgi").respond_with_data(body[: len(body) // 2])
    run = literature_refresh(condition_id=condition.pk)
    assert (run.status, run.errors[-1]["error"]) == (RunStatus.FAILED, "MalformedResponse")
    assert _snapshot() == stored


def test_malformed_esearch_json_fails_the_run(stored, condition, httpserver):
    httpserver.expect_request("/eutils/esearch.fcgi").respond_with_data(
        b'{"esearchresult": {"count": ', content_type="application/json"
    )
    run = literature_refresh(condition_id=condition.pk)
    assert (run.status, run.errors[-1]["error"]) == (RunStatus.FAILED, "MalformedResponse")
    assert _snapshot() == stored


def test_connection_refused_fails_the_run_and_keeps_the_data(stored, condition, settings):
    with closed_port_url() as url:
        point_at(settings, url)
        run = literature_refresh(condition_id=condition.pk)
    assert (run.status, run.errors[-1]["transient"]) == (RunStatus.FAILED, True)
    assert "ConnectionError" in run.errors[-1]["message"]
    assert _snapshot() == stored


def test_fetch_by_pmid_stores_only_missing_articles(condition, httpserver):
    serve_pubmed(httpserver)
    run = literature_fetch(["35196497", "9997", "not-a-pmid"])
    assert (run.status, run.created) == (RunStatus.OK, 2)
    assert httpserver.log[0][0].args["id"] == "35196497,9997"
    reference = PublicationLink.objects.get(publication__pmid="35196497")
    assert (reference.method, reference.review_status) == (
        LinkMethod.REFERENCE,
        ReviewStatus.CONFIRMED,
    )
    assert literature_fetch(["9997"]).fetched == 0
    assert len(httpserver.log) == 1

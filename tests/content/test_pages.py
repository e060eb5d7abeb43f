"""Articles, home, feeds, sitemap, robots.txt, page cache and Markdown sanitizing."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from content.markdown import render_markdown
from content.models import Article, ArticleStatus
from content.services import ArticleFileError, article_upsert_from_file, articles_load
from content.sitemaps import ConditionSitemap
from rarelabs.pagecache import page_cache_generation, page_cache_invalidate
from tests.factories.knowledge import ConditionFactory, ConditionIdentifierFactory, TherapyFactory
from tests.factories.records import ArticleFactory, ClinicalTrialFactory

pytestmark = pytest.mark.django_db
ARTICLES_DIR = Path(__file__).resolve().parents[2] / "content" / "articles"


@pytest.fixture(autouse=True)
def _fresh_page_cache() -> None:
    # Rolled-back test data sends no signals: start every test on a new cache generation.
    page_cache_invalidate()


def test_starter_articles_load_once_and_a_second_load_changes_nothing() -> None:
    """The six starter articles load; a second load changes nothing."""
    first = articles_load(directory=ARTICLES_DIR)
    assert first.created == 6
    assert first.updated == 0
    second = articles_load(directory=ARTICLES_DIR)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 6)
    aso = Article.objects.get(slug="what-are-antisense-oligonucleotides")
    assert aso.status == ArticleStatus.PUBLISHED
    assert aso.hero_alt
    assert 1 <= aso.reading_time_minutes <= 30
    assert aso.reading_grade <= 8.0
    assert aso.faq
    assert aso.key_takeaways


def test_article_links_conditions_by_orpha_identifier_and_therapies_by_name(
    tmp_path: Path,
) -> None:
    """Related conditions match a primary id or an ORPHA cross-reference; therapies by name."""
    by_primary = ConditionFactory(name="Test primary", primary_id="ORPHA:9990070")
    by_xref = ConditionFactory(name="Test xref", primary_id="OMIM:9310200")
    ConditionIdentifierFactory(condition=by_xref, scheme="ORPHA", value="9998896")
    therapy = TherapyFactory(name="Testinersen", slug="testinersen")
    path = tmp_path / "linked.md"
    path.write_text(
        "---\ntitle: Linked\nslug: linked\nsummary: S.\npublished: 2026-01-02\n"
        'related_conditions: ["ORPHA:9990070", "ORPHA:9998896", "ORPHA:9999999"]\n'
        "related_therapies: [testinersen, notadrug]\n---\nBody.\n"
    )
    result = article_upsert_from_file(path=path)
    article = Article.objects.get(slug="linked")
    assert set(article.related_conditions.all()) == {by_primary, by_xref}
    assert list(article.related_therapies.all()) == [therapy]
    assert result.missing_conditions == ("ORPHA:9999999",)
    assert result.missing_therapies == ("notadrug",)
    assert not article_upsert_from_file(path=path).changed


def test_load_articles_command_reports_counts(capsys: pytest.CaptureFixture[str]) -> None:
    """The command prints created/updated/unchanged counts."""
    call_command("load_articles", "--dir", str(ARTICLES_DIR))
    assert "articles: 6 created, 0 updated, 0 unchanged" in capsys.readouterr().out


def test_article_file_without_alt_text_is_refused(tmp_path: Path) -> None:
    """A hero image needs alt text; the file is refused and names the field."""
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: T\nslug: t\nsummary: S\nhero_image: {path: img/x.svg}\n---\nBody\n")
    with pytest.raises(ArticleFileError, match="alt"):
        article_upsert_from_file(path=bad)
    assert not Article.objects.filter(slug="t").exists()


def test_future_article_is_scheduled_and_appears_at_its_time(
    client: Client, tmp_path: Path
) -> None:
    """A future date loads as scheduled: hidden until its time comes."""
    later = timezone.now().date() + datetime.timedelta(days=3)
    path = tmp_path / "later.md"
    path.write_text(
        f"---\ntitle: Later\nslug: later\nsummary: Soon.\npublished: {later}\n---\nHi.\n"
    )
    article_upsert_from_file(path=path)
    article = Article.objects.get(slug="later")
    assert article.status == ArticleStatus.SCHEDULED
    assert client.get("/articles/later/").status_code == 404
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - datetime.timedelta(1)
    )
    page_cache_invalidate()
    assert client.get("/articles/later/").status_code == 200


def test_article_page_has_toc_faq_takeaways_tips_hero_and_structured_data(client: Client) -> None:
    """The detail page shows every part of the article, with Open Graph and JSON-LD."""
    articles_load(directory=ARTICLES_DIR)
    response = client.get("/articles/what-are-antisense-oligonucleotides/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="toc"' in html
    assert re.search(r'<h2 id="[a-z0-9-]+">', html)
    assert "Key points" in html
    assert '<th scope="row">An ASO is a short strand made in a lab.</th>' in html
    assert 'class="callout callout--tip"' in html
    assert "Questions families ask" in html
    assert re.search(r'<img src="/static/img/articles/[^"]+\.svg" alt="A drawing[^"]+"', html)
    assert "min read" in html
    assert '<meta property="og:title" content="Antisense oligonucleotides' in html
    assert '<meta name="description" content="ASOs are short' in html
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    graph = json.loads(blocks[0])["@graph"]
    assert [node["@type"] for node in graph] == ["MedicalWebPage", "FAQPage"]
    assert graph[1]["mainEntity"][0]["name"] == "Is an ASO a gene therapy?"
    assert "https://pubmed.ncbi.nlm.nih.gov/29091570/" in html


def test_drafts_are_never_public_but_staff_can_preview(client: Client) -> None:
    """Drafts 404 for everyone, appear in no list or feed, and staff see them with ?preview=1."""
    ArticleFactory(slug="draft-one", title="Secret draft", status=ArticleStatus.DRAFT)
    assert client.get("/articles/draft-one/").status_code == 404
    assert client.get("/articles/draft-one/?preview=1").status_code == 404
    assert b"Secret draft" not in client.get("/articles/").content
    assert b"Secret draft" not in client.get("/articles/feed/rss/").content
    assert b"draft-one" not in client.get("/sitemap.xml").content
    staff = User.objects.create_user("editor", password="x" * 16, is_staff=True)
    client.force_login(staff)
    preview = client.get("/articles/draft-one/?preview=1")
    assert preview.status_code == 200
    assert b"Preview: this article is" in preview.content
    assert preview["X-Robots-Tag"] == "noindex"
    nonstaff = Client()
    nonstaff.force_login(User.objects.create_user("reader", password="y" * 16))
    assert nonstaff.get("/articles/draft-one/?preview=1").status_code == 404


def test_article_list_filters_by_tag_and_pages(client: Client) -> None:
    """Ten articles a page; a tag filter matches any case; odd input never fails."""
    for n in range(12):
        ArticleFactory(
            title=f"Guide {n:02d}",
            tags=["Trials"] if n % 2 else ["genes"],
            published_at=timezone.now() - datetime.timedelta(days=n + 1),
        )
    first = client.get("/articles/").content.decode()
    assert "Guide 00" in first
    assert "Guide 11" not in first
    assert "Page 1 of 2" in first
    assert "Guide 11" in client.get("/articles/?page=2").content.decode()
    tagged = client.get("/articles/?tag=trials").content.decode()
    assert "Guide 01" in tagged
    assert "Guide 00" not in tagged
    for odd in ["?page=0", "?page=%ff", "?tag=" + "x" * 5000, "?tag=%00", "?page=1&page=2"]:
        assert client.get("/articles/" + odd).status_code == 200


def test_home_puts_search_first_then_browse_articles_and_trials(client: Client) -> None:
    """The first form on the home page is the search box; A to Z, guides and trials follow."""
    ArticleFactory(title="A guide for the home page")
    ClinicalTrialFactory(title="A recruiting study").links.create(
        condition=ConditionFactory(), method="identifier"
    )
    html = client.get("/").content.decode()
    main = html[html.index("<main") :]
    assert main.index('id="site-search"') < main.index("Browse conditions A\u2013Z")
    assert "A guide for the home page" in main
    assert "A recruiting study" in main
    assert html.count('id="site-search"') == 1
    assert 'data-autocomplete-url="/search/autocomplete"' in html
    assert re.search(r'<script src="/static/js/search\.js" defer>', html)
    assert 'class="skip-link" href="#main"' in html


def test_pages_are_light_and_make_no_third_party_requests(client: Client) -> None:
    """Pages stay far below 200 KB and load nothing from other hosts."""
    articles_load(directory=ARTICLES_DIR)
    for path in ["/", "/articles/", "/articles/what-are-antisense-oligonucleotides/"]:
        html = client.get(path).content.decode()
        assert len(html.encode()) < 100_000
        fetched = re.findall(r'<(?:script|img)[^>]+src="([^"]+)"', html) + re.findall(
            r'<link[^>]+rel="(?:stylesheet|icon|preload)"[^>]+href="([^"]+)"', html
        )
        assert fetched, path
        assert all(url.startswith("/") and not url.startswith("//") for url in fetched), fetched


def test_feeds_sitemap_and_robots(client: Client) -> None:
    """RSS and Atom list public articles; the sitemap lists articles, conditions and therapies."""
    ArticleFactory(slug="public-one", title="Public one")
    ConditionFactory(slug="some-condition")
    TherapyFactory(slug="some-therapy")
    rss = client.get("/articles/feed/rss/")
    assert rss.status_code == 200
    assert b"<title>Public one</title>" in rss.content
    atom = client.get("/articles/feed/atom/")
    assert b'xmlns="http://www.w3.org/2005/Atom"' in atom.content
    assert b"Public one" in atom.content
    sitemap = _sitemap_urls(client)
    for path in [
        "/articles/public-one/",
        "/conditions/some-condition/",
        "/therapies/some-therapy/",
    ]:
        assert f"http://testserver{path}" in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def _sitemap_urls(client: Client) -> set[str]:
    """Every page URL reachable from /sitemap.xml, following its index and section pages."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    found: set[str] = set()
    for section in re.findall(r"<loc>([^<]+)</loc>", index.content.decode()):
        page = client.get(section.replace("http://testserver", ""))
        assert page.status_code == 200, section
        found.update(re.findall(r"<loc>([^<]+)</loc>", page.content.decode()))
    return found


def test_sitemap_lists_every_condition_past_one_section_page(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More conditions than one sitemap page holds: the index reaches all of them."""
    monkeypatch.setattr(ConditionSitemap, "limit", 2)
    slugs = [f"condition-{n}" for n in range(5)]
    for slug in slugs:
        ConditionFactory(slug=slug)
    urls = _sitemap_urls(client)
    assert {f"http://testserver/conditions/{slug}/" for slug in slugs} <= urls


def test_page_cache_serves_anonymous_readers_and_a_change_invalidates_it(client: Client) -> None:
    """A second anonymous visit is a cache hit; saving an article makes the next visit fresh."""
    article = ArticleFactory(slug="cached", title="First title")
    assert client.get("/articles/cached/")["X-Page-Cache"] == "miss"
    assert client.get("/articles/cached/")["X-Page-Cache"] == "hit"
    before = page_cache_generation()
    article.title = "Second title"
    article.save()
    assert page_cache_generation() > before
    fresh = client.get("/articles/cached/")
    assert fresh["X-Page-Cache"] == "miss"
    assert b"Second title" in fresh.content


def test_markdown_cannot_inject_script() -> None:
    """Scripts, event handlers, javascript: links and raw iframes are removed."""
    html = render_markdown(
        "## Hi\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
        "[click](javascript:alert(3)) <iframe src='https://evil.example'></iframe>\n\n"
        '<a href="https://ok.example" onclick="alert(4)">ok</a>'
    ).html
    for bad in ["<script", "onerror", "javascript:", "<iframe", "onclick", "alert(1)"]:
        assert bad not in html
    assert '<h2 id="hi">Hi</h2>' in html
    assert 'href="https://ok.example"' in html


def test_article_body_with_script_renders_safely_on_the_page(client: Client) -> None:
    """An article body cannot put a script on the page."""
    ArticleFactory(slug="evil", body="## Part\n\n<script>alert('x')</script>Text")
    html = client.get("/articles/evil/").content.decode()
    assert "alert('x')" not in html
    assert "Text" in html


def test_unknown_article_404_offers_search(client: Client) -> None:
    """An unknown slug gives the 404 page with a search box."""
    response = client.get("/articles/no-such-article/?q=<script>")
    assert response.status_code == 404
    assert b'id="site-search"' in response.content
    assert b'<script>"' not in response.content

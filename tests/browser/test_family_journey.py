"""A family's path through the site in a real browser: search, condition, therapy, article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from content.services import articles_load
from knowledge.models import ApprovalStatus, PhenotypeSynonym
from tests.browser.conftest import screenshot
from tests.factories.knowledge import (
    ConditionFactory,
    ConditionGeneFactory,
    ConditionPhenotypeFactory,
    GeneFactory,
    PhenotypeFactory,
    TherapyLinkFactory,
)
from tests.factories.records import ClinicalTrialFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTICLES = Path(__file__).resolve().parents[2] / "content" / "articles"
AXE_PAGES = {
    "home": "/",
    "search": "/search?q=spinal",
    "condition": "/conditions/spinal-muscular-atrophy/",
    "therapy": "/therapies/nusinersen/",
    "article": "/articles/what-are-antisense-oligonucleotides/",
}


@pytest.fixture
def site(live_server: object, monkeypatch: pytest.MonkeyPatch) -> str:
    """A small knowledge base, the starter articles and a built search index."""
    from rest_framework.throttling import AnonRateThrottle

    # The API's anonymous throttle counts per address in the shared Redis, where other suites
    # also call from 127.0.0.1; DRF reads its rates at import, so lift the limit on the class.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": None})
    # Start from an empty database, as a transactional test ends: another suite may have
    # loaded the real knowledge base, whose names would crowd the search suggestions.
    call_command("flush", interactive=False, verbosity=0)
    sma = ConditionFactory(
        name="Spinal muscular atrophy",
        slug="spinal-muscular-atrophy",
        primary_id="ORPHA:70",
        prevalence="1-9 / 100 000",
        onset=["infancy", "childhood"],
        inheritance=["autosomal_recessive"],
        facts_source="Orphanet ORPHApackets 2025-12",
    )
    floppy = PhenotypeFactory(hpo_id="HP:0001290", name="Generalized hypotonia")
    PhenotypeSynonym.objects.create(phenotype=floppy, text="Floppy muscles", is_layperson=True)
    ConditionPhenotypeFactory(condition=sma, phenotype=floppy, frequency=0.895, source="Orphanet")
    ConditionGeneFactory(
        condition=sma, gene=GeneFactory(symbol="SMN1", name="survival of motor neuron 1")
    )
    TherapyLinkFactory(
        condition=sma,
        therapy__name="nusinersen",
        therapy__slug="nusinersen",
        therapy__mechanism="It helps the body make more of the SMN protein.",
        status=ApprovalStatus.FDA_APPROVED,
        approval_year_fda=2016,
        source="RareLabs therapy fact sheet",
    )
    ClinicalTrialFactory(
        nct_id="NCT02193074", title="A study of nusinersen in infants with SMA"
    ).links.create(condition=sma, method="identifier", review_status="confirmed")
    articles_load(directory=ARTICLES)
    from search.indexer import rebuild

    rebuild(progress=False)
    return live_server.url


def test_search_with_autocomplete_then_condition_then_therapy(site: str, page: object) -> None:
    """Typing shows suggestions; the condition page leads to the therapy page."""
    page.goto(site + "/")
    box = page.get_by_label("Search for a condition, gene or treatment")
    box.click()
    box.press_sequentially("spinal mus", delay=40)
    suggestion = page.locator("[role=listbox] [role=option] a", has_text="Spinal muscular atrophy")
    suggestion.first.wait_for(state="visible")
    screenshot(page, "1-home-autocomplete")
    suggestion.first.click()
    page.wait_for_url(re.compile(r"/conditions/spinal-muscular-atrophy/$"))
    assert page.locator("h1").inner_text() == "Spinal muscular atrophy"
    assert "Floppy muscles" in page.locator("main").inner_text()
    screenshot(page, "2-condition")
    page.locator("main").get_by_role("link", name="nusinersen", exact=True).first.click()
    page.wait_for_url(re.compile(r"/therapies/nusinersen/$"))
    assert "FDA approved" in page.locator("main").inner_text()
    screenshot(page, "3-therapy")


def test_read_an_article_and_use_its_table_of_contents(site: str, page: object) -> None:
    """From the article list to a guide; the table of contents jumps to its section."""
    page.goto(site + "/articles/")
    page.get_by_role("link", name=re.compile("Antisense oligonucleotides")).first.click()
    page.wait_for_url(re.compile(r"/articles/what-are-antisense-oligonucleotides/$"))
    hero = page.locator("figure.hero img")
    assert hero.get_attribute("alt")
    assert hero.evaluate("img => img.naturalWidth") > 0  # the image really loaded
    screenshot(page, "4-article-top", full_page=False)
    toc_link = page.locator("nav.toc a").first
    target = toc_link.get_attribute("href")
    toc_link.click()
    assert page.evaluate("() => location.hash") == target
    assert page.locator(target).is_visible()
    page.wait_for_timeout(600)  # let the smooth scroll settle before the picture
    screenshot(page, "5-article-section", full_page=False)
    screenshot(page, "4-article")


def test_search_works_without_javascript(site: str, browser: object) -> None:
    """With JavaScript off the search form still submits and shows results."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site + "/")
    page.get_by_label("Search for a condition, gene or treatment").fill("spinal muscular atrophy")
    page.get_by_role("button", name="Search").first.click()
    page.wait_for_url(re.compile(r"/search\?q=spinal"))
    assert page.get_by_role("link", name="Spinal muscular atrophy").count() >= 1
    context.close()


@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe_finds_no_accessibility_violations(site: str, page: object, name: str) -> None:
    """axe-core (bundled by axe-playwright-python, offline) reports zero violations."""
    from axe_playwright_python.sync_playwright import Axe

    response = page.goto(site + AXE_PAGES[name])
    assert response is not None
    assert response.status == 200
    results = Axe().run(page)
    if name in {"home", "condition"}:
        screenshot(page, f"axe-{name}")
    assert results.violations_count == 0, results.generate_report()

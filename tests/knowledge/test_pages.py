"""Knowledge pages: content order, links between pages, sources, 404s, redirects, query counts.

Over 400 lines on purpose: one test per promise of the pages, sharing one fixture graph.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from knowledge.models import ApprovalStatus, Condition, PhenotypeSynonym, ReviewStatus, SlugRedirect
from knowledge.selectors import condition_list_by_letter
from literature.models import PublicationLink
from rarelabs.pagecache import page_cache_invalidate
from tests.factories.knowledge import (
    ConditionFactory,
    ConditionGeneFactory,
    ConditionIdentifierFactory,
    ConditionPhenotypeFactory,
    GeneFactory,
    PhenotypeFactory,
    TherapyLinkFactory,
    VariantFactory,
)
from tests.factories.records import ClinicalTrialFactory, PublicationFactory
from trials.models import TrialLink, TrialStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_page_cache() -> None:
    # Rolled-back test data sends no signals: start every test on a new cache generation.
    page_cache_invalidate()


@pytest.fixture
def sma():
    condition = ConditionFactory(
        name="Testing muscular atrophy",
        slug="testing-muscular-atrophy",
        primary_id="ORPHA:99070",
        prevalence="1-9 / 100 000",
        prevalence_source="Orphanet ORPHA:99070",
        onset=["infancy"],
        inheritance=["autosomal_recessive"],
        facts_source="Orphanet 2025-12",
        definition="A group of inherited neuromuscular disorders.",
    )
    ConditionIdentifierFactory(condition=condition, scheme="OMIM", value="9253300")
    ConditionIdentifierFactory(condition=condition, scheme="GARD", value="0099674")
    hypotonia = PhenotypeFactory(hpo_id="HP:9901290", name="Generalized hypotonia")
    PhenotypeSynonym.objects.create(phenotype=hypotonia, text="Floppy muscles", is_layperson=True)
    ConditionPhenotypeFactory(
        condition=condition,
        phenotype=hypotonia,
        frequency=0.895,
        source="Orphanet",
        source_id="ORPHA:99070",
    )
    ConditionPhenotypeFactory(
        condition=condition,
        frequency=0.17,
        phenotype__name="Scoliosis",
        phenotype__hpo_id="HP:9902650",
    )
    gene = GeneFactory(symbol="TSMN1", name="survival of motor neuron 1, telomeric")
    ConditionGeneFactory(condition=condition, gene=gene, source="Orphanet", source_id="ORPHA:99070")
    TherapyLinkFactory(
        condition=condition,
        therapy__name="testdiplam",
        therapy__slug="testdiplam",
        status=ApprovalStatus.INVESTIGATIONAL,
    )
    TherapyLinkFactory(
        condition=condition,
        therapy__name="testinersen",
        therapy__slug="testinersen",
        therapy__mechanism="Helps the cell make more SMN protein.",
        status=ApprovalStatus.FDA_APPROVED,
        approval_year_fda=2016,
    )
    trial = ClinicalTrialFactory(nct_id="NCT01234567", title="A study of <b>testdiplam</b>")
    TrialLink.objects.create(
        trial=trial, condition=condition, method="identifier", review_status=ReviewStatus.CONFIRMED
    )
    closed = ClinicalTrialFactory(
        nct_id="NCT07654321", status=TrialStatus.COMPLETED, title="A finished study"
    )
    TrialLink.objects.create(trial=closed, condition=condition, method="name_match")
    paper = PublicationFactory(pmid="29091570", title="Nusinersen <script>alert(1)</script> trial")
    PublicationLink.objects.create(publication=paper, condition=condition, method="reference")
    return condition


def test_condition_page_shows_sections_in_family_order(client: Client, sma) -> None:
    """Summary first, trials near the top, then symptoms, inheritance, genes and therapies."""
    response = client.get(reverse("knowledge:condition-detail", args=[sma.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    html = html[html.index("<main") : html.index("</main>")]
    order = [
        "In plain words",
        "Not medical advice.",
        "Studies looking for people to join",
        "Signs and symptoms",
        "how it runs in families",
        ">Genes<",
        ">Treatments<",
        "Latest research",
        "Learn more elsewhere",
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert "Written by a computer" in html
    assert "Floppy muscles" in html
    assert "Most people" in html
    assert "Some people" in html
    assert html.index("testinersen") < html.index("testdiplam")  # approved first
    assert "Helps the cell make more SMN protein." in html
    assert "Reviewed" in html
    assert "A finished study" not in html  # only recruiting trials


def test_condition_page_links_to_sources_and_other_pages(client: Client, sma) -> None:
    """External links are built from identifiers; genes, therapies, trials and papers link in."""
    html = client.get(sma.get_absolute_url()).content.decode()
    for url in [
        "https://www.orpha.net/en/disease/detail/99070",
        "https://omim.org/entry/9253300",
        "https://rarediseases.info.nih.gov/diseases/99674/testing-muscular-atrophy",
        "https://www.ncbi.nlm.nih.gov/clinvar/?term=TSMN1%5Bgene%5D",
        "https://medlineplus.gov/genetics/gene/tsmn1/",
        "/genes/TSMN1/",
        "/therapies/testinersen/",
        "/trials/NCT01234567/",
        "/publications/29091570/",
        "/phenotypes/HP:9901290/",
    ]:
        assert url in html, url
    assert "retrieved 25 Nov 2026" in html  # section sources carry retrieval dates
    assert '"@type": "MedicalWebPage"' in html


def test_imported_text_is_escaped(client: Client, sma) -> None:
    """Titles from PubMed and ClinicalTrials.gov are shown as text, never as markup."""
    html = client.get(sma.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;testdiplam&lt;/b&gt;" in html


def test_condition_page_query_count_is_fixed(
    client: Client, sma, django_assert_max_num_queries
) -> None:
    """More symptoms, genes and therapies do not add queries (no N+1)."""
    for _n in range(15):
        ConditionPhenotypeFactory(condition=sma, frequency=0.5)
        ConditionGeneFactory(condition=sma)
        TherapyLinkFactory(condition=sma)
    page_cache_invalidate()
    # 14, plus the links' FDA approvals (one prefetch) and the trials' medicines (one query).
    with django_assert_max_num_queries(16):
        assert client.get(sma.get_absolute_url()).status_code == 200


def test_old_slug_redirects_permanently(client: Client, sma) -> None:
    """A merged condition's old slug answers 301 to the current page."""
    SlugRedirect.objects.create(old_slug="sma-old-name", condition=sma)
    response = client.get("/conditions/sma-old-name/")
    assert response.status_code == 301
    assert response["Location"] == sma.get_absolute_url()


@pytest.mark.parametrize(
    "path",
    [
        "/conditions/no-such-thing/",
        "/genes/NOPE1/",
        "/variants/999999/",
        "/phenotypes/HP:9999999/",
        "/phenotypes/not-an-id/",
        "/therapies/no-such-drug/",
        "/trials/NCT99999999/",
        "/trials/not-an-nct/",
        "/publications/123456789/",
        "/publications/abc/",
    ],
)
def test_unknown_pages_give_404_with_search(client: Client, path: str) -> None:
    """Unknown slugs and ids give a 404 page that offers the search box."""
    response = client.get(path)
    assert response.status_code == 404
    assert b'id="site-search"' in response.content
    assert b'action="/search"' in response.content


def test_condition_list_pages_by_letter(client: Client, django_assert_max_num_queries) -> None:
    """A to Z shows one letter, fifty a page, with letter links; odd input never fails."""
    for n in range(55):
        ConditionFactory(name=f"Bravo condition {n:02d}")
    ConditionFactory(name="Alpha condition")
    ConditionFactory(name="22q11.2 test deletion syndrome", slug="test-22q11-2")
    page_cache_invalidate()
    # The database may also hold the real knowledge base: expect its order, not a fixed list.
    b_names = list(Condition.objects.filter(name__istartswith="b").values_list("name", flat=True))
    with django_assert_max_num_queries(4):
        first = client.get("/conditions/?letter=B").content.decode()
    assert all(escape(name) in first for name in b_names[:50])
    assert escape(b_names[50]) not in first
    assert "Alpha condition" not in first
    assert 'aria-current="page"' in first
    second = client.get("/conditions/?letter=b&page=2").content.decode()
    assert escape(b_names[50]) in second
    pages = -(-len(b_names) // 50)
    last = client.get(f"/conditions/?letter=B&page={pages}").content.decode()
    assert escape(b_names[-1]) in last
    others = list(condition_list_by_letter(letter="0-9").values_list("name", flat=True))
    on_page = others.index("22q11.2 test deletion syndrome") // 50 + 1
    listing = client.get(f"/conditions/?letter=0-9&page={on_page}").content.decode()
    assert "22q11.2 test deletion syndrome" in listing
    for odd in [
        "?letter=%00",
        "?page=-1",
        "?page=abc",
        "?letter=ZZZZZZZZ&page=9999",
        "?letter[]=x",
    ]:
        assert client.get("/conditions/" + odd).status_code == 200


def test_gene_variant_phenotype_pages_link_to_each_other(client: Client, sma) -> None:
    """Gene → variant → condition, and phenotype → condition."""
    gene = sma.gene_links.get().gene
    variant = VariantFactory(
        gene=gene, name="NM_000344.4(TSMN1):c.840C>T", clinical_significance="Pathogenic"
    )
    variant.condition_links.create(
        condition=sma, source="ClinVar", retrieved_on=datetime.date(2026, 11, 25)
    )
    gene_html = client.get(gene.get_absolute_url()).content.decode()
    assert variant.get_absolute_url() in gene_html
    assert sma.get_absolute_url() in gene_html
    assert client.get("/genes/tsmn1/")["Location"] == "/genes/TSMN1/"
    variant_html = client.get(variant.get_absolute_url()).content.decode()
    assert sma.get_absolute_url() in variant_html
    assert "Pathogenic" in variant_html
    phenotype_html = client.get("/phenotypes/HP:9901290/").content.decode()
    assert "Floppy muscles" in phenotype_html
    assert sma.get_absolute_url() in phenotype_html


def test_therapy_pages_list_conditions_and_statuses(client: Client, sma) -> None:
    """The therapy page and list link back to conditions and show the approval status."""
    html = client.get("/therapies/testinersen/").content.decode()
    assert sma.get_absolute_url() in html
    assert "FDA approved" in html
    listing = client.get("/therapies/").content.decode()
    assert "/therapies/testinersen/" in listing
    assert "/therapies/testdiplam/" in listing


def test_trial_and_publication_pages(client: Client, sma) -> None:
    """Trial and publication pages escape imported text and show review labels."""
    trial_html = client.get("/trials/NCT01234567/").content.decode()
    assert "&lt;b&gt;testdiplam&lt;/b&gt;" in trial_html
    assert "Reviewed" in trial_html
    assert sma.get_absolute_url() in trial_html
    paper_html = client.get("/publications/29091570/").content.decode()
    assert "<script>alert" not in paper_html
    assert "Automatically linked" in paper_html


CAUSE = "Disease-causing germline mutation(s) in"


@pytest.fixture
def sibling(sma):
    """Another type caused by the same gene as ``sma``, with no therapy of its own."""
    condition = ConditionFactory(
        name="Testing muscular atrophy type 3",
        slug="testing-muscular-atrophy-type-3",
        primary_id="ORPHA:99419",
    )
    ConditionGeneFactory(condition=condition, gene=sma.gene_links.get().gene, association=CAUSE)
    page_cache_invalidate()
    return condition


def _section(html: str, heading: str) -> str:
    start = html.index(heading)
    return html[start : html.index("</section>", start)]


def test_sibling_page_lists_therapies_of_conditions_sharing_the_gene(
    client: Client, sma, sibling
) -> None:
    """A condition with no therapy shows its gene sibling's, labelled as for that condition."""
    html = client.get(sibling.get_absolute_url()).content.decode()
    own = _section(html, 'id="therapies-title"')  # none of its own, said in plain words
    assert "No approved treatment is known to us yet" in own
    assert "testinersen" not in own
    section = _section(html, "Therapies for other conditions linked to the same gene")
    assert "caused by changes in the same gene (TSMN1)" in section
    assert "Ask your care team whether they could apply." in section
    assert "We do not list any treatment for this condition itself yet." in section
    for url in ["/therapies/testinersen/", "/therapies/testdiplam/", sma.get_absolute_url()]:
        assert url in section, url
    assert "FDA approved for that condition" in section
    assert "Investigational for that condition" in section
    assert section.index("testinersen") < section.index("testdiplam")  # approved first
    assert "retrieved 25 Nov 2026" in section  # each card names its source and date
    # The family summary speaks only of the condition's own therapies.
    summary = _section(html, "In plain words")
    assert "medicine" not in summary


def test_related_section_skips_own_therapies_and_non_causal_genes(
    client: Client, sma, sibling
) -> None:
    """Own therapies are not repeated; a gene that only modifies a condition relates nothing."""
    gene = sma.gene_links.get().gene
    TherapyLinkFactory(
        condition=sibling,
        therapy__name="testogene",
        therapy__slug="testogene",
        status=ApprovalStatus.FDA_APPROVED,
        source="Curated sheet",
        source_url="https://example.org/testogene-label",
    )
    modified = ConditionFactory(name="Testing modifier disease", slug="testing-modifier-disease")
    ConditionGeneFactory(
        condition=modified, gene=gene, association="Modifying germline mutation in"
    )
    TherapyLinkFactory(condition=modified, therapy__name="testmodimab", therapy__slug="testmodimab")
    TherapyLinkFactory(condition=sibling, therapy=sma.therapy_links.first().therapy)
    page_cache_invalidate()

    html = client.get(sma.get_absolute_url()).content.decode()
    section = _section(html, "Therapies for other conditions linked to the same gene")
    assert "/therapies/testogene/" in section
    assert '<a href="https://example.org/testogene-label">Curated sheet</a>' in section
    assert sibling.get_absolute_url() in section
    assert "testmodimab" not in html
    assert "testinersen" not in section
    assert "testdiplam" not in section
    assert "We do not list any treatment" not in section
    assert "There is an approved medicine for it: testinersen." in html  # own links only
    assert "testogene" not in _section(html, "In plain words")


def test_one_source_link_for_several_siblings_is_one_card(client: Client, sma, sibling) -> None:
    """A link stored for three sibling types shows once, naming every type it is for."""
    gene = sma.gene_links.get().gene
    sma.therapy_links.all().delete()
    other = ConditionFactory(name="Testing muscular atrophy type 2", slug="testing-ma-type-2")
    ConditionGeneFactory(condition=other, gene=gene, association=CAUSE)
    for condition in (sma, other):
        TherapyLinkFactory(
            condition=condition,
            condition_name="Testing 5q atrophy",
            therapy__name="testsharedsen",
            therapy__slug="testsharedsen",
            status=ApprovalStatus.FDA_APPROVED,
        )
    page_cache_invalidate()
    section = _section(
        client.get(sibling.get_absolute_url()).content.decode(),
        "Therapies for other conditions linked to the same gene",
    )
    assert section.count('<li class="card">') == 1
    assert sma.get_absolute_url() in section
    assert other.get_absolute_url() in section
    assert "FDA approved for those conditions" in section


def test_related_therapies_add_no_queries_per_condition(
    client: Client, sma, sibling, django_assert_max_num_queries
) -> None:
    """Ten more sibling conditions with therapies and genes cost no more queries (no N+1)."""
    gene = sma.gene_links.get().gene

    def count() -> int:
        page_cache_invalidate()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(sibling.get_absolute_url()).status_code == 200
        return len(queries)

    one = count()
    for n in range(10):
        condition = ConditionFactory(name=f"Testing sibling {n}", slug=f"testing-sibling-{n}")
        ConditionGeneFactory(condition=condition, gene=gene, association=CAUSE)
        ConditionGeneFactory(condition=sibling, association=CAUSE)
        TherapyLinkFactory(condition=condition, status=ApprovalStatus.FDA_APPROVED)
    assert count() == one
    page_cache_invalidate()
    # 14, plus the links' FDA approvals (one prefetch) and the trials' medicines (one query).
    with django_assert_max_num_queries(16):
        html = client.get(sibling.get_absolute_url()).content.decode()
    assert html.count('<li class="card">') == 12  # two of the fixture's, ten new, within limit


def test_condition_a_to_z_ignores_letter_case(client: Client) -> None:
    """ALL-CAPS OMIM titles sort among the others, not before them."""
    for name in ("BCASE BETA", "Bcase alpha", "bcase gamma"):
        ConditionFactory(name=name)
    names = [
        n
        for n in condition_list_by_letter(letter="B").values_list("name", flat=True)
        if n.lower().startswith("bcase")
    ]
    assert names == ["Bcase alpha", "BCASE BETA", "bcase gamma"]


def test_condition_page_says_each_thing_once(client: Client, sma) -> None:
    """One not-advice note near the top, each identifier once, every therapy's source."""
    ConditionIdentifierFactory(condition=sma, scheme="ORPHA", value="99070")
    for n in range(5):
        TherapyLinkFactory(
            condition=sma,
            therapy__name=f"testmab{n}",
            therapy__slug=f"testmab{n}",
            source="Test registry",
            source_id=f"TR-{n}",
        )
    page_cache_invalidate()
    html = client.get(sma.get_absolute_url()).content.decode()
    assert html.count("Not medical advice") == 1
    main = html[html.index("<main") : html.index("</main>")]
    assert "Not medical advice" in main
    assert main.count("ORPHA:99070 · ORPHA:99070") == 0
    assert "OMIM:9253300" in main
    treatments = main[main.index(">Treatments<") :]
    for n in range(5):
        assert f"(TR-{n})" in treatments

"""The condition page's narrower queries (issue 14 item 10) still show every fact, and an edit
still shows on the next anonymous request of a page that was cached before it."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from content.models import ArticleStatus
from knowledge.models import (
    ConditionGene,
    ConditionIdentifier,
    ConditionPhenotype,
    ConditionSubtype,
    ConditionSynonym,
    Gene,
    PhenotypeSynonym,
    RegulatoryEvent,
    SubtypeRelation,
    SummaryReview,
    TherapyLink,
)
from literature.models import PublicationLink
from pages.condition_rows import condition_rows_get
from rarelabs.pagecache import page_cache_invalidate
from tests.factories.knowledge import (
    ConditionFactory,
    ConditionGeneFactory,
    ConditionPhenotypeFactory,
    PhenotypeFactory,
    TherapyLinkFactory,
)
from tests.factories.records import ArticleFactory, ClinicalTrialFactory, PublicationFactory
from trials.models import TrialLink

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_page_cache() -> None:
    # Rolled-back test data sends no signals: start every test on a new cache generation.
    page_cache_invalidate()


@pytest.fixture
def family():
    """A condition with two types, an OMIM type, a group above it, signs, a trial and a paper."""
    condition = ConditionFactory(name="Testing ataxia", slug="testing-ataxia")
    group = ConditionFactory(name="Rare testing disorders", slug="rare-testing-disorders")
    for name in ("Testing ataxia type 2", "Testing ataxia type 1"):
        ConditionSubtype.objects.create(
            parent=condition, child=ConditionFactory(name=name), source="Orphanet",
            retrieved_on="2026-11-25",
        )  # fmt: skip
    ConditionSubtype.objects.create(
        parent=condition, child=ConditionFactory(name="Testing ataxia 7", primary_id="OMIM:999007"),
        relation=SubtypeRelation.OMIM_NARROWER, source="Orphanet", retrieved_on="2026-11-25",
    )  # fmt: skip
    ConditionSubtype.objects.create(
        parent=group, child=condition, source="Orphanet", retrieved_on="2026-11-25"
    )
    wobbly = PhenotypeFactory(hpo_id="HP:9900251", name="Ataxia")
    PhenotypeSynonym.objects.create(phenotype=wobbly, text="Unsteady walking", is_layperson=True)
    PhenotypeSynonym.objects.create(phenotype=wobbly, text="Incoordination", is_layperson=False)
    ConditionPhenotypeFactory(condition=condition, phenotype=wobbly, frequency=0.9)
    ConditionPhenotypeFactory(condition=condition, frequency=0.5, phenotype__name="Dysarthria")
    trial = ClinicalTrialFactory(title="A study of walking in testing ataxia")
    TrialLink.objects.create(trial=trial, condition=condition, method="identifier")
    paper = PublicationFactory(title="Gait in testing ataxia", journal="Test Neurology")
    PublicationLink.objects.create(publication=paper, condition=condition, method="reference")
    return condition


def test_types_groups_signs_trials_and_papers_all_show(client: Client, family) -> None:
    html = client.get(family.get_absolute_url()).content.decode()
    # Types by name (one query now reads types and groups), the OMIM type apart, the group.
    assert html.index("Testing ataxia type 1") < html.index("Testing ataxia type 2")
    assert "/conditions/testing-ataxia-type-1/" in html
    assert "Testing ataxia 7</a> (OMIM:999007)" in html
    assert '<a href="/conditions/rare-testing-disorders/">Rare testing disorders</a>' in html
    # The everyday name of a sign (now a subquery), the medical term under it; none for others.
    assert "Unsteady walking" in html
    assert "Incoordination" not in html
    assert "Dysarthria" in html
    # Trial and paper cards with their sources (now read with only the columns shown).
    assert "A study of walking in testing ataxia" in html
    assert "Gait in testing ataxia" in html
    assert "Test Neurology" in html
    assert "ClinicalTrials.gov" in html
    assert "PubMed" in html


def test_query_count_stays_fixed_with_many_rows(
    client: Client, family, django_assert_max_num_queries
) -> None:
    """17 before issue 14 item 10 on this data, 15 before its fifth pass: one statement reads
    the condition and its lists; its therapies, trials, papers and studied medicines follow."""
    for n in range(12):
        ConditionPhenotypeFactory(condition=family, frequency=0.3)
        ConditionGeneFactory(condition=family)
        TherapyLinkFactory(condition=family)
        ConditionSubtype.objects.create(
            parent=family, child=ConditionFactory(name=f"Testing ataxia type {n + 3}"),
            source="Orphanet", retrieved_on="2026-11-25",
        )  # fmt: skip
    page_cache_invalidate()
    with django_assert_max_num_queries(7):
        response = client.get(family.get_absolute_url())
    assert response.status_code == 200
    assert "Testing ataxia type 14" in response.content.decode()


def test_an_edit_of_a_type_shows_on_the_next_anonymous_request(client: Client, family) -> None:
    first = client.get(family.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    assert client.get(family.get_absolute_url())["X-Page-Cache"] == "hit"
    link = ConditionSubtype.objects.get(parent=family, child__name="Testing ataxia type 1")
    link.child.name = "Testing ataxia type 1A"
    link.child.save()
    synonym = PhenotypeSynonym.objects.get(text="Unsteady walking")
    synonym.text = "Wobbly walking"
    synonym.save()
    after = client.get(family.get_absolute_url())
    assert after["X-Page-Cache"] == "miss"
    html = after.content.decode()
    assert "Testing ataxia type 1A" in html
    assert "Wobbly walking" in html
    assert "Unsteady walking" not in html


def test_a_condition_without_trials_papers_or_articles_skips_those_queries(
    client: Client, django_assert_num_queries
) -> None:
    """Most conditions have none of the three: each empty list cost a query (12 before issue
    14 item 10; one statement reads the page's rows since its fifth pass, 3 before it)."""
    bare = ConditionFactory(name="Testing bare condition")
    ConditionPhenotypeFactory(condition=bare, frequency=0.9, phenotype__name="Ptosis")
    with django_assert_num_queries(1):
        html = client.get(bare.get_absolute_url()).content.decode()
    assert "Ptosis" in html
    assert "We have not listed studies for this condition yet." in html
    assert "We know of no study of a medicine for this condition yet." in html


def test_a_condition_with_only_signs_fetches_only_its_signs(
    client: Client, django_assert_num_queries
) -> None:
    """Issue 14 item 10: one statement reads the condition and every list its page shows (7
    queries before the third pass, 3 before the fifth)."""
    bare = ConditionFactory(name="Testing signs-only condition")
    ConditionPhenotypeFactory(
        condition=bare, frequency=0.9, phenotype__name="Ptosis", phenotype__hpo_id="HP:0000508"
    )
    with django_assert_num_queries(1):
        html = client.get(bare.get_absolute_url()).content.decode()
    # The sign's link is what {% url %} gave, built without resolving the URL per sign.
    assert '<a href="/phenotypes/HP:0000508/">Ptosis</a>' in html
    assert "Also called" not in html
    assert '"alternateName": []' in html or "alternateName" not in html
    assert "We know of no study of a medicine for this condition yet." in html


def test_only_public_articles_show(client: Client, family) -> None:
    published = ArticleFactory(title="Living with testing ataxia")
    published.related_conditions.add(family)
    later = ArticleFactory(
        title="Testing ataxia next year", status=ArticleStatus.SCHEDULED,
        published_at=timezone.now() + datetime.timedelta(days=30),
    )  # fmt: skip
    later.related_conditions.add(family)
    draft = ArticleFactory(title="Testing ataxia draft", status=ArticleStatus.DRAFT)
    draft.related_conditions.add(family)
    html = client.get(family.get_absolute_url()).content.decode()
    assert "Living with testing ataxia" in html
    assert "Testing ataxia next year" not in html
    assert "Testing ataxia draft" not in html


def test_a_scheduled_article_shows_once_its_time_has_come(client: Client, family) -> None:
    """The list probes are built once per process; the article probe must not keep the time
    it was built at."""
    client.get(ConditionFactory(name="Testing other condition").get_absolute_url())
    due = ArticleFactory(
        title="Testing ataxia, due now", status=ArticleStatus.SCHEDULED,
        published_at=timezone.now(),
    )  # fmt: skip
    due.related_conditions.add(family)
    assert "Testing ataxia, due now" in client.get(family.get_absolute_url()).content.decode()


def _loaded(instance) -> dict:
    """Every field value the instance holds (deferred fields left out)."""
    deferred = instance.get_deferred_fields()
    return {
        f.attname: getattr(instance, f.attname)
        for f in type(instance)._meta.concrete_fields
        if f.attname not in deferred
    }


def _as_orm_reads(instances, model, **filters) -> tuple[list[dict], list[dict]]:
    """The raw statement's rows and the ORM's rows of the same fields, both in id order."""
    ours = [_loaded(i) for i in instances]
    names = list(ours[0]) if ours else ["id"]
    orm = list(model.objects.filter(**filters).order_by("pk").values(*names))
    return ours, orm


@pytest.fixture
def every_list(family):
    """`family` with other names, identifiers, genes (one causal, shared with a treated
    condition), an approved and a studied therapy, an article and an editor's review."""
    for n, text in enumerate(("Testing ataxia of Ruiz", "TA", "Ataxia, testing", "TAX1")):
        ConditionSynonym.objects.create(
            condition=family, text=text, source="Orphanet", source_id=f"ORPHA:9{n}",
            retrieved_on=datetime.date(2026, 11, 20 + n),
            source_url="https://www.orpha.net/testing?a=1&b=2" if n == 0 else "",
        )  # fmt: skip
    ConditionIdentifier.objects.create(
        condition=family, scheme="OMIM", value="999001", source="Orphanet",
        retrieved_on="2026-11-21", mapping="E (Exact mapping)",
    )  # fmt: skip
    ConditionIdentifier.objects.create(
        condition=family, scheme="GARD", value="0099001", source="GARD", retrieved_on="2026-11-22"
    )
    causal = ConditionGeneFactory(
        condition=family, gene__symbol="TSTA1", association="Disease-causing germline mutation(s)"
    )
    ConditionGeneFactory(condition=family, gene__symbol="TSTA2", association="Modifying germline")
    sibling = ConditionFactory(name="Testing sibling ataxia")
    ConditionGeneFactory(condition=sibling, gene=causal.gene)
    TherapyLinkFactory(condition=sibling, therapy__name="testosibling")
    approved = TherapyLinkFactory(
        condition=family, therapy__name="testoapproved", status="fda_approved",
        approval_year_fda=2021,
    )  # fmt: skip
    RegulatoryEvent.objects.create(
        link=approved, region="US", kind="approved", date="2021-03-15", date_precision="day",
        summary="Approved.", urls=["https://www.fda.gov/x"], source="test",
        retrieved_on="2026-12-03",
    )  # fmt: skip
    TherapyLinkFactory(condition=family, therapy__name="testostudied")
    typed = ConditionSubtype.objects.get(parent=family, child__name="Testing ataxia type 1")
    TherapyLinkFactory(condition=typed.child, therapy__name="testotyped")
    ArticleFactory(title="Living with testing ataxia").related_conditions.add(family)
    SummaryReview.objects.create(
        condition=family, generated_text="x", generated_at=timezone.now(), status="waiting"
    )
    return family


def test_the_one_statement_reads_every_list_as_the_orm_does(client: Client, every_list) -> None:
    """Issue 14 item 10, fifth pass: the page's rows come from one raw statement, so each list
    is checked against the ORM's answer: no list, row or field may go missing."""
    rows = condition_rows_get(every_list.slug)
    condition = rows.condition
    assert _loaded(condition) == _loaded(type(condition).objects.get(pk=condition.pk))
    assert condition.summary_review.status == "waiting"
    assert (rows.any_trial_link, rows.any_paper, rows.any_article) == (True, True, True)
    for relation, model in (
        ("identifiers", ConditionIdentifier),
        ("synonyms", ConditionSynonym),
        ("phenotypes", ConditionPhenotype),
        ("gene_links", ConditionGene),
        ("therapy_links", TherapyLink),
    ):
        ours, orm = _as_orm_reads(getattr(condition, relation).all(), model, condition=condition)
        assert ours == orm, relation
        assert ours, relation
    genes = [_loaded(link.gene) for link in condition.gene_links.all()]
    ids = [link.gene_id for link in condition.gene_links.all()]
    assert genes == [_loaded(Gene.objects.get(pk=pk)) for pk in ids]
    signs = {link.phenotype.hpo_id: link.everyday_name for link in condition.phenotypes.all()}
    assert signs["HP:9900251"] == "Unsteady walking"
    assert len(signs) == ConditionPhenotype.objects.filter(condition=condition).count()
    types = [(s.child.name, s.child.slug, s.relation, s.child_treated) for s in rows.subtypes]
    assert types == [
        (s.child.name, s.child.slug, s.relation, s.child.therapy_links.exists())
        for s in sorted(
            ConditionSubtype.objects.filter(parent=condition), key=lambda s: s.child.name
        )
    ]
    assert [s.child.name for s in rows.subtypes if s.child_treated] == ["Testing ataxia type 1"]
    assert [(g.parent.name, g.parent.slug) for g in rows.groups] == [
        ("Rare testing disorders", "rare-testing-disorders")
    ]
    sibling = ConditionGene.objects.get(condition__name="Testing sibling ataxia")
    assert rows.gene_neighbours == [(sibling.condition_id, sibling.gene_id, "")]


def test_a_condition_with_every_list_shows_each_item(
    client: Client, every_list, django_assert_num_queries
) -> None:
    """Each item of each list reaches the page, with its source and date where it shows one."""
    # The statement; its own therapies (links, regulatory events, orphan approvals); trials,
    # papers, articles; the cards of its type's and its gene sibling's therapies (links and
    # events each); the medicines its trials study.
    with django_assert_num_queries(12):
        html = client.get(every_list.get_absolute_url()).content.decode()
    for text in ("Testing ataxia of Ruiz", "TA", "Ataxia, testing", "TAX1"):  # other names
        assert text in html
    assert "OMIM (999001)" in html  # external links from the identifiers
    assert "GARD:0099001" in html
    assert "Unsteady walking" in html  # signs
    assert "Dysarthria" in html
    assert "TSTA1" in html  # genes
    assert "TSTA2" in html
    assert "testoapproved" in html  # therapies, with the approval and its date
    assert "15 March 2021" in html
    assert "testostudied" in html
    assert "testosibling" in html  # a therapy of a condition sharing a causal gene
    assert "testotyped" in html  # a therapy of one of its types
    assert "A study of walking in testing ataxia" in html  # trial
    assert "Gait in testing ataxia" in html  # paper
    assert "Living with testing ataxia" in html  # article
    assert "Testing ataxia type 1" in html  # types, the OMIM type, the group
    assert "Testing ataxia 7</a> (OMIM:999007)" in html
    assert '<a href="/conditions/rare-testing-disorders/">Rare testing disorders</a>' in html
    assert "Orphanet (ORPHA:93), retrieved 23 Nov 2026" in html  # a name's source and date
    # A linked source with its id and date (the source lists are built in Python now).
    assert (
        '\n    <li><a href="https://www.orpha.net/testing?a=1&amp;b=2">Orphanet</a> (ORPHA:90),'
        " retrieved 20 Nov 2026</li>\n"
    ) in html
    assert "\n    <li>ClinicalTrials.gov (NCT" in html


def test_the_statement_is_planned_once_per_connection(client: Client, family) -> None:
    """Its planning cost more PostgreSQL CPU than running it (eighth pass): it is prepared on
    the connection and each page only executes it; the page still shows every fact."""
    other = ConditionFactory(name="Testing palsy", slug="testing-palsy")
    with CaptureQueriesContext(connection) as captured:
        first = client.get(family.get_absolute_url()).content.decode()
        second = client.get(other.get_absolute_url()).content.decode()
    reads = [q["sql"] for q in captured.captured_queries if "rl_condition_page" in q["sql"]]
    assert [sql.split("(")[0] for sql in reads] == ["EXECUTE rl_condition_page"] * 2
    assert "Testing ataxia type 1" in first
    assert "Unsteady walking" in first
    assert "Testing palsy" in second


def test_edited_links_are_credited_with_one_history_query(
    client: Client, family, django_assert_max_num_queries
) -> None:
    """Each therapy card's editor credit read its link's history on its own (8 edited links
    cost 8 more queries): the page reads the history of all its links at once."""
    for n in range(8):
        TherapyLinkFactory(
            condition=family, therapy__name=f"testoedited{n}", variant_scope=f"Adults {n}",
            file_values={"variant_scope": ""},
        )  # fmt: skip
    page_cache_invalidate()
    with django_assert_max_num_queries(8):
        html = client.get(family.get_absolute_url()).content.decode()
    assert html.count("Who it is for: set by an editor") == 8


def test_a_therapys_mechanism_an_editor_wrote_is_credited_on_a_card_that_shows_it(
    client: Client, family
) -> None:
    """A link with no mechanism of its own shows its therapy's: the card credited only the
    link's own mechanism, so an editor's words showed under the link's source."""
    TherapyLinkFactory(
        condition=family, mechanism="", therapy__name="testoborrowed",
        therapy__mechanism="Helps the cells make the missing protein (an editor's words).",
        therapy__file_values={"mechanism": ""},
    )  # fmt: skip
    html = client.get(family.get_absolute_url()).content.decode()
    assert "an editor&#x27;s words" in html
    assert "How it works: set by an editor" in html

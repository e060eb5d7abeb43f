"""A treatment search reads its therapy links in one statement (issue 14 item 10, sixth pass):
the same rows and lists the ORM read in five, and the page still shows each of them."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Prefetch
from django.test import Client

from knowledge.models import (
    ApprovalStatus,
    EvidenceLevel,
    IndicationMatch,
    Modality,
    OrphanApproval,
    RegulatoryEvent,
    TherapyLink,
)
from rarelabs.pagecache import page_cache_invalidate
from tests.factories.knowledge import (
    ConditionFactory,
    GeneFactory,
    TherapyFactory,
    TherapyLinkFactory,
    VariantFactory,
)
from treatments.link_rows import therapy_link_list_reached
from treatments.query import TreatmentFilters

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _fresh_page_cache() -> None:
    page_cache_invalidate()


def _approval(link: TherapyLink, indication: str, approved_on: datetime.date) -> None:
    OrphanApproval.objects.create(
        link=link, source="test orphan approvals", source_id=indication[-24:],
        generic_name="testumab", trade_name="Testra", designation="Treatment of testing palsy",
        designated_on=datetime.date(2015, 3, 2), indication=indication, approved_on=approved_on,
        match=IndicationMatch.EXACT, retrieved_on=DAY,
    )  # fmt: skip


def _event(link: TherapyLink, kind: str, date: str, summary: str) -> None:
    RegulatoryEvent.objects.create(
        link=link, region="US", kind=kind, date=date, date_precision="day", summary=summary,
        urls=["https://www.fda.gov/testra"], source="test", retrieved_on=DAY,
    )  # fmt: skip


@pytest.fixture
def palsy() -> dict:
    """A gene with an approved therapy (two genes, two variants, two events, three orphan
    approvals, two of them on one day), a studied one, and a therapy of another condition."""
    gene, other_gene = GeneFactory(symbol="TPZ1"), GeneFactory(symbol="APZ2")
    condition = ConditionFactory(name="Testing palsy", primary_id="ORPHA:990101")
    approved = TherapyLinkFactory(
        therapy=TherapyFactory(name="Testra", modality=Modality.ANTIBODY), condition=condition,
        status=ApprovalStatus.FDA_APPROVED, evidence_level=EvidenceLevel.REGULATORY_APPROVAL,
        pmids=["31000001"], citations={"31000001": {"title": "Testra in testing palsy"}},
        not_confirmed={"age": "The age limit is not confirmed."}, variant_rule={"kind": "any"},
    )  # fmt: skip
    approved.genes.set([gene, other_gene])
    approved.variants.set([VariantFactory(gene=gene, name=f"TPZ1 c.{n}A>G") for n in (9, 3)])
    _event(approved, "boxed_warning", "2024-06-01", "A boxed warning was added.")
    _event(approved, "approved", "2021-02-03", "Approved for testing palsy.")
    _approval(approved, "TESTRA for testing palsy in adults.", datetime.date(2021, 2, 3))
    _approval(approved, "TESTRA for testing palsy in children.", datetime.date(2023, 5, 6))
    _approval(approved, "TESTRA for testing palsy with seizures.", datetime.date(2023, 5, 6))
    studied = TherapyLinkFactory(therapy=TherapyFactory(name="Probatinib"), condition=condition)
    studied.genes.set([gene])
    elsewhere = TherapyLinkFactory(therapy=TherapyFactory(name="Elsewherol"))
    return {"gene": gene, "condition": condition, "approved": approved, "studied": studied,
            "elsewhere": elsewhere}  # fmt: skip


def _orm_rows(ids: set[int]) -> list[TherapyLink]:
    """The links as the ORM reads them, with the lists the ranking reads, in id order."""
    return list(
        TherapyLink.objects.filter(id__in=ids)
        .select_related("therapy")
        .prefetch_related("genes", "variants", "orphan_approvals")
        .prefetch_related(
            Prefetch("regulatory_events", queryset=RegulatoryEvent.objects.order_by("date", "pk"))
        )
        .order_by("id")
    )


def _fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_the_statement_reads_each_link_and_its_lists_as_the_orm_does(palsy) -> None:
    """Field by field, with every list in the ORM's order (genes by symbol, variants by name,
    events by date, approvals newest first), and an approval tie (one day, one name) by id."""
    rows = therapy_link_list_reached(
        condition_ids=set(), gene_ids=frozenset({palsy["gene"].pk}), variant_ids=frozenset(),
        filters=TreatmentFilters(),
    )  # fmt: skip
    read = sorted(rows, key=lambda link: link.pk)
    expected = _orm_rows({palsy["approved"].pk, palsy["studied"].pk})
    assert [link.pk for link in read] == [link.pk for link in expected]
    for got, want in zip(read, expected, strict=True):
        assert _fields(got) == _fields(want)
        assert _fields(got.therapy) == _fields(want.therapy)
        for name in ("genes", "variants", "regulatory_events"):
            got_list, want_list = list(getattr(got, name).all()), list(getattr(want, name).all())
            assert [_fields(x) for x in got_list] == [_fields(x) for x in want_list]
        approvals = list(got.orphan_approvals.all())
        assert (
            [a.indication for a in approvals]
            == [
                "TESTRA for testing palsy in children.",  # 2023, the lower id of the two
                "TESTRA for testing palsy with seizures.",
                "TESTRA for testing palsy in adults.",
            ][: len(approvals)]
        )
        assert got.has_orphan_approval == bool(approvals)
    approved = next(link for link in read if link.pk == palsy["approved"].pk)
    assert [g.symbol for g in approved.genes.all()] == ["APZ2", "TPZ1"]
    assert [v.name for v in approved.variants.all()] == ["TPZ1 c.3A>G", "TPZ1 c.9A>G"]
    assert approved.current_status == ApprovalStatus.FDA_APPROVED
    assert approved.regulatory.boxed_warning


def test_conditions_genes_variants_and_filters_reach_the_same_links(palsy) -> None:
    variant = palsy["approved"].variants.first()
    cases = [
        ({palsy["condition"].pk}, set(), set(), TreatmentFilters(),
         {palsy["approved"].pk, palsy["studied"].pk}),
        (set(), set(), {variant.pk}, TreatmentFilters(), {palsy["approved"].pk}),
        ({palsy["elsewhere"].condition_id}, set(), set(), TreatmentFilters(),
         {palsy["elsewhere"].pk}),
        (set(), {palsy["gene"].pk}, set(), TreatmentFilters(modality=(Modality.ANTIBODY,)),
         {palsy["approved"].pk}),
        (set(), {palsy["gene"].pk}, set(), TreatmentFilters(status=("fda_approved",)),
         {palsy["approved"].pk}),
        (set(), {palsy["gene"].pk}, set(),
         TreatmentFilters(evidence_level=(EvidenceLevel.OPEN_LABEL_STUDY,)),
         {palsy["studied"].pk}),
        (set(), set(), set(), TreatmentFilters(), set()),
    ]  # fmt: skip
    for conditions, genes, variants, filters, expected in cases:
        rows = therapy_link_list_reached(
            condition_ids=conditions, gene_ids=frozenset(genes), variant_ids=frozenset(variants),
            filters=filters,
        )  # fmt: skip
        assert {link.pk for link in rows} == expected, (conditions, genes, variants, filters)


def test_a_search_by_gene_reads_its_links_in_one_statement(
    client: Client, palsy, django_assert_num_queries
) -> None:
    """The gene, its conditions (none here), the links (with their genes, variants, events and
    approvals: five statements before), the therapies' trial links and trials, the PubMed
    record: 6 (10 before)."""
    with django_assert_num_queries(6):
        response = client.get("/treatments", {"gene": "TPZ1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Testra") < html.index("Probatinib")
    assert "Elsewherol" not in html
    assert "Boxed warning." in html
    assert (
        "FDA orphan drug approved on 06 May 2023 for: “TESTRA for testing palsy in children.”"
        in html
    )
    assert html.index("testing palsy in children") < html.index("testing palsy with seizures")
    assert "Linked to the gene TPZ1." in html
    assert "Not confirmed: The age limit is not confirmed." in html
    assert "Testra in testing palsy" in html  # the citation the curated file gives

"""Therapy editing: links with checked references; references not stored yet are fetched."""

from __future__ import annotations

import pytest
from django.test import Client

from knowledge.models import Therapy, TherapyLink
from tests.factories.knowledge import ConditionFactory, GeneFactory, TherapyFactory
from tests.factories.records import PublicationFactory

pytestmark = pytest.mark.django_db


def _therapy_form(therapy: Therapy, **link: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": therapy.name,
        "slug": therapy.slug,
        "synonyms": "",
        "modality": therapy.modality,
        "mechanism": therapy.mechanism,
        "notes": "",
        "source": therapy.source,
        "source_id": "",
        "source_url": "",
        "retrieved_on": therapy.retrieved_on.isoformat(),
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
    }
    defaults = {
        "condition_name": "",
        "status": "investigational",
        "phase": "2",
        "evidence_level": "open_label_study",
        "variant_scope": "",
        "urls": "",
        "source": "RareLabs editors",
        "source_id": "",
        "retrieved_on": "2026-11-25",
    }
    data.update({f"links-0-{key}": value for key, value in {**defaults, **link}.items()})
    return data


def test_a_link_with_a_malformed_reference_is_refused(editor_client: Client) -> None:
    therapy, condition = TherapyFactory(), ConditionFactory()
    response = editor_client.post(
        f"/admin/knowledge/therapy/{therapy.pk}/change/",
        _therapy_form(therapy, condition=condition.pk, pmids="29091570, PM123", nct_ids="NCT1234"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Not a PubMed id: PM123" in page
    assert "Not an NCT number (NCT + 8 digits): NCT1234" in page
    assert not TherapyLink.objects.filter(therapy=therapy).exists()


def test_references_are_normalised_and_missing_ones_fetched(
    editor_client: Client, django_capture_on_commit_callbacks: object
) -> None:
    therapy, condition, gene = TherapyFactory(), ConditionFactory(), GeneFactory()
    PublicationFactory(pmid="29091570")
    with django_capture_on_commit_callbacks() as callbacks:
        response = editor_client.post(
            f"/admin/knowledge/therapy/{therapy.pk}/change/",
            _therapy_form(
                therapy,
                condition=condition.pk,
                genes=[gene.pk],
                pmids="PMID: 29091570; 31722395",
                nct_ids="nct02193074",
            ),
            follow=True,
        )
    link = TherapyLink.objects.get(therapy=therapy)
    assert link.pmids == ["29091570", "31722395"]
    assert link.nct_ids == ["NCT02193074"]
    assert link.condition_name == condition.name  # defaulted from the linked condition
    assert list(link.genes.all()) == [gene]
    page = response.content.decode()
    assert "fetch references not stored yet: PMID 31722395, NCT02193074" in page
    assert "PMID 29091570" not in page
    assert len([c for c in callbacks if "task_enqueue" in c.__qualname__]) == 1


def test_an_editor_records_a_withdrawal_and_every_page_follows_with_history(
    editor_client: Client,
) -> None:
    """A dated withdrawal added in the admin ends the approval on the public pages at once."""
    from knowledge.models import RegulatoryEvent
    from tests.factories.knowledge import TherapyLinkFactory

    link = TherapyLinkFactory(status="fda_approved", approval_year_fda=2022)
    RegulatoryEvent.objects.create(
        link=link, region="US", kind="approved", date="2022-01-01", date_precision="year",
        summary="Approved.", urls=["https://www.fda.gov/x"], source="test",
        retrieved_on="2026-12-03",
    )  # fmt: skip
    change = editor_client.get(f"/admin/knowledge/therapylink/{link.pk}/change/")
    assert change.status_code == 200
    assert "Regulatory events" in change.content.decode()
    assert TherapyLink.objects.approved_now().filter(pk=link.pk).exists()
    added = editor_client.post("/admin/knowledge/regulatoryevent/add/", {
        "link": link.pk, "region": "US", "kind": "withdrawn", "date": "2026-11-30",
        "date_precision": "day", "summary": "Withdrawn by the company.",
        "urls": "https://www.fda.gov/withdrawal", "not_confirmed": "",
        "source": "RareLabs editors", "source_url": "", "retrieved_on": "2026-12-03",
    })  # fmt: skip
    assert added.status_code == 302, added.content.decode()[:2000]
    assert not TherapyLink.objects.approved_now().filter(pk=link.pk).exists()
    page = editor_client.get(link.therapy.get_absolute_url()).content.decode()
    assert "US: withdrawn (30 November 2026)" in page
    assert "Approval expired or withdrawn" in page
    event = RegulatoryEvent.objects.get(link=link, kind="withdrawn")
    assert event.history.count() == 1
    assert event.history.first().history_user.username == "edna"


def test_a_therapy_renamed_in_the_admin_keeps_its_old_address(editor_client: Client) -> None:
    """A bookmarked or shared page (and its API address) of the old slug leads to the record."""
    therapy = TherapyFactory(name="testotherapy old", slug="testotherapy-old")
    form = _therapy_form(therapy) | {"name": "testotherapy new", "slug": "testotherapy-new",
                                     "links-TOTAL_FORMS": "0"}  # fmt: skip
    saved = editor_client.post(f"/admin/knowledge/therapy/{therapy.pk}/change/", form)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    page = Client().get("/therapies/testotherapy-old/")
    assert (page.status_code, page["Location"]) == (301, "/therapies/testotherapy-new/")
    api = Client().get("/api/v1/therapies/testotherapy-old/")
    assert (api.status_code, api["Location"]) == (301, "/api/v1/therapies/testotherapy-new/")
    assert Client().get(api["Location"]).json()["name"] == "testotherapy new"
    # Renamed back: the slug names the record again, it redirects nowhere.
    back = _therapy_form(therapy) | {"links-TOTAL_FORMS": "0"}
    assert (
        editor_client.post(f"/admin/knowledge/therapy/{therapy.pk}/change/", back).status_code
        == 302
    )
    assert Client().get("/therapies/testotherapy-old/").status_code == 200
    new = Client().get("/therapies/testotherapy-new/")
    assert (new.status_code, new["Location"]) == (301, "/therapies/testotherapy-old/")


def test_a_name_changed_in_the_admin_stays_one_of_its_names(editor_client: Client) -> None:
    """The old name stays a name of the record (importers find it by it), the new one is
    written as every writer of names writes it, and the history says an editor renamed it."""
    therapy = TherapyFactory(name="testotherapy old", slug="testotherapy-old")
    form = _therapy_form(therapy) | {"name": " testotherapy  new ", "synonyms": "Testobrand",
                                     "links-TOTAL_FORMS": "0"}  # fmt: skip
    saved = editor_client.post(f"/admin/knowledge/therapy/{therapy.pk}/change/", form)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    therapy.refresh_from_db()
    assert (therapy.name, therapy.synonyms) == (
        "testotherapy new",
        ["Testobrand", "testotherapy old"],
    )
    latest = therapy.history.first()
    assert latest.history_change_reason == "renamed from testotherapy old by an editor"
    assert latest.history_user.username == "edna"

"""The admin's therapy and therapy link change forms as an editor posts them, for tests in other
packages that change a stored record the way an editor does (a real admin post, not a row
update)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from curation.admin.forms import TherapyLinkForm
from knowledge.models import RegulatoryEvent, Therapy, TherapyLink
from rarelabs.management.roles import EDITOR
from tests.curation.conftest import make_user


def therapy_change_form(therapy: Therapy, **fields: str) -> dict[str, str]:
    """The record's fields as the change page shows them (its links left as they are)."""
    data = {
        "name": therapy.name,
        "slug": therapy.slug,
        "synonyms": ",".join(therapy.synonyms),
        "modality": therapy.modality,
        "mechanism": therapy.mechanism,
        "notes": therapy.notes,
        "source": therapy.source,
        "source_id": therapy.source_id,
        "source_url": therapy.source_url,
        "retrieved_on": therapy.retrieved_on.isoformat(),
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }
    return data | fields


def _editor_posts(url: str, data: dict, username: str) -> None:
    client = Client()
    editor = User.objects.filter(username=username).first()
    client.force_login(editor or make_user(username, group=EDITOR))
    saved = client.post(url, data)
    assert saved.status_code == 302, saved.content.decode()[:2000]


def editor_renames(therapy: Therapy, name: str) -> None:
    """An editor signs in and renames ``therapy`` on its change page (its slug unchanged)."""
    url = f"/admin/knowledge/therapy/{therapy.pk}/change/"
    _editor_posts(url, therapy_change_form(therapy, name=name), "renaming-editor")


def editor_edits_therapy(therapy: Therapy, **fields: str) -> None:
    """An editor signs in and changes ``fields`` on the therapy's change page."""
    url = f"/admin/knowledge/therapy/{therapy.pk}/change/"
    _editor_posts(url, therapy_change_form(therapy, **fields), "curating-editor")


def link_change_form(link: TherapyLink, **fields: str) -> dict[str, object]:
    """The link's fields as its change page shows them (its events left as they are)."""
    form = TherapyLinkForm(instance=link)
    data: dict[str, object] = {}
    for name in form.fields:
        value = form[name].value()  # as the page shows it (a list of ids for genes, variants)
        if name in ("genes", "variants"):
            data[name] = [str(pk) for pk in value or ()]
        else:
            data[name] = "" if value is None else value
    data |= {"regulatory_events-TOTAL_FORMS": "0", "regulatory_events-INITIAL_FORMS": "0"}
    return data | fields


def editor_edits_link(link: TherapyLink, **fields: str) -> None:
    """An editor signs in and changes ``fields`` on the therapy link's change page."""
    url = f"/admin/knowledge/therapylink/{link.pk}/change/"
    _editor_posts(url, link_change_form(link, **fields), "curating-editor")


def editor_edits_event(event: RegulatoryEvent, **fields: str) -> None:
    """An editor signs in and changes ``fields`` on the regulatory event's change page."""
    data = {
        "link": str(event.link_id),
        "region": event.region,
        "kind": event.kind,
        "date": event.date.isoformat(),
        "date_precision": event.date_precision,
        "summary": event.summary,
        "urls": ",".join(event.urls),
        "not_confirmed": event.not_confirmed,
        "source": event.source,
        "source_id": event.source_id,
        "source_url": event.source_url,
        "retrieved_on": event.retrieved_on.isoformat(),
    }
    url = f"/admin/knowledge/regulatoryevent/{event.pk}/change/"
    _editor_posts(url, data | fields, "curating-editor")

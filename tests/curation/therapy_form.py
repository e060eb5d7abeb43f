"""The admin's therapy change form as an editor posts it, for tests in other packages that
rename a stored record the way an editor does (a real admin post, not a row update)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from knowledge.models import Therapy
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


def editor_renames(therapy: Therapy, name: str) -> None:
    """An editor signs in and renames ``therapy`` on its change page (its slug unchanged)."""
    client = Client()
    editor = User.objects.filter(username="renaming-editor").first()
    client.force_login(editor or make_user("renaming-editor", group=EDITOR))
    saved = client.post(
        f"/admin/knowledge/therapy/{therapy.pk}/change/", therapy_change_form(therapy, name=name)
    )
    assert saved.status_code == 302, saved.content.decode()[:2000]

"""Every change is recorded: who changed which field, visible on the object's history page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.factories.knowledge import TherapyFactory

pytestmark = pytest.mark.django_db


def test_the_history_shows_who_changed_which_field(editor: User, editor_client: Client) -> None:
    therapy = TherapyFactory(name="testolimab", mechanism="Blocks a test receptor.")
    url = f"/admin/knowledge/therapy/{therapy.pk}/change/"
    form = editor_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(
        {
            "mechanism": "Blocks the test receptor on nerve cells.",
            "synonyms": "",
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    latest = therapy.history.first()
    assert latest.history_user == editor
    delta = latest.diff_against(latest.prev_record)
    assert delta.changed_fields == ["mechanism"]
    assert delta.changes[0].new == "Blocks the test receptor on nerve cells."

    page = editor_client.get(f"/admin/knowledge/therapy/{therapy.pk}/history/").content.decode()
    assert "edna" in page
    assert "Blocks the test receptor on nerve cells." in page

"""Alerts: a real Celery worker emails a saved case its new studies; one link removes the address."""

from __future__ import annotations

import re

import pytest

from cases.models import SavedCase
from cases.tasks import cases_alerts_send_task
from tests.cases.conftest import serve_pages
from tests.factories.knowledge import ConditionFactory
from tests.ingest.refresh_server import point_at
from trials.refresh import trials_refresh

pytestmark = pytest.mark.django_db(transaction=True)


def _messages(folder) -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.log"))]


def test_a_new_matching_study_is_emailed_by_the_worker_and_the_address_removed(
    client, settings, httpserver, tmp_path, celery_worker_factory
):
    point_at(settings, httpserver.url_for("").rstrip("/"))
    condition = ConditionFactory(name="Phelan-McDermid syndrome", primary_id="ORPHA:48652")
    saved = client.post(
        "/your-case/save", {"diagnosis": "Phelan-McDermid syndrome", "age_years": "5"}
    )
    path = saved["Location"].split("?")[0]
    assert client.post(path + "alerts", {"email": "not-an-email"}).status_code == 400
    on = client.post(path + "alerts", {"email": "parent@example.org"})
    assert "Alerts are on" in on.content.decode()
    assert SavedCase.objects.get().alert_email == "parent@example.org"

    # The studies arrive through the normal refresh after the case was saved: they are new.
    httpserver.expect_request("/api/v2/studies").respond_with_handler(serve_pages)
    trials_refresh(condition_id=condition.pk)

    mail = tmp_path / "mail"
    celery_worker_factory(
        {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(mail),
            "SITE_URL": "https://rarelabs.example",
        }
    )
    assert cases_alerts_send_task.delay().get(timeout=240) == 1
    (message,) = _messages(mail)
    assert "To: parent@example.org" in message
    assert "NCT07281079" in message
    assert "NCT07119606" in message
    assert "NCT02710084" not in message  # completed: not offered
    assert "not medical advice" in message.lower()
    remove = re.search(r"https://rarelabs\.example(/your-case/unsubscribe/[\w-]+/)", message)
    assert remove

    # Nothing new since: the second run sends nothing.
    assert cases_alerts_send_task.delay().get(timeout=240) == 0
    assert len(_messages(mail)) == 1

    assert "Stop alerts" in client.get(remove.group(1)).content.decode()
    assert client.post(remove.group(1)).status_code == 200
    case = SavedCase.objects.get()
    assert (case.alert_email, case.unsubscribe_hash) == ("", "")
    assert client.post(remove.group(1)).status_code == 404

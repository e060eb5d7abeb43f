"""Private by default: nothing kept unless saved, hashed links, deletion, expiry, clean logs."""

from __future__ import annotations

import datetime
import io
import logging

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.utils import timezone

from cases.logfilters import CaseTokenFilter, mask_case_tokens
from cases.models import SavedCase

pytestmark = pytest.mark.django_db
CASE = {
    "diagnosis": "Spinal muscular atrophy",
    "signs_text": "low muscle tone",
    "gene": "SMN1",
    "variant": "c.840C>T",
    "age_years": "0",
    "age_months": "5",
    "sex": "male",
    "country": "United States",
}
PRIVATE_TEXT = ("Spinal muscular atrophy", "low muscle tone", "c.840C>T", "United States")


def _save(client) -> str:
    response = client.post("/your-case/save", CASE)
    assert response.status_code == 303
    path = response["Location"].split("?")[0]
    assert path.startswith("/your-case/s/")
    return path


def test_saving_keeps_only_a_hash_of_the_link(client, sma):
    path = _save(client)
    token = path.rstrip("/").rsplit("/", 1)[1]
    case = SavedCase.objects.get()
    assert len(token) >= 40
    assert token not in case.token_hash
    assert case.facts["diagnosis"] == "Spinal muscular atrophy"
    assert "name" not in case.facts
    assert str(case) == f"saved case {case.pk}"
    page = client.get(path)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "no-referrer"
    assert "no-store" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    assert "nusinersen" in page.content.decode()


def test_a_deleted_case_leaves_no_row_and_its_link_is_gone(client, sma):
    path = _save(client)
    response = client.post(path + "delete")
    assert response.status_code == 200
    assert "deleted" in response.content.decode()
    assert SavedCase.objects.count() == 0
    assert client.get(path).status_code == 404


def test_a_wrong_link_is_404(client, sma):
    path = _save(client)
    assert client.get(path[:-5] + "xxxx/").status_code == 404
    assert client.get("/your-case/s/" + "a" * 300 + "/").status_code == 404


def test_an_expired_link_is_404_and_renewing_extends_a_live_one(client, sma, settings):
    path = _save(client)
    case = SavedCase.objects.get()
    assert case.expires_at - timezone.now() > datetime.timedelta(days=settings.CASES_KEEP_DAYS - 1)
    SavedCase.objects.update(expires_at=timezone.now() + datetime.timedelta(days=1))
    assert client.post(path + "renew").status_code == 303
    case.refresh_from_db()
    assert case.expires_at - timezone.now() > datetime.timedelta(days=settings.CASES_KEEP_DAYS - 1)
    SavedCase.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(path).status_code == 404
    assert client.get(path + "feed.atom").status_code == 404


def test_expired_cases_are_deleted_by_the_upkeep_service(client, sma):
    from cases.services import cases_expired_delete

    _save(client)
    _save(client)
    SavedCase.objects.filter(pk=SavedCase.objects.first().pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    assert cases_expired_delete() == 1
    assert SavedCase.objects.count() == 1
    SavedCase.objects.update(expires_at=timezone.now())
    out = io.StringIO()
    call_command("delete_expired_cases", stdout=out)
    assert out.getvalue().strip() == "deleted 1 expired saved case(s)"
    assert SavedCase.objects.count() == 0


def test_editors_cannot_browse_saved_cases(admin_client):
    assert SavedCase not in admin.site._registry
    assert admin_client.get("/admin/cases/savedcase/").status_code == 404


def test_no_case_text_reaches_a_log_line(client, sma, caplog):
    """The whole flow at DEBUG, including a 404 and a 400: no case detail in any record."""
    caplog.set_level(logging.DEBUG)
    client.get("/your-case/")
    client.post("/your-case/report", CASE)
    client.post("/your-case/report", {**CASE, "age_years": "999"})  # a 400
    client.post("/your-case/report.pdf", CASE)
    client.post("/your-case/phenopacket.json", CASE)
    path = _save(client)
    client.get(path)
    client.get(path + "feed.atom")
    client.post(path + "alerts", {"email": "parent@example.org"})
    client.post(path + "delete")
    client.get(path)  # a 404 for the deleted link
    lines = [record.getMessage() for record in caplog.records]
    assert lines  # the flow did log (e.g. "saved case 1 created", "Not Found")
    for text in (*PRIVATE_TEXT, "parent@example.org"):
        assert not [line for line in lines if text in line], text


def test_log_handlers_mask_saved_link_tokens():
    token = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo"
    assert token not in mask_case_tokens(f"Not Found: /your-case/s/{token}/feed.atom")
    record = logging.LogRecord(
        "django.request", 30, "", 0, "Not Found: %s", (f"/your-case/s/{token}/",), None
    )
    CaseTokenFilter().filter(record)
    assert token not in record.getMessage()
    handlers = logging.getLogger().handlers
    assert any(isinstance(f, CaseTokenFilter) for h in handlers for f in h.filters)


@pytest.mark.parametrize(("path", "leaks"), [("/your-case/report", False), ("/treatments", True)])
def test_error_reports_of_case_pages_carry_no_case_values(rf, path, leaks):
    """Django's error report (the admins' email) for a case page hides POST and frame values."""
    import sys

    from django.views.debug import ExceptionReporter

    request = rf.post(path, CASE)
    diagnosis = CASE["diagnosis"]  # a frame variable, as the report builder's would be
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        reporter = ExceptionReporter(request, *sys.exc_info())
    html = reporter.get_traceback_html()
    assert (diagnosis in html) is leaks
    assert ("c.840C&gt;T" in html) is leaks

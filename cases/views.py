"""Your case: the intake form, the report (page, PDF, Phenopacket), saving, alerts and deleting.

Case details travel only in POST bodies or behind a saved link's token, never in a query
string, so server logs and Referer headers do not carry them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cases.facts import CaseFacts
from cases.forms import AlertForm, CaseForm, case_form_initial
from cases.models import SavedCase
from cases.phenopacket import report_to_phenopacket
from cases.report import CaseReport, case_report_build
from cases.selectors import (
    condition_name_for_slug,
    saved_case_facts,
    saved_case_get,
    saved_case_get_by_unsubscribe,
)
from cases.services import (
    case_alert_subscribe,
    case_alert_unsubscribe,
    case_delete,
    case_renew,
    case_save,
)
from treatments.query import TreatmentQueryError

View = Callable[..., HttpResponse]


def private(view: View) -> View:
    """No caching, no indexing, no Referer to other sites, POST fields hidden in error reports."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return sensitive_post_parameters()(never_cache(wrapped))


@require_safe
def case_intake(request: HttpRequest) -> HttpResponse:
    """The form; a condition page's link fills in its condition's name."""
    name = condition_name_for_slug(slug=request.GET.get("condition", ""))
    form = CaseForm(initial={"diagnosis": name} if name else None)
    return render(request, "cases/case_intake.html", {"form": form})


def _report_or_form(request: HttpRequest) -> tuple[CaseForm, CaseReport | None]:
    form = CaseForm(request.POST)
    if not form.is_valid():
        return form, None
    try:
        return form, case_report_build(facts=form.to_facts())
    except TreatmentQueryError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return form, None


def _render_report(
    request: HttpRequest, report: CaseReport, *, saved: SavedCase | None = None, **extra: object
) -> HttpResponse:
    context = {
        "report": report,
        "hidden": _hidden_fields(report.facts),
        "doctor": request.POST.get("audience") == "doctor",
        "saved": saved,
        **extra,
    }
    return render(request, "cases/case_report.html", context)


def _hidden_fields(facts: CaseFacts) -> list[tuple[str, object]]:
    pairs: list[tuple[str, object]] = []
    for name, value in case_form_initial(facts).items():
        if isinstance(value, list):
            pairs += [(name, item) for item in value]
        elif value not in (None, ""):
            pairs.append((name, value))
    return pairs


@private
@require_POST
def case_report(request: HttpRequest) -> HttpResponse:
    """The report for what was entered; nothing is stored."""
    form, report = _report_or_form(request)
    if report is None:
        return render(request, "cases/case_intake.html", {"form": form}, status=400)
    return _render_report(request, report)


@private
@require_POST
def case_report_pdf(request: HttpRequest) -> HttpResponse:
    """The same report as a PDF download; nothing is stored."""
    form, report = _report_or_form(request)
    if report is None:
        return render(request, "cases/case_intake.html", {"form": form}, status=400)
    return _pdf_response(report)


@private
@require_POST
def case_phenopacket(request: HttpRequest) -> HttpResponse:
    """The entered signs and variant as a GA4GH Phenopacket (v2 JSON); nothing is stored."""
    form, report = _report_or_form(request)
    if report is None:
        errors = {k: [str(e) for e in v] for k, v in form.errors.items()}
        return JsonResponse({"error": {"code": "invalid", "fields": errors}}, status=400)
    return _phenopacket_response(report)


def _pdf_response(report: CaseReport) -> HttpResponse:
    # fpdf2 and its font tools take ~1 s to import: paid by the first PDF, not by every web
    # and worker process (the URL checks at a Celery worker's start import this module).
    from cases.pdf import report_to_pdf

    response = HttpResponse(report_to_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="rarelabs-case-report.pdf"'
    return response


def _phenopacket_response(report: CaseReport) -> HttpResponse:
    response = JsonResponse(report_to_phenopacket(report), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="rarelabs-phenopacket.json"'
    return response


@private
@require_POST
def case_save_view(request: HttpRequest) -> HttpResponse:
    """Keep the case behind a new private link and go there."""
    form, report = _report_or_form(request)
    if report is None:
        return render(request, "cases/case_intake.html", {"form": form}, status=400)
    link = case_save(facts=report.facts)
    return _see_other(reverse("cases:saved", kwargs={"token": link.token}) + "?new=1")


def _see_other(url: str) -> HttpResponseRedirect:
    # 303: the browser follows with GET, so a reload never re-posts the case.
    return HttpResponseRedirect(url, status=303)


def _saved_or_404(token: str) -> SavedCase:
    case = saved_case_get(token=token)
    if case is None:
        raise Http404("No saved report at this link. It may have expired or been deleted.")
    return case


@private
@require_safe
def case_saved(request: HttpRequest, token: str) -> HttpResponse:
    """A saved report, rebuilt with today's data."""
    case = _saved_or_404(token)
    report = case_report_build(facts=saved_case_facts(case))
    return _render_report(
        request, report, saved=case, token=token, alert_form=AlertForm(),
        new=request.GET.get("new") == "1",
    )  # fmt: skip


@private
@require_safe
def case_saved_pdf(request: HttpRequest, token: str) -> HttpResponse:
    return _pdf_response(case_report_build(facts=saved_case_facts(_saved_or_404(token))))


@private
@require_safe
def case_saved_phenopacket(request: HttpRequest, token: str) -> HttpResponse:
    report = case_report_build(facts=saved_case_facts(_saved_or_404(token)))
    return _phenopacket_response(report)


@private
@require_POST
def case_saved_delete(request: HttpRequest, token: str) -> HttpResponse:
    """Delete the saved case at once."""
    case_delete(case=_saved_or_404(token))
    return render(request, "cases/case_deleted.html")


@private
@require_POST
def case_saved_renew(request: HttpRequest, token: str) -> HttpResponse:
    case_renew(case=_saved_or_404(token))
    return _see_other(reverse("cases:saved", kwargs={"token": token}))


@private
@require_POST
def case_saved_alerts(request: HttpRequest, token: str) -> HttpResponse:
    """Keep an email address to send alerts to."""
    case = _saved_or_404(token)
    form = AlertForm(request.POST)
    if not form.is_valid():
        report = case_report_build(facts=saved_case_facts(case))
        response = _render_report(request, report, saved=case, token=token, alert_form=form)
        response.status_code = 400
        return response
    remove = case_alert_subscribe(case=case, email=form.cleaned_data["email"])
    return render(request, "cases/case_alerts_on.html", {"token": token, "remove": remove})


@csrf_exempt  # the token authorises; mail clients' one-click POST carries no CSRF cookie
@private
@require_http_methods(["GET", "HEAD", "POST"])
def case_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm; POST (also RFC 8058 one-click) forgets the address."""
    case = saved_case_get_by_unsubscribe(token=token)
    if case is None:
        raise Http404("This link was already used, or it is wrong.")
    if request.method == "POST":
        case_alert_unsubscribe(case=case)
        return render(request, "cases/case_unsubscribed.html")
    return render(request, "cases/case_unsubscribe.html", {"token": token})

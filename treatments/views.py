"""Treatment search pages: the form and ranked results, print and family views, exports."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from rarelabs.pagecache import cache_page_for_anonymous
from treatments.autocomplete import condition_list_autocomplete, phenotype_list_autocomplete
from treatments.exports import (
    references_to_bibtex,
    references_to_ris,
    results_to_csv,
    unique_references,
)
from treatments.forms import TreatmentSearchForm
from treatments.query import TreatmentQueryError, TreatmentResults
from treatments.selectors import treatment_list_ranked

EXPORTS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
    "bib": ("application/x-bibtex; charset=utf-8", "bib"),
}
FAMILY_STATUS = {
    "fda_approved": "Approved in the United States for this condition.",
    "ema_approved": "Approved in Europe for this condition.",
    "approved_other_indication": "Approved for a different illness. Doctors are studying it here.",
    "investigational": "Still being tested in research studies.",
    "preclinical": "Only tested in the lab so far, not yet in people.",
    "individualized": "Made for one person at a time.",
    "approval_ended": "Its approval has ended. It is not an approved medicine now.",
    "approved_elsewhere": "Approved outside the United States and Europe.",
}


def _run(form: TreatmentSearchForm) -> TreatmentResults | None:
    """Validate and search; errors land on the form (the page shows them next to the box)."""
    if not form.is_valid():
        return None
    query = form.to_query()
    if query.is_empty:
        return None
    try:
        return treatment_list_ranked(query=query)
    except TreatmentQueryError as exc:
        form.add_error(exc.field, exc.message)
        return None


# The page reads only these parameters, so the page cache keys on them and nothing else.
VIEW_PARAMS = ("print", "view")
PAGE_PARAMS = (*TreatmentSearchForm.base_fields, *VIEW_PARAMS)


def _form_data(request: HttpRequest) -> QueryDict:
    data = QueryDict(mutable=True)
    for name in TreatmentSearchForm.base_fields:
        if name in request.GET:
            data.setlist(name, request.GET.getlist(name))
    return data


@require_safe
@cache_page_for_anonymous(params=PAGE_PARAMS)
def treatment_search(request: HttpRequest) -> HttpResponse:
    """The search form; with inputs, the ranked and explained therapies below it."""
    data = _form_data(request)
    form = TreatmentSearchForm(data or None)
    results = _run(form) if data else None
    family = request.GET.get("view") == "family"
    context = {
        "form": form,
        "results": results,
        "print_view": request.GET.get("print") == "1",
        "family_status": FAMILY_STATUS,
        "query_string": data.urlencode(),
    }
    template = "treatments/treatment_family.html" if family else "treatments/treatment_search.html"
    status = 400 if form.is_bound and form.errors else 200
    return render(request, template, context, status=status)


@require_safe
def treatment_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The same results as CSV, or their references as RIS or BibTeX."""
    content_type, extension = EXPORTS[fmt]
    form = TreatmentSearchForm(request.GET)
    results = _run(form)
    if results is None:
        message = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())
        return HttpResponseBadRequest(
            message or "Give a condition, gene, variant or phenotypes.", content_type="text/plain"
        )
    if fmt == "csv":
        body = results_to_csv(results)
    elif fmt == "ris":
        body = references_to_ris(unique_references(results))
    else:
        body = references_to_bibtex(unique_references(results))
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="rarelabs-treatments.{extension}"'
    return response


@require_safe
def autocomplete(request: HttpRequest, kind: str) -> JsonResponse:
    """Suggestions for the condition or phenotype box, as JSON."""
    prefix = request.GET.get("q", "")[:100]
    if not prefix.isprintable():  # NUL reaches PostgreSQL as an error, not as text
        error = {"code": "invalid", "message": "q contains control characters.", "fields": {}}
        return JsonResponse({"error": error}, status=400)
    if kind == "condition":
        found = condition_list_autocomplete(prefix=prefix)
    else:
        found = phenotype_list_autocomplete(prefix=prefix)
    return JsonResponse({"suggestions": [{"value": s.value, "label": s.label} for s in found]})

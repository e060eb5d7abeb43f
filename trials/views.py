"""The trial page: what a family needs to know about one study, escaped as imported."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from identifiers.ids import NCT_ID_RE
from rarelabs.pagecache import cache_page_for_anonymous
from trials.selectors import trial_get_page


@require_safe
@cache_page_for_anonymous
def trial_detail(request: HttpRequest, nct_id: str) -> HttpResponse:
    """One clinical trial with its links to conditions, genes and therapies."""
    if not NCT_ID_RE.match(nct_id):
        raise Http404("Not an NCT number")
    trial = trial_get_page(nct_id=nct_id)
    if trial is None:
        raise Http404("No such trial")
    return render(request, "trials/trial_detail.html", {"trial": trial})

"""The publication page: one PubMed record, escaped as imported."""

from __future__ import annotations

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from literature.selectors import publication_get_page
from rarelabs.pagecache import cache_page_for_anonymous


@require_safe
@cache_page_for_anonymous
def publication_detail(request: HttpRequest, pmid: str) -> HttpResponse:
    """One publication with its abstract and links to conditions, genes and therapies."""
    if not re.fullmatch(r"[0-9]{1,12}", pmid):
        raise Http404("Not a PMID")
    publication = publication_get_page(pmid=pmid)
    if publication is None:
        raise Http404("No such publication")
    return render(request, "literature/publication_detail.html", {"publication": publication})

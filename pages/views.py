"""Knowledge pages: conditions A to Z, condition, gene, variant, phenotype and therapy pages.

They live above trials/, literature/ and content/ because the condition, gene and therapy pages
show those rows too; the URL namespace stays ``knowledge``.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from identifiers.ids import HPO_ID_RE
from knowledge import jsonld, selectors
from knowledge.attribution import shows_orphanet_facts
from knowledge.therapy_names import ingredient_key
from pages import selectors as pages
from rarelabs.pagecache import cache_page_for_anonymous
from trials.selectors import studied_therapy_list

CONDITIONS_PER_PAGE = 50
THERAPIES_PER_PAGE = 50


@require_safe
@cache_page_for_anonymous(params=("letter", "page"))
def condition_list(request: HttpRequest) -> HttpResponse:
    """Conditions A to Z: one letter at a time, fifty to a page."""
    letter = request.GET.get("letter", "A")[:3].upper()
    if letter not in selectors.LETTERS and letter != selectors.OTHER_LETTER:
        letter = "A"
    page = Paginator(selectors.condition_list_by_letter(letter=letter), CONDITIONS_PER_PAGE)
    page = page.get_page(request.GET.get("page"))
    context = {
        "letters": (*selectors.LETTERS, selectors.OTHER_LETTER),
        "letter": letter,
        "page": page,
        "conditions": list(page.object_list),
    }
    context["orphanet"] = shows_orphanet_facts(context["conditions"])
    return render(request, "knowledge/condition_list.html", context)


@require_safe
@cache_page_for_anonymous
def condition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A condition for families: summary first, then symptoms, care, trials and research."""
    page = pages.condition_get_page(slug=slug)
    if page is None:
        moved = selectors.condition_get_redirect(slug=slug)
        if moved is None:
            raise Http404("No such condition")
        return redirect(moved, permanent=True)
    url = request.build_absolute_uri(page.condition.get_absolute_url())
    listed = [link.therapy for link in (*page.approved, *page.investigational)]
    studied = (
        studied_therapy_list(
            condition_ids=[page.condition.pk],
            known_keys={ingredient_key(n) for t in listed for n in (t.name, *t.synonyms)},
        )
        if page.trial_links
        else []
    )
    context = {
        "page": page,
        "studied": studied,
        "condition": page.condition,
        "canonical_url": url,
        "jsonld": jsonld.condition_graph(
            page.condition, url=url, summary=page.summary.text, reviewed_on=page.summary.reviewed_on
        ),
    }
    return render(request, "knowledge/condition_detail.html", context)


@require_safe
@cache_page_for_anonymous
def gene_detail(request: HttpRequest, symbol: str) -> HttpResponse:
    """A gene: what it is linked to, its variants, therapies, trials and papers."""
    if "\x00" in symbol:
        raise Http404("No such gene")  # PostgreSQL rejects NUL in text: never query with it.
    page = pages.gene_get_page(symbol=symbol[:40])
    if page is None:
        raise Http404("No such gene")
    if page.gene.symbol != symbol:
        return redirect(page.gene, permanent=True)
    return render(request, "knowledge/gene_detail.html", {"page": page, "gene": page.gene})


@require_safe
@cache_page_for_anonymous
def variant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A variant: its names, ClinVar facts, conditions and therapies."""
    variant = selectors.variant_get_page(pk=pk)
    if variant is None:
        raise Http404("No such variant")
    return render(request, "knowledge/variant_detail.html", {"variant": variant})


@require_safe
@cache_page_for_anonymous
def phenotype_detail(request: HttpRequest, hpo_id: str) -> HttpResponse:
    """An HPO term in everyday words, with the conditions it is part of."""
    if not HPO_ID_RE.match(hpo_id):
        raise Http404("Not an HPO id")
    phenotype = selectors.phenotype_get_page(hpo_id=hpo_id)
    if phenotype is None:
        raise Http404("No such phenotype")
    return render(request, "knowledge/phenotype_detail.html", {"phenotype": phenotype})


@require_safe
@cache_page_for_anonymous
def therapy_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A therapy: what it does and for which conditions, with its trials and papers."""
    therapy = pages.therapy_get_page(slug=slug)
    if therapy is None:
        moved = selectors.therapy_get_redirect(slug=slug)
        if moved is None:
            raise Http404("No such therapy")
        return redirect(moved, permanent=True)
    return render(request, "knowledge/therapy_detail.html", {"therapy": therapy})


@require_safe
@cache_page_for_anonymous(params=("page",))
def therapy_list(request: HttpRequest) -> HttpResponse:
    """All therapies in the knowledge base, by name."""
    page = Paginator(selectors.therapy_list(), THERAPIES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "therapies": list(page.object_list)}
    return render(request, "knowledge/therapy_list.html", context)

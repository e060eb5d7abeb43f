"""Family-facing pages: home, articles, robots.txt and the 404 page."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from content import jsonld
from content.markdown import render_markdown
from content.selectors import (
    article_get_for_page,
    article_list_public,
    article_list_recent,
    article_list_related,
    article_tags,
)
from content.sources import install_sources_list
from knowledge.selectors import LETTERS
from rarelabs.pagecache import cache_page_for_anonymous
from trials.selectors import trial_list_recruiting

ARTICLES_PER_PAGE = 10
MAX_QUERY_PARAM = 100


def _text_param(request: HttpRequest, name: str) -> str:
    """A short, printable query parameter: NUL and control characters would fail in SQL."""
    value = request.GET.get(name, "")[:MAX_QUERY_PARAM]
    return "".join(ch for ch in value if ch.isprintable()).strip()


@require_safe
@cache_page_for_anonymous
def home(request: HttpRequest) -> HttpResponse:
    """The home page: search first, then A to Z, recent articles and recruiting trials."""
    context = {
        "letters": LETTERS,
        "articles": article_list_recent(limit=3),
        "trials": trial_list_recruiting(limit=5),
    }
    return render(request, "content/home.html", context)


@require_safe
@cache_page_for_anonymous(params=("tag", "page"))
def article_list(request: HttpRequest) -> HttpResponse:
    """Public articles, newest first, filtered by one tag, ten to a page."""
    tag = _text_param(request, "tag")
    page = Paginator(article_list_public(tag=tag), ARTICLES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "articles": list(page.object_list), "tag": tag, "tags": article_tags()}
    return render(request, "content/article_list.html", context)


@require_safe
@cache_page_for_anonymous
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One article; staff may preview drafts and scheduled ones with ?preview=1."""
    preview = request.GET.get("preview") == "1" and request.user.is_staff
    article = article_get_for_page(slug=slug, preview=preview)
    if article is None:
        raise Http404("No such article")
    rendered = render_markdown(article.body)
    url = request.build_absolute_uri(article.get_absolute_url())
    context = {
        "article": article,
        "body_html": rendered.html,
        "toc": rendered.toc,
        "related": article_list_related(article=article),
        "preview": preview,
        "canonical_url": url,
        "jsonld": jsonld.article_graph(article, url=url),
    }
    response = render(request, "content/article_detail.html", context)
    if preview:
        response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def about_sources(request: HttpRequest) -> HttpResponse:
    """The sources this install holds, with their releases, dates and terms."""
    return render(request, "content/sources.html", {"sources": install_sources_list()})


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Allow the public pages, keep crawlers out of admin and the API; point at the sitemap."""
    sitemap = request.build_absolute_uri(reverse("content:sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Allow: /",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A 404 that offers search; under /api/ the API's JSON error shape instead."""
    if request.path.startswith("/api/"):
        # API clients parse JSON; an HTML page here reads as a server fault to them.
        message = "No such API address. The list of endpoints is at /api/v1/docs/."
        error = {"code": "not_found", "message": message, "fields": {}}
        return JsonResponse({"error": error}, status=404)
    query = _text_param(request, "q") if request.method == "GET" else ""
    return render(request, "404.html", {"query": query, "debug": settings.DEBUG}, status=404)

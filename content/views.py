"""Family-facing pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """The home page: search first."""
    return render(request, "content/home.html")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A 404 that offers search."""
    return render(request, "404.html", status=404)

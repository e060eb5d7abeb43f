"""A URLconf with one view that fails, to see what a real server error looks like to clients."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a view")


urlpatterns = [
    path("api/v1/broken/", broken),
    path("", include("rarelabs.urls")),
]

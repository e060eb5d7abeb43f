"""A detail asked by an old slug answers 301 to the record's address now, as its page does."""

from __future__ import annotations

from django.http import Http404, HttpResponseBase, HttpResponsePermanentRedirect
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework.request import Request


class OldSlugRedirectMixin:
    """A detail asked by an old slug (a record merged into another, or renamed) answers 301 to
    the record's address now, as its page does; `moved_get` says where a slug went."""

    detail_route: str  # the URL name of the detail

    def moved_get(self, slug: str):
        raise NotImplementedError

    def retrieve(self, request: Request, *args, **kwargs) -> HttpResponseBase:
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            moved = self.moved_get(self.kwargs[self.lookup_url_kwarg])
            if moved is None:
                raise
        url = reverse(self.detail_route, kwargs={self.lookup_url_kwarg: moved.slug})
        return HttpResponsePermanentRedirect(url)


def moved_schema(kind: str) -> tuple[OpenApiParameter, OpenApiResponse]:
    """The Location header and the 301 response an old slug answers, for the schema."""
    header = OpenApiParameter(
        "Location", OpenApiTypes.URI, OpenApiParameter.HEADER, response=[301],
        description=f"The detail address of the {kind} the old slug now names.",
    )  # fmt: skip
    response = OpenApiResponse(
        description=f"An old slug (a record merged into another, or renamed): the {kind}'s "
        "address now is in Location."
    )
    return header, response

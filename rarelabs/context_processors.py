"""Values every template may show."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    """The site's name and public URL."""
    return {"SITE_NAME": "RareLabs", "SITE_URL": settings.SITE_URL}

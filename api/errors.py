"""One error shape for the API: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

from typing import Any

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, with the body wrapped so every client reads errors the same way."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    # Django's Http404 and PermissionDenied have no DRF code; name them as DRF's own would.
    fallback = {403: "permission_denied", 404: "not_found"}.get(response.status_code, "error")
    code = getattr(exc, "default_code", fallback)
    if isinstance(detail, dict) and "detail" in detail and len(detail) == 1:
        body = {"code": code, "message": str(detail["detail"]), "fields": {}}
    elif isinstance(detail, dict):
        body = {"code": code, "message": "Invalid input.", "fields": detail}
    else:
        body = {"code": code, "message": str(detail), "fields": {}}
    response.data = {"error": body}
    return response

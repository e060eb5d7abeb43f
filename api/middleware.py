"""JSON endpoints answer every error as JSON, whatever part of Django produced it."""

from __future__ import annotations

import json
from collections.abc import Callable
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse, JsonResponse

# Longer addresses are refused before any view reads them. The server's own limit is 8190
# (`--limit-request-line` in rarelabs/supervisor.py); past it gunicorn answers in HTML.
MAX_URL_LENGTH = 4000
_JSON_PREFIXES = ("/api/", "/treatments/autocomplete/", "/search/autocomplete")
_CODES = {400: "parse_error", 404: "not_found", 405: "method_not_allowed", 414: "uri_too_long",
          500: "server_error"}  # fmt: skip


def is_json_endpoint(path: str) -> bool:
    """Whether clients of this address parse JSON (the API and the form autocompletes)."""
    return path.startswith(_JSON_PREFIXES)


def json_error(status: int, message: str, code: str | None = None) -> JsonResponse:
    """The API's error shape: {"error": {"code", "message", "fields"}}."""
    code = code or _CODES.get(status) or HTTPStatus(status).phrase.lower().replace(" ", "_")
    return JsonResponse({"error": {"code": code, "message": message, "fields": {}}},
                        status=status)  # fmt: skip


class JsonErrorsMiddleware:
    """Turns HTML error pages (Django's 400/405/500, a too-long address) into JSON errors."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_json_endpoint(request.path):
            return self.get_response(request)
        # A write is refused as a write (api/permissions.py) however long its address.
        reads = request.method in ("GET", "HEAD")
        if reads and len(request.get_full_path()) > MAX_URL_LENGTH:
            return json_error(414, f"The address is too long (over {MAX_URL_LENGTH} characters).")
        response = self.get_response(request)
        if response.status_code < 400 or _is_json(response):
            return response
        status = response.status_code
        replaced = json_error(status, _message(status))
        for header in ("Allow", "Retry-After", "Cache-Control", "Expires"):
            if header in response:
                replaced[header] = response[header]
        # A response its maker logged already (or chose not to: the database-down 503 while the
        # breaker is open) must not be logged again as an error for each API call.
        if getattr(response, "_has_been_logged", False):
            replaced._has_been_logged = True  # type: ignore[attr-defined]  # django.utils.log
        return replaced


def _is_json(response: HttpResponse) -> bool:
    if not response.get("Content-Type", "").startswith("application/json"):
        return False
    if getattr(response, "streaming", False):
        return True
    try:
        json.loads(response.content or b"null")
    except ValueError:
        return False
    return True


def _message(status: int) -> str:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    if status >= 500:
        return f"{phrase}. The error was logged; try again later."
    return f"{phrase}. The list of endpoints is at /api/v1/docs/."

"""OpenAPI generation for our views: the error responses and anonymous reads are documented."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS


class _ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Machine-readable error code.")
    message = serializers.CharField(help_text="What went wrong, in words.")
    fields = serializers.DictField(help_text="Per-parameter messages for invalid input.")


class ErrorSerializer(serializers.Serializer):
    """The one error shape of the API (api/errors.py)."""

    error = _ErrorBodySerializer()


ERRORS = {
    "400": "Invalid input: the fields say which parameter and why.",
    "403": "Not allowed for this account (the API is read-only; editing is in the admin).",
    "404": "No such object (or page).",
    "414": "The address is too long (api/middleware.py MAX_URL_LENGTH).",
    "429": "Too many requests from an anonymous client: slow down.",
}


class RareLabsAutoSchema(AutoSchema):
    """Adds the error responses every operation can give, and {} auth for public reads."""

    def get_auth(self) -> list[dict[str, Any]]:
        auths = super().get_auth()
        if self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        codes = ["400", "404", "429"]
        if self.method == "GET":
            codes.append("414")
        if self.method not in SAFE_METHODS:
            codes.append("403")
        for code in codes:
            if code not in responses:
                body = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                body["description"] = ERRORS[code]
                responses[code] = body
        return responses

"""Keep cases out of logs and error reports: mask link tokens, hide request and frame values."""

from __future__ import annotations

import logging
import re
from typing import Any

from django.http import HttpRequest
from django.views.debug import SafeExceptionReporterFilter
from gunicorn.glogging import Logger

_TOKEN_PATH = re.compile(r"(/your-case/(?:s|unsubscribe)/)[A-Za-z0-9_-]+")


def mask_case_tokens(text: str) -> str:
    """Replace the token in every saved-case path with '…'."""
    return _TOKEN_PATH.sub(r"\1…", text)


class CaseTokenFilter(logging.Filter):
    """A handler filter that rewrites the formatted message with the tokens masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_case_tokens(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class CaseTokenAccessLogger(Logger):
    """The web server's access log with the tokens masked (gunicorn's `--logger-class`): its
    lines are gunicorn's own, which Django's filters never see."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("U", "r", "f"):
            if isinstance(atoms.get(key), str):
                atoms[key] = mask_case_tokens(atoms[key])
        return atoms


class CaseExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports for /your-case/ pages show no POST values and no frame variables at all.

    sensitive_post_parameters covers the POST body; a case also sits in local variables of
    deeper frames (the report builder, the search), which only this filter can reach.
    """

    def _is_case(self, request: HttpRequest | None) -> bool:
        return request is not None and request.path.startswith("/your-case/")

    def get_post_parameters(self, request: HttpRequest | None) -> Any:
        if self._is_case(request):
            return {key: self.cleansed_substitute for key in request.POST}
        return super().get_post_parameters(request)

    def get_traceback_frame_variables(self, request: HttpRequest | None, tb_frame: Any) -> Any:
        variables = super().get_traceback_frame_variables(request, tb_frame)
        if self._is_case(request):
            return [(name, self.cleansed_substitute) for name, _ in variables]
        return variables

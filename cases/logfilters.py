"""Mask saved-case link tokens in log records: a log reader must not be able to open a case."""

from __future__ import annotations

import logging
import re

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

"""Typed errors shared by every upstream client and parser."""

from __future__ import annotations


class IngestError(Exception):
    """Base class for every error raised while pulling data from an upstream source."""


def _describe(message: str, url: str | None, status: int | None) -> str:
    """The message with whatever is known of where it failed (url, HTTP status)."""
    parts = [f"url={url}"] if url else []
    if status is not None:
        parts.append(f"status={status}")
    return f"{message} ({', '.join(parts)})" if parts else message


class UpstreamError(IngestError):
    """A permanent upstream failure (4xx other than 429, invalid request): never retried."""

    def __init__(self, message: str, *, url: str | None, status: int | None = None) -> None:
        super().__init__(_describe(message, url, status))
        self.detail = message
        self.url = url
        self.status = status


class UpstreamTransient(IngestError):
    """A transient failure (timeout, connection, 429, 5xx) that outlived the retry policy.

    Celery tasks list this class in ``autoretry_for`` so the whole refresh is retried later.
    """

    def __init__(self, message: str, *, url: str | None, status: int | None = None) -> None:
        super().__init__(_describe(message, url, status))
        self.detail = message
        self.url = url
        self.status = status


class CircuitOpen(UpstreamTransient):
    """The circuit breaker for a source is open: the call failed fast without a request.

    A subclass of UpstreamTransient because waiting and retrying later is the right reaction.
    """

    def __init__(self, name: str, *, url: str | None, retry_in: float) -> None:
        super().__init__(f"circuit {name!r} open, retry in {retry_in:.1f}s", url=url)
        self.name = name
        self.retry_in = retry_in


class MalformedResponse(IngestError):
    """A whole response body could not be parsed (bad JSON/XML, truncated body): not retried."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message if url is None else f"{message} (url={url})")
        self.detail = message
        self.url = url


class RecordParseError(IngestError):
    """One record in an otherwise valid response is broken; callers log, skip and count it."""

    def __init__(self, message: str, *, field: str, record_id: str | None) -> None:
        super().__init__(f"{message} (field={field}, id={record_id})")
        self.field = field
        self.record_id = record_id

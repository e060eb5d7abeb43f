"""The one interface both search backends implement, and how the configured one is chosen."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Sequence

from django.conf import settings
from django.utils.module_loading import import_string

from search.analysis import QueryAnalysis
from search.documents import IndexedDoc
from search.request import Hit, SearchRequest, SearchResponse, Suggestion

POSTGRES_BACKEND = "search.backends.postgres.backend.PostgresBackend"


class BackendUnavailable(RuntimeError):
    """The engine cannot be reached (an external engine only; PostgreSQL failing is an error)."""


class SearchBackend(ABC):
    """Index documents, search them and suggest as the user types."""

    name: str = ""
    external: bool = False  # an external engine's indexing errors are logged, never raised

    @abstractmethod
    def search(self, request: SearchRequest, analysis: QueryAnalysis) -> SearchResponse:
        """One page of ranked hits with facet counts."""

    @abstractmethod
    def matching(
        self, request: SearchRequest, analysis: QueryAnalysis, widened: bool, ids: Collection[str]
    ) -> list[Hit]:
        """Of the documents `ids` name, those the search matches (read as a page `widened` or
        not was), as hits without a snippet or score: a name's records on other pages."""

    @abstractmethod
    def autocomplete(
        self, prefixes: Sequence[str], doc_types: Sequence[str], limit: int
    ) -> list[Suggestion]:
        """Documents whose names start with the words typed so far, for each of its spellings
        in one call ("haemo" and "hemo"): the first spelling's first, each document once."""

    @abstractmethod
    def index(self, docs: Sequence[IndexedDoc]) -> None:
        """Add or replace documents."""

    @abstractmethod
    def delete(self, doc_type: str, object_ids: Sequence[int]) -> None:
        """Remove documents (missing ones are ignored)."""

    @abstractmethod
    def rebuild(
        self,
        doc_types: Sequence[str],
        batches: Iterable[Sequence[IndexedDoc]],
        synonym_groups: Sequence[tuple[str, ...]],
    ) -> int:
        """Replace every document of `doc_types` atomically; searches keep answering meanwhile."""

    def tidy(self) -> None:  # noqa: B027 - optional hook; most engines need nothing
        """Maintenance after a bulk load (nothing unless the engine needs it)."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Indexed documents per doc type."""

    @abstractmethod
    def ping(self) -> str:
        """A one-line description of the engine; raises BackendUnavailable if unreachable."""


def first_of_each(suggestions: Iterable[Suggestion], limit: int) -> list[Suggestion]:
    """Each document's first suggestion, in order, up to `limit`."""
    by_id: dict[tuple[str, str], Suggestion] = {}
    for suggestion in suggestions:
        by_id.setdefault((suggestion.doc_type, suggestion.id), suggestion)
    return list(by_id.values())[:limit]


def backend_path() -> str:
    """The dotted path of the configured backend (PostgreSQL unless OPENSEARCH_URL is set)."""
    return settings.SEARCH_BACKEND or POSTGRES_BACKEND


def load_backend(path: str | None = None) -> SearchBackend:
    """Instantiate a backend by dotted path (the configured one by default)."""
    return import_string(path or backend_path())()


def postgres_backend() -> SearchBackend:
    """The PostgreSQL backend: the default, and the fallback when OpenSearch is down."""
    return load_backend(POSTGRES_BACKEND)


def active_backends() -> list[SearchBackend]:
    """Backends kept up to date: PostgreSQL always (it is the fallback), plus any other."""
    primary = load_backend()
    return [primary] if primary.name == "postgres" else [postgres_backend(), primary]

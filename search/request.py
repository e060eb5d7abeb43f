"""What a search asks for and what it answers: frozen dataclasses passed to the backends."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from search.describers import Described

MAX_QUERY_LENGTH = 500
MAX_PAGE = 100
MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 20
MAX_AUTOCOMPLETE = 20
MAX_DROPPED_SIGNS = 20
MAX_ADDED_TEXT = 200
_HPO_ID = re.compile(r"^HP:\d{7}$")


class InvalidQuery(ValueError):
    """A query or its paging cannot be searched; the message is safe to show to the user."""


@dataclass(frozen=True)
class SearchRequest:
    """A validated search: the text, doc types, filters (facet -> allowed values) and paging."""

    query: str
    doc_types: tuple[str, ...] = ()
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    cursor: str | None = None  # OpenSearch search_after paging, from a previous response
    drop_signs: tuple[str, ...] = ()  # HPO ids of sign chips the user removed
    add_signs: str = ""  # signs the user added in words (the chips' "add a sign" box)

    def __post_init__(self) -> None:
        object.__setattr__(self, "query", clean_query(self.query))
        if len(self.drop_signs) > MAX_DROPPED_SIGNS:
            raise InvalidQuery(f"Remove at most {MAX_DROPPED_SIGNS} signs at a time.")
        for hpo_id in self.drop_signs:
            if not _HPO_ID.match(hpo_id):
                raise InvalidQuery(f"{hpo_id[:20]!r} is not an HPO id such as HP:0001250.")
        if self.add_signs:
            if len(self.add_signs) > MAX_ADDED_TEXT:
                raise InvalidQuery(f"Keep added signs under {MAX_ADDED_TEXT} characters.")
            object.__setattr__(self, "add_signs", clean_query(self.add_signs))
        if not isinstance(self.page, int) or not 1 <= self.page <= MAX_PAGE:
            raise InvalidQuery(f"page must be a whole number from 1 to {MAX_PAGE}.")
        if not isinstance(self.page_size, int) or not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise InvalidQuery(f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}.")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def clean_query(text: object) -> str:
    """Return the query with whitespace collapsed; InvalidQuery says what is wrong with it."""
    if isinstance(text, bytes):
        raise InvalidQuery("The search text must be text, not binary data.")
    if not isinstance(text, str):
        raise InvalidQuery("The search text is missing.")
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidQuery(
            f"The search text is too long: keep it under {MAX_QUERY_LENGTH} characters."
        )
    for ch in text:
        category = unicodedata.category(ch)
        if ch == "\x00" or (category in ("Cc", "Cs", "Co", "Cn") and ch not in "\t\n\r"):
            raise InvalidQuery("The search text contains control or binary characters.")
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidQuery("Type a word to search for.")
    return cleaned


@dataclass(frozen=True)
class Hit:
    """One result: its type, id (ORPHA:70, SMN1, NCT…), name, url and a safe-HTML snippet."""

    doc_type: str
    id: str
    name: str
    url: str
    snippet: str
    score: float
    extra: dict[str, Any] = field(default_factory=dict)
    rank: float = 1.0  # the document's own rank (its source's, for conditions)
    # The records of the same name shown on this line (`search.same_names`): another source's
    # entry for the same disease, or the HPO sign that bears its name.
    also: tuple[Hit, ...] = ()


@dataclass(frozen=True)
class SearchResponse:
    """A page of hits, facet counts and hints; `degraded` when the fallback backend answered."""

    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    did_you_mean: str | None
    page: int
    page_size: int
    backend: str
    degraded: bool = False
    next_cursor: str | None = None
    total_is_lower_bound: bool = False  # counting stopped at the engine's cap ("10,000+")
    # (facet, value) pairs whose count is a lower bound: a type past the cap ("more than
    # 1,000"), or any other facet counted over capped matches ("at least 37")
    facet_lower_bounds: frozenset[tuple[str, str]] = frozenset()
    described: Described | None = None  # the signs a description names and their conditions
    identifier: Any = None  # notices.IdentifierNotice: an id or variant typed, found or not
    treatments: Any = None  # pointers.TreatmentPointer: a treatment question's condition
    region: Any = None  # regions.RegionReading: what a chromosome region line was read as
    widened: bool = False  # the page matched any word of the query, not every word

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True)
class Suggestion:
    """An autocomplete suggestion."""

    doc_type: str
    id: str
    name: str
    url: str
    detail: str = ""

"""Search documents: field kinds, the `Document` base and the registry both backends read.

Each app declares its documents once, in `<app>/search.py`; `SearchConfig.ready()` imports them.
A document turns one model row into an `IndexedDoc`, the engine-neutral shape both backends index.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.db.models import Model, QuerySet

from search.text import key_form, phrase_form, prepare_text

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SearchField:
    """Full-text field; `boost` maps to a tsvector weight (PostgreSQL) or a field boost."""

    name: str
    boost: float = 1.0


@dataclass(frozen=True)
class AutocompleteField:
    """Text offered as the user types (prefix matching)."""

    name: str


@dataclass(frozen=True)
class ExactField:
    """Keys matched whole (identifiers, symbols, HGVS, names); an exact hit ranks first.

    `phrase=True` normalises like a name ("Friedreich's ataxia" = "friedreich ataxia");
    otherwise like an identifier (case and accents folded, punctuation kept).
    """

    name: str
    boost: float = 50.0
    phrase: bool = False
    # Keys a spelling slip is read as first when one is the only one reached (the symbols of
    # genes linked to a condition: families search the genes of their conditions). The lexicon
    # finds them by this boost, so no other exact field of the document may share it.
    preferred_spelling: bool = False


@dataclass(frozen=True)
class FilterField:
    """A value results can be filtered on, without counts."""

    name: str


@dataclass(frozen=True)
class FacetField:
    """A filterable value whose counts are shown beside results.

    `choices` maps stored values to the words people see ("fda_approved" -> "FDA approved").
    """

    name: str
    label: str = ""
    choices: tuple[tuple[str, str], ...] = ()


FieldKind = SearchField | AutocompleteField | ExactField | FilterField | FacetField


@dataclass(frozen=True)
class IndexedDoc:
    """One document as both backends index it (no model objects, only plain values)."""

    doc_type: str
    object_id: int
    curie: str
    title: str
    url: str
    summary: str
    texts: tuple[tuple[str, str, float], ...]  # (field, text, boost)
    exact: tuple[tuple[str, str, float], ...]  # (field, normalised key, boost)
    autocomplete: tuple[str, ...]
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    rank: float = 1.0


class Document:
    """Declares how one model is searched; subclass in `<app>/search.py` and `@register` it."""

    model: ClassVar[type[Model]]
    doc_type: ClassVar[str]
    label: ClassVar[str] = ""
    fields: ClassVar[tuple[FieldKind, ...]] = ()
    # Multiplies text scores so, for equal text, a condition outranks a paper that mentions it.
    rank: ClassVar[float] = 1.0
    # Rows of other models that feed this document: ("app.Model", "attribute holding our pk").
    related: ClassVar[tuple[tuple[str, str], ...]] = ()

    def get_queryset(self) -> QuerySet:
        """Rows to index, with everything `to_document` reads already joined or prefetched."""
        return self.model._default_manager.all()

    def curie(self, obj: Model) -> str:
        """The id a result shows (ORPHA:70, SMN1, NCT02193074, PMID:123)."""
        return str(obj.pk)

    def title(self, obj: Model) -> str:
        """The result's name."""
        return str(obj)

    def summary(self, obj: Model) -> str:
        """Plain text the snippet is cut from."""
        return ""

    def url(self, obj: Model) -> str:
        """Where the result links: the object's detail page."""
        return obj.get_absolute_url()

    def object_rank(self, obj: Model) -> float:
        """This row's rank multiplier (the type's `rank` unless a row deserves to differ)."""
        return self.rank

    def extra(self, obj: Model) -> dict[str, Any]:
        """Small JSON shown with a hit (e.g. status, modality)."""
        return {}

    def synonym_groups(self) -> Iterator[tuple[str, ...]]:
        """Groups of equivalent phrases (abbreviation, eponym, brand…) for query expansion."""
        return iter(())

    def attach(self, objects: list[Model]) -> None:
        """Before a batch is built: read what its rows need from other tables in bulk."""

    def value(self, obj: Model, name: str) -> Any:
        """A declared field's value: `prepare_<name>(obj)` if defined, else the attribute."""
        prepare = getattr(self, f"prepare_{name}", None)
        return prepare(obj) if prepare else getattr(obj, name, None)

    def to_document(self, obj: Model) -> dict[str, Any]:
        """The row as a dict: what a result shows, plus `fields` (each declared field's values)."""
        doc: dict[str, Any] = {
            "doc_type": self.doc_type,
            "object_id": obj.pk,
            "curie": self.curie(obj),
            "title": self.title(obj),
            "url": self.url(obj),
            "summary": self.summary(obj),
            "extra": self.extra(obj),  # noqa: S610 - a dict key, not QuerySet.extra
            "fields": {},
        }
        for declared in self.fields:
            if declared.name not in doc["fields"]:
                doc["fields"][declared.name] = _as_list(self.value(obj, declared.name))
        return doc

    def build(self, obj: Model) -> IndexedDoc:
        """The row as an `IndexedDoc`, grouped by field kind."""
        doc = self.to_document(obj)
        texts: list[tuple[str, str, float]] = []
        exact: dict[tuple[str, str], float] = {}
        autocomplete: list[str] = []
        filters: dict[str, tuple[str, ...]] = {}
        for declared in self.fields:
            values = doc["fields"][declared.name]
            if isinstance(declared, SearchField):
                text = prepare_text(" | ".join(values))
                if text:
                    texts.append((declared.name, text, declared.boost))
            elif isinstance(declared, ExactField):
                norm = phrase_form if declared.phrase else key_form
                for value in values:
                    key = norm(value)
                    if key:
                        exact[(declared.name, key)] = max(
                            exact.get((declared.name, key), 0), declared.boost
                        )
            elif isinstance(declared, AutocompleteField):
                autocomplete.extend(values)
            else:
                filters[declared.name] = tuple(dict.fromkeys(values))
        return IndexedDoc(
            doc_type=self.doc_type,
            object_id=int(doc["object_id"]),
            curie=doc["curie"],
            title=doc["title"],
            url=doc["url"],
            summary=doc["summary"],
            texts=tuple(texts),
            exact=tuple((name, key, boost) for (name, key), boost in exact.items()),
            autocomplete=tuple(dict.fromkeys(autocomplete)),
            filters=filters,
            extra=doc["extra"],
            rank=self.object_rank(obj),
        )

    def iter_documents(
        self, ids: Iterable[int] | None = None, batch: int = 500
    ) -> Iterator[list[IndexedDoc]]:
        """Yield built documents in batches (all rows, or only `ids`)."""
        queryset = self.get_queryset()
        if ids is not None:
            queryset = queryset.filter(pk__in=list(ids))
        pks = list(queryset.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), batch):
            chunk = list(
                self.get_queryset().filter(pk__in=pks[start : start + batch]).order_by("pk")
            )
            self.attach(chunk)
            yield [self.build(obj) for obj in chunk]

    def facet_names(self) -> list[str]:
        """Names of the fields with counts."""
        return [f.name for f in self.fields if isinstance(f, FacetField)]


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple | set | frozenset):
        return [str(v) for v in value if v not in (None, "")]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    return [str(value)]


_REGISTRY: dict[str, Document] = {}


def register(cls: type[Document]) -> type[Document]:
    """Class decorator: add a document type to the registry (one per doc_type)."""
    existing = _REGISTRY.get(cls.doc_type)
    if existing is not None and type(existing).__qualname__ != cls.__qualname__:
        raise ValueError(f"search document type {cls.doc_type!r} is declared twice")
    exact = [f for f in cls.fields if isinstance(f, ExactField)]
    for preferred in (f for f in exact if f.preferred_spelling):
        # The lexicon finds a preferred field's keys by its boost (search/lexicon.py).
        if any(f.boost == preferred.boost for f in exact if f is not preferred):
            raise ValueError(
                f"{cls.doc_type}: {preferred.name} is preferred_spelling, so no other exact "
                f"field may share its boost {preferred.boost}"
            )
    _REGISTRY[cls.doc_type] = cls()
    return cls


def registry() -> dict[str, Document]:
    """Every registered document, by doc_type."""
    return dict(_REGISTRY)


def document_for(doc_type: str) -> Document:
    """The document declared for `doc_type`; KeyError names the known types."""
    try:
        return _REGISTRY[doc_type]
    except KeyError:
        raise KeyError(
            f"unknown search document type {doc_type!r}; known: {sorted(_REGISTRY)}"
        ) from None


def document_for_model(model: type[Model]) -> Document | None:
    """The document indexing `model`, if any."""
    for document in _REGISTRY.values():
        if document.model is model:
            return document
    return None


def doc_types() -> tuple[str, ...]:
    """All registered doc types, in declaration order."""
    return tuple(_REGISTRY)


def facet_fields() -> dict[str, str]:
    """Every facet field name across doc types, with its label."""
    labels: dict[str, str] = {}
    for document in _REGISTRY.values():
        for declared in document.fields:
            if isinstance(declared, FacetField):
                labels.setdefault(
                    declared.name, declared.label or declared.name.replace("_", " ").title()
                )
    return labels


# Values every boolean facet stores (see `_as_list`).
_BOOLEAN_LABELS = {"true": "Yes", "false": "No"}


def facet_value_label(name: str, value: str) -> str:
    """The human label of one facet value: the declared choice, else a tidied raw value."""
    for document in _REGISTRY.values():
        for declared in document.fields:
            if isinstance(declared, FacetField) and declared.name == name:
                label = dict(declared.choices).get(value)
                if label:
                    return label
    if value in _BOOLEAN_LABELS:
        return _BOOLEAN_LABELS[value]
    return value.replace("_", " ").capitalize() if "_" in value and value.islower() else value


def filter_fields() -> set[str]:
    """Every filterable field name (facets included)."""
    return {
        declared.name
        for document in _REGISTRY.values()
        for declared in document.fields
        if isinstance(declared, FilterField | FacetField)
    }


# Text fields fall into four weight tiers, read by both backends (tsvector A-D; text_a..text_d).
TIERS: tuple[tuple[str, float], ...] = (("a", 8.0), ("b", 4.0), ("c", 2.0), ("d", 0.0))


def tier_for(boost: float) -> str:
    """The weight tier ("a" highest to "d") of a field boost."""
    for tier, floor in TIERS:
        if boost >= floor:
            return tier
    return "d"


def exact_boosts() -> tuple[int, ...]:
    """Every distinct exact-field boost across doc types, highest first."""
    return tuple(
        sorted(
            {
                int(declared.boost)
                for document in _REGISTRY.values()
                for declared in document.fields
                if isinstance(declared, ExactField)
            },
            reverse=True,
        )
    )

"""The documents OpenSearch stores and the bulk actions that write and remove them."""

from __future__ import annotations

from typing import Any

from search.documents import IndexedDoc, tier_for
from search.text import phrase_form


def document_source(doc: IndexedDoc) -> dict[str, Any]:
    """The `_source` of one document."""
    source: dict[str, Any] = {
        "uid": f"{doc.doc_type}:{doc.object_id}",
        "doc_type": doc.doc_type,
        "object_id": doc.object_id,
        "curie": doc.curie,
        "title": doc.title,
        "title_norm": phrase_form(doc.title),
        "title_len": len(doc.title),
        "url": doc.url,
        "summary": doc.summary[:20_000],
        "autocomplete": [*doc.autocomplete, doc.curie],
        "extra": doc.extra,
        "rank": doc.rank,
        "facets": {name: list(values) for name, values in doc.filters.items() if values},
    }
    texts: dict[str, list[str]] = {}
    for _name, text, boost in doc.texts:
        texts.setdefault(f"text_{tier_for(boost)}", []).append(text)
    source.update(texts)
    for _name, key, boost in doc.exact:
        source.setdefault(f"exact_{int(boost)}", []).append(key)
    return source


def index_action(index: str, doc: IndexedDoc) -> dict[str, Any]:
    """A bulk `index` action."""
    return {
        "_op_type": "index",
        "_index": index,
        "_id": f"{doc.doc_type}:{doc.object_id}",
        "_source": document_source(doc),
    }


def delete_action(index: str, doc_type: str, object_id: int) -> dict[str, Any]:
    """A bulk `delete` action."""
    return {"_op_type": "delete", "_index": index, "_id": f"{doc_type}:{object_id}"}

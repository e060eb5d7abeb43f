"""Search rows written straight into a backend by the PostgreSQL-level tests (test rows, not
medical content)."""

from __future__ import annotations

from search.documents import IndexedDoc


def indexed_doc(
    doc_type: str,
    n: int,
    title: str,
    *,
    body: str = "",
    keys: tuple[str, ...] = (),
    filters: dict | None = None,
) -> IndexedDoc:
    """A row named `title` (weight 10), with `body` as its summary and definition (weight 1)
    when given, and `keys` as its exact keys."""
    return IndexedDoc(
        doc_type=doc_type,
        object_id=n,
        curie=f"TEST:{doc_type}:{n}",
        title=title,
        url=f"/test/{doc_type}/{n}",
        summary=body,
        texts=(("name", title, 10.0), *((("definition", body, 1.0),) if body else ())),
        exact=tuple(("name", key, 1.0) for key in keys),
        autocomplete=(title,),
        filters=filters or {},
    )

"""The order of hits and the opaque cursor that continues it (`search_after`)."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import Any

# Equal scores in one order on every backend (PostgreSQL's `query.tie_order`): the shorter
# title, then the folded title, then the uid. By the document's uid alone ("gene:10" before
# "gene:9") sibling genes tied on every word ("glucose-6-phosphatase": G6PC1, G6PC2, G6PC3) came
# in the order they were stored.
SORT = [{"_score": "desc"}, {"title_len": "asc"}, {"title_norm": "asc"}, {"uid": "asc"}]


def encode_cursor(sort_values: Sequence[Any]) -> str:
    """An opaque search_after cursor."""
    return base64.urlsafe_b64encode(json.dumps(list(sort_values)).encode()).decode()


def decode_cursor(cursor: str) -> list[Any] | None:
    """The search_after values of a cursor; None if it is not one of ours."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError):
        return None
    return values if isinstance(values, list) and len(values) == len(SORT) else None

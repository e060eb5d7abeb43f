"""A cheap fingerprint of tables that in-process caches are built from.

The row count and the highest id of each table change whenever rows are added or removed: the
caches built from them (the sign phrase table, the signs' name vectors) compare it once a minute
instead of reading every row again.
"""

from __future__ import annotations

from django.db.models import Count, Max, Model


def rows_stamp(*models: type[Model]) -> str:
    """Each model's row count and highest id as count-id, joined by "-", in the order given."""
    parts = []
    for model in models:
        row = model.objects.aggregate(n=Count("id"), top=Max("id"))
        parts.append(f"{row['n']}-{row['top']}")
    return "-".join(parts)

"""Information content of HPO terms: how specific a phenotype is among annotated conditions."""

from __future__ import annotations

from django.db import connection, transaction

from ingest.rows import WriteOutcome
from knowledge.models import ConditionPhenotype, Phenotype

# IC(term) = -ln(conditions annotated with the term or any descendant / all annotated
# conditions). The closure walks is_a edges upwards; UNION removes repeated paths.
_SQL = """
WITH RECURSIVE closure(term, ancestor) AS (
    SELECT id, id FROM {phenotype}
    UNION
    SELECT c.term, p.to_phenotype_id FROM closure c
    JOIN {parents} p ON p.from_phenotype_id = c.ancestor
),
counts AS (
    SELECT c.ancestor AS id, count(DISTINCT cp.condition_id) AS n
    FROM {annotation} cp JOIN closure c ON c.term = cp.phenotype_id
    GROUP BY c.ancestor
),
total AS (SELECT count(DISTINCT condition_id)::float AS n FROM {annotation}),
wanted AS (
    SELECT ph.id, round((-ln(counts.n / total.n))::numeric, 6)::float AS ic
    FROM {phenotype} ph CROSS JOIN total LEFT JOIN counts ON counts.id = ph.id
)
UPDATE {phenotype} ph SET information_content = wanted.ic
FROM wanted WHERE wanted.id = ph.id AND ph.information_content IS DISTINCT FROM wanted.ic
RETURNING ph.id
"""


def phenotype_information_content_update() -> WriteOutcome:
    """Recompute every term's information content in one statement; count the terms changed."""
    sql = _SQL.format(
        phenotype=Phenotype._meta.db_table,
        parents=Phenotype.parents.through._meta.db_table,
        annotation=ConditionPhenotype._meta.db_table,
    )
    tables = (Phenotype._meta.db_table, Phenotype.parents.through._meta.db_table,
              ConditionPhenotype._meta.db_table)  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        # Rows just loaded in this transaction have no statistics yet (autovacuum cannot see
        # them): without fresh ones PostgreSQL 15 nests loops over the closure and runs for hours.
        cursor.execute(f"ANALYZE {', '.join(tables)}")
        cursor.execute(sql)
        updated = len(cursor.fetchall())
    return WriteOutcome(updated=updated, unchanged=Phenotype.objects.count() - updated)

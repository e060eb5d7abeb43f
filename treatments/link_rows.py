"""The therapy links a treatment search reaches, with what ranking reads, in one statement.

Issue 14 item 10, sixth pass. The ORM needed a statement for the reached links and their
therapies, one each for their genes, variants and regulatory events and one for the orphan
approvals of links that have any: ~16 ms of Python a search by gene, ~5 ms even when nothing
is reached, mostly building and compiling the queries. This statement, written once per
process from the models' column lists, reads the links and their therapies and, as JSON, the
four lists; the rows become the instances the ORM built, stored as prefetched, so ranking,
eligibility and the result rows read them without a query. Each list keeps the ORM's order
(genes by symbol, variants by name, events by date, approvals newest first, then by name; two
approvals of one day and name, which the ORM returned in no set order, by id), and the links
come in the order the rows sit in the table, as the ORM's plan (a scan of it) returned them:
ranking's ties keep that order. A filter on modality, status or evidence level is the ORM's
own subquery.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q

from knowledge.models import (
    Gene,
    OrphanApproval,
    RegulatoryEvent,
    Therapy,
    TherapyLink,
    Variant,
)
from knowledge.regulatory import status_filter_q
from knowledge.row_shapes import RowShape, store_prefetched
from treatments.query import TreatmentFilters

# Names as Django gives them (app_model, <field>_id). The column lists come from the models.
_SQL = """
SELECT json_build_array({link}), json_build_array({therapy}),
  (SELECT json_agg(json_build_array({gene}) ORDER BY g.symbol)
     FROM knowledge_therapylink_genes lg JOIN knowledge_gene g ON g.id = lg.gene_id
     WHERE lg.therapylink_id = l.id),
  (SELECT json_agg(json_build_array({variant}) ORDER BY v.name)
     FROM knowledge_therapylink_variants lv JOIN knowledge_variant v ON v.id = lv.variant_id
     WHERE lv.therapylink_id = l.id),
  (SELECT json_agg(json_build_array({event}) ORDER BY e.date, e.id)
     FROM knowledge_regulatoryevent e WHERE e.link_id = l.id),
  (SELECT json_agg(json_build_array({approval}) ORDER BY a.approved_on DESC, a.generic_name, a.id)
     FROM knowledge_orphanapproval a WHERE a.link_id = l.id)
FROM knowledge_therapylink l JOIN knowledge_therapy t ON t.id = l.therapy_id
WHERE l.id IN (SELECT r.id FROM knowledge_therapylink r WHERE r.condition_id = ANY(%s)
               UNION ALL
               SELECT lg.therapylink_id FROM knowledge_therapylink_genes lg
                WHERE lg.gene_id = ANY(%s)
               UNION ALL
               SELECT lv.therapylink_id FROM knowledge_therapylink_variants lv
                WHERE lv.variant_id = ANY(%s))
"""
_ORDER = " ORDER BY l.ctid"  # the table's order, as the ORM's plan returned the links


@dataclass(frozen=True)
class _Statement:
    sql: str
    link: RowShape
    therapy: RowShape
    gene: RowShape
    variant: RowShape
    event: RowShape
    approval: RowShape


@functools.cache
def _statement() -> _Statement:
    """The statement and the shapes of its rows, written once per process."""
    shapes = {
        "link": RowShape.of(TherapyLink, "l"),
        "therapy": RowShape.of(Therapy, "t"),
        "gene": RowShape.of(Gene, "g"),
        "variant": RowShape.of(Variant, "v"),
        "event": RowShape.of(RegulatoryEvent, "e"),
        "approval": RowShape.of(OrphanApproval, "a"),
    }
    sql = _SQL.format(**{name: shape.sql for name, shape in shapes.items()})
    return _Statement(sql=sql, **shapes)


def _filtered_ids(filters: TreatmentFilters) -> tuple[str, tuple]:
    """The ORM's subquery for the links that pass the filters, or nothing when none is set."""
    if not (filters.modality or filters.status or filters.evidence_level):
        return "", ()
    passing = Q()
    if filters.modality:
        passing &= Q(therapy__modality__in=filters.modality)
    if filters.status:
        passing &= status_filter_q(filters.status)
    if filters.evidence_level:
        passing &= Q(evidence_level__in=filters.evidence_level)
    sql, params = TherapyLink.objects.filter(passing).values("id").query.sql_with_params()
    return f" AND l.id IN ({sql})", tuple(params)


def therapy_link_list_reached(
    *,
    condition_ids: set[int],
    gene_ids: frozenset[int],
    variant_ids: frozenset[int],
    filters: TreatmentFilters,
) -> list[TherapyLink]:
    """Links of these conditions, genes or variants passing the filters, with their therapy,
    genes, variants, regulatory events and orphan approvals read (one statement)."""
    st = _statement()
    extra, extra_params = _filtered_ids(filters)
    params = (sorted(condition_ids), sorted(gene_ids), sorted(variant_ids), *extra_params)
    with connection.cursor() as cursor:
        cursor.execute(st.sql + extra + _ORDER, params)
        rows = cursor.fetchall()
    links = []
    for link_values, therapy_values, genes, variants, events, approvals in rows:
        link = st.link.build(link_values)
        link._state.fields_cache["therapy"] = st.therapy.build(therapy_values)
        store_prefetched(link, "genes", Gene, [st.gene.build(v) for v in genes or ()])
        store_prefetched(link, "variants", Variant, [st.variant.build(v) for v in variants or ()])
        store_prefetched(
            link, "regulatory_events", RegulatoryEvent, [st.event.build(v) for v in events or ()]
        )
        store_prefetched(
            link,
            "orphan_approvals",
            OrphanApproval,
            [st.approval.build(v) for v in approvals or ()],
        )
        link.has_orphan_approval = bool(approvals)
        links.append(link)
    return links

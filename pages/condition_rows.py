"""The rows behind the condition page in one statement (issue 14 item 10, fifth pass).

A condition page is mostly a cold page-cache miss. Building and compiling an ORM query costs
~0.5-1.5 ms of Python each, even for one that returns nothing, and the page needed five on
average. So one raw statement, written once per process from the models' own table and column
names, reads the condition, its editor's review, a probe per list it shows only when present
(trials, papers, articles, therapies), and as JSON every other list the page shows: its
identifiers, other names, signs (with each sign's first everyday name), genes, types and
groups, and the conditions with a therapy that share one of its genes. The rows become the
same model instances the ORM built, cached as prefetched, so the page, its summary and its
JSON-LD read them without a query. Lists ordered by nothing in the ORM are read in id order.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from django.db.models import JSONField, Prefetch, QuerySet, prefetch_related_objects
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from identifiers.ids import HPO_ID_RE
from knowledge.editor_values import links_prime_editor_values
from knowledge.models import (
    Condition,
    ConditionGene,
    ConditionIdentifier,
    ConditionPhenotype,
    ConditionSubtype,
    ConditionSynonym,
    Gene,
    Phenotype,
    ReviewStatus,
    SummaryReview,
    TherapyLink,
)
from knowledge.row_shapes import RowShape, store_prefetched
from rarelabs.prepared import PreparedStatement


def visible_links(model: type, **filters: object) -> QuerySet:
    """Links of `model` matching `filters` that an editor has not rejected."""
    return model.objects.filter(**filters).exclude(review_status=ReviewStatus.REJECTED)


_OTHER = ("id", "name", "slug", "primary_id")  # what a type or group shows of the other condition
_PHENOTYPE = ("id", "hpo_id", "name", "information_content")
_PHENOTYPE_LINK = (
    "id", "condition", "phenotype", "frequency", "frequency_label", "source", "source_id",
    "source_url", "retrieved_on",
)  # fmt: skip
_SUBTYPE = (
    "id",
    "parent",
    "child",
    "relation",
    "source",
    "source_id",
    "source_url",
    "retrieved_on",
)
_REVIEW = ("id", "condition", "status", "approved_text", "reviewed_at")


@dataclass(frozen=True)
class _Statement:
    statement: PreparedStatement
    condition: RowShape
    review: RowShape
    identifier: RowShape
    synonym: RowShape
    phenotype_link: RowShape
    phenotype: RowShape
    gene_link: RowShape
    gene: RowShape
    subtype: RowShape
    other: RowShape


# Names as Django gives them (app_model, <field>_id). The column lists come from the models.
_SQL = """
SELECT {condition}, {review},
  EXISTS (SELECT 1 FROM trials_triallink t
          WHERE t.condition_id = c.id AND NOT (t.review_status = 'rejected')),
  EXISTS (SELECT 1 FROM literature_publicationlink pl
          WHERE pl.condition_id = c.id AND NOT (pl.review_status = 'rejected')),
  EXISTS (SELECT 1 FROM knowledge_therapylink tl WHERE tl.condition_id = c.id),
  EXISTS (SELECT 1 FROM content_article a
          JOIN content_article_related_conditions ac ON ac.article_id = a.id
          WHERE ac.condition_id = c.id AND a.status IN ('published', 'scheduled')
            AND a.published_at <= %(now)s),
  (SELECT json_agg(json_build_array({identifier}) ORDER BY i.id)
     FROM knowledge_conditionidentifier i WHERE i.condition_id = c.id),
  (SELECT json_agg(json_build_array({synonym}) ORDER BY s.id)
     FROM knowledge_conditionsynonym s WHERE s.condition_id = c.id),
  (SELECT json_agg(json_build_array({phenotype_link}, {phenotype},
            COALESCE((SELECT ps.text FROM knowledge_phenotypesynonym ps
                      WHERE ps.phenotype_id = p.id AND ps.is_layperson
                      ORDER BY ps.id LIMIT 1), '')) ORDER BY cp.id)
     FROM knowledge_conditionphenotype cp JOIN knowledge_phenotype p ON p.id = cp.phenotype_id
     WHERE cp.condition_id = c.id),
  (SELECT json_agg(json_build_array({gene_link}, {gene}) ORDER BY cg.id)
     FROM knowledge_conditiongene cg JOIN knowledge_gene g ON g.id = cg.gene_id
     WHERE cg.condition_id = c.id),
  (SELECT json_agg(json_build_array({subtype}, {parent}, {child},
            EXISTS (SELECT 1 FROM knowledge_therapylink WHERE condition_id = cs.child_id))
            ORDER BY CASE WHEN cs.parent_id = c.id THEN ch.name ELSE pa.name END, cs.id)
     FROM knowledge_conditionsubtype cs
     JOIN knowledge_condition pa ON pa.id = cs.parent_id
     JOIN knowledge_condition ch ON ch.id = cs.child_id
     WHERE cs.parent_id = c.id OR cs.child_id = c.id),
  (SELECT json_agg(json_build_array(o.condition_id, o.gene_id, o.association))
     FROM (SELECT DISTINCT o.condition_id, o.gene_id, o.association
             FROM knowledge_conditiongene o
            WHERE o.gene_id IN (SELECT gene_id FROM knowledge_conditiongene
                                 WHERE condition_id = c.id)
              AND o.condition_id <> c.id
              AND EXISTS (SELECT 1 FROM knowledge_therapylink
                           WHERE condition_id = o.condition_id)) o)
FROM knowledge_condition c LEFT JOIN knowledge_summaryreview r ON r.condition_id = c.id
WHERE c.slug = %(slug)s
"""


@functools.cache
def _statement() -> _Statement:
    """The statement and the shapes of its rows, written once per process."""
    shapes = {
        "condition": RowShape.of(Condition, "c"),
        "review": RowShape.of(SummaryReview, "r", _REVIEW),
        "identifier": RowShape.of(ConditionIdentifier, "i"),
        "synonym": RowShape.of(ConditionSynonym, "s"),
        "phenotype_link": RowShape.of(ConditionPhenotype, "cp", _PHENOTYPE_LINK),
        "phenotype": RowShape.of(Phenotype, "p", _PHENOTYPE),
        "gene_link": RowShape.of(ConditionGene, "cg"),
        "gene": RowShape.of(Gene, "g"),
        "subtype": RowShape.of(ConditionSubtype, "cs", _SUBTYPE),
        "parent": RowShape.of(Condition, "pa", _OTHER),
        "other": RowShape.of(Condition, "ch", _OTHER),
    }
    columns = {name: shape.sql for name, shape in shapes.items()}
    sql = _SQL.format(**columns, child=columns["other"])
    shapes.pop("parent")
    # Planning it cost more PostgreSQL CPU than running it (~1.1 against ~0.4 ms): prepared.
    prepared = PreparedStatement("rl_condition_page", sql, {"slug": "text", "now": "timestamptz"})
    return _Statement(statement=prepared, **shapes)


def _links(condition: Condition, rows: list | None, shape: RowShape, width: int) -> list:
    links = []
    for values in rows or ():
        link = shape.build(values[:width])
        link._state.fields_cache["condition"] = condition
        links.append(link)
    return links


@dataclass
class ConditionPageRows:
    """A condition with its lists, and what the page fetches apart (only when present)."""

    condition: Condition
    any_trial_link: bool
    any_paper: bool
    any_article: bool
    subtypes: list[ConditionSubtype]  # its types, by name
    groups: list[ConditionSubtype]  # the groups it belongs to, by name
    # (condition id, gene id, association) of conditions with a therapy sharing one of its genes
    gene_neighbours: list[tuple[int, int, str]]


_CONDITION_JSON = tuple(
    f.attname for f in Condition._meta.concrete_fields if isinstance(f, JSONField)
)


def condition_rows_get(slug: str) -> ConditionPageRows | None:
    """The condition with the given slug and every list its page shows, in one statement."""
    st = _statement()
    row = st.statement.fetchone({"slug": slug, "now": timezone.now()})
    if row is None:
        return None
    n = len(st.condition.names)
    condition = Condition.from_db("default", st.condition.names, row[:n])
    for name in _CONDITION_JSON:  # a jsonb column read as itself arrives as its text
        setattr(condition, name, json.loads(getattr(condition, name)))
    review_values = list(row[n : n + len(st.review.names)])
    n += len(st.review.names)
    condition._state.fields_cache["summary_review"] = (
        SummaryReview.from_db("default", st.review.names, review_values)
        if review_values[0] is not None
        else None
    )
    any_trial, any_paper, any_therapy, any_article = row[n : n + 4]
    identifiers, synonyms, phenotypes, genes, classification, neighbours = row[n + 4 :]
    store_prefetched(
        condition, "identifiers", ConditionIdentifier,
        _links(condition, identifiers, st.identifier, len(st.identifier.names)),
    )  # fmt: skip
    store_prefetched(
        condition, "synonyms", ConditionSynonym,
        _links(condition, synonyms, st.synonym, len(st.synonym.names)),
    )  # fmt: skip
    store_prefetched(
        condition, "phenotypes", ConditionPhenotype, _phenotype_links(condition, phenotypes)
    )
    store_prefetched(condition, "gene_links", ConditionGene, _gene_links(condition, genes))
    if any_therapy:
        therapies = TherapyLink.objects.select_related("therapy").with_regulatory_events()
        therapies = therapies.prefetch_related("orphan_approvals")
        prefetch_related_objects([condition], Prefetch("therapy_links", queryset=therapies))
        links_prime_editor_values(condition.therapy_links.all())
    else:
        store_prefetched(condition, "therapy_links", TherapyLink, [])
    subtypes, groups = _classification(condition, classification)
    return ConditionPageRows(
        condition, any_trial, any_paper, any_article, subtypes, groups,
        [tuple(values) for values in neighbours or ()],
    )  # fmt: skip


def _phenotype_links(condition: Condition, rows: list | None) -> list[ConditionPhenotype]:
    st = _statement()
    width = len(st.phenotype_link.names)
    links = _links(condition, rows, st.phenotype_link, width)
    for link, values in zip(links, rows or (), strict=True):
        link._state.fields_cache["phenotype"] = st.phenotype.build(values[width:-1])
        link.everyday_name = values[-1]
    return links


def _gene_links(condition: Condition, rows: list | None) -> list[ConditionGene]:
    st = _statement()
    width = len(st.gene_link.names)
    links = _links(condition, rows, st.gene_link, width)
    for link, values in zip(links, rows or (), strict=True):
        link._state.fields_cache["gene"] = st.gene.build(values[width:])
    return links


def _classification(
    condition: Condition, rows: list | None
) -> tuple[list[ConditionSubtype], list[ConditionSubtype]]:
    """Its types (by name) and the groups it belongs to (by name): only the other condition's
    name, slug and id are shown."""
    st = _statement()
    width, other = len(st.subtype.names), len(st.other.names)
    subtypes, groups = [], []
    for values in rows or ():
        link = st.subtype.build(values[:width])
        link._state.fields_cache["parent"] = st.other.build(values[width : width + other])
        link._state.fields_cache["child"] = st.other.build(values[width + other : -1])
        link.child_treated = values[-1]  # whether the type has a therapy link of its own
        (subtypes if link.parent_id == condition.pk else groups).append(link)
    return subtypes, groups


@functools.cache
def _phenotype_path_template() -> str:
    return reverse("knowledge:phenotype-detail", args=["HP:0000000"]).removeprefix(
        get_script_prefix()
    )


def phenotype_url(hpo_id: str) -> str:
    """What `{% url 'knowledge:phenotype-detail' hpo_id %}` gives, without resolving the URL
    patterns again for each of a page's 25 signs (a quarter of its template time)."""
    if not HPO_ID_RE.match(hpo_id):  # only letters, digits and ":", which reverse() keeps
        return reverse("knowledge:phenotype-detail", args=[hpo_id])
    return get_script_prefix() + _phenotype_path_template().replace("HP:0000000", hpo_id)

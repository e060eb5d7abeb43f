"""The rows behind the condition page, fetched only when they exist (issue 14 item 10).

A condition page is mostly a cold page-cache miss, and most of a miss's Python goes into
building and compiling queries (~1 ms each, even for one that returns nothing). So one query
reads the condition with an index probe per list; only the lists that exist are fetched.
"""

from __future__ import annotations

import functools

from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.urls import get_script_prefix, reverse

from content.models import Article
from identifiers.ids import HPO_ID_RE
from knowledge.models import (
    Condition,
    ConditionGene,
    ConditionPhenotype,
    ConditionSubtype,
    ConditionSynonym,
    PhenotypeSynonym,
    ReviewStatus,
    TherapyLink,
)
from literature.models import PublicationLink
from trials.models import TrialLink


def visible_links(model: type, **filters: object) -> QuerySet:
    """Links of `model` matching `filters` that an editor has not rejected."""
    return model.objects.filter(**filters).exclude(review_status=ReviewStatus.REJECTED)


@functools.cache
def _fixed_probes() -> dict[str, Exists]:
    # Built once per process (annotating copies them): building them cost ~0.5 ms a page.
    pk = OuterRef("pk")
    return {
        "any_trial_link": Exists(visible_links(TrialLink, condition=pk)),
        "any_paper": Exists(visible_links(PublicationLink, condition=pk)),
        "any_synonym": Exists(ConditionSynonym.objects.filter(condition=pk)),
        "any_phenotype": Exists(ConditionPhenotype.objects.filter(condition=pk)),
        "any_gene": Exists(ConditionGene.objects.filter(condition=pk)),
        "any_therapy_link": Exists(TherapyLink.objects.filter(condition=pk)),
        "any_classification": Exists(ConditionSubtype.objects.filter(Q(parent=pk) | Q(child=pk))),
    }


def condition_probes() -> dict[str, Exists]:
    """`any_<list>` annotations: whether the condition has any row of each list."""
    # Built per call: which articles are public depends on the time (scheduled articles).
    public = Article.objects.public().filter(related_conditions=OuterRef("pk"))
    return {**_fixed_probes(), "any_article": Exists(public)}


_PHENOTYPE_LINK_FIELDS = (
    "condition_id", "frequency", "frequency_label", "source", "source_id", "source_url",
    "retrieved_on", "phenotype__hpo_id", "phenotype__name", "phenotype__information_content",
)  # fmt: skip


def phenotype_prefetch() -> Prefetch:
    """A condition's sign links with each sign's name, id and first everyday name."""
    # The first everyday synonym (what `Phenotype.layperson_name` reads) as a subquery: one
    # query fewer than prefetching the synonyms, and no synonym objects built.
    everyday = (
        PhenotypeSynonym.objects.filter(phenotype_id=OuterRef("phenotype_id"), is_layperson=True)
        .order_by("id")
        .values("text")[:1]
    )
    return Prefetch(
        "phenotypes",
        queryset=ConditionPhenotype.objects.select_related("phenotype")
        # Only what the page shows: a condition can have 200+ phenotypes with long definitions.
        .only(*_PHENOTYPE_LINK_FIELDS)
        .annotate(everyday_name=Coalesce(Subquery(everyday), Value(""))),
    )


_SUBTYPE_FIELDS = (
    "parent_id", "child_id", "relation", "source", "source_id", "source_url", "retrieved_on",
    "parent__name", "parent__slug", "parent__primary_id",
    "child__name", "child__slug", "child__primary_id",
)  # fmt: skip


def condition_classification(
    condition: Condition,
) -> tuple[list[ConditionSubtype], list[ConditionSubtype]]:
    """Its types (by name) and the groups it belongs to (by name), in one query: only the
    other condition's name, slug and id are shown."""
    other_name = Case(
        When(parent_id=condition.pk, then=F("child__name")), default=F("parent__name")
    )
    rows = list(
        ConditionSubtype.objects.filter(Q(parent=condition) | Q(child=condition))
        .select_related("parent", "child")
        .only(*_SUBTYPE_FIELDS)
        .order_by(other_name, "pk")
    )
    subtypes = [row for row in rows if row.parent_id == condition.pk]
    groups = [row for row in rows if row.parent_id != condition.pk]
    return subtypes, groups


def _known_empty(instance: Condition, names: list[str]) -> None:
    """Relations an EXISTS probe found empty: cached as prefetched (what Django's own prefetch
    stores), so `.all()` in the page, its summary and its JSON-LD sends no query."""
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    for name in names:
        empty = getattr(instance, name).none()
        empty._result_cache, empty._prefetch_done = [], True
        cache[name] = empty


def condition_relations_fetch(condition: Condition) -> None:
    """Prefetch only the relations the condition has: most have no therapy, about half no
    gene, synonym or classification row, and each query costs ~1 ms of Python to build even
    when it returns nothing."""
    wanted = {
        "identifiers": "identifiers",
        "synonyms": condition.any_synonym and "synonyms",
        "phenotypes": condition.any_phenotype and phenotype_prefetch(),
        "gene_links": condition.any_gene
        and Prefetch("gene_links", queryset=ConditionGene.objects.select_related("gene")),
        "therapy_links": condition.any_therapy_link
        and Prefetch(
            "therapy_links",
            queryset=TherapyLink.objects.select_related("therapy")
            .with_regulatory_events()
            .prefetch_related("orphan_approvals"),
        ),
    }
    prefetch_related_objects([condition], *(lookup for lookup in wanted.values() if lookup))
    _known_empty(condition, [name for name, lookup in wanted.items() if not lookup])


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

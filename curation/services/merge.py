"""Merge two conditions that are the same: all moves to the survivor, the old URL redirects."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from curation.services.merge_rows import change_reason, move_review_links
from curation.services.queue import task_enqueue
from identifiers.ids import IdentifierKind, parse_identifier
from knowledge.models import (
    Condition,
    ConditionGene,
    ConditionIdentifier,
    ConditionPhenotype,
    ConditionSubtype,
    ConditionSynonym,
    IdentifierScheme,
    SlugRedirect,
    SynonymKind,
    TherapyLink,
    VariantCondition,
)
from literature.models import PublicationLink
from search.tasks import search_reindex_task
from trials.models import TrialLink

MERGE_SOURCE = "RareLabs editor merge"
# Where two links disagree, the more considered decision wins.
_SCHEMES = {
    IdentifierKind.ORPHA: IdentifierScheme.ORPHA,
    IdentifierKind.OMIM: IdentifierScheme.OMIM,
    IdentifierKind.MONDO: IdentifierScheme.MONDO,
    IdentifierKind.GARD: IdentifierScheme.GARD,
}


class MergeError(ValueError):
    """Two conditions that cannot be merged."""


@dataclass(frozen=True)
class MergeResult:
    """What a merge moved to the survivor and which duplicates it folded in."""

    survivor_id: int
    merged_id: int
    merged_name: str
    old_slug: str
    moved: Mapping[str, int]
    duplicates: Mapping[str, int]


def _today(condition: Condition) -> datetime.date:
    return condition.retrieved_on or timezone.localdate()


def _fill_blanks(target: models.Model, source: models.Model, fields: Iterable[str]) -> bool:
    """Copy values the target lacks; never overwrite what it has."""
    changed = False
    for name in fields:
        if getattr(target, name) in (None, "", []) and getattr(source, name) not in (None, "", []):
            setattr(target, name, getattr(source, name))
            changed = True
    return changed


def _move_keyed(
    model: type[models.Model],
    key: str,
    source: Condition,
    target: Condition,
    fill: tuple[str, ...] = (),
) -> tuple[int, int]:
    """Move `model` rows keyed by `key` to the target; fold rows the target already has."""
    rows = list(model.objects.filter(condition=source))
    twins = {
        getattr(row, key): row
        for row in model.objects.filter(
            condition=target, **{f"{key}__in": [getattr(r, key) for r in rows]}
        )
    }
    to_move = []
    for row in rows:
        twin = twins.get(getattr(row, key))
        if twin is None:
            to_move.append(row.pk)
        elif _fill_blanks(twin, row, fill):
            twin.save(update_fields=list(fill))
    model.objects.filter(pk__in=to_move).update(condition=target)
    return len(to_move), len(rows) - len(to_move)


def _move_identifiers(source: Condition, target: Condition) -> int:
    moved = ConditionIdentifier.objects.filter(condition=source).update(condition=target)
    ident = parse_identifier(source.primary_id)
    scheme = _SCHEMES.get(ident.kind) if ident else None
    if (
        scheme is not None
        and not ConditionIdentifier.objects.filter(scheme=scheme, value=ident.value).exists()
    ):
        # The merged condition's own id must stay findable on the survivor.
        ConditionIdentifier.objects.create(
            condition=target,
            scheme=scheme,
            value=ident.value,
            source=MERGE_SOURCE,
            source_id=source.primary_id,
            retrieved_on=_today(source),
        )
        moved += 1
    return moved


def _move_synonyms(source: Condition, target: Condition) -> tuple[int, int]:
    known = {text.casefold() for text in target.synonyms.values_list("text", flat=True)}
    known.add(target.name.casefold())
    to_move, skipped = [], 0
    for synonym in source.synonyms.all():
        if synonym.text.casefold() in known:
            skipped += 1
            continue
        known.add(synonym.text.casefold())
        to_move.append(synonym.pk)
    ConditionSynonym.objects.filter(pk__in=to_move).update(condition=target)
    moved = len(to_move)
    if source.name.casefold() not in known:
        # The merged condition's name is now another name of the survivor.
        ConditionSynonym.objects.create(
            condition=target,
            text=source.name,
            kind=SynonymKind.SYNONYM,
            source=MERGE_SOURCE,
            source_id=source.primary_id,
            retrieved_on=_today(source),
        )
        moved += 1
    return moved, skipped


def _move_therapy_links(source: Condition, target: Condition, user: Any) -> tuple[int, int]:
    """Move therapy links; one the survivor already has (same therapy and source name) goes."""
    links = list(TherapyLink.objects.filter(condition=source))
    # A source link naming both merged conditions gave each its own row: keep the survivor's.
    twins = set(
        TherapyLink.objects.filter(condition=target).values_list("therapy_id", "condition_name")
    )
    moved = 0
    for link in links:
        # Saved (or deleted) one by one so each link's history records who did it.
        link._history_user = user
        link._change_reason = change_reason(
            f"Condition {source.primary_id} merged into {target.primary_id}"
        )
        if (link.therapy_id, link.condition_name) in twins:
            link.delete()
            continue
        link.condition = target
        link.save()
        moved += 1
    return moved, len(links) - moved


def _move_many_to_many(source: Condition, target: Condition) -> int:
    """Re-point auto-created many-to-many rows (e.g. articles' related conditions)."""
    moved = 0
    for rel in Condition._meta.related_objects:
        through = getattr(rel, "through", None)
        if not rel.many_to_many or through is None or not through._meta.auto_created:
            continue
        own = next(f for f in through._meta.fields if f.related_model is Condition)
        other = next(f for f in through._meta.fields if f.is_relation and f is not own)
        already = set(
            through.objects.filter(**{own.name: target}).values_list(other.attname, flat=True)
        )
        new = [
            through(**{own.attname: target.pk, other.attname: other_id})
            for other_id in through.objects.filter(**{own.name: source}).values_list(
                other.attname, flat=True
            )
            if other_id not in already
        ]
        through.objects.bulk_create(new)
        moved += len(new)
    return moved


def _move_subtypes(source: Condition, target: Condition) -> tuple[int, int]:
    """Re-point classification rows on both sides; one that would repeat or loop goes."""
    moved = dropped = 0
    for own, other in (("parent", "child"), ("child", "parent")):
        rows = list(ConditionSubtype.objects.filter(**{own: source}))
        known = set(
            ConditionSubtype.objects.filter(**{own: target}).values_list(f"{other}_id", flat=True)
        )
        keep = [r.pk for r in rows if getattr(r, f"{other}_id") not in known | {target.pk}]
        ConditionSubtype.objects.filter(pk__in=keep).update(**{own: target})
        ConditionSubtype.objects.filter(pk__in=[r.pk for r in rows if r.pk not in keep]).delete()
        moved, dropped = moved + len(keep), dropped + len(rows) - len(keep)
    return moved, dropped


_REVIEW_MODELS = {TrialLink: "trial", PublicationLink: "publication"}
_HANDLED = {
    ConditionIdentifier,
    ConditionSynonym,
    ConditionPhenotype,
    ConditionGene,
    ConditionSubtype,
    VariantCondition,
    TherapyLink,
    SlugRedirect,
}


def _move_other_rows(source: Condition, target: Condition) -> int:
    """Rows of models added later that point at a condition move too (none is silently deleted)."""
    moved = 0
    for rel in Condition._meta.related_objects:
        model = rel.related_model
        if not rel.one_to_many or model in _HANDLED or model in _REVIEW_MODELS:
            continue
        moved += model._base_manager.filter(**{rel.field.name: source}).update(
            **{rel.field.name: target}
        )
    return moved


def _merge_fields(source: Condition, target: Condition) -> None:
    _fill_blanks(
        target,
        source,
        (
            "definition",
            "definition_source",
            "family_summary",
            "family_summary_updated_at",
            "prevalence",
            "prevalence_source",
            "prevalence_statements",
            "facts_source",
            "disorder_type",
        ),
    )
    target.inheritance = list(dict.fromkeys([*target.inheritance, *source.inheritance]))
    target.onset = list(dict.fromkeys([*target.onset, *source.onset]))


@transaction.atomic
def condition_merge(*, source: Condition, target: Condition, user: Any) -> MergeResult:
    """Merge `source` into `target` atomically; `source` is deleted and its URL redirects."""
    if source.pk == target.pk:
        raise MergeError("a condition cannot be merged into itself")
    locked = Condition.objects.select_for_update().in_bulk([source.pk, target.pk])
    if len(locked) != 2:
        raise MergeError("one of the conditions no longer exists")
    source, target = locked[source.pk], locked[target.pk]
    moved: dict[str, int] = {}
    duplicates: dict[str, int] = {}
    moved["identifiers"] = _move_identifiers(source, target)
    moved["synonyms"], duplicates["synonyms"] = _move_synonyms(source, target)
    moved["phenotypes"], duplicates["phenotypes"] = _move_keyed(
        ConditionPhenotype, "phenotype_id", source, target, ("frequency", "frequency_label")
    )
    moved["genes"], duplicates["genes"] = _move_keyed(
        ConditionGene, "gene_id", source, target, ("association",)
    )
    moved["variants"], duplicates["variants"] = _move_keyed(
        VariantCondition, "variant_id", source, target
    )
    moved["therapy_links"], duplicates["therapy_links"] = _move_therapy_links(source, target, user)
    for model, record in _REVIEW_MODELS.items():
        name = f"{record}_links"
        moved[name], duplicates[name] = move_review_links(
            model, record, "condition", source, target
        )
    moved["subtypes"], duplicates["subtypes"] = _move_subtypes(source, target)
    moved["related"] = _move_many_to_many(source, target) + _move_other_rows(source, target)
    SlugRedirect.objects.filter(condition=source).update(condition=target)
    SlugRedirect.objects.update_or_create(old_slug=source.slug, defaults={"condition": target})
    moved["redirects"] = 1

    _merge_fields(source, target)
    target._history_user = user
    target._change_reason = change_reason(
        f"Merged {source.primary_id} ({source.name}) into this condition"
    )
    target.save()
    result = MergeResult(
        survivor_id=target.pk,
        merged_id=source.pk,
        merged_name=source.name,
        old_slug=source.slug,
        moved=moved,
        duplicates=duplicates,
    )
    source._history_user = user
    source._change_reason = change_reason(f"Merged into {target.primary_id} ({target.name})")
    source.delete()
    task_enqueue(task=search_reindex_task, args=("condition", [target.pk]))
    return result

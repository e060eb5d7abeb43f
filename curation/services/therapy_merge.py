"""Merge two therapy records that are one medicine: every row moves to the survivor.

The survivor keeps its own name, kinds and mechanism (an editor's record wins); the merged
record's links, their approvals, events, genes and variants, its trials, papers and guides move,
and its address (and any it redirected from) leads to the survivor.
A link the survivor already has for the same condition and source name takes the merged link's
approvals and events, and the merged link goes. Nothing is left pointing at the merged record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction

from curation.services.merge_rows import change_reason, move_review_links
from curation.services.therapy_rename import therapy_slug_moved
from knowledge.models import OrphanApproval, RegulatoryEvent, Therapy, TherapyLink
from literature.models import PublicationLink
from trials.models import TrialLink

_REVIEW_MODELS = {TrialLink: "trial", PublicationLink: "publication"}


class TherapyMergeError(ValueError):
    """Two therapy records that cannot be merged."""


@dataclass(frozen=True)
class TherapyMergeResult:
    survivor_id: int
    merged_name: str
    moved: Mapping[str, int]


def _fold_link(link: TherapyLink, twin: TherapyLink) -> None:
    """Move ``link``'s approvals, events, genes and variants to ``twin``; then delete it."""
    held = set(twin.orphan_approvals.values_list("source", "source_id"))
    for approval in OrphanApproval.objects.filter(link=link):
        if (approval.source, approval.source_id) not in held:
            approval.link = twin
            approval.save(update_fields=["link"])
    events = set(twin.regulatory_events.values_list("region", "kind", "date"))
    for event in RegulatoryEvent.objects.filter(link=link):
        if (event.region, event.kind, event.date) not in events:
            event.link = twin
            event.save()
    twin.genes.add(*link.genes.all())
    twin.variants.add(*link.variants.all())
    link.delete()


def _move_links(source: Therapy, target: Therapy, reason: str) -> tuple[int, int]:
    twins = {
        (link.condition_name, link.condition_id): link
        for link in TherapyLink.objects.filter(therapy=target)
    }
    moved = folded = 0
    for link in TherapyLink.objects.filter(therapy=source).order_by("pk"):
        link._change_reason = reason
        twin = twins.get((link.condition_name, link.condition_id))
        if twin is not None:
            _fold_link(link, twin)
            folded += 1
            continue
        link.therapy = target
        link.save()
        moved += 1
    return moved, folded


def _move_related(source: Therapy, target: Therapy) -> int:
    """Many-to-many rows (guides' related therapies) and rows of models added later (the
    record's old addresses)."""
    moved = 0
    for rel in Therapy._meta.related_objects:
        model = rel.related_model
        if model is TherapyLink or model in _REVIEW_MODELS:
            continue
        through = getattr(rel, "through", None)
        if rel.many_to_many and through is not None and through._meta.auto_created:
            own = next(f for f in through._meta.fields if f.related_model is Therapy)
            other = next(f for f in through._meta.fields if f.is_relation and f is not own)
            have = set(
                through.objects.filter(**{own.name: target}).values_list(other.attname, flat=True)
            )
            rows = through.objects.filter(**{own.name: source}).values_list(
                other.attname, flat=True
            )
            new = [through(**{own.attname: target.pk, other.attname: pk}) for pk in rows
                   if pk not in have]  # fmt: skip
            through.objects.bulk_create(new)
            moved += len(new)
        elif rel.one_to_many:
            moved += model._base_manager.filter(**{rel.field.name: source}).update(
                **{rel.field.name: target}
            )
    return moved


@transaction.atomic
def therapy_merge(*, source: Therapy, target: Therapy, why: str) -> TherapyMergeResult:
    """Merge ``source`` into ``target``; ``source`` is deleted, ``why`` goes into the history."""
    if source.pk == target.pk:
        raise TherapyMergeError("a therapy cannot be merged into itself")
    locked = Therapy.objects.select_for_update().in_bulk([source.pk, target.pk])
    if len(locked) != 2:
        raise TherapyMergeError("one of the therapies no longer exists")
    source, target = locked[source.pk], locked[target.pk]
    reason = change_reason(f"{source.name} merged into {target.name}: {why}")
    moved: dict[str, int] = {}
    moved["links"], moved["links folded"] = _move_links(source, target, reason)
    for model, record in _REVIEW_MODELS.items():
        moved[model._meta.model_name], _ = move_review_links(
            model, record, "therapy", source, target
        )
    moved["related"] = _move_related(source, target)
    source._change_reason = reason
    source.delete()
    therapy_slug_moved(therapy=target, old_slug=source.slug)
    target._change_reason = reason
    target.save()
    return TherapyMergeResult(target.pk, source.name, moved)

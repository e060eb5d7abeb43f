"""Rename a therapy record, keeping what readers hold of it: its old name stays one of its names
and its old address leads to it (a permanent redirect), as a merged record's address does.

An importer whose naming rules changed renames the records it made, never a name an editor set
(`name_set_by_editor`); an editor who changes a slug in the admin keeps the old address working.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from curation.services.merge_rows import change_reason
from knowledge.models import Therapy, TherapySlugRedirect
from knowledge.therapy_names import free_slug, name_as_stored

# Therapy.synonyms holds names of up to 120 characters.
SYNONYM_LENGTH = 120


class TherapyRenameError(ValueError):
    """A name the therapy cannot take."""


@dataclass(frozen=True)
class TherapyRenameResult:
    old_name: str
    old_slug: str
    name: str
    slug: str


def name_set_by_editor(*, therapy: Therapy) -> bool:
    """Whether a signed-in user gave the record its present name: the history row that last
    changed the name (or made the record) carries a user. A record without history was written
    in bulk, by no editor."""
    setter, previous = None, None
    rows = therapy.history.order_by("history_date", "history_id").values_list(
        "name", "history_user_id"
    )
    for name, user_id in rows:
        if name != previous:
            setter, previous = user_id, name
    return setter is not None


def with_former_name(synonyms: list[str], old_name: str) -> list[str]:
    """``synonyms`` with the name the record had: it stays one of its names (when it fits), so
    a reader who learnt it, and an importer that joins by it, still find the record."""
    if not old_name or old_name in synonyms or len(old_name) > SYNONYM_LENGTH:
        return list(synonyms)
    return [*synonyms, old_name]


def therapy_slug_moved(*, therapy: Therapy, old_slug: str) -> None:
    """``old_slug`` now leads to ``therapy``; the slug it holds now redirects nowhere."""
    TherapySlugRedirect.objects.filter(old_slug=therapy.slug).delete()
    if old_slug and old_slug != therapy.slug:
        TherapySlugRedirect.objects.update_or_create(
            old_slug=old_slug, defaults={"therapy": therapy}
        )


def _free_slug(name: str, therapy: Therapy) -> str:
    taken = set(Therapy.objects.exclude(pk=therapy.pk).values_list("slug", flat=True))
    taken |= set(
        TherapySlugRedirect.objects.exclude(therapy=therapy).values_list("old_slug", flat=True)
    )
    return free_slug(name, taken)


@transaction.atomic
def therapy_rename(*, therapy: Therapy, name: str, why: str) -> TherapyRenameResult:
    """Give ``therapy`` the name ``name`` and the slug it makes; ``why`` goes into the history."""
    therapy = Therapy.objects.select_for_update().get(pk=therapy.pk)
    name = name_as_stored(name)[:200]
    if not name or name == therapy.name:
        raise TherapyRenameError("the therapy already has this name")
    if Therapy.objects.filter(name=name).exclude(pk=therapy.pk).exists():
        raise TherapyRenameError("another therapy has this name")
    old_name, old_slug = therapy.name, therapy.slug
    therapy.name, therapy.slug = name, _free_slug(name, therapy)
    therapy.synonyms = with_former_name(therapy.synonyms, old_name)
    therapy._change_reason = change_reason(f"renamed from {old_name}: {why}")
    therapy.save()
    therapy_slug_moved(therapy=therapy, old_slug=old_slug)
    return TherapyRenameResult(old_name, old_slug, therapy.name, therapy.slug)

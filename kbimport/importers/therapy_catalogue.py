"""Therapies by active ingredient, for importers that bring many products (the FDA export).

A product whose active ingredient is already stored reuses that therapy, and so does a product
the export itself gives another generic name (therapy_products): one medicine, one record. A
therapy another source made (a curated one) is never changed: its name, modality and mechanism
win. Two stored records of one product (made before this rule) are merged, the curated one kept,
and a record this source made under older naming rules takes the name the rules give it now (its
old name stays one of its names, its old address redirects), unless an editor named it.
"""

from __future__ import annotations

import datetime as dt
import logging

from curation.services.therapy_merge import therapy_merge
from curation.services.therapy_rename import name_set_by_editor, therapy_rename
from ingest.rows import WriteOutcome
from kbimport.importers.common import ImportTally
from kbimport.importers.therapy_products import SameProduct, trade_names
from kbimport.sources.fda_orphan import OrphanApprovalRecord
from knowledge.models import Therapy, TherapyLink, TherapySlugRedirect
from knowledge.therapy_names import display_name, free_slug, ingredient_key, modality_from_name

MAX_SYNONYMS = 12
# Provenance.source_id's length: a longer generic name was cut to fit it.
SOURCE_ID_LENGTH = 120
# The run's count, for an editor (ImportTally.note).
TRADE_NAME_REMOVED = "trade name an editor removed kept out"
logger = logging.getLogger(__name__)


def _pk(therapy: Therapy) -> int:
    return therapy.pk


class TherapyCatalogue:
    """Stored therapies by ingredient key (names and synonyms), loaded once per import."""

    def __init__(
        self, *, source: str, retrieved: dt.date, products: SameProduct | None = None
    ) -> None:
        self.source = source
        self.retrieved = retrieved
        self.products = products or SameProduct({})
        self.apart: set[str] = set()
        self.by_key: dict[str, Therapy] = {}
        therapies = list(Therapy.objects.all())
        self.slugs = {t.slug for t in therapies}
        self.slugs |= set(TherapySlugRedirect.objects.values_list("old_slug", flat=True))
        self.names = {t.name for t in therapies}
        # Names before synonyms: a therapy's own name is the stronger claim on a key.
        for therapy in therapies:
            for synonym in therapy.synonyms:
                self.by_key.setdefault(ingredient_key(synonym), therapy)
        for therapy in therapies:
            self.by_key[ingredient_key(therapy.name)] = therapy

    def join_products(self, tally: ImportTally) -> None:
        """One stored therapy per product: records of one name key (a salt or an FDA suffix
        read since) or of one product of the export are merged into one, the curated record
        kept, else the oldest; every key of the product then points at it."""
        by_name: dict[str, list[Therapy]] = {}
        for therapy in sorted({t.pk: t for t in self.by_key.values()}.values(), key=_pk):
            by_name.setdefault(ingredient_key(therapy.name), []).append(therapy)
        for key, twins in by_name.items():
            if len(twins) > 1:
                self._join((key,), twins, tally)
        seen: set[tuple[str, ...]] = set()
        for keys in self.products.groups.values():
            if keys not in seen:
                seen.add(keys)
                stored = {self.by_key[k].pk: self.by_key[k] for k in keys if k in self.by_key}
                self._join(keys, sorted(stored.values(), key=_pk), tally)

    def _join(self, keys: tuple[str, ...], stored: list[Therapy], tally: ImportTally) -> None:
        curated = [t for t in stored if t.source != self.source]
        if len(curated) > 1:
            self.apart.update(keys)  # two editors' records: theirs to join, never this import's
            return
        if not stored:
            return
        keep = curated[0] if curated else stored[0]
        for other in stored:
            if other.pk == keep.pk:
                continue
            therapy_merge(source=other, target=keep, why="one product in the FDA export")
            logger.info("%s: %s merged into %s (one product)", self.source, other.name, keep.name)
            self.by_key = {k: keep if t.pk == other.pk else t for k, t in self.by_key.items()}
            self.names.discard(other.name)
            tally.add("Therapy merged (one product, two records)", WriteOutcome(0, 1, 0))
        for key in keys:
            self.by_key[key] = keep

    def rename_made(self, tally: ImportTally) -> None:
        """This source's records named by older rules take the name the rules give their
        generic name now ("vestronidase alfa-vjbk" -> "vestronidase alfa"); a name an editor
        set, a name another record holds and a generic name cut to fit (or none) are left."""
        for therapy in sorted({t.pk: t for t in self.by_key.values()}.values(), key=_pk):
            if therapy.source != self.source or len(therapy.source_id) >= SOURCE_ID_LENGTH:
                continue
            name = display_name(therapy.source_id)[:200]
            if not name or name == therapy.name or name in self.names:
                continue
            if name_set_by_editor(therapy=therapy):
                continue
            renamed = therapy_rename(
                therapy=therapy, name=name, why="the FDA import names it so now"
            )
            links = TherapyLink.objects.filter(therapy=therapy, source=self.source)
            for link in links.filter(source_id__startswith=f"{renamed.old_name} / "):
                link.source_id = f"{name}{link.source_id[len(renamed.old_name) :]}"[:120]
                link.save(update_fields=["source_id", "updated_at"])
            fresh = Therapy.objects.get(pk=therapy.pk)
            self.by_key = {k: fresh if t.pk == therapy.pk else t for k, t in self.by_key.items()}
            self.names = (self.names - {renamed.old_name}) | {name}
            self.slugs |= {fresh.slug, renamed.old_slug}
            logger.info("%s: %s renamed %s", self.source, renamed.old_name, name)
            tally.add("Therapy renamed (current naming rules)", WriteOutcome(0, 1, 0))

    def therapy_for(self, record: OrphanApprovalRecord, tally: ImportTally) -> Therapy:
        """The therapy of the record's active ingredient: found, or made from this source."""
        key = ingredient_key(record.generic_name)
        therapy = self.by_key.get(key)
        trade = trade_names(record.trade_name)
        if therapy is None:
            therapy = self._create(record, trade)
            keys = (key,) if key in self.apart else self.products.keys_of(key)
            for same in keys:
                self.by_key[same] = therapy
            tally.add("Therapy", WriteOutcome(1, 0, 0))
            return therapy
        if therapy.source != self.source:
            tally.add("Therapy (curated, kept)", WriteOutcome(0, 0, 1))
            return therapy
        self._add_trade_names(therapy, trade, tally)
        return therapy

    def _add_trade_names(self, therapy: Therapy, trade: list[str], tally: ImportTally) -> None:
        """Add the row's trade names the list never gave this therapy before. A name it gave
        that is gone was removed by an editor: it stays out (a rerun of the same list changes
        nothing), counted for an editor. ``file_values["synonyms"]``: the names the list gave
        (those the cap cut too)."""
        said = (therapy.file_values or {}).get("synonyms")
        said = list(said) if said is not None else []  # none kept (made before): as before
        room = max(0, MAX_SYNONYMS - len(therapy.synonyms))
        # Kept out: a name it gave that is gone (not the name an editor made the main one),
        # counted where it would fit (a name the cap cut is not an editor's removal).
        gone = [n for n in trade if n in said and n not in therapy.synonyms and n != therapy.name]
        if gone[:room]:
            tally.note(TRADE_NAME_REMOVED, len(gone[:room]))
        extra = [n for n in trade if n not in said and n not in therapy.synonyms]
        extra = [n for n in extra if n != therapy.name]
        added = extra[:room]
        # What the list gave: the names the record holds and those the cap cut, so a name cut
        # is not added later when an editor removes another.
        given = [n for n in trade if n not in said and (n in therapy.synonyms or n in extra)]
        file_values = {**(therapy.file_values or {}), "synonyms": [*said, *given]}
        if added:
            therapy.synonyms = [*therapy.synonyms, *added]
            therapy.file_values = file_values
            therapy.save(update_fields=["synonyms", "file_values", "updated_at"])
            tally.add("Therapy", WriteOutcome(0, 1, 0))
            return
        if file_values != therapy.file_values:  # bookkeeping alone: no history, not counted
            Therapy.objects.filter(pk=therapy.pk).update(file_values=file_values)
            therapy.file_values = file_values
        tally.add("Therapy", WriteOutcome(0, 0, 1))

    def _create(self, record: OrphanApprovalRecord, trade: list[str]) -> Therapy:
        name = display_name(record.generic_name)[:200]
        base = name
        counter = 2
        while name in self.names:
            name, counter = f"{base} ({counter})"[:200], counter + 1
        slug = free_slug(name, self.slugs)
        self.names.add(name)
        self.slugs.add(slug)
        modality = modality_from_name(record.generic_name, record.designation)
        return Therapy.objects.create(
            name=name,
            slug=slug,
            synonyms=trade[:MAX_SYNONYMS],
            modality=modality,
            mechanism="",
            # What this source said: a mechanism or kind an editor writes later is then
            # credited to them (knowledge.editor_values), not to the FDA list; a trade name an
            # editor removes stays out at the next run.
            file_values={"modality": modality, "mechanism": "", "synonyms": trade},
            notes="Added from the FDA orphan approvals list; no editor has described it yet.",
            source=self.source,
            source_id=record.generic_name[:SOURCE_ID_LENGTH],
            source_url="https://www.accessdata.fda.gov/scripts/opdlisting/oopd/index.cfm",
            retrieved_on=self.retrieved,
        )

"""Therapies by active ingredient, for importers that bring many products (the FDA export).

A product whose active ingredient is already stored reuses that therapy. A therapy another source
made (a curated one) is never changed: its name, modality and mechanism win.
"""

from __future__ import annotations

import datetime as dt

from django.utils.text import slugify

from ingest.rows import WriteOutcome
from kbimport.importers.common import ImportTally
from kbimport.sources.fda_orphan import OrphanApprovalRecord
from knowledge.models import Therapy
from knowledge.therapy_names import display_name, ingredient_key, modality_from_name

MAX_SYNONYMS = 12


def _trade_names(text: str) -> list[str]:
    """'Kymriah (tisagenlecleucel)' -> ['Kymriah']; 'Tecentriq and Avastin' -> two names."""
    cleaned = text.replace("(r)", "").replace("\u00ae", "")
    names = []
    for part in cleaned.replace(" and ", ";").replace("/", ";").split(";"):
        name = " ".join(part.split("(")[0].split())
        if name and len(name) <= 120 and name not in names:
            names.append(name)
    return names


class TherapyCatalogue:
    """Stored therapies by ingredient key (names and synonyms), loaded once per import."""

    def __init__(self, *, source: str, retrieved: dt.date) -> None:
        self.source = source
        self.retrieved = retrieved
        self.by_key: dict[str, Therapy] = {}
        therapies = list(Therapy.objects.all())
        self.slugs = {t.slug for t in therapies}
        self.names = {t.name for t in therapies}
        # Names before synonyms: a therapy's own name is the stronger claim on a key.
        for therapy in therapies:
            for synonym in therapy.synonyms:
                self.by_key.setdefault(ingredient_key(synonym), therapy)
        for therapy in therapies:
            self.by_key[ingredient_key(therapy.name)] = therapy

    def therapy_for(self, record: OrphanApprovalRecord, tally: ImportTally) -> Therapy:
        """The therapy of the record's active ingredient: found, or made from this source."""
        key = ingredient_key(record.generic_name)
        therapy = self.by_key.get(key)
        trade = _trade_names(record.trade_name)
        if therapy is None:
            therapy = self._create(record, trade)
            self.by_key[key] = therapy
            tally.add("Therapy", WriteOutcome(1, 0, 0))
            return therapy
        if therapy.source != self.source:
            tally.add("Therapy (curated, kept)", WriteOutcome(0, 0, 1))
            return therapy
        extra = [n for n in trade if n not in therapy.synonyms and n != therapy.name]
        if extra and len(therapy.synonyms) < MAX_SYNONYMS:
            therapy.synonyms = [*therapy.synonyms, *extra][:MAX_SYNONYMS]
            therapy.save(update_fields=["synonyms", "updated_at"])
            tally.add("Therapy", WriteOutcome(0, 1, 0))
        else:
            tally.add("Therapy", WriteOutcome(0, 0, 1))
        return therapy

    def _create(self, record: OrphanApprovalRecord, trade: list[str]) -> Therapy:
        name = display_name(record.generic_name)[:200]
        base = name
        counter = 2
        while name in self.names:
            name, counter = f"{base} ({counter})"[:200], counter + 1
        slug = root = slugify(name)[:180] or "therapy"
        counter = 2
        while slug in self.slugs:
            slug, counter = f"{root}-{counter}", counter + 1
        self.names.add(name)
        self.slugs.add(slug)
        return Therapy.objects.create(
            name=name,
            slug=slug,
            synonyms=trade[:MAX_SYNONYMS],
            modality=modality_from_name(record.generic_name, record.designation),
            mechanism="",
            notes="Added from the FDA orphan approvals list; no editor has described it yet.",
            source=self.source,
            source_id=record.generic_name[:120],
            source_url="https://www.accessdata.fda.gov/scripts/opdlisting/oopd/index.cfm",
            retrieved_on=self.retrieved,
        )

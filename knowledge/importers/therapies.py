"""Import the curated therapy candidates file into Therapy and TherapyLink rows.

A few dozen rows, so the ORM is used and each change is kept in the models' history. A link
finds its condition by ORPHA or OMIM id (cross-references included), else by an exact name or
synonym that names one condition only; its genes by symbol among the genes already stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils.text import slugify

from knowledge.importers.common import ImportTally, import_run
from knowledge.importers.resolve import ConditionIndex, GeneIndex, condition_names
from knowledge.importers.rows import WriteOutcome
from knowledge.models import Therapy, TherapyLink
from knowledge.therapy_file import (
    DEFAULT_THERAPY_FILE,
    TherapyLinkRecord,
    TherapyRecord,
    VariantRule,
    load_therapy_file,
)

TASK = "import_therapies"
logger = logging.getLogger(__name__)


def therapy_file_hash(path: Path = DEFAULT_THERAPY_FILE) -> str:
    """SHA-256 of the therapy file: a changed file means the import must run again."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def import_therapies(*, path: Path = DEFAULT_THERAPY_FILE) -> ImportTally:
    """Create or update every therapy and link of the file; report links left unmatched."""
    path = Path(path)
    records = load_therapy_file(path)
    header = json.loads(path.read_text(encoding="utf-8"))
    source = str(header["source"]["name"])[:80]
    retrieved = dt.date.fromisoformat(header["retrieved"])
    with import_run(TASK, f"sha256:{therapy_file_hash(path)}") as tally:
        conditions, names, genes = ConditionIndex(), condition_names(), GeneIndex()
        slugs = dict(Therapy.objects.values_list("slug", "name"))
        for record in records:
            tally.read += 1
            with transaction.atomic():
                therapy = _save_therapy(record, source, retrieved, slugs, tally)
                for link in record.links:
                    _save_link(therapy, link, source, retrieved, (conditions, names, genes), tally)
            tally.checkpoint()
    return tally


def _save(obj: models.Model, values: dict[str, Any], label: str, tally: ImportTally) -> bool:
    """Set ``values`` on ``obj`` and save only when something differs; count the outcome."""
    is_new = obj.pk is None
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if is_new or changed:
        obj.save()
    tally.add(label, WriteOutcome(int(is_new), int(bool(changed) and not is_new),
                                  int(not is_new and not changed)))  # fmt: skip
    return is_new or bool(changed)


def _save_therapy(
    record: TherapyRecord,
    source: str,
    retrieved: dt.date,
    slugs: dict[str, str],
    tally: ImportTally,
) -> Therapy:
    therapy = Therapy.objects.filter(name=record.name).first() or Therapy(name=record.name)
    if therapy.pk is None:
        slug = base = slugify(record.name)[:180] or "therapy"
        counter = 2
        while slug in slugs:
            slug, counter = f"{base}-{counter}", counter + 1
        slugs[slug] = record.name
        therapy.slug = slug
    _save(therapy, {
        "synonyms": list(record.synonyms), "modality": record.modality,
        "mechanism": record.mechanism_plain, "source": source, "source_id": record.name,
        "source_url": "", "retrieved_on": retrieved,
    }, "Therapy", tally)  # fmt: skip
    return therapy


def _rule(rule: VariantRule | None) -> dict[str, Any] | None:
    if rule is None:
        return None
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(rule).items()
            if v not in (None, (), [])}  # fmt: skip


def _verification(link: TherapyLinkRecord) -> str:
    parts = [link.verified]
    if link.notes:
        parts.append(link.notes)
    if link.regulatory_note:
        parts.append(f"Regulatory note: {link.regulatory_note} ({link.regulatory_note_source})")
    return "\n".join(parts)


def _find_condition(
    link: TherapyLinkRecord, conditions: ConditionIndex, names: dict[str, set[int]]
) -> int | None:
    for curie in link.condition_ids:
        pk = conditions.find(curie)
        if pk is not None:
            return pk
    matches = names.get(link.condition_name.casefold(), set())
    return next(iter(matches)) if len(matches) == 1 else None


def _save_link(
    therapy: Therapy,
    link: TherapyLinkRecord,
    source: str,
    retrieved: dt.date,
    lookups: tuple[ConditionIndex, dict[str, set[int]], GeneIndex],
    tally: ImportTally,
) -> None:
    conditions, names, genes = lookups
    condition = _find_condition(link, conditions, names)
    if condition is None:
        tally.skip("therapy link without a stored condition (kept, unlinked)")
        logger.info("%s: no stored condition for %r", TASK, link.condition_name)
    urls = [u for u in link.urls if len(u) <= 500]
    row = TherapyLink.objects.filter(therapy=therapy, condition_name=link.condition_name).first()
    row = row or TherapyLink(therapy=therapy, condition_name=link.condition_name)
    first_url = (
        urls[0]
        if urls
        else (f"https://pubmed.ncbi.nlm.nih.gov/{link.pmids[0]}/" if link.pmids else "")
    )
    _save(row, {
        "condition_id": condition, "status": link.status,
        "phase": str(link.phase) if link.phase else "",
        "approval_year_fda": link.approval_year_fda, "approval_year_ema": link.approval_year_ema,
        "evidence_level": link.evidence_level, "variant_scope": link.variant_scope or "",
        "variant_rule": _rule(link.variant_rules), "pmids": list(link.pmids),
        "nct_ids": list(link.nct_ids), "urls": urls, "verification": _verification(link),
        "source": source, "source_id": f"{therapy.name} / {link.condition_name}"[:120],
        "source_url": first_url, "retrieved_on": retrieved,
    }, "TherapyLink", tally)  # fmt: skip
    wanted = set()
    for symbol in link.genes:
        pk = genes.find(symbol=symbol)
        if pk is None:
            tally.skip("therapy gene not in database")
            logger.info("%s: gene %s not in database", TASK, symbol)
        else:
            wanted.add(pk)
    current = set(row.genes.values_list("pk", flat=True))
    if wanted - current:
        row.genes.add(*(wanted - current))
    tally.add("TherapyLink gene", WriteOutcome(len(wanted - current), 0, len(wanted & current)))

"""Import the curated therapy candidates file into Therapy and TherapyLink rows.

A few dozen rows, so the ORM is used and each change is kept in the models' history. A link
gets one row for every stored condition it names by ORPHA or OMIM id (cross-references
included), else one for an exact name or synonym that names one condition only; its genes are
found by symbol among the genes already stored.

A therapy whose name the file changed lists its earlier names under ``formerly``: the one stored
record this file made under such a name is renamed (its links, approvals, trials and guides stay;
its old address redirects), never a second record made beside it.

What an editor set in the admin since the file last wrote a record (a brand name removed, a
plainer mechanism, a corrected scope) stays: each field is merged three ways with what the file
said then (kept on the row as ``file_values``) by ``file_merge``; only the dated facts
(``LINK_DATED``) the file changed too are written over an editor's, and the run counts both.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.db import models, transaction

from curation.services.merge_rows import change_reason
from curation.services.therapy_merge import therapy_merge
from curation.services.therapy_rename import SYNONYM_LENGTH, name_set_by_editor, therapy_rename
from identifiers.urls import pubmed_url
from ingest.rows import WriteOutcome
from kbimport.importers.common import ImportTally, file_scope, import_run
from kbimport.importers.resolve import ConditionIndex, GeneIndex, condition_names
from kbimport.importers.therapy_event_rows import save_events
from kbimport.importers.therapy_rows import TASK, merge_row, save_row
from kbimport.therapy_file import (
    DEFAULT_THERAPY_FILE,
    TherapyLinkRecord,
    TherapyRecord,
    VariantRule,
    load_therapy_file,
)
from knowledge.models import Therapy, TherapyLink, TherapySlugRedirect
from knowledge.therapy_names import free_slug

# The facts that are the file's to date: when the file and an editor both changed one, the
# file's is written (approvals expire, labels narrow, trials move on). Everything else the file
# writes (a therapy's names, modality and plain mechanism; a link's evidence, scope, population
# and wording) stays as an editor set it, and the run counts the difference.
THERAPY_DATED: frozenset[str] = frozenset()
LINK_DATED = frozenset({"status", "phase", "approval_year_fda", "approval_year_ema"})
RENAMED = "the therapy file names it so now"
EDITOR_NAMED = "therapy name an editor set kept (the file's name is one of its names)"
TWIN = "a load wrote it again beside the record an editor renamed"
logger = logging.getLogger(__name__)


def import_therapies(*, path: Path = DEFAULT_THERAPY_FILE) -> ImportTally:
    """Create or update every therapy and link of the file; report links left unmatched."""
    path = Path(path)
    records = load_therapy_file(path)
    header = json.loads(path.read_text(encoding="utf-8"))
    source = str(header["source"]["name"])[:80]
    retrieved = dt.date.fromisoformat(header["retrieved"])
    with import_run(TASK, file_scope(path)) as tally:
        conditions, names, genes = ConditionIndex(), condition_names(), GeneIndex()
        slugs = dict(Therapy.objects.values_list("slug", "name"))
        slugs |= dict(TherapySlugRedirect.objects.values_list("old_slug", "therapy__name"))
        for record in records:
            tally.read += 1
            with transaction.atomic():
                therapy = _save_therapy(record, source, retrieved, slugs, tally)
                if therapy is None:
                    continue
                for link in record.links:
                    _save_link(therapy, record.name, link, source, retrieved,
                               (conditions, names, genes), tally)  # fmt: skip
            tally.checkpoint()
    return tally


def _written_under(source: str, keys: list[str]) -> models.Q:
    """Records this file wrote under one of ``keys`` (its source ids): by their key now, or by
    their history, whatever source or key an editor has given them since."""
    ever = Therapy.history.filter(source=source, source_id__in=keys).values("id")
    return models.Q(source=source, source_id__in=keys) | models.Q(pk__in=ever)


def _own_record(record: TherapyRecord, source: str, tally: ImportTally) -> Therapy | None:
    """The record this file wrote for the entry, found by its source id (the entry's name when
    written), whatever an editor has named or sourced it since; else the record of the
    entry's name."""
    own = list(Therapy.objects.filter(_written_under(source, [record.name])).order_by("pk"))
    if len(own) == 2 and sorted(t.name == record.name for t in own) == [False, True]:
        renamed, twin = sorted(own, key=lambda t: t.name == record.name)
        if not name_set_by_editor(therapy=twin):
            # A load before this rule missed the renamed record and wrote a twin: fold it in.
            therapy_merge(source=twin, target=renamed, why=TWIN)
            tally.add(
                "Therapy merged (a twin of a record an editor renamed)", WriteOutcome(0, 1, 0)
            )
            return Therapy.objects.get(pk=renamed.pk)
    if own:
        return own[0]
    return Therapy.objects.filter(name=record.name).first()


def _stored_under_former_names(
    record: TherapyRecord, source: str, therapy: Therapy | None
) -> list[Therapy]:
    """Records under the entry's former names, or that this file wrote under one of them."""
    if not record.formerly:
        return []
    written = _written_under(source, list(record.formerly))
    found = Therapy.objects.filter(models.Q(name__in=record.formerly) | written)
    found = found.exclude(pk=therapy.pk) if therapy is not None else found
    ours = set(found.filter(written).values_list("pk", flat=True))
    records = list(found)
    for row in records:
        row.written_by_file = row.pk in ours
    return records


def _former_record(found: list[Therapy]) -> Therapy | None:
    """Of the records stored under the entry's former names, the one this file wrote under
    one of them, or None: when none is stored, or two are (the file cannot say which it meant).
    A record another source made (the FDA's, an editor's) is not this file's."""
    if len(found) == 1 and found[0].written_by_file:
        return found[0]
    return None


def _named_by_file(therapy: Therapy, record: TherapyRecord) -> bool:
    """Whether the record still has a name this file gave it (an editor may have renamed it
    since: the file wrote it under its source id, and a name the file lists it has seen)."""
    return therapy.name in (therapy.source_id, *record.formerly)


def _save_therapy(
    record: TherapyRecord,
    source: str,
    retrieved: dt.date,
    slugs: dict[str, str],
    tally: ImportTally,
) -> Therapy | None:
    """The entry's stored record, created, renamed or updated; None when the file cannot say
    which of two stored records it renames (a third record would show the medicine twice).
    A name an editor gave the record stays: the file's name becomes one of its names."""
    therapy = _own_record(record, source, tally)
    found = _stored_under_former_names(record, source, therapy)
    if therapy is None and len(found) > 1:
        tally.skip("therapy with two stored records under former names (left for an editor)")
        logger.warning("%s: %d stored records hold former names of one therapy", TASK, len(found))
        return None
    former = _former_record(found)
    if former is not None and therapy is not None:
        # An import before the file named the change made a second record: fold it into the
        # other, unless the old one carries a name an editor gave it (that name stays).
        keep, fold = therapy, former
        if not _named_by_file(former, record) and therapy.name == record.name:
            keep, fold = former, therapy
        therapy_merge(source=fold, target=keep, why=RENAMED)
        therapy = Therapy.objects.get(pk=keep.pk)
        therapy._change_reason = change_reason(f"{fold.name} merged into it: {RENAMED}")
    elif former is not None and _named_by_file(former, record):
        done = therapy_rename(therapy=former, name=record.name, why=RENAMED)
        slugs[done.slug] = record.name
        therapy = Therapy.objects.get(pk=former.pk)
        therapy._change_reason = change_reason(f"renamed from {done.old_name}: {RENAMED}")
    elif former is not None:
        therapy = former
    therapy = therapy or Therapy(name=record.name)
    if therapy.pk is None:
        slug = free_slug(record.name, slugs)
        slugs[slug] = record.name
        therapy.slug = slug
    # Its former names stay names of it (a reader who learnt one still finds it).
    synonyms = list(record.synonyms)
    synonyms += [old for old in record.formerly
                 if old not in synonyms and len(old) <= SYNONYM_LENGTH]  # fmt: skip
    if therapy.name != record.name:
        # An editor renamed it: their name stays, the file's is one of its names, and the
        # run counts the difference for an editor to settle in the file.
        synonyms += [record.name] if record.name not in synonyms else []
        tally.note(EDITOR_NAMED)
        therapy._change_reason = change_reason(
            f"the therapy file names it {record.name}; the name an editor gave it stays"
        )
    merged = merge_row(therapy, {
        "synonyms": synonyms, "modality": record.modality, "mechanism": record.mechanism_plain,
    }, THERAPY_DATED, tally)  # fmt: skip
    save_row(therapy, merged.values | {
        "source": source, "source_id": record.name, "source_url": "", "retrieved_on": retrieved,
    }, "Therapy", tally, touched=former is not None, file_values=merged.file_values)  # fmt: skip
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


def _note(link: TherapyLinkRecord) -> str:
    """What pages show beside the status: the source's notes and its regulatory note."""
    return " ".join(n for n in (link.notes, link.regulatory_note) if n)


def _find_conditions(
    link: TherapyLinkRecord,
    conditions: ConditionIndex,
    names: dict[str, set[int]],
    tally: ImportTally,
) -> list[int | None]:
    """Every stored condition the link names by id (in file order), else one by exact name."""
    found = [conditions.find(curie) for curie in link.condition_ids]
    # Two ids may name one condition (ORPHA and its OMIM cross-reference): one row each.
    wanted: list[int | None] = list(dict.fromkeys(pk for pk in found if pk is not None))
    if wanted:
        missing = found.count(None)
        if missing:
            tally.skip("therapy link condition id not in database (others linked)", missing)
        return wanted
    matches = names.get(link.condition_name.casefold(), set())
    if len(matches) == 1:
        return [next(iter(matches))]
    tally.skip("therapy link without a stored condition (kept, unlinked)")
    logger.info("%s: no stored condition for %r", TASK, link.condition_name)
    return [None]


def _link_rows(
    therapy: Therapy, link: TherapyLinkRecord, wanted: list[int | None], source: str
) -> tuple[list[TherapyLink], list[TherapyLink]]:
    """The rows for ``wanted`` conditions (existing or new), and this file's rows left over."""
    rows = list(
        TherapyLink.objects.filter(therapy=therapy, condition_name=link.condition_name).order_by(
            "pk"
        )
    )
    by_condition = {row.condition_id: row for row in rows}
    # A row this file made for a condition the link no longer names is re-pointed, not
    # duplicated: its history then shows the move (as the one-row-per-link import did).
    spare = [r for r in rows if r.condition_id not in wanted and r.source == source]
    chosen = []
    for pk in wanted:
        row = by_condition.get(pk) or (spare.pop(0) if spare else None)
        chosen.append(row or TherapyLink(therapy=therapy, condition_name=link.condition_name))
    return chosen, spare


def _save_link(
    therapy: Therapy,
    entry: str,
    link: TherapyLinkRecord,
    source: str,
    retrieved: dt.date,
    lookups: tuple[ConditionIndex, dict[str, set[int]], GeneIndex],
    tally: ImportTally,
) -> None:
    conditions, names, genes = lookups
    wanted = _find_conditions(link, conditions, names, tally)
    rows, leftover = _link_rows(therapy, link, wanted, source)
    for row in leftover:
        row.delete()
    # A removal is a change: counted as updated, under its own label in the breakdown.
    tally.add("TherapyLink removed", WriteOutcome(0, len(leftover), 0))
    urls = [u for u in link.urls if len(u) <= 500]
    first_url = urls[0] if urls else (pubmed_url(link.pmids[0]) if link.pmids else "")
    gene_ids = set()
    for symbol in link.genes:
        pk = genes.find(symbol=symbol)
        if pk is None:
            tally.skip("therapy gene not in database")
            logger.info("%s: gene %s not in database", TASK, symbol)
        else:
            gene_ids.add(pk)
    says = {
        "status": link.status, "phase": str(link.phase) if link.phase else "",
        "approval_year_fda": link.approval_year_fda, "approval_year_ema": link.approval_year_ema,
        "evidence_level": link.evidence_level, "variant_scope": link.variant_scope or "",
        "variant_rule": _rule(link.variant_rules), "pmids": list(link.pmids),
        "nct_ids": list(link.nct_ids), "urls": urls, "verification": _verification(link),
        "population": link.population or "", "not_confirmed": dict(link.not_confirmed),
        "citations": {pmid: dict(known) for pmid, known in link.citations},
        "mechanism": link.mechanism_plain or "", "note": _note(link),
    }  # fmt: skip
    for row, condition in zip(rows, wanted, strict=True):
        merged = merge_row(row, says, LINK_DATED, tally)
        provenance = {"source": source, "source_url": first_url, "retrieved_on": retrieved}
        if (merged.kept or merged.differ) and row.pk and row.source not in ("", source):
            # An editor's values stay on a row they gave a source of their own: so does the
            # source (the file's would present their wording as the file's fact).
            provenance = {}
        save_row(row, merged.values | provenance | {
            "condition_id": condition, "source_id": f"{entry} / {link.condition_name}"[:120],
        }, "TherapyLink", tally, file_values=merged.file_values)  # fmt: skip
        save_events(row, link, source, retrieved, tally)
        current = set(row.genes.values_list("pk", flat=True))
        if gene_ids - current:
            row.genes.add(*(gene_ids - current))
        tally.add(
            "TherapyLink gene", WriteOutcome(len(gene_ids - current), 0, len(gene_ids & current))
        )

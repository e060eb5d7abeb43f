"""Import the FDA orphan approvals export: one therapy per active ingredient, one link per
condition an approved indication names, each approval kept with its date and labelled text.

A therapy already in the knowledge base under the same active ingredient (a curated one) is
reused and left as curated; an approval for a condition it is already curated for joins that
link. An indication matched to one condition links at once; an ambiguous one stays unlinked with
its candidate conditions for the editors; an editor's choice is never undone by a re-import.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ingest.rows import WriteOutcome
from kbimport.importers.common import (
    ImportTally,
    batched,
    file_scope,
    import_run,
    keep_records,
    progress_bar,
)
from kbimport.importers.therapy_catalogue import TherapyCatalogue
from kbimport.indications import Match, NameIndex
from kbimport.sources.fda_orphan import OrphanApprovalRecord, iter_orphan_approvals
from knowledge.models import (
    ApprovalStatus,
    Condition,
    ConditionGene,
    ConditionSubtype,
    ConditionSynonym,
    EvidenceLevel,
    IndicationMatch,
    OrphanApproval,
    ReviewStatus,
    SynonymKind,
    Therapy,
    TherapyLink,
)
from knowledge.orphan_links import orphan_link_sync

TASK = "import_fda_orphan"
SOURCE = "FDA Orphan Drug Designations and Approvals"
LISTING_URL = "https://www.accessdata.fda.gov/scripts/opdlisting/oopd/index.cfm"
DETAIL_URL = (
    "https://www.accessdata.fda.gov/scripts/opdlisting/oopd/detailedIndex.cfm?cfgridkey={key}"
)
DEFAULT_FILE = Path(__file__).resolve().parent.parent / "data" / "fda_orphan_approvals_2022-01.csv"
# The bundled copy's download date (PROVENANCE.md); a fresh download is dated the day it is read.
DEFAULT_RETRIEVED = dt.date(2022, 1, 7)
BATCH = 100
UNMATCHED = "indication matched no condition (kept, unlinked)"
TO_REVIEW = "indication matched several conditions (kept, waiting for review)"
_LEAD = re.compile(
    r"^(?:for )?(?:the )?(?:treatment|prevention|prophylaxis|management)(?: and \w+)? of "
    r"(?:patients with )?",
    re.IGNORECASE,
)
logger = logging.getLogger(__name__)


@dataclass
class OrphanImport:
    """The run's tally, and how the approvals' indications matched conditions."""

    tally: ImportTally
    matches: Counter[str] = field(default_factory=Counter)

    def match_line(self) -> str:
        """'1057 approvals: 400 linked at once, 77 to review, 580 unmatched'."""
        linked = self.matches["exact"] + self.matches["unique"]
        return (
            f"{sum(self.matches.values())} approved indications: {linked} linked to a condition "
            f"at once ({self.matches['exact']} exact, {self.matches['unique']} unique), "
            f"{self.matches['ambiguous']} to review, {self.matches['none']} matched nothing, "
            f"{self.matches['editor']} kept as an editor chose"
        )


def name_index() -> NameIndex:
    """Every condition's name, synonyms and capitals abbreviations, for indication matching;
    groups with their members and genes with their conditions give the editors candidates."""
    synonyms = ConditionSynonym.objects.values_list("condition_id", "text", "kind")
    return NameIndex.build(
        Condition.objects.values_list("pk", "name"),
        [(pk, text) for pk, text, kind in synonyms if kind != SynonymKind.ABBREVIATION],
        [(pk, text) for pk, text, kind in synonyms if kind == SynonymKind.ABBREVIATION],
        groups=Condition.objects.filter(is_group=True).values_list("pk", flat=True),
        subtypes=ConditionSubtype.objects.values_list("parent_id", "child_id"),
        genes=ConditionGene.objects.values_list("condition_id", "gene__symbol"),
    )


def import_fda_orphan(
    *, path: Path = DEFAULT_FILE, retrieved: dt.date | None = None
) -> OrphanImport:
    """Create or update every approval of the export, its therapy and its condition link."""
    path = Path(path)
    retrieved = retrieved or (DEFAULT_RETRIEVED if path == DEFAULT_FILE else timezone.localdate())
    with import_run(TASK, file_scope(path)) as tally, progress_bar("FDA orphan") as progress:
        result = OrphanImport(tally)
        index, catalogue = name_index(), TherapyCatalogue(source=SOURCE, retrieved=retrieved)
        for batch in batched(iter_orphan_approvals(path, progress), BATCH):
            with transaction.atomic():
                touched: set[int] = set()
                for record in keep_records(batch, OrphanApprovalRecord, tally):
                    touched |= _import_one(record, index, catalogue, retrieved, result)
                links_refresh(link_ids=touched, tally=tally)
            tally.checkpoint()
            logger.info("%s: %d rows read", TASK, tally.read)
        # A product renamed or merged since the last run leaves its old therapy with no link.
        emptied, _ = Therapy.objects.filter(source=SOURCE, links__isnull=True).delete()
        tally.add("Therapy removed (no approval left)", _outcome(updated=emptied))
    return result


def _condition_name(designation: str) -> str:
    name = _LEAD.sub("", designation.strip()).rstrip(". ")
    return (name[:1].upper() + name[1:])[:300] or designation[:300]


def _import_one(
    record: OrphanApprovalRecord,
    index: NameIndex,
    catalogue: TherapyCatalogue,
    retrieved: dt.date,
    result: OrphanImport,
) -> set[int]:
    """Write one approval; return the ids of the links it touched (for their status)."""
    therapy = catalogue.therapy_for(record, result.tally)
    existing = list(OrphanApproval.objects.filter(source=SOURCE, source_id=record.source_id))
    decided = [a for a in existing if a.review_status != ReviewStatus.AUTO]
    if decided:
        # An editor chose (or rejected) the condition: keep it, refresh only the source text.
        match = Match(IndicationMatch.EDITOR, decided[0].matched_text)
        links = [a.link for a in decided]
    else:
        match = index.match(record.designation, record.indication)
        wanted = list(match.conditions) if match.kind in ("exact", "unique") else [None]
        links = [_link_for(therapy, pk, record, retrieved, result.tally) for pk in wanted]
    result.matches[match.kind] += 1
    if match.kind == "ambiguous":
        result.tally.skip(TO_REVIEW)
    elif match.kind == "none":
        result.tally.skip(UNMATCHED)
    touched = {a.link_id for a in existing}
    keep = {link.pk for link in links}
    stale = [a for a in existing if a.link_id not in keep]
    for approval in stale:
        approval.delete()
    result.tally.add("OrphanApproval removed", _outcome(updated=len(stale)))
    for link in links:
        _save_approval(record, link, match, retrieved, existing, result.tally)
    return touched | keep


def _outcome(created: int = 0, updated: int = 0, unchanged: int = 0) -> WriteOutcome:
    return WriteOutcome(created, updated, unchanged)


def _link_for(
    therapy: Therapy,
    condition_id: int | None,
    record: OrphanApprovalRecord,
    retrieved: dt.date,
    tally: ImportTally,
) -> TherapyLink:
    """The curated link for this therapy and condition, else this source's own (made if new)."""
    if condition_id is not None:
        curated = (
            TherapyLink.objects.filter(therapy=therapy, condition_id=condition_id)
            .exclude(source=SOURCE)
            .order_by("pk")
            .first()
        )
        if curated is not None:
            return curated
        found = TherapyLink.objects.filter(
            therapy=therapy, condition_id=condition_id, source=SOURCE
        ).first()
    else:
        found = TherapyLink.objects.filter(
            therapy=therapy,
            condition=None,
            condition_name=_condition_name(record.designation),
            source=SOURCE,
        ).first()
    if found is not None:
        return found
    link = TherapyLink.objects.create(
        therapy=therapy,
        condition_id=condition_id,
        condition_name=_condition_name(record.designation),
        status=ApprovalStatus.APPROVAL_ENDED if record.withdrawn else ApprovalStatus.FDA_APPROVED,
        approval_year_fda=None if record.withdrawn else record.approved_on.year,
        evidence_level=EvidenceLevel.REGULATORY_APPROVAL,
        source=SOURCE,
        source_id=f"{therapy.name} / {_condition_name(record.designation)}"[:120],
        source_url=DETAIL_URL.format(key=record.grid_key) if record.grid_key else LISTING_URL,
        urls=[LISTING_URL],
        retrieved_on=retrieved,
    )
    tally.add("TherapyLink", _outcome(created=1))
    return link


def _save_approval(
    record: OrphanApprovalRecord,
    link: TherapyLink,
    match: Match,
    retrieved: dt.date,
    existing: list[OrphanApproval],
    tally: ImportTally,
) -> None:
    approval = next((a for a in existing if a.link_id == link.pk), None)
    is_new = approval is None
    approval = approval or OrphanApproval(link=link, source=SOURCE, source_id=record.source_id)
    values = {
        "generic_name": record.generic_name[:300],
        "trade_name": record.trade_name[:300],
        "designation": record.designation,
        "designated_on": record.designated_on,
        "indication": record.indication,
        "approved_on": record.approved_on,
        "withdrawn": record.withdrawn,
        "sponsor": record.sponsor[:200],
        "source_url": DETAIL_URL.format(key=record.grid_key) if record.grid_key else LISTING_URL,
        "retrieved_on": retrieved,
    }
    if match.kind != IndicationMatch.EDITOR:
        values |= {"match": match.kind, "matched_text": match.matched_text[:300]}
    changed = [k for k, v in values.items() if getattr(approval, k) != v]
    for key in changed:
        setattr(approval, key, values[key])
    if is_new or changed:
        approval.save()
    tally.add("OrphanApproval", _outcome(int(is_new), int(bool(changed) and not is_new),
                                         int(not is_new and not changed)))  # fmt: skip
    if match.kind == "ambiguous":
        approval.candidates.set(match.conditions)
    elif match.kind != IndicationMatch.EDITOR and not is_new:
        approval.candidates.clear()


def links_refresh(*, link_ids: set[int], tally: ImportTally) -> None:
    """This source's links: status, year and US events from their approvals; empty ones go."""
    links = TherapyLink.objects.filter(pk__in=link_ids, source=SOURCE).prefetch_related(
        "orphan_approvals"
    )
    for link in links:
        counts = orphan_link_sync(link=link, source=SOURCE)
        tally.add("TherapyLink + US events", _outcome(counts["created"], counts["updated"],
                                                      counts["unchanged"]))  # fmt: skip
        tally.add("removed (link or event)", _outcome(updated=counts["deleted"]))


def orphan_counts_line() -> str:
    """'conditions with at least one approved therapy: N (M FDA orphan links)', the figure of
    the issue's done-when, counted with the one approval rule (approved_now)."""
    approved = TherapyLink.objects.approved_now().filter(condition__isnull=False)
    conditions = approved.values("condition_id").distinct().count()
    fda = approved.filter(source=SOURCE).count()
    return f"conditions with at least one approved therapy: {conditions} ({fda} FDA orphan links)"

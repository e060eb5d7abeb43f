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
from collections import Counter, defaultdict
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
from kbimport.importers.therapy_products import same_products
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
# Raised when the import joins rows to therapies differently, so an install loaded before imports
# the same file again (2: one product the export names two ways is one therapy, its stored twin
# merged into it; see therapy_products; 3: a therapy it made under older naming rules takes the
# name the rules give now, "vestronidase alfa-vjbk" -> "vestronidase alfa", its old slug redirects).
RULES_VERSION = 3
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


def run_scope(path: Path) -> str:
    """The run scope of an import of ``path``: the file and the rules it was imported with."""
    return f"{file_scope(path)} rules {RULES_VERSION}"


def import_fda_orphan(
    *, path: Path = DEFAULT_FILE, retrieved: dt.date | None = None
) -> OrphanImport:
    """Create or update every approval of the export, its therapy and its condition link."""
    path = Path(path)
    retrieved = retrieved or (DEFAULT_RETRIEVED if path == DEFAULT_FILE else timezone.localdate())
    with import_run(TASK, run_scope(path)) as tally, progress_bar("FDA orphan") as progress:
        result = OrphanImport(tally)
        rows = (r for r in iter_orphan_approvals(path) if isinstance(r, OrphanApprovalRecord))
        catalogue = TherapyCatalogue(
            source=SOURCE, retrieved=retrieved, products=same_products(rows)
        )
        catalogue.join_products(tally)
        catalogue.rename_made(tally)
        index = name_index()
        book = _LinkBook()
        for batch in batched(iter_orphan_approvals(path, progress), BATCH):
            with transaction.atomic():
                touched: set[int] = set()
                records = list(keep_records(batch, OrphanApprovalRecord, tally))
                stored = _stored_approvals(records)
                for record in records:
                    existing = stored.pop(record.source_id, None)
                    if existing is None:  # a repeated row: read what the first one wrote
                        existing = _stored_approvals([record]).get(record.source_id, [])
                    touched |= _import_one(
                        record, existing, index, catalogue, book, retrieved, result
                    )
                book.forget(links_refresh(link_ids=touched, tally=tally))
            tally.checkpoint()
            logger.info("%s: %d rows read", TASK, tally.read)
        # A product renamed or merged since the last run leaves its old therapy with no link.
        emptied, _ = Therapy.objects.filter(source=SOURCE, links__isnull=True).delete()
        tally.add("Therapy removed (no approval left)", _outcome(updated=emptied))
    return result


def _condition_name(designation: str) -> str:
    name = _LEAD.sub("", designation.strip()).rstrip(". ")
    return (name[:1].upper() + name[1:])[:300] or designation[:300]


class _LinkBook:
    """Every stored link by therapy and condition, read once per import (a query per row made
    most of the import's time); links this import makes or removes are noted as it goes."""

    def __init__(self) -> None:
        self.by_condition: dict[tuple[int, int], list[TherapyLink]] = defaultdict(list)
        self.unlinked: dict[tuple[int, str], TherapyLink] = {}
        for link in TherapyLink.objects.order_by("pk"):
            self.add(link)

    def add(self, link: TherapyLink) -> None:
        if link.condition_id is not None:
            self.by_condition[(link.therapy_id, link.condition_id)].append(link)
        elif link.source == SOURCE:
            self.unlinked.setdefault((link.therapy_id, link.condition_name), link)

    def find(self, therapy: Therapy, condition_id: int | None, name: str) -> TherapyLink | None:
        """A curated link for the pair first (the oldest), else this source's own."""
        if condition_id is None:
            return self.unlinked.get((therapy.pk, name))
        links = self.by_condition.get((therapy.pk, condition_id), [])
        curated = next((link for link in links if link.source != SOURCE), None)
        return curated or next((link for link in links if link.source == SOURCE), None)

    def forget(self, link_ids: set[int]) -> None:
        if not link_ids:
            return
        for links in self.by_condition.values():
            links[:] = [link for link in links if link.pk not in link_ids]
        for key in [k for k, link in self.unlinked.items() if link.pk in link_ids]:
            del self.unlinked[key]


def _stored_approvals(records: list[OrphanApprovalRecord]) -> dict[str, list[OrphanApproval]]:
    """This source's stored approvals of ``records`` by source id, with their candidates, in
    one query (every id present, [] when new)."""
    found: dict[str, list[OrphanApproval]] = {r.source_id: [] for r in records}
    approvals = OrphanApproval.objects.filter(source=SOURCE, source_id__in=list(found))
    for approval in approvals.prefetch_related("candidates").order_by("pk"):
        found[approval.source_id].append(approval)
    return found


def _import_one(
    record: OrphanApprovalRecord,
    existing: list[OrphanApproval],
    index: NameIndex,
    catalogue: TherapyCatalogue,
    book: _LinkBook,
    retrieved: dt.date,
    result: OrphanImport,
) -> set[int]:
    """Write one approval; return the ids of the links it touched (for their status)."""
    therapy = catalogue.therapy_for(record, result.tally)
    decided = [a for a in existing if a.review_status != ReviewStatus.AUTO]
    if decided:
        # An editor chose (or rejected) the condition: keep it, refresh only the source text.
        match = Match(IndicationMatch.EDITOR, decided[0].matched_text)
        links = [a.link for a in decided]
    else:
        match = index.match(record.designation, record.indication)
        wanted = list(match.conditions) if match.kind in ("exact", "unique") else [None]
        links = [_link_for(therapy, pk, record, book, retrieved, result.tally) for pk in wanted]
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
    book: _LinkBook,
    retrieved: dt.date,
    tally: ImportTally,
) -> TherapyLink:
    """The curated link for this therapy and condition, else this source's own (made if new)."""
    found = book.find(therapy, condition_id, _condition_name(record.designation))
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
        # What this step writes of the facts an editor may set (not the status, which
        # orphan_link_sync rewrites): a value an editor sets later is credited to them.
        file_values={**dict.fromkeys(("mechanism", "population", "variant_scope", "note",
                                      "phase"), ""),
                     "evidence_level": EvidenceLevel.REGULATORY_APPROVAL.value},
    )  # fmt: skip
    tally.add("TherapyLink", _outcome(created=1))
    book.add(link)
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
    # Candidates were prefetched for stored approvals: write them only when they change.
    had = set() if is_new else {c.pk for c in approval.candidates.all()}
    if match.kind == "ambiguous":
        if had != set(match.conditions) or is_new:
            approval.candidates.set(match.conditions)
    elif match.kind != IndicationMatch.EDITOR and had:
        approval.candidates.clear()


def links_refresh(*, link_ids: set[int], tally: ImportTally) -> set[int]:
    """This source's links: status, year and US events from their approvals; empty ones go.
    Returns the ids of the links removed."""
    links = TherapyLink.objects.filter(pk__in=link_ids, source=SOURCE).prefetch_related(
        "orphan_approvals"
    )
    removed: set[int] = set()
    for link in links:
        link_id = link.pk
        counts = orphan_link_sync(link=link, source=SOURCE)
        if link.pk is None:  # deleted: no approval left
            removed.add(link_id)
        tally.add("TherapyLink + US events", _outcome(counts["created"], counts["updated"],
                                                      counts["unchanged"]))  # fmt: skip
        tally.add("removed (link or event)", _outcome(updated=counts["deleted"]))
    return removed


def orphan_counts_line() -> str:
    """'conditions with at least one approved therapy: N (M FDA orphan links)', the figure of
    the issue's done-when, counted with the one approval rule (approved_now)."""
    approved = TherapyLink.objects.approved_now().filter(condition__isnull=False)
    conditions = approved.values("condition_id").distinct().count()
    fda = approved.filter(source=SOURCE).count()
    return f"conditions with at least one approved therapy: {conditions} ({fda} FDA orphan links)"

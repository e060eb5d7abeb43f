"""One line per name on a results page: the records of one disease under several sources' ids,
and the HPO sign that bears a condition's name, shown as the condition's line.

Orphanet, OMIM and DECIPHER often hold one disease each ("Sotos syndrome" three times), and HPO
names some signs as the disease is named ("Hashimoto thyroiditis"): a family saw the same name
two or three times in a row. An entry of another source with the very name of one Orphanet
disease (not a group) is that disease under another id (`orphanet_twins`, the rule the
description panel shows one entry per name by, `treatments.describe.prior`); its line is the
Orphanet one, the page a family reads, and the other records are listed on it (`Hit.also`, a
link each). A sign of a condition's very name joins that condition's line the same way. The
counts stay exact: every record counted is still on the page, on its twin's line.

Across pages (`elsewhere`, `across_pages`): a twin whose line record (the Orphanet disease, or
the one condition a sign is named as) also matches the query but ranks on another page is shown
on that record's line, wherever the record stands, and not again on its own: one extra look-up
of those few ids, only when a page holds a name another page holds too.

A sign whose name a condition's title ends with after a comma ("Crohn's disease" and OMIM's
"Inflammatory bowel disease 1, Crohn disease") is another name, not a twin: the condition is
moved to just before the sign, as a family typing the name wants the condition first.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable
from dataclasses import replace
from typing import TypeVar

from search import lexicon
from search.keys import same_name_rows
from search.name_forms import EPONYM_NEXT
from search.request import Hit
from search.text import phrase_form

K = TypeVar("K", bound=Hashable)
_CONDITION = "condition"
_SIGN = "phenotype"


def orphanet_twins(entries: Iterable[tuple[K, str, bool, bool]]) -> dict[K, K]:
    """Entry -> the one Orphanet disease (not a group) whose name it has, for entries of another
    source: the same disease under two ids. `entries`: (key, name, is Orphanet's, is a group)."""
    rows = list(entries)
    orphanet: dict[str, list[K]] = {}
    for key, name, is_orphanet, is_group in rows:
        if is_orphanet and not is_group:
            orphanet.setdefault(name.lower(), []).append(key)
    return {
        key: diseases[0]
        for key, name, is_orphanet, _ in rows
        if not is_orphanet and len(diseases := orphanet.get(name.lower(), [])) == 1
    }


def line_records(_current: lexicon.Lexicon) -> dict[str, str]:
    """Record id -> the id of the record whose line it is shown on, over the whole index (built
    once per lexicon, `Lexicon.derived`, as the indexer renews the lexicon after a write): an
    OMIM or DECIPHER twin -> its Orphanet disease; a sign -> the Orphanet disease of its very
    name, else the one condition of that name (several, none of them Orphanet's: the page
    decides, as `one_line_per_name` does)."""
    rows = same_name_rows((_CONDITION, _SIGN))
    conditions = [row for row in rows if row[0] == _CONDITION]
    line = orphanet_twins(
        (curie, title, curie.startswith("ORPHA:"), is_group)
        for _type, curie, title, is_group in conditions
    )
    named: dict[str, list[str]] = {}
    for _type, curie, title, _group in conditions:
        named.setdefault(phrase_form(title), []).append(line.get(curie, curie))
    for doc_type, curie, title, _group in rows:
        if doc_type == _SIGN and len(held := set(named.get(phrase_form(title), ()))) == 1:
            line[curie] = held.pop()
    return line


def elsewhere(hits: list[Hit]) -> set[str]:
    """The ids the page's names are held by off the page: the line record of a twin on it, the
    twins of a line record on it. Empty (no look-up) for nearly every page."""
    current = lexicon.current()
    line, members = current.derived(line_records), current.derived(_records_by_line)
    wanted: set[str] = set()
    for record in {line.get(hit.id, hit.id) for hit in hits}:
        if record in members:
            wanted |= {record, *members[record]}
    return wanted - {hit.id for hit in hits}


def _records_by_line(current: lexicon.Lexicon) -> dict[str, list[str]]:
    members: dict[str, list[str]] = {}
    for record, shown_on in current.derived(line_records).items():
        members.setdefault(shown_on, []).append(record)
    return members


def across_pages(hits: list[Hit], matched: Collection[Hit]) -> list[Hit]:
    """The page with each name on its line record's line across pages: a twin whose line record
    matched on another page is left to that line; a line record here lists its twins that
    matched on other pages (`matched`: the records of `elsewhere` that match the query)."""
    if not matched:
        return hits
    line = lexicon.current().derived(line_records)
    found = {hit.id for hit in matched}
    page = [hit for hit in hits if line.get(hit.id) not in found]
    joining: dict[str, list[Hit]] = {}
    for twin in matched:
        if (record := line.get(twin.id)) is not None:
            joining.setdefault(record, []).append(twin)
    return [
        replace(hit, also=(*hit.also, *joining[hit.id])) if hit.id in joining else hit
        for hit in page
    ]


def one_line_per_name(hits: list[Hit]) -> list[Hit]:
    """The page's hits with each twin on the line of the record it is shown as (at the place
    the first of them held), and a condition before a sign that bears its name."""
    conditions = [(i, hit) for i, hit in enumerate(hits) if hit.doc_type == _CONDITION]
    shown_as = orphanet_twins(
        (i, hit.name, hit.id.startswith("ORPHA:"), bool(hit.extra.get("is_group")))
        for i, hit in conditions
    )
    by_name: dict[str, int] = {}
    for i, hit in conditions:
        by_name.setdefault(phrase_form(hit.name), shown_as.get(i, i))
    for i, hit in enumerate(hits):
        if hit.doc_type == _SIGN and (line := by_name.get(phrase_form(hit.name))) is not None:
            shown_as[i] = line
    if not shown_as:
        return _conditions_before_signs(hits)
    joined: dict[int, list[Hit]] = {}
    for i, line in sorted(shown_as.items()):
        joined.setdefault(line, []).append(hits[i])
    first = {line: min(line, *(i for i, to in shown_as.items() if to == line)) for line in joined}
    places = {place: line for line, place in first.items()}
    page = []
    for i, hit in enumerate(hits):
        if i in places:  # the first place of a name held twice: its line, its twins on it
            line = places[i]
            page.append(replace(hits[line], also=(*hits[line].also, *joined[line])))
        elif i not in shown_as and i not in joined:
            page.append(hit)
    return _conditions_before_signs(page)


def _conditions_before_signs(hits: list[Hit]) -> list[Hit]:
    """A condition whose title ends with a sign's name after a comma, moved to just before
    that sign when the sign ranks above it: a name ("... disease", "... syndrome") written as
    one, with a capital (one pair in the default install: "Crohn's disease")."""
    page = list(hits)
    for hit in hits:
        if hit.doc_type != _SIGN:
            continue
        name = phrase_form(hit.name)
        if name.rpartition(" ")[2] not in EPONYM_NEXT:
            continue  # "Bilateral", "Childhood onset" end titles as qualifiers, not as names
        ending = [
            c
            for c in page[page.index(hit) + 1 :]
            if c.doc_type == _CONDITION and _named_ending(c.name) == name
        ]
        if ending:
            page = [h for h in page if h not in ending]
            place = page.index(hit)
            page[place:place] = ending
    return page


def _named_ending(title: str) -> str | None:
    """The name a title ends with after a comma when written as a name ("..., Crohn disease"),
    not a sign listed in lower case ("..., defective cellular immunity, nephrotic syndrome")."""
    head, _, part = title.rpartition(",")
    part = part.strip()
    return phrase_form(part) if head and part[:1].isupper() else None

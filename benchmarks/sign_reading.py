"""How many of the signs a family description was written to say the reader reads (issue 17).

Run: PYTHONPATH=$PWD XDG_RUNTIME_DIR=var/run nice -n 19 .venv/bin/python \
        benchmarks/sign_reading.py --judged benchmarks/judged_descriptions_tuning24.json
        [--no-everyday] [--no-meaning] [--quiet]
Reads every description of a judged file that records "meant" (the HPO ids of the signs its
writer meant, e.g. judged_descriptions_tuning24.json) with the panel's own reader
(`signs_for_text`, everyday rows included unless `--no-everyday`, then the meaning reader's
signs for the clauses it read nothing from, unless `--no-meaning`) and sorts each meant sign:

- exact: that term was read;
- near: a narrower term was read, or its parent or grandparent when that is a sign and not a
  grouping class ("Spastic paraplegia" for "Progressive spastic paraplegia");
- coarse: only a further ancestor, or a grouping class, was read ("Muscle weakness" for "Foot
  dorsiflexor weakness"): the right line of HPO, too broad to tell conditions apart;
- misread / missed: nothing on the sign's line was read. The reader's signs that fit no meant
  sign ("extra") are paired with these: while both remain, a meant sign counts as misread (its
  words probably gave the extra term), the rest as missed (nothing read). The pairing is by
  count, not by word: each item prints the extra terms with the words that gave them.

Each extra term also names the reader that produced it (`reader_of`): an everyday row, an HPO
label or synonym, a derived phrasing (a rule of `derive`, lab words dropped, "X problems"), or
the meaning reader.

Read right = exact + near. Negated signs and a relative's signs are not counted as read.
Prints each item, the totals per split, then one line of JSON. Read-only. The held-out file
is refused: it is never read item by item.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

CLOSE_STEPS = 2  # a parent or grandparent still names the sign (as description_misses.py)
# HPO names its grouping classes so ("Abnormality of the face", "Abnormal skin morphology").
GROUPING = ("Abnormal ", "Abnormality ", "Aplasia/Hypoplasia ")
STATES = ("exact", "near", "coarse", "misread", "missed")


@dataclass
class Reading:
    """One description's meant signs sorted by how they were read, and the extra reads."""

    meant: dict[str, str] = field(default_factory=dict)  # meant HPO id -> state
    via: dict[str, str] = field(default_factory=dict)  # meant HPO id -> the read term used
    extra: list[str] = field(default_factory=list)  # read HPO ids fitting no meant sign

    def counts(self) -> Counter:
        counts = Counter(self.meant.values())
        counts["meant"] = len(self.meant)
        counts["extra"] = len(self.extra) - counts["misread"]
        return counts


def reading_sort(
    meant: list[str], read: list[str], relation: Callable[[str, str], str | None]
) -> Reading:
    """Sort the meant signs by what was read. `relation(meant, read)` says how a read term
    stands to a meant one: "exact", "near", "coarse" or None (not on its line)."""
    out = Reading()
    read = list(dict.fromkeys(read))
    used: set[str] = set()  # one read term accounts for one meant sign
    for state in ("exact", "near", "coarse"):
        for m in meant:
            if m in out.meant:
                continue
            hit = next((r for r in read if r not in used and relation(m, r) == state), None)
            if hit is not None:
                out.meant[m] = state
                out.via[m] = hit
                used.add(hit)
    # A second term on a meant sign's line ("Ataxia" beside "Gait ataxia") is not extra.
    out.extra = [r for r in read if all(relation(m, r) is None for m in meant)]
    unread = [m for m in meant if m not in out.meant]
    for n, m in enumerate(unread):
        out.meant[m] = "misread" if n < len(out.extra) else "missed"
    out.meant = {m: out.meant[m] for m in meant}
    return out


# The derived phrasings' sources start so (treatments/describe/derive.py and lexicon.py).
_DERIVED = ("HPO name ", "HPO term ", "HPO label ", "HPO label or synonym, ")
_EVERYDAY = ("https://", "HPO synonym ", "HPO layperson synonym ", "HPO definition ", "RareLabs ")


def reader_of(source: str) -> str:
    """Which reader a sign came from, by its source: "everyday", "HPO name", "derived" or
    "meaning"."""
    if source.startswith("nearest in meaning"):
        return "meaning"
    if source == "HPO label or synonym":
        return "HPO name"
    if source.startswith(_EVERYDAY):
        return "everyday"
    return "derived" if source.startswith(_DERIVED) else "other"


def hpo_relation(index) -> Callable[[str, str], str | None]:
    """`relation` over the phenotype index's is_a closure."""
    position = index.hpo_position

    def parents(term: int) -> set[int]:
        strict = set(index.ancestors[term].tolist()) - {term}
        above: set[int] = set()
        for a in strict:
            above.update(set(index.ancestors[a].tolist()) - {a})
        return strict - above

    def steps_up(term: int, ancestor: int) -> int:
        level, steps = {term}, 0
        while ancestor not in level:
            level = set().union(*(parents(t) for t in level))
            steps += 1
        return steps

    def relation(meant: str, read: str) -> str | None:
        if meant == read:
            return "exact"
        m, r = position.get(meant), position.get(read)
        if m is None or r is None:
            return None
        if m in set(index.ancestors[r].tolist()):
            return "near"  # narrower than meant
        if r not in set(index.ancestors[m].tolist()):
            return None
        if index.names[r].startswith(GROUPING) or steps_up(m, r) > CLOSE_STEPS:
            return "coarse"
        return "near"

    return relation


def _items(path: Path) -> list[dict]:
    if "heldout" in path.name:
        raise SystemExit("the held-out descriptions are not read item by item")
    items = json.loads(path.read_text(encoding="utf-8"))["queries"]
    return [q for q in items if q.get("kind") == "description" and q.get("meant")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--judged", type=Path, action="append", required=True)
    parser.add_argument("--no-everyday", action="store_true", help="HPO names and synonyms only")
    parser.add_argument("--no-meaning", action="store_true", help="without the meaning reader")
    parser.add_argument("--quiet", action="store_true", help="totals only")
    args = parser.parse_args()

    from rarelabs.startup import preflight

    preflight()
    import django

    django.setup()
    from treatments.describe.meaning import meaning_signs
    from treatments.describe.selectors import signs_for_text
    from treatments.phenotypes import phenotype_index_get

    index = phenotype_index_get()
    relation = hpo_relation(index)

    def name(hpo_id: str) -> str:
        i = index.hpo_position.get(hpo_id)
        return index.names[i] if i is not None else hpo_id

    per_split: dict[str, Counter] = {}
    for path in args.judged:
        for item in _items(path):
            signs = signs_for_text(text=item["q"], include_everyday=not args.no_everyday)
            if not args.no_meaning:  # as the panel reads a description (selectors)
                signs = signs + meaning_signs(item["q"], signs)
            own = [s for s in signs if not s.negated and not s.relative]
            words = {s.hpo_id: s.words for s in own}
            readers = {s.hpo_id: reader_of(s.source) for s in own}
            reading = reading_sort(item["meant"], [s.hpo_id for s in own], relation)
            counts = reading.counts()
            split = per_split.setdefault(item.get("split", path.stem), Counter())
            split.update(counts)
            split["items"] += 1
            if args.quiet:
                continue
            right = counts["exact"] + counts["near"]
            print(f"\n{item.get('draw', '')} {item['condition']}: {right}/{counts['meant']} right")
            print(f"  {item['q']!r}")
            for m, state in reading.meant.items():
                got = reading.via.get(m)
                how = f" <- {name(got)} ({words[got]!r})" if got and state != "exact" else ""
                print(f"  {state:>7} {name(m)}{how}")
            for r in reading.extra:
                print(f"    extra {name(r)} ({words[r]!r}, {readers[r]})")
    total: Counter = Counter()
    print(f"\n{'split':<12}{'items':>6}{'meant':>6}" + "".join(f"{s:>8}" for s in STATES), end="")
    print(f"{'extra':>7}{'right':>7}")
    for split, c in [*sorted(per_split.items()), ("all", total)]:
        if split != "all":
            total.update(c)
        right = (c["exact"] + c["near"]) / c["meant"] if c["meant"] else 0.0
        row = "".join(f"{c[s]:>8}" for s in STATES)
        print(f"{split:<12}{c['items']:>6}{c['meant']:>6}{row}{c['extra']:>7}{right:>7.3f}")
    print(json.dumps({"sign_reading": {s: dict(c) for s, c in per_split.items()} | {"all": total}}))


if __name__ == "__main__":
    main()

"""Why the commoner conditions' judged descriptions miss the top 3 of the family panel.

Run: nice .venv/bin/python benchmarks/commoner_misses.py [--judged FILE ...] [--all] [--show]
Reads the description items of the tuning files (judged_descriptions_tuning17/18/19/22/24/25/27
and the tuning splits of judged_queries.json by default; the held-out file, tuning26, tuning28
and the splits `reported` and `fresh` are refused: they are never read item by item) and keeps
those whose judged Orphanet condition is "commoner" as the draws define it
(`heldout_draw.py --commoner`: a headline point prevalence of 1-9 / 100 000 or more, or an
unknown headline with such a point or birth statement); `--all` keeps every item. Each miss at
3 gets one class, the first that applies:

- twin: the judged id is a subtype the panel shows as its disease (description_misses' (s)),
  or one of the top 3 is the judged disease under another id or a subtype or parent of it;
- too few: no sign, or one, was read (and every one fits);
- misread: a sign was read that the judged condition does not list (nor within two steps up),
  and it is not a meant sign (files with `meant` HPO ids; otherwise printed, judged by hand);
- list lacks: such a sign is a meant one: read right, the condition's lists lack it;
- listed coarser: every unfit sign has its parent or grandparent listed (description_misses'
  (b2));
- prior reads rare: outranked, and the judged entry's prevalence prior is below the commoner
  class (an OMIM twin without the Orphanet class, or a class the prior does not read);
- sign mass: outranked, and named_share_penalty separates the first from the judged by 0.5 or
  more;
- rarer, specific sign: outranked by a condition with a lower prior that wins on the signs;
- other: outranked otherwise (the separating parts are printed).

The "read:" line lists every sign the panel used, the meaning reader's included; the fit
classes come from description_misses, which reads the phrase table's signs only (a sign only
the meaning reader read, "cloudy spots in the front of the eyes" as Vitreous floaters, is
judged by hand). Read-only against the configured database. Ends with the counts.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import description_misses as dm  # noqa: E402, I001  (first: sets up Django)
from benchmarks.heldout_draw import _common_q, _unknown_headline_q  # noqa: E402
from knowledge.models import Condition, ConditionIdentifier, ConditionSubtype  # noqa: E402
from search.describers import is_own_sign  # noqa: E402
from treatments.describe.prior import PRIOR_WEIGHT  # noqa: E402
from treatments.describe.selectors import description_read  # noqa: E402

HERE = Path(__file__).resolve().parent
TUNING_FILES = [HERE / f"judged_descriptions_tuning{n}.json" for n in (17, 18, 19, 22, 24, 25, 27)]
NEVER_READ = ("heldout", "tuning26", "tuning28")
NEVER_SPLITS = {"reported", "fresh"}
# The prior of the commoner class's floor, 1-9 / 100 000 read as its middle.
COMMONER_PRIOR = PRIOR_WEIGHT * math.log10(5e-5)


def items_of(paths: list[Path]) -> list[dict]:
    """The description items of the tuning files (never a held-out or confirmation one)."""
    out = []
    for path in paths:
        if any(word in path.name for word in NEVER_READ):
            raise SystemExit(f"{path.name} is not read item by item")
        items = json.loads(path.read_text(encoding="utf-8"))["queries"]
        out.extend(
            q for q in items if q["kind"] == "description" and q.get("split") not in NEVER_SPLITS
        )
    return out


def commoner_ids() -> set[str]:
    """ORPHA codes of the conditions either commoner pool of the draws holds."""
    pool = Condition.objects.filter(primary_id__startswith="ORPHA:", is_group=False)
    return set(
        pool.filter(_common_q() | _unknown_headline_q()).values_list("primary_id", flat=True)
    )


def _related(pks: set[int]) -> set[int]:
    """The judged entries' twins: subtypes, parents and entries sharing an OMIM id."""
    links = ConditionSubtype.objects.filter(child_id__in=pks) | ConditionSubtype.objects.filter(
        parent_id__in=pks
    )
    out = set(pks)
    for child, parent in links.values_list("child_id", "parent_id"):
        out.update((child, parent))
    omim = ConditionIdentifier.objects.filter(condition_id__in=pks, scheme="OMIM")
    values = set(omim.values_list("value", flat=True))
    primary = {f"OMIM:{v}" for v in values}
    out.update(Condition.objects.filter(primary_id__in=primary).values_list("id", flat=True))
    shared = ConditionIdentifier.objects.filter(scheme="OMIM", value__in=values)
    out.update(shared.values_list("condition_id", flat=True))
    return out


def classify(item: dict) -> tuple[int | None, str | None, dm.Miss | None, list[str]]:
    """The panel rank, the class of a miss (None when found at 3), its record and notes."""
    described = description_read(query=item["q"])
    ids = [c.id for c in described.conditions] if described else []
    rank = next((i + 1 for i, cid in enumerate(ids) if cid in item["expected"]), None)
    if rank is not None and rank <= 3:
        return rank, None, None, []
    _, miss = dm.analyse(item, include_everyday=True)
    expected = dm._expected_pks(item["expected"])
    notes = [f"panel: {'; '.join(f'{c.id} {c.name}' for c in described.conditions[:3])}"]
    signs = [s for s in described.signs if is_own_sign(s)] if described else []
    notes.append("read: " + "; ".join(f"{s.words} = {s.name}" for s in signs))
    top_pks = set(Condition.objects.filter(primary_id__in=ids[:3]).values_list("id", flat=True))
    meant = set(item.get("meant", ()))
    if miss.cls == "s" or top_pks & (_related(expected) - expected):
        return rank, "twin", miss, notes
    if not signs or (len(signs) < 2 and miss.cls in "ac"):
        return rank, "too few", miss, notes
    if miss.cls == "b2":
        return rank, "listed coarser", miss, notes
    if miss.cls == "b1":
        unfit = [u for u in miss.unfit if "no close term" in u]
        notes.append("unfit: " + "; ".join(unfit))
        if not meant:
            return rank, "misread or list lacks (by hand)", miss, notes
        by_name = {s.name: s.hpo_id for s in signs}
        unfit_ids = {by_name.get(u.split(" = ", 1)[1].split(" (")[0]) for u in unfit}
        if unfit_ids - meant:
            return rank, "misread", miss, notes
        return rank, "list lacks", miss, notes
    if miss.judged is None:
        return rank, "other", miss, [*notes, "judged condition not ranked"]
    if miss.judged.parts["prevalence"] < COMMONER_PRIOR - 0.01:  # parts are rounded
        return rank, "prior reads rare", miss, notes
    first = miss.top[0]
    parts = dm.separating(miss)
    notes.append("separating: " + ", ".join(parts))
    if "sign mass" in parts:
        return rank, "sign mass", miss, notes
    if "signs" in parts and first.parts["prevalence"] < miss.judged.parts["prevalence"]:
        return rank, "rarer, specific sign", miss, notes
    return rank, "other", miss, notes


def main() -> None:
    """Classify the commoner items' misses at 3; print each (with --show) and the counts."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--judged", type=Path, action="append", help="files (default: tuning)")
    parser.add_argument("--all", action="store_true", help="every item, not only commoner ones")
    parser.add_argument("--show", action="store_true", help="print each miss in detail")
    args = parser.parse_args()
    items = items_of(args.judged or [*TUNING_FILES, dm.JUDGED])
    commoner = commoner_ids()
    chosen = [q for q in items if args.all or set(q["expected"]) & commoner]
    per_split: dict[str, Counter] = {}
    classes: Counter = Counter()
    for item in chosen:
        rank, cls, miss, notes = classify(item)
        counts = per_split.setdefault(item.get("split", ""), Counter())
        counts["n"] += 1
        counts["s@1"] += rank == 1
        counts["s@3"] += rank is not None and rank <= 3
        if cls is None:
            continue
        classes[cls] += 1
        if args.show:
            print(f"\n[{cls}] {item.get('split')}: {item['q']!r} ({item.get('condition')}) "
                  f"judged rank {miss.rank}")  # fmt: skip
            for note in notes:
                print(f"  {note}")
            dm._print(miss)
    total: Counter = Counter()
    print("\nsplit          n  s@1  s@3")
    for split, c in [*sorted(per_split.items()), ("all", total)]:
        if split != "all":
            total.update(c)
        print(f"{split:<12}{c['n']:>4} {c['s@1']:>4} {c['s@3']:>4}")
    print("misses at 3 by class:")
    for cls, count in classes.most_common():
        print(f"  {cls}: {count}")
    print(json.dumps({"splits": per_split, "classes": classes}))


if __name__ == "__main__":
    main()

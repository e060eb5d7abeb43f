"""Draw pasted trial titles for splits trialtitles39 (tuning) and trialtitles39-held (issue 17, H39).

trialtitles40-held (H40, all held out) reran the same rule on another source:
    ... benchmarks/trial_title_draw.py ctg-studies.csv,ctg-studies-completed.csv \
        --seed 40 --held trialtitles40-held --held-size 1000
the two files of rohanramnarain/Trial2Vec-main-2 at commit 8dfd2b56 (ClinicalTrials.gov search
exports: 558 records, 'NCT Number', 'Study Title' = the brief title, 'Conditions' joined by '|').
Every drawn title is held; those judging a condition no earlier trial_title item judged come first.

Run: PYTHONPATH=$PWD XDG_RUNTIME_DIR=var/run nice -n 19 .venv/bin/python \
        benchmarks/trial_title_draw.py TRIALS_JSON [--seed 39]
TRIALS_JSON is redcreekpartners/rna-clinical-trials data/trials.json at commit 16a3900a (generated
2026-09-21 from the ClinicalTrials.gov API v2: 501 records, each with the study's NCT id `n`, its
briefTitle `t` and its conditionsModule.conditions `c`; trials/record.py of that repository
copies them unchanged). Reads the loaded knowledge base (read only) and ranks nothing.

The rule, decided before any search ran on the titles:
- a record whose NCT id appears in no benchmarks/*.json file (judged nowhere before);
- each conditions-field entry, or the entry without a trailing "(...)" abbreviation, equal to an
  Orphanet 2025-12 name or Orphanet synonym held by the knowledge base (case, hyphens and spacing
  aside); an entry that is only a capital abbreviation ("ALS", "PDR") is not read alone;
- a record is judged by every entry it resolves, with the OMIM entries the base maps to it exactly
  (E) and the disease a clinical subtype is classified under, never by what the search answers;
- records sorted by NCT id, shuffled with random.Random(seed), at most three per condition (the
  set of Orphanet codes a record resolves to), in draw order;
- the held-out split takes, in draw order, the conditions no earlier trial_title item judged until
  it holds 32 titles; every other drawn title (including each condition an earlier trial split
  judged) is tuning;
- then, by single condition, not by the set a record resolves to: a held title that shares any
  condition with a tuning title is tuning. The first draw split by the set, so three held
  'Beta-Thalassemia' titles (ORPHA:848: NCT06065189, NCT06024876, NCT06479616) shared their
  condition with tuning titles judged ORPHA:848 and 707786 (NCT03655678, NCT04208529,
  NCT05356195), on which the Greek-letter reading was tuned; the review (MH39) moved them to
  tuning. No held-out condition is in the tuning split.

Ids already judged are those every benchmarks/*.json file held when the draw ran: a split or file
numbered as this draw or later (trialtitles39* and trialtitles40-held for the 39 draw,
trialtitles40* for the 40 one) is left out, so a rerun prints the splits judged_queries.json holds.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HELD_SIZE = 32
PER_CONDITION = 3
ABBREVIATION = re.compile(r"^[A-Z0-9]{2,6}$")


def _norm(text: str) -> str:
    text = re.sub(r"[-\u2010\u2011]", " ", text.replace("\u2019", "'").lower())
    return re.sub(r"\s+", " ", text).strip()


def judged_before(own: str) -> tuple[set[str], set[str]]:
    """NCT ids named in any judged file, and every id an earlier trial_title item expects, as
    they stood when the draw of split `own` ran ("trialtitles39", "trialtitles40-held").

    Its own items and those of later splits or files (a number as high or higher) are no
    earlier judgement of it: without them a rerun reproduces."""
    number = _number(own)
    if number is None:
        raise ValueError(f"a drawn split is named with its session's number: {own!r}")
    ncts: set[str] = set()
    queries = json.loads((REPO / "benchmarks/judged_queries.json").read_text(encoding="utf-8"))
    earlier = [item for item in queries["queries"] if not _since(item.get("split", ""), number)]
    for path in (REPO / "benchmarks").glob("*.json"):
        if path.name == "judged_queries.json":
            text = json.dumps({**queries, "queries": earlier})
        elif _since(path.stem, number):
            continue
        else:
            text = path.read_text(encoding="utf-8")
        ncts |= set(re.findall(r"NCT\d{8}", text))
    expected = {
        code for item in earlier if item.get("kind") == "trial_title" for code in item["expected"]
    }
    return ncts, expected


def _number(name: str) -> int | None:
    """The session number a split or file is named with ("trialtitles40-held": 40)."""
    match = re.search(r"\d+", name)
    return int(match[0]) if match else None


def _since(name: str, number: int) -> bool:
    """Was split or file `name` made by the draw numbered `number` or after it?"""
    made = _number(name)
    return made is not None and made >= number


def orphanet_names() -> dict[str, set[int]]:
    from knowledge.models import Condition, ConditionSynonym

    names: dict[str, set[int]] = {}
    for condition in Condition.objects.filter(primary_id__startswith="ORPHA:"):
        names.setdefault(_norm(condition.name), set()).add(condition.pk)
    synonyms = ConditionSynonym.objects.filter(
        condition__primary_id__startswith="ORPHA:", source__icontains="orphanet"
    )
    for synonym in synonyms:
        names.setdefault(_norm(synonym.text), set()).add(synonym.condition_id)
    return names


def resolve(entries: list[str], names: dict[str, set[int]]) -> set[int]:
    found: set[int] = set()
    for entry in entries:
        if ABBREVIATION.match(entry.strip()):
            continue
        bare = re.sub(r"\s*\([^()]*\)\s*$", "", entry)
        for form in (entry, bare):
            if _norm(form) in names:
                found |= names[_norm(form)]
                break
    return found


def expected_ids(condition_pks: set[int]) -> list[str]:
    from knowledge.models import Condition
    from knowledge.models.conditions import ConditionSubtype

    codes: list[str] = []
    for condition in Condition.objects.filter(pk__in=condition_pks).order_by("primary_id"):
        codes.append(condition.primary_id)
        codes += [
            f"OMIM:{i.value}"
            for i in condition.identifiers.all()
            if i.scheme == "OMIM" and i.mapping.startswith("E (")
        ]
        if condition.disorder_type.lower().startswith("clinical subtype"):
            parents = ConditionSubtype.objects.filter(child=condition, relation="classification")
            codes += [link.parent.primary_id for link in parents.select_related("parent")]
    return list(dict.fromkeys(codes))


def _drawn(
    records: list[dict], seed: int, split: str, *, titled_only: bool
) -> tuple[list[dict], Counter[frozenset[int]]]:
    """The pool resolved to Orphanet conditions, shuffled by the seed, at most PER_CONDITION per
    condition set; each item's expected ids and whether an earlier split judged them."""
    ncts, earlier = judged_before(split)
    names = orphanet_names()
    pool = []
    for record in sorted(records, key=lambda r: r["n"]):
        pks = resolve(record["c"], names) if record["n"] not in ncts else set()
        title = record.get("t", "")
        if pks and (title.strip() or not titled_only):
            pool.append({"nct": record["n"], "title": title, "pks": pks})
    random.Random(seed).shuffle(pool)
    per_condition: Counter[frozenset[int]] = Counter()
    drawn = []
    for item in pool:
        key = frozenset(item["pks"])
        if per_condition[key] < PER_CONDITION:
            per_condition[key] += 1
            item["expected"] = expected_ids(item["pks"])
            item["seen"] = bool(set(item["expected"]) & earlier)
            drawn.append(item)
    return drawn, per_condition


def draw(records: list[dict], seed: int) -> list[dict]:
    # The 39 draw kept records without a title: kept so that a rerun prints the same splits.
    drawn, per_condition = _drawn(records, seed, "trialtitles39", titled_only=False)
    held_keys: set[frozenset[int]] = set()
    held = 0
    for item in drawn:
        key = frozenset(item["pks"])
        if not item["seen"] and held < HELD_SIZE and key not in held_keys:
            held_keys.add(key)
            held += per_condition[key]
        item["split"] = "trialtitles39-held" if key in held_keys else "trialtitles39"
    return _held_apart(drawn)


def _held_apart(drawn: list[dict]) -> list[dict]:
    """Move to tuning each held item that shares a single condition with a tuning item."""
    tuned = {pk for item in drawn if item["split"] == "trialtitles39" for pk in item["pks"]}
    for item in drawn:
        if item["split"] == "trialtitles39-held" and item["pks"] & tuned:
            item["split"] = "trialtitles39"
    return drawn


def csv_records(path: str) -> list[dict]:
    """Records of a ClinicalTrials.gov search export (CSV): 'Study Title' is the brief title."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        {"n": row["NCT Number"], "t": row["Study Title"], "c": row["Conditions"].split("|")}
        for row in rows
    ]


def draw_held(records: list[dict], seed: int, split: str, size: int) -> list[dict]:
    """One held-out split (trialtitles40-held): conditions no earlier trial_title item judged first.

    Same pool, resolution and at-most-three-per-condition rule as draw(); the drawn titles whose
    conditions no earlier trial_title item judged come first (draw order), then, while the split
    holds fewer than `size`, the others in draw order."""
    drawn, _ = _drawn(records, seed, split, titled_only=True)
    for item in drawn:
        item["split"] = split
    unseen = [item for item in drawn if not item["seen"]]
    seen = [item for item in drawn if item["seen"]]
    return unseen + seen[: max(0, size - len(unseen))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trials_json")
    parser.add_argument("--seed", type=int, default=39)
    parser.add_argument("--held", help="draw only this held-out split (trialtitles40-held)")
    parser.add_argument("--held-size", type=int, default=40)
    args = parser.parse_args()
    from rarelabs.startup import preflight

    preflight()
    import django

    django.setup()
    paths = args.trials_json.split(",")
    if paths[0].endswith(".csv"):
        records = [record for path in paths for record in csv_records(path)]
    else:
        records = json.loads(Path(paths[0]).read_text(encoding="utf-8"))["records"]
    drawn = (
        draw_held(records, args.seed, args.held, args.held_size)
        if args.held
        else draw(records, args.seed)
    )
    for item in drawn:
        seen = "seen" if item["seen"] else "new"
        print(item["split"], item["nct"], seen, " ".join(item["expected"]), item["title"], sep="\t")


if __name__ == "__main__":
    main()

"""The family ranking's weights, re-scored on every tuning description without a search trip.

Run: nice .venv/bin/python benchmarks/family_weights.py [--vary NAME=v1,v2 ...]
        [--cache FILE] [--per-file] [--check]

Reads every description of the tuning files (benchmarks/judged_descriptions_tuning*.json) and
the judged set's description splits once with the real reader (`description_read`'s own steps:
the phrase table, the meaning reader, the person described), keeps what was read (`--cache`
stores it between runs), then ranks the family panel again in-process for each setting of the
weights with the live ranking's own functions (`treatments/describe/family_rank`: the parts a
description gives, `family_ranking` at a `FamilyWeights`, the panel's lines by `shown_once`), so
it cannot add the parts up otherwise than the page does. success@1 / @3 is the judged
condition's line among the ten, as `description_misses.py` counts it (the panel only, not the
ordinary hits after it).

Halves (R36): A chooses, B and C confirm. A = tuning17, 19, 24, 26, 28, 32, 34 and unknown27;
B = the other tuning files; C = the judged set's description splits. `--vary` names one or two
weights (a grid over their product): the FamilyWeights fields (prior, coverage, sign_mass,
min_named_signs, boy, alternative_cost, set_cost) and the family RankWeights fields
(frequency_weight, broader_penalty, unmatched_cap, ...). `--check` compares the panel at today's
weights with the one `description_read` showed when the readings were taken (the cache keeps it).
The held-out file is refused: it is never read item by item. Read-only against the configured
database.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from collections import Counter
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

if __name__ == "__main__":  # run as a script; a test imports it with Django set up
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

    from rarelabs.startup import preflight

    preflight()

    import django

    django.setup()

from knowledge.models import Condition, Phenotype  # noqa: E402
from search.describers import SignFound, is_own_sign  # noqa: E402
from treatments.describe import meaning, prior, selectors  # noqa: E402
from treatments.describe.family_rank import (  # noqa: E402
    TODAYS_WEIGHTS,
    DescriptionParts,
    FamilyWeights,
    description_parts,
    family_ranking,
    shown_once,
)
from treatments.describe.selectors import MAX_CONDITIONS  # noqa: E402
from treatments.phenotypes import phenotype_index_get  # noqa: E402
from treatments.phenotypes.scoring import RankWeights  # noqa: E402

BENCH = Path(__file__).resolve().parent
HALF_A = (
    "tuning17", "tuning19", "tuning24", "tuning26", "tuning28", "tuning32", "tuning34",
    "unknown27",
)  # fmt: skip
JUDGED_SPLITS = (
    "session3", "session4", "session11", "session12", "session13", "reported", "fresh", "tuning",
)  # fmt: skip
# A setting names FamilyWeights fields (prior, coverage, sign_mass, ...) or RankWeights ones.
FAMILY_FIELDS = {f.name for f in fields(FamilyWeights)} - {"rank"}
RANK_FIELDS = {f.name for f in fields(RankWeights)}


@dataclass(frozen=True)
class Reading:
    """One judged description as the reader read it, and the panel `description_read` showed."""

    split: str
    text: str
    expected: frozenset[str]
    signs: tuple[SignFound, ...]  # empty when the text is not read as a description
    used: tuple[int, ...]
    excluded: tuple[int, ...]
    sets: tuple[tuple[str, tuple[str, ...]], ...]
    panel: tuple[str, ...]


def half_of(split: str) -> str:
    if split in HALF_A:
        return "A"
    return "C" if split in JUDGED_SPLITS else "B"


def judged_items() -> list[dict]:
    """Every description of the tuning files and the judged set's description splits."""
    items = []
    for path in sorted(BENCH.glob("judged_descriptions_tuning*.json")):
        if "heldout" in path.name:
            raise SystemExit("the held-out descriptions are not read item by item")
        items += json.loads(path.read_text(encoding="utf-8"))["queries"]
    judged = json.loads((BENCH / "judged_queries.json").read_text(encoding="utf-8"))["queries"]
    items += [q for q in judged if q.get("split") in JUDGED_SPLITS]
    return [q for q in items if q["kind"] == "description"]


def read_one(item: dict) -> Reading:
    """`description_read`'s reading steps, kept (the ranking is redone per setting)."""
    text = item["q"]
    described = selectors.description_read(query=text)
    panel = tuple(c.id for c in described.conditions) if described else ()
    signs = selectors.signs_for_text(text=text)
    if described is None:
        return Reading(item["split"], text, frozenset(item["expected"]), (), (), (), (), panel)
    by_meaning = meaning.meaning_read(text, signs)
    signs = signs + by_meaning.signs
    ids = [s.hpo_id for s in signs]
    terms = {p.hpo_id: p for p in Phenotype.objects.filter(hpo_id__in=ids).only("id", "hpo_id")}
    found = tuple(
        SignFound(s.hpo_id, "", s.words, "", negated=s.negated, relative=s.relative)
        for s in signs
        if s.hpo_id in terms
    )
    return Reading(
        split=item["split"],
        text=text,
        expected=frozenset(item["expected"]),
        signs=found,
        used=tuple(terms[s.hpo_id].pk for s in found if is_own_sign(s)),
        excluded=tuple(terms[s.hpo_id].pk for s in found if is_own_sign(s, absent=True)),
        sets=tuple((k, tuple(v)) for k, v in by_meaning.sets.items()),
        panel=panel,
    )


def readings_get(cache: Path | None) -> list[Reading]:
    """Every reading, from `cache` when given and present (delete it when the reader changes)."""
    if cache is not None and cache.exists():
        return [_reading_loaded(row) for row in json.loads(cache.read_text(encoding="utf-8"))]
    readings = [read_one(item) for item in judged_items()]
    if cache is not None:
        rows = [asdict(r) for r in readings]
        cache.write_text(json.dumps(rows, default=sorted), encoding="utf-8")  # frozensets
    return readings


def _reading_loaded(row: dict) -> Reading:
    return Reading(
        split=row["split"],
        text=row["text"],
        expected=frozenset(row["expected"]),
        signs=tuple(SignFound(**s) for s in row["signs"]),
        used=tuple(row["used"]),
        excluded=tuple(row["excluded"]),
        sets=tuple((h, tuple(m)) for h, m in row["sets"]),
        panel=tuple(row["panel"]),
    )


@dataclass(frozen=True)
class Conditions:
    """What the panel's lines need of the conditions: names (one line per name), primary ids."""

    names: dict[int, str]
    primary_ids: dict[int, str]


def conditions_get() -> Conditions:
    rows = list(Condition.objects.values_list("id", "primary_id", "name"))
    return Conditions({pk: n for pk, _, n in rows}, {pk: pid for pk, pid, _ in rows})


def panel(
    reading: Reading, parts: DescriptionParts, index, family, weights: FamilyWeights, c: Conditions
) -> tuple[str, ...]:
    """The panel's primary ids for one reading at `weights`: the live ranking's own functions."""
    if not reading.used:
        return ()
    used, excluded = list(reading.used), list(reading.excluded)
    scores = family_ranking(index, family, used, excluded, parts, weights)
    lines = shown_once(scores, family, c.names, MAX_CONDITIONS)
    return tuple(c.primary_ids[pk] for _, pk in lines)


def rank_of(ids: tuple[str, ...], expected: frozenset[str]) -> int | None:
    return next((n + 1 for n, cid in enumerate(ids) if cid in expected), None)


def weights_of(values: dict[str, float]) -> FamilyWeights:
    """Today's weights with the setting's values: FamilyWeights fields, then RankWeights ones."""
    own = {k: v for k, v in values.items() if k in FAMILY_FIELDS}
    ranked = {k: v for k, v in values.items() if k in RANK_FIELDS}
    return replace(TODAYS_WEIGHTS, **own, rank=replace(TODAYS_WEIGHTS.rank, **ranked))


def score(readings, parts, index, family, values: dict, names: Conditions) -> dict[str, Counter]:
    """Per split and per half: n, s@1, s@3 at one setting."""
    out: dict[str, Counter] = {}
    weights = weights_of(values)
    for reading, read in zip(readings, parts, strict=True):
        rank = rank_of(panel(reading, read, index, family, weights, names), reading.expected)
        for key in (reading.split, half_of(reading.split), "tuning all"):
            if key == "tuning all" and half_of(reading.split) == "C":
                continue
            c = out.setdefault(key, Counter())
            c["n"] += 1
            c["s1"] += rank == 1
            c["s3"] += rank is not None and rank <= 3
    return out


def grid(specs: list[str]) -> list[dict[str, float]]:
    names, values = [], []
    for spec in specs:
        name, _, listed = spec.partition("=")
        if name not in FAMILY_FIELDS and name not in RANK_FIELDS:
            raise SystemExit(f"unknown weight {name}")
        names.append(name)
        values.append(
            [int(v) if name == "min_named_signs" else float(v) for v in listed.split(",")]
        )
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*values)]


def cell(c: Counter) -> str:
    return f"{c['s1']}/{c['s3']}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vary", action="append", default=[], help="NAME=v1,v2 (repeatable)")
    parser.add_argument("--cache", type=Path, help="keep the readings here between runs")
    parser.add_argument("--per-file", action="store_true", help="print every split's counts")
    parser.add_argument("--check", action="store_true", help="today's panel against the live one")
    args = parser.parse_args()
    readings = readings_get(args.cache)
    index = phenotype_index_get()
    family = prior.family_prior_get(index)
    names = conditions_get()
    parts = [description_parts(index, r.text, r.signs, dict(r.sets)) for r in readings]
    if args.check:
        same = sum(
            panel(r, p, index, family, TODAYS_WEIGHTS, names) == r.panel
            for r, p in zip(readings, parts, strict=True)
        )
        live = Counter()
        for r in readings:
            rank = rank_of(r.panel, r.expected)
            live[half_of(r.split), "s1"] += rank == 1
            live[half_of(r.split), "s3"] += rank is not None and rank <= 3
        print(f"panel identical to description_read's: {same} of {len(readings)}")
        print("live panel s@1/s@3: " + ", ".join(
            f"{h} {live[h, 's1']}/{live[h, 's3']}" for h in "ABC"
        ))  # fmt: skip
    settings = grid(args.vary) or [{}]
    splits = sorted({r.split for r in readings}, key=lambda s: (half_of(s), s))
    head = "setting".ljust(44) + "A".rjust(9) + "B".rjust(9) + "C".rjust(9) + "tuning".rjust(9)
    print(head + ("  " + " ".join(s[-9:].rjust(9) for s in splits) if args.per_file else ""))
    for values in settings:
        out = score(readings, parts, index, family, values, names)
        label = ", ".join(f"{k} {v}" for k, v in values.items()) or "today"
        line = label.ljust(44) + "".join(cell(out[h]).rjust(9) for h in ("A", "B", "C"))
        line += cell(out["tuning all"]).rjust(9)
        if args.per_file:
            line += "  " + " ".join(cell(out[s]).rjust(9) for s in splits)
        print(line, flush=True)
    print("n: " + ", ".join(f"{h} {out[h]['n']}" for h in ("A", "B", "C", "tuning all")))


if __name__ == "__main__":
    main()

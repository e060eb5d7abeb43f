"""The family ranking's weights, re-scored on every tuning description without a search trip.

Run: nice .venv/bin/python benchmarks/family_weights.py [--vary NAME=v1,v2 ...]
        [--cache FILE] [--per-file] [--check]

Reads every description of the tuning files (benchmarks/judged_descriptions_tuning*.json) and
the judged set's description splits once with the real reader (`description_read`'s own steps:
the phrase table, the meaning reader, the person described), keeps what was read (`--cache`
stores it between runs), then ranks the family panel again in-process for each setting of the
weights: the same parts `treatments/describe/selectors._conditions` adds up, in its order, with
the real functions (`coverage_bonus`, `named_share_penalty`, `alternative_credit`,
`conditions_score`, ...), the module constants set to the setting's values for the call. The
panel is folded as the page folds it (a subtype shown as its disease, one line per name, ten
lines) and success@1 / @3 is the judged condition's line among them, as
`description_misses.py` counts it (the panel only, not the ordinary hits after it).

Halves (R36): A chooses, B and C confirm. A = tuning17, 19, 24, 26, 28, 32, 34 and unknown27;
B = the other tuning files; C = the judged set's description splits. `--vary` names one or two
weights (a grid over their product): PRIOR_WEIGHT, COVERAGE_WEIGHT, SIGN_MASS_WEIGHT,
MIN_NAMED_SIGNS, BOY_WEIGHT, ALTERNATIVE_COST and the family RankWeights fields
(frequency_weight, broader_penalty, unmatched_cap, ...). `--check` compares the panel at today's
weights with `description_read`'s own for every description. The held-out file is refused: it
is never read item by item. Read-only against the configured database.
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

from rarelabs.startup import preflight  # noqa: E402

preflight()

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402

from knowledge.models import Condition, Phenotype  # noqa: E402
from search.describers import SignFound, is_own_sign  # noqa: E402
from treatments.describe import alternatives, meaning, prior, selectors  # noqa: E402
from treatments.describe.evidence import condition_words_get, text_bonus  # noqa: E402
from treatments.describe.lexicon import phrase_table_get  # noqa: E402
from treatments.describe.persons import described_person  # noqa: E402
from treatments.phenotypes import phenotype_index_get  # noqa: E402
from treatments.phenotypes.rank import case_build  # noqa: E402
from treatments.phenotypes.scoring import RankWeights, conditions_score  # noqa: E402

BENCH = Path(__file__).resolve().parent
HALF_A = (
    "tuning17", "tuning19", "tuning24", "tuning26", "tuning28", "tuning32", "tuning34",
    "unknown27",
)  # fmt: skip
JUDGED_SPLITS = (
    "session3", "session4", "session11", "session12", "session13", "reported", "fresh", "tuning",
)  # fmt: skip
# Weights kept as module constants (prior.py, alternatives.py); the rest are RankWeights fields.
MODULE_WEIGHTS = {
    "PRIOR_WEIGHT": prior,
    "COVERAGE_WEIGHT": prior,
    "SIGN_MASS_WEIGHT": prior,
    "MIN_NAMED_SIGNS": prior,
    "BOY_WEIGHT": prior,
    "ALTERNATIVE_COST": alternatives,
}
RANK_FIELDS = {f.name for f in fields(RankWeights)}
# The family prior is built (and kept) at the module's weight; another weight rescales it.
PRIOR_BUILT_WITH = prior.PRIOR_WEIGHT


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


@dataclass
class Prepared:
    """What a reading's ranking needs that no weight changes."""

    reading: Reading
    evidence: np.ndarray
    latest_onset: str | None
    sex: str | None
    others: list
    once: list
    read_sets: list


def prepare(reading: Reading, index, table, words) -> Prepared:
    person = described_person(reading.text)
    own = [s for s in reading.signs if is_own_sign(s)]
    own_ids = {s.hpo_id for s in own}
    return Prepared(
        reading=reading,
        evidence=text_bonus(words, reading.text, (s.words for s in reading.signs)),
        latest_onset=person.latest_onset,
        sex=person.sex,
        others=list(alternatives.alternatives_get(index, table, own).items()),
        once=list(alternatives.plural_once(index, table, own).items()),
        read_sets=[(h, list(m)) for h, m in reading.sets if h in own_ids],
    )


class Setting:
    """Module constants and family RankWeights set for the span of a `with` block."""

    def __init__(self, values: dict[str, float]):
        self.values = values
        self.saved: dict[str, float] = {}

    def __enter__(self) -> RankWeights:
        for name, value in self.values.items():
            if name in MODULE_WEIGHTS:
                self.saved[name] = getattr(MODULE_WEIGHTS[name], name)
                setattr(MODULE_WEIGHTS[name], name, value)
        ranked = {k: v for k, v in self.values.items() if k in RANK_FIELDS}
        return replace(prior.FAMILY_WEIGHTS, **ranked)

    def __exit__(self, *exc) -> None:
        for name, value in self.saved.items():
            setattr(MODULE_WEIGHTS[name], name, value)


def panel(p: Prepared, index, family, weights: RankWeights, rows: dict) -> tuple[str, ...]:
    """The panel's primary ids for one reading, added up as `_conditions` adds them."""
    r = p.reading
    if not r.used:
        return ()
    log_prevalence = family.prior / PRIOR_BUILT_WITH
    base = family.prior
    if prior.PRIOR_WEIGHT != PRIOR_BUILT_WITH:
        base = prior.PRIOR_WEIGHT * log_prevalence
    used = list(r.used)
    total = base + prior.coverage_bonus(index, used)
    total = total + prior.named_share_penalty(index, family, used)
    total = total + p.evidence
    total = total + prior.late_onset_penalty(index, p.latest_onset)
    total = total + prior.boy_bonus(index, p.sex)
    cost = alternatives.ALTERNATIVE_COST
    total = total + alternatives.alternative_credit(index, weights, p.others, cost, meetings=True)
    total = total + alternatives.alternative_credit(index, weights, p.once, cost=0.0)
    total = total + alternatives.alternative_credit(index, weights, p.read_sets, meaning.SET_COST)
    case = case_build(index, phenotype_ids=used, excluded_ids=list(r.excluded), sex=p.sex)
    if not case.observed:
        return ()
    scores = conditions_score(index, case, weights) + total
    pool_size = selectors.RANK_POOL
    cut = np.partition(-scores, pool_size - 1)[pool_size - 1]
    pool = np.flatnonzero(-scores <= cut)
    order = pool[np.lexsort((index.condition_ids[pool], -scores[pool]))][:pool_size]
    out: list[str] = []
    names: set[str] = set()
    for i in order.tolist():
        pk = int(index.condition_ids[i])
        row = rows.get(family.shown_as.get(pk, pk))
        if row is None or row[1] in names:
            continue
        names.add(row[1])
        out.append(row[0])
        if len(out) >= selectors.MAX_CONDITIONS:
            break
    return tuple(out)


def rank_of(ids: tuple[str, ...], expected: frozenset[str]) -> int | None:
    return next((n + 1 for n, cid in enumerate(ids) if cid in expected), None)


def score(prepared: list[Prepared], index, family, values: dict, rows: dict) -> dict[str, Counter]:
    """Per split and per half: n, s@1, s@3 at one setting."""
    out: dict[str, Counter] = {}
    with Setting(values) as weights:
        for p in prepared:
            rank = rank_of(panel(p, index, family, weights, rows), p.reading.expected)
            for key in (p.reading.split, half_of(p.reading.split), "tuning all"):
                if key == "tuning all" and half_of(p.reading.split) == "C":
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
        if name not in MODULE_WEIGHTS and name not in RANK_FIELDS:
            raise SystemExit(f"unknown weight {name}")
        names.append(name)
        values.append(
            [int(v) if name == "MIN_NAMED_SIGNS" else float(v) for v in listed.split(",")]
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
    table = phrase_table_get()
    words = condition_words_get(index)
    rows = {
        pk: (pid, name.lower())
        for pk, pid, name in Condition.objects.values_list("id", "primary_id", "name")
    }
    prepared = [prepare(r, index, table, words) for r in readings]
    if args.check:
        weights = prior.FAMILY_WEIGHTS
        same = sum(panel(p, index, family, weights, rows) == p.reading.panel for p in prepared)
        live = Counter()
        for p in prepared:
            rank = rank_of(p.reading.panel, p.reading.expected)
            live[half_of(p.reading.split), "s1"] += rank == 1
            live[half_of(p.reading.split), "s3"] += rank is not None and rank <= 3
        print(f"panel identical to description_read's: {same} of {len(prepared)}")
        print("live panel s@1/s@3: " + ", ".join(
            f"{h} {live[h, 's1']}/{live[h, 's3']}" for h in "ABC"
        ))  # fmt: skip
    settings = grid(args.vary) or [{}]
    splits = sorted({r.split for r in readings}, key=lambda s: (half_of(s), s))
    head = "setting".ljust(44) + "A".rjust(9) + "B".rjust(9) + "C".rjust(9) + "tuning".rjust(9)
    print(head + ("  " + " ".join(s[-9:].rjust(9) for s in splits) if args.per_file else ""))
    for values in settings:
        out = score(prepared, index, family, values, rows)
        label = ", ".join(f"{k} {v}" for k, v in values.items()) or "today"
        line = label.ljust(44) + "".join(cell(out[h]).rjust(9) for h in ("A", "B", "C"))
        line += cell(out["tuning all"]).rjust(9)
        if args.per_file:
            line += "  " + " ".join(cell(out[s]).rjust(9) for s in splits)
        print(line, flush=True)
    print("n: " + ", ".join(f"{h} {out[h]['n']}" for h in ("A", "B", "C", "tuning all")))


if __name__ == "__main__":
    main()

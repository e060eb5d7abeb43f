"""Would crediting signs by the meaning of the family's words lift the judged condition? (K24)

Run: PYTHONPATH=$PWD XDG_RUNTIME_DIR=var/run nice -n 19 .venv/bin/python \
        benchmarks/near_meaning.py --judged benchmarks/judged_descriptions_tuning24.json
        [--split tuning ...] [--no-everyday] [--words] [--grid '[[0.6, 3, 1.5, 0]]']
A measurement, not the ranking: nothing here is used by the panel. For each positive sign of
the person's own that the panel reads (`signs_for_text`, then E24's `meaning_signs` when
DESCRIBE_MEANING is on), the candidates are the annotated HPO terms whose names (E24's name
vectors: every label and synonym, embedded by the sentence encoder) are nearest in meaning to
the stretch of typed words the sign was read from ("cant lift my feet up" for the sign read
from "cant feet"; `--words`: the sign's own words only): cosine >= MIN_COSINE, at most K,
leaving out the read term's ancestors and descendants (the ranking credits them already) and
the other read terms. A condition that lists a candidate (itself or narrower) earns for that
sign the candidate's IC, never above the read term's, plus the ranking's frequency credit,
less DISCOUNT + GAP x (best candidate's cosine - this one's); only what that adds over the
sign's own score counts (one sign counts once). The gain is added to the family prior where
the panel adds its coverage bonus, and the description is ranked by `description_read`, the
panel's own call.

Prints, for the panel as it is and for each [MIN_COSINE, K, DISCOUNT, GAP] of the grid, the
judged condition's hits at 1 and at 3 per split and on the two halves (items alternately in A
and B: choose on one, confirm on the other). The held-out file is refused.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

GRID = [
    [cosine, k, discount, gap]
    for cosine in (0.5, 0.6, 0.7)
    for k in (1, 3)
    for discount in (0.5, 1.5, 3.0)
    for gap in (0.0, 5.0)
]
LISTED = 12  # nearest terms kept per sign before a setting's cut
MAX_INSIDE = 3  # words a stretch may hold besides the sign's own
_WORD = re.compile(r"[\w']+")


def typed_stretch(text: str, words: str) -> str:
    """The shortest stretch of `text` holding the sign's typed `words` in order."""
    found = [(m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(text)]
    wanted = words.lower().split()
    best = words
    for i, (word, start, _end) in enumerate(found):
        if not wanted or word != wanted[0]:
            continue
        j, matched = i, 1
        while matched < len(wanted) and j + 1 < len(found) and j - i < len(wanted) + MAX_INSIDE:
            j += 1
            matched += found[j][0] == wanted[matched]
        if matched == len(wanted):
            stretch = text[start : found[j][2]]
            if best is words or len(stretch) < len(best):
                best = stretch
    return best


def nearest(
    items: list[dict], everyday: bool, stretch: bool, rows_too: bool = True
) -> list[list[tuple]]:
    """Per item, per positive own sign: (read term, [(candidate term, cosine), ...]); without
    `rows_too`, a sign a curated everyday row read takes none (the row chose its term)."""
    from django.conf import settings

    from treatments.describe import selectors
    from treatments.describe.encoder import sentence_encoder_get
    from treatments.describe.meaning import meaning_signs
    from treatments.describe.name_vectors import name_vectors_get
    from treatments.phenotypes import phenotype_index_get

    index = phenotype_index_get()
    vectors = name_vectors_get()
    if vectors is None:
        raise SystemExit("no sign name vectors: run load_knowledge_base (E24's build) first")
    where = index.hpo_position
    positions = np.array([where.get(h, -1) for h in vectors.terms])
    encoder = sentence_encoder_get()
    rows = _row_sources()
    out = []
    for item in items:
        signs = selectors.signs_for_text(text=item["q"], include_everyday=everyday)
        if settings.DESCRIBE_MEANING:  # as description_read reads it
            signs = signs + meaning_signs(item["q"], signs)
        own = [s for s in signs if not s.negated and not s.relative and s.hpo_id in where]
        # A sign a row read takes no candidates, and is still no candidate of another sign.
        read = {where[s.hpo_id] for s in own}
        if not rows_too:
            own = [s for s in own if s.source not in rows]
        per: list[tuple] = []
        if own:
            texts = [typed_stretch(item["q"], s.words) if stretch else s.words for s in own]
            cosines = vectors.matrix @ encoder.encode(texts).T
            for column, sign in enumerate(own):
                term = where[sign.hpo_id]
                line = set(index.ancestors[term].tolist()) | set(index.descendants[term].tolist())
                per_term = np.maximum.reduceat(cosines[:, column], vectors.term_starts)
                listed = [
                    (int(positions[row]), float(per_term[row]))
                    for row in np.argsort(-per_term)[: LISTED * 3].tolist()
                    if positions[row] >= 0 and positions[row] not in read | line
                ]
                per.append((term, listed[:LISTED]))
        out.append(per)
    return out


def _row_sources() -> set[str]:
    """The sources the curated everyday rows cite (their fourth column)."""
    path = Path(__file__).resolve().parent.parent / "treatments" / "data" / "everyday_signs.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    return {row.split("\t")[3] for row in lines if not row.startswith("#") and row.count("\t") >= 3}


def credit(index, per: list[tuple], setting: list[float]) -> np.ndarray:
    """The gain per condition of `index` of one description's signs under one setting."""
    from treatments.describe.prior import FAMILY_WEIGHTS
    from treatments.phenotypes.scoring import _frequency_credit, sign_scores

    min_cosine, k, discount, gap = setting
    size = len(index.condition_ids)
    gain = np.zeros(size)
    for term, listed in per:
        chosen = [(c, cos) for c, cos in listed if cos >= min_cosine][: int(k)]
        if not chosen:
            continue
        best = np.full(size, -np.inf)
        for candidate, cosine in chosen:
            value = (
                min(index.ic[candidate], index.ic[term]) - discount - gap * (chosen[0][1] - cosine)
            )
            conditions = index.term_conditions[candidate]
            value = value + _frequency_credit(index, candidate, FAMILY_WEIGHTS)
            best[conditions] = np.maximum(best[conditions], value)
        own = sign_scores(index, term, size, FAMILY_WEIGHTS)
        gain += np.where(np.isfinite(best), np.maximum(best - own, 0.0), 0.0)
    return gain


def ranks(items: list[dict], everyday: bool, gains: list[np.ndarray | None]) -> list[int | None]:
    """The judged condition's place in the panel, each item with its gain in the prior."""
    from treatments.describe import family_rank, selectors

    plain = family_rank.coverage_bonus
    current: dict[str, np.ndarray | None] = {"gain": None}

    def with_gain(index, phenotype_ids, weight):  # the panel's coverage bonus, plus the gain
        bonus = plain(index, phenotype_ids, weight)
        return bonus if current["gain"] is None else bonus + current["gain"]

    family_rank.coverage_bonus = with_gain
    try:
        out = []
        for item, gain in zip(items, gains, strict=True):
            current["gain"] = gain
            described = selectors.description_read(query=item["q"], include_everyday=everyday)
            shown = [c.id for c in described.conditions] if described else []
            out.append(next((i + 1 for i, c in enumerate(shown) if c in item["expected"]), None))
        return out
    finally:
        family_rank.coverage_bonus = plain


def tally(items: list[dict], found: list[int | None]) -> dict[str, str]:
    """'hits at 1 / hits at 3 of n' per split, and on halves A and B."""
    groups: dict[str, list[int | None]] = defaultdict(list)
    for n, (item, rank) in enumerate(zip(items, found, strict=True)):
        for group in (item.get("split", "?"), "A" if n % 2 == 0 else "B", "all"):
            groups[group].append(rank)
    return {
        group: f"{sum(r == 1 for r in rs)}/{sum(1 for r in rs if r and r <= 3)} of {len(rs)}"
        for group, rs in groups.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--judged", type=Path, action="append", required=True)
    parser.add_argument("--split", action="append", help="only these splits (repeatable)")
    parser.add_argument("--no-everyday", action="store_true", help="HPO names and synonyms only")
    parser.add_argument("--words", action="store_true", help="embed the sign's words only")
    parser.add_argument(
        "--not-rows", action="store_true", help="no candidates for a sign an everyday row read"
    )
    parser.add_argument("--grid", help="JSON list of [min cosine, k, discount, gap]")
    args = parser.parse_args()

    from rarelabs.startup import preflight

    preflight()
    import django

    django.setup()
    from treatments.phenotypes import phenotype_index_get

    index = phenotype_index_get()
    items = []
    for path in args.judged:
        if "heldout" in path.name:
            raise SystemExit("the held-out descriptions are not read item by item")
        items += [
            q
            for q in json.loads(path.read_text(encoding="utf-8"))["queries"]
            if q["kind"] == "description" and (not args.split or q.get("split") in args.split)
        ]
    everyday = not args.no_everyday
    per_item = nearest(items, everyday, stretch=not args.words, rows_too=not args.not_rows)
    base = ranks(items, everyday, [None] * len(items))
    print(f"panel {json.dumps(tally(items, base))}", flush=True)
    for setting in json.loads(args.grid) if args.grid else GRID:
        found = ranks(items, everyday, [credit(index, per, setting) for per in per_item])
        moved = sum(a != b for a, b in zip(base, found, strict=True))
        print(f"{setting} {json.dumps(tally(items, found))} moved {moved}", flush=True)


if __name__ == "__main__":
    main()

"""Why a judged description misses the top 3 of the family panel: reading or ranking?

Run: nice .venv/bin/python benchmarks/description_misses.py [--split session12 ...]
        [--no-everyday] [--show c|b|b1|b2|a|s...] [--json] [--judged FILE]
Reads the description queries of benchmarks/judged_queries.json, or of another judged file
such as judged_descriptions_tuning18.json (the tuning splits; the held-out file is refused: it
is never read item by item) through `description_read`, the panel's own
call, and sorts each miss at 3, by the signs the panel reads (the phrase table's and the meaning
reader's: `selectors.panel_reading`, shared with the panel), into:

- (b) "wrong sign": a positive sign was read that the judged condition does not have (itself,
  a narrower term, or through a subtype it is shown as): a misreading or a gap in the
  annotations; either way the right condition cannot explain every sign read. Split in two:
  (b1) "unlisted": some such sign has no term the condition lists within two is_a steps up
  other than a grouping class (only "Abnormality of the face" for Short chin, or nothing): a
  misreading, or a sign the annotations lack; the words that produced it are printed;
  (b2) "broader": every such sign has its parent or grandparent listed, a sign and not a
  grouping class ("very brisk reflexes" read as Brisk reflexes, Hyperreflexia listed): the
  reading is right and the annotation coarse;
- (a) "too few": every sign read fits the judged condition, but fewer than two were read;
- (c) "outranked": every sign read fits (or the condition lists a term at most NEAR_LOSS of
  IC broader) and two or more were read: the ranking put other conditions first;
- (s) "subtype": every judged id is a subtype the panel shows as its disease, so the judged
  id itself can never be shown (a judgement to add the disease to, not a ranking miss).

For the (c) class it prints the judged condition's rank (after subtypes are folded into their
disease) and its score parts beside the top 3's: each matched sign with the matching term's IC,
the condition's frequency for it and the points it earned, then the prevalence prior, the
coverage bonus, the unread-word evidence, the onset and sex terms, the number of annotations
and whether the entry is an Orphanet group. Then counts over the (c) misses of which part
separates the winner from the judged condition. Read-only against the configured database.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

from rarelabs.startup import preflight  # noqa: E402

preflight()

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402

from knowledge.models import Condition  # noqa: E402
from treatments.describe.evidence import condition_words_get, text_bonus  # noqa: E402
from treatments.describe.persons import described_person  # noqa: E402
from treatments.describe.prior import (  # noqa: E402
    FAMILY_WEIGHTS,
    boy_bonus,
    coverage_bonus,
    family_prior_get,
    late_onset_penalty,
    named_share_penalty,
)
from treatments.describe.selectors import (  # noqa: E402
    description_read,
    panel_reading,
    signs_for_text,
)
from treatments.phenotypes import phenotype_index_get  # noqa: E402
from treatments.phenotypes.explain import matches_explain  # noqa: E402
from treatments.phenotypes.rank import case_build  # noqa: E402
from treatments.phenotypes.scoring import _excluded, _priors, sign_scores  # noqa: E402

JUDGED = Path(__file__).resolve().parent / "judged_queries.json"
PARTS = ("signs", "prevalence", "coverage", "sign mass", "evidence", "onset", "sex", "excluded")


@dataclass
class Parts:
    """One condition's score, split into what the family ranking adds up."""

    index: int
    pk: int
    name: str
    primary_id: str
    total: float
    parts: dict[str, float]
    matches: list[str] = field(default_factory=list)
    size: int = 0
    is_group: bool = False


@dataclass
class Miss:
    """A judged description whose condition is not in the panel's top 3, and why."""

    query: str
    split: str
    cls: str  # "a", "b1", "b2", "c" or "s"
    rank: int | None
    signs: list[str]
    unfit: list[str]
    judged: Parts | None = None
    top: list[Parts] = field(default_factory=list)


def tuning_items(splits: list[str] | None, path: Path = JUDGED) -> list[dict]:
    """The judged descriptions of the tuning splits (never the held-out file)."""
    if "heldout" in path.name:
        raise SystemExit("the held-out descriptions are not read item by item")
    items = json.loads(path.read_text(encoding="utf-8"))["queries"]
    return [
        q for q in items if q["kind"] == "description" and (not splits or q.get("split") in splits)
    ]


NEAR_LOSS = 1.5  # a read sign one step more specific than the condition's own term


def _position(index, hpo_id: str) -> int | None:
    pk = _TERM_PKS.get(hpo_id)
    if pk is None:
        _TERM_PKS.update(zip(index.hpo_ids, index.term_ids.tolist(), strict=True))
        pk = _TERM_PKS.get(hpo_id)
    return index.position.get(pk) if pk is not None else None


_TERM_PKS: dict[str, int] = {}


def _listed_ancestor(index, term: int, members: list[int]) -> int | None:
    """The most informative term among `term` and its ancestors that a judged condition has
    (itself or narrower), or None."""
    best = None
    for anc in index.ancestors[term].tolist():
        listed = np.isin(index.term_conditions[anc], members).any()
        if listed and (best is None or index.ic[anc] > index.ic[best]):
            best = anc
    return best


def _fit_loss(index, term: int, members: list[int]) -> float | None:
    """0 when a judged condition has the term (or narrower); else the IC lost to the most
    informative ancestor it has (None: no ancestor above IC 0.5)."""
    best = _listed_ancestor(index, term, members)
    if best is None or float(index.ic[best]) < 0.5:
        return None
    return round(float(index.ic[term]) - float(index.ic[best]), 2)


def _parents(index, term: int) -> set[int]:
    """The direct is_a parents of a term (its strict ancestors no other one lies under)."""
    strict = set(index.ancestors[term].tolist()) - {term}
    above = set()
    for a in strict:
        above.update(set(index.ancestors[a].tolist()) - {a})
    return strict - above


def _steps_up(index, term: int, ancestor: int) -> int | None:
    """How many is_a steps the shortest path from `term` up to `ancestor` takes."""
    level, seen = {term}, 0
    while level and seen <= 8:
        if ancestor in level:
            return seen
        level = set().union(*(_parents(index, t) for t in level))
        seen += 1
    return None


CLOSE_STEPS = 2  # a listed term a parent or grandparent of the read one: granularity (b2)
# HPO names its grouping classes so ("Abnormality of the face", "Abnormal skin morphology",
# "Aplasia/Hypoplasia of fingers"): listing only one of those is not listing the sign.
GROUPING = ("Abnormal ", "Abnormality ", "Aplasia/Hypoplasia ")


def _close(index, term: int, listed: int | None) -> bool:
    """Is `listed` the read term's parent or grandparent, and a sign rather than a grouping?"""
    if listed is None or index.names[listed].startswith(GROUPING):
        return False
    steps = _steps_up(index, term, listed)
    return steps is not None and steps <= CLOSE_STEPS


def _expected_pks(expected: list[str]) -> set[int]:
    return set(Condition.objects.filter(primary_id__in=expected).values_list("id", flat=True))


def score_parts(text: str, phenotype_ids: list[int], excluded_ids: list[int], read: list[str]):
    """Every condition's score parts for a description (as `_conditions` adds them up)."""
    index = phenotype_index_get()
    family = family_prior_get(index)
    person = described_person(text)
    case = case_build(index, phenotype_ids=phenotype_ids, excluded_ids=excluded_ids, sex=person.sex)
    n = len(index.condition_ids)
    per_sign = {q: sign_scores(index, q, n, FAMILY_WEIGHTS) for q in case.observed}
    excluded = np.zeros(n)
    for e in case.excluded:
        excluded += FAMILY_WEIGHTS.excluded_weight * _excluded(index, e, n, FAMILY_WEIGHTS)
    parts = {
        "signs": sum(per_sign.values(), np.zeros(n)),
        "prevalence": family.prior,
        "coverage": coverage_bonus(index, phenotype_ids),
        "sign mass": named_share_penalty(index, family, phenotype_ids),
        "evidence": text_bonus(condition_words_get(index), text, read),
        "onset": late_onset_penalty(index, person.latest_onset),
        "sex": _priors(index, case, FAMILY_WEIGHTS) + boy_bonus(index, person.sex),
        "excluded": excluded,
    }
    return index, family, case, per_sign, parts


def _describe(index, case, per_sign, parts, i: int, rows: dict) -> Parts:
    pk = int(index.condition_ids[i])
    row = rows.get(pk)
    matched = []
    by_hpo = {m.query_hpo_id: m for m in matches_explain(index, case, i)}
    for q in case.observed:
        m = by_hpo.get(index.hpo_ids[q])
        points = float(per_sign[q][i])
        if m is None:
            matched.append(f"{index.names[q]}: none ({points:+.2f})")
        else:
            freq = "?" if m.frequency is None else f"{m.frequency:.2f}"
            matched.append(
                f"{index.names[q]}: {m.kind} {m.condition_term_name} "
                f"IC {m.information_content:.2f} f {freq} ({points:+.2f})"
            )
    values = {k: round(float(v[i]), 2) for k, v in parts.items()}
    return Parts(
        index=i,
        pk=pk,
        name=row[0] if row else "?",
        primary_id=row[1] if row else "?",
        total=round(sum(values.values()), 2),
        parts=values,
        matches=matched,
        size=int(index.annot_ptr[i + 1] - index.annot_ptr[i]),
        is_group=bool(row[2]) if row else False,
    )


def signs_read(text: str, include_everyday: bool) -> list:
    """The signs the live panel reads (the meaning reader's too); for a text the panel takes
    for no description, the phrase table's, to say what it read."""
    reading = panel_reading(text, include_everyday=include_everyday)
    return (
        reading.signs
        if reading is not None
        else signs_for_text(text=text, include_everyday=include_everyday)
    )


def analyse(item: dict, include_everyday: bool, top_n: int = 3) -> tuple[int | None, Miss | None]:
    """The panel rank of the judged condition, and the miss record when it is not in the top 3."""
    described = description_read(query=item["q"], include_everyday=include_everyday)
    ids = [c.id for c in described.conditions] if described else []
    rank = next((i + 1 for i, cid in enumerate(ids) if cid in item["expected"]), None)
    if rank is not None and rank <= 3:
        return rank, None
    signs = signs_read(item["q"], include_everyday)
    index = phenotype_index_get()
    family = family_prior_get(index)
    expected = _expected_pks(item["expected"])
    # A judged subtype is shown as its disease: that disease's rank is what the panel can show.
    shown_expected = {family.shown_as.get(pk, pk) for pk in expected}
    members = [
        i
        for i, pk in enumerate(index.condition_ids.tolist())
        if pk in expected or family.shown_as.get(pk, pk) in shown_expected
    ]
    positive = [s for s in signs if not s.negated and not s.relative]
    terms = {s.hpo_id: _position(index, s.hpo_id) for s in positive}
    terms = {h: t for h, t in terms.items() if t is not None}
    unfit, near, unlisted = [], 0, 0
    for s in positive:
        t = terms.get(s.hpo_id)
        loss = None if t is None else _fit_loss(index, t, members)
        if loss is None or loss > 0:
            name = index.names[t] if t is not None else s.hpo_id
            close = loss is not None and loss <= NEAR_LOSS
            near += close
            listed = None if t is None else _listed_ancestor(index, t, members)
            close_listed = _close(index, t, listed)
            unlisted += not close_listed
            how = "unlisted" if listed is None else f"listed as {index.names[listed]}"
            how += "" if close_listed else ", no close term"
            state = "near" if close else "far"
            unfit.append(f"{s.words!r} = {name} ({state}, lost {loss}, {how})")
    if expected and all(pk in family.shown_as for pk in expected):
        cls = "s"  # only subtypes judged: the panel shows them as their disease
    elif len(unfit) > near:
        # b1: some sign has no close listed term (a misreading, or a sign the condition's
        # annotations lack); b2: every one is listed as its parent or grandparent.
        cls = "b1" if unlisted else "b2"
    else:
        cls = "a" if len(positive) < 2 else "c"
    miss = Miss(
        query=item["q"],
        split=item.get("split", ""),
        cls=cls,
        rank=rank,
        signs=[
            f"{s.words} = {index.names[terms[s.hpo_id]]}" for s in positive if s.hpo_id in terms
        ],
        unfit=unfit,
    )
    if described is None or not positive:
        return rank, miss
    pks = [int(index.term_ids[t]) for t in terms.values()]
    negated = [
        s.hpo_id for s in signs if s.negated and not s.relative and s.hpo_id in index.hpo_ids
    ]
    excl = [int(index.term_ids[index.hpo_ids.index(h)]) for h in negated]
    _, _, case, per_sign, parts = score_parts(item["q"], pks, excl, [s.words for s in signs])
    total = sum(parts.values())
    order = np.lexsort((index.condition_ids, -total))
    shown_seen: list[int] = []
    top: list[int] = []
    judged_at, judged_i = None, None
    for i in order.tolist():
        shown = family.shown_as.get(int(index.condition_ids[i]), int(index.condition_ids[i]))
        if shown in shown_seen:
            continue
        shown_seen.append(shown)
        if len(top) < top_n:
            top.append(i)
        if shown in shown_expected:
            judged_at, judged_i = len(shown_seen), i
            break
        if len(shown_seen) > 2000:
            break
    rows = {
        pk: (name, pid, grp)
        for pk, name, pid, grp in Condition.objects.filter(
            id__in=[int(index.condition_ids[i]) for i in [*top, judged_i] if i is not None]
        ).values_list("id", "name", "primary_id", "is_group")
    }
    miss.rank = judged_at
    miss.top = [_describe(index, case, per_sign, parts, i, rows) for i in top]
    if judged_i is not None:
        miss.judged = _describe(index, case, per_sign, parts, judged_i, rows)
    return rank, miss


def separating(miss: Miss) -> list[str]:
    """The parts in which the first condition beats the judged one by 0.5 or more."""
    if miss.judged is None or not miss.top:
        return ["judged condition not ranked"]
    first = miss.top[0]
    out = [p for p in PARTS if first.parts[p] - miss.judged.parts[p] >= 0.5]
    if "signs" in out:
        broader = sum(": ancestor " in m for m in miss.judged.matches)
        if broader > sum(": ancestor " in m for m in first.matches):
            out.append("signs: judged matches more signs only through a broader term")
        else:
            out.append("signs: as many exact matches, rarer terms or higher frequencies won")
    return out or ["none by 0.5 (close)"]


def _print(miss: Miss) -> None:
    print(f"\n[{miss.cls}] {miss.split}: {miss.query!r} judged rank {miss.rank}")
    print("  read: " + "; ".join(miss.signs))
    if miss.unfit:
        print("  not the judged condition's: " + "; ".join(miss.unfit))
    rows = [*miss.top, *([miss.judged] if miss.judged else [])]
    for n, p in enumerate(rows):
        tag = "judged" if p is miss.judged else f"#{n + 1}"
        group = " GROUP" if p.is_group else ""
        parts = " ".join(f"{k} {v:+.2f}" for k, v in p.parts.items() if v)
        print(
            f"  {tag} {p.primary_id} {p.name} ({p.size} signs{group}) total {p.total:.2f}: {parts}"
        )
        for m in p.matches:
            print(f"      {m}")


def main() -> None:
    """Classify every miss at 3 of the chosen tuning splits; print the (c) details and counts."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", action="append", help="only these splits (repeatable)")
    parser.add_argument("--no-everyday", action="store_true", help="HPO names and synonyms only")
    parser.add_argument("--show", default="c", help="classes to print in detail (e.g. abc)")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of counts")
    parser.add_argument(
        "--judged", type=Path, default=JUDGED, help="a judged file (never the held-out one)"
    )
    args = parser.parse_args()
    items = tuning_items(args.split, args.judged)
    everyday = not args.no_everyday
    per_split: dict[str, Counter] = {}
    reasons: Counter = Counter()
    for item in items:
        rank, miss = analyse(item, everyday)
        counts = per_split.setdefault(item.get("split", ""), Counter())
        counts["n"] += 1
        counts["s@1"] += rank == 1
        counts["s@3"] += rank is not None and rank <= 3
        if miss is None:
            continue
        counts[miss.cls] += 1
        counts["b"] += miss.cls.startswith("b")
        if miss.cls == "c":
            reasons.update(separating(miss))
            first = miss.top[0] if miss.top else None
            if first is not None and first.is_group:
                reasons["winner is a group"] += 1
        bare = args.show.replace("b1", "").replace("b2", "")  # a bare "b" shows both
        if miss.cls in args.show or (miss.cls[0] == "b" and "b" in bare):
            _print(miss)
    print(
        "\nsplit      n  s@1  s@3  (a) too few  (b) wrong sign  (b1) unlisted  (b2) broader"
        "  (c) outranked  (s) subtype"
    )
    total: Counter = Counter()
    for split, c in [*sorted(per_split.items()), ("all", total)]:
        if split != "all":
            total.update(c)
        print(
            f"{split:<10}{c['n']:>3} {c['s@1']:>4} {c['s@3']:>4} {c['a']:>12} {c['b']:>15} "
            f"{c['b1']:>14} {c['b2']:>13} {c['c']:>14} {c['s']:>12}"
        )
    print("(c): parts where the first condition beats the judged one by >= 0.5:")
    for reason, count in reasons.most_common():
        print(f"  {reason}: {count}")
    if args.json:
        print(json.dumps({s: dict(c) for s, c in per_split.items()} | {"c_reasons": reasons}))


if __name__ == "__main__":
    main()

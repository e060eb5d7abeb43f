"""How many signs read that the judged condition does not list would an alternative term cover?

Run: XDG_RUNTIME_DIR=var/run PYTHONPATH=$PWD nice -n 19 .venv/bin/python \
        benchmarks/sign_alternatives.py [--judged FILE ...] [--split NAME ...] [--show SOURCE]
Reads each tuning description (the held-out file is refused) with the panel's readers (the
phrase table, then the meaning reader) and, for every positive sign the judged condition does
not list (itself or narrower), asks whether one of the sign's alternative terms is listed, for
each candidate source of alternatives:

- same words, row: a curated everyday row of the very same words names another term;
- same words, HPO: an HPO label or synonym of the very same words names another term;
- fewer words: a phrase of some of the words names a term not narrower than the sign
  (the seventeenth session's near terms, for comparison);
- runner-up: the meaning reader's next term of another line, within 0.03 of its cosine (empty
  by construction: the reader reads a clause only when the next line is 0.05 or more behind);
- sibling: a term sharing a direct parent with the sign (HPO's hierarchy);
- named sibling: such a sibling that a curated row or an HPO layperson synonym names;
- words' meaning GAP: a term off the sign's line whose names are as near in meaning to the
  words the sign was read from (the meaning reader's encoder and cosine) as the sign's own
  names, less GAP (and at least 0.5);
- meaning, relative GAP: the same, only the sign's siblings and cousins (a common ancestor at
  most two is_a steps up).

Each source also prints how many conditions its alternatives add beyond the sign's own (the
price: a broader set lifts many conditions, not only the judged one). Read-only.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

from rarelabs.startup import preflight  # noqa: E402

preflight()

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402

from knowledge.models import Condition  # noqa: E402
from search.describers import is_own_sign  # noqa: E402
from treatments.describe.encoder import sentence_encoder_get  # noqa: E402
from treatments.describe.lexicon import phrase_table_get  # noqa: E402
from treatments.describe.meaning import _unread, meaning_signs  # noqa: E402
from treatments.describe.name_vectors import name_vectors_get  # noqa: E402
from treatments.describe.opposites import clashing  # noqa: E402
from treatments.describe.prior import family_prior_get  # noqa: E402
from treatments.describe.scan import tokens  # noqa: E402
from treatments.describe.selectors import signs_for_text  # noqa: E402
from treatments.describe.typos import mended_stem  # noqa: E402
from treatments.describe.words import BREAK, NOT  # noqa: E402
from treatments.phenotypes import phenotype_index_get  # noqa: E402

HERE = Path(__file__).resolve().parent
TUNING_FILES = [HERE / f"judged_descriptions_tuning{n}.json" for n in (17, 18, 19, 22, 24, 25, 27)]
TUNING_SPLITS = ("session3", "session4", "session11", "session12", "session13", "tuning")
SOURCES = ("same words, row", "same words, HPO", "fewer words", "runner-up", "sibling",
           "named sibling", "words' meaning 0.02", "words' meaning 0.05", "words' meaning 0.1",
           "meaning, relative 0.05", "meaning, relative 0.1")  # fmt: skip
MEANING_GAPS = {"words' meaning 0.02": 0.02, "words' meaning 0.05": 0.05,
                "words' meaning 0.1": 0.1}  # fmt: skip
RELATIVE_GAPS = {"meaning, relative 0.05": 0.05, "meaning, relative 0.1": 0.1}
RUNNER_UP_GAP = 0.03


def _items(files: list[Path], splits: tuple[str, ...]) -> list[dict]:
    out = []
    for path in files:
        if "heldout" in path.name:
            raise SystemExit("the held-out descriptions are not read item by item")
        out += [q for q in json.loads(path.read_text())["queries"] if q["kind"] == "description"]
    if splits:
        queries = json.loads((HERE / "judged_queries.json").read_text())["queries"]
        out += [q for q in queries if q["kind"] == "description" and q.get("split") in splits]
    return out


class Alternatives:
    """Each source's alternative terms (index positions) of a read sign."""

    def __init__(self) -> None:
        self.index = phenotype_index_get()
        self.table = phrase_table_get()
        self.vectors = name_vectors_get()
        self.parents: dict[int, set[int]] = {}
        self.children: dict[int, set[int]] = defaultdict(set)
        for t in range(len(self.index.hpo_ids)):
            strict = set(self.index.ancestors[t].tolist()) - {t}
            above: set[int] = set()
            for a in strict:
                above |= set(self.index.ancestors[a].tolist()) - {a}
            self.parents[t] = strict - above
            for p in self.parents[t]:
                self.children[p].add(t)
        self.everyday_named = {p.hpo_id for p in self.table.phrases if p.priority in (0, 2)}

    def _pos(self, hpo_id: str) -> int | None:
        return self.index.hpo_position.get(hpo_id)

    def _stems(self, words: str) -> tuple[str, ...]:
        return tuple(mended_stem(w, self.table) or s for s, w in tokens(words) if s != BREAK)

    def of(self, sign, term: int, runner_up: list[str]) -> dict[str, set[int]]:
        index, table = self.index, self.table
        line = set(index.ancestors[term].tolist()) | set(index.descendants[term].tolist())
        stems = self._stems(sign.words)
        content = set(stems) - {NOT}
        out: dict[str, set[int]] = {s: set() for s in SOURCES}
        for i in table.complete(set(stems)):
            phrase = table.phrases[i]
            t = self._pos(phrase.hpo_id)
            if t is None or t == term:
                continue
            pstems = set(phrase.stems) - {NOT}
            if pstems == content and (NOT in phrase.stems) == (NOT in stems):
                out["same words, row" if phrase.priority == 0 else "same words, HPO"].add(t)
            elif pstems < content and t not in set(index.descendants[term].tolist()):
                out["fewer words"].add(t)
        out["runner-up"] = {p for h in runner_up if (p := self._pos(h)) is not None}
        for p in self.parents.get(term, ()):
            for c in self.children[p]:
                if c not in line:
                    out["sibling"].add(c)
                    if index.hpo_ids[c] in self.everyday_named:
                        out["named sibling"].add(c)
        return out

    def by_meaning(self, words: list[str]) -> list[np.ndarray]:
        """Per sign's words, every term's best cosine with them (the meaning reader's measure)."""
        vectors = self.vectors
        queries = sentence_encoder_get().encode(words)
        cosines = queries @ vectors.matrix.T
        cosines[:, vectors.mute] = -1.0
        for row, said in enumerate(words):
            cosines[row, clashing(said, vectors.sides)] = -1.0
        return list(np.maximum.reduceat(cosines, vectors.term_starts, axis=1))

    def meaning_alternatives(self, term: int, per_term: np.ndarray) -> dict[str, set[int]]:
        """Terms whose names are as near in meaning to the sign's words as the sign's own,
        within each gap (and, for "relative", only the sign's siblings and cousins: a common
        ancestor two steps up at most)."""
        vectors, index = self.vectors, self.index
        at = vectors.term_position.get(index.hpo_ids[term])
        out: dict[str, set[int]] = {}
        if at is None:
            return out
        own = float(per_term[at])
        line = set(index.ancestors[term].tolist()) | set(index.descendants[term].tolist())
        near = set()
        for p in self.parents.get(term, ()):
            near.add(p)
            near |= self.parents.get(p, set())
        kin = set().union(*(set(index.descendants[a].tolist()) for a in near)) if near else set()
        for name, gap in {**MEANING_GAPS, **RELATIVE_GAPS}.items():
            picks = np.flatnonzero(per_term >= max(own - gap, 0.5))
            terms = {self._pos(vectors.terms[int(t)]) for t in picks}
            terms = {t for t in terms if t is not None and t not in line}
            if name in RELATIVE_GAPS:
                terms &= kin
            out[name] = terms
        return out

    def runner_ups(self, text: str, signs: list) -> dict[str, list[str]]:
        """Meaning-read HPO id -> the next terms of other lines within RUNNER_UP_GAP."""
        vectors = self.vectors
        clauses = [embedded for embedded, _ in _unread(text, signs)]
        if not clauses or vectors is None:
            return {}
        queries = sentence_encoder_get().encode(clauses)
        cosines = queries @ vectors.matrix.T
        cosines[:, vectors.mute] = -1.0
        for row, clause in enumerate(clauses):
            cosines[row, clashing(clause, vectors.sides)] = -1.0
        per_term = np.maximum.reduceat(cosines, vectors.term_starts, axis=1)
        out: dict[str, list[str]] = {}
        for row in range(len(clauses)):
            ranked = np.argsort(-per_term[row])[:50]
            best = vectors.terms[int(ranked[0])]
            b = self._pos(best)
            line = (
                set(self.index.ancestors[b].tolist()) | set(self.index.descendants[b].tolist())
                if b is not None
                else set()
            )
            top = float(per_term[row, ranked[0]])
            out[best] = [
                vectors.terms[int(t)]
                for t in ranked[1:]
                if top - float(per_term[row, t]) <= RUNNER_UP_GAP
                and self._pos(vectors.terms[int(t)]) not in line
            ]
        return out


def main() -> None:
    """Count, per source, the unlisted read signs an alternative would cover."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--judged", type=Path, action="append")
    parser.add_argument("--split", action="append")
    parser.add_argument("--show", action="append", default=[], help="print this source's hits")
    args = parser.parse_args()
    files = args.judged if args.judged else TUNING_FILES
    splits = tuple(args.split) if args.split else (() if args.judged else TUNING_SPLITS)
    alts = Alternatives()
    index = alts.index
    family = family_prior_get(index)
    pk_of = dict(Condition.objects.values_list("primary_id", "id"))
    counts: Counter = Counter()
    added: dict[str, list[int]] = defaultdict(list)
    for item in _items(files, splits):
        text = item["q"]
        signs = signs_for_text(text=text)
        read_by_meaning = meaning_signs(text, signs)
        runner = alts.runner_ups(text, signs) if read_by_meaning else {}
        expected = {pk_of[e] for e in item["expected"] if e in pk_of}
        shown = {family.shown_as.get(pk, pk) for pk in expected}
        members = np.array(
            [
                i
                for i, pk in enumerate(index.condition_ids.tolist())
                if pk in expected or family.shown_as.get(pk, pk) in shown
            ],
            dtype=np.int64,
        )
        counts["descriptions"] += 1
        own_signs = [s for s in [*signs, *read_by_meaning] if is_own_sign(s)]
        meant = alts.by_meaning([s.words for s in own_signs]) if own_signs else []
        per_words = dict(zip([s.words for s in own_signs], meant, strict=True))
        for sign in [*signs, *read_by_meaning]:
            if not is_own_sign(sign):
                continue
            term = alts._pos(sign.hpo_id)
            if term is None:
                continue
            counts["signs"] += 1
            if np.isin(index.term_conditions[term], members).any():
                counts["listed"] += 1
                continue
            counts["unlisted"] += 1
            own = set(index.term_conditions[term].tolist())
            found = alts.of(sign, term, runner.get(sign.hpo_id, []))
            found.update(alts.meaning_alternatives(term, per_words[sign.words]))
            for source, terms in found.items():
                if not terms:
                    continue
                counts[f"{source}: has one"] += 1
                conds = set().union(*(set(index.term_conditions[t].tolist()) for t in terms))
                added[source].append(len(conds - own))
                if np.isin(list(conds), members).any():
                    counts[f"{source}: covers"] += 1
                    if source in args.show:
                        names = ", ".join(index.names[t] for t in terms)
                        print(f"{source}: {sign.words!r} = {index.names[term]} -> {names}"
                              f" [{item.get('condition', item['expected'][0])}]")  # fmt: skip
    print(f"\n{counts['descriptions']} descriptions, {counts['signs']} positive signs read, "
          f"{counts['listed']} listed by the judged condition, {counts['unlisted']} not")  # fmt: skip
    for source in SOURCES:
        sizes = added[source]
        median = int(np.median(sizes)) if sizes else 0
        print(f"{source:16} has alternatives {counts[f'{source}: has one']:4}  covers "
              f"{counts[f'{source}: covers']:3}  conditions added (median) {median}")  # fmt: skip


if __name__ == "__main__":
    main()

"""A reading by meaning for the clauses the phrase table reads nothing from.

The phrase table reads a sign only when the words of one of its names stand in the clause.
Families use words no name has ("drinks and wees loads"); this reader compares what such a
clause means with what each sign's names mean: the clause and every label and synonym of the
annotated HPO terms are embedded by the same sentence encoder (`encoder`, `name_vectors`),
and the clause reads the term whose name is nearest, only when that name is clearly near
(cosine >= MIN_COSINE) and clearly nearer (by MARGIN) than any term off its line (its
ancestors and descendants say the same thing more or less narrowly). When the nearest names of
two lines are within MARGIN of each other ("strained voice": Loss of voice, Weak voice) the
clause names one of them, not which: it is read as the set of both (SET_MIN_COSINE), the chip
showing the nearer and each condition scoring its better member (`alternatives`); with a third
as near it says too little and reads nothing. A name whose words go the
opposite way or name another colour is no candidate (`opposites`).

A clause that says the person cannot do something ("can't climb stairs", "never learned to
sit") is read as "unable to <verb> ..." (`inability`; one per verb an "or" joins). Never read:
any other clause with a negation ("no seizures", "doesn't wee much") or saying something is
normal, a relative's clause ("her brother has ..."; `whose`) or a likeness to one ("his dad's
brown eyes"), a clause the phrase table took a sign from, a clause of fewer than two content
words, a term already read. Only a text the phrase table already reads as a description gets
here (`selectors.description_read`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from search.text import fold
from treatments.describe.courses import COURSES, course_marks
from treatments.describe.encoder import one_blas_thread, sentence_encoder_get
from treatments.describe.inability import negated_abilities
from treatments.describe.name_vectors import NameVectors, name_vectors_get
from treatments.describe.opposites import clashing
from treatments.describe.phrase_table import Sign
from treatments.describe.phrasings import PERSISTS, phrase_marks
from treatments.describe.scan import tokens
from treatments.describe.whose import likens_to_a_relative, others_words
from treatments.describe.words import BREAK, NOT, typed_words
from treatments.phenotypes import phenotype_index_get

# Chosen on tuning text only (docs/benchmarks.md, "Twentieth session, meaning").
MIN_COSINE = 0.65
MARGIN = 0.05
# A clause whose nearest terms of two lines are within MARGIN of each other names one of them,
# not which: it is read as the set of the two (one sign's weight, each condition scoring its
# better member, `alternatives`), and as nothing when a third is as near. Chosen on alternate
# halves of the tuning text (docs/benchmarks.md, "Twenty-sixth session, D30").
SET_MIN_COSINE = 0.60
SET_WIDTH = 2
SET_COST = 0.0
MIN_CONTENT = 2  # content words a clause needs ("legs" alone says nothing)
MAX_CLAUSES = 8  # clauses embedded from one description (each costs a few ms)
RUNNERS_UP = 50  # terms looked at for the nearest one of another line
SOURCE = (
    "nearest in meaning to HPO's name \u201c{name}\u201d (all-MiniLM-L6-v2, cosine {cosine:.2f})"
)
_CLAUSE_ENDS = frozenset(",;.!?")
# These join two things said: each side is read on its own.
_JOINERS = frozenset(["and", "but", "so", "because", "while", "also", "plus"])
# A clause that says something is as it should be names no sign ("a normal face"), though
# its words sit near the sign's ("Abnormality of the face").
_FINE = frozenset(["normal", "normally", "fine", "ok", "okay", "healthy", "good", "well"])
# Words that open a clause by saying whose it is: dropped before the clause is embedded.
_SUBJECT = frozenset(
    ["my", "our", "his", "her", "their", "the", "a", "he", "she", "they", "it", "i", "we",
     "hes", "shes", "son", "daughter", "baby", "boy", "girl", "child", "kid", "toddler",
     "teenager", "infant", "has", "have", "had", "is", "are", "was", "were", "gets", "got",
     "also", "then", "now", "just", "still"]
)  # fmt: skip


# The readings the phrase table declined (`recognise`): (the words typed, the sign's HPO id).
Declined = Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Nearest:
    """The nearest term to a clause, its best name and cosine, and the next term's cosine."""

    clause: str
    hpo_id: str
    name: str
    cosine: float
    runner_up: float
    close: tuple[str, ...] = ()  # terms of other lines within MARGIN of it, nearest first


def unread_clauses(text: str, signs: list[Sign]) -> list[str]:
    """The clauses of `text` (as typed, folded) that the meaning reader may read: no word of
    theirs made a sign, no negation but a negated ability (put as "unable to ..."), not a
    relative's, two or more content words."""
    return [embedded for embedded, _said in _unread(text, signs)]


def _unread(text: str, signs: list[Sign]) -> list[tuple[str, str]]:
    """Each clause `unread_clauses` reads, as embedded and as the person typed it (a chip shows
    "can't climb stairs", not the "unable to climb stairs" it was compared as)."""
    folded = fold(text).replace("\u2019", "'").replace("`", "'")
    words = typed_words(folded)
    theirs = others_words(words)
    spans = _clauses(words)
    read = _read_clauses([_typed(words[start:end]) for start, end in spans], signs)
    out: list[tuple[str, str]] = []
    for at, (start, end) in enumerate(spans):
        if at in read or any(i in theirs for i in range(start, end)):
            continue
        said = _without_persisting(words[start:end])
        if likens_to_a_relative(said):
            continue  # "his dad's brown eyes": a likeness, not a sign (E25 read Brown eyelids)
        toks = [(s, w) for s, w in tokens(" ".join(said)) if s != BREAK]
        parts = [said]
        if any(s == NOT for s, _ in toks):
            # "can't climb stairs" names a sign; "no seizures" denies one (`inability`), and
            # "can't turn his head well" says it is not well.
            parts = [part.split() for part in negated_abilities(said)]
        elif _FINE & set(said):
            continue
        if sum(s not in COURSES | {NOT} for s, _ in toks) < MIN_CONTENT:
            continue
        out.extend((_without_subject(part), _without_subject(said)) for part in parts)
    return out[:MAX_CLAUSES]


def _without_persisting(said: list[str]) -> list[str]:
    """The clause without the words that say its sign stays ("that won't go away"): to the
    encoder they say that something goes away (`phrasings`)."""
    drop = {
        i
        for at, (end, token) in phrase_marks(said).items()
        if token == PERSISTS
        for i in range(at, end)
    }
    return [word for i, word in enumerate(said) if i not in drop] if drop else said


def _typed(said: list[str]) -> set[str]:
    return {w for s, w in tokens(" ".join(said)) if s not in COURSES}


def _read_clauses(clauses: list[set[str]], signs: list[Sign]) -> set[int]:
    """The clauses a sign was read from: the one(s) holding all its words, else every clause
    with a word of it ("short arms and legs" is one reading). A body part named again in a
    clause of its own is not read by the sign of another ("pain in his knee ..., the knee
    is swollen": the second clause is still to read)."""
    read: set[int] = set()
    for sign in signs:
        said = set(sign.words.split())
        whole = [i for i, words in enumerate(clauses) if said <= words]
        read.update(whole or (i for i, words in enumerate(clauses) if said & words))
    return read


def _without_subject(words: list[str]) -> str:
    """The clause without who it is about ("my son has", "she is"): HPO's names name no one,
    and the person's words only pull every clause toward the same names."""
    at = 0
    while at < len(words) - 1 and (words[at] in _SUBJECT or words[at].endswith("'s")):
        at += 1
    return " ".join(words[at:])


def _clauses(words: list[str]) -> list[tuple[int, int]]:
    # The "and" of a course ("stiffer and stiffer", "comes and goes") joins nothing.
    course = {i for at, (end, _) in course_marks(words).items() for i in range(at, end)}
    spans, start = [], 0
    for i, word in enumerate(words):
        if word in _CLAUSE_ENDS or (word in _JOINERS and i not in course):
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(words)))
    return [(s, e) for s, e in spans if s < e]


def nearest_terms(clauses: list[str], vectors: NameVectors, skip: set[str]) -> list[Nearest]:
    """For each clause, the term whose name is nearest in meaning, and the cosine of the nearest
    term off its line (terms in `skip` are neither)."""
    if not clauses:
        return []
    queries = sentence_encoder_get().encode(clauses)
    with one_blas_thread():
        cosines = queries @ vectors.matrix.T  # (clauses, names)
    cosines[:, vectors.mute] = -1.0  # "slow to learn" is no "Slowness" (Lethargy)
    for row, clause in enumerate(clauses):
        cosines[row, clashing(clause, vectors.sides)] = -1.0  # "long arms" is no Short arms
    per_term = np.maximum.reduceat(cosines, vectors.term_starts, axis=1)  # (clauses, terms)
    blocked = [vectors.term_position[hpo_id] for hpo_id in skip if hpo_id in vectors.term_position]
    per_term[:, blocked] = -1.0
    related = _relatives_of(vectors)
    out = []
    for row, clause in enumerate(clauses):
        ranked = np.argsort(-per_term[row])[:RUNNERS_UP]
        best = int(ranked[0])
        # The margin is over the nearest term of another line: a term's parent or child
        # (Difficulty climbing stairs, Difficulty walking up stairs) says the same thing.
        kin = related(vectors.terms[best])
        second = next((int(t) for t in ranked[1:] if vectors.terms[t] not in kin), int(ranked[-1]))
        close: list[str] = []
        for t in ranked[1:]:
            if per_term[row, best] - per_term[row, t] >= MARGIN or len(close) > SET_WIDTH:
                break
            if vectors.terms[t] not in kin:
                close.append(vectors.terms[t])
                kin = kin | related(vectors.terms[t])
        start = vectors.term_starts[best]
        end = vectors.term_starts[best + 1] if best + 1 < len(vectors.terms) else cosines.shape[1]
        name_row = start + int(np.argmax(cosines[row, start:end]))
        out.append(
            Nearest(
                clause=clause,
                hpo_id=vectors.terms[best],
                name=vectors.names[name_row],
                cosine=float(per_term[row, best]),
                runner_up=float(per_term[row, second]),
                close=tuple(close),
            )
        )
    return out


def _relatives_of(vectors: NameVectors) -> Callable[[str], set[str]]:
    """HPO id -> the ids of its ancestors and descendants (itself included), from the
    phenotype index (every annotated term is in it)."""
    index = phenotype_index_get()
    position = index.hpo_position

    def related(hpo_id: str) -> set[str]:
        at = position.get(hpo_id)
        if at is None:
            return {hpo_id}
        lines = np.concatenate([index.ancestors[at], index.descendants[at]])
        return {index.hpo_ids[i] for i in lines.tolist()}

    return related


@dataclass(frozen=True)
class MeaningReading:
    """The signs read by meaning, and for a clause read as a set, its other members."""

    signs: list[Sign]
    sets: dict[str, list[str]]  # HPO id of a sign read as a set -> the set's other members


def meaning_signs(text: str, signs: list[Sign], declined: Declined = ()) -> list[Sign]:
    """The signs read by meaning from the clauses the phrase table read nothing from."""
    return meaning_read(text, signs, declined).signs


def meaning_read(text: str, signs: list[Sign], declined: Declined = ()) -> MeaningReading:
    """Read by meaning the clauses the phrase table read nothing from: one term when its name
    is clearly nearest, a set of at most SET_WIDTH terms when names of several lines are as
    near (the chip shows the nearest). A clause whose nearest is a sign the phrase table
    declined there (`declined`: "a massive bruise" is no Bruising susceptibility) is left as
    the phrase table left it; its nearest may be another sign ("her teeth are yellow": no
    Jaundice, but Yellow-brown discoloration of the teeth)."""
    reading = MeaningReading([], {})
    clauses = _unread(text, signs)
    if not clauses:
        return reading
    said_as = dict(clauses)
    vectors = name_vectors_get()
    if vectors is None:
        return reading
    taken = {sign.hpo_id for sign in signs}
    for near in nearest_terms([embedded for embedded, _said in clauses], vectors, taken):
        said = said_as[near.clause]
        if near.hpo_id in taken or near.hpo_id in _declined_in(said, declined):
            continue
        if near.close:
            if near.cosine < SET_MIN_COSINE or len(near.close) >= SET_WIDTH:
                continue
        elif near.cosine < MIN_COSINE:
            continue
        members = [m for m in near.close if m not in taken | _declined_in(said, declined)]
        taken.update([near.hpo_id, *members])
        source = SOURCE.format(name=near.name, cosine=near.cosine)
        reading.signs.append(Sign(near.hpo_id, said, False, source, False))
        if members:
            reading.sets[near.hpo_id] = members
    return reading


def _declined_in(said: str, declined: Declined) -> set[str]:
    """The signs the phrase table declined from words all in the clause `said`."""
    words = set(said.split())
    return {hpo_id for typed, hpo_id in declined if set(typed.split()) <= words}

"""Words that name two signs: each condition scores the better of them.

The same words can be a curated everyday row of one HPO term and an HPO label or synonym of
another off its line ("walks unsteady": the row's Gait ataxia, HPO's Unsteady gait; "stiff
muscles": the row's Spasticity, HPO's Muscle stiffness). The reading shows one sign per phrase
(the first, as the phrase table ranks them); the family ranking reads the phrase as the set of
the terms its very words name, and a condition earns, for that sign, the best score of any
member (a max, never a sum), a member other than the first costing ALTERNATIVE_COST.
Alternatives on the sign's own line (an ancestor or a narrower term) are left out: the ranking
already credits those through the hierarchy. The set also holds the terms HPO gives the sign's
own label to (`shared_names`: "Small for gestational age" is SGA's label and a synonym of
Intrauterine growth retardation; "Respiratory distress" is in Neonatal respiratory distress's
"Newborn respiratory distress"): whichever of them a condition lists, the words named it
("Twenty-eighth session, G32"). Family path only: the clinicians' ranking scores the terms it
is given. Tried and measured in docs/benchmarks.md, "Twenty-fifth session, D29".
The set also holds the terms an HPO name of which holds every word of the sign and one word
more (`names_holding`: "fingers short" reads Short finger, and Brachydactyly's "Short fingers or
toes" holds the words), and the read term's own parents that are signs, not grouping classes
(`sign_parents`): a sibling of the read term ("Neonatal hypotonia" read, "Generalized hypotonia"
listed) shares only the parent, and the hierarchy alone charged it the whole step the read term
is narrower by, so it scored like no match ("Twenty-ninth session, G33").
The meaning reader's sets (a clause as near two terms' names, `meaning`) are scored the same way.
A recurring sign read from its plural alone ("fevers") is read with the sign once (Fever) at no
cost (`plural_once`): most conditions that list fever list Fever, not Recurrent fever (D31).
A read term HPO builds as the meeting of two signs or more (Hepatosplenomegaly is_a Hepatomegaly
and is_a Splenomegaly) is met by a condition that lists every one of those parents though not
the term (`meeting_scores`): it earns the read term's own score at the lowest of its parents'
frequencies (both signs are there at most as often as the rarer), never more, with no member's
cost; a condition listing only some of them keeps the one parent's score ("Thirtieth session",
C34).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from treatments.describe.courses import course_marks
from treatments.describe.lexicon import HPO_SOURCE
from treatments.describe.phrase_table import PhraseTable, Sign
from treatments.describe.scan import tokens
from treatments.describe.typos import mended_stem
from treatments.describe.words import BREAK, NOT
from treatments.phenotypes.index import PhenotypeIndex
from treatments.phenotypes.scoring import RankWeights, frequencies, sign_scores, specificity

# Chosen on the description tuning sets (0, 0.5, 1.5, 2.5; every source tried is in
# docs/benchmarks.md): an alternative is a second reading, worth less than the first.
ALTERNATIVE_COST = 1.5
# The phrase table's priorities of HPO's own names: label, layperson synonym, exact synonym.
HPO_NAME_PRIORITIES = frozenset([1, 2, 3])
LABEL_PRIORITY = 1
# HPO names its grouping classes so ("Abnormality of the face", "Abnormal skin morphology",
# "Aplasia/Hypoplasia of the thumb"): an organ or a shape, not a sign a family describes.
GROUPING_NAMES = ("Abnormal ", "Abnormality ", "Aplasia/Hypoplasia ")


def same_words(sign: Sign, table: PhraseTable) -> list[str]:
    """Other terms the very same words name in the phrase table (stems as the reader reads
    them, a negation only with a negation)."""
    stems = [mended_stem(w, table) or s for s, w in tokens(sign.words) if s != BREAK]
    content = set(stems) - {NOT}
    out = []
    for i in table.complete(set(stems)):
        phrase = table.phrases[i]
        if phrase.hpo_id == sign.hpo_id or (set(phrase.stems) - {NOT}) != content:
            continue
        if (NOT in phrase.stems) == (NOT in stems):
            out.append(phrase.hpo_id)
    return list(dict.fromkeys(out))


def alternatives_get(
    index: PhenotypeIndex, table: PhraseTable, signs: Sequence[Sign]
) -> dict[str, list[str]]:
    """HPO id of each sign -> the terms off its line its words also name (signs with some)."""
    out: dict[str, list[str]] = {}
    for sign in signs:
        term = index.hpo_position.get(sign.hpo_id)
        if term is None:
            continue
        line = set(index.ancestors[term].tolist()) | set(index.descendants[term].tolist())
        named = [*same_words(sign, table), *shared_names(sign.hpo_id, table)]
        found = [
            hpo_id
            for hpo_id in [*named, *names_holding(sign, table)]
            if (at := index.hpo_position.get(hpo_id)) is not None and at not in line
        ]
        found += sign_parents(index, term)  # on the line, but scored without the lost step
        if found:
            out[sign.hpo_id] = list(dict.fromkeys(found))
    return out


def names_holding(sign: Sign, table: PhraseTable) -> list[str]:
    """The terms an HPO name of which holds every word the sign was read from and one word
    more ("fingers short": Brachydactyly's "Short fingers or toes"; "small chin":
    Microretrognathia's "Small retruded chin"). Two words or more: one word is in too many."""
    stems = [mended_stem(w, table) or s for s, w in tokens(sign.words) if s != BREAK]
    content = set(stems)
    if len(content) < 2 or NOT in content:
        return []
    postings = [table.by_stem.get(s, ()) for s in content]
    if not all(postings):
        return []
    out = []
    for i in sorted(set(postings[0]).intersection(*postings[1:])):
        phrase = table.phrases[i]
        if phrase.priority not in HPO_NAME_PRIORITIES or phrase.source != HPO_SOURCE:
            continue  # a curated row or a derived phrasing is ours, not HPO's name
        if NOT in phrase.stems or len(set(phrase.stems) - content) > 1:
            continue
        if phrase.hpo_id != sign.hpo_id:
            out.append(phrase.hpo_id)
    return list(dict.fromkeys(out))


def sign_parents(index: PhenotypeIndex, term: int) -> list[str]:
    """The term's own parents that are signs, not HPO's grouping classes ("Abnormality of the
    chin"): a sibling read ("Neonatal hypotonia" where a condition lists "Generalized
    hypotonia") then earns the parent's score less the member's cost, where the hierarchy alone
    charged it the whole step the read term is narrower by."""
    above = set(index.ancestors[term].tolist()) - {term}
    higher = {a for b in above for a in index.ancestors[b].tolist() if a != b}
    return [
        index.hpo_ids[p]
        for p in sorted(above - higher)
        if not index.names[p].startswith(GROUPING_NAMES)
    ]


def shared_names(hpo_id: str, table: PhraseTable) -> list[str]:
    """The other terms HPO gives this term's label to: the label, stem for stem, is another
    term's label or synonym (two words or more: "ASD" abbreviates both Autistic behavior and
    Atrial septal defect). Only the label: a synonym of this term shared with a third ("Infant
    head lag" of Poor head control, "Head lag" of Persistent head lag) says less."""
    labels, named = _hpo_names(table)
    return sorted({other for stems in labels.get(hpo_id, ()) for other in named[stems]} - {hpo_id})


_HpoNames = tuple[dict[str, set[frozenset[str]]], dict[frozenset[str], set[str]]]
_hpo_names_of: list[tuple[PhraseTable, _HpoNames]] = []


def _hpo_names(table: PhraseTable) -> _HpoNames:
    """(HPO id -> the stems of its HPO label, stems -> the ids whose label or synonym it is),
    kept for the last phrase table (a new data version builds a new one)."""
    if _hpo_names_of and _hpo_names_of[0][0] is table:
        return _hpo_names_of[0][1]
    labels: dict[str, set[frozenset[str]]] = {}
    named: dict[frozenset[str], set[str]] = {}
    for phrase in table.phrases:
        stems = frozenset(phrase.stems)
        if phrase.priority not in HPO_NAME_PRIORITIES or phrase.source != HPO_SOURCE:
            continue  # a curated row or a derived phrasing is ours, not HPO's name
        if NOT in stems or len(stems) < 2:
            continue
        if phrase.priority == LABEL_PRIORITY:
            labels.setdefault(phrase.hpo_id, set()).add(stems)
        named.setdefault(stems, set()).add(phrase.hpo_id)
    _hpo_names_of[:] = [(table, (labels, named))]
    return labels, named


def plural_once(
    index: PhenotypeIndex, table: PhraseTable, signs: Sequence[Sign]
) -> dict[str, list[str]]:
    """A recurring sign read from its plural alone ("fevers", "ear infections") also names the
    sign once (Fever, Otitis media): a family's plural may say it recurs or only that it was
    there. HPO id of each such sign -> the term of its name without "Recurrent" (an ancestor)."""
    out: dict[str, list[str]] = {}
    for sign in signs:
        term = index.hpo_position.get(sign.hpo_id)
        name = index.names[term].lower() if term is not None else ""
        if not name.startswith("recurrent ") or not _read_from_plural(sign, table):
            continue
        once = name.removeprefix("recurrent ").rstrip("s")  # "infections": "infection"
        found = [
            index.hpo_ids[a]
            for a in index.ancestors[term].tolist()
            if index.names[a].lower().rstrip("s") == once
        ]
        if found:
            out[sign.hpo_id] = found
    return out


def _read_from_plural(sign: Sign, table: PhraseTable) -> bool:
    """Was `sign` read through a row whose plural alone says it recurs (its very words)?"""
    if course_marks(sign.words.lower().split()):
        return False  # "keeps getting ear infections" says it recurs
    stems = {mended_stem(w, table) or s for s, w in tokens(sign.words) if s != BREAK}
    return any(
        p.plural and p.hpo_id == sign.hpo_id and set(p.stems) == stems
        for i in table.complete(stems)
        for p in (table.phrases[i],)
    )


def alternative_credit(
    index: PhenotypeIndex,
    weights: RankWeights,
    signs: Iterable[tuple[str, list[str]]],
    cost: float = ALTERNATIVE_COST,
    meetings: bool = False,
) -> np.ndarray:
    """Per condition, what the best alternative of each sign adds over the sign's own score
    (never below 0: a condition keeps its own score when an alternative fits it worse).
    `meetings`: a sign that is the meeting of its sign parents also counts as met by a
    condition listing them all (`meeting_scores`; once per sign, so only for one set)."""
    n = len(index.condition_ids)
    extra = np.zeros(n)
    for hpo_id, others in signs:
        term = index.hpo_position.get(hpo_id)
        if term is None or not others:
            continue
        own = _scores(index, term, weights)
        best = own.copy()
        for other in others:
            at = index.hpo_position.get(other)
            if at is not None:
                np.maximum(best, _scores(index, at, weights) - cost, out=best)
        if meetings:
            np.maximum(best, meeting_scores(index, term, weights), out=best)
        extra += best - own
    return extra


def meeting_scores(index: PhenotypeIndex, term: int, weights: RankWeights) -> np.ndarray:
    """Per condition, what it earns for `term` by listing every one of the term's two or more
    sign parents (itself or a narrower term) without the term: the term's own score at the
    lowest of those parents' frequencies, the most listing the term there could earn. Every
    other condition: -inf (it keeps its own score)."""
    n = len(index.condition_ids)
    out = np.full(n, -np.inf)
    parents = [index.hpo_position[p] for p in sign_parents(index, term)]
    if len(parents) < 2:
        return out
    lowest = np.ones(n)
    listed = np.zeros(n, dtype=int)
    for p in parents:
        conds = index.term_conditions[p]
        freq = frequencies(index.term_freq[p], weights)
        listed[conds] += 1
        lowest[conds] = np.minimum(lowest[conds], freq)
    meet = listed == len(parents)
    meet[index.term_conditions[term]] = False  # listing the term: its own score already
    ic = specificity(index, weights)[term]  # as the ranking weighs IC
    credit = weights.frequency_weight * np.log(np.maximum(lowest[meet], 1e-3))
    out[meet] = ic + credit
    return out


# A set's members recur across descriptions (a parent such as Growth delay, Pain): their
# scores are kept per index version and weights, SCORES_KEPT terms at most (120 kB each).
SCORES_KEPT = 128
_kept_scores: dict[tuple[str, RankWeights, int], np.ndarray] = {}


def _scores(index: PhenotypeIndex, term: int, weights: RankWeights) -> np.ndarray:
    key = (index.version, weights, term)
    scores = _kept_scores.get(key)
    if scores is None:
        if len(_kept_scores) >= SCORES_KEPT:
            _kept_scores.clear()
        scores = _kept_scores[key] = sign_scores(index, term, len(index.condition_ids), weights)
        scores.flags.writeable = False
    return scores

"""Find the signs a description names: plain Python over a phrase table, no database.

Both the phrase table and the query go through the same `normalise`: words folded, contractions
opened ("can't" -> "can not"), negations reduced to one token (NOT), filler and person words
dropped ("my", "baby", "his") and each word stemmed. A phrase then matches when all its stems
occur close together in the query, in any order ("muscles are weak" = "weak muscles").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from search.text import fold
from treatments.describe.typos import mended_stem
from treatments.describe.whose import others_words
from treatments.describe.words import (  # noqa: F401 (stem and NOT are used from here too)
    _NEGATED_VERB,
    _NOT_CONTRACTIONS,
    _WORD,
    BODY_PARTS,
    BREAK,
    COURSES,
    FILLER,
    NEGATORS,
    NOT,
    course_marks,
    stem,
)

# After "and", these verbs and subjects start a new clause: no phrase reaches back across them.
_NEW_CLAUSE = frozenset(
    ["has", "have", "had", "is", "was", "are", "were", "gets", "got", "keeps", "does", "did",
     "can", "can't", "cannot", "doesn't", "didn't", "won't", "will", "also",
     "he", "she", "they", "it", "we", "i"]
)  # fmt: skip


# A word after one of these ("lumps on the skin") names where a sign is, not what it is like.
_PLACE_WORDS = frozenset(["on", "in", "under", "around", "of", "at", "over", "near", "inside"])
# Body and sign words that a verb beside them turns into an ordinary word (English phrasal
# verbs): "back" after a verb of coming or going is "again" ("cold sores keep coming back",
# "fevers come back", "wee goes back up"), not the back; "falls asleep" is sleeping, not falls.
_RETURN_VERBS = frozenset(
    ["come", "comes", "coming", "came", "go", "goes", "going", "went", "gone", "bring",
     "brings", "bringing", "brought", "grow", "grows", "growing", "grew", "grown"]
)  # fmt: skip
_FALL_FORMS = frozenset(["fall", "falls", "fell", "falling", "fallen"])
# A word that describes the noun right after it, not a sign of its own: "shaking fits" are
# seizures (not a tremor), "pale blue eyes" are blue eyes (not pallor), "lost his hearing
# aids" lost a device (not his hearing).
_DESCRIBES_NEXT = {
    "shaking": frozenset(["fit", "fits", "seizure", "seizures", "convulsion", "convulsions"]),
    "pale": frozenset(["blue", "green", "grey", "gray", "brown", "pink", "yellow", "hazel"]),
    "hearing": frozenset(["aid", "aids"]),
}
# "weak" right before the word it describes is a weakness of that thing, not of the person:
# "a weak pee stream", "a weak cry", "a weak grip". Alone it may still read as a sign of its
# own ("he is weak", "weak and tired"); joined to the next word it reads only as a phrase
# with it ("weak legs", "weak cry").
_QUALIFIES_NEXT = frozenset(["weak", "weaker"])
# "no sign of a rash", "no history of seizures": the negation is the sign's, across these.
_NEGATION_REACHES_OVER = frozenset(["sign", "signs", "history", "evidence"])
# Words after "weak" that say when or how, not what is weak (filler words are dropped anyway).
_NOT_QUALIFIED = frozenset(["during", "until", "while", "today", "tonight", "lately"])
_PERSONS = frozenset(
    ["baby", "babies", "child", "children", "kid", "kids", "son", "sons", "daughter", "boy",
     "boys", "girl", "girls", "toddler", "teenager", "teen", "infant", "newborn", "man", "woman"]
)  # fmt: skip
# A pronoun stands for the body part named last ("her knee swells, it's stiff"; "his eyes
# shake, bright light hurts them"): "it" for a singular part, "them" for a plural one.
_PRONOUNS = {"it": False, "its": False, "them": True}
_DETERMINERS = frozenset(["the", "a", "an", "my", "his", "her", "their", "our", "your", "its"])
# "a lot of X" says how much X, so it is one token: "drinks a lot of alcohol" is no "drinks a
# lot" (Polydipsia), while "lots of infections" still reads as its own phrase.
LOT_OF = "~lotof"
_PRENATAL = stem("prenatal")
IN_FRONT_OF = "~infront"
# "many" and "several" say what HPO's "Multiple" says, before the things there are many of
# ("many times" is a course, "how many" a question).
MANY = stem("multiple")
_MANY = frozenset(["many", "several"])
_MANY_NOT = frozenset(["times", "years", "months", "weeks", "days", "people", "doctors"])
# "a boy or a girl" is one token: not knowing which is HPO's Ambiguous genitalia.
BOY_OR_GIRL = "~boyorgirl"
_OTHER_SEX = {"boy": "girl", "girl": "boy", "male": "female", "female": "male"}
_COPULAS = frozenset(["is", "are", "was", "were", "looks", "look", "seems", "seem"])
# "and his skin burns": a possessive after "and" starts a new clause too, so no word before
# "and" is shared with what follows ("swollen glands and his skin" is no swollen skin).
_POSSESSIVES = frozenset(["my", "his", "her", "their", "our", "your"])


def tokens(text: str) -> list[tuple[str, str]]:
    """(stem, word as typed) pairs of `text`; negations become NOT, punctuation BREAK, filler is
    dropped."""
    return [(s, w) for s, w, *_ in _scan(text)[0]]


def _scan(
    text: str,
) -> tuple[list[tuple[str, str, bool, bool, bool]], frozenset[int], frozenset[int], frozenset[int]]:
    """The tokens, each with whether it follows a place word ("on the skin"), whether it is
    the first word after "and" / "or" ("weak arms and legs") and whether it follows "is" after
    a word kept ("the nipple is small": said of the nipple); and the positions of the
    `_QUALIFIES_NEXT` words typed right before another kept word ("weak" in "weak stream"),
    of the first words after "or" ("cannot run or jump") and of the tokens said of someone
    else ("her brother has seizures")."""
    folded = fold(text).replace("\u2019", "'").replace("`", "'")
    out: list[tuple[str, str, bool, bool, bool]] = []
    previous, placed, joined = "", False, False
    kept, subject_kept = False, False  # was the word before (before the copula) a sign word?
    last_part: dict[bool, tuple[str, str]] = {}  # plural? -> (stem, word) of the last body part
    qualifying: set[int] = set()
    listed, after_or = False, set()  # an "or" (and filler) since the last word kept
    words = [match.group(0) for match in _WORD.finditer(folded)]
    marks = course_marks(words)
    others = others_words(words)
    origin: list[int] = []  # the word each token came from
    at = 0
    while at < len(words):
        if others:  # only a text about a relative needs to know where each token came from
            _note_origin(origin, len(out), at - 1)
        if at in marks:  # "keeps getting", "comes and goes": one course token
            end, course = marks[at]
            if previous == "and" and words[at] in _NEW_CLAUSE and out and out[-1][0] != BREAK:
                out.append((BREAK, previous, False, False, False))  # "and keeps getting"
            predicated = previous in _COPULAS and subject_kept
            subject_kept, kept = kept, False
            after_and = previous in ("and", "or") or joined
            out.append((course, " ".join(words[at:end]), placed, after_and, predicated))
            listed = False
            previous, placed, joined, at = words[end - 1], False, False, end
            continue
        typed, before, previous = words[at], previous, words[at]
        at += 1
        predicated = before in _COPULAS and subject_kept
        subject_kept, kept = kept, False
        after_place, was_joined = placed, joined
        placed = typed in _PLACE_WORDS or (placed and typed in _DETERMINERS)
        joined = typed in ("and", "or") or (joined and typed in FILLER)
        was_listed, listed = listed, typed in ("or", "nor") or (listed and typed in FILLER)
        # "bites her hands and has tantrums": "and has" starts a new clause, as a comma does.
        # "a short boy with a wide neck": what comes before the person describes the person.
        if typed == "," and _lists_qualities(words, at, before, out):
            joined = True  # "thick, red and sweaty skin": the comma is an "and"
            continue
        if (
            typed in ",;.!?"
            or (before == "and" and typed in _NEW_CLAUSE | _POSSESSIVES)
            or (typed in ("with", "who") and before in _PERSONS)
        ):
            joined = False
            if out and out[-1][0] != BREAK:
                out.append((BREAK, typed, False, False, False))
            if typed in ",;.!?":
                continue
        if typed.endswith("'s"):
            typed = typed[:-2]
        word = typed.replace("'", "")
        if word == "back" and before in _RETURN_VERBS:
            continue  # "coming back": again, not the body part
        if word == "asleep" and before in _FALL_FORMS and out and out[-1][1] == before:
            out.pop()  # "falls asleep": sleeping, not falls
        if word in _DESCRIBES_NEXT.get(before, ()) and out and out[-1][1] == before:
            out.pop()  # "shaking fits": the fits are what is seen
        after_and = before in ("and", "or") or was_joined  # "and with fevers" too
        if word in _PRONOUNS and _PRONOUNS[word] in last_part:
            out.append((*last_part[_PRONOUNS[word]], after_place, after_and, False))
            joined = False
            continue
        if word == "of" and out and out[-1][1] in ("lot", "lots") and before == out[-1][1]:
            out[-1] = (LOT_OF, *out[-1][1:])
            continue
        if word in _NEGATION_REACHES_OVER and out and out[-1][0] == NOT and out[-1][1] == before:
            continue
        if word == "free" and out and out[-1][0] not in (NOT, BREAK) and out[-1][1] == before:
            # "seizure free", "seizure-free": said to be absent, as "no seizures" is
            out.insert(len(out) - 1, (NOT, word, False, False, False))
            continue
        if word in _MANY and at < len(words) and words[at] not in FILLER | _MANY_NOT:
            # "many bony lumps" is HPO's "Multiple exostoses", where "a bony lump" is not
            out.append((MANY, word, after_place, after_and, predicated))
            joined, kept = False, True
            continue
        if _boy_or_girl(words, at - 1):
            out.append((BOY_OR_GIRL, "boy or girl", after_place, after_and, predicated))
            joined, kept = False, True
            continue
        negation = word in NEGATORS or word in _NOT_CONTRACTIONS
        if negation or ("'" in typed and _NEGATED_VERB.match(typed)):
            if not out or out[-1][0] != NOT:
                out.append((NOT, typed, False, False, False))
        elif word not in FILLER and len(word) > 1:
            # "before birth" is HPO's "prenatal": "tiny before birth" is no "tiny at birth".
            prenatal = word == "birth" and before == "before"
            word_stem = _PRENATAL if prenatal else stem(word)
            # "in front of" places a thing before another ("spots in front of her eyes", "a
            # pit in front of the ear"); "the front of the eye" is the eye's own front.
            if word == "front" and before == "in" and at < len(words) and words[at] == "of":
                word_stem = IN_FRONT_OF
            out.append((word_stem, word, after_place, after_and, predicated))
            joined, kept = False, True
            if was_listed:
                after_or.add(len(out) - 1)
            if (
                len(out) > 1
                and out[-2][1] in _QUALIFIES_NEXT
                and out[-2][1] == before
                and word not in _NOT_QUALIFIED
                and not word.endswith("ly")
            ):
                qualifying.add(len(out) - 2)
            if out[-1][0] in BODY_PARTS:
                last_part[_is_plural(word, out[-1][0])] = (out[-1][0], word)
    if others:
        _note_origin(origin, len(out), len(words) - 1)
    theirs = frozenset(i for i, w in enumerate(origin) if w in others)
    return out, frozenset(qualifying), frozenset(after_or), theirs


def _lists_qualities(
    words: list[str], at: int, before: str, out: list[tuple[str, str, bool, bool, bool]]
) -> bool:
    """Is the comma before `words[at]` one of a list of qualities of one thing? "thick, red
    and sweaty skin", "her skin is thick, red and sweaty": one word follows it, then "and"
    and a word that starts no new clause. A comma after or before a part ("seizures, weak
    legs and poor feeding", "thick knuckle pads, clubbed fingers") still ends what was said,
    as one before a clause does ("his arm is bent, pain and he can't move")."""
    if at + 2 >= len(words) or not out or out[-1][1] != before or out[-1][0] in BODY_PARTS:
        return False
    quality, then, after = words[at], words[at + 1], words[at + 2]
    if quality in FILLER or quality in NEGATORS or not quality.isalpha():
        return False
    if stem(quality) in BODY_PARTS:
        return False
    return then in ("and", "or") and after not in _NEW_CLAUSE | _POSSESSIVES


def _boy_or_girl(words: list[str], at: int) -> bool:
    """Is `words[at]` the second of "a boy or a girl" ("girl or boy")? Person words are filler,
    but "could not tell if she was a boy or a girl" is about the body, not who."""
    other = _OTHER_SEX.get(words[at])
    if other is None:
        return False
    before = [w for w in words[max(0, at - 3) : at] if w not in ("a", "an")]
    return before[-2:] == [other, "or"]


def _note_origin(origin: list[int], size: int, word: int) -> None:
    """Tokens added since the last call came from `word` (a token popped is forgotten)."""
    del origin[size:]
    origin.extend([word] * (size - len(origin)))


def _is_plural(word: str, word_stem: str) -> bool:
    """ "eyes", "feet", "teeth" (not "knee", "hair", "tummy")."""
    return word != word_stem and (word.endswith("s") or word in ("feet", "teeth"))


def normalise(text: str) -> tuple[str, ...]:
    """The stems of a phrase, in order (what the phrase table is keyed by)."""
    return tuple(s for s, _ in tokens(text) if s != BREAK)


# Words a name may lose without changing what it means (function words and intensifiers).
_FUNCTION_WORDS = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "and", "or", "by", "very",
     "really", "quite", "too", "so", "much", "many", "always", "all"]
)  # fmt: skip


def stands_alone(name: str) -> bool:
    """False for a name that keeps one word after filler is dropped but lost a meaningful one:
    "Big baby" is not "big", "Out-toeing" is not "toe" ("very short" and "can't talk" are fine)."""
    stems = [s for s in normalise(name) if s != NOT]
    if len(stems) != 1:
        return True
    kept = [s for s, _ in tokens(name) if s not in (NOT, BREAK)]
    words = [w for w in _WORD.findall(fold(name)) if w not in ",;.!?"]
    meaningful = [
        w for w in words
        if w not in _FUNCTION_WORDS and w.replace("'", "") not in NEGATORS | _NOT_CONTRACTIONS
        and not _NEGATED_VERB.match(w)
    ]  # fmt: skip
    return len(meaningful) <= len(kept)


@dataclass(frozen=True)
class Phrase:
    """One way of naming a sign: its stems, the HPO term it means and how trusted it is."""

    stems: tuple[str, ...]
    hpo_id: str
    priority: int  # 0 curated everyday phrase, 1 HPO name, 2 layperson synonym, 3 exact, 4-5 other
    source: str = ""
    compound: bool = False  # one hyphenated word ("Red-weak"): its parts must stand together
    plural: str = ""  # a stem that must be typed in the plural ("fevers" recur, "a fever" not)
    triggered: bool = False  # the sign said with what sets it off ("cramps in the cold")


@dataclass(frozen=True)
class Sign:
    """A sign found in the description: the HPO term and the words the user used for it."""

    hpo_id: str
    words: str
    negated: bool = False  # "no seizures": said to be absent, so not used for ranking
    source: str = ""
    # "her brother has seizures": someone else's sign (family history), not used for ranking
    relative: bool = False


@dataclass
class PhraseTable:
    """Phrases indexed by each of their stems, for matching a short query quickly."""

    phrases: list[Phrase] = field(default_factory=list)
    by_stem: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    known_stems: set[str] = field(default_factory=set)
    # The stems of the curated everyday phrasings: the words a phone's slip is mended into.
    everyday_stems: set[str] = field(default_factory=set)
    # by_stem as arrays, with each phrase's number of distinct stems: built on first match,
    # dropped whenever phrases change (counting hits in a Python loop was the reader's cost).
    _arrays: tuple[dict[str, np.ndarray], np.ndarray] | None = field(
        default=None, repr=False, compare=False
    )

    def add(self, phrase: Phrase) -> None:
        """Add a phrase (duplicates of a stem tuple keep the best priority first)."""
        content = [s for s in phrase.stems if s != NOT and s not in COURSES]
        if not content or (len(content) == 1 and len(content[0]) < 3):
            return
        self._arrays = None
        index = len(self.phrases)
        self.phrases.append(phrase)
        for s in set(phrase.stems):
            self.by_stem[s].append(index)
        self.known_stems.update(phrase.stems)

    def extend(self, phrases: Iterable[Phrase]) -> None:
        """Add many phrases."""
        for phrase in phrases:
            self.add(phrase)

    def reindex(self) -> None:
        """Rebuild by_stem from the phrases (after they were reordered or edited)."""
        self.by_stem.clear()
        for index, phrase in enumerate(self.phrases):
            for s in set(phrase.stems):
                self.by_stem[s].append(index)
        self._arrays = None

    def complete(self, stems: Iterable[str]) -> list[int]:
        """The phrases (indices, ascending) whose every distinct stem is among `stems`."""
        if self._arrays is None:
            postings = {s: np.asarray(v, dtype=np.int64) for s, v in self.by_stem.items()}
            needed = np.array([len(set(p.stems)) for p in self.phrases], dtype=np.int64)
            self._arrays = (postings, needed)
        postings, needed = self._arrays
        lists = [postings[s] for s in set(stems) if s in postings]
        if not lists:
            return []
        ids, hits = np.unique(np.concatenate(lists), return_counts=True)
        return ids[hits == needed[ids]].tolist()


MAX_GAP = 2  # words allowed between the words of one phrase ("weak in the legs")


def _span(
    positions: dict[str, list[int]],
    stems: tuple[str, ...],
    breaks: list[int],
    taken: frozenset[int] = frozenset(),
    joined: frozenset[int] = frozenset(),
    apart: frozenset[int] = frozenset(),
) -> tuple[int, ...] | None:
    """The tightest choice of one position per stem, within one clause and avoiding `taken`.

    A phrase does not skip over both sides of an "and" (`joined`: the first word after one),
    nor takes both the word before an "and" and the word after it where the "and" starts a
    new predicate (`apart`: the word after it).
    """
    best: tuple[int, ...] | None = None
    choices: list[tuple[int, ...]] = [()]
    order = list(dict.fromkeys(stems))
    for s in order:
        free = [p for p in positions[s] if p not in taken]
        choices = [(*c, p) for c in choices for p in free if p not in c][:64]
    negation = order.index(NOT) if NOT in order else None
    for choice in choices:
        width = max(choice) - min(choice) + 1
        if width > len(choice) + MAX_GAP or any(min(choice) < b < max(choice) for b in breaks):
            continue
        if _skips_and(choice, joined) or any(p in apart and p - 1 in choice for p in choice):
            continue
        # A phrase's negation negates what follows it closely ("can't sit or walk"): in "not
        # gaining weight and his sweat", "not" is not "can't sweat".
        if negation is not None and not {choice[negation] + 1, choice[negation] + 2} & set(choice):
            continue
        if best is None or width < max(best) - min(best) + 1:
            best = choice
    return best


def _skips_and(choice: tuple[int, ...], joined: frozenset[int]) -> bool:
    """Does the phrase leave out a word before "and" and the word after it? "missing teeth
    and patchy hair" is not "missing hair" ("elbows and ankles are stiff" is "elbows stiff")."""
    skipped = [p for p in range(min(choice) + 1, max(choice)) if p not in choice]
    after = [p for p in skipped if p in joined]
    return bool(after) and any(p < after[-1] and p not in joined for p in skipped)


def recognise(query: str, table: PhraseTable) -> list[Sign]:
    """The signs `query` names, longest and most trusted phrases first, without overlaps.

    Phrases may share their last word ("dry thin skin" is dry skin and thin skin), and their
    first word across "and" ("weak arms and legs" is weak arms and weak legs), nothing else.
    """
    scanned, qualifying, after_or, theirs = _scan(query)
    # A phone's slip ("siezures") is read as the sign word it was typed for.
    toks = [(s if s.startswith("~") else mended_stem(w, table) or s, w) for s, w, *_ in scanned]
    placed = {i for i, (_, _, after_place, _, _) in enumerate(scanned) if after_place}
    joined = frozenset(i for i, (_, _, _, after_and, _) in enumerate(scanned) if after_and)
    predicated = frozenset(i for i, (*_, after_copula) in enumerate(scanned) if after_copula)
    positions: dict[str, list[int]] = defaultdict(list)
    for i, (s, _) in enumerate(toks):
        positions[s].append(i)
    breaks = positions.get(BREAK, [])
    adverbs = frozenset(i for i, (_, w) in enumerate(toks) if _is_adverb(w, table.known_stems))
    apart = _new_predicates(toks, joined)
    complete = table.complete(positions)
    named = _named_alone(table, complete, positions)
    candidates = []
    for index in complete:
        phrase = table.phrases[index]
        # A one-word phrase never takes a word that describes the next one ("weak stream").
        alone = qualifying if len(set(phrase.stems) - {NOT}) == 1 else frozenset()
        # The person's own words first: "his brother has seizures and so does he".
        span = (_span(positions, phrase.stems, breaks, alone | theirs, joined, apart) if theirs
                else None) or _span(positions, phrase.stems, breaks, alone, joined, apart)  # fmt: skip
        if (
            span is not None
            and _fits(phrase, span)
            and not _adverb_on_part(toks, span, adverbs)
            and not _said_of_an_earlier_word(toks, span, predicated)
            and not _only_partly(toks, phrase, span)
            and not _reaches_past_what_it_describes(toks, span, placed)
            and not _feeling_of_a_part(toks, span, joined)
            and not _singular_for_plural(toks, phrase, span)
            and not _course_apart(toks, span)
            and not _a_setting(toks, span, placed)
            and not (phrase.triggered and _listed(span, joined))
            and not _negation_skips_a_sign(toks, span, named)
        ):
            width = max(span) - min(span)
            # Words in the name's own order first: "a triangular face with a big forehead" is
            # a triangular face and a big forehead before it is a big face.
            reordered = list(span) != sorted(span)
            detached = _leaves_its_part(toks, span, placed)
            # Course words add no length ("legs getting weaker" is weak legs before it is
            # progressive weakness) but win a tie with the same sign said without them.
            sign_words = sum(toks[p][0] not in COURSES for p in span)
            plain = sign_words == len(span)
            # Someone else's signs come last: a sign the person has is read as theirs.
            candidates.append(
                (_said_of_another(span, theirs, toks), -sign_words, detached, plain,
                 phrase.priority, width, reordered, index, span, alone)
            )  # fmt: skip
    candidates.sort()
    body: set[int] = set()  # positions used inside a phrase
    heads: set[int] = set()  # positions used as a phrase's last word (shareable)
    firsts: dict[int, tuple[int, ...]] = {}  # a phrase's first word -> its span
    spans: list[tuple[int, ...]] = []
    signs: list[Sign] = []
    seen: set[str] = set()
    for *_, index, span, alone in candidates:
        phrase = table.phrases[index]
        if _clashes(toks, span, body | (heads & placed), heads - placed) and not _one_noun_both(
            toks, span, spans, body | heads, joined
        ):
            span = _span(
                positions, phrase.stems, breaks, frozenset(body | heads | alone), joined, apart
            ) or _shared_first(positions, phrase.stems, breaks, body | heads, firsts, joined)
            span = span or _shared_tail(positions, phrase.stems, breaks, spans, joined)
            if (
                span is None
                or not _fits(phrase, span)
                or _adverb_on_part(toks, span, adverbs)
                or _said_of_an_earlier_word(toks, span, predicated)
            ):
                continue
        if phrase.hpo_id in seen:
            continue
        seen.add(phrase.hpo_id)
        # Course words are shared: "keeps getting pneumonia and ear infections" says both.
        core = [p for p in span if toks[p][0] not in COURSES]
        body.update(p for p in core if p != max(core))
        heads.add(max(core))
        firsts.setdefault(min(core), span)
        spans.append(span)
        negated = NOT not in phrase.stems and (
            _negated(toks, min(span), body | heads) or _listed_after_not(toks, min(span), after_or)
        )
        if negated:
            body.add(min(span) - 1)
        typed = " ".join(toks[p][1] for p in sorted(span))
        relative = _said_of_another(span, theirs, toks)
        signs.append(Sign(phrase.hpo_id, typed, negated, phrase.source, relative))
    order = {sign.hpo_id: min(_first(toks, sign.words)) for sign in signs}
    return sorted(signs, key=lambda sign: order[sign.hpo_id])


# The weather after a place word says when a sign shows, not what it is: "turns blue in the
# cold" is no Coldness ("his hands feel cold" still is; "cramps in the cold" reads its trigger).
_SETTINGS = frozenset([stem("cold")])


def _listed(span: tuple[int, ...], joined: frozenset[int]) -> bool:
    """Does "and" join two words of the reading? "fits and a fever" lists two signs, where
    "fits with a fever" says what set the fits off."""
    return any(p in joined for p in span if p != min(span))


def _new_predicates(toks: list[tuple[str, str]], joined: frozenset[int]) -> frozenset[int]:
    """The words after "and" that start a new predicate after a described body part: in "very
    thin wasted muscles and tires with exercise" the muscles are wasted and the person tires;
    nothing says the muscles tire. A part that opens its clause is its subject and goes on
    past the "and" ("his ears are low and tilt back"), and two parts are two of one kind
    ("bowed arms and legs")."""
    return frozenset(
        p
        for p in joined
        if p >= 2
        and toks[p - 1][0] in _PARTS
        and toks[p][0] not in _PARTS
        and toks[p - 2][0] not in (BREAK, NOT, *COURSES)
    )


# Two parts joined by "and" are two of one kind ("a big liver and spleen"): the family's body
# parts and the organs and smaller parts HPO's names list in pairs.
_PARTS = BODY_PARTS | frozenset(
    stem(word)
    for word in ["spleen", "thumb", "wrist", "elbow", "ankle", "shoulder", "thigh", "calf",
                 "eyelid", "eyelash", "eyebrow", "jaw", "gum", "palm", "sole", "cheek", "chin",
                 "forehead", "scalp", "throat", "stomach", "bowel", "bladder", "gland", "nipple",
                 "genital", "penis", "testicle", "pupil", "body"]
)  # fmt: skip


def _a_setting(toks: list[tuple[str, str]], span: tuple[int, ...], placed: set[int]) -> bool:
    """A one-word reading of the weather after "in" ("in the cold")."""
    return len(span) == 1 and span[0] in placed and toks[span[0]][0] in _SETTINGS


def _said_of_another(
    span: tuple[int, ...], theirs: frozenset[int], toks: list[tuple[str, str]]
) -> bool:
    """Is every word of the reading in a clause about someone else ("her brother has
    seizures")?"""
    return bool(theirs) and all(p in theirs for p in span if toks[p][0] != NOT)


def _is_adverb(word: str, known: set[str]) -> bool:
    """A quality word made an adverb ("stiffly", "weakly", "slowly"): its base is a word of
    some sign's name ("wobbly", "scaly", "curly" are adjectives; "-bly" and "-lly" are left
    alone)."""
    return (
        len(word) > 5
        and word.endswith("ly")
        and not word.endswith(("bly", "lly"))
        and stem(word) == word[:-2]
        and word[:-2] in known
    )


def _adverb_on_part(
    toks: list[tuple[str, str]], span: tuple[int, ...], adverbs: frozenset[int]
) -> bool:
    """An adverb says how something is done, never what a body part is like: "walks stiffly
    on his toes" is no stiff toe (a phrase of only adverbs and body parts is not read)."""
    return bool(adverbs & set(span)) and all(p in adverbs or toks[p][0] in BODY_PARTS for p in span)


_PARTLY = frozenset(["fully", "completely"])


def _only_partly(toks: list[tuple[str, str]], phrase: Phrase, span: tuple[int, ...]) -> bool:
    """A "can't X" reading said to fall short ("can't move some joints fully", "can't fully
    open") is a limit, not an inability: "Inability to move" is Paralysis."""
    if NOT not in phrase.stems:
        return False
    for p in range(min(span), len(toks)):
        if toks[p][0] == BREAK:
            return False
        if toks[p][1] in _PARTLY and p not in span:
            return True
    return False


def _course_apart(toks: list[tuple[str, str]], span: tuple[int, ...]) -> bool:
    """Course words after a sign go with that sign only: in "diarrhea and constipation on and
    off" the constipation comes and goes, and in "diarrhea on and off and throwing up" the
    vomiting does not. Course words that open a clause lead all of it ("keeps getting
    pneumonia and ear infections", "born with small eyes and cataracts")."""
    return any(
        toks[p][0] in COURSES and p - 1 not in span and p > 0 and toks[p - 1][0] != BREAK
        for p in span
    )


def _said_of_an_earlier_word(
    toks: list[tuple[str, str]], span: tuple[int, ...], predicated: frozenset[int]
) -> bool:
    """A quality after "is" belongs to the word before it: in "the nipple is small on that side
    and the hand has short fingers" no hand is small ("her hand is small" still is)."""
    return any(
        q in predicated
        and q - 1 not in span
        and any(p > q and toks[p][0] in BODY_PARTS for p in span)
        for q in span
    )


def _singular_for_plural(
    toks: list[tuple[str, str]], phrase: Phrase, span: tuple[int, ...]
) -> bool:
    """A phrase whose plural says the sign recurs ("fevers") is not read from the singular."""
    return bool(phrase.plural) and any(
        toks[p][0] == phrase.plural and not _is_plural(toks[p][1], toks[p][0]) for p in span
    )


_FEEL = frozenset(["feel", "feels", "felt", "feeling"])


def _feeling_of_a_part(
    toks: list[tuple[str, str]], span: tuple[int, ...], joined: frozenset[int]
) -> bool:
    """A feeling said of a body part is that part's: "her arms feel weak" is weak arms, not the
    person feeling weak ("she feels weak", "sore joints and feeling weak" still are)."""
    first = min(span)
    return (
        toks[first][1] in _FEEL
        and first not in joined
        and first > 0
        and toks[first - 1][0] in BODY_PARTS
    )


def _reaches_past_what_it_describes(
    toks: list[tuple[str, str]], span: tuple[int, ...], placed: set[int]
) -> bool:
    """Does the phrase skip the mark a quality describes to take the body part that only says
    where the mark is? In "red scaly patches on her face" and "a red rash on her face" red
    describes the patches and the rash: no red face ("weak muscles around her hips", "bumps
    growing on his skin" skip no mark)."""
    return any(
        p in placed
        and toks[p][0] in BODY_PARTS
        and any(q not in span and toks[q][0] in _MARKS for q in range(min(span), p))
        for p in span
    )


# What a skin sign is seen as: a quality before one describes it, not the place after it.
_MARKS = frozenset(stem(word) for word in ["patch", "spot", "rash", "vein", "lump", "blister"])


def _leaves_its_part(toks: list[tuple[str, str]], span: tuple[int, ...], placed: set[int]) -> bool:
    """Does the phrase take a word but not the body part right after it? A word right before
    a body part describes that part: "born with small eyes" is small eyes before it is born
    small. A part after a place word only says where ("bone pain in his leg" is bone pain)."""
    return any(
        p + 1 < len(toks)
        and p + 1 not in span
        and p + 1 not in placed
        and toks[p + 1][0] in BODY_PARTS
        for p in span
    )


def _fits(phrase: Phrase, span: tuple[int, ...]) -> bool:
    """A compound's parts stand side by side, in order: "Red-weak" is not "red and her arms
    feel weak"."""
    return not phrase.compound or list(span) == list(range(span[0], span[0] + len(span)))


def _shared_first(
    positions: dict[str, list[int]],
    stems: tuple[str, ...],
    breaks: list[int],
    used: set[int],
    firsts: dict[int, tuple[int, ...]],
    joined: frozenset[int],
) -> tuple[int, ...] | None:
    """A span that reuses only the first word of an earlier phrase, when "and" joins the two
    ("trouble breathing and feeding": trouble breathing, trouble feeding)."""
    for first, other in firsts.items():
        span = _span(positions, stems, breaks, frozenset(used - {first}), frozenset(joined))
        if span is None or min(span) != first or len(span) < 2:
            continue
        end = max(*span, *other)
        if any(p in joined for p in range(first + 1, end + 1)):
            return span
    return None


def _shared_tail(
    positions: dict[str, list[int]],
    stems: tuple[str, ...],
    breaks: list[int],
    spans: list[tuple[int, ...]],
    joined: frozenset[int],
) -> tuple[int, ...] | None:
    """A span that reuses all but the first word of an earlier phrase whose first word "and"
    joins to this one ("her eyelids and lips are turned out": both are turned out)."""
    # Two or more shared words: one shared last word is the rule above ("dry thin skin").
    span = _span(positions, stems, breaks) if len(set(stems)) >= 3 else None
    if span is None:
        return None
    for other in spans:
        if set(span) - {min(span)} != set(other) - {min(other)}:
            continue
        first, previous = sorted((min(span), min(other)))
        between = range(first + 1, previous + 1)
        if first != previous and previous in joined and all(p in joined for p in between):
            return span
    return None


def _one_noun_both(
    toks: list[tuple[str, str]],
    span: tuple[int, ...],
    spans: list[tuple[int, ...]],
    used: set[int],
    joined: frozenset[int],
) -> bool:
    """Do two signs share one body part, said before it and after it? "low ears that tilt
    back" is low ears and ears that tilt back: the part ends one reading and starts the other
    (it is the only word the two share)."""
    core = [p for p in span if toks[p][0] not in COURSES and toks[p][0] != NOT]
    if len(core) < 2:
        return False
    for other in spans:
        theirs = [p for p in other if toks[p][0] not in COURSES and toks[p][0] != NOT]
        if len(theirs) < 2:
            continue
        for before, after in ((theirs, core), (core, theirs)):
            part = max(before)
            if part != min(after) or toks[part][0] not in BODY_PARTS:
                continue
            # What is said after the part follows it straight on, in one clause ("ears that
            # tilt back", not "ears and a small chin", "eyes with keyhole shaped pupils").
            straight = sorted(after) == list(range(part, part + len(after)))
            if straight and not joined & set(after) and not (set(core) - {part}) & used:
                return True
    return False


def _clashes(
    toks: list[tuple[str, str]], span: tuple[int, ...], body: set[int], heads: set[int]
) -> bool:
    """Does `span` reuse a word, other than sharing the last word of an earlier phrase?"""
    content = {p for p in span if toks[p][0] != NOT and toks[p][0] not in COURSES}
    if not content:
        return False
    last = max(content)
    if len(content) < 2 or last in body:
        return bool(content & (body | heads))
    return bool((content - {last}) & (body | heads))


def _named_alone(
    table: PhraseTable, complete: list[int], positions: dict[str, list[int]]
) -> frozenset[int]:
    """The positions of words that name a sign on their own, unnegated ("seizures")."""
    alone = set()
    for index in complete:
        stems = set(table.phrases[index].stems)
        if len(stems) == 1 and NOT not in stems:
            alone.update(positions[next(iter(stems))])
    return frozenset(alone)


def _negation_skips_a_sign(
    toks: list[tuple[str, str]], span: tuple[int, ...], named: frozenset[int]
) -> bool:
    """A "not X" reading whose "not" skips a word naming a sign of its own: in "does not have
    seizures and walks fine" the "not" is the seizures', not "not walking" ("cannot sit or
    walk" still is, as "sit" names no sign)."""
    negations = [p for p in span if toks[p][0] == NOT]
    if not negations:
        return False
    after = min((p for p in span if p > negations[0]), default=negations[0])
    return any(p in named for p in range(negations[0] + 1, after))


def _listed_after_not(toks: list[tuple[str, str]], start: int, after_or: frozenset[int]) -> bool:
    """The second of two things a NOT lists with "or" ("cannot run or jump", "no fever or
    rash"); "and" adds something said ("not eating and vomiting")."""
    return (
        start in after_or
        and start >= 2
        and toks[start - 2][0] == NOT
        and (toks[start - 1][0] not in (NOT, BREAK))
    )


def _negated(toks: list[tuple[str, str]], start: int, used: set[int]) -> bool:
    """A NOT just before the phrase ("no seizures") that no other phrase has taken."""
    before = start - 1
    return before >= 0 and toks[before][0] == NOT and before not in used


def _first(toks: list[tuple[str, str]], typed: str) -> list[int]:
    return [i for i, (_, word) in enumerate(toks) if f"{typed} ".startswith(f"{word} ")] or [0]

"""Find the signs a description names: plain Python over a phrase table, no database.

Both the phrase table and the query go through the same `normalise`: words folded, contractions
opened ("can't" -> "can not"), negations reduced to one token (NOT), filler and person words
dropped ("my", "baby", "his") and each word stemmed. A phrase then matches when all its stems
occur close together in the query, in any order ("muscles are weak" = "weak muscles").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from search.text import fold

NOT = "~not"
BREAK = "~break"  # a comma, semicolon or full stop: no phrase or negation reaches across it
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[,;.!?]")
NEGATORS = frozenset({"not", "no", "never", "unable", "without", "nor", "cannot", "cant", "wont"})
_NEGATED_VERB = re.compile(r"^[a-z]+n'?t$")  # "doesn't", "can't", "didnt" (not "want", "faint")
_NOT_CONTRACTIONS = frozenset(
    [
        "doesnt",
        "dont",
        "didnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "couldnt",
        "wouldnt",
        "shouldnt",
        "hasnt",
        "havent",
        "hadnt",
    ]
)
# Words that carry no sign: who it is about, filler, and function words.
FILLER = frozenset(
    ["a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "with", "by", "as", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did", "doing", "will", "would", "should", "could", "can", "may", "might", "must", "shall", "my", "our", "your", "his", "her", "their", "its", "he", "she", "they", "it", "we", "i", "you", "me", "him", "them", "us", "this", "that", "these", "those", "there", "here", "who", "whom", "which", "what", "when", "where", "why", "how", "so", "very", "really", "quite", "too", "also", "just", "still", "all", "any", "some", "lot", "lots", "much", "many", "more", "most", "bit", "little", "always", "sometimes", "often", "since", "ago", "now", "then", "than", "about", "into", "over", "under", "after", "before", "again", "once", "twice", "baby", "babies", "child", "children", "kid", "kids", "son", "sons", "daughter", "daughters", "boy", "boys", "girl", "girls", "toddler", "teenager", "teen", "infant", "newborn", "man", "woman", "person", "patient", "he's", "she's", "it's", "seems", "seem", "seemed", "looks", "looked", "get", "gets", "got", "getting", "keep", "keeps", "kept", "year", "years", "month", "months", "old", "age"]
)  # fmt: skip
# Words whose stem would collide or that the suffix rules mangle.
_IRREGULAR = {
    "feet": "foot",
    "teeth": "tooth",
    "lost": "lose",
    "fell": "fall",
    "ate": "eat",
    "ran": "run",
    "went": "go",
    "saw": "see",
    # Irregular past forms and plurals of the words parents use for milestones and body parts.
    "sat": "sit",
    "stood": "stand",
    "spoke": "speak",
    "spoken": "speak",
    "held": "hold",
    "grew": "grow",
    "grown": "grow",
    "fed": "feed",
    "slept": "sleep",
    "woke": "wake",
    "broke": "break",
    "broken": "break",
    "loss": "lose",
    "calves": "calf",
    "halves": "half",
    "vertebrae": "vertebra",
    "weaker": "weak",
    "stiffer": "stiff",
    "thinner": "thin",
    "bigger": "big",
    "smaller": "small",
    "larger": "large",
    "shorter": "short",
    "taller": "tall",
    "stools": "stool",
    "poo": "stool",
    "poop": "stool",
    "wee": "urine",
    "pee": "urine",
    "tummy": "belly",
    "anaemia": "anemia",
    "haemorrhage": "hemorrhage",
    "diarrhoea": "diarrhea",
    "oesophagus": "esophagus",
    "colour": "color",
    "coloured": "color",
    "paediatric": "pediatric",
}
_KEEP_S = ("ss", "us", "is", "ous", "lens")


# Everyday and medical words for the same thing meet on one stem, so a family's "big kidneys"
# reaches HPO's "Enlarged kidney" and "belly pain" reaches "Abdominal pain" (first word wins).
_SAME_WORDS = (
    ("large", "big", "enlarged", "huge"),
    ("small", "tiny"),
    ("abdomen", "abdominal", "belly", "stomach"),
    ("kidney", "renal"),
    ("heart", "cardiac"),
    ("liver", "hepatic"),
    ("lung", "pulmonary"),
    ("skin", "cutaneous"),
    ("brain", "cerebral"),
    ("vision", "eyesight", "sight", "visual"),
    ("urine", "urinary"),
    ("stool", "feces", "faeces", "fecal", "faecal"),
    ("fatigue", "tired", "exhausted"),
    ("tremor", "shaky", "shaking", "shake", "trembling", "tremble", "tremors"),
    ("seizure", "convulsion"),
    ("swell", "swollen"),
    ("tooth", "dental"),
    ("muscle", "muscular"),
    ("spine", "spinal", "backbone"),
    ("speech", "talk", "speak"),
    ("walk", "gait"),
    # Plain words for the medical ones of HPO's labels (third session, tuning split).
    ("high", "elevated", "increased", "raised", "excessive", "excess"),
    ("low", "decreased", "reduced", "poor"),
    ("itch", "itchy", "itching", "pruritus"),
    ("myopia", "nearsighted", "shortsighted"),
    ("sweat", "sweating", "perspiration"),
    ("jaw", "mandible", "mandibular"),
    ("nose", "nasal"),
    ("chest", "thoracic", "thorax"),
    ("sugar", "glucose"),
    ("missing", "absent"),
    ("dislocation", "dislocate", "dislocating"),
    ("pain", "sore", "painful", "ache", "aching", "hurt", "hurting"),
    ("breath", "breathe"),
    ("lump", "bump"),
    ("spot", "patch"),
    ("thin", "skinny"),
    ("unusual", "strange", "odd", "weird"),
    # "Abnormality of the kidney" is read "kidney problems": "trouble with her kidneys" too.
    ("problem", "trouble", "issue", "difficulty"),
)


def stem(word: str) -> str:
    """A light suffix stripper (plural, -ing, -ed, -ly, -ness: "losing" = "lose", "spinning"
    = "spin" but "spine" stays "spine"), then everyday and medical words for one thing joined."""
    stripped = _strip(word)
    return _SAME.get(stripped, stripped)


def _strip(word: str) -> str:
    word = _IRREGULAR.get(word, word)
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return _restore_e(word[: -len(suffix)])
    for suffix, replacement in (("ies", "y"), ("iness", "y"), ("ness", ""), ("ily", "y"), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    if word.endswith("ses") and word[-4] in _VOWELS:
        return word[:-1]  # "bruises", "loses", "diseases" keep their e ("bruise", "lose")
    if (
        word.endswith("es")
        and len(word) > 4
        and (word[-3] in "sxz" or (word.endswith(("ches", "shes")) and not word.endswith("aches")))
    ):
        return word[:-2]  # "boxes", "patches", "twitches" (but "headaches" keeps its e)
    if word.endswith("s") and not word.endswith(_KEEP_S):
        return word[:-1]
    return word


_VOWELS = "aeiou"


def _restore_e(base: str) -> str:
    """After -ing/-ed: undouble ("spinn" -> "spin") or put back a silent e ("los" -> "lose")."""
    if len(base) > 2 and base[-1] == base[-2] and base[-1] not in _VOWELS + "lsz":
        return base[:-1]
    # No English word ends in v, and "bruis", "caus" lost an e: "curved" = "curves".
    if base.endswith("v") or (base[-1] == "s" and base[-2] in _VOWELS and base[-3] in _VOWELS):
        return base + "e"
    c1, v, c2 = base[-3:]
    if c1 not in _VOWELS and v in _VOWELS and c2 not in _VOWELS + "wxy":
        return base + "e"
    return base


_SAME = {_strip(word): _strip(group[0]) for group in _SAME_WORDS for word in group}


# After "and", these verbs start a new clause: no phrase reaches back across them.
_NEW_CLAUSE = frozenset(
    ["has", "have", "had", "is", "was", "are", "were", "gets", "got", "keeps", "does", "did",
     "can", "can't", "cannot", "doesn't", "didn't", "won't", "will", "also"]
)  # fmt: skip


# A word after one of these ("lumps on the skin") names where a sign is, not what it is like.
_PLACE_WORDS = frozenset(["on", "in", "under", "around", "of", "at", "over", "near", "inside"])
_DETERMINERS = frozenset(["the", "a", "an", "my", "his", "her", "their", "our", "your", "its"])


def tokens(text: str) -> list[tuple[str, str]]:
    """(stem, word as typed) pairs of `text`; negations become NOT, punctuation BREAK, filler is
    dropped."""
    return [(s, w) for s, w, _ in _scan(text)]


def _scan(text: str) -> list[tuple[str, str, bool]]:
    """The tokens, each with whether it follows a place word ("on the skin")."""
    folded = fold(text).replace("\u2019", "'").replace("`", "'")
    out: list[tuple[str, str, bool]] = []
    previous, placed = "", False
    for match in _WORD.finditer(folded):
        typed, before, previous = match.group(0), previous, match.group(0)
        after_place = placed
        placed = typed in _PLACE_WORDS or (placed and typed in _DETERMINERS)
        # "bites her hands and has tantrums": "and has" starts a new clause, as a comma does.
        if typed in ",;.!?" or (before == "and" and typed in _NEW_CLAUSE):
            if out and out[-1][0] != BREAK:
                out.append((BREAK, typed, False))
            if typed in ",;.!?":
                continue
        if typed.endswith("'s"):
            typed = typed[:-2]
        word = typed.replace("'", "")
        negation = word in NEGATORS or word in _NOT_CONTRACTIONS
        if negation or ("'" in typed and _NEGATED_VERB.match(typed)):
            if not out or out[-1][0] != NOT:
                out.append((NOT, typed, False))
        elif word not in FILLER and len(word) > 1:
            out.append((stem(word), word, after_place))
    return out


def normalise(text: str) -> tuple[str, ...]:
    """The stems of a phrase, in order (what the phrase table is keyed by)."""
    return tuple(s for s, _ in tokens(text) if s != BREAK)


# Words a name may lose without changing what it means (function words and intensifiers).
_FUNCTION_WORDS = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "and", "or", "by", "very",
     "really", "quite", "too", "so", "lot", "lots", "much", "many", "always", "all"]
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
    priority: int  # 0 curated everyday phrase, 1 HPO name, 2 layperson synonym, 3 exact, 4 other
    source: str = ""


@dataclass(frozen=True)
class Sign:
    """A sign found in the description: the HPO term and the words the user used for it."""

    hpo_id: str
    words: str
    negated: bool = False  # "no seizures": said to be absent, so not used for ranking
    source: str = ""


@dataclass
class PhraseTable:
    """Phrases indexed by each of their stems, for matching a short query quickly."""

    phrases: list[Phrase] = field(default_factory=list)
    by_stem: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    known_stems: set[str] = field(default_factory=set)

    def add(self, phrase: Phrase) -> None:
        """Add a phrase (duplicates of a stem tuple keep the best priority first)."""
        content = [s for s in phrase.stems if s != NOT]
        if not content or (len(content) == 1 and len(content[0]) < 3):
            return
        index = len(self.phrases)
        self.phrases.append(phrase)
        for s in set(phrase.stems):
            self.by_stem[s].append(index)
        self.known_stems.update(phrase.stems)

    def extend(self, phrases: Iterable[Phrase]) -> None:
        """Add many phrases."""
        for phrase in phrases:
            self.add(phrase)


MAX_GAP = 2  # words allowed between the words of one phrase ("weak in the legs")


def _span(
    positions: dict[str, list[int]],
    stems: tuple[str, ...],
    breaks: list[int],
    taken: frozenset[int] = frozenset(),
) -> tuple[int, ...] | None:
    """The tightest choice of one position per stem, within one clause and avoiding `taken`."""
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
        # A phrase's negation negates what follows it closely ("can't sit or walk"): in "not
        # gaining weight and his sweat", "not" is not "can't sweat".
        if negation is not None and not {choice[negation] + 1, choice[negation] + 2} & set(choice):
            continue
        if best is None or width < max(best) - min(best) + 1:
            best = choice
    return best


def recognise(query: str, table: PhraseTable) -> list[Sign]:
    """The signs `query` names, longest and most trusted phrases first, without overlaps.

    Phrases may share their last word ("dry thin skin" is dry skin and thin skin), nothing else.
    """
    scanned = _scan(query)
    toks = [(s, w) for s, w, _ in scanned]
    placed = {i for i, (_, _, after_place) in enumerate(scanned) if after_place}
    positions: dict[str, list[int]] = defaultdict(list)
    for i, (s, _) in enumerate(toks):
        positions[s].append(i)
    breaks = positions.get(BREAK, [])
    counts: dict[int, int] = defaultdict(int)
    for s in positions:
        for index in table.by_stem.get(s, ()):
            counts[index] += 1
    candidates = []
    for index, hits in counts.items():
        phrase = table.phrases[index]
        if hits != len(set(phrase.stems)):
            continue
        span = _span(positions, phrase.stems, breaks)
        if span is not None:
            width = max(span) - min(span)
            candidates.append((-len(span), phrase.priority, width, index, span))
    candidates.sort()
    body: set[int] = set()  # positions used inside a phrase
    heads: set[int] = set()  # positions used as a phrase's last word (shareable)
    signs: list[Sign] = []
    seen: set[str] = set()
    for _, _, _, index, span in candidates:
        phrase = table.phrases[index]
        if _clashes(toks, span, body | (heads & placed), heads - placed):
            span = _span(positions, phrase.stems, breaks, frozenset(body | heads))
            if span is None:
                continue
        if phrase.hpo_id in seen:
            continue
        seen.add(phrase.hpo_id)
        body.update(p for p in span if p != max(span))
        heads.add(max(span))
        negated = NOT not in phrase.stems and _negated(toks, min(span), body | heads)
        if negated:
            body.add(min(span) - 1)
        typed = " ".join(toks[p][1] for p in sorted(span))
        signs.append(Sign(phrase.hpo_id, typed, negated, phrase.source))
    order = {sign.hpo_id: min(_first(toks, sign.words)) for sign in signs}
    return sorted(signs, key=lambda sign: order[sign.hpo_id])


def _clashes(
    toks: list[tuple[str, str]], span: tuple[int, ...], body: set[int], heads: set[int]
) -> bool:
    """Does `span` reuse a word, other than sharing the last word of an earlier phrase?"""
    content = {p for p in span if toks[p][0] != NOT}
    last = max(span)
    if len(content) < 2 or last in body:
        return bool(content & (body | heads))
    return bool((content - {last}) & (body | heads))


def _negated(toks: list[tuple[str, str]], start: int, used: set[int]) -> bool:
    """A NOT just before the phrase ("no seizures") that no other phrase has taken."""
    before = start - 1
    return before >= 0 and toks[before][0] == NOT and before not in used


def _first(toks: list[tuple[str, str]], typed: str) -> list[int]:
    first_word = typed.split()[0]
    return [i for i, (_, word) in enumerate(toks) if word == first_word] or [0]

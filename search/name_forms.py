"""The other ways a name is typed, as keys and word lists the query is matched by: with another
head word ("... spectrum" for "... syndrome"), without a generic "protein", an eponym without its
head ("pompe" -> "pompe disease"), an abbreviation apart from its number ("NF 1") or after the
name's first words ("Becker MD"), phrases inside a sentence, and known synonyms.
"""

from __future__ import annotations

import re

from search import lexicon
from search.keys import titles_of
from search.ordinary_words import SUBTYPE_WORDS, is_known_word
from search.text import (
    STOPWORDS,
    words,
)

MAX_NGRAM = 5
MAX_ALTERNATIVES = 8
MAX_SYNONYM_ROWS = 40
PART_MIN_WORDS = 4
MAX_PART_KEYS = 12
_SYMBOL_IN_TEXT = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]{1,8}[0-9][A-Z]?(?![\w-])")
MIN_PART_LETTERS = 4
# A word right before one of these, or typed with a possessive, names someone: an eponym
# ("Pompe disease", "Batten's") is never rewritten, even when the index does not know it.
EPONYM_NEXT = frozenset({"disease", "syndrome", "disorder", "anomaly", "sign", "sequence"})


# The last word of a condition's name says what kind of name it is, and sources differ on it:
# Orphanet writes "PIK3CA-related overgrowth syndrome" where clinicians say "... spectrum".
_NAME_HEADS = ("syndrome", "disease", "disorder", "spectrum")
HEAD_MIN_WORDS = 2  # words before the head: "overgrowth spectrum" alone names no condition
# A condition named after someone is mostly typed as the name alone ("Pompe", "Batten").
_EPONYM_HEADS = ("disease", "syndrome")


def other_head_names(query: str) -> list[str]:
    """A name typed with one head word, as written with each of the others ("pik3ca related
    overgrowth spectrum" -> "... syndrome", "... disease", "... disorder"), and a one-word name
    with the other of "disease" and "syndrome" ("graves syndrome" -> "graves disease"). Keys
    only, at a synonym's weight: a name typed exactly as a source writes it still wins."""
    tokens = words(query)
    if len(tokens) == 2 and tokens[1] in _EPONYM_HEADS and _is_name_word(tokens[0]):
        # "pompe syndrome", "graves syndrome", "addison syndrome": a one-word name says which
        # condition; "disease" and "syndrome" are how a family ends it, either one.
        return [f"{tokens[0]} {head}" for head in _EPONYM_HEADS if head != tokens[1]]
    if len(tokens) < HEAD_MIN_WORDS + 1 or tokens[-1] not in _NAME_HEADS:
        return []
    stem = " ".join(tokens[:-1])
    return [f"{stem} {head}" for head in _NAME_HEADS if head != tokens[-1]]


def _is_name_word(word: str) -> bool:
    return word.isalpha() and len(word) > 2 and word not in STOPWORDS


# "survival motor neuron protein", "huntingtin protein": reports name a gene's product with a
# trailing "protein" that HGNC's names mostly leave out ("survival of motor neuron 1").
_GENERIC_HEADS = frozenset({"protein", "proteins"})


def without_generic_head(query: str) -> str | None:
    """The query without a trailing generic "protein", when other words remain; else None."""
    tokens = words(query)
    if len(tokens) < 2 or tokens[-1] not in _GENERIC_HEADS:
        return None
    rest = tokens[:-1]
    return " ".join(rest) if any(w not in STOPWORDS for w in rest) else None


EPONYM_MAX_WORDS = 3  # "charcot marie tooth": a person's names, at most three of them


def eponym_keys(query: str) -> list[str]:
    """For a name typed without its head word, the names it is short for ("pompe" -> "pompe
    disease", "charcot marie tooth" -> "charcot marie tooth disease").

    They are keys only (no words are added): a condition whose name or synonym is exactly
    "<words> disease" ranks first, at the weight of a key reached otherwise, so a name or symbol
    typed exactly ("POMP", the gene) still wins over it. Without them "Pompe" stems to "pomp"
    and answers the genes POMP and POMPP1, and "charcot marie tooth" answers whichever of the
    ninety subtypes has the shortest name.
    """
    tokens = words(query)
    if (
        not 1 <= len(tokens) <= EPONYM_MAX_WORDS
        or not all(token.isalpha() and token not in STOPWORDS for token in tokens)
        or tokens[-1] in EPONYM_NEXT
    ):
        return []
    name = " ".join(tokens)
    return [f"{name} {head}" for head in _EPONYM_HEADS]


_CONDITION = "condition"


def condition_titles(current: lexicon.Lexicon) -> frozenset[str]:
    """Every condition's normalised title, read once per lexicon for the tables built from
    them (`names_inside_titles`, `search.meant_names`): its titles change only when it does."""
    del current  # its lifetime is the lexicon's; its words are the entry table's titles
    return frozenset(titles_of(_CONDITION))


def names_inside_titles(current: lexicon.Lexicon) -> frozenset[str]:
    """The names a condition's official title holds inside a longer one, as a family types
    them: the words that end the title from some word on, or open it up to a head word
    ("tourette syndrome" ends "Gilles de la Tourette syndrome", "crohn disease" ends
    "Inflammatory bowel disease 1, Crohn disease", "asperger syndrome" opens "Asperger
    syndrome, susceptibility to, 1"). Each ends with a head word (`EPONYM_NEXT`) and starts
    with a word of its own. Built once per lexicon (its titles change only when it does)."""
    found: set[str] = set()
    for title in current.derived(condition_titles):
        tokens = title.split()  # normalised: words folded, one space apart
        for end in range(2, len(tokens)):  # opening the title, shorter than it
            if tokens[end - 1] in EPONYM_NEXT and tokens[0] not in STOPWORDS:
                found.add(" ".join(tokens[:end]))
        if tokens and tokens[-1] in EPONYM_NEXT:
            found.update(
                " ".join(tokens[start:])
                for start in range(1, len(tokens) - 1)
                if tokens[start] not in STOPWORDS and tokens[start] not in EPONYM_NEXT
            )
    return frozenset(found)


_NUMBER = re.compile(
    r"^(?:(?P<arabic>\d{1,2})|(?P<roman>i{1,3}|iv|v|vi{1,3}|ix|x))(?P<letter>[a-z]?)$"
)
_ROMAN = ("", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def numbered_abbreviation_keys(query: str) -> list[str]:
    """An abbreviation typed apart from its number ("NF 1", "SCA 3", "CMT type 2", "GSD Ia")
    as the names write it joined ("NF1", "SCA3", "CMT2", "GSD1a"), in arabic and roman
    numerals alike. Keys only ("NF 1" found NFKBIL1 and GATA1), counted as typed: the space is
    spelling, not another name, and at a synonym's weight "MPS I" answered IDUA (reached from
    "MPSI" through its HGNC aliases) before mucopolysaccharidosis type 1."""
    tokens = words(query)
    if len(tokens) == 3 and tokens[1] in SUBTYPE_WORDS:
        tokens = [tokens[0], tokens[2]]
    if len(tokens) != 2:
        return []
    letters, number = tokens
    match = _NUMBER.match(number)
    if (
        match is None
        or not 2 <= len(letters) <= 6
        or not letters.isalpha()
        or letters in STOPWORDS
        or letters in SUBTYPE_WORDS
    ):
        return []
    value = int(match["arabic"]) if match["arabic"] else _ROMAN.index(match["roman"])
    numerals = [str(value)] + ([_ROMAN[value]] if 1 <= value < len(_ROMAN) else [])
    return [f"{letters}{numeral}{match['letter']}" for numeral in numerals]


INITIAL_MAX_WORDS = 2  # "Becker MD", "limb girdle MD": the named words before the abbreviation
INITIAL_TAIL_LETTERS = (2, 3)


def initialled_abbreviation_keys(query: str) -> list[str]:
    """A name's first words typed whole before the abbreviation of the rest ("Becker MD",
    "Duchenne MD", "limb girdle MD") as the abbreviation of the whole name ("bmd", "dmd",
    "lgmd"). Keys only, at a synonym's weight: Orphanet lists "BMD" for Becker muscular
    dystrophy, while "MD" alone is its abbreviation of Menkes disease."""
    tokens = words(query)
    if not 2 <= len(tokens) <= INITIAL_MAX_WORDS + 1:
        return []
    *named, tail = tokens
    low, high = INITIAL_TAIL_LETTERS
    if (
        not low <= len(tail) <= high
        or not tail.isalpha()
        or tail in STOPWORDS
        or is_known_word(tail)
        or not all(w.isalpha() and len(w) > high and w not in STOPWORDS for w in named)
    ):
        return []
    return ["".join(w[0] for w in named) + tail]


def part_keys(query: str, stopwords: frozenset[str] = STOPWORDS) -> list[str]:
    """Phrases inside an everyday sentence that may name something ("... has seizures ...").

    Only for queries of `PART_MIN_WORDS` words or more; a phrase may not start or end with a
    stopword (`stopwords`: with a sentence's contractions, "hes"). They count for
    `PART_KEY_WEIGHT`, so a whole name typed exactly still wins.
    """
    tokens = words(query)
    if len(tokens) < PART_MIN_WORDS:
        return []
    # A short phrase counts when the synonym table knows it: an abbreviation ("gene therapy
    # for sma") is the condition the sentence is about.
    # A name followed by "type 1" is not the name asked for: "spinal muscular atrophy type 1"
    # means the subtype, which matches every word, not the sign or group named by the part.
    found = [
        gram
        for gram, (start, end) in _ngrams(tokens).items()
        if end - start < len(tokens)
        and tokens[start] not in stopwords
        and tokens[end - 1] not in stopwords
        and (end == len(tokens) or tokens[end] not in SUBTYPE_WORDS)
        and tokens[start] not in SUBTYPE_WORDS
        and (len(gram) >= MIN_PART_LETTERS or (gram.isalpha() and _known_phrase(gram)))
    ]
    # A gene symbol written in capitals with its number inside a sentence ("SENP2 suppresses
    # browning of ..."): first, before the long phrases fill the keys an engine reads.
    symbols = [t.lower() for t in _SYMBOL_IN_TEXT.findall(query) if t.lower() in found]
    found = [*symbols, *(g for g in found if g not in symbols)]
    return found[:MAX_PART_KEYS]


def _known_phrase(gram: str) -> bool:
    return gram in lexicon.current().synonyms


def _ngrams(tokens: list[str]) -> dict[str, tuple[int, int]]:
    grams: dict[str, tuple[int, int]] = {}
    for size in range(min(MAX_NGRAM, len(tokens)), 0, -1):
        for start in range(len(tokens) - size + 1):
            grams.setdefault(" ".join(tokens[start : start + size]), (start, start + size))
    return grams


def synonym_expansions(query: str, stopwords: frozenset[str] = STOPWORDS) -> list[str]:
    """The query with a phrase swapped for each of its known synonyms (longest phrases first);
    never a phrase of `stopwords` alone."""
    tokens = words(query)
    if not tokens:
        return []
    grams = _ngrams(tokens)
    synonyms = lexicon.current().synonyms
    # A phrase of stopwords alone ("has", "no") is never an abbreviation worth expanding.
    grams = {g: span for g, span in grams.items() if not stopwords.issuperset(g.split())}
    pairs = sorted(
        ((term, expansion) for term in grams for expansion in synonyms.get(term, ())),
        key=lambda pair: (-len(pair[0]), pair[1]),
    )[:MAX_SYNONYM_ROWS]
    expansions: list[str] = []
    for term, expansion in pairs:
        start, end = grams[term]
        expansions.append(" ".join([*tokens[:start], expansion, *tokens[end:]]))
    return list(dict.fromkeys(expansions))[:MAX_ALTERNATIVES]

"""Query understanding, shared by both backends: identifiers, variants, synonyms and spelling.

The output is a `QueryAnalysis`: exact keys to match whole (ranked first), the content words,
alternative word lists (synonym expansions and spelling corrections) and a "did you mean".
Keys found through a synonym or a spelling correction count for half; phrases inside a long
sentence count for less.
Synonyms and the spelling lexicon are tables filled at rebuild time from the database.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.db import connection

from identifiers.hgvs import VariantDescription, VariantParseError, parse_variant
from identifiers.ids import IdentifierKind, find_identifiers, parse_identifier
from search import lexicon
from search.name_slips import name_reading
from search.ordinary_words import SUBTYPE_WORDS, is_known_word
from search.text import (
    STOPWORDS,
    content_words,
    edit_distance,
    fold,
    is_symbol_like,
    key_form,
    near_slip_neighbours,
    one_edit_neighbours,
    phrase_form,
    swapped_neighbours,
    undoubled_neighbours,
    words,
)

logger = logging.getLogger(__name__)

MAX_NGRAM = 5
MAX_ALTERNATIVES = 8
MAX_SYNONYM_ROWS = 40
EXPANDED_KEY_WEIGHT = 0.5  # a key reached through a synonym or correction counts for half
TIE_STEP = 0.05  # a less used symbol of a tie counts this much less than the one before
MAX_TIED = 3  # a slip that more symbols explain as well names none of them
PART_KEY_WEIGHT = 0.3  # a phrase inside a sentence ("seizures" in "my child has seizures")
PART_MIN_WORDS = 4
SENTENCE_WORDS = 3
# Fewer all-word matches than this, for a sentence or a long name, widens to any word.
FEW_HITS = 5
MAX_PART_KEYS = 12
MIN_PART_LETTERS = 4
EXACT_SCALE = 10.0  # exact boosts (20-100) times this dwarf any text score (0-100)
_VARIANT_HINT = re.compile(
    r"(?i)(^|[\s:(])([cgpnmr]\.|rs\d|ex(on)?\s*\d)|\d[ACGT]>|del|dup|ins|fs\b"
)
_PADDED = (IdentifierKind.HPO, IdentifierKind.MONDO, IdentifierKind.GARD)


@dataclass(frozen=True)
class QueryAnalysis:
    """What a query means, in terms both backends can match."""

    raw: str
    phrase: str
    terms: tuple[str, ...]
    exact_keys: tuple[str, ...]
    expanded_keys: tuple[str, ...] = ()  # from synonyms and spelling: they rank below direct keys
    part_keys: tuple[str, ...] = ()  # phrases inside a long sentence: they rank lower still
    alternatives: tuple[tuple[str, ...], ...] = ()
    identifier: str | None = None
    variant: str | None = None
    variant_gene: str | None = None  # the gene symbol typed with the variant, as HGNC writes it
    # False when the query is answered as a description of signs: below the panel, a sentence's
    # any-word matches are noise, and counting them was most of a description's search time.
    may_widen: bool = True
    corrected: str | None = None
    # A slip that two or three known symbols explain as well ("JGA1": JAG1 or GJA1): each one's
    # key, likeliest first, without a "did you mean"; each counts a little less than the last.
    tied_keys: tuple[str, ...] = ()

    @property
    def weighted_keys(self) -> tuple[tuple[tuple[str, ...], float], ...]:
        """Each non-empty key list with its weight: typed, reached (synonym/spelling), part."""
        lists = (
            (self.exact_keys, 1.0),
            (self.expanded_keys, EXPANDED_KEY_WEIGHT),
            *(
                ((key,), EXPANDED_KEY_WEIGHT - TIE_STEP * rank)
                for rank, key in enumerate(self.tied_keys)
            ),
            (self.part_keys, PART_KEY_WEIGHT),
        )
        return tuple((keys, weight) for keys, weight in lists if keys)

    @property
    def reached_keys(self) -> tuple[str, ...]:
        """Every key not typed as such (synonym, spelling, tie, part of a sentence)."""
        return (*self.expanded_keys, *self.tied_keys, *self.part_keys)

    def should_widen(
        self, total: int, direct: int = 0, titles: Callable[[], Iterable[str]] = tuple
    ) -> bool:
        """Retry with any word? Yes when nothing matched every word, or when an everyday
        sentence (3+ words, some of them stopwords) matched fewer than 3 documents; never when
        a name or id typed exactly matched (`direct`). `titles` gives the names of the
        documents that matched every word (asked only when a long name matched a few)."""
        if not self.may_widen or direct or sum(len(terms) for terms in self.all_term_lists) <= 1:
            return False
        typed = words(self.raw)
        sentence = len(typed) >= SENTENCE_WORDS and any(w in STOPWORDS for w in typed)
        # A long name typed with one word the index lacks ("5q spinal muscular atrophy",
        # "PIK3CA-related overgrowth spectrum") matches only stray documents on every word.
        long_name = len(typed) >= SENTENCE_WORDS
        # ... unless a spelling correction mended that word and the name matched as mended
        # ("PTN11P4: PTPN11 pseudogene" finds PTPN11P4): widening then adds only noise.
        if long_name and not sentence and self.corrected and total:
            return False
        few = total < (FEW_HITS if sentence or long_name else 1)
        # ... or when a matched document's name holds every word: the start of a long name
        # ("ZNF652P1: zinc finger", "TMEM230P1: TMEM230 pseudogene") found its document, and
        # widening added thousands of any-word matches (the slowest searches at 200k).
        if few and total and long_name and not sentence and self._named_by(titles()):
            return False
        return few

    def _named_by(self, titles: Iterable[str]) -> bool:
        """Does one of these names hold every word as typed? (Not an alternative's: the name
        unwrapped from "PIK3CA-related overgrowth spectrum" is the gene's symbol alone.)"""
        typed = set(self.terms)
        return bool(typed) and any(typed <= set(content_words(title)) for title in titles)

    @property
    def all_term_lists(self) -> tuple[tuple[str, ...], ...]:
        """The words as typed, then each alternative (for OR-ing in the engines)."""
        lists = (self.terms, *self.alternatives) if self.terms else self.alternatives
        return tuple(dict.fromkeys(t for t in lists if t))


def analyze(query: str) -> QueryAnalysis:
    """Understand a cleaned query (see `request.clean_query`)."""
    keys: list[str] = [key_form(query), phrase_form(query)]
    identifier = _identifier(query)
    if identifier is not None:
        keys.extend(_identifier_keys(identifier.kind, identifier.value, identifier.curie))
    variant = _variant(query)
    if variant is not None:
        keys.extend(key_form(k) for k in variant.search_keys)
        if variant.gene:
            # "CFTR F508del": the gene the report names answers too (first when the variant
            # itself is not stored), beside the notice that says where the variant is.
            keys.append(key_form(variant.gene))
    # A whole identifier, or an HGVS name on a reference sequence, is matched by its keys only:
    # the pieces of "NM_000344.4:c.840C>T" are not words ("NM" is an abbreviation of a disease).
    precise = parse_identifier(query) is not None or (
        variant is not None and bool(variant.reference)
    )
    terms = () if precise else tuple(content_words(query))
    # The name inside a question or a guess ("is it Batten") is matched as if typed alone.
    name = None if precise or identifier is not None else unwrapped_name(query)
    if name:
        keys.append(name)  # its words, already folded: its key form and phrase form alike
    expansions = [] if precise else synonym_expansions(query)
    if not precise and (named := without_generic_head(query)):
        expansions.append(named)
    if name:
        expansions.extend(synonym_expansions(name))
    expanded = [phrase_form(alt) for alt in expansions]
    if not precise and identifier is None:
        expanded.extend(eponym_keys(name or query))
        expanded.extend(other_head_names(name or query))
        expanded.extend(initialled_abbreviation_keys(name or query))
        keys.extend(numbered_abbreviation_keys(name or query))
    alternatives = [tuple(content_words(alt)) for alt in expansions]
    if name:
        alternatives.insert(0, tuple(content_words(name)))
    corrected = None
    tied: tuple[str, ...] = ()
    if identifier is None and variant is None:
        corrected, tied = spelling_proposals(query)
        # Each tied reading is searched as a correction would be, but none is proposed.
        alternatives.extend(tuple(content_words(reading)) for reading in tied)
        if corrected:
            alternatives.append(tuple(content_words(corrected)))
            # A clear correction counts as typed: a misspelt name finds what the name written
            # right finds ("neurofibromatosis tipe 1": at half weight, the gene NF1, reached
            # from the corrected name's abbreviation, came first).
            keys.append(phrase_form(corrected))
            corrected_name = unwrapped_name(corrected)
            if corrected_name:
                keys.append(corrected_name)
            # "san filippo" -> "sanfilippo": the corrected name typed alone, as the typed one.
            expanded.extend(eponym_keys(corrected_name or corrected))
            # A corrected name brings its synonyms too ("spinal muscullar atrophy" -> SMA).
            for alt in synonym_expansions(corrected):
                alternatives.append(tuple(content_words(alt)))
                expanded.append(phrase_form(alt))
    known_keys = {*keys, *expanded}
    return QueryAnalysis(
        raw=query,
        phrase=phrase_form(query),
        terms=terms,
        exact_keys=tuple(dict.fromkeys(k for k in keys if k)),
        expanded_keys=tuple(dict.fromkeys(k for k in expanded if k and k not in keys)),
        alternatives=tuple(dict.fromkeys(a for a in alternatives if a and a != terms))[
            :MAX_ALTERNATIVES
        ],
        part_keys=() if precise else tuple(k for k in part_keys(query) if k not in known_keys),
        identifier=identifier.curie if identifier else None,
        variant=variant.normalized if variant else None,
        variant_gene=variant.gene if variant else None,
        corrected=corrected,
        tied_keys=tuple(
            dict.fromkeys(k for k in map(phrase_form, tied) if k and k not in known_keys)
        ),
    )


# Words a family wraps a name in when asking about it or guessing ("is it Batten", "could it
# be pompe", "does my son have SMA", "tell me about rett syndrome", "treatment for Fabry",
# "is wilson disease genetic"), or puts after it to say what they want to know ("pompe
# treatment", "ALS clinical trials", "hemophilia a gene therapy"). General question, guess and
# topic words only; a trailing letter is kept, as it is part of the name ("Hemophilia A", "SMA I").
_TOPIC_WORDS = frozenset(
    {
        "treatment", "treatments", "treat", "therapy", "therapies", "cure", "cures", "drug",
        "drugs", "medicine", "medicines", "medication", "medications", "trial", "trials",
        "clinical", "study", "studies", "research", "options", "new", "latest", "gene",
        "enzyme", "replacement", "exon", "skipping", "diet", "prognosis", "outlook", "life",
        "expectancy", "causes", "cause", "symptoms", "signs", "diagnosis", "test", "testing",
        "inheritance", "support", "care", "management", "guidelines", "information", "info",
        "help", "helps", "best",
    }
)  # fmt: skip
# What a genetic report says was found in a gene ("SCN1A mutation", "DMD deletion", "variant
# in CDKL5", "BRCA1 carrier"): no document holds these words beside the symbol, so the symbol is
# matched as if typed alone (a variant written out, "c.1521_1523del", is read by `_variant`).
_FINDING_WORDS = frozenset(
    {
        "mutation", "mutations", "mutated", "variant", "variants", "deletion", "deletions",
        "duplication", "duplications", "premutation", "carrier", "carriers", "heterozygous",
        "homozygous", "pathogenic", "likely", "mosaic", "mosaicism", "somatic", "germline",
        "hemizygous", "biallelic", "compound", "missense", "nonsense", "frameshift",
        "truncating", "expansion", "expansions", "splice", "splicing", "insertion",
        "insertions", "microdeletion", "microdeletions", "microduplication",
        "microduplications", "repeat", "repeats",
        # How a report classes what it found ("SCN2A variant of uncertain significance",
        # "VUS", the older "unknown significance"), and where ("splice site").
        "uncertain", "unknown", "significance", "vus", "site",
    }
)  # fmt: skip
_WRAPPER_WORDS = _TOPIC_WORDS | _FINDING_WORDS
_LEAD_WORDS = STOPWORDS | _WRAPPER_WORDS | frozenset(
    {"could", "would", "might", "may", "be", "this", "that", "there", "i", "me", "we", "you",
     "tell", "about", "any"}
)  # fmt: skip
# "of" ends no name, but a report's class does: "variant of uncertain significance".
_TRAIL_WORDS = _WRAPPER_WORDS | frozenset(
    {"inherited", "genetic", "hereditary", "diagnosed", "treated", "cured", "of"}
)
MAX_NAME_WORDS = MAX_NGRAM  # a name is short; a longer remainder is a sentence, not a name


def unwrapped_name(query: str) -> str | None:
    """The name inside a question or guess: the query without its leading and trailing
    wrapper words ("is it Batten" -> "batten"); None when nothing was wrapped around a name.

    The name's keys are added to the query's own, never put in their place, so a name that
    starts with such a word ("Signs and symptoms begin ...", an HPO label) still matches whole.
    """
    tokens = words(query)
    start, end = 0, len(tokens)
    while start < end and tokens[start] in _LEAD_WORDS:
        start += 1
    while end > start and tokens[end - 1] in _TRAIL_WORDS:
        end -= 1
    if end < len(tokens):
        # "does pompe have a cure", "can sma be cured": the words between the name and a
        # trailing topic word are no part of it; a letter alone is ("hemophilia a treatment").
        run = end
        while run > start and tokens[run - 1] in STOPWORDS:
            run -= 1
        if any(len(token) > 1 for token in tokens[run:end]):
            end = run
    name = " ".join(tokens[start:end])
    if (start, end) == (0, len(tokens)) or end - start > MAX_NAME_WORDS or len(name) < 2:
        return None
    return name


# The last word of a condition's name says what kind of name it is, and sources differ on it:
# Orphanet writes "PIK3CA-related overgrowth syndrome" where clinicians say "... spectrum".
_NAME_HEADS = ("syndrome", "disease", "disorder", "spectrum")
HEAD_MIN_WORDS = 2  # words before the head: "overgrowth spectrum" alone names no condition


def other_head_names(query: str) -> list[str]:
    """A name typed with one head word, as written with each of the others ("pik3ca related
    overgrowth spectrum" -> "... syndrome", "... disease", "... disorder"). Keys only, at a
    synonym's weight: a name typed exactly as a source writes it still wins."""
    tokens = words(query)
    if len(tokens) < HEAD_MIN_WORDS + 1 or tokens[-1] not in _NAME_HEADS:
        return []
    stem = " ".join(tokens[:-1])
    return [f"{stem} {head}" for head in _NAME_HEADS if head != tokens[-1]]


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


# A condition named after someone is mostly typed as the name alone ("Pompe", "Batten").
_EPONYM_HEADS = ("disease", "syndrome")


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
        or tokens[-1] in _EPONYM_NEXT
    ):
        return []
    name = " ".join(tokens)
    return [f"{name} {head}" for head in _EPONYM_HEADS]


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


def part_keys(query: str) -> list[str]:
    """Phrases inside an everyday sentence that may name something ("... has seizures ...").

    Only for queries of `PART_MIN_WORDS` words or more; a phrase may not start or end with a
    stopword. They count for `PART_KEY_WEIGHT`, so a whole name typed exactly still wins.
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
        and tokens[start] not in STOPWORDS
        and tokens[end - 1] not in STOPWORDS
        and (end == len(tokens) or tokens[end] not in SUBTYPE_WORDS)
        and tokens[start] not in SUBTYPE_WORDS
        and (len(gram) >= MIN_PART_LETTERS or (gram.isalpha() and _known_phrase(gram)))
    ]
    return found[:MAX_PART_KEYS]


def _known_phrase(gram: str) -> bool:
    return gram in lexicon.current().synonyms


def _identifier(query: str):  # -> Identifier | None
    ident = parse_identifier(query)
    if ident is not None:
        return ident
    found = find_identifiers(query)
    return found[0] if len(found) == 1 else None


def _identifier_keys(kind: IdentifierKind, value: str, curie: str) -> list[str]:
    keys = [key_form(curie)]
    if kind in _PADDED:
        keys.append(key_form(f"{kind.value}:{int(value)}"))
    if kind is IdentifierKind.CLINVAR:
        keys.append(f"clinvar:{int(value)}")
    return keys


# A gene symbol typed first, in any case: a report prints "CFTR", a phone often types "cftr".
_TYPED_SYMBOL = re.compile(r"^[A-Za-z][A-Za-z0-9-]{1,9}$")


def _variant(query: str) -> VariantDescription | None:
    """The variant the query names (normalised name, search keys, reference, gene), if any."""
    if not _VARIANT_HINT.search(query):
        return None
    parsed = _parsed_variant(query)
    first, _, rest = query.strip().partition(" ")
    if parsed is None and rest and not first.isupper() and _TYPED_SYMBOL.match(first):
        parsed = _parsed_variant(f"{first.upper()} {rest}")
    return parsed


def _parsed_variant(text: str) -> VariantDescription | None:
    try:
        return parse_variant(text)
    except VariantParseError:
        return None


def _ngrams(tokens: list[str]) -> dict[str, tuple[int, int]]:
    grams: dict[str, tuple[int, int]] = {}
    for size in range(min(MAX_NGRAM, len(tokens)), 0, -1):
        for start in range(len(tokens) - size + 1):
            grams.setdefault(" ".join(tokens[start : start + size]), (start, start + size))
    return grams


def synonym_expansions(query: str) -> list[str]:
    """The query with a phrase swapped for each of its known synonyms (longest phrases first)."""
    tokens = words(query)
    if not tokens:
        return []
    grams = _ngrams(tokens)
    synonyms = lexicon.current().synonyms
    # A phrase of stopwords alone ("has", "no") is never an abbreviation worth expanding.
    grams = {g: span for g, span in grams.items() if not STOPWORDS.issuperset(g.split())}
    pairs = sorted(
        ((term, expansion) for term in grams for expansion in synonyms.get(term, ())),
        key=lambda pair: (-len(pair[0]), pair[1]),
    )[:MAX_SYNONYM_ROWS]
    expansions: list[str] = []
    for term, expansion in pairs:
        start, end = grams[term]
        expansions.append(" ".join([*tokens[:start], expansion, *tokens[end:]]))
    return list(dict.fromkeys(expansions))[:MAX_ALTERNATIVES]


def _max_edits(word: str) -> int:
    return 1 if len(word) <= 5 else 2


# A word right before one of these, or typed with a possessive, names someone: an eponym
# ("Pompe disease", "Batten's") is never rewritten, even when the index does not know it.
_EPONYM_NEXT = frozenset({"disease", "syndrome", "disorder", "anomaly", "sign", "sequence"})
_POSSESSIVE_WORD = re.compile(r"(\w+)['\u2019]s\b")


def _eponyms(query: str, tokens: list[str]) -> set[str]:
    found = {m.group(1).lower() for m in _POSSESSIVE_WORD.finditer(query)}
    found.update(w for w, nxt in itertools.pairwise(tokens) if nxt in _EPONYM_NEXT)
    # A capitalised word typed alone or mid-sentence is a name too ("Pompe", "is it Batten").
    typed = query.split()
    found.update(
        w.lower()
        for i, w in enumerate(typed)
        if w[:1].isupper() and w[1:].islower() and (len(typed) == 1 or i > 0)
    )
    return found


def spelling_correction(query: str) -> str | None:
    """The query with unknown words replaced by the closest indexed word; None if all are known
    (indexed, ordinary English words, or words an app registered, such as everyday sign words).

    An eponym is rewritten only into a well-known name, and a proposal must win clearly (no
    other known word as close and as common).
    """
    return spelling_proposals(query)[0]


def spelling_proposals(query: str) -> tuple[str | None, tuple[str, ...]]:
    """The correction of `spelling_correction`, and the readings of a tie: when a symbol's
    likeliest slip reaches two or three known symbols as often used ("JGA1": JAG1 or GJA1),
    the query with each of them, likeliest first (a tie is read for one word only)."""
    tokens = words(query)
    eponyms = _eponyms(query, tokens)
    # A word typed in capitals is a symbol or an abbreviation: a doubled letter there is a slip,
    # while English spells many words with one ("moody" is not MODY).
    capitals = {fold(w) for w in re.findall(r"\w+", query) if w.isupper()}
    current = lexicon.current()
    known, preferred = current.terms, current.preferred
    joined = _joined_words(tokens, known)
    if joined != tokens:
        return " ".join(joined), ()
    # A three-character word is read only as a symbol slip (below), and only when typed as one
    # on its own: in "HKA-J" it is part of a longer symbol (HLA-J), not CHKA.
    alone = {fold(w) for w in query.split() if w.isalnum()}
    candidates = [
        t
        for t in tokens
        if (t.isalpha() or is_symbol_like(t))
        and t not in STOPWORDS
        and (len(t) >= 4 or (len(t) == 3 and t in alone and (is_symbol_like(t) or t in capitals)))
    ]
    # An everyday word is right even when the index never uses it ("hold" is not "hole", and
    # the parents' "wobbly" is not "wooly").
    unknown = [
        word
        for word in candidates
        if word not in known
        and word not in preferred
        and not _plural_known(word, known)
        and not is_known_word(word)
    ]
    replacements: dict[str, str] = {}
    ties: dict[str, tuple[str, ...]] = {}
    with connection.cursor() as cursor:
        for word in unknown:
            found = _readings(
                word, cursor, known, preferred, capitals=word in capitals, eponym=word in eponyms
            )
            if len(found) == 1:
                replacements[word] = found[0]
            elif found:
                ties[word] = found
    # The name the words make decides a slip that no reading of the word alone settles.
    current = [replacements.get(t, t) for t in tokens]
    reread = name_reading(tokens, current, known, unwrapped_name, capitals)
    if reread is not None:
        return " ".join(reread), ()
    corrected = " ".join(current) if replacements else None
    if len(ties) != 1:
        return corrected, ()
    [(word, tied)] = ties.items()
    readings = tuple(
        " ".join(symbol if t == word else replacements.get(t, t) for t in tokens) for symbol in tied
    )
    return corrected, readings


def _readings(
    word: str,
    cursor,
    known: Mapping[str, int],
    preferred: frozenset[str],
    *,
    capitals: bool,
    eponym: bool,
) -> tuple[str, ...]:
    """What an unknown word was meant to be: one word, two or three tied symbols, or none."""
    typed_as_symbol = is_symbol_like(word) or capitals
    family = _family_members(word, known, preferred) if typed_as_symbol else None
    if family is not None:
        return family
    preferred_found = _preferred_symbol(word, known, preferred) if typed_as_symbol else ()
    if len(word) >= 4:
        found = _closest_reading(word, cursor, known, capitals, eponym)
    elif preferred_found:
        # Any other slip of three characters reaches too many words: only a disease gene's
        # symbol is read, beside the other symbols a likely slip reaches as often.
        found = _closest_symbol(word, known, likely_only=True)
    else:
        return ()
    if not preferred_found or set(found) <= set(preferred_found):
        return preferred_found or found
    # A disease gene's symbol and a likelier slip's word: neither wins clearly, so both are
    # read (the gene first) and none is proposed ("CLSN": CLXN first, CLSPN too).
    return tuple(dict.fromkeys((*preferred_found, *found)))[:MAX_TIED]


def _closest_reading(
    word: str, cursor, known: Mapping[str, int], capitals: bool, eponym: bool
) -> tuple[str, ...]:
    if is_symbol_like(word):
        return _closest_symbol(word, known)
    # An eponym is rewritten only into a name the index knows well ("angelmann" -> "angelman",
    # 8 uses), never into a rare word ("Pompe" -> "pomp", 1 use).
    min_uses = EPONYM_MIN_USES if eponym else 1
    best = _closest(word, cursor, known, min_uses, doubled=capitals)
    if best:
        return (best,)
    # A word typed in capitals that no word is clearly closest to is read as a symbol ("LTCS":
    # LTC4S or OTCS); an ordinary word never is.
    return _closest_symbol(word, known) if capitals else ()


def _joined_words(tokens: list[str], known: Mapping[str, int]) -> list[str]:
    """Two typed words that are one known word when joined ("san filippo" -> "sanfilippo"),
    when one of them is unknown: else the nearest single word wins ("filippi", another
    syndrome). Two known words are never joined ("angel man")."""
    out: list[str] = []
    index = 0
    while index < len(tokens):
        pair = tokens[index : index + 2]
        if (
            len(pair) == 2
            and all(part.isalpha() for part in pair)
            and "".join(pair) in known
            and not all(part in known for part in pair)
        ):
            out.append("".join(pair))
            index += 2
            continue
        out.append(tokens[index])
        index += 1
    return out


def _plural_known(word: str, known: Mapping[str, int]) -> bool:
    # A symbol is no English plural: "TMEM151S" is a slip of TMEM151A, not two TMEM151s.
    if is_symbol_like(word):
        return False
    return (word[:-1] if word.endswith("s") else word + "s") in known


EPONYM_MIN_USES = 3


def _closest(
    word: str, cursor, known: Mapping[str, int], min_uses: int = 1, *, doubled: bool = False
) -> str | None:
    # A swap (or a doubled key, when `doubled`), when one known word is one, decides without
    # asking PostgreSQL. Otherwise pg_trgm narrows the lexicon, and the in-process lexicon adds
    # every word one slip away (trigrams miss a swap in a short word); the edit distance decides
    # (swaps count once).
    kept = _kept_letters_winner(word, known, min_uses, doubled=doubled)
    if kept:
        return kept
    cursor.execute(
        "SELECT term, frequency FROM search_searchterm "
        "WHERE term %% %s ORDER BY similarity(term, %s) DESC, frequency DESC LIMIT 12",
        [word, word],
    )
    uses = dict(cursor.fetchall())
    uses.update((term, known[term]) for term in one_edit_neighbours(word) if term in known)
    return _clear_winner(word, uses, _max_edits(word), min_uses)


def _closest_symbol(
    word: str, known: Mapping[str, int], *, likely_only: bool = False
) -> tuple[str, ...]:
    """A symbol is corrected by one slip only: two edits of a five-character symbol reach
    dozens of other genes ("tcs2" -> "tsc2", never "tcf2" as well). The likeliest kind of slip
    that reaches a known symbol decides: a swap or a doubled key, then a dropped character or a
    neighbouring key, then any other change. Two or three symbols as likely at one of the first
    two levels are all returned (a tie); at the last level, or more of them, none is: a changed
    digit names another gene of the family ("SMN3": SMN1 or SMN2), not a slip. `likely_only`:
    the first two levels alone."""
    kept = swapped_neighbours(word) | undoubled_neighbours(word)
    levels = [kept, near_slip_neighbours(word)]
    if not likely_only:
        levels.append(one_edit_neighbours(word))
    for level, near in enumerate(levels):
        uses = {term: known[term] for term in near if term in known}
        if uses:
            likeliest = _likeliest(word, uses, 1, 1)
            return likeliest if len(likeliest) == 1 or level < 2 else ()
    return ()


def _family_members(
    word: str, known: Mapping[str, int], preferred: frozenset[str]
) -> tuple[str, ...] | None:
    """A symbol typed with the letters of a family that holds a disease gene and a number none
    of its genes has ("SMN3") names that family: its symbols with the other numbers (SMN1 and
    SMN2), disease genes and then the most used first, never a gene another slip reaches
    ("STMN3", unrelated). One is proposed, two or three are read as a tie, more are too many
    to read (an empty tuple). None when no disease gene is such a sibling, or when a swap or a
    doubled key reaches one (a kept-letter slip stays likelier): the other rules read it."""
    if swapped_neighbours(word) & preferred or undoubled_neighbours(word) & preferred:
        return None
    siblings = {
        word[:i] + digit + word[i + 1 :]
        for i, typed in enumerate(word)
        if typed.isdigit()
        for digit in "0123456789"
        if digit != typed
    }
    if not siblings & preferred:
        return None
    members = sorted(
        (term for term in siblings if term in known or term in preferred),
        key=lambda term: (term not in preferred, -known.get(term, 1), term),
    )
    return tuple(members) if len(members) <= MAX_TIED else ()


def _preferred_symbol(
    word: str, known: Mapping[str, int], preferred: frozenset[str]
) -> tuple[str, ...]:
    """Families search the genes of their conditions: the symbol of the one gene linked to a
    condition (or two or three as used) that a likely slip of a word typed as a symbol reaches
    (a swap or a doubled key, then a dropped character or a neighbouring key): "BAR1" -> BARD1,
    though four other symbols drop a letter too; three characters too ("LXO" -> LOX). Any other
    change, or more symbols as likely, leave the word to the rules for every known word."""
    kept = swapped_neighbours(word) | undoubled_neighbours(word)
    for near in (kept, near_slip_neighbours(word)):
        uses = {term: known.get(term, 1) for term in near if term in preferred}
        if uses:
            return _likeliest(word, uses, 1, 1)
    return ()


def _kept_letters_winner(
    word: str, known: Mapping[str, int], min_uses: int, *, doubled: bool
) -> str | None:
    """Two characters typed the wrong way round, or one key pressed twice (`doubled`: a word
    typed in capitals), keep every letter of the word meant: when one known word is such a
    slip, it wins over the words a dropped, added or changed character reaches ("cfrt" ->
    "cftr", not "cfr"; "ARRSK" -> "arsk", not "arrs1")."""
    near = swapped_neighbours(word) | (undoubled_neighbours(word) if doubled else set())
    uses = {term: known[term] for term in near if term in known}
    return _clear_winner(word, uses, 1, min_uses)


def _clear_winner(word: str, uses: Mapping[str, int], limit: int, min_uses: int) -> str | None:
    likeliest = _likeliest(word, uses, limit, min_uses)
    return likeliest[0] if len(likeliest) == 1 else None


def _likeliest(word: str, uses: Mapping[str, int], limit: int, min_uses: int) -> tuple[str, ...]:
    """The clear winner alone; or the two or three known words as close and as common (at
    least half the uses of the most used), most used first; or () when there are more."""
    scored = sorted(
        (edit_distance(word, term, limit + 1), -frequency, term) for term, frequency in uses.items()
    )
    scored = [item for item in scored if item[0] <= limit and -item[1] >= min_uses]
    if not scored:
        return ()
    # Two known words equally close ("hole", "hold"): no clear winner.
    distance, top = scored[0][0], -scored[0][1]
    tied = [term for d, minus, term in scored if d == distance and -minus * 2 >= top]
    return tuple(tied) if len(tied) <= MAX_TIED else ()

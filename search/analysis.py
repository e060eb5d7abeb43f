"""Query understanding, shared by both backends: identifiers, variants, synonyms and spelling.

The output is a `QueryAnalysis`: exact keys to match whole (ranked first), the content words,
alternative word lists (synonym expansions and spelling corrections) and a "did you mean".
Keys found through a synonym or a spelling correction count for half (a clear correction counts
as typed); phrases inside a long sentence count for less. The pieces live by job: the name a
question wraps (`wrapped_names`), the other ways a name is typed (`name_forms`) and spelling
(`spelling`). Synonyms and the spelling lexicon are tables filled at rebuild time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from identifiers.doi import find_doi, parse_doi
from identifiers.hgvs import VariantDescription, VariantParseError, parse_variant, report_line
from identifiers.hgvs.printed import printed_variant
from identifiers.ids import IdentifierKind, find_identifiers, is_web_address, parse_identifier
from identifiers.rearrangements import Rearrangement
from identifiers.regions import RegionChange
from search.ages import said_ages
from search.compound_codes import compound_code_words
from search.contractions import said_words
from search.meant_names import meant_keys, possessive_readings
from search.name_forms import (
    MAX_ALTERNATIVES,
    eponym_keys,
    initialled_abbreviation_keys,
    numbered_abbreviation_keys,
    other_head_names,
    part_keys,
    synonym_expansions,
    without_generic_head,
)
from search.plurals import singular_form
from search.spelled_british import american_spelling
from search.spelling import spelling_proposals
from search.study_titles import is_designed_title, is_study_title, study_title_reading
from search.text import (
    STOPWORDS,
    content_words,
    key_form,
    phrase_form,
    words,
)
from search.wrapped_names import unwrapped_name

EXPANDED_KEY_WEIGHT = 0.5  # a key reached through a synonym or correction counts for half
TIE_STEP = 0.05  # a less used symbol of a tie counts this much less than the one before
PART_KEY_WEIGHT = 0.3  # a phrase inside a sentence ("seizures" in "my child has seizures")
SENTENCE_WORDS = 3
# Fewer all-word matches than this, for a sentence or a long name, widens to any word.
FEW_HITS = 5
EXACT_SCALE = 10.0  # exact boosts (20-100) times this dwarf any text score (0-100)
_VARIANT_HINT = re.compile(
    r"(?i)(^|[\s:(])([cgpnmr]\.|rs\d|ex(on)?\s*\d)|\d[ACGT]>|del|dup|ins|fs\b"
)
_POSSESSIVE = re.compile(r"\w['\u2019]s\b")
_PADDED = (IdentifierKind.HPO, IdentifierKind.MONDO, IdentifierKind.GARD)


@dataclass(frozen=True)
class RegionFound:
    """What a chromosome line's region or rearrangement is found as, worked out once a query
    (`search.regions`): the results' keys, then the page's reading, read this."""

    conditions: tuple[str, ...]  # curies, in the order shown
    genes: tuple[str, ...]  # symbols
    named: bool  # a condition is named for these bands or this rearrangement (not only an arm)
    by_arm: bool = False  # named only as the same change of the whole arm ("Monosomy 5p")


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
    identifier: str | None = None  # a curie, or "doi:10.1056/nejmoa1702752" for a paper's DOI
    variant: str | None = None
    variant_gene: str | None = None  # the gene symbol typed with the variant, as HGNC writes it
    # False when the query is answered as a description of signs: below the panel, a sentence's
    # any-word matches are noise, and counting them was most of a description's search time.
    may_widen: bool = True
    corrected: str | None = None
    # A slip that two or three known symbols explain as well ("JGA1": JAG1 or GJA1): each one's
    # key, likeliest first, without a "did you mean"; each counts a little less than the last.
    tied_keys: tuple[str, ...] = ()
    # The ids of the conditions a gene typed alone causes, commonest first, each with its
    # weight (`search.gene_causes`): the first just below the gene's symbol.
    cause_keys: tuple[str, ...] = ()
    cause_weights: tuple[float, ...] = ()
    # The conditions the symbol also names ("PAH": pulmonary arterial hypertension): typed
    # alone, among the cause keys after the commonest; asked for as a gene ("pah gene"), shown
    # after the gene's own conditions on the page, never boosted.
    named_keys: tuple[str, ...] = ()
    # The gene a report's finding names ("FMR1 CGG repeat expansion"), as typed.
    finding_gene: str | None = None
    # A report's line naming a chromosome region or rearrangement, read as it (`search.regions`),
    # and what it is found as.
    region: RegionChange | Rearrangement | None = None
    region_found: RegionFound | None = None
    # A study's title pasted whole: the names it gives its condition (`search.study_titles`).
    title_names: tuple[str, ...] = ()
    # The contractions typed without an apostrophe read as sentence words ("hes always tired":
    # not HES), matched by no key, synonym or spelling (`search.contractions`), and the
    # numbers that say an age ("im 34": `search.ages`).
    said: frozenset[str] = frozenset()
    # The folded words of the compound codes typed ("NTLA-2002": `search.compound_codes`).
    code_words: frozenset[str] = frozenset()

    def by_keys_only(self, **changes: Any) -> QueryAnalysis:
        """This analysis matched by its keys alone, with `changes`: no word, synonym,
        alternative, phrase part or tie, no correction, no widening (a report's chromosome line:
        "deletion" and "15" name other things)."""
        return replace(
            self,
            terms=(),
            expanded_keys=(),
            alternatives=(),
            part_keys=(),
            tied_keys=(),
            corrected=None,
            may_widen=False,
            **changes,
        )

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
            *(
                ((key,), weight)
                for key, weight in zip(self.cause_keys, self.cause_weights, strict=True)
            ),
            (self.part_keys, PART_KEY_WEIGHT),
        )
        return tuple((keys, weight) for keys, weight in lists if keys)

    @property
    def reached_keys(self) -> tuple[str, ...]:
        """Every key not typed as such (synonym, spelling, tie, part of a sentence)."""
        return (*self.expanded_keys, *self.tied_keys, *self.cause_keys, *self.part_keys)

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
        sentence = len(typed) >= SENTENCE_WORDS and any(w in STOPWORDS | self.said for w in typed)
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
    """Understand a cleaned query (see `request.clean_query`).

    A query spelled the British way ("haemophilia A", "acute myeloid leukaemia") is understood
    as its American spelling, the sources' own, and a group named in the plural
    ("leukodystrophies") as its singular; the words as typed are kept as well (their keys, and
    an alternative word list) and no correction is proposed for them."""
    american = american_spelling(query)
    reading = singular_form(american or query) or american
    if reading is None:
        return _analyze(query)
    analysis = _analyze(reading)
    typed = tuple(content_words(query, STOPWORDS | analysis.said))
    alternatives = (typed, *(a for a in analysis.alternatives if a != typed))
    return replace(
        analysis,
        raw=query,
        phrase=phrase_form(query),
        exact_keys=tuple(
            dict.fromkeys((*analysis.exact_keys, key_form(query), phrase_form(query)))
        ),
        alternatives=alternatives[:MAX_ALTERNATIVES]
        if typed != analysis.terms
        else analysis.alternatives,
    )


def _analyze(query: str) -> QueryAnalysis:
    keys: list[str] = [key_form(query), phrase_form(query)]
    identifier = _identifier(query)
    if identifier is not None:
        keys.extend(_identifier_keys(identifier.kind, identifier.value, identifier.curie))
    # A paper's DOI, alone or in a reference line without a PMID: its key, never its pieces.
    doi = find_doi(query) if identifier is None else None
    if doi is not None:
        keys.append(key_form(f"doi:{doi}"))
    variant = None if doi is not None else _variant(query)
    if variant is not None:
        keys.extend(key_form(k) for k in variant.search_keys)
        if variant.gene:
            # "CFTR F508del": the gene the report names answers too (first when the variant
            # itself is not stored), beside the notice that says where the variant is.
            keys.append(key_form(variant.gene))
    # A whole identifier, or an HGVS name on a reference sequence, is matched by its keys only:
    # the pieces of "NM_000344.4:c.840C>T" are not words ("NM" is an abbreviation of a disease).
    precise = (
        parse_identifier(query) is not None
        or parse_doi(query) is not None
        # The address of the record's page: the identifier it holds, not "pubmed", "ncbi", "gov".
        or (identifier is not None and is_web_address(query))
        or (variant is not None and bool(variant.reference))
    )
    # The name inside a question or a guess ("is it Batten") is matched as if typed alone.
    by_id = identifier is not None or doi is not None
    name = None if precise or by_id else unwrapped_name(query)
    said = frozenset() if precise else said_words(query, name=name) | said_ages(query)
    stopwords = STOPWORDS | said
    terms = () if precise else tuple(content_words(query, stopwords))
    if name:
        keys.append(name)  # its words, already folded: its key form and phrase form alike
    # A study's title names its condition after "in" or "with", among words about the study;
    # a drug after "of", and a name's shorter forms, count less.
    # Read once: the title test, the spelling and the sentence parts all leave a code alone.
    code_words = compound_code_words(query)  # "NTLA-2002": no key reads "2002" alone
    titled = not precise and not by_id and is_study_title(query, code_words)
    title_named, title_other = study_title_reading(query) if titled else ([], [])
    keys.extend(title_named)
    expansions = [] if precise else synonym_expansions(query, stopwords)
    if not precise and (named := without_generic_head(query)):
        expansions.append(named)
    if name:
        expansions.extend(synonym_expansions(name))
    expanded = [*title_other, *(phrase_form(alt) for alt in expansions)]
    if not precise and not by_id:
        # The condition a family's name means ("hashimotos disease": Hashimoto thyroiditis),
        # first: beside a name's other forms, the twelve keys an engine reads fill up.
        possessive = bool(_POSSESSIVE.search(query))
        expanded[:0] = meant_keys(phrase_form(name or query), possessive=possessive)
        expanded.extend(eponym_keys(name or query))
        for reading in possessive_readings(name or query):  # "addisons": "addison disease"
            # ... and "behcets syndrome": "behcet disease", the other head word as well.
            expanded.extend((reading, *eponym_keys(reading), *other_head_names(reading)))
        expanded.extend(other_head_names(name or query))
        expanded.extend(initialled_abbreviation_keys(name or query))
        keys.extend(numbered_abbreviation_keys(name or query))
    alternatives = [tuple(content_words(alt, stopwords)) for alt in expansions]
    if name:
        alternatives.insert(0, tuple(content_words(name)))
    corrected = None
    tied: tuple[str, ...] = ()
    # A title marked only by who takes part may be a family's words: their slips are mended.
    if not by_id and variant is None and not (titled and is_designed_title(query, code_words)):
        corrected, tied = spelling_proposals(query, code_words)
        # Each tied reading is searched as a correction would be, but none is proposed.
        alternatives.extend(tuple(content_words(reading, stopwords)) for reading in tied)
        if corrected:
            alternatives.append(tuple(content_words(corrected, stopwords)))
            # A clear correction counts as typed: a misspelt name finds what the name written
            # right finds ("neurofibromatosis tipe 1": at half weight, the gene NF1, reached
            # from the corrected name's abbreviation, came first).
            keys.append(phrase_form(corrected))
            corrected_name = unwrapped_name(corrected)
            if corrected_name:
                keys.append(corrected_name)
            # "san filippo" -> "sanfilippo": the corrected name typed alone, as the typed one.
            # First: the typed slip's own expansions ("sacs", an alias list of the gene SACS)
            # filled the keys an engine reads ("tay sacs life expectancy" lost "tay sachs
            # disease" past the twelfth).
            expanded[:0] = [
                *meant_keys(
                    phrase_form(corrected_name or corrected),
                    possessive=bool(possessive_readings(query) or _POSSESSIVE.search(query)),
                ),
                *eponym_keys(corrected_name or corrected),
            ]
            # A corrected name brings its synonyms too ("spinal muscullar atrophy" -> SMA).
            for alt in synonym_expansions(corrected, stopwords):
                alternatives.append(tuple(content_words(alt, stopwords)))
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
        part_keys=()
        if precise
        else tuple(k for k in part_keys(query, stopwords) if k not in known_keys | code_words),
        identifier=identifier.curie if identifier else (f"doi:{doi}" if doi else None),
        variant=variant.normalized if variant else None,
        variant_gene=variant.gene if variant else None,
        corrected=corrected,
        code_words=code_words,
        tied_keys=tuple(
            dict.fromkeys(k for k in map(phrase_form, tied) if k and k not in known_keys)
        ),
        title_names=tuple(title_named),
        said=said,
    )


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
        # A position, an SPDI or a ClinVar legacy name ("chr21:31668517 G>A", "NF1, IVS34, G-A")
        return printed_variant(query)
    parsed = _parsed_variant(query)
    first, _, rest = query.strip().partition(" ")
    if parsed is None and rest and not first.isupper() and _TYPED_SYMBOL.match(first):
        parsed = _parsed_variant(f"{first.upper()} {rest}")
    if parsed is None and (line := report_line(query)) and line != query.strip():
        parsed = _variant(line)
    return parsed or printed_variant(query)


def _parsed_variant(text: str) -> VariantDescription | None:
    try:
        return parse_variant(text)
    except VariantParseError:
        return None

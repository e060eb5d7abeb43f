"""Match an indication's text ("Treatment of type 1 Gaucher disease") to the conditions it names.

Pure Python: the caller passes the condition names. A match is a whole condition name or synonym
found word for word in the text; a name of one word counts only when it is the whole designation
or the whole clause naming the patients' condition ("... in narcolepsy"), so nothing links on a
single shared word. Shorter names inside a longer matched name are dropped ("hypertension" inside
"pulmonary arterial hypertension"). A synonym written in capitals is an abbreviation: it only
ever makes a candidate for the editors.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

MAX_NAME_WORDS = 14
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8"}
_SPELLING = (
    (re.compile(r"['\u2019]s\b"), ""),
    (re.compile(r"haem"), "hem"),
    (re.compile(r"aemia"), "emia"),
    (re.compile(r"\boedema"), "edema"),
    (re.compile(r"\boesophag"), "esophag"),
    (re.compile(r"tumour"), "tumor"),
    (re.compile(r"\bclassical\b"), "classic"),
)
_TYPE_FIRST = re.compile(r"\btype (\d+[a-z]?) ((?:[a-z0-9]+ ){0,3}(?:disease|syndrome|deficiency))")
_LEAD = re.compile(
    r"^(?:for )?(?:the )?(?:use (?:as|in) .*?(?:for|in) )?"
    r"(?:(?:oral|immediate|short course|long term|maintenance|adjunctive|first line) )?"
    r"(?:treatment|prevention|prophylaxis|"
    r"management|diagnosis|control|reduction)(?: and \w+)? of (?:patient with )?"
)
# Endings of singular words that look plural ("sepsis", "sickness", "virus").
_NOT_PLURAL = ("ss", "is", "us")
_TYPE_WORD = re.compile(r" type (?=\d)")
# "X in patients with Y", "X associated with Y": Y is the condition of the patients.
_PATIENTS = re.compile(r" (?:in|associated with|due to|caused by|secondary to) ")
_QUALIFIER = re.compile(
    r"^(?:(?:pediatric|adult|the|active|symptomatic|advanced|refractory|relapsed|recurrent) )*"
    r"(?:patient with )?"
)
_TRAILING = re.compile(r"(?: patient| population)$")
# Abbreviations are only trusted written in capitals in the source text ("PNH", not "all").
_ABBREVIATION = re.compile(r"\b[A-Z][A-Z0-9-]{2,9}\b")


def _singular(word: str) -> str:
    """'syndromes' -> 'syndrome', 'deficiencies' -> 'deficiency'; 'sepsis', 'pancreas' kept."""
    if len(word) < 5 or not word.endswith("s") or word.endswith(_NOT_PLURAL):
        return word
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


def normalise(text: str, *, ordered: bool = True) -> str:
    """Case, accents, punctuation, spelling, plurals and 'type I' folded, so two writings of a
    name compare equal (names and indications go through the same folding). ``ordered=False``
    leaves a leading type where it is ("type 6 maroteaux lamy syndrome" stays)."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    for pattern, replacement in _SPELLING:
        text = pattern.sub(replacement, text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = " ".join(_singular(w) for w in text.split())
    # Roman numerals as digits: "type I", "mucopolysaccharidosis VI", "factor VIII"; a lone
    # "i" or "v" only after "type" or at the end ("mucopolysaccharidosis I").
    text = re.sub(r"\b(ii|iii|iv|vi|vii|viii)\b", lambda m: _ROMAN[m.group(1)], text)
    text = re.sub(r"(\btype |[a-z] )(i|v)$|\btype (i|v)\b",
                  lambda m: (m.group(1) or "type ") + _ROMAN[m.group(2) or m.group(3)], text)  # fmt: skip
    if not ordered:
        return " ".join(text.split())
    # One writing of a type: "type 1 gaucher disease" -> "gaucher disease type 1".
    text = _TYPE_FIRST.sub(lambda m: f"{m.group(2)} type {m.group(1)}", " ".join(text.split()))
    return " ".join(text.split())


def designation_core(text: str) -> str:
    """The condition part of a designation: 'Treatment of cystinosis.' -> 'cystinosis'."""
    return _LEAD.sub("", normalise(text)).strip()


def _name_variants(name: str) -> list[str]:
    """A stored name's writings, OMIM's inverted ones turned round:
    'Angioedema, hereditary, 1' -> also 'hereditary angioedema 1'."""
    found = _variants(name)
    parts = [p.strip() for p in name.split(",") if p.strip()]
    if len(parts) == 2:
        found += _variants(f"{parts[1]} {parts[0]}")
    elif len(parts) == 3 and re.fullmatch(r"(type )?([0-9]+[a-z]?|[ivx]+)", parts[2].casefold()):
        found += _variants(f"{parts[1]} {parts[0]} {parts[2]}")
    return [v for v in dict.fromkeys(found) if v]


def _variants(text: str) -> list[str]:
    """The normalised text, then the same without the word "type" before a number
    ("mucopolysaccharidosis 1" = "mucopolysaccharidosis type 1") and with a leading type left
    in place ("mucopolysaccharidosis type 6 (maroteaux lamy syndrome)")."""
    norm = normalise(text)
    found = [norm, _TYPE_WORD.sub(" ", norm), normalise(text, ordered=False)]
    return [v for v in dict.fromkeys(found) if v]


@dataclass(frozen=True)
class Match:
    """What was found: how, the words matched, and the candidate condition ids."""

    kind: str  # "exact", "unique", "ambiguous" or "none"
    matched_text: str = ""
    conditions: tuple[int, ...] = ()


Span = tuple[int, int, str, frozenset[int]]
# A word right before a matched name that makes it another condition ("juvenile rheumatoid
# arthritis" is not "rheumatoid arthritis"; "non-small cell" is not "small cell").
_NEGATING = frozenset({"non", "juvenile", "pseudo", "acquired", "secondary", "induced"})
_NUMBERED = re.compile(r"(?: type)? \d+[a-z]?$")
_FILLER = frozenset({"of", "the", "and", "or", "in", "with", "a", "an", "to", "for", "type"})


def _content_words(text: str) -> set[str]:
    return {w for w in text.split() if w not in _FILLER}


@dataclass
class NameIndex:
    """Normalised condition names and synonyms -> condition ids; capitals abbreviations apart."""

    names: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    own: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    abbreviations: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    # Numbered members of one disease ("hereditary angioedema 1", "... 3"), by the shared name.
    series: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def build(
        cls,
        names: Iterable[tuple[int, str]],
        synonyms: Iterable[tuple[int, str]] = (),
        abbreviations: Iterable[tuple[int, str]] = (),
    ) -> NameIndex:
        """An index of conditions' own names, their synonyms and their abbreviations."""
        index = cls()
        for pk, name in names:
            for variant in _name_variants(name):
                index.names[variant].add(pk)
                index.own[pk].add(variant)
                stem = _NUMBERED.sub("", variant)
                if stem != variant and " " in stem:
                    index.series[stem].add(pk)
                # "Classic hairy cell leukemia" is what "hairy cell leukemia" means unqualified;
                # a synonym only, so a condition of that very name comes first.
                if variant.startswith("classic ") and variant.count(" ") > 1:
                    index.names[variant.split(" ", 1)[1]].add(pk)
        for pk, name in synonyms:
            if _ABBREVIATION.fullmatch(name):  # "MEN", "AEDS": a capitals abbreviation
                abbreviations = [*abbreviations, (pk, name)]
                continue
            for variant in _name_variants(name):
                index.names[variant].add(pk)
        for pk, abbreviation in abbreviations:
            if abbreviation.isupper() and len(abbreviation) >= 3:
                index.abbreviations[abbreviation].add(pk)
        return index

    def _spans(self, text: str) -> list[Span]:
        """The longest names found in ``text`` (in the writing that matches the most words)."""
        best: list[Span] = []
        for variant in _variants(text):
            words = variant.split()
            spans = [
                (start, end, phrase, frozenset(self.names[phrase]))
                for start in range(len(words))
                for end in range(start + 2, min(start + MAX_NAME_WORDS, len(words)) + 1)
                if (phrase := " ".join(words[start:end])) in self.names
                and (start == 0 or words[start - 1] not in _NEGATING)
            ]
            # A span inside or across a longer matched span is part of that longer name.
            kept: list[Span] = []
            for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
                if all(span[1] <= o[0] or o[1] <= span[0] for o in kept):
                    kept.append(span)
            spans = sorted(kept)
            if sum(s[1] - s[0] for s in spans) > sum(s[1] - s[0] for s in best):
                best = spans
        return best

    def _settle(self, phrases: list[str], ids: set[int], kind: str) -> Match:
        """One condition, or several stored under the very same name, link; else review.

        A phrase that is one condition's own name and only a synonym of others names that one
        ("Hodgkin lymphoma", not "Classic Hodgkin lymphoma" which lists it as a synonym)."""
        text = "; ".join(dict.fromkeys(phrases))
        if len(set(phrases)) == 1:
            owners = {pk for pk in ids if phrases[0] in self.own[pk]}
            if owners:
                return Match(kind, text, tuple(sorted(owners)))
        if len(ids) == 1:
            return Match(kind, text, tuple(sorted(ids)))
        return Match("ambiguous", text, tuple(sorted(ids)))

    def _from_spans(self, spans: list[Span], kind: str) -> Match:
        return self._settle([s[2] for s in spans], set().union(*(s[3] for s in spans)), kind)

    def _patients_condition(self, core: str, spans: list[Span]) -> list[Span]:
        """The condition of the patients a designation is for, when it is a whole stored name
        even of one word: 'excessive daytime sleepiness in narcolepsy', 'corneal crystals in
        cystinosis patients'. Only the whole clause counts, never a word inside it."""
        found: list[Span] = []
        for clause in _PATIENTS.split(core)[1:]:
            clause = _QUALIFIER.sub("", clause)
            clause = _TRAILING.sub("", clause).strip()
            if clause in self.names and not any(clause in s[2].split(" ") or clause == s[2]
                                                for s in spans):  # fmt: skip
                found.append((0, 0, clause, frozenset(self.names[clause])))
        return found

    def match(self, designation: str, indication: str = "") -> Match:
        """The condition(s) the designation names (refined by the labelled indication), else
        the indication's when they share two words with the designation, else candidates."""
        core = designation_core(designation)
        found: Match | None = None
        # "Active tuberculosis", "pediatric patients with X": the words say who, not what.
        plain = _QUALIFIER.sub("", core)
        for variant in [*_variants(core), *_variants(plain)] if core else []:
            if variant in self.names:
                found = self._settle([variant], self.names[variant], "exact")
                break
        if found is None:
            spans = self._spans(designation)
            spans += self._patients_condition(core, spans)
            if spans:
                found = self._from_spans(spans, "unique")
        told = self._spans(indication) if indication else []
        if found is not None:
            # "Gaucher disease" designated, "type 1 Gaucher disease" labelled: the type wins.
            words = _content_words(found.matched_text)
            if told and all(words < _content_words(s[2]) for s in told):
                refined = self._from_spans(told, found.kind)
                if refined.kind != "ambiguous":
                    return refined
            return found
        if told:
            matched = self._from_spans(told, "unique")
            # The label may only narrow the designation ("angioedema" -> "hereditary
            # angioedema"), or share two words with it; one shared word is not enough.
            core_words = _content_words(core)
            shared = all(
                (core_words and core_words <= _content_words(s[2]))
                or len(_content_words(s[2]) & core_words) >= 2
                for s in told
            )
            return (
                matched if shared else Match("ambiguous", matched.matched_text, matched.conditions)
            )
        return self._series(designation, indication) or self._abbreviations(designation, indication)

    def _series(self, designation: str, indication: str) -> Match | None:
        """'Hereditary angioedema' with only its numbered types stored: an editor picks."""
        for text in (designation, indication):
            words = normalise(text).split()
            hits = {
                phrase
                for start in range(len(words))
                for end in range(start + 2, min(start + MAX_NAME_WORDS, len(words)) + 1)
                if (phrase := " ".join(words[start:end])) in self.series
            }
            if hits:
                longest = max(hits, key=lambda h: (len(h.split()), h))
                return Match("ambiguous", longest, tuple(sorted(self.series[longest])))
        return None

    def _abbreviations(self, designation: str, indication: str) -> Match:
        """Capitals abbreviations the knowledge base knows: candidates for an editor only."""
        for text in (designation, indication):
            found = sorted(set(_ABBREVIATION.findall(text)) & set(self.abbreviations))
            ids = {pk for abbr in found for pk in self.abbreviations[abbr]}
            if ids:
                return Match("ambiguous", ", ".join(found), tuple(sorted(ids)))
        return Match("none")

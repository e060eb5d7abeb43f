"""Match an indication's text ("Treatment of type 1 Gaucher disease") to the conditions it names.

Pure Python: the caller passes the condition names. A match is a whole condition name or synonym
found word for word in the text; a name of one word counts only when it is the whole designation
or the whole clause naming the patients' condition ("... in narcolepsy"), so nothing links on a
single shared word. Shorter names inside a longer matched name are dropped ("hypertension" inside
"pulmonary arterial hypertension"). A synonym written in capitals is an abbreviation: it only
ever makes a candidate for the editors. When nothing is found word for word, other whole
writings of the designation are tried (``text.alternates``, a cause named after "due to", one
misspelt long word), and then the editors get candidates (``review``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from kbimport.indications import review
from kbimport.indications.result import Match
from kbimport.indications.text import (
    ABBREVIATION,
    MAX_NAME_WORDS,
    PATIENTS,
    alternates,
    content_words,
    designation_core,
    loose_name,
    name_variants,
    origin_writings,
    unnumbered,
    variants,
)
from kbimport.indications.typos import Vocabulary

_QUALIFIER = re.compile(
    r"^(?:(?:pediatric|adult|the|active|symptomatic|advanced|refractory|relapsed|recurrent) )*"
    r"(?:patient )?(?:with )?"
)
_TRAILING = re.compile(r"(?: patient| population)$")
_CAUSE = re.compile(r" due to (.+)$")


Span = tuple[int, int, str, frozenset[int]]
# A word right before a matched name that makes it another condition ("juvenile rheumatoid
# arthritis" is not "rheumatoid arthritis"; "non-small cell" is not "small cell").
_NEGATING = frozenset({"non", "juvenile", "pseudo", "acquired", "secondary", "induced"})
_NUMBERED = re.compile(r"(?: type)? \d+[a-z]?$")


@dataclass
class NameIndex:
    """Normalised condition names and synonyms -> condition ids; capitals abbreviations apart."""

    names: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    own: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    abbreviations: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    # Numbered members of one disease ("hereditary angioedema 1", "... 3"), by the shared name.
    series: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    # "Obesity due to leptin receptor deficiency" by its cause "leptin receptor deficiency".
    causes: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    # "Gastric cancer, somatic" as "gastric cancer": only ever a whole designation's name.
    loose: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    groups: set[int] = field(default_factory=set)
    children: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    genes: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def build(
        cls,
        names: Iterable[tuple[int, str]],
        synonyms: Iterable[tuple[int, str]] = (),
        abbreviations: Iterable[tuple[int, str]] = (),
        *,
        groups: Iterable[int] = (),
        subtypes: Iterable[tuple[int, int]] = (),
        genes: Iterable[tuple[int, str]] = (),
    ) -> NameIndex:
        """An index of conditions' own names, their synonyms and their abbreviations; the
        groups, their members and the genes linked to conditions give the editors candidates."""
        index = cls(groups=set(groups))
        for parent, child in subtypes:
            index.children[parent].add(child)
        for pk, symbol in genes:
            index.genes[symbol].add(pk)
        for pk, name in names:
            if loose := loose_name(name):
                index.loose[loose].add(pk)
            for variant in name_variants(name):
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
            if ABBREVIATION.fullmatch(name):  # "MEN", "AEDS": a capitals abbreviation
                abbreviations = [*abbreviations, (pk, name)]
                continue
            for variant in name_variants(name):
                index.names[variant].add(pk)
        for phrase, pks in list(index.names.items()):
            if cause := _CAUSE.search(phrase):
                for writing, _rule in origin_writings(cause.group(1)):
                    index.causes[writing] |= pks
        for pk, abbreviation in abbreviations:
            if abbreviation.isupper() and len(abbreviation) >= 3:
                index.abbreviations[abbreviation].add(pk)
        return index

    def _spans(self, text: str, lookup: dict[str, set[int]] | None = None) -> list[Span]:
        """The longest names found in ``text`` (in the writing that matches the most words)."""
        lookup = self.names if lookup is None else lookup
        best: list[Span] = []
        for variant in variants(text):
            words = variant.split()
            spans = [
                (start, end, phrase, frozenset(lookup[phrase]))
                for start in range(len(words))
                for end in range(start + 2, min(start + MAX_NAME_WORDS, len(words)) + 1)
                if (phrase := " ".join(words[start:end])) in lookup
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
        for clause in PATIENTS.split(core)[1:]:
            clause = _QUALIFIER.sub("", _QUALIFIER.sub("", clause))
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
        for variant in [*variants(core), *variants(plain)] if core else []:
            if variant in self.names:
                found = self._settle([variant], self.names[variant], "exact")
                break
        if found is None:
            spans = self._spans(designation)
            spans += self._patients_condition(core, spans)
            # "... in congenital protein C deficiency" names "Thrombophilia due to" it.
            spans = spans or [s for s in self._spans(designation, self.causes) if s[1] - s[0] > 2]
            if spans:
                found = self._from_spans(spans, "unique")
        found = found or self._alternate(designation)
        told = self._spans(indication) if indication else []
        if found is not None:
            # "Gaucher disease" designated, "type 1 Gaucher disease" labelled: the type wins.
            words = content_words(found.matched_text)
            if told and all(words < content_words(s[2]) for s in told):
                refined = self._from_spans(told, found.kind)
                if refined.kind != "ambiguous":
                    return refined
            return found
        if told:
            matched = self._from_spans(told, "unique")
            # The label may only narrow the designation ("angioedema" -> "hereditary
            # angioedema"), or share two words with it; one shared word is not enough.
            core_words = content_words(core)
            shared = all(
                (core_words and core_words <= content_words(s[2]))
                or len(content_words(s[2]) & core_words) >= 2
                for s in told
            )
            return (
                matched if shared else Match("ambiguous", matched.matched_text, matched.conditions)
            )
        return review.candidates(self, designation, indication) or Match("none")

    def _alternate(self, designation: str) -> Match | None:
        """Another whole writing of the designation that is a stored name or the stored cause
        of one condition ("... due to X"); else the same with one misspelt long word read
        again. Several conditions under that writing go to the editors."""
        writings = alternates(designation)
        # Each writing's variants once, in order, for the three lookups.
        spelled = [variant for text, _rule in writings for variant in variants(text)]
        for lookup in (self.names, self.loose, self.causes):
            for variant in spelled:
                if variant in lookup:
                    return self._settle([variant], lookup[variant], "unique")
        for text, _rule in writings:
            fixed = self.vocabulary.corrected(text)
            for variant in variants(fixed) if fixed else []:
                if variant in self.names:
                    found = self._settle([variant], self.names[variant], "unique")
                    return Match(found.kind, f"{variant} (read as {text!r})", found.conditions)
        return None

    @cached_property
    def head_keys(self) -> list[tuple[str, frozenset[int]]]:
        """Every stored writing without its numbers, sorted for prefix search."""
        merged: dict[str, set[int]] = defaultdict(set)
        for name, pks in self.names.items():
            merged[unnumbered(name)] |= pks
        return sorted((k, frozenset(v)) for k, v in merged.items() if k)

    @cached_property
    def tail_keys(self) -> list[tuple[str, frozenset[int]]]:
        """The same writings with their words mirrored, sorted for suffix search."""
        return sorted((" ".join(reversed(k.split())), pks) for k, pks in self.head_keys)

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """Every word of the stored names, for reading a misspelt designation."""
        return Vocabulary(w for name in self.names for w in name.split())

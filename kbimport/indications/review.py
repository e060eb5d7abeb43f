"""Candidates for the editors when no stored name fits a designation whole: never a link.

In order: a disease stored only as numbered types ("hereditary angioedema 1", "... 3"); the
stored names that begin with the designation's condition, give or take a number or a word such
as "classic" or "familial" ("homocystinuria due to ...", "TNF receptor 1 associated periodic
syndrome"); the Orphanet groups that a group of disorders names ("deficiencies in enzymes of
the urea cycle"); the conditions of a gene named as the cause ("due to biallelic RPE65 gene
mutations", "SHOX deficiency"); and capitals abbreviations the knowledge base knows.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from kbimport.indications.result import Match
from kbimport.indications.text import (
    ABBREVIATION,
    MAX_NAME_WORDS,
    alternates,
    content_words,
    designation_core,
    normalise,
    unnumbered,
)

if TYPE_CHECKING:
    from kbimport.indications.index import NameIndex

MAX_CANDIDATES = 30  # more than this says nothing an editor can use
# Words before a name that do not make it another disease, only say which form it is.
# Not "familial" or "hereditary": familial melanoma is another disease than melanoma.
_FORMS = ("classic", "isolated", "primary", "rare", "idiopathic", "sporadic")
# What may follow the designation's words in a candidate: a type or a cause, not another
# disease ("solid tumor associated with ...", "pericarditis-arthropathy ... syndrome").
# A one-word name followed by "of" is that disease somewhere else ("melanoma of uvea").
_GOES_ON = re.compile(r"^(?:type|due to|without|susceptibility|[a-z])\b")
_GOES_ON_SITE = re.compile(r"^(?:type|due to|without|susceptibility|of|[a-z])\b")
_GROUP_WORDS = re.compile(r"\b(?:disorder|deficiency in enzyme|inborn error|enzymopathy)\b")
_NOT_KEY = frozenset({"disorder", "deficiency", "enzyme", "inborn", "error", "defect",
                      "metabolism", "enzymopathy", "patient", "including"})  # fmt: skip
_GENE_CAUSE = re.compile(
    r"\b([A-Z][A-Z0-9]{1,9})\b\)?(?= (?:gene )?(?:mutation|deficiency|variant))"
)


def candidates(index: NameIndex, designation: str, indication: str) -> Match | None:
    """A review match with the candidates of the first rule that finds any, else None."""
    return (
        _series(index, designation, indication)
        or _genes(index, designation)
        or _abbreviations(index, designation, indication)
        or _heads(index, designation)
        or _groups(index, designation)
        or _tails(index, designation)
    )


def _review(text: str, ids: set[int], *, capped: bool = True) -> Match | None:
    if not ids or (capped and len(ids) > MAX_CANDIDATES):
        return None
    return Match("ambiguous", text[:300], tuple(sorted(ids)))


def _series(index: NameIndex, designation: str, indication: str) -> Match | None:
    """'Hereditary angioedema' with only its numbered types stored: an editor picks."""
    for text in (designation, indication):
        words = normalise(text).split()
        hits = {
            phrase
            for start in range(len(words))
            for end in range(start + 2, min(start + MAX_NAME_WORDS, len(words)) + 1)
            if (phrase := " ".join(words[start:end])) in index.series
        }
        if hits:
            longest = max(hits, key=lambda h: (len(h.split()), h))
            return _review(longest, index.series[longest], capped=False)
    return None


def _heads(index: NameIndex, designation: str) -> Match | None:
    """Stored names that begin with the designation's condition, numbers aside, or with a
    word of form before it: 'homocystinuria' -> 'homocystinuria due to CBS deficiency'."""
    keys = index.head_keys
    for text, rule in alternates(designation):
        key = unnumbered(text)
        if rule not in ("brackets", "qualifiers") or not key or len(key) < 8:
            continue
        found: set[int] = set()
        for prefix in (key, *(f"{form} {key}" for form in _FORMS)):
            start = bisect.bisect_left(keys, (prefix,))
            for name, pks in keys[start:]:
                if name != prefix and not name.startswith(prefix + " "):
                    break
                goes_on = _GOES_ON_SITE if " " in key else _GOES_ON
                if name == prefix or goes_on.match(name[len(prefix) + 1 :]):
                    found |= pks
        if found:
            return _review(key, found)
    return None


_JOINS = frozenset({"with", "associated", "due", "to", "of", "and", "or", "without", "in"})


def _tails(index: NameIndex, designation: str) -> Match | None:
    """Stored names of two words or more that end with the designation's whole condition:
    'Tourette syndrome' -> 'Gilles de la Tourette syndrome'."""
    ends = index.tail_keys
    for text, rule in alternates(designation):
        key = unnumbered(text)
        if rule not in ("brackets", "qualifiers") or " " not in key:
            continue
        mirrored = " ".join(reversed(key.split()))
        start = bisect.bisect_left(ends, (mirrored,))
        found: set[int] = set()
        for name, pks in ends[start:]:
            if not name.startswith(mirrored + " "):
                break
            # An eponym's first words ("Gilles de la"), not another disease "with" or "due to" it.
            before = name[len(mirrored) + 1 :].split()
            if len(before) <= 3 and not _JOINS.intersection(before):
                found |= pks
        if found:
            return _review(key, found)
    return None


def _groups(index: NameIndex, designation: str) -> Match | None:
    """A group of disorders ('fatty acid oxidation disorders'): the Orphanet groups whose
    names hold all its key words, with their members, for an editor to choose from."""
    core = designation_core(designation)
    for clause in [core, *re.split(r" (?:in|with|of) patient with ", core)[1:]]:
        if not _GROUP_WORDS.search(clause):
            continue
        key = content_words(clause) - _NOT_KEY
        if len(key) < 2:
            continue
        groups = {
            pk
            for name, pks in index.names.items()
            if key <= set(name.split())
            for pk in pks
            if pk in index.groups
        }
        members = {child for pk in groups for child in index.children.get(pk, ())}
        text = " ".join(dict.fromkeys(w for w in clause.split() if w in key))
        if groups:  # the groups alone when their members are too many to list
            return _review(text, groups | members) or _review(text, groups)
    return None


def _genes(index: NameIndex, designation: str) -> Match | None:
    """'... due to biallelic RPE65 gene mutations', '(SHOX) deficiency': the gene's conditions."""
    if " due to " not in f" {designation.casefold()} " and "deficiency" not in designation.lower():
        return None
    symbols = [s for s in _GENE_CAUSE.findall(designation) if s in index.genes]
    ids = {pk for symbol in symbols for pk in index.genes[symbol]}
    return _review(", ".join(symbols), ids) if ids else None


def _abbreviations(index: NameIndex, designation: str, indication: str) -> Match | None:
    """Capitals abbreviations the knowledge base knows: candidates for an editor only."""
    for text in (designation, indication):
        found = sorted(set(ABBREVIATION.findall(text)) & set(index.abbreviations))
        ids = {pk for abbr in found for pk in index.abbreviations[abbr]}
        if ids:
            return _review(", ".join(found), ids, capped=False)
    return None

"""A question about a condition's treatments ("is there a treatment for pompe disease", "cure
for duchenne") points, above the results, to the condition it names and to the treatments and
studies for it.

The search framework finds the condition: the first result, when it is a condition and the
name inside the question reached it (one of the name's keys is the condition's name, synonym,
abbreviation or eponym, or the name's words are in its title). A domain app registers where a
condition's treatments are (`register_treatment_links`), as describers register.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from search.analysis import QueryAnalysis, unwrapped_name
from search.keys import document_has_key
from search.request import Hit
from search.text import content_words, words

# What a family asks for when it asks how a condition is treated ("is there a cure for ...",
# "... clinical trials"); the other topic words ("symptoms", "prognosis") ask something else.
TREATMENT_WORDS = frozenset(
    {
        "treatment", "treatments", "treat", "treated", "treating", "therapy", "therapies",
        "cure", "cures", "cured", "drug", "drugs", "medicine", "medicines", "medication",
        "medications", "trial", "trials", "help", "helps",
    }
)  # fmt: skip
CONDITION = "condition"


@dataclass(frozen=True)
class TreatmentLinks:
    """Where a condition's treatments and studies are: the page, and the API's same search."""

    url: str
    api_url: str


@dataclass(frozen=True)
class TreatmentPointer:
    """The condition a treatment question names, with its page and its treatments' links."""

    asked: str  # the name in the question, in the user's words ("pompe disease")
    condition_id: str
    condition_name: str
    condition_url: str
    url: str
    api_url: str


TreatmentLinker = Callable[[str], TreatmentLinks | None]
_LINKERS: list[TreatmentLinker] = []


def register_treatment_links(linker: TreatmentLinker) -> TreatmentLinker:
    """Register `linker(condition_id) -> TreatmentLinks or None`; returns it (a decorator)."""
    if linker not in _LINKERS:
        _LINKERS.append(linker)
    return linker


def treatment_question_name(query: str) -> str | None:
    """The name a question about treatments wraps ("cure for duchenne" -> "duchenne"); None
    when the query asks nothing about treatments or wraps no name."""
    name = unwrapped_name(query)
    if name is None:
        return None
    asked = set(words(query)) - set(words(name))
    return name if asked & TREATMENT_WORDS else None


def treatment_pointer(
    query: str, analysis: QueryAnalysis, hits: list[Hit]
) -> TreatmentPointer | None:
    """The pointer for a treatment question whose name reached the first result, a condition."""
    name = treatment_question_name(query)
    if name is None or not hits or hits[0].doc_type != CONDITION or not _LINKERS:
        return None
    first = hits[0]
    if not _names(first, name, analysis):
        return None
    for linker in _LINKERS:
        links = linker(first.id)
        if links is not None:
            return TreatmentPointer(name, first.id, first.name, first.url, links.url, links.api_url)
    return None


def _names(hit: Hit, name: str, analysis: QueryAnalysis) -> bool:
    """Did the name reach this condition: its words all in the title ("duchenne" in "Duchenne
    muscular dystrophy"), or a key of it (typed, or reached through a synonym or an eponym)
    one of the condition's own? A sign named in everyday words reaches no condition."""
    named = content_words(name)
    if named and set(named) <= set(words(hit.name)):
        return True
    keys = [*analysis.exact_keys, *analysis.expanded_keys]
    return document_has_key(CONDITION, hit.id, keys)

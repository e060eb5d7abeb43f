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

from search.analysis import QueryAnalysis
from search.keys import document_has_key
from search.request import Hit
from search.text import content_words, words
from search.wrapped_names import unwrapped_name

# What a family asks for when it asks how a condition is treated ("is there a cure for ...",
# "... clinical trials"); the other topic words ("symptoms", "prognosis") ask something else.
TREATMENT_WORDS = frozenset(
    {
        "treatment", "treatments", "treat", "treated", "treating", "therapy", "therapies",
        "cure", "cures", "cured", "drug", "drugs", "medicine", "medicines", "medication",
        "medications", "trial", "trials", "help", "helps",
    }
)  # fmt: skip
# What else a family asks of a condition by its name ("nf1 symptoms", "is NF1 inherited",
# "life expectancy with DMD"): a name that is also a gene symbol then means the condition too.
CONDITION_TOPIC_WORDS = TREATMENT_WORDS | frozenset(
    {
        "symptoms", "symptom", "signs", "prognosis", "outlook", "life", "expectancy",
        "lifespan", "diagnosis", "diagnosed", "stages", "progression", "progressive",
        "inherited", "hereditary", "genetic", "contagious", "curable", "fatal",
    }
)  # fmt: skip
CONDITION = "condition"
# A name that is also a gene symbol (NF1, DMD) answers the gene first: the condition it also
# names is looked for among this many first results.
POINTER_DEPTH = 3


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


def treatment_question_name(query: str, topic: frozenset[str] = TREATMENT_WORDS) -> str | None:
    """The name a question about treatments (or another `topic`) wraps ("cure for duchenne" ->
    "duchenne"); None when the query asks nothing about the topic or wraps no name."""
    name = unwrapped_name(query)
    if name is None:
        return None
    asked = set(words(query)) - set(words(name))
    return name if asked & topic else None


def treatment_pointer(query: str, condition: Hit) -> TreatmentPointer | None:
    """The pointer for a treatment question about `condition`, the one its name reached
    (`asked_condition`: Neurofibromatosis type 1 below the gene NF1, for "treatment for NF1":
    treatments are a condition's); None when the query asks nothing about treatments."""
    name = treatment_question_name(query)
    return None if name is None else _pointer(name, condition)


def asked_condition(query: str, analysis: QueryAnalysis, hits: list[Hit]) -> Hit | None:
    """The condition a question about a condition names ("nf1 symptoms": Neurofibromatosis
    type 1, below the gene NF1 the same letters name), when its name reached one among the
    first results with only what the name also names above it; None otherwise."""
    name = treatment_question_name(query, CONDITION_TOPIC_WORDS)
    return None if name is None else _asked_condition(name, analysis, hits)


def _asked_condition(name: str, analysis: QueryAnalysis, hits: list[Hit]) -> Hit | None:
    for place, hit in enumerate(hits[:POINTER_DEPTH]):
        # Below the first result, the name as typed must be the condition's own: "SMN1" reaches
        # spinal muscular atrophy only through the gene's previous symbol "SMA".
        if hit.doc_type == CONDITION and _names(hit, name, analysis, as_typed=place > 0):
            return hit
        if not _names(hit, name, analysis):
            return None
    return None


def _pointer(name: str, condition: Hit) -> TreatmentPointer | None:
    for linker in _LINKERS:
        links = linker(condition.id)
        if links is not None:
            return TreatmentPointer(
                name, condition.id, condition.name, condition.url, links.url, links.api_url
            )
    return None


def _names(hit: Hit, name: str, analysis: QueryAnalysis, *, as_typed: bool = False) -> bool:
    """Did the name reach this document: its words all in the title ("duchenne" in "Duchenne
    muscular dystrophy"), or a key of it (typed, or reached through a synonym or an eponym)
    one of the document's own (`as_typed`: typed only)? A sign named in everyday words reaches
    no condition."""
    named = content_words(name)
    if named and set(named) <= set(words(hit.name)):
        return True
    keys = [*analysis.exact_keys, *(() if as_typed else analysis.expanded_keys)]
    return document_has_key(hit.doc_type, hit.id, keys)

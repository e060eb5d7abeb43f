"""A study's title pasted whole, as ClinicalTrials.gov or a news page prints it.

"An Open-Label Study of Oral NNZ-2591 in Phelan-McDermid Syndrome", "Study of Dupilumab and
Immune Responses in Adults With Atopic Dermatitis (AD)": a title names its condition after
"in", "with" or "for", among words about the study (design, drug, who takes part). It is not a
family's description of signs, and its words are not slips to correct.

What marks a title: a word about a study's design (study, trial, randomized, placebo-controlled,
open-label, phase 2, pilot ...), and either the title's capitals (most longer words start with
one) or the name of the page it was copied from after it ("- ClinicalTrials.gov").
"""

from __future__ import annotations

import re

from search.text import phrase_form

_PAGE_SUFFIX = re.compile(
    r"\s*[-|\u2013\u2014]\s*(?:ClinicalTrials\.gov|Full Text View|Study Results|PubMed)\s*$",
    re.IGNORECASE,
)
_STUDY_WORD = re.compile(
    r"\b(?:study|trial|registry|randomi[sz]ed|placebo[- ]controlled|double[- ]blind"
    r"|open[- ]label|phase\s*(?:[1-4]|i{1,3}|iv)|pilot|feasibility)\b",
    re.IGNORECASE,
)
# Where a title turns to who or what: the condition follows one of these words.
_TURN = re.compile(
    r"\b(?:with|in|for|of|among|treated|receiving|using|versus|vs|compared|to treat)\b",
    re.IGNORECASE,
)
# Who takes part and how ill, before the condition's name: "Adults With Moderate to Severe ...".
_WHO = re.compile(
    r"^(?:(?:adults?|children|infants?|adolescents?|pediatric|paediatric|participants?"
    r"|patients?|subjects?|people|individuals|healthy|volunteers?|mild|moderate|severe|active"
    r"|to|and|or|the|a|an)\s+)+",
    re.IGNORECASE,
)
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
MIN_WORDS = 5
CAPITALISED_SHARE = 0.6
MAX_NAME_WORDS = 6


def _without_page(text: str) -> tuple[str, bool]:
    stripped = _PAGE_SUFFIX.sub("", text.strip())
    return stripped, stripped != text.strip()


def is_study_title(text: str) -> bool:
    """Does `text` read as a study's title (its design words, and a title's capitals or a
    trial page's name after it)?"""
    title, from_page = _without_page(text)
    if len(title.split()) < MIN_WORDS or not _STUDY_WORD.search(title):
        return False
    if from_page:
        return True
    longer = [w for w in _WORD.findall(title) if len(w) >= 4]
    capitalised = sum(1 for w in longer if w[0].isupper())
    return bool(longer) and capitalised >= CAPITALISED_SHARE * len(longer)


def study_title_names(text: str) -> list[str]:
    """The names a study's title may give its condition (phrase form), or [] when `text` does
    not read as a study's title. Each is matched as an exact key: only a real name answers."""
    if not is_study_title(text):
        return []
    title = _BRACKETS.sub(" ", _without_page(text)[0])
    names: list[str] = []
    for part in _TURN.split(title)[1:]:
        name = phrase_form(_WHO.sub("", part.strip(" ,;:.-") + " "))
        if name and len(name.split()) <= MAX_NAME_WORDS and name not in names:
            names.append(name)
    return names

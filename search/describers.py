"""Describers: a domain app may read a query as a description of signs and answer with the
conditions that can cause them. The search framework only holds the shapes and the registry
(`<app>/search.py` registers, as documents do); `run_search` asks each registered describer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

CAUTION = (
    "Many conditions share the same signs, so this list is only a starting point. "
    "It is not a diagnosis and not medical advice: talk to your doctor or a genetics team."
)


@dataclass(frozen=True)
class SignFound:
    """A sign read from the query: the HPO term and the user's own words for it."""

    hpo_id: str
    name: str
    words: str
    url: str
    negated: bool = False  # said to be absent ("no seizures"): shown, not used for ranking
    removed: bool = False  # the user removed this chip
    relative: bool = False  # said of someone else ("her brother has seizures"): shown, not used


class SignRead(Protocol):
    """A sign as a describer read it: treatments' Sign, or the SignFound a page shows."""

    @property
    def negated(self) -> bool: ...

    @property
    def relative(self) -> bool: ...


def is_own_sign(sign: SignRead, *, absent: bool = False) -> bool:
    """The person's own sign, the evidence ranking uses: not a relative's ("her brother has
    seizures"), not a chip the user removed, and said to be present; or, with `absent`, said to
    be absent ("no seizures", evidence against)."""
    removed = isinstance(sign, SignFound) and sign.removed
    return not (sign.relative or removed) and sign.negated == absent


@dataclass(frozen=True)
class ConditionCandidate:
    """A condition that can cause the signs, with the signs it matched in the user's words."""

    id: str
    name: str
    url: str
    score: float
    matched: tuple[str, ...]  # the user's words for each matched sign
    source: str  # where the condition's signs come from (e.g. "HPO annotations 2025-01-16")


@dataclass(frozen=True)
class Described:
    """The description path's answer, shown above the ordinary results."""

    signs: tuple[SignFound, ...]
    conditions: tuple[ConditionCandidate, ...]
    caution: str = CAUTION
    elapsed_ms: float = 0.0


Describer = Callable[[str, tuple[str, ...], str], Described | None]
_DESCRIBERS: list[Describer] = []


def register_describer(describer: Describer) -> Describer:
    """Register `describer(query, dropped_hpo_ids, added_text)`; returns it (a decorator)."""
    if describer not in _DESCRIBERS:
        _DESCRIBERS.append(describer)
    return describer


def describe(query: str, dropped: tuple[str, ...] = (), added: str = "") -> Described | None:
    """The first registered describer's answer for this query, or None."""
    for describer in _DESCRIBERS:
        answer = describer(query, dropped, added)
        if answer is not None:
            return answer
    return None


# A short query that names one sign in everyday words ("floppy baby", "wobbly eyes") is no
# description, yet no document carries those words: the namer says which sign's id they mean.
SignNamer = Callable[[str], str | None]
_SIGN_NAMERS: list[SignNamer] = []


def register_sign_namer(namer: SignNamer) -> SignNamer:
    """Register `namer(query) -> sign id or None`; returns it (a decorator)."""
    if namer not in _SIGN_NAMERS:
        _SIGN_NAMERS.append(namer)
    return namer


def named_sign(query: str) -> str | None:
    """The id of the one sign this short query names in everyday words, or None."""
    for namer in _SIGN_NAMERS:
        sign = namer(query)
        if sign is not None:
            return sign
    return None

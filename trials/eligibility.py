"""Check one person against a study's own eligibility limits (age, sex, healthy volunteers, sites).

Pure functions over the values the refresh stores on ClinicalTrial (``eligibility``,
``locations``, ``countries``, ``contacts``); nothing here queries the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from trials.geography import country_distance_km, country_key

MATCHES = "matches"
DOES_NOT_MATCH = "does_not_match"
CANNOT_TELL = "cannot_tell"

# CT.gov age units; a month is the unit every limit is turned into.
_MONTHS_PER = {"year": 12.0, "month": 1.0, "week": 12 / 52.1775, "day": 12 / 365.25}
_MONTHS_PER.update({"hour": _MONTHS_PER["day"] / 24, "minute": _MONTHS_PER["day"] / 1440})
_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(year|month|week|day|hour|minute)s?\s*$", re.IGNORECASE)
# CT.gov's age groups: child is birth to 17, adult 18 to 64, older adult 65 and over.
STD_AGE_MONTHS = {
    "CHILD": (0, 18 * 12),
    "ADULT": (18 * 12, 65 * 12),
    "OLDER_ADULT": (65 * 12, None),
}
SEXES = {"female": "FEMALE", "male": "MALE"}
OPEN_SITE = {"RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION", "AVAILABLE"}


class AgeParseError(ValueError):
    """A CT.gov age limit that is not '<number> <unit>'."""


def age_to_months(text: str | None) -> float | None:
    """'3 Months' -> 3.0, '2 Weeks' -> 0.46, '12 Years' -> 144.0; None or 'N/A' -> None."""
    if text is None or text.strip().upper() in {"", "N/A", "NA", "NONE"}:
        return None
    found = _AGE.match(text)
    if not found:
        raise AgeParseError(f"not a CT.gov age: {text!r}")
    return float(found.group(1)) * _MONTHS_PER[found.group(2).lower()]


def age_in_words(months: float) -> str:
    """An age limit in plain words: '5 years', '3 months', '2 weeks'."""
    if months >= 24 and months % 12 == 0:
        return f"{int(months // 12)} years"
    if months >= 1 and abs(months - round(months)) < 0.01:
        return f"{round(months)} month" + ("s" if round(months) != 1 else "")
    weeks = round(months / _MONTHS_PER["week"])
    return f"{weeks} week" + ("s" if weeks != 1 else "")


@dataclass(frozen=True)
class Site:
    facility: str
    city: str
    country: str
    distance_km: float | None  # from the person's country; None when unknown


@dataclass(frozen=True)
class TrialFit:
    """How one study's limits compare with the person: the verdict and every reason for it."""

    verdict: str  # matches / does_not_match / cannot_tell
    reasons: tuple[str, ...]
    missing: tuple[str, ...]  # what we would need to know to be sure
    requirement: str  # the study's limits in plain words
    in_your_country: bool
    nearest_km: float | None  # distance to the nearest open site's country
    sites: tuple[Site, ...]  # open sites, nearest country first


def _unit_months(text: str | None) -> float:
    found = _AGE.match(text or "")
    return _MONTHS_PER[found.group(2).lower()] if found else 0.0


def _age_limits(eligibility: Mapping[str, Any]) -> tuple[float | None, float | None, float | None]:
    """Minimum age, maximum age and the first age past the maximum, in months.

    From the stated limits, or else the age groups. CT.gov's maximum is inclusive: "17 Years"
    takes people until their 18th birthday, "3 Months" until they are 4 months old.
    """
    try:
        low = age_to_months(eligibility.get("minimum_age"))
        high = age_to_months(eligibility.get("maximum_age"))
    except AgeParseError:
        low = high = None
    if low is not None or high is not None:
        top = None if high is None else high + _unit_months(eligibility.get("maximum_age"))
        return low, high, top
    groups = [STD_AGE_MONTHS[g] for g in eligibility.get("std_ages") or () if g in STD_AGE_MONTHS]
    if not groups:
        return None, None, None
    highs = [g[1] for g in groups]
    top = None if None in highs else max(h for h in highs if h is not None)
    return min(g[0] for g in groups), None if top is None else top - 12, top


def requirement_in_words(eligibility: Mapping[str, Any]) -> str:
    """The study's age and sex limits as one plain sentence."""
    low, high, _ = _age_limits(eligibility)
    parts: list[str] = []
    if low and high:
        parts.append(f"Ages {age_in_words(low)} to {age_in_words(high)}")
    elif low:
        parts.append(f"Ages {age_in_words(low)} and older")
    elif high:
        parts.append(f"Ages up to {age_in_words(high)}")
    else:
        parts.append("No age limit given")
    sex = (eligibility.get("sex") or "ALL").upper()
    parts.append(
        {"FEMALE": "girls and women only", "MALE": "boys and men only"}.get(sex, "any sex")
    )
    if eligibility.get("healthy_volunteers"):
        parts.append("also takes healthy volunteers")
    return ", ".join(parts) + "."


def _age_check(eligibility: Mapping[str, Any], age_months: int | None) -> tuple[str, str]:
    low, high, top = _age_limits(eligibility)
    if low is None and high is None:
        return CANNOT_TELL, "The study gives no age limits."
    if age_months is None:
        return CANNOT_TELL, "We do not know the age, so we cannot check the age limits."
    if low is not None and age_months < low:
        return DOES_NOT_MATCH, f"Too young: the study starts at {age_in_words(low)}."
    if top is not None and high is not None and age_months >= top:
        return DOES_NOT_MATCH, f"Too old: the study ends at {age_in_words(high)}."
    return MATCHES, "The age fits the study's limits."


def _sex_check(eligibility: Mapping[str, Any], sex: str | None) -> tuple[str, str]:
    wanted = (eligibility.get("sex") or "ALL").upper()
    if wanted not in {"FEMALE", "MALE"}:
        return MATCHES, "The study takes any sex."
    if sex not in SEXES:
        return CANNOT_TELL, f"The study takes {wanted.lower()}s only; sex not given."
    if SEXES[sex] != wanted:
        return DOES_NOT_MATCH, f"The study takes {wanted.lower()}s only."
    return MATCHES, f"The study takes {wanted.lower()}s."


def open_sites(locations: Iterable[Mapping[str, Any]], *, trial_open: bool) -> list[Mapping]:
    """Sites that take people now: by their own status, or all sites of an open study."""
    located = [loc for loc in locations if loc.get("country")]
    if any(loc.get("status") for loc in located):
        return [loc for loc in located if (loc.get("status") or "").upper() in OPEN_SITE]
    return located if trial_open else []


def sites_nearest(locations: Iterable[Mapping[str, Any]], country: str | None) -> tuple[Site, ...]:
    """Sites ordered by the distance of their country from the person's (unknown ones last)."""
    sites = [
        Site(
            facility=loc.get("facility") or "",
            city=loc.get("city") or "",
            country=loc.get("country") or "",
            distance_km=country_distance_km(country, loc.get("country")) if country else None,
        )
        for loc in locations
    ]
    far = float("inf")
    return tuple(sorted(sites, key=lambda s: far if s.distance_km is None else s.distance_km))


def trial_fit(
    *,
    eligibility: Mapping[str, Any],
    locations: Iterable[Mapping[str, Any]],
    trial_open: bool,
    age_months: int | None,
    sex: str | None,
    country: str | None,
) -> TrialFit:
    """Compare a person (age in months, 'female'/'male', country) with one study's limits."""
    checks = [_age_check(eligibility, age_months), _sex_check(eligibility, sex)]
    if eligibility.get("healthy_volunteers") is False:
        checks.append((MATCHES, "The study is for people who have the condition."))
    sites = sites_nearest(open_sites(locations, trial_open=trial_open), country)
    here = bool(country) and any(country_key(s.country) == country_key(country) for s in sites)
    missing = []
    if age_months is None:
        missing.append("age")
    if sex not in SEXES and (eligibility.get("sex") or "ALL").upper() != "ALL":
        missing.append("sex")
    verdicts = {v for v, _ in checks}
    if DOES_NOT_MATCH in verdicts:
        verdict = DOES_NOT_MATCH
    elif CANNOT_TELL in verdicts:
        verdict = CANNOT_TELL
    else:
        verdict = MATCHES
    reasons = [reason for _, reason in checks]
    if country and sites:
        reasons.append(
            f"Has a site in {country}."
            if here
            else f"No open site in {country}; the nearest is in {sites[0].country}."
        )
    elif not sites:
        reasons.append("No open site is listed.")
    return TrialFit(
        verdict=verdict,
        reasons=tuple(reasons),
        missing=tuple(missing),
        requirement=requirement_in_words(eligibility),
        in_your_country=here,
        nearest_km=0.0 if here else (sites[0].distance_km if sites else None),
        sites=sites,
    )

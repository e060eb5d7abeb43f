"""A person against a study's own limits, on real CT.gov v2 records (tests/fixtures/ctgov)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.pipeline import record_flat
from trials.eligibility import (
    CANNOT_TELL,
    DOES_NOT_MATCH,
    MATCHES,
    AgeParseError,
    age_to_months,
    sites_nearest,
    trial_fit,
)
from trials.parse import iter_studies_page, parse_study

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ctgov"


def _study(nct_id: str) -> dict:
    record = parse_study(json.loads((FIXTURES / f"{nct_id}.json").read_text(encoding="utf-8")))
    return {
        "eligibility": record_flat(record.eligibility),
        "locations": [record_flat(loc) for loc in record.locations],
        "trial_open": record.overall_status in {"RECRUITING", "NOT_YET_RECRUITING"},
    }


def _fit(nct_id: str, *, age_months=None, sex=None, country=None):
    return trial_fit(**_study(nct_id), age_months=age_months, sex=sex, country=country)


def test_std_ages_are_parsed_from_the_record():
    study = _study("NCT00763412")
    assert study["eligibility"]["std_ages"] == ("CHILD", "ADULT")
    assert study["eligibility"]["minimum_age"] == "12 Years"


@pytest.mark.parametrize(
    ("text", "months"),
    [("3 Months", 3.0), ("12 Years", 144.0), ("2 Weeks", 0.46), ("30 Days", 0.99), (None, None)],
)
def test_age_limits_in_every_unit_become_months(text, months):
    found = age_to_months(text)
    assert found == months if months is None else round(found, 2) == months


def test_an_unreadable_age_limit_raises():
    with pytest.raises(AgeParseError):
        age_to_months("twelve")


@pytest.mark.parametrize(
    ("age_months", "verdict"),
    [
        (11 * 12, DOES_NOT_MATCH),
        (12 * 12, MATCHES),
        (24 * 12 + 11, MATCHES),
        (25 * 12, DOES_NOT_MATCH),
    ],
)
def test_years_limits_are_inclusive_of_the_whole_last_year(age_months, verdict):
    """NCT00763412 takes 12 to 24 years: a 24-year-old 11 months fits, a 25-year-old does not."""
    assert _fit("NCT00763412", age_months=age_months, sex="male").verdict == verdict


def test_a_limit_in_months_from_a_real_list_page():
    """NCT07119606 (Phelan-McDermid) starts at 3 Months: 2 months is too young, 5 fits."""
    page = list(
        iter_studies_page((FIXTURES / "studies_list_phelan_mcdermid_page1.json").open("rb"))
    )
    study = next(r for r in page if r.nct_id == "NCT07119606")
    eligibility = record_flat(study.eligibility)
    young = trial_fit(
        eligibility=eligibility, locations=[], trial_open=True, age_months=2, sex=None, country=None
    )
    assert young.verdict == DOES_NOT_MATCH
    assert "3 months" in young.reasons[0]
    ok = trial_fit(
        eligibility=eligibility, locations=[], trial_open=True, age_months=5, sex=None, country=None
    )
    assert ok.verdict == MATCHES
    assert ok.requirement.startswith("Ages 3 months to 99 years")


def test_age_groups_alone_decide_when_no_limits_are_given():
    """'Child, Adult' without limits: a 7-year-old fits, a 70-year-old does not."""
    eligibility = {"std_ages": ["CHILD", "ADULT"], "sex": "ALL"}
    args = {"eligibility": eligibility, "locations": [], "trial_open": True, "sex": None}
    assert trial_fit(**args, age_months=84, country=None).verdict == MATCHES
    assert trial_fit(**args, age_months=70 * 12, country=None).verdict == DOES_NOT_MATCH


def test_unknown_age_is_cannot_tell_and_names_what_is_missing():
    fit = _fit("NCT00763412")
    assert fit.verdict == CANNOT_TELL
    assert fit.missing == ("age",)


def test_sites_in_several_countries_are_listed_nearest_first():
    """NCT02552212 has sites in 9 countries; for a person in Germany, Czechia/Poland lead."""
    sites = sites_nearest(_study("NCT02552212")["locations"], "Germany")
    countries = [site.country for site in sites]
    assert set(countries) >= {"Poland", "Czechia", "United States", "Taiwan", "Australia"}
    assert countries[0] in {"Czechia", "Poland"}
    assert countries[-1] == "Australia"
    assert "Russian Federation" in countries  # CT.gov's name, still placed by distance
    assert all(site.distance_km is not None for site in sites)


def test_a_completed_study_has_no_open_site():
    fit = _fit("NCT02552212", age_months=40 * 12, sex="female", country="Germany")
    assert fit.sites == ()
    assert "No open site is listed." in fit.reasons


def test_sites_elsewhere_name_the_nearest_country():
    fit = _fit("NCT03475563", age_months=50 * 12, sex="male", country="Germany")
    assert not fit.in_your_country
    assert "No open site in Germany; the nearest is in Spain." in fit.reasons


def test_recruiting_sites_in_the_persons_country():
    fit = _fit("NCT03475563", age_months=50 * 12, sex="male", country="Spain")
    assert fit.in_your_country
    assert fit.verdict == MATCHES
    assert {site.city for site in fit.sites} == {"Sabadell", "Barcelona", "León"}


def test_a_child_is_too_young_for_an_adult_study():
    fit = _fit("NCT06171568", age_months=84, sex="male", country="France")
    assert fit.verdict == DOES_NOT_MATCH
    assert "Too young" in fit.reasons[0]

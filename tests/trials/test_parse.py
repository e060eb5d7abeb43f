"""CT.gov v2 parsing, run on every recorded study and list page in shared data (read in place)."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from ingest.errors import MalformedResponse
from tests._shared import FIXTURE_DATA
from trials.parse import (
    TrialParseError,
    TrialRecord,
    iter_studies_page,
    parse_ctgov_date,
    parse_study,
)

CTGOV = FIXTURE_DATA / "ctgov"
STUDY_FILES = sorted((CTGOV / "studies").glob("NCT*.json"))
PAGE_FILES = sorted(CTGOV.glob("studies_list_phelan_mcdermid_page*.json"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_all_ten_recorded_studies_are_present():
    assert len(STUDY_FILES) == 10
    assert len(PAGE_FILES) == 2


@pytest.mark.parametrize("path", STUDY_FILES, ids=lambda p: p.stem)
def test_every_recorded_study_parses_to_its_own_values(path):
    raw = _load(path)
    proto = raw["protocolSection"]
    record = parse_study(raw)
    assert record.nct_id == path.stem
    assert record.brief_title == proto["identificationModule"]["briefTitle"]
    assert record.overall_status == proto["statusModule"]["overallStatus"]
    assert record.conditions == tuple(proto["conditionsModule"]["conditions"])
    assert record.has_results is raw["hasResults"]
    assert record.enrollment == proto["designModule"]["enrollmentInfo"]["count"]
    assert (
        record.last_update_date.isoformat()
        == (proto["statusModule"]["lastUpdatePostDateStruct"]["date"])
    )
    assert record.start_date.isoformat().startswith(
        proto["statusModule"]["startDateStruct"]["date"]
    )
    locations = proto.get("contactsLocationsModule", {}).get("locations", [])
    assert [loc.city for loc in record.locations] == [loc.get("city") for loc in locations]
    assert record.sponsor.name == proto["sponsorCollaboratorsModule"]["leadSponsor"]["name"]


def test_cystic_fibrosis_diabetes_study_details():
    record = parse_study(_load(CTGOV / "studies" / "NCT00763412.json"))
    assert record.start_date == dt.date(2006, 11, 1)  # "2006-11" is month precision
    assert record.primary_completion_date == dt.date(2013, 1, 1)
    assert record.phases == ("NA",)
    assert record.study_type == "INTERVENTIONAL"
    assert [(i.name, i.type) for i in record.interventions] == [
        ("placebo", "DRUG"),
        ("repaglinide", "DRUG"),
    ]
    assert record.design.allocation == "RANDOMIZED"
    assert record.design.masking == "QUADRUPLE"
    assert record.eligibility.minimum_age == "12 Years"
    assert record.eligibility.healthy_volunteers is False
    assert record.eligibility.criteria.startswith("Inclusion Criteria:")
    assert record.sponsor.sponsor_class == "INDIV"
    assert "Repaglinide" in record.keywords


def test_observational_study_has_no_interventional_design_and_has_contacts():
    record = parse_study(_load(CTGOV / "studies" / "NCT06171568.json"))
    assert record.study_type == "OBSERVATIONAL"
    assert record.design is None
    assert record.phases == ()
    assert record.central_contacts[0].email == "camille.heslot@aphp.fr"
    assert record.central_contacts[0].role == "CONTACT"


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.stem)
def test_list_pages_parse_the_subset_fields_that_are_present(path):
    raw = _load(path)
    with path.open("rb") as stream:
        page = iter_studies_page(stream)
        records = list(page)
    assert all(isinstance(r, TrialRecord) for r in records)
    assert [r.nct_id for r in records] == [
        s["protocolSection"]["identificationModule"]["nctId"] for s in raw["studies"]
    ]
    assert page.next_page_token == raw["nextPageToken"]
    assert page.total_count == raw.get("totalCount")
    for record, study in zip(records, raw["studies"], strict=True):
        # fields= omitted these sections: empty, not errors
        assert record.official_title is None
        assert record.locations == ()
        assert record.central_contacts == ()
        assert record.last_update_date is None
        assert record.eligibility.criteria is None
        eligibility = study["protocolSection"].get("eligibilityModule", {})
        assert record.eligibility.minimum_age == eligibility.get("minimumAge")
        assert record.eligibility.maximum_age == eligibility.get("maximumAge")


def test_page_one_reports_the_total_count():
    with (CTGOV / "studies_list_phelan_mcdermid_page1.json").open("rb") as stream:
        page = iter_studies_page(stream)
        records = list(page)
    assert page.total_count == 21
    first = records[0]
    assert first.nct_id == "NCT02710084"
    assert first.phases == ("PHASE2",)
    assert [i.name for i in first.interventions] == ["Oxytocin", "Saline"]
    assert first.interventions[0].type is None


def test_page_trailer_is_not_readable_before_iteration():
    with (CTGOV / "studies_list_phelan_mcdermid_page1.json").open("rb") as stream:
        page = iter_studies_page(stream)
        with pytest.raises(RuntimeError):
            _ = page.next_page_token


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (
            lambda s: s["protocolSection"]["statusModule"]["startDateStruct"].update(
                date="2006-13"
            ),
            "protocolSection.statusModule.startDateStruct.date",
        ),
        (
            lambda s: s["protocolSection"]["designModule"]["enrollmentInfo"].update(count="many"),
            "protocolSection.designModule.enrollmentInfo.count",
        ),
        (
            lambda s: s["protocolSection"]["designModule"].update(phases="PHASE2"),
            "protocolSection.designModule.phases",
        ),
        (
            lambda s: s["protocolSection"]["armsInterventionsModule"]["interventions"][1].pop(
                "name"
            ),
            "protocolSection.armsInterventionsModule.interventions[1].name",
        ),
        (
            lambda s: s["protocolSection"]["eligibilityModule"].update(healthyVolunteers="no"),
            "protocolSection.eligibilityModule.healthyVolunteers",
        ),
    ],
)
def test_a_broken_field_raises_an_error_naming_it(mutate, field):
    study = _load(CTGOV / "studies" / "NCT00763412.json")
    mutate(study)
    with pytest.raises(TrialParseError) as info:
        parse_study(study)
    assert info.value.field == field
    assert info.value.nct_id == "NCT00763412"


def test_a_study_without_nct_id_is_rejected():
    study = _load(CTGOV / "studies" / "NCT00763412.json")
    del study["protocolSection"]["identificationModule"]["nctId"]
    with pytest.raises(TrialParseError) as info:
        parse_study(study)
    assert info.value.field == "protocolSection.identificationModule.nctId"
    assert info.value.nct_id is None


def test_one_broken_study_in_a_page_does_not_stop_the_others():
    raw = _load(CTGOV / "studies_list_phelan_mcdermid_page1.json")
    raw["studies"][2]["protocolSection"]["statusModule"]["startDateStruct"]["date"] = "20XX"
    results = list(iter_studies_page(io.BytesIO(json.dumps(raw).encode())))
    errors = [r for r in results if isinstance(r, TrialParseError)]
    assert len(results) == 5
    assert [e.nct_id for e in errors] == ["NCT01525901"]
    assert errors[0].field == "protocolSection.statusModule.startDateStruct.date"


def test_malformed_json_page_raises_a_typed_error():
    with pytest.raises(MalformedResponse):
        list(iter_studies_page(io.BytesIO(b'{"studies": [{"protocolSection": }]}')))


def test_truncated_page_raises_a_typed_error():
    body = (CTGOV / "studies_list_phelan_mcdermid_page2.json").read_bytes()
    with pytest.raises(MalformedResponse):
        list(iter_studies_page(io.BytesIO(body[: len(body) // 2])))


def test_a_json_body_without_studies_is_malformed():
    with pytest.raises(MalformedResponse, match="no 'studies'"):
        list(iter_studies_page(io.BytesIO(b'{"message": "rate limited"}')))


class _CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


def test_page_is_parsed_incrementally_not_loaded_whole():
    study = _load(CTGOV / "studies" / "NCT02552212.json")  # the largest record (~150 KB)
    studies = []
    for n in range(60):
        clone = copy.deepcopy(study)
        clone["protocolSection"]["identificationModule"]["nctId"] = f"NCT{n:08d}"
        studies.append(clone)
    body = json.dumps({"studies": studies, "nextPageToken": "next"}).encode()
    stream = _CountingStream(body)
    iterator = iter(iter_studies_page(stream))
    first = next(iterator)
    assert first.nct_id == "NCT00000000"
    assert stream.bytes_read < len(body) / 10  # only the head of the page was read
    assert sum(1 for _ in iterator) == 59


def test_ctgov_dates_accept_day_month_and_year_precision():
    assert parse_ctgov_date("2016-04-29") == dt.date(2016, 4, 29)
    assert parse_ctgov_date("2012-02") == dt.date(2012, 2, 1)
    assert parse_ctgov_date("2012") == dt.date(2012, 1, 1)
    for bad in ("2012-02-30", "April 2012", "12-02", ""):
        with pytest.raises(ValueError, match=r"not a CT\.gov date"):
            parse_ctgov_date(bad)

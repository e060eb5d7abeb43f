"""The curated therapy candidates file loads, covers the fact sheet, and rejects bad input."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from typing import Any

import pytest

from kbimport.therapy_file import (
    DEFAULT_THERAPY_FILE,
    MODALITIES,
    TherapyFileError,
    TherapyRecord,
    load_therapy_file,
)
from tests._shared import FIXTURE_DATA


@pytest.fixture(scope="module")
def records() -> list[TherapyRecord]:
    return load_therapy_file(DEFAULT_THERAPY_FILE)


@pytest.fixture
def document() -> dict[str, Any]:
    return json.loads(DEFAULT_THERAPY_FILE.read_text(encoding="utf-8"))


def _by_name(records: list[TherapyRecord]) -> dict[str, TherapyRecord]:
    return {record.name: record for record in records}


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "therapies.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_real_file_has_every_fact_sheet_row(records: list[TherapyRecord]) -> None:
    """All 57 therapy-condition rows of the verified sheet are present as links."""
    links = [(r.name, link.condition_name) for r in records for link in r.links]
    assert len(links) >= 45
    with (FIXTURE_DATA / "therapies" / "therapies.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        sheet = {(row["therapy"], row["condition_name"]) for row in rows}
    assert set(links) == sheet


def test_all_sheet_modalities_are_covered(records: list[TherapyRecord]) -> None:
    """Every modality used by the fact sheet appears, and only allowed modalities appear."""
    modalities = {record.modality for record in records}
    assert modalities <= MODALITIES
    assert {
        "small_molecule", "antisense_oligonucleotide", "sirna", "aav_gene_therapy",
        "lentiviral_gene_therapy", "gene_editing", "enzyme_replacement", "monoclonal_antibody",
        "protein_or_peptide",
    } <= modalities  # fmt: skip


def test_dmd_exon_skipping_asos_have_exon_rules(records: list[TherapyRecord]) -> None:
    """Eteplirsen skips exon 51, golodirsen and viltolarsen 53, casimersen 45."""
    by_name = _by_name(records)
    expected = {"eteplirsen": 51, "golodirsen": 53, "viltolarsen": 53, "casimersen": 45}
    for name, exon in expected.items():
        rule = by_name[name].links[0].variant_rules
        assert rule is not None
        assert (rule.kind, rule.exon) == ("exon_skip", exon)
        assert "ORPHA:98896" in by_name[name].links[0].condition_ids


def test_cftr_modulators_have_protein_rules(records: list[TherapyRecord]) -> None:
    """ETI needs one F508del, lumacaftor/ivacaftor two, ivacaftor was first approved for G551D."""
    by_name = _by_name(records)
    rules = {
        name: by_name[name].links[0].variant_rules
        for name in ("elexacaftor/tezacaftor/ivacaftor", "lumacaftor/ivacaftor", "ivacaftor")
    }
    assert all(rule is not None and rule.kind == "protein_variant" for rule in rules.values())
    summary = {name: (rule.any_of, rule.min_alleles) for name, rule in rules.items()}
    assert summary["elexacaftor/tezacaftor/ivacaftor"] == (("F508del",), 1)
    assert summary["lumacaftor/ivacaftor"] == (("F508del",), 2)
    assert rules["ivacaftor"].any_of == ("G551D",)


def test_special_cases_present(records: list[TherapyRecord]) -> None:
    """Migalastat (amenable list), milasen (one patient) and ataluren (nonsense) are present."""
    by_name = _by_name(records)
    assert by_name["migalastat"].links[0].variant_rules.kind == "amenable_list"
    milasen = by_name["milasen"].links[0]
    assert (milasen.status, milasen.variant_rules.kind) == ("individualized", "individual")
    assert "31597037" in milasen.pmids
    assert by_name["ataluren"].links[0].variant_rules.kind == "nonsense"


def test_every_link_has_a_source_and_plain_mechanism(records: list[TherapyRecord]) -> None:
    """Each link cites at least one URL and each therapy has its own plain mechanism text."""
    for record in records:
        assert record.mechanism_plain
        for link in record.links:
            assert link.urls
            assert link.verified.startswith(("yes", "partial"))


def test_mechanisms_are_rewritten_not_copied(records: list[TherapyRecord]) -> None:
    """No mechanism sentence is a verbatim copy of the fact sheet's sentence."""
    with (FIXTURE_DATA / "therapies" / "therapies.tsv").open(encoding="utf-8") as handle:
        sheet = {row["mechanism"].strip() for row in csv.DictReader(handle, delimiter="\t")}
    assert not {record.mechanism_plain for record in records} & sheet


def test_added_orpha_ids_are_confirmed_in_the_named_file(
    records: list[TherapyRecord], shared_data: Path
) -> None:
    """An ORPHA id whose source names GARD.csv really is listed there under that name."""
    with (shared_data / "gard" / "GARD.csv").open(encoding="utf-8") as handle:
        gard_ids = {row["SourceID"] for row in csv.DictReader(handle)}
    checked = 0
    for record in records:
        for link in record.links:
            for curie, source in link.condition_id_source:
                if "GARD.csv" in source:
                    assert curie in gard_ids, (record.name, curie)
                    checked += 1
    assert checked >= 30


def test_missing_field_names_therapy_and_field(tmp_path: Path, document: dict[str, Any]) -> None:
    """A link without a status is rejected with the therapy's name and the field."""
    bad = copy.deepcopy(document)
    del bad["therapies"][0]["links"][0]["status"]
    with pytest.raises(TherapyFileError, match=r"therapy 'nusinersen'.*'status'"):
        load_therapy_file(_write(tmp_path, bad))


def test_bad_nct_names_therapy(tmp_path: Path, document: dict[str, Any]) -> None:
    """A malformed NCT number is rejected with the therapy's name."""
    bad = copy.deepcopy(document)
    bad["therapies"][0]["links"][0]["references"]["nct"] = ["NCT0219"]
    with pytest.raises(TherapyFileError, match=r"therapy 'nusinersen'.*references\.nct.*NCT0219"):
        load_therapy_file(_write(tmp_path, bad))


def test_bad_pmid_names_therapy(tmp_path: Path, document: dict[str, Any]) -> None:
    """A PMID that is not digits is rejected with the therapy's name."""
    bad = copy.deepcopy(document)
    bad["therapies"][0]["links"][0]["references"]["pmids"] = ["29O91570"]
    with pytest.raises(TherapyFileError, match=r"therapy 'nusinersen'.*references\.pmids"):
        load_therapy_file(_write(tmp_path, bad))


def test_unknown_modality_names_therapy(tmp_path: Path, document: dict[str, Any]) -> None:
    """An unknown modality is rejected with the therapy's name."""
    bad = copy.deepcopy(document)
    bad["therapies"][1]["modality"] = "magic"
    with pytest.raises(TherapyFileError, match=r"therapy 'risdiplam'.*'modality'.*'magic'"):
        load_therapy_file(_write(tmp_path, bad))


def test_a_name_longer_than_its_source_id_is_refused(
    tmp_path: Path, document: dict[str, Any]
) -> None:
    """A record keeps the name it was written under as its source id: a name too long for it
    could not be found by it at the next load."""
    bad = copy.deepcopy(document)
    bad["therapies"][1]["name"] = "risdiplam " + "r" * 120
    with pytest.raises(TherapyFileError, match=r"'name': is longer than 120 characters"):
        load_therapy_file(_write(tmp_path, bad))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("status", "approved", "unknown status"),
        ("evidence_level", "anecdote", "unknown evidence level"),
        ("condition_ids", ["ORPHA:586", "HP:0001250"], "not an ORPHA or OMIM"),
        ("condition_ids", ["orpha 586"], "should be written 'ORPHA:586'"),
        ("variant_rules", {"kind": "exon_skip"}, "variant_rules.exon"),
        ("variant_rules", {"kind": "protein_variant", "any_of": ["Xyz12Ter"]}, "amino acid"),
        ("variant_rules", {"kind": "telepathy"}, "unknown kind"),
        ("approval_year_fda", None, "but the first US approval event is 2016"),
        ("approval_year_fda", "2016", "must be a year"),
        ("surprise", 1, "unknown field"),
    ],
)  # fmt: skip
def test_bad_link_fields(
    tmp_path: Path, document: dict[str, Any], field: str, value: object, message: str
) -> None:
    """Each bad link field raises TherapyFileError naming the therapy and the problem."""
    bad = copy.deepcopy(document)
    link = bad["therapies"][3]["links"][0]
    link[field] = value
    if field == "condition_ids":
        link["condition_id_source"] = {curie: "test" for curie in value}  # type: ignore[union-attr]
    with pytest.raises(TherapyFileError, match="therapy 'eteplirsen'") as caught:
        load_therapy_file(_write(tmp_path, bad))
    assert message in str(caught.value)


def test_condition_id_without_source_is_rejected(tmp_path: Path, document: dict[str, Any]) -> None:
    """Every condition id must say which file or sheet confirmed it."""
    bad = copy.deepcopy(document)
    bad["therapies"][11]["links"][0]["condition_id_source"] = {}
    with pytest.raises(TherapyFileError, match=r"no source recorded for 'ORPHA:586'"):
        load_therapy_file(_write(tmp_path, bad))


def test_file_level_problems(tmp_path: Path, document: dict[str, Any]) -> None:
    """Unreadable JSON, a missing disclaimer and duplicate therapies are all rejected."""
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(TherapyFileError, match="cannot read therapy file"):
        load_therapy_file(broken)
    no_disclaimer = copy.deepcopy(document)
    del no_disclaimer["not_medical_advice"]
    with pytest.raises(TherapyFileError, match="not_medical_advice"):
        load_therapy_file(_write(tmp_path, no_disclaimer))
    duplicated = copy.deepcopy(document)
    duplicated["therapies"].append(duplicated["therapies"][0])
    with pytest.raises(TherapyFileError, match=r"therapy 'nusinersen'.*more than once"):
        load_therapy_file(_write(tmp_path, duplicated))

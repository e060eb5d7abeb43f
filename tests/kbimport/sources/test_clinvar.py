"""ClinVar parsers, run on real VCV XML and tabular exports."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from kbimport.sources import SourceRowError
from kbimport.sources.clinvar import (
    ClinVarCondition,
    ClinVarVariantRecord,
    GeneSummaryRecord,
    HgvsExpression,
    iter_clinvar_tabular,
    iter_gene_specific_summary,
    iter_vcv_records,
)

VCV_HPO = "clinvar/clinvar_vcv_records_with_hpo_2024-05-02.xml"


def _records(items: list) -> list[ClinVarVariantRecord]:
    assert not [x for x in items if isinstance(x, SourceRowError)]
    return items


def test_vcv_records_with_hpo(shared_data: Path) -> None:
    """All 39 VariationArchive records parse; the AGA Gly302Arg record keeps its facts."""
    records = _records(list(iter_vcv_records(shared_data / VCV_HPO)))
    assert len(records) == 39
    aga = next(r for r in records if r.accession == "VCV000000220")
    assert aga.name == "NM_000027.4(AGA):c.904G>A (p.Gly302Arg)"
    assert aga.variation_id == 220
    assert aga.gene_symbols == ("AGA",)
    assert aga.rsid == "rs121964905"
    assert aga.clinical_significance == "Pathogenic"
    assert aga.review_status == "no assertion criteria provided"
    assert aga.date_last_evaluated == dt.date(1991, 12, 15)
    assert aga.release_date == "2024-05-02"
    assert "missense variant" in aga.molecular_consequences
    assert HgvsExpression("coding", "NM_000027.4:c.904G>A", None) in aga.hgvs
    assert HgvsExpression("genomic, top-level", "NC_000004.12:g.177433250C>T", "GRCh38") in aga.hgvs
    assert ClinVarCondition("Aspartylglucosaminuria", "Orphanet", "93") in aga.conditions
    assert ClinVarCondition("Aspartylglucosaminuria", "OMIM", "208400") in aga.conditions


def test_vcv_has_no_cftr_record(shared_data: Path) -> None:
    """The sample release holds no CFTR variant (so no F508del to check)."""
    records = _records(list(iter_vcv_records(shared_data / VCV_HPO)))
    records += _records(
        list(iter_vcv_records(shared_data / "clinvar/clinvar_vcv_first_ten_records_2024-05-02.xml"))
    )
    assert len(records) == 49
    assert not [r for r in records if "CFTR" in r.gene_symbols]


def test_truncated_vcv_file(shared_data: Path, tmp_path: Path) -> None:
    """A VCV file cut mid-record yields the complete records, then an error at the cut line."""
    lines = (shared_data / VCV_HPO).read_text().splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("<VariationArchive ")]
    cut = starts[2] + 10
    path = tmp_path / "cut.xml"
    path.write_text("".join(lines[:cut]))
    items = list(iter_vcv_records(path))
    assert [x.variation_id for x in items[:-1]] == [220, 224]  # type: ignore[union-attr]
    error = items[-1]
    assert isinstance(error, SourceRowError)
    assert (error.file, error.line) == (str(path), cut + 1)


def test_tabular_current_layout(shared_data: Path) -> None:
    """The current ALPL export gives 1,197 variants with germline classification and dates."""
    records = _records(list(iter_clinvar_tabular(shared_data / "clinvar/clinvar_result_ALPL.txt")))
    assert len(records) == 1_197
    row = next(r for r in records if r.variation_id == 689539)
    assert row.accession == "VCV000689539"
    assert row.clinical_significance == "Uncertain significance"
    assert row.date_last_evaluated == dt.date(2022, 5, 27)
    assert row.molecular_consequences == ("5 prime UTR variant", "intron variant")
    assert ClinVarCondition("Adult hypophosphatasia", None, None) in row.conditions
    assert row.rsid == "rs990367929"


def test_tabular_2020_layout_with_crlf(shared_data: Path) -> None:
    """The 2020 export (CRLF, significance with 'Last reviewed') gives 1,936 variants."""
    path = shared_data / "clinvar/clinvar_result_2020_pathogenic_rare_genes_subset.txt"
    records = _records(list(iter_clinvar_tabular(path)))
    genes = Counter(r.gene_symbols[0] for r in records)
    assert genes == {
        "DMD": 1212,
        "SCN1A": 352,
        "GAA": 145,
        "TPP1": 45,
        "CLN3": 44,
        "ALPL": 41,
        "SMN1": 39,
        "SOD1": 39,
        "FMR1": 11,
        "UBE3A": 8,
    }
    first = records[0]
    assert first.name == "NM_000344.3(SMN1):c.274_284del11"
    assert first.clinical_significance == "Pathogenic"
    assert first.date_last_evaluated == dt.date(2016, 3, 18)
    assert first.variant_type is None
    assert first.rsid == "rs1561499612"


def test_tabular_bad_rows(tmp_path: Path) -> None:
    """A short row and a bad date are reported by line; the good row comes through."""
    path = tmp_path / "clinvar_result.txt"
    columns = ["Name", "Gene(s)", "Condition(s)", "VariationID", "Germline classification"]
    header = "\t".join([*columns, "Germline date last evaluated", ""])
    path.write_text(
        header + "\n"
        "a\tSMN1\tSMA\t1\tPathogenic\tJan 2, 2020\t\n"
        "b\tSMN1\n"
        "c\tSMN1\tSMA\t3\tPathogenic\t2020-01-02\t\n"
    )
    items = list(iter_clinvar_tabular(path))
    errors = [(x.line, x.field) for x in items if isinstance(x, SourceRowError)]
    assert errors == [(3, None), (4, "Germline date last evaluated")]
    assert [x.variation_id for x in items if isinstance(x, ClinVarVariantRecord)] == [1]


def test_gene_specific_summary(shared_data: Path) -> None:
    """gene_specific_summary.txt gives 33,890 genes; SMN1's counts are read as numbers."""
    records = [
        r for r in iter_gene_specific_summary(shared_data / "clinvar/gene_specific_summary.txt")
    ]
    assert len(records) == 33_890
    smn1 = next(r for r in records if isinstance(r, GeneSummaryRecord) and r.symbol == "SMN1")
    assert smn1 == GeneSummaryRecord("SMN1", 6606, 240, 201, 158, 57, 600354, 46, 6)

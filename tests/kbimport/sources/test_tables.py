"""GARD, HGNC and OMIM parsers, run on the real files."""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

import pytest

from kbimport.sources import SourceFileError, SourceRowError
from kbimport.sources.gard import (
    GardDiseaseRecord,
    GardGeneRecord,
    iter_gard_diseases,
    iter_gard_genes,
    iter_gard_xrefs,
)
from kbimport.sources.hgnc import HgncGeneRecord, iter_hgnc_genes
from kbimport.sources.omim import Mim2GeneRecord, iter_mim2gene, mim2gene_generated


def test_gard_diseases(shared_data: Path) -> None:
    """GARD.csv gives 12,004 diseases; ORPHA:70 is GARD:0004531 with its synonym."""
    records = list(iter_gard_diseases(shared_data / "gard" / "GARD.csv"))
    assert len(records) == 12_004
    assert all(isinstance(r, GardDiseaseRecord) for r in records)
    sma = next(r for r in records if isinstance(r, GardDiseaseRecord) and r.source_id == "ORPHA:70")
    assert (sma.gard_id, sma.name, sma.synonyms) == (
        "GARD:0004531",
        "Proximal spinal muscular atrophy",
        ("SMA",),
    )


def test_gard_xrefs(shared_data: Path) -> None:
    """GARD_xrefs.csv gives 49,974 cross-references; 'NA' relations become None."""
    records = [r for r in iter_gard_xrefs(shared_data / "gard" / "GARD_xrefs.csv")]
    assert len(records) == 49_974
    sources = Counter(r.source for r in records if not isinstance(r, SourceRowError))
    assert sources["OMIM"] == 10_271
    assert sources["Orphanet"] == 9_464
    assert not any(getattr(r, "relation", None) == "NA" for r in records)


def test_gard_genes(shared_data: Path) -> None:
    """GARD_genes.csv gives 10,438 associations with HGNC ids and PMIDs."""
    records = list(iter_gard_genes(shared_data / "gard" / "GARD_genes.csv"))
    assert len(records) == 10_438
    first = records[0]
    assert isinstance(first, GardGeneRecord)
    assert (first.gene_symbol, first.hgnc_id, first.pmids) == (
        "UVSSA",
        "HGNC:29304",
        (22466610, 22466611, 22466612),
    )


def test_gard_row_with_wrong_column_count(tmp_path: Path) -> None:
    """A CSV row with a missing column is reported with its line; its neighbours come through."""
    path = tmp_path / "GARD.csv"
    path.write_text(
        "GardID,DataSource,SourceID,ClassificationLevel,DisorderType,Name,Synonym\r\n"
        "GARD:0000001,Orphanet,ORPHA:1,Disorder,Disease,One,\r\n"
        "GARD:0000002,Orphanet,ORPHA:2,Disorder,Two\r\n"
        'GARD:0000003,Orphanet,ORPHA:3,Disorder,Disease,"Three, again",A|B\r\n'
    )
    items = list(iter_gard_diseases(path))
    assert [(x.file, x.line) for x in items if isinstance(x, SourceRowError)] == [(str(path), 3)]
    good = [x for x in items if isinstance(x, GardDiseaseRecord)]
    assert [(g.name, g.synonyms) for g in good] == [("One", ()), ("Three, again", ("A", "B"))]


def test_hgnc_complete_set(shared_data: Path) -> None:
    """The gzipped HGNC set gives 43,882 genes; SMN1 is HGNC:11117 with NCBI Gene id 6606."""
    genes = {}
    for item in iter_hgnc_genes(shared_data / "hgnc" / "hgnc_complete_set.txt.gz"):
        assert isinstance(item, HgncGeneRecord), item
        genes[item.symbol] = item
    assert len(genes) == 43_882
    smn1 = genes["SMN1"]
    assert (smn1.hgnc_id, smn1.entrez_id, smn1.omim_ids, smn1.orphanet_id) == (
        "HGNC:11117",
        6606,
        (600354,),
        133452,
    )
    assert "SMA1" in smn1.alias_symbols
    assert smn1.prev_symbols == ("SMA@", "SMA")
    # HGNC's other names: protein-style aliases and older approved names.
    assert smn1.alias_names == ("gemin-1", "tudor domain containing 16A")
    assert genes["GBA1"].alias_names == ("glucocerebrosidase",)
    assert "glucosylceramidase" in genes["GBA1"].prev_names
    assert smn1.location == "5q13.2"


def test_hgnc_plain_subset(shared_data: Path) -> None:
    """The uncompressed subset parses the same way: 84 genes."""
    records = list(
        iter_hgnc_genes(shared_data / "hgnc" / "hgnc_complete_set_rare_disease_genes_subset.txt")
    )
    assert len(records) == 84
    assert {r.symbol for r in records if isinstance(r, HgncGeneRecord)} >= {"CFTR", "SMN2", "DMD"}


def test_hgnc_bad_rows(shared_data: Path, tmp_path: Path) -> None:
    """In a gzip file too, a short row and a non-numeric entrez id are reported by line."""
    source = (shared_data / "hgnc" / "hgnc_complete_set_rare_disease_genes_subset.txt").read_text()
    lines = source.splitlines()
    header, first, second, third = lines[0], lines[1], lines[2], lines[3]
    columns = header.split("\t")
    bad_id = second.split("\t")
    bad_id[columns.index("entrez_id")] = "twelve"
    path = tmp_path / "hgnc.txt.gz"
    path.write_bytes(
        gzip.compress("\n".join([header, first, "HGNC:1\tX", "\t".join(bad_id), third]).encode())
    )
    items = list(iter_hgnc_genes(path))
    errors = [(x.line, x.field) for x in items if isinstance(x, SourceRowError)]
    assert errors == [(3, None), (4, "entrez_id")]
    assert len([x for x in items if isinstance(x, HgncGeneRecord)]) == 2


def test_hgnc_without_header_columns_raises(tmp_path: Path) -> None:
    """A file that is not the HGNC set at all raises SourceFileError."""
    path = tmp_path / "other.txt"
    path.write_text("a\tb\n1\t2\n")
    with pytest.raises(SourceFileError):
        list(iter_hgnc_genes(path))


def test_mim2gene(shared_data: Path) -> None:
    """mim2gene.txt gives 27,754 entries of five types; SMN1's gene entry is 600354."""
    path = shared_data / "omim" / "mim2gene.txt"
    assert mim2gene_generated(path) == "2022-05-09"
    records = [r for r in iter_mim2gene(path) if isinstance(r, Mim2GeneRecord)]
    assert len(records) == 27_754
    assert Counter(r.entry_type for r in records) == {
        "gene": 16_731,
        "phenotype": 7_901,
        "predominantly phenotypes": 1_755,
        "moved/removed": 1_340,
        "gene/phenotype": 27,
    }
    smn1 = next(r for r in records if r.mim_number == 600354)
    assert (smn1.entry_type, smn1.entrez_id, smn1.symbol, smn1.ensembl_gene_id) == (
        "gene",
        6606,
        "SMN1",
        "ENSG00000172062",
    )


def test_mim2gene_bad_rows(tmp_path: Path) -> None:
    """An unknown entry type and a short line are reported; good lines come through."""
    path = tmp_path / "mim2gene.txt"
    path.write_text(
        "# comment\n100050\tphenotype\t\t\t\n100070\tgenie\t1\tX\t\n"
        "100100\tgene\n600354\tgene\t6606\tSMN1\t\n"
    )
    items = list(iter_mim2gene(path))
    assert [(x.line, x.field) for x in items if isinstance(x, SourceRowError)] == [
        (3, "entry_type"),
        (4, None),
    ]
    assert [x.mim_number for x in items if isinstance(x, Mim2GeneRecord)] == [100050, 600354]

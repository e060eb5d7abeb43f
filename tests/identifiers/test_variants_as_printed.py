"""Variants and ids as labs, browsers and ClinVar print them besides an HGVS name: genomic
positions, SPDI, repeat counts, ClinVar's legacy names, "Variation ID: n" and PubMed addresses.
Strings from shared/data/clinvar and shared/data/pubmed."""

from __future__ import annotations

import pytest

from identifiers.hgvs import parse_variant
from identifiers.hgvs.printed import printed_variant
from identifiers.ids import find_identifiers, parse_identifier


@pytest.mark.parametrize(
    ("text", "normalized", "reference"),
    [
        ("chr21:31668517 G>A", "chr21:31668517 G>A", "chr21"),
        ("chrX:31478376 T>G", "chrX:31478376 T>G", "chrX"),
        ("X-147936534-T-A", "chrX:147936534 T>A", "chrX"),
        ("chr5:70942813:G:A (GRCh38)", "chr5:70942813 G>A", "chr5"),
        ("17-80104704-C-T", "chr17:80104704 C>T", "chr17"),
    ],
)
def test_a_genomic_position_with_its_alleles_is_a_variant(
    text: str, normalized: str, reference: str
) -> None:
    variant = printed_variant(text)
    assert variant is not None
    assert (variant.kind, variant.normalized, variant.reference) == (
        "position",
        normalized,
        reference,
    )


def test_a_one_base_spdi_is_read_as_the_g_name_it_means() -> None:
    # SPDI counts from 0: ClinVar's NC_000017.11:80110840:G:T is g.80110841G>T.
    variant = printed_variant("NC_000017.11:80110840:G:T")
    assert variant is not None
    assert variant.normalized == "NC_000017.11:g.80110841G>T"
    assert "NC_000017.11:80110840:G:T" in variant.search_keys


def test_a_longer_spdi_is_kept_as_printed() -> None:
    text = "NC_000002.12:166047681:AAAGCCCAACTGAAGGTATCAAAGC:AAAGC"
    variant = printed_variant(text)
    assert variant is not None
    assert (variant.kind, variant.normalized, variant.reference) == ("spdi", text, "NC_000002.12")


@pytest.mark.parametrize(
    ("text", "gene"),
    [
        ("NF1, IVS34, G-A, +18", "NF1"),
        ("UBE3A, 2-BP DEL, 1930AG", "UBE3A"),
        ("GNAS, 4.7-KB DEL", "GNAS"),
        ("UBE3A, 15-BP DEL/7-BP INS, NT3240", "UBE3A"),
        ("UBE3A, 4-BP DUP, EX10, GAGG", "UBE3A"),
        ("ARHGAP26, 74-BP INS", "ARHGAP26"),
    ],
)
def test_a_clinvar_legacy_name_is_a_variant_of_its_gene(text: str, gene: str) -> None:
    variant = printed_variant(text)
    assert variant is not None
    assert (variant.kind, variant.gene, variant.search_keys) == ("legacy", gene, (text,))


@pytest.mark.parametrize(
    "text",
    [
        "Down syndrome, trisomy 21",
        "ALS, SOD1",
        "CF, deletion",
        "chr 5",
        "5q13.2",
        "chr21:31668517 G>G",
        "NC_000017.11:80110840:G:G",
    ],
)
def test_other_text_is_not_read_as_a_printed_variant(text: str) -> None:
    assert printed_variant(text) is None


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("NM_006920.6:c.1506_1510GAAAA[1]", "NM_006920.6:c.1506_1510GAAAA[1]"),
        ("NM_004020.3(DMD):c.2843+9167AG[2]", "NM_004020.3:c.2843+9167AG[2]"),
    ],
)
def test_a_repeat_count_is_an_hgvs_change(text: str, normalized: str) -> None:
    assert parse_variant(text).normalized == normalized
    assert parse_variant(text).change_type == "repeat"


@pytest.mark.parametrize(
    ("text", "curie"),
    [
        ("Variation ID: 420039", "VCV000420039"),
        ("VariationID 420039", "VCV000420039"),
        ("ClinVar Variation ID: 7105", "VCV000007105"),
    ],
)
def test_clinvars_variation_id_is_read_without_the_word_clinvar(text: str, curie: str) -> None:
    ident = parse_identifier(text)
    assert ident is not None
    assert ident.curie == curie


@pytest.mark.parametrize(
    "text",
    [
        "https://pubmed.ncbi.nlm.nih.gov/35196497/",
        "pubmed.ncbi.nlm.nih.gov/35196497",
        "https://www.ncbi.nlm.nih.gov/pubmed/35196497",
    ],
)
def test_a_pubmed_address_holds_its_pmid(text: str) -> None:
    assert [ident.curie for ident in find_identifiers(text)] == ["PMID:35196497"]

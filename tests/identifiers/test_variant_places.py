"""A variant's GRCh38 place from ClinVar's canonical SPDI, and the same place as a report prints it
(a VCF-style position with its anchor base, a g. name, a shorter SPDI): the keys meet.

The cases are ClinVar's VCV records (shared/data/clinvar/clinvar_vcv_records_with_hpo_2024-05-02.xml,
clinvar_vcv_first_ten_records_2024-05-02.xml): each record's CanonicalSPDI, its GRCh38
SequenceLocation's positionVCF / referenceAlleleVCF / alternateAlleleVCF and its HGVS g. names.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from identifiers.hgvs import VariantParseError, parse_variant
from identifiers.hgvs.genomic import chromosome, position_text, spdi_keys
from identifiers.hgvs.printed import printed_variant


def _keys(text: str) -> set[str]:
    try:
        found = parse_variant(text)
    except VariantParseError:
        found = printed_variant(text)
    return {key.lower() for key in (found.search_keys if found else ())}


def _meet(typed: str, spdi: str) -> bool:
    return bool(_keys(typed) & {key.lower() for key in spdi_keys(spdi)})


@pytest.mark.parametrize(
    ("typed", "spdi"),
    [
        # VCV 220, AGA c.904G>A: a base change, as labs and gnomAD print it
        ("chr4:177433250 C>T", "NC_000004.12:177433249:C:T"),
        ("4-177433250-C-T", "NC_000004.12:177433249:C:T"),
        ("chr4:177433250C>T", "NC_000004.12:177433249:C:T"),
        ("NC_000004.12:g.177433250C>T", "NC_000004.12:177433249:C:T"),
        # VCV 224, AGA c.102_108del: VCF TAAAGGGC>T at 177442267, g. 177442268_177442274del
        ("4-177442267-TAAAGGGC-T", "NC_000004.12:177442267:AAAGGGC:"),
        ("NC_000004.12:g.177442268_177442274del", "NC_000004.12:177442267:AAAGGGC:"),
        # VCV 3, AP5Z1 c.1413_1426del: in repeated bases, VCF at the left, HGVS at the right
        ("chr7:4787729 GCTGCTGGACCTGCC>G", "NC_000007.14:4787729:CTGCTGGACCTGCCCTGCT:CTGCT"),
        ("NC_000007.14:g.4787735_4787748del", "NC_000007.14:4787729:CTGCTGGACCTGCCCTGCT:CTGCT"),
        # VCV 575, KNG1 c.1216dup: VCF A>AC, HGVS's dup at the run's end
        ("3-186741608-A-AC", "NC_000003.12:186741608:CCCC:CCCCC"),
        ("NC_000003.12:g.186741612dup", "NC_000003.12:186741608:CCCC:CCCCC"),
        # VCV 2, AP5Z1 c.80_83delins...: one place
        (
            "NC_000007.14:g.4781213_4781216delinsTGCTGTAAACTGTAACTGTAAA",
            "NC_000007.14:4781212:GGAT:TGCTGTAAACTGTAACTGTAAA",
        ),
        # the canonical SPDI itself, and a shortest one
        ("NC_000004.12:177442267:AAAGGGC:", "NC_000004.12:177442267:AAAGGGC:"),
        ("NC_000003.12:186741611::C", "NC_000003.12:186741608:CCCC:CCCCC"),
    ],
)
def test_a_place_as_printed_meets_clinvars_spdi(typed: str, spdi: str) -> None:
    assert _meet(typed, spdi)


@pytest.mark.parametrize(
    ("typed", "spdi"),
    [
        ("chr4:177433250 C>A", "NC_000004.12:177433249:C:T"),  # another base
        ("chr3:177433250 C>T", "NC_000004.12:177433249:C:T"),  # another chromosome
        ("GRCh37 chr4:177433250 C>T", "NC_000004.12:177433249:C:T"),  # another assembly
        ("chr4:177433250 C>T (hg19)", "NC_000004.12:177433249:C:T"),
        ("NC_000004.11:g.177433250C>T", "NC_000004.12:177433249:C:T"),
        ("NC_000004.12:g.177442268_177442273del", "NC_000004.12:177442267:AAAGGGC:"),
    ],
)
def test_another_change_or_assembly_does_not_meet_it(typed: str, spdi: str) -> None:
    assert not _meet(typed, spdi)


def test_a_refseq_chromosome_names_its_chromosome() -> None:
    assert [chromosome(a) for a in ("NC_000005.10", "NC_000023.11", "NC_000024.10")] == [
        "5",
        "X",
        "Y",
    ]
    assert chromosome("NC_012920.1") is None
    assert chromosome("NM_000344.3") is None


def test_the_place_is_printed_as_labs_print_a_base_change() -> None:
    assert position_text("NC_000005.10:70942812:G:A") == "chr5:70942813 G>A"
    assert position_text("NC_000004.12:177442267:AAAGGGC:") == "NC_000004.12:177442267:AAAGGGC:"
    assert position_text("not an spdi") == ""


def test_every_vcv_record_is_found_by_its_vcf_position_and_g_names(shared_data: Path) -> None:
    """Over both VCV files: each record's GRCh38 VCF position and GRCh38 g. names meet its
    canonical SPDI; its GRCh37 g. names do not."""
    checked = 0
    for name in ("clinvar_vcv_first_ten_records_2024-05-02.xml",
                 "clinvar_vcv_records_with_hpo_2024-05-02.xml"):  # fmt: skip
        text = (shared_data / "clinvar" / name).read_text(encoding="utf-8")
        for record in re.findall(r"<VariationArchive .*?</VariationArchive>", text, re.S):
            spdi = re.search(r"<CanonicalSPDI>([^<]*)", record)
            vcf = re.search(
                r'Assembly="GRCh38"[^>]*Chr="(\w+)"[^>]*positionVCF="(\d+)" '
                r'referenceAlleleVCF="(\w+)" alternateAlleleVCF="(\w+)"',
                record,
            )
            if spdi is None or vcf is None:
                continue
            chrom, pos, ref, alt = vcf.groups()
            assert _meet(f"chr{chrom}:{pos} {ref}>{alt}", spdi[1])
            assert _meet(f"{chrom}-{pos}-{ref}-{alt}", spdi[1])
            grch38 = spdi[1].split(":")[0]
            for g in re.findall(r"<Expression>(NC_0000\d\d\.\d+:g\.[^<]*)", record):
                g = html.unescape(g)
                assert _meet(g, spdi[1]) is g.startswith(grch38 + ":"), g
            checked += 1
    assert checked == 44

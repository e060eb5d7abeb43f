"""HGVS-style variant parsing, normalisation, search keys and DMD exon-skipping rules."""

from __future__ import annotations

import json

import pytest

from identifiers.hgvs import (
    DMD_SKIPPING_FILE,
    ONE_TO_THREE,
    THREE_TO_ONE,
    VariantParseError,
    dmd_skipping_table,
    exon_skip_amenable,
    one_to_three,
    parse_variant,
    three_to_one,
)


@pytest.mark.parametrize(
    ("text", "kind", "normalized", "change_type"),
    [
        ("NM_000344.4:c.840C>T", "c", "NM_000344.4:c.840C>T", "substitution"),
        ("c.840C>T", "c", "c.840C>T", "substitution"),
        ("p.Arg123Ter", "p", "p.Arg123Ter", "nonsense"),
        ("p.R123*", "p", "p.Arg123Ter", "nonsense"),
        ("R123X", "legacy_protein", "p.Arg123Ter", "nonsense"),
        ("p.(Arg123Ter)", "p", "p.Arg123Ter", "nonsense"),
        ("F508del", "legacy_protein", "p.Phe508del", "deletion"),
        ("p.Phe508del", "p", "p.Phe508del", "deletion"),
        ("c.1521_1523delCTT", "c", "c.1521_1523del", "deletion"),
        ("c.1521_1523del", "c", "c.1521_1523del", "deletion"),
        ("c.-12G>A", "c", "c.-12G>A", "substitution"),
        ("c.123+1G>A", "c", "c.123+1G>A", "substitution"),
        ("c.456-2A>G", "c", "c.456-2A>G", "substitution"),
        ("c.5delA", "c", "c.5del", "deletion"),
        ("c.4_5insT", "c", "c.4_5insT", "insertion"),
        ("c.-1_1insA", "c", "c.-1_1insA", "insertion"),
        ("c.100_102dup", "c", "c.100_102dup", "duplication"),
        ("c.35delG", "c", "c.35del", "deletion"),
        ("c.123delinsTG", "c", "c.123delinsTG", "delins"),
        ("c.*32A>G", "c", "c.*32A>G", "substitution"),
        ("p.Gly12fs", "p", "p.Gly12fs", "frameshift"),
        ("p.R97Pfs*23", "p", "p.Arg97ProfsTer23", "frameshift"),
        ("p.Glu6Val", "p", "p.Glu6Val", "missense"),
        ("p.Gly12Gly", "p", "p.Gly12=", "synonymous"),
        ("p.Lys2_Gly3insGlnSerLys", "p", "p.Lys2_Gly3insGlnSerLys", "insertion"),
        ("G551D", "legacy_protein", "p.Gly551Asp", "missense"),
        ("NC_000005.10:g.70951946C>T", "g", "NC_000005.10:g.70951946C>T", "substitution"),
        ("n.76A>C", "n", "n.76A>C", "substitution"),
        ("m.3243A>G", "m", "m.3243A>G", "substitution"),
        ("r.76a>c", "r", "r.76a>c", "substitution"),
        ("rs1800112", "rsid", "rs1800112", None),
        ("deletion of exons 48-50", "exon", "exon 48-50 deletion", "exon_deletion"),
        ("exon 48-50 deletion", "exon", "exon 48-50 deletion", "exon_deletion"),
        ("del ex48-50", "exon", "exon 48-50 deletion", "exon_deletion"),
        ("exons 45 to 50 deleted", "exon", "exon 45-50 deletion", "exon_deletion"),
        ("exons 45\u201350 deleted", "exon", "exon 45-50 deletion", "exon_deletion"),
        ("duplication of exon 2", "exon", "exon 2 duplication", "exon_duplication"),
        ("exon 51 skipping", "exon", "exon 51 skipping", "exon_skipping"),
    ],
)
def test_accepted_forms(text: str, kind: str, normalized: str, change_type: str | None) -> None:
    """Every supported spelling parses to its kind, canonical string and change type."""
    parsed = parse_variant(text)
    assert (parsed.kind, parsed.normalized, parsed.change_type) == (kind, normalized, change_type)


@pytest.mark.parametrize(
    "text",
    ["NM_000344.4:c.840C>T", "c.1521_1523delCTT", "p.R123*", "R123X", "F508del", "c.123+1G>A",
     "p.R97Pfs*23", "del ex48-50", "exons 45 to 50 deleted", "rs1800112", "c.-12G>A"],
)  # fmt: skip
def test_normalised_form_round_trips(text: str) -> None:
    """Parsing the normalised string again gives the same normalised string and keys."""
    first = parse_variant(text)
    again = parse_variant(first.normalized)
    assert again.normalized == first.normalized
    assert again.change_type == first.change_type
    assert first.normalized in again.search_keys


def test_positions_and_offsets() -> None:
    """Ranges, UTR positions and intron offsets are reported as numbers."""
    assert (parse_variant("c.1521_1523del").start, parse_variant("c.1521_1523del").end) == (
        1521,
        1523,
    )
    intronic = parse_variant("c.456-2A>G")
    assert (intronic.start, intronic.start_offset) == (456, -2)
    assert parse_variant("c.-12G>A").start == -12
    assert parse_variant("c.*32A>G").start is None


def test_reference_and_gene_are_split_out() -> None:
    """Transcript, gene-in-brackets, 'GENE:' and 'GENE ' prefixes are all recognised."""
    clinvar = parse_variant("NM_000492.4(CFTR):c.1521_1523del")
    assert (clinvar.reference, clinvar.gene) == ("NM_000492.4", "CFTR")
    assert parse_variant("DMD:c.123A>G").gene == "DMD"
    legacy = parse_variant("CFTR F508del")
    assert (legacy.gene, legacy.protein_short) == ("CFTR", "F508del")


def test_clinvar_name_parses_both_halves() -> None:
    """A ClinVar name carries the DNA change and the protein change, both searchable."""
    parsed = parse_variant("NM_000492.4(CFTR):c.1521_1523del (p.Phe508del)")
    assert parsed.kind == "c"
    assert parsed.normalized == "NM_000492.4:c.1521_1523del"
    assert (parsed.protein_long, parsed.protein_short) == ("p.Phe508del", "F508del")
    assert {"c.1521_1523del", "F508del", "p.Phe508del"} <= set(parsed.search_keys)


def test_search_keys_for_f508del() -> None:
    """p.Phe508del is findable under its long, short and prefix-free spellings."""
    assert parse_variant("p.Phe508del").search_keys[:4] == (
        "p.Phe508del", "p.F508del", "F508del", "Phe508del",
    )  # fmt: skip
    assert parse_variant("F508del").search_keys == parse_variant("p.Phe508del").search_keys


def test_search_keys_for_stop_include_legacy_x() -> None:
    """A nonsense change is also findable under the older 'X' spelling."""
    keys = parse_variant("p.Arg123Ter").search_keys
    assert {"p.Arg123Ter", "p.R123*", "R123*", "R123X", "Arg123Ter"} <= set(keys)
    assert "p.(Arg123Ter)" in parse_variant("p.(Arg123Ter)").search_keys
    assert parse_variant("p.(Arg123Ter)").predicted is True


def test_search_keys_keep_older_deleted_base_spelling() -> None:
    """The dropped deleted bases stay as a search key so old notation still matches."""
    keys = parse_variant("NM_000492.4:c.1521_1523delCTT").search_keys
    assert keys[:3] == ("NM_000492.4:c.1521_1523del", "c.1521_1523del", "c.1521_1523delCTT")


def test_exon_description_lists_exons() -> None:
    """Exon-level descriptions carry the tuple of exons they cover."""
    parsed = parse_variant("DMD deletion of exons 48-50")
    assert (parsed.gene, parsed.exons) == ("DMD", (48, 49, 50))
    assert "del ex48-50" in parsed.search_keys


def test_amino_acid_maps() -> None:
    """The three- and one-letter maps are inverse and know the stop codon."""
    assert len(THREE_TO_ONE) == 23
    assert all(ONE_TO_THREE[one] == three for three, one in THREE_TO_ONE.items())
    assert three_to_one("Ter") == "*"
    assert three_to_one("phe") == "F"
    assert one_to_three("X") == "Ter"
    assert one_to_three("W") == "Trp"
    with pytest.raises(VariantParseError, match="unknown amino acid 'Xyz'"):
        three_to_one("Xyz")
    with pytest.raises(VariantParseError, match="unknown amino acid 'B'"):
        one_to_three("B")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty variant"),
        ("   ", "empty variant"),
        ("c.", "position missing in 'c.'"),
        ("p.", "position missing in 'p.'"),
        ("p.Xyz12Ter", "unknown amino acid 'Xyz' in 'p.Xyz12Ter'"),
        ("c.840C>", "incomplete substitution 'C>'"),
        ("NM_000344.4:", "nothing after 'NM_000344.4:'"),
        ("deletion of exons 50-48", "exon range 50-48 is reversed"),
        ("rs", "rsID 'rs' has no number"),
        ("hello world", "not a recognised variant description: 'hello world'"),
        ("\x00\xff\x01binary", "control or non-text characters"),
        ("c.1A>G" * 100, "too long (600 characters"),
        ("c.840C>C", "changes nothing"),
        ("c.4insT", "insertion needs two neighbouring positions"),
        ("c.4_7insT", "insertion needs two neighbouring positions"),
        ("g.-5A>G", "g. positions are plain positive numbers"),
        ("c.0A>G", "position 0 does not exist"),
        ("c.1523_1521del", "not in increasing order"),
        ("c.1521_1523delCT", "names 2 base(s) but its positions cover 3"),
        ("c.840_841C>T", "a substitution changes one base"),
        ("c.840Q>T", "unrecognised change 'Q>T'"),
        ("p.Arg123", "protein change is missing"),
        ("p.B12C", "unknown amino acid 'B'"),
        ("p.Arg12_Gly10del", "not in increasing order"),
        ("exon 0 deletion", "exon numbers start at 1"),
        ("DMD deletion of exons 78-80", "DMD has 79 exons"),
        ("exon deletion", "cannot read exon-level description"),
    ],
)
def test_malformed_input_raises_clear_error(text: str, message: str) -> None:
    """Each malformed string raises VariantParseError whose message names the problem."""
    with pytest.raises(VariantParseError) as caught:
        parse_variant(text)
    assert message in str(caught.value)


def test_non_text_input_is_rejected() -> None:
    """Bytes are not silently decoded."""
    with pytest.raises(VariantParseError, match="must be text"):
        parse_variant(b"c.840C>T")  # type: ignore[arg-type]


def test_parse_error_is_a_value_error() -> None:
    """Callers that catch ValueError also catch variant parse errors."""
    assert issubclass(VariantParseError, ValueError)


@pytest.mark.parametrize(
    ("deleted", "skip", "expected"),
    [
        ((45, 46, 47, 48, 49, 50), 51, True),
        ((48, 49, 50), 51, True),
        ((50,), 51, True),
        ((52,), 51, True),
        ((52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63), 51, True),
        ((46, 47, 48, 49, 50), 51, False),  # adjacent but not in the published list used here
        ((45, 46, 47), 51, False),  # not adjacent to exon 51
        ((51,), 51, False),  # the skipped exon itself is deleted
        ((52,), 53, True),
        ((45, 46, 47, 48, 49, 50, 51, 52), 53, True),
        ((44,), 45, True),
        ((46, 47), 45, True),
        ((46, 47), 53, False),
    ],
)
def test_exon_skip_amenable(deleted: tuple[int, ...], skip: int, expected: bool) -> None:
    """Only adjacent deletions listed in the cited table count as amenable."""
    assert exon_skip_amenable(deleted, skip) is expected


def test_exon_skip_amenable_rejects_bad_input() -> None:
    """Empty, split or out-of-range deletions and exons without a table are errors."""
    with pytest.raises(ValueError, match="no deleted exons"):
        exon_skip_amenable((), 51)
    with pytest.raises(ValueError, match="not one continuous deletion"):
        exon_skip_amenable((48, 50), 51)
    with pytest.raises(ValueError, match="numbered 1-79"):
        exon_skip_amenable((80,), 51)
    with pytest.raises(ValueError, match="no published deletion table for exon 44"):
        exon_skip_amenable((45,), 44)


def test_skipping_table_is_cited_and_every_entry_is_adjacent() -> None:
    """The data file cites PMID 19156838, and each listed deletion touches its skipped exon."""
    data = json.loads(DMD_SKIPPING_FILE.read_text(encoding="utf-8"))
    assert data["source"]["pmid"] == "19156838"
    assert "Aartsma-Rus" in data["source"]["citation"]
    table = dmd_skipping_table()
    assert set(table) == {45, 51, 53}
    for skip, deletions in table.items():
        for first, last in deletions:
            assert first <= last
            assert first == skip + 1 or last == skip - 1, (skip, first, last)


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("NM_000152.5(GAA):c.-32-13T>G heterozygous", "NM_000152.5(GAA):c.-32-13T>G"),
        ("Heterozygous for NM_000492.4:c.1521_1523del", "NM_000492.4:c.1521_1523del"),
        ("MECP2 c.473C>T, p.(Thr158Met) de novo", "MECP2 c.473C>T (p.Thr158Met)"),
        ("CFTR c.1521_1523del p.Phe508del (het)", "CFTR c.1521_1523del (p.Phe508del)"),
    ],
)
def test_a_report_line_reads_as_the_variant_it_names(printed: str, read: str) -> None:
    from identifiers.hgvs import report_line

    assert report_line(printed) == read
    assert parse_variant(report_line(printed)).gene or parse_variant(read).reference

"""The FDA export's parser, active-ingredient names, modality stems and indication matching."""

from __future__ import annotations

import datetime as dt

import pytest

from kbimport.importers.fda_orphan import DEFAULT_FILE
from kbimport.indications import NameIndex, designation_core, normalise
from kbimport.sources.common import BadField, SourceRowError
from kbimport.sources.fda_orphan import (
    OrphanApprovalRecord,
    iter_orphan_approvals,
    parse_fda_date,
)
from knowledge.therapy_names import display_name, ingredient_key, modality_from_name


def test_bundled_export_parses_to_1057_approvals_six_withdrawn() -> None:
    """Every approved indication is read; the closing note row is not an approval."""
    items = list(iter_orphan_approvals(DEFAULT_FILE))
    assert not [i for i in items if isinstance(i, SourceRowError)]
    assert len(items) == 1057
    withdrawn = [i for i in items if isinstance(i, OrphanApprovalRecord) and i.withdrawn]
    assert len(withdrawn) == 6
    bosentan = items[0]
    assert bosentan.generic_name == "bosentan"
    assert bosentan.approved_on == dt.date(2001, 11, 20)
    assert bosentan.designated_on == dt.date(2000, 10, 6)


def test_rows_sharing_a_source_id_repeat_the_same_approval() -> None:
    """Only rows repeating one approval (same product, key, date and text) share an id."""
    records = [
        r for r in iter_orphan_approvals(DEFAULT_FILE) if isinstance(r, OrphanApprovalRecord)
    ]
    by_id: dict[str, set[tuple[str, ...]]] = {}
    for r in records:
        fields = (r.generic_name, r.trade_name, r.grid_key, r.approved_on.isoformat(), r.indication)
        by_id.setdefault(r.source_id, set()).add(fields)
    assert all(len(rows) == 1 for rows in by_id.values())
    assert len(by_id) >= 1050


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("9/05/17", dt.date(2017, 9, 5)), ("11/20/2001", dt.date(2001, 11, 20)),
     ("12/05/88", dt.date(1988, 12, 5)), ("10/06/00", dt.date(2000, 10, 6))],
)  # fmt: skip
def test_both_date_writings_parse(raw: str, expected: dt.date) -> None:
    """M/D/YY and MM/DD/YYYY both occur; two-digit years before 83 are 2000s."""
    assert parse_fda_date(raw, "f") == expected


def test_a_bad_date_names_its_field() -> None:
    """An unreadable date raises BadField naming the column."""
    with pytest.raises(BadField) as caught:
        parse_fda_date("2017-09-05", "Marketing Approval Date")
    assert caught.value.field == "Marketing Approval Date"


@pytest.mark.parametrize(
    ("name", "key"),
    [("Infliximab", "infliximab"), ("nilotinib; nilotinib; nilotinib", "nilotinib"),
     ("emicizumab-kxwh", "emicizumab"), ("velaglucerase-alfa", "velaglucerase alfa"),
     ("Amiodarone HCl", "amiodarone"), ("Acetylcysteine effervescent", "acetylcysteine"),
     ("tobramycin inhalation solution", "tobramycin"), ("lumacaftor/ivacaftor", "ivacaftor/lumacaftor"),
     ("ivacaftor and lumacaftor", "ivacaftor/lumacaftor"),
     ("(tisagenlecleucel) Autologous T Cells transduced with lentiviral vector", "tisagenlecleucel"),
     ("avelumab (Recombinant human monoclonal IgG1 antibody)", "avelumab")],
)  # fmt: skip
def test_one_key_per_active_ingredient(name: str, key: str) -> None:
    """Case, salts, dosage forms, FDA suffixes and combination order do not split a therapy."""
    assert ingredient_key(name) == key


def test_display_name_keeps_the_order_written() -> None:
    """The shown name is the source's, cleaned: 'lumacaftor/ivacaftor'."""
    assert display_name("Lumacaftor/Ivacaftor") == "lumacaftor/ivacaftor"


@pytest.mark.parametrize(
    ("name", "designation", "modality"),
    [("eculizumab", "", "monoclonal_antibody"), ("nusinersen", "", "antisense_oligonucleotide"),
     ("givosiran", "", "sirna"), ("onasemnogene abeparvovec-xioi", "", "aav_gene_therapy"),
     ("betibeglogene autotemcel", "", "gene_therapy"), ("tisagenlecleucel", "", "cell_therapy"),
     ("velaglucerase alfa", "Treatment of Gaucher disease", "enzyme_replacement"),
     ("pegaspargase", "Treatment of acute lymphocytic leukemia", "protein_or_peptide"),
     ("Alpha1-proteinase inhibitor (human)", "alpha1-antitrypsin deficiency", "protein_or_peptide"),
     ("imatinib", "", "small_molecule"), ("ivacaftor", "", "small_molecule"),
     ("teduglutide", "", "protein_or_peptide"), ("sodium phenylbutyrate", "", "not_classified"),
     ("cysteamine", "", "not_classified"), ("daratumumab and hyaluronidase-fihj", "", "not_classified")],
)  # fmt: skip
def test_modality_only_from_a_stem_that_says_it(name: str, designation: str, modality: str) -> None:
    """Stems classify; an enzyme replaces one only for a deficiency; otherwise not classified."""
    assert modality_from_name(name, designation) == modality


def test_normalise_folds_possessives_spelling_and_types() -> None:
    """Crohn's/Crohn, haemophilia/hemophilia, 'type I X disease'/'X disease type 1' compare equal."""
    assert normalise("Crohn's disease") == normalise("Crohn disease")
    assert normalise("Haemophilia A") == normalise("hemophilia A")
    assert normalise("Type I Gaucher Disease") == normalise("Gaucher disease type 1")
    assert designation_core("Treatment of cystinosis.") == "cystinosis"


def _index() -> NameIndex:
    return NameIndex.build(
        names=[(1, "Cystinosis"), (2, "Rheumatoid arthritis"), (3, "Multiple myeloma"),
               (4, "Multiple myeloma"), (5, "Gaucher disease"), (6, "Gaucher disease, type I"),
               (7, "Small cell lung cancer"), (8, "Leukemia, chronic lymphocytic"),
               (9, "Hemophilia A"), (10, "Hemophilia B"), (11, "Leukemia"),
               (12, "Paroxysmal nocturnal hemoglobinuria"), (13, "Angioedema, hereditary, 1"),
               (14, "Angioedema, hereditary, 3")],
        abbreviations=[(12, "PNH")],
    )  # fmt: skip


def test_a_one_word_name_links_only_as_a_whole_clause() -> None:
    """'Cystinosis' links as the whole designation or as the patients' condition ('X in
    cystinosis patients'), never as one shared word inside a longer name."""
    index = _index()
    assert index.match("Treatment of cystinosis").conditions == (1,)
    assert index.match("Treatment of active cystinosis").conditions == (1,)
    crystals = index.match("Treatment of corneal crystals in cystinosis patients")
    assert (crystals.kind, crystals.conditions) == ("unique", (1,))
    assert index.match("Treatment of hairy cell leukemia").kind == "none"
    assert index.match("Treatment of nephropathic cystinosis-like disease").kind == "none"
    assert index.match("Treatment of anemia in patients with cystinosis nephropathy").kind == "none"


def test_accents_plurals_and_roman_numerals_fold() -> None:
    """Waldenström/Waldenstrom's, 'tumors'/'tumor', 'MPS-I'/'type 1' are one writing."""
    index = NameIndex.build(
        names=[(1, "Waldenström macroglobulinemia"), (2, "Gastrointestinal stromal tumor"),
               (3, "Mucopolysaccharidosis type 1"), (4, "Mucopolysaccharidosis type 6")],
    )  # fmt: skip
    assert index.match("Treatment of Waldenstrom's macroglobulinemia").conditions == (1,)
    assert index.match("Treatment of gastrointestinal stromal tumors").conditions == (2,)
    assert index.match("Treatment of patients with mucopolysaccharidosis-I.").conditions == (3,)
    six = index.match("Treatment of mucopolysaccharidosis Type VI (Maroteaux-Lamy syndrome).")
    assert six.conditions == (4,)
    assert normalise("sepsis") == "sepsis"
    assert normalise("classical Hodgkin lymphoma") == normalise("Classic Hodgkin lymphoma")


def test_a_conditions_own_name_beats_another_conditions_synonym() -> None:
    """'Hodgkin lymphoma' is one record's name and a synonym of 'Classic Hodgkin lymphoma'."""
    index = NameIndex.build(
        names=[(1, "Hodgkin lymphoma"), (2, "Classic Hodgkin lymphoma"),
               (3, "Classic hairy cell leukemia"), (4, "Hairy cell leukemia variant")],
        synonyms=[(2, "Hodgkin lymphoma")],
    )  # fmt: skip
    assert index.match("Treatment of Hodgkin's lymphoma").conditions == (1,)
    assert index.match("Treatment of hairy cell leukemia").conditions == (3,)


def test_a_capitals_synonym_is_an_abbreviation_for_review_only() -> None:
    """A synonym written 'MEN' is an abbreviation: 'hypogonadism in men' does not link it."""
    index = NameIndex.build(names=[(1, "Multiple endocrine neoplasia")], synonyms=[(1, "MEN")])
    assert index.match("Treatment of hypogonadism in men").kind == "none"
    assert index.match("Treatment of MEN").kind == "ambiguous"


def test_a_negating_word_before_a_name_blocks_it() -> None:
    """Juvenile rheumatoid arthritis is not rheumatoid arthritis; non-small cell is not small."""
    index = _index()
    assert index.match("Treatment of juvenile rheumatoid arthritis").kind == "none"
    assert index.match("Treatment of non-small cell lung cancer").kind == "none"


def test_one_name_stored_twice_links_both_and_two_names_go_to_review() -> None:
    """OMIM and Orphanet records of one name both link; two different conditions wait."""
    index = _index()
    both = index.match("Treatment of multiple myeloma")
    assert (both.kind, both.conditions) == ("exact", (3, 4))
    two = index.match("Treatment of bleeding in hemophilia A or hemophilia B")
    assert (two.kind, two.conditions) == ("ambiguous", (9, 10))


def test_the_labelled_type_refines_the_designated_disease() -> None:
    """Designated for Gaucher disease, labelled for type 1 Gaucher disease: the type links."""
    match = _index().match("Treatment of Gaucher disease", "Treatment of Type 1 Gaucher disease")
    assert match.conditions == (6,)


def test_inverted_omim_names_match_the_plain_writing() -> None:
    """'Leukemia, chronic lymphocytic' is found as 'chronic lymphocytic leukemia'."""
    assert _index().match("Treatment of chronic lymphocytic leukemia (CLL)").conditions == (8,)


def test_an_abbreviation_alone_is_only_a_candidate() -> None:
    """A capitals abbreviation never links at once: it goes to the editors."""
    match = _index().match("Treatment of adults with PNH")
    assert (match.kind, match.conditions) == ("ambiguous", (12,))


def test_a_disease_stored_only_as_numbered_types_goes_to_review() -> None:
    """'Hereditary angioedema' with types 1 and 3 stored: both are candidates, none linked."""
    match = _index().match("Prevention and/or treatment of acute attacks of hereditary angioedema.")
    assert (match.kind, match.conditions) == ("ambiguous", (13, 14))


def test_the_label_may_narrow_a_one_word_designation() -> None:
    """Designated for 'angioedema', labelled for hereditary angioedema: that condition links."""
    index = NameIndex.build(names=[(1, "Hereditary angioedema"), (2, "Acquired angioedema")])
    match = index.match(
        "Treatment of angioedema", "Treatment of acute attacks of hereditary angioedema (HAE)"
    )
    assert (match.kind, match.conditions) == ("unique", (1,))
    assert match.matched_text == "hereditary angioedema"


def test_one_shared_word_with_the_label_is_not_enough() -> None:
    """Designated for one lymphoma, labelled text naming another: it waits for an editor."""
    index = NameIndex.build(names=[(1, "Follicular lymphoma")])
    match = index.match(
        "Treatment of primary mediastinal large B-cell lymphoma",
        "Treatment of patients with follicular lymphoma",
    )
    assert match.kind == "ambiguous"

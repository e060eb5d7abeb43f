"""Issue 19's second round of indication matching: other whole writings of a designation that
may link, and the candidates the editors get when none does. Names are real knowledge-base
names (Orphanet, OMIM); designations are the FDA export's own texts."""

from __future__ import annotations

from kbimport.indications import NameIndex


def test_stage_and_marker_qualifiers_are_left_out_when_the_rest_is_a_stored_name() -> None:
    """'Stage IIb through IV melanoma', 'BRAF V600 mutation positive ... melanoma' name
    melanoma; the one-word name links only because it is all that is left."""
    index = NameIndex.build(names=[(1, "Melanoma"), (2, "Familial melanoma")])
    for designation in (
        "Treatment of Stage IIb through IV melanoma.",
        "Treatment BRAF V600 mutation positive Stage IIB through IV melanoma",
        "Treatment of stage IIb, IIc, III, and IV melanoma with BRAFV600 mutation",
        "Treatment of Stage IIB-IV melanoma positive for the BRAF mutation.",
        "Treatment of metastatic melanoma.",
    ):
        match = index.match(designation)
        assert (match.kind, match.conditions) == ("unique", (1,)), designation


def test_common_melanoma_never_lands_on_familial_melanoma() -> None:
    """With no plain melanoma stored, the stage-qualified designation links nothing and does
    not offer familial melanoma or a melanoma of another site as candidates."""
    index = NameIndex.build(
        names=[(2, "Familial melanoma"), (3, "Uveal melanoma"), (4, "Melanoma of soft tissue")]
    )
    match = index.match("Treatment of high risk Stage II, Stage III, and Stage IV melanoma")
    assert match.kind == "none"


def test_a_marker_before_a_two_word_cancer_does_not_reach_a_shorter_name() -> None:
    """ALK-positive non-small cell lung cancer is not small cell lung cancer."""
    index = NameIndex.build(names=[(1, "Small cell lung cancer")])
    assert index.match("Treatment of ALK-positive non-small cell lung cancer").kind == "none"


def test_the_bracketed_other_name_links_when_it_is_a_stored_name() -> None:
    """'perivascular epithelioid cell tumors (PEComa)': PEComa is the condition's synonym."""
    index = NameIndex.build(
        names=[(1, "Perivascular epithelioid cell neoplasm")], synonyms=[(1, "PEComa")]
    )
    match = index.match("Treatment of perivascular epithelioid cell tumors (PEComa)")
    assert (match.kind, match.conditions) == ("unique", (1,))


def test_hereditary_and_congenital_are_one_origin() -> None:
    """'hereditary factor X deficiency' is Orphanet's 'Congenital factor X deficiency', and
    never its 'Acquired factor X deficiency'."""
    index = NameIndex.build(
        names=[(1, "Congenital factor X deficiency"), (2, "Acquired factor X deficiency")]
    )
    match = index.match("Treatment of hereditary factor X deficiency")
    assert (match.kind, match.conditions) == ("unique", (1,))


def test_a_closing_syndrome_may_be_added() -> None:
    """'infantile spasms' is Orphanet's synonym 'Infantile spasms syndrome'."""
    index = NameIndex.build(
        names=[(1, "Infantile epileptic spasms syndrome")],
        synonyms=[(1, "Infantile spasms syndrome")],
    )
    assert index.match("Treatment of infantile spasms.").conditions == (1,)


def test_a_disease_named_after_due_to_links_to_the_condition_it_causes() -> None:
    """Orphanet names leptin receptor deficiency 'Obesity due to leptin receptor gene
    deficiency'; 'molybdenum cofactor deficiency type A' is stored the same way."""
    index = NameIndex.build(
        names=[
            (1, "Obesity due to leptin receptor gene deficiency"),
            (2, "Sulfite oxidase deficiency due to molybdenum cofactor deficiency type A"),
            (3, "Sulfite oxidase deficiency due to molybdenum cofactor deficiency type B"),
        ]
    )
    assert index.match("Treatment of leptin receptor deficiency").conditions == (1,)
    mocd = index.match("Treatment of molybdenum cofactor deficiency type A (MoCD)")
    assert (mocd.kind, mocd.conditions) == ("unique", (2,))


def test_deficiency_of_x_is_x_deficiency() -> None:
    """'congenital deficiency of protein C' and 'protein C deficiency disease' are the same."""
    index = NameIndex.build(names=[(1, "Congenital protein C deficiency")])
    assert index.match("Treatment of congenital deficiency of protein C").conditions == (1,)
    other = NameIndex.build(names=[(1, "Fallopian tube cancer")])
    assert other.match("Treatment of cancer of the fallopian tubes").conditions == (1,)


def test_one_misspelt_long_word_is_read_when_exactly_one_word_fits() -> None:
    """'acromegly' and 'congential' are one edit from one stored word each."""
    index = NameIndex.build(names=[(1, "Acromegaly"), (2, "Congenital factor XIII deficiency")])
    acromegaly = index.match("Treatment for acromegly")
    assert (acromegaly.kind, acromegaly.conditions) == ("unique", (1,))
    assert "read as" in acromegaly.matched_text
    thirteen = index.match(
        "Prophylaxis of bleeding associated with congential factor XIII deficiency"
    )
    assert thirteen.conditions == (2,)


def test_a_misspelling_two_stored_words_fit_is_not_read() -> None:
    """'cardiopathx' is one edit from both 'cardiopathy' and 'cardiopaths': no guess."""
    index = NameIndex.build(names=[(1, "Amyloid cardiopathy"), (2, "Amyloid cardiopaths")])
    assert index.match("Treatment of amyloid cardiopathx").kind == "none"


def test_omims_somatic_cancer_record_answers_to_the_cancer_whole() -> None:
    """'Gastric cancer, somatic' is OMIM's gastric cancer; a susceptibility record is not the
    disease ('Iron overload, susceptibility to' is not transfusional iron overload)."""
    index = NameIndex.build(
        names=[(1, "Gastric cancer, somatic"), (2, "Iron overload, susceptibility to")]
    )
    gastric = index.match("Treatment of gastric cancer, including gastroesophageal junction cancer")
    assert (gastric.kind, gastric.conditions) == ("unique", (1,))
    assert index.match("Treatment of chronic iron overload").kind == "none"


def test_the_patients_condition_may_carry_homozygous() -> None:
    """'cystine nephrolithiasis in patients with homozygous cystinuria' is for cystinuria."""
    index = NameIndex.build(names=[(1, "Cystinuria")])
    match = index.match(
        "Prevention of cystine nephrolithiasis in patients with homozygous cystinuria."
    )
    assert (match.kind, match.conditions) == ("unique", (1,))


def test_a_disease_stored_only_with_its_causes_goes_to_review_with_them() -> None:
    """'homocystinuria': the stored names begin with it and name its causes; an editor picks."""
    index = NameIndex.build(
        names=[
            (1, "Homocystinuria due to cystathionine beta-synthase deficiency"),
            (2, "Homocystinuria due to methylene tetrahydrofolate reductase deficiency"),
            (3, "Methylmalonic acidemia with homocystinuria"),
        ]
    )
    match = index.match("Treatment of homocystinuria.")
    assert (match.kind, match.conditions) == ("ambiguous", (1, 2))


def test_paget_disease_of_bone_is_not_extramammary_paget_disease() -> None:
    """Osteitis deformans gets the bone records as candidates, never the skin cancer."""
    index = NameIndex.build(
        names=[(1, "Extramammary Paget disease"), (2, "Paget disease of bone 2, early-onset"),
               (3, "Paget disease of bone 3")],
    )  # fmt: skip
    match = index.match("Treatment of symptomatic Paget's disease (osteitis deformans).")
    assert (match.kind, match.conditions) == ("ambiguous", (2, 3))


def test_a_name_that_differs_by_a_number_is_only_a_candidate() -> None:
    """TRAPS is stored as 'TNF receptor 1-associated periodic syndrome': review, not a link."""
    index = NameIndex.build(
        names=[(1, "Tumor necrosis factor receptor 1 associated periodic syndrome")],
        synonyms=[(1, "TNF receptor 1-associated periodic syndrome")],
    )
    match = index.match("Treatment of TNF-receptor associated periodic syndrome (TRAPS)")
    assert (match.kind, match.conditions) == ("ambiguous", (1,))


def test_an_eponyms_shorter_writing_is_only_a_candidate() -> None:
    """'Tourette's syndrome' is stored as 'Gilles de la Tourette syndrome': review."""
    index = NameIndex.build(names=[(1, "Gilles de la tourette syndrome"),
                                   (2, "Pulmonary hypertension associated with tourette syndrome")])  # fmt: skip
    match = index.match("Treatment of Tourette's syndrome")
    assert (match.kind, match.conditions) == ("ambiguous", (1,))


def test_a_group_of_disorders_offers_the_orphanet_group_and_its_members() -> None:
    """'deficiencies in enzymes of the urea cycle': the group and its members for an editor."""
    index = NameIndex.build(
        names=[(1, "Disorder of urea cycle metabolism and ammonia detoxification"),
               (2, "Ornithine transcarbamylase deficiency"), (3, "Citrullinemia")],
        groups=[1],
        subtypes=[(1, 2), (1, 3)],
    )  # fmt: skip
    match = index.match(
        "Maintenance treatment of patients with deficiencies in enzymes of the urea cycle"
    )
    assert (match.kind, match.conditions) == ("ambiguous", (1, 2, 3))


def test_a_gene_named_as_the_cause_offers_its_conditions() -> None:
    """'due to biallelic RPE65 gene mutations': the gene's conditions, for an editor."""
    index = NameIndex.build(
        names=[(1, "Leber congenital amaurosis"), (2, "Retinitis pigmentosa"), (3, "Marfan syndrome")],
        genes=[(1, "RPE65"), (2, "RPE65"), (3, "FBN1")],
    )  # fmt: skip
    match = index.match(
        "Treatment of inherited retinal dystrophy due to biallelic RPE65 gene mutations"
    )
    assert (match.kind, match.conditions) == ("ambiguous", (1, 2))

"""Which pasted texts read as a study's title, and the names such a title gives its condition."""

from __future__ import annotations

import pytest

from search.study_titles import (
    is_designed_title,
    is_study_title,
    study_title_names,
    study_title_reading,
)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        (
            "PMS-001: An Open-Label Study of Oral NNZ-2591 in Phelan-McDermid Syndrome",
            "phelan mcdermid syndrome",
        ),
        (
            "Study of Dupilumab and Immune Responses in Adults With Atopic Dermatitis (AD)",
            "atopic dermatitis",
        ),
        (
            "A Randomized, Double-Blind, Placebo-Controlled, Study Investigating Vaccine "
            "Responses in Adults With Moderate to Severe Atopic Dermatitis Treated With Dupilumab",
            "atopic dermatitis",
        ),
        (
            "dupilumab vaccine response study in adults with atopic dermatitis - ClinicalTrials.gov",
            "atopic dermatitis",
        ),
    ],
)
def test_a_study_title_names_its_condition_after_in_or_with(title: str, name: str) -> None:
    assert is_study_title(title)
    assert name in study_title_names(title)
    assert "adults" not in study_title_names(title)


@pytest.mark.parametrize(
    "text",
    [
        "my son has seizures and no speech and was in a study",
        "Alternative Treatment of Deep Carious Lesions Based on Biological Evidences",
        "Phelan-McDermid syndrome",
        "trials for dravet syndrome",
    ],
)
def test_other_text_is_not_a_study_title(text: str) -> None:
    assert not is_study_title(text)
    assert study_title_names(text) == []


# Real ClinicalTrials.gov v2 titles (NCT03636438, NCT06115109, NCT04573023, NCT04860960,
# NCT06366464, NCT02210780).
@pytest.mark.parametrize(
    ("title", "name"),
    [
        # A title without the older design words: its follow-up and its participants.
        ("Long Term Follow Up to Evaluate DTX301 in Adults With Late-Onset OTC Deficiency",
         "otc deficiency"),
        # The condition named before "Natural History Study".
        ("Angelman Natural History Study - FAST Spain", "angelman syndrome"),
        # A numbered name without "type", as the sources write it.
        ("A Phase III Study of JR-141 in Patients With Mucopolysaccharidosis II (STARLIGHT)",
         "mucopolysaccharidosis type ii"),
        # A subtype's gene number after its letter.
        ("Phase 3 Study to Evaluate Intravenous Trappsol(R) Cyclo(TM) in Pediatric and Adult "
         "Patients With Niemann-Pick Disease Type C1", "niemann pick disease type c"),
    ],
)  # fmt: skip
def test_a_study_title_gives_the_name_the_sources_write(title: str, name: str) -> None:
    assert is_study_title(title)
    assert name in study_title_names(title)


@pytest.mark.parametrize(
    ("title", "condition", "drug"),
    [
        ("A Study of Pitolisant in Patients With Prader-Willi Syndrome", "prader willi syndrome",
         "pitolisant"),
        ("A Randomized, Double-Blind, Placebo-Controlled, Study Investigating Vaccine Responses "
         "in Adults With Moderate to Severe Atopic Dermatitis Treated With Dupilumab",
         "atopic dermatitis", "dupilumab"),
    ],
)  # fmt: skip
def test_the_drug_a_title_studies_counts_less_than_its_condition(
    title: str, condition: str, drug: str
) -> None:
    named, other = study_title_reading(title)
    assert condition in named
    assert drug in other
    assert drug not in named


# Real ClinicalTrials.gov v2 brief titles (NCT06479135, NCT06388564, NCT06668805, NCT06673069,
# NCT05912517, NCT04069533).
@pytest.mark.parametrize(
    ("title", "names", "not_named"),
    [
        # A name ends where the title turns to who takes part.
        ("Study of Navtemadlin Add-on to Ruxolitinib in JAK Inhibitor-Naïve Patients with "
         "Myelofibrosis Who Have a Suboptimal Response to Ruxolitinib", ["myelofibrosis"],
         ["ruxolitinib", "navtemadlin"]),
        # "Versus" inside a name is no turn; a drug "in Combination With" another is no name.
        ("A Study to Evaluate the Safety and Efficacy of Axatilimab in Combination With "
         "Ruxolitinib in Participants With Newly Diagnosed Chronic Graft-Versus-Host Disease",
         ["chronic graft versus host disease"], ["ruxolitinib", "newly diagnosed chronic graft"]),
        # A list of names, each read.
        ("A Phase 2 Basket Study of Vosoritide in Children With Turner Syndrome, SHOX Deficiency "
         "and Noonan Syndrome With an Inadequate Response to Human Growth Hormone",
         ["turner syndrome", "noonan syndrome"], ["vosoritide"]),
        ("Hero: A Study to Evaluate the Safety, Tolerability, and Pharmacokinetics (PK) and "
         "Pharmacodynamics (PD) of ION269 in Participants With Down Syndrome (DS) at Risk for "
         "Alzheimer's Disease (AD)", ["down syndrome"], ["ion269"]),
        # A name with "of" in it.
        ("A Study of Nipocalimab in Pregnancies at Risk for Severe Hemolytic Disease of the Fetus "
         "and Newborn (HDFN)", ["hemolytic disease of the fetus and newborn"], ["nipocalimab"]),
    ],
)  # fmt: skip
def test_a_study_title_names_its_condition_where_the_title_turns(
    title: str, names: list[str], not_named: list[str]
) -> None:
    named, _other = study_title_reading(title)
    assert set(names) <= set(named)
    assert not set(not_named) & set(named)


@pytest.mark.parametrize(
    ("title", "shorter"),
    [
        ("Lentiviral-mediated Gene Therapy for Pediatric Patients With Fanconi Anemia Subtype A",
         "fanconi anemia"),
    ],
)  # fmt: skip
def test_a_title_s_name_without_its_subtype_counts_less(title: str, shorter: str) -> None:
    named, other = study_title_reading(title)
    assert shorter in other
    assert shorter not in named


@pytest.mark.parametrize(
    ("title", "name"),
    [
        # "Age" ends a name only before a number.
        ("A Study of Faricimab in Patients With Neovascular Age-Related Macular Degeneration",
         "neovascular age related macular degeneration"),
        ("A Study of Omaveloxolone in Friedreich's Ataxia Aged 2 to 15 Years",
         "friedreich ataxia"),
    ],
)  # fmt: skip
def test_a_name_that_says_age_is_read_whole(title: str, name: str) -> None:
    assert is_study_title(title)
    assert name in study_title_names(title)


# Titles from the judged set's title splits (trialtitles32, trialtitles33).
@pytest.mark.parametrize(
    ("title", "not_named"),
    [
        # The people, not their condition.
        ("Study of Navtemadlin Add-on to Ruxolitinib in JAK Inhibitor-Naïve Patients with "
         "Myelofibrosis Who Have a Suboptimal Response to Ruxolitinib",
         "jak inhibitor naive"),
        ("A Clinical Study to Assess the Efficacy and Safety of Leriglitazone in Adult Male "
         "Subjects With Cerebral Adrenoleukodystrophy", "male"),
        # A word about how the study is run is no eponym.
        ("A Clinical Study to Assess the Efficacy and Safety of Leriglitazone in Adult Male "
         "Subjects With Cerebral Adrenoleukodystrophy", "clinical disease"),
        ("A Retrospective Study to Characterize Participants With Propionic Acidemia and "
         "Methylmalonic Acidemia", "retrospective syndrome"),
        # A study's own name before a colon.
        ("Hero: A Study to Evaluate the Safety, Tolerability, and Pharmacokinetics (PK) and "
         "Pharmacodynamics (PD) of ION269 in Participants With Down Syndrome (DS) at Risk for "
         "Alzheimer's Disease (AD)", "hero"),
        ("ELEMENT-MDS: A Study to Compare the Efficacy and Safety of Luspatercept in "
         "Participants With Myelodysplastic Syndrome (MDS) and Anemia Not Receiving Blood "
         "Transfusions", "element"),
        # A colon ends a name.
        ("Multicenter Study of Patients With SHANK3 Mutations: Identification of Genes "
         "Modificators in Phelan-McDermid Syndrome (EUQ13)", "shank3 mutations identification"),
    ],
)  # fmt: skip
def test_what_a_title_says_about_its_study_is_no_name(title: str, not_named: str) -> None:
    names = study_title_names(title)
    assert not [name for name in names if f"{name} ".startswith(f"{not_named} ")]
    assert study_title_reading(title)[0]  # the condition's name is still read


def test_an_infection_is_also_read_as_its_agent_as_the_sources_name_it() -> None:
    named, other = study_title_reading(
        "Study of Bulevirtide in Participants With Chronic Hepatitis D Infection"
    )
    assert named == ["chronic hepatitis d infection"]
    assert {"hepatitis d virus", "hepatitis d"} <= set(other)


# Official titles of NCT02622321 (HAVEN 1) and NCT02795767 (HAVEN 2).
@pytest.mark.parametrize(
    "title",
    [
        "A Randomized, Multicenter, Open-Label, Phase III Clinical Trial to Evaluate the "
        "Efficacy, Safety, and Pharmacokinetics of Prophylactic Emicizumab Versus no Prophylaxis "
        "in Hemophilia A Patients With Inhibitors",
        "A Multicenter, Open-Label, Phase III Clinical Trial to Evaluate the Efficacy, Safety, "
        "and Pharmacokinetics of Subcutaneous Administration of Emicizumab in Hemophilia A "
        "Pediatric Patients With Inhibitors",
    ],
)
def test_a_name_before_the_people_who_have_it_is_read_without_them(title: str) -> None:
    named, _other = study_title_reading(title)
    assert "hemophilia a" in named
    assert not [name for name in named if "patients" in name.split()]


# Real ClinicalTrials.gov v2 brief titles of split trialtitles39 (NCT05120830, NCT06291961,
# NCT05537038, NCT01995708, NCT07197268): shapes the older rules did not read.
@pytest.mark.parametrize(
    ("title", "name"),
    [
        # no design word: who takes part, in a title's capitals, marks it
        ("NTLA-2002 in Adults With Hereditary Angioedema (HAE)", "hereditary angioedema"),
        (
            "CT7, MAGE-A3, and WT1 mRNA-electroporated Autologous Langerhans-type Dendritic "
            "Cells as Consolidation for Multiple Myeloma Patients Undergoing Autologous Stem "
            "Cell Transplantation",
            "multiple myeloma",
        ),
        # a Greek letter as the sources spell it
        (
            "A Safety and Efficacy Study Evaluating CS-101 in Subjects With β-Thalassemia Major",
            "beta thalassemia major",
        ),
        # what a vaccine is against
        (
            "Safety and Immune Responses After Vaccination With Two Investigational RNA-based "
            "Vaccines Against Tuberculosis in Healthy Volunteers",
            "tuberculosis",
        ),
        # a piece too long for one name still lists its names
        (
            "A Study in Patients With High Risk Myelodysplastic Syndromes and Acute Myeloid "
            "Leukemia",
            "acute myeloid leukemia",
        ),
    ],
)
def test_a_title_s_condition_is_read_in_shapes_the_older_titles_lacked(
    title: str, name: str
) -> None:
    assert is_study_title(title)
    assert name in study_title_reading(title)[0]


def test_one_participant_is_who_takes_part_not_a_name() -> None:
    title = (
        "Personalized Antisense Oligonucleotide Therapy for A Single Participant With ASXL3 "
        "Gene Mutation"
    )
    assert study_title_reading(title)[0] == ["asxl3 gene mutation"]


def test_people_words_without_a_title_s_capitals_mark_no_title() -> None:
    text = "my son is in pain with his legs and the doctors say he has a rare disease"
    assert not is_study_title(text)


@pytest.mark.parametrize(
    "text", ["My Child With Autism Has Seizures", "Treatment For Adults With Hereditary Angiodema"]
)
def test_title_case_family_words_that_say_who_are_no_designed_title(text: str) -> None:
    # Review of H39: "Child With" in a family's Title Case read as a trial's title and turned
    # off their description panel and spelling correction (tests/treatments/
    # test_describe_title_case.py checks the panel is kept); the names are still read.
    assert is_study_title(text)
    assert not is_designed_title(text)


# Real ClinicalTrials.gov brief titles of the tuning split trialtitles39 (NCT ids in
# benchmarks/judged_queries.json), and shapes made from them.
def test_an_abbreviation_a_title_lists_is_read_after_a_full_name() -> None:
    named, other = study_title_reading(
        "Danvatirsen Monotherapy Followed by Combination With Venetoclax in Relapsed/Refractory "
        "MDS & AML"
    )
    # No full name beside it ("relapsed refractory mds" holds an abbreviation): named
    assert "aml" in named
    assert "venetoclax" not in named  # a drug joined to another, as "in Combination With"
    named, other = study_title_reading(
        "Study of Voxelotor in Children With SCD and Sickle Cell Anemia"
    )
    assert named[0] == "scd and sickle cell anemia"
    assert "sickle cell anemia" in named
    assert "scd" in other
    assert "scd" not in named  # it may name several conditions


@pytest.mark.parametrize(
    ("title", "abbreviation"),
    [
        ("Study of Ravulizumab in Adults With PNH in Japan", "pnh"),
        ("Study of Eculizumab in Adults With PNH in the United States", "pnh"),
        ("Burosumab in Children With XLH in Korea", "xlh"),
        ("Lonafarnib in Children With HGPS in Brazil", "hgps"),
        ("Lanadelumab in Adults With HAE in Routine Clinical Practice", "hae"),
        ("Nusinersen in Children With SMA in China", "sma"),
        ("A Study of Vamorolone in Boys With DMD", "dmd"),
    ],
)
def test_a_place_or_people_elsewhere_in_a_title_leave_its_abbreviation_named(
    title: str, abbreviation: str
) -> None:
    # Review of H40: any other name the title read ("japan", "boys", "routine clinical
    # practice") demoted every abbreviation, which then tied with the drug read after "of"
    # (ravulizumab answered before PNH). Only a full name from the same piece outranks it.
    named, _other = study_title_reading(title)
    assert abbreviation in named


def test_a_name_written_with_its_own_initials_is_read_without_them() -> None:
    named, _other = study_title_reading(
        "A Study of HemoTech in Patients With Sickle Cell Disease SCD"
    )
    assert "sickle cell disease" in named


def test_a_name_ends_where_the_people_who_have_it_are_described() -> None:
    names = study_title_names(
        "Aezea® (Cenersen) and Chemotherapy for AML Subjects ≥ 55 Years of Age With No "
        "Response to Frontline Induction Course"
    )
    assert "aml" in names
    assert "aml subjects 55 years" not in names


def test_a_stage_before_a_name_is_no_part_of_it() -> None:
    named, _other = study_title_reading(
        "Oblimersen, Rituximab, Cyclophosphamide, Doxorubicin, Vincristine, and Prednisone in "
        "Treating Patients With Stage II, Stage III, or Stage IV Diffuse Large B-Cell Lymphoma"
    )
    assert "diffuse large b cell lymphoma" in named


@pytest.mark.parametrize(
    "title",
    [
        "VX-880 in Type 1 Diabetes",
        "CS-121 APOC3 Base Editing in FCS",
        "Does Immunotherapy Work For Adults With Acute Myeloid Leukemia",
    ],
)
def test_a_compound_code_or_a_treatment_word_marks_a_title_as_who_takes_part(title: str) -> None:
    # Its names are read; as with who takes part, the description panel and spelling stay.
    assert is_study_title(title)
    assert not is_designed_title(title)


@pytest.mark.parametrize(
    "title",
    [
        "Cellular Immunotherapy for Patients With High Risk Myelodysplastic Syndromes and "
        "Acute Myeloid Leukemia",
        "Chemotherapy in Treating Patients With Stage IV Neuroblastoma",
        "Combination Chemotherapy In Treating Patients With Stage IV Neuroblastoma",
    ],
)
def test_a_treatment_given_to_patients_is_a_designed_title(title: str) -> None:
    # trialtitles39 (tuning): the panel filled with the conditions that cause the signs its
    # names hold (Polycythemia vera first) and pushed Acute myeloid leukemia off the top 3.
    assert is_designed_title(title)


@pytest.mark.parametrize(
    "text",
    [
        "Is There Chemotherapy For Children With Neuroblastmoa",
        "IS THERE CHEMOTHERAPY FOR NEUROBLASTMOA",
        "Does Immunotherapy Work For Children With Neuroblastmoa",
        "Is There Gene Editing For Duchene Muscular Dystrophy",
        "HAIR LOSS AND MOUTH SORES AFTER CHEMOTHERAPY",
        "My Son Has Seizures And Low Muscle Tone After Chemotherapy",
        "MY SON HAS NEUROBLASTOMA AND NEEDS CHEMOTHERAPY",
        # Review of H41: "for/in Patients With" after a treatment the question is about
        "Hair Loss After Chemotherapy in Patients With Ewings Sarcoma",
        "Best Chemotherapy for Patients With Hodgkins Lymphoma",
        "Chemotherapy for Patients With Ewings Sarcoma",
        "Immunotherapy for Patients With Duchene Muscular Dystrophy",
        "Side Effects of Immunotherapy for Patients With Neuroblastoma",
    ],
)
def test_a_family_s_sentence_naming_a_treatment_is_no_designed_title(text: str) -> None:
    # Review of H40: a treatment word in a Title Case or ALL CAPS sentence made it a designed
    # title, which turned off spelling correction and the description panel.
    assert not is_designed_title(text)


def test_people_listed_before_a_name_do_not_end_it() -> None:
    """A guard of H40's rule that the people who have a name end it: passes on the code before
    that rule too, and fails if the rule also ends a name at a list of people."""
    names = study_title_names(
        "Safety, Tolerability, PK, PD of ADX-324 in Healthy Volunteers and Hereditary "
        "Angioedema Patients"
    )
    assert "hereditary angioedema" in names

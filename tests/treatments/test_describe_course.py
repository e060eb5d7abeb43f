"""Words about the course of a sign (issue 17, R21): "keeps getting", "getting weaker", "comes
and goes", "since birth" said of a sign read the HPO term that adds that course to it, when HPO
has one (HPO 2025-01-16 terms and links); else the plain sign, as before."""

from __future__ import annotations

import pytest

from tests.treatments.kb import hpo_term_create
from tests.treatments.phrases import hpo_names_read
from treatments.describe.courses import CONGENITAL, EPISODIC, PROGRESSIVE, RECURRENT, course_marks
from treatments.describe.lexicon import phrase_table_build
from treatments.describe.recognise import recognise


def _courses(text: str) -> list[str]:
    return [token for _, token in course_marks(text.split()).values()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("she keeps getting ear infections", [RECURRENT]),
        ("they keep having fevers", [RECURRENT]),  # "keep" was missing from the start words
        ("he keep catching colds", [RECURRENT]),
        ("chest infections again and again", [RECURRENT]),
        ("had pneumonia twice", [RECURRENT]),
        ("his muscles are getting weaker", [PROGRESSIVE]),
        ("walks more and more unsteady", [PROGRESSIVE]),
        ("stiffer and stiffer", [PROGRESSIVE]),
        ("belly pain that comes and goes", [EPISODIC]),
        ("diarrhea on and off", [EPISODIC]),
        ("droopy eyelids since birth", [CONGENITAL]),
    ],
)
def test_course_words_are_marked(text: str, expected: list[str]) -> None:
    assert _courses(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "keeps getting up at night",
        "his cough is getting better",
        "he keeps getting better",
        "he comes and goes to school",
        "she comes and goes from her dad's house",
    ],
)
def test_ordinary_phrasal_verbs_say_no_course(text: str) -> None:
    assert _courses(text) == []


@pytest.fixture
def courses() -> None:
    """Signs with a course child in HPO (each is_a link as HPO 2025-01-16 has it)."""
    pneumonia = hpo_term_create("HP:0002090", "Pneumonia")
    hpo_term_create("HP:0006532", "Recurrent pneumonia").parents.add(pneumonia)
    weakness = hpo_term_create("HP:0001324", "Muscle weakness")
    hpo_term_create("HP:0003323", "Progressive muscle weakness").parents.add(weakness)
    ptosis = hpo_term_create("HP:0000508", "Ptosis", "Drooping upper eyelid")
    hpo_term_create("HP:0007970", "Congenital ptosis").parents.add(ptosis)
    # No is_a link: the X of "Episodic abdominal pain" is the sign's own name.
    hpo_term_create("HP:0002027", "Abdominal pain")
    hpo_term_create("HP:0002574", "Episodic abdominal pain")
    # Only "Recurrent" for it (of its HPO names here): "on and off" means it too.
    otitis = hpo_term_create("HP:0000388", "Otitis media")
    hpo_term_create("HP:0000403", "Recurrent otitis media").parents.add(otitis)
    hpo_term_create("HP:0002315", "Headache")


@pytest.mark.django_db
@pytest.mark.usefixtures("courses")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("she keeps getting pneumonia", ["HP:0006532"]),
        ("had pneumonia twice", ["HP:0006532"]),
        ("his muscles are getting weaker", ["HP:0003323"]),
        ("muscle weakness that is getting worse", ["HP:0003323"]),
        ("a drooping upper eyelid since birth", ["HP:0007970"]),
        ("belly pain that comes and goes", ["HP:0002574"]),
        ("otitis media on and off", ["HP:0000403"]),
    ],
)
def test_a_sign_said_with_its_course_reads_the_course_term(text: str, expected: list[str]) -> None:
    assert hpo_names_read(text) == expected


@pytest.mark.django_db
@pytest.mark.usefixtures("courses")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("she has pneumonia", ["HP:0002090"]),
        ("muscle weakness but getting better", ["HP:0001324"]),
        ("he keeps getting up at night with belly pain", ["HP:0002027"]),
        ("belly pain, he comes and goes to school", ["HP:0002027"]),
        # No course term for the sign: the plain sign, as before.
        ("she keeps getting headaches", ["HP:0002315"]),
    ],
)
def test_without_course_words_or_a_course_term_the_plain_sign_reads(
    text: str, expected: list[str]
) -> None:
    assert hpo_names_read(text) == expected


@pytest.mark.django_db
def test_a_term_that_names_the_course_is_not_read_as_its_child() -> None:
    """Everyday "chest infections" is Recurrent respiratory infections; said with "keeps
    getting" it stays that term, not its child Recurrent upper respiratory tract infections."""
    recurrent = hpo_term_create("HP:0002205", "Recurrent respiratory infections")
    child = hpo_term_create("HP:0002788", "Recurrent upper respiratory tract infections")
    child.parents.add(recurrent)
    table = phrase_table_build(include_everyday=True)
    signs = recognise("he keeps getting chest infections", table)
    assert [sign.hpo_id for sign in signs] == ["HP:0002205"]

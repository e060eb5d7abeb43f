"""Family summaries of the 40 key conditions, as the bundled load leaves them (real data)."""

from __future__ import annotations

import pytest

from knowledge.models import Condition
from knowledge.summaries import condition_family_summary
from rarelabs.readability import GRADE_LIMIT, reading_grade
from tests.kbimport.pack.small import ORPHA_CODES

pytestmark = pytest.mark.usefixtures("packed_kb")


def _conditions() -> list[Condition]:
    return list(
        Condition.objects.filter(primary_id__in=[f"ORPHA:{c}" for c in ORPHA_CODES])
        .prefetch_related("phenotypes__phenotype__synonyms", "therapy_links__therapy")
        .order_by("primary_id")
    )


def test_every_summary_opens_with_what_the_condition_is() -> None:
    """All 40 have Orphanet's definition; each summary's first sentence says what it is."""
    for condition in _conditions():
        first = condition_family_summary(condition).sentences[0]
        assert first.text.startswith("It is a "), (condition.primary_id, first.text)
        assert condition.primary_id in first.source


def test_every_sentence_is_at_grade_8_and_names_its_source() -> None:
    """Sentence by sentence, not only on average."""
    for condition in _conditions():
        for sentence in condition_family_summary(condition).sentences:
            assert sentence.source, (condition.primary_id, sentence.text)
            assert reading_grade(sentence.text) <= GRADE_LIMIT, (condition.primary_id, sentence)


def test_no_summary_contradicts_itself() -> None:
    """Never "passed down" in one sentence and "not passed down" in the next."""
    for condition in _conditions():
        text = condition_family_summary(condition).text
        assert not ("not passed down" in text and "It is passed down" in text), text
        assert "more than one way. It usually happens by chance" not in text


def test_sma_type_1_signs_use_names_not_measurements(client) -> None:
    """SMA type 1 no longer says "Common signs are less than 10 fetal movements in 12 hours":
    a layperson "synonym" holding a number is a measurement; the HPO term name is used."""
    sma1 = next(c for c in _conditions() if c.primary_id == "ORPHA:83330")
    text = condition_family_summary(sma1).text
    assert "less than 10 fetal movements" not in text.lower()
    html = client.get(sma1.get_absolute_url()).content.decode()
    assert "Common signs are less than 10 fetal movements" not in html


def test_dmd_and_sma_group_pages_explain_the_condition(client) -> None:
    """DMD's summary says what DMD is; ORPHA:70 has a summary instead of "we do not have one"."""
    dmd = Condition.objects.get(primary_id="ORPHA:98896")
    html = client.get(dmd.get_absolute_url()).content.decode()
    assert "It is a rare genetic condition that makes the muscles weak." in html
    sma = Condition.objects.get(primary_id="ORPHA:70")
    html = client.get(sma.get_absolute_url()).content.decode()
    assert "We do not have a plain-language summary" not in html
    assert "It is a group of rare conditions that affect the nerves and muscles." in html

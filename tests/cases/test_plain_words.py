"""The words cases/ writes for families read at grade 8 or below."""

from __future__ import annotations

import re

import pytest

from cases.questions import GUIDES
from cases.report import TIERS
from rarelabs.readability import reading_grade

pytestmark = pytest.mark.django_db


def _paragraphs(html: str) -> list[str]:
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    found = re.findall(r"<(?:p|li|legend)[^>]*>(.*?)</(?:p|li|legend)>", main, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", f)).strip() for f in found]


def test_intake_and_report_words_are_grade_8_or_below(client, sma):
    intake = _paragraphs(client.get("/your-case/").content.decode())
    html = client.post(
        "/your-case/report", {"diagnosis": "Spinal muscular atrophy", "age_years": "1"}
    ).content.decode()
    questions = html.split('<ol class="questions">')[1].split("</ol>")[0]
    ours = [
        *intake,
        *(intro for _, _, intro in TIERS),
        *GUIDES.values(),
        *_paragraphs(questions),
        *[p for p in _paragraphs(html) if p.startswith(("Not medical advice", "Each treatment",
                                                          "We have not kept", "No open study"))],
    ]  # fmt: skip
    text = "\n\n".join(t for t in ours if t)
    grade = reading_grade(text)
    assert grade <= 8, (grade, text)

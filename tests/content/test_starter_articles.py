"""The starter family articles parse, cite their sources and read at grade 8 or below."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from functools import cache
from pathlib import Path

import pytest

from benchmarks.reading_grade import main as reading_grade_report
from rarelabs.readability import (
    GRADE_LIMIT,
    family_facing_texts,
    reading_grade,
    split_front_matter,
    word_count,
)
from tests._shared import FIXTURE_DATA, REPO

ARTICLES_DIR = REPO / "content" / "articles"
STATIC_DIR = REPO / "static"
ARTICLE_PATHS = sorted(ARTICLES_DIR.glob("*.md"))
EXPECTED_SLUGS = {
    "personalized-vs-precision-medicine",
    "what-are-antisense-oligonucleotides",
    "reading-a-genetic-test-report",
    "finding-and-joining-a-clinical-trial",
    "drug-repurposing-for-rare-diseases",
    "questions-to-ask-your-care-team",
}
REQUIRED_FIELDS = {
    "title", "slug", "summary", "author", "published", "tags", "related_conditions",
    "related_therapies", "hero_image", "key_takeaways", "tips", "faq", "references",
}  # fmt: skip
NOT_ADVICE = re.compile(r"\bnot medical advice\b", re.IGNORECASE)
NCT = re.compile(r"^NCT\d{8}$")
PMID = re.compile(r"^\d{1,9}$")
ORPHA = re.compile(r"^ORPHA:\d+$")


def _load(path: Path) -> tuple[dict[str, object], str]:
    return split_front_matter(path.read_text(encoding="utf-8"))


@cache
def _therapy_rows() -> tuple[dict[str, str], ...]:
    path = FIXTURE_DATA / "therapies" / "therapies.tsv"
    if not path.is_file():
        pytest.fail(f"therapy fact sheet not found at {path}; set RARELABS_SHARED_DATA")
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle, delimiter="\t"))


@cache
def _gard_orpha_ids(shared_data: Path) -> frozenset[str]:
    path = shared_data / "gard" / "GARD.csv"
    if not path.is_file():
        pytest.fail(f"GARD list not found at {path}; set RARELABS_SHARED_DATA")
    with path.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["SourceID"] for row in csv.DictReader(handle))


def _sheet_ids(column: str) -> set[str]:
    return {value for row in _therapy_rows() for value in row[column].split("|") if value}


def test_the_six_starter_articles_exist() -> None:
    """Every commissioned topic has its own Markdown file."""
    assert {path.stem for path in ARTICLE_PATHS} >= EXPECTED_SLUGS


@pytest.mark.parametrize("path", ARTICLE_PATHS, ids=lambda p: p.stem)
class TestStarterArticle:
    def test_front_matter_has_every_field(self, path: Path) -> None:
        """The YAML block holds all fields the article pages and feeds read."""
        meta, _ = _load(path)
        assert meta.keys() >= REQUIRED_FIELDS
        assert meta["slug"] == path.stem
        assert meta["author"] == "RareLabs editorial team"
        assert meta["published"] == dt.date(2026, 11, 25)
        assert isinstance(meta["title"], str)
        assert meta["title"].strip()
        for field in ("tags", "related_conditions", "related_therapies", "tips"):
            assert isinstance(meta[field], list), field
        assert meta["tags"]
        assert meta["tips"]

    def test_summary_is_one_or_two_sentences(self, path: Path) -> None:
        """The summary is short enough for a card or a feed entry."""
        summary = str(_load(path)[0]["summary"]).strip()
        sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", summary) if s]
        assert 1 <= len(sentences) <= 2

    def test_takeaways_and_faq_are_complete_pairs(self, path: Path) -> None:
        """Each takeaway has a point and a detail; each FAQ entry a question and an answer."""
        meta, _ = _load(path)
        assert len(meta["key_takeaways"]) >= 3  # type: ignore[arg-type]
        for item in meta["key_takeaways"]:  # type: ignore[attr-defined]
            assert str(item["point"]).strip()
            assert str(item["detail"]).strip()
        assert len(meta["faq"]) >= 2  # type: ignore[arg-type]
        for item in meta["faq"]:  # type: ignore[attr-defined]
            assert str(item["question"]).strip().endswith("?")
            assert str(item["answer"]).strip()

    def test_hero_image_exists_is_small_and_has_alt_text(self, path: Path) -> None:
        """The hero SVG ships under static/img/articles/ and is described for screen readers."""
        hero = _load(path)[0]["hero_image"]
        assert isinstance(hero, dict)
        assert str(hero["alt"]).strip()
        image = STATIC_DIR / str(hero["path"])
        assert image.parent == STATIC_DIR / "img" / "articles"
        assert image.is_file(), image
        assert image.stat().st_size < 4096
        svg = image.read_text(encoding="utf-8")
        assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        assert svg.rstrip().endswith("</svg>")

    def test_references_are_well_formed_and_at_least_three(self, path: Path) -> None:
        """Each reference has a label and exactly one PMID, NCT number or web address."""
        references = _load(path)[0]["references"]
        assert isinstance(references, list)
        assert len(references) >= 3
        for ref in references:
            assert str(ref["label"]).strip()
            kinds = {"url", "pmid", "nct"} & ref.keys()
            assert len(kinds) == 1, ref
            if "url" in ref:
                assert str(ref["url"]).startswith(("https://", "http://"))
            if "pmid" in ref:
                assert PMID.match(str(ref["pmid"])), ref
            if "nct" in ref:
                assert NCT.match(str(ref["nct"])), ref

    def test_pmids_and_nct_numbers_come_from_the_therapy_fact_sheet(self, path: Path) -> None:
        """No trial or paper is cited that the verified fact sheet does not list."""
        references = _load(path)[0]["references"]
        pmids = {str(ref["pmid"]) for ref in references if "pmid" in ref}  # type: ignore[attr-defined]
        ncts = {str(ref["nct"]) for ref in references if "nct" in ref}  # type: ignore[attr-defined]
        assert pmids <= _sheet_ids("key_pmids")
        assert ncts <= _sheet_ids("key_trial_nct")

    def test_related_conditions_and_therapies_are_known(
        self, path: Path, shared_data: Path
    ) -> None:
        """ORPHA ids exist in the GARD list; therapies exist in the fact sheet and the text."""
        meta, body = _load(path)
        for orpha in meta["related_conditions"]:  # type: ignore[attr-defined]
            assert ORPHA.match(orpha), orpha
            assert orpha in _gard_orpha_ids(shared_data), orpha
        known = {row["therapy"] for row in _therapy_rows()}
        for therapy in meta["related_therapies"]:  # type: ignore[attr-defined]
            assert therapy in known, therapy
            assert therapy.lower() in body.lower(), therapy

    def test_body_says_it_is_not_medical_advice(self, path: Path) -> None:
        """Every article tells the reader it is not medical advice."""
        assert NOT_ADVICE.search(_load(path)[1])

    def test_body_length_and_headings(self, path: Path) -> None:
        """The body is 600 to 1100 words with enough ## headings for a table of contents."""
        body = _load(path)[1]
        assert 600 <= word_count(body) <= 1100
        assert len(re.findall(r"^## \S", body, flags=re.MULTILINE)) >= 4

    def test_every_family_facing_part_reads_at_grade_8_or_below(self, path: Path) -> None:
        """Body, FAQ answers, takeaways and tips each measure at or below grade 8."""
        meta, body = _load(path)
        parts = family_facing_texts(meta, body)
        grades = {name: reading_grade(text) for name, text in parts.items()}
        assert all(0 < grade <= GRADE_LIMIT for grade in grades.values()), grades


def _last_json_line(output: str) -> dict[str, object]:
    return json.loads(output.strip().splitlines()[-1])


def test_benchmark_passes_on_the_starter_articles_and_ends_with_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The grade report exits 0 and its last line sums up every article."""
    exit_code = reading_grade_report([])
    output = capsys.readouterr().out
    assert exit_code == 0, output
    summary = _last_json_line(output)
    assert summary["articles"] == len(ARTICLE_PATHS)
    assert summary["over_limit"] == []
    assert summary["max_grade"] <= GRADE_LIMIT
    assert summary["per_article"].keys() >= EXPECTED_SLUGS


def test_benchmark_fails_on_a_hard_article_and_reports_extra_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An article above grade 8 makes the report exit non-zero; extra files are graded."""
    hard = (
        "Pharmacogenomic stratification necessitates comprehensive interdisciplinary "
        "consideration of heterogeneous therapeutic responsiveness in neuromuscular disease."
    )
    (tmp_path / "hard.md").write_text(
        f"---\nslug: hard\nfaq: []\nkey_takeaways: []\ntips: []\n---\n\n## Hard\n\n{hard}\n",
        encoding="utf-8",
    )
    extra = tmp_path / "note.txt"
    extra.write_text("We are here to help. Call us any time.", encoding="utf-8")
    exit_code = reading_grade_report(["--articles-dir", str(tmp_path), str(extra)])
    summary = _last_json_line(capsys.readouterr().out)
    assert exit_code == 1
    assert summary["over_limit"] == ["hard:body"]
    assert summary["extra"][str(extra)] < GRADE_LIMIT

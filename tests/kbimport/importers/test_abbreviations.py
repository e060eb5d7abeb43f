"""Orphanet's abbreviations in the bundled load: "SMA" and "PKU" find their conditions offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbimport.importers.abbreviations import DEFAULT_FILE, import_abbreviations
from kbimport.importers.common import MALFORMED
from knowledge.models import ConditionSynonym
from search.indexer import rebuild
from search.query import run_search
from search.request import SearchRequest

pytestmark = pytest.mark.usefixtures("kb")


def test_abbreviations_reach_bundled_conditions_with_their_packet_as_source() -> None:
    tally = import_abbreviations()

    sma = ConditionSynonym.objects.select_related("condition").get(
        text="SMA", condition__primary_id="ORPHA:70"
    )
    assert sma.kind == "abbreviation"
    assert sma.source == "Orphanet ORPHApackets 2025-12"
    assert sma.source_id == "ORPHA:70"
    assert sma.source_url.endswith("70")
    assert str(sma.retrieved_on) == "2025-12-09"
    assert ConditionSynonym.objects.filter(text="PKU", condition__primary_id="ORPHA:716").exists()
    # The file covers all of Orphanet; the bundled HPO data holds part of it.
    assert tally.skipped["disorder not among the stored conditions"] > 0
    assert tally.totals[0] > 500


def test_abbreviation_rerun_changes_nothing() -> None:
    import_abbreviations()
    tally = import_abbreviations()
    assert tally.totals[:2] == (0, 0)


def test_a_bad_row_is_skipped_with_its_line_and_the_rest_load(tmp_path: Path) -> None:
    path = tmp_path / "abbreviations.tsv"
    path.write_text(
        "# a comment line\n"
        "orpha_code\tabbreviation\torphanet_label\n"
        "70\tSMA\tProximal spinal muscular atrophy\n"
        "ORPHA70\tSMA\tnot a bare code\n"
        "586\tCF\tCystic fibrosis\textra column\n"
        "716\tPKU\tPhenylketonuria\n",
        encoding="utf-8",
    )
    tally = import_abbreviations(path=path)
    assert tally.skipped[MALFORMED] == 2
    assert [e["line"] for e in tally.errors] == [4, 5]
    assert (
        ConditionSynonym.objects.filter(
            text__in=["SMA", "PKU"], source_id__in=["ORPHA:70", "ORPHA:716"]
        ).count()
        == 2
    )


def test_a_family_typing_an_abbreviation_gets_the_condition_first() -> None:
    import_abbreviations(path=DEFAULT_FILE)
    rebuild(doc_types=("condition",), progress=False)
    for query, expected in (("SMA", "ORPHA:70"), ("PKU", "ORPHA:716"), ("cf", "ORPHA:586")):
        hits = run_search(SearchRequest(query=query, doc_types=("condition",), page_size=3)).hits
        assert hits, query
        assert hits[0].id == expected, (query, [h.id for h in hits])

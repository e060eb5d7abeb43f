"""Everyday condition names from the curated file: "Batten disease" finds the NCL group, and the
condition page says where the name comes from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client

from kbimport.importers.common import MALFORMED
from kbimport.importers.curated_names import DEFAULT_FILE, import_curated_names
from knowledge.models import ConditionSynonym
from search.indexer import rebuild
from search.query import run_search
from search.request import SearchRequest
from tests.factories.knowledge import ConditionFactory, ConditionSynonymFactory

pytestmark = pytest.mark.django_db

NINDS = (
    "https://www.ninds.nih.gov/health-information/disorders/"
    "neuronal-ceroid-lipofuscinosis-batten-disease"
)


@pytest.fixture
def ncl():
    return ConditionFactory(primary_id="ORPHA:216", name="Neuronal ceroid lipofuscinosis")


def test_the_bundled_file_gives_batten_disease_to_the_ncl_group_with_its_page(ncl) -> None:
    # This package's bundled knowledge base may be loaded (a package fixture other files use):
    # then other rows of the file find their conditions too, so count what this run added.
    before = ConditionSynonym.objects.count()
    tally = import_curated_names()
    batten = ConditionSynonym.objects.get(condition=ncl, text="Batten disease")
    assert (batten.source, batten.source_id, batten.source_url) == (
        "NINDS (NIH)",
        "ORPHA:216",
        NINDS,
    )
    assert batten.retrieved_on == dt.date(2026, 12, 4)
    assert tally.totals[:2] == (ConditionSynonym.objects.count() - before, 0)
    assert import_curated_names().totals[:2] == (0, 0)  # a rerun changes nothing


def test_a_row_without_its_source_is_refused_and_the_rest_load(tmp_path: Path, ncl) -> None:
    other = ConditionFactory(primary_id="ORPHA:79262")
    path = tmp_path / "names.tsv"
    path.write_text(
        "# comment\n"
        "curie\tname\tsource\tsource_url\tretrieved_on\tquote\n"
        f"ORPHA:216\tBatten disease\tNINDS (NIH)\t{NINDS}\t2026-12-04\tNCLs, also known as Batten disease\n"
        "ORPHA:79262\tSanta-Haltia disease\tNINDS (NIH)\t\t2026-12-04\tno address\n"
        f"ORPHA:79262\tX disease\tNINDS (NIH)\t{NINDS}\t4 Dec 2026\tdate not ISO\n"
        f"ORPHA:999999\tY disease\tNINDS (NIH)\t{NINDS}\t2026-12-04\tcondition not stored\n",
        encoding="utf-8",
    )
    tally = import_curated_names(path=path)
    assert tally.skipped[MALFORMED] == 2
    assert tally.skipped["condition not stored"] == 1
    assert ConditionSynonym.objects.filter(condition=ncl, text="Batten disease").exists()
    assert not ConditionSynonym.objects.filter(condition=other).exists()


def test_a_name_orphanet_already_gives_keeps_orphanet_as_its_source(tmp_path: Path, ncl) -> None:
    ConditionSynonymFactory(
        condition=ncl, text="Batten disease", source="Orphanet ORPHApackets 2025-12"
    )
    import_curated_names()
    assert ConditionSynonym.objects.get(condition=ncl, text="Batten disease").source.startswith(
        "Orphanet"
    )


def test_batten_disease_answers_the_group_first_and_its_page_cites_ninds(ncl) -> None:
    # Orphanet's synonyms stored first: the curated name is shown even beyond the first four.
    for text in ("NCL", "CLN disease", "Neuronal ceroid lipofuscinoses", "Ceroid lipofuscinosis"):
        ConditionSynonymFactory(condition=ncl, text=text, source="Orphanet ORPHApackets 2025-12")
    ConditionFactory(primary_id="ORPHA:14", name="Abetalipoproteinemia")  # Bassen-Kornzweig
    import_curated_names(path=DEFAULT_FILE)
    rebuild(doc_types=("condition",), progress=False)
    for query in ("Batten disease", "batten"):
        hits = run_search(SearchRequest(query=query, doc_types=("condition",), page_size=3)).hits
        assert [h.id for h in hits][:1] == ["ORPHA:216"], query
    html = Client().get(ncl.get_absolute_url()).content.decode()
    also = html[html.index("Also called") :][:2000]
    assert "Batten disease" in also
    assert f'<a href="{NINDS}">NINDS (NIH)</a>' in also


def test_charcot_marie_tooth_typed_as_families_do_answers_the_group_not_a_subtype() -> None:
    # Orphanet names the group with a slash ("Charcot-Marie-Tooth disease/Hereditary motor and
    # sensory neuropathy") and lists no "CMT"; GeneReviews gives both names to the group.
    group = ConditionFactory(
        primary_id="ORPHA:166",
        name="Charcot-Marie-Tooth disease/Hereditary motor and sensory neuropathy",
    )
    ConditionFactory(primary_id="ORPHA:101084", name="Charcot-Marie-Tooth disease type 1D")
    ConditionFactory(primary_id="ORPHA:99939", name="Charcot-Marie-Tooth disease type 2A")
    import_curated_names(path=DEFAULT_FILE)
    names = ConditionSynonym.objects.filter(condition=group).values_list("text", "kind", "source")
    assert {(text, kind) for text, kind, _source in names} == {
        ("Charcot-Marie-Tooth disease", "layperson"),
        ("CMT", "layperson"),
    }
    rebuild(doc_types=("condition",), progress=False)
    for query in ("charcot marie tooth", "CMT", "Charcot-Marie-Tooth disease", "cmt treatment"):
        hits = run_search(SearchRequest(query=query, doc_types=("condition",), page_size=3)).hits
        assert [h.id for h in hits][:1] == ["ORPHA:166"], query


def test_ataxia_telangiectasia_written_a_t_in_a_pasted_title_answers_the_condition() -> None:
    # NCT06193200's brief title names the condition only as "A-T"; Orphanet lists no such
    # synonym, GeneReviews writes "ataxia-telangiectasia (A-T)".
    at = ConditionFactory(primary_id="ORPHA:100", name="Ataxia-telangiectasia")
    ConditionFactory(primary_id="ORPHA:251347", name="Ataxia-telangiectasia-like disorder")
    import_curated_names(path=DEFAULT_FILE)
    name = ConditionSynonym.objects.get(condition=at, text="A-T")
    assert (name.kind, name.source) == ("layperson", "GeneReviews (NCBI Bookshelf)")
    rebuild(doc_types=("condition",), progress=False)
    title = "Evaluate the Neurological Effects of EryDex on Subjects With A-T"
    for query in (title, "A-T"):
        hits = run_search(SearchRequest(query=query, doc_types=("condition",), page_size=3)).hits
        assert [h.id for h in hits][:1] == ["ORPHA:100"], query

"""Orphanet's prevalence: the best known statement is kept, said for its type, and an install
loaded before gets it on its next start."""

from __future__ import annotations

import pytest

from ingest.runs import run_finish, run_start
from kbimport.importers.orphanet import _prevalence, orphanet_records_import
from kbimport.importers.pack_build import DEFAULT_PACK_DIR
from kbimport.importers.pack_load import pack_steps
from kbimport.sources.orphanet import OrphaPrevalence
from kbimport.sources.pack import iter_pack_records, read_manifest
from knowledge.models import Condition

# Achondroplasia (point prevalence "Unknown", birth 1-9 / 100 000 worldwide); Pentasomy X
# (only "Unknown"); glutaryl-CoA dehydrogenase deficiency (">1 / 1000" in one community, 1-9 /
# 100 000 births worldwide); ARSACS (known only in one community, Charlevoix-Saguenay).
CODES = frozenset({15, 11, 25, 98})


@pytest.fixture
def imported(db: None) -> dict[str, Condition]:
    records = [r for r in iter_pack_records(DEFAULT_PACK_DIR / "orphanet.jsonl.gz")
               if r.orpha_code in CODES]  # fmt: skip
    orphanet_records_import(records=lambda _bar: records, scope="test", task="test_prevalence")
    return {c.primary_id: c for c in Condition.objects.filter(
        primary_id__in=[f"ORPHA:{code}" for code in CODES])}  # fmt: skip


def test_a_known_class_is_kept_before_unknown(imported: dict[str, Condition]) -> None:
    achondroplasia = imported["ORPHA:15"]
    assert achondroplasia.prevalence == "1-9 / 100 000"
    assert achondroplasia.prevalence_source == "Orphanet (Prevalence at birth, Worldwide)"
    # Only "Unknown" is known: it is kept.
    assert imported["ORPHA:11"].prevalence == "Unknown"
    assert imported["ORPHA:11"].prevalence_source == "Orphanet (Point prevalence, Worldwide)"


def test_one_communitys_figure_comes_after_a_whole_region(imported: dict[str, Condition]) -> None:
    assert imported["ORPHA:25"].prevalence == "1-9 / 100 000"
    assert imported["ORPHA:25"].prevalence_source == "Orphanet (Prevalence at birth, Worldwide)"
    assert imported["ORPHA:98"].prevalence_source == (
        "Orphanet (Prevalence at birth, Specific population)"
    )


def test_the_page_says_a_birth_prevalence_counts_babies(
    imported: dict[str, Condition], client
) -> None:
    html = client.get(imported["ORPHA:15"].get_absolute_url()).content.decode()
    assert "It is rare. About 1 to 9 in 100,000 babies are born with it." in html
    assert "Orphanet (Prevalence at birth, Worldwide)" in html  # where the sentence comes from
    html = client.get(imported["ORPHA:98"].get_absolute_url()).content.decode()
    assert "In one group of people that was studied, about 6 to 9 in 10,000 babies" in html


def _statement(kind: str, where: str, value: str = "1-9 / 100 000") -> OrphaPrevalence:
    return OrphaPrevalence(kind, "Class only", value, None, where, None)


def test_known_types_rank_point_birth_lifetime_then_incidence() -> None:
    """Point prevalence first even from one country; annual incidence (a rate) last."""
    kinds = ["Annual incidence", "Lifetime Prevalence", "Prevalence at birth", "Point prevalence"]
    items = [_statement(k, "Worldwide") for k in kinds]
    assert _prevalence(tuple(items))[1] == "Orphanet (Point prevalence, Worldwide)"
    assert _prevalence(tuple(items[:3]))[1] == "Orphanet (Prevalence at birth, Worldwide)"
    assert _prevalence(tuple(items[:2]))[1] == "Orphanet (Lifetime Prevalence, Worldwide)"
    regional = (
        _statement("Prevalence at birth", "Worldwide"),
        _statement("Point prevalence", "Italy"),
    )
    assert _prevalence(regional)[1] == "Orphanet (Point prevalence, Italy)"
    unknown = (_statement("Point prevalence", "Worldwide", "Not yet documented"),
               _statement("Annual incidence", "France"))  # fmt: skip
    assert _prevalence(unknown) == ("1-9 / 100 000", "Orphanet (Annual incidence, France)")


def test_an_install_loaded_before_reruns_only_the_orphanet_step(db: None) -> None:
    """The Orphanet step's run from before (scope: the pack file alone) no longer counts."""
    files = read_manifest(DEFAULT_PACK_DIR)["sources"]["orphanet"]["files"].values()
    before = "pack " + " ".join(f"sha256:{meta['sha256'][:16]}" for meta in files)
    for step in pack_steps():
        run_finish(run_start(step.task, before if step.key == "orphanet" else step.scope,
                             mode="full"))  # fmt: skip
    assert [step.key for step in pack_steps() if not step.done()] == ["orphanet"]


def test_the_api_gives_the_statement_kept_and_its_sentence(
    imported: dict[str, Condition], client
) -> None:
    body = client.get("/api/v1/conditions/ORPHA:15/").json()
    assert (body["prevalence"], body["prevalence_source"]) == (
        "1-9 / 100 000",
        "Orphanet (Prevalence at birth, Worldwide)",
    )
    sentence = "It is rare. About 1 to 9 in 100,000 babies are born with it."
    assert {
        "text": sentence,
        "source": "Orphanet (Prevalence at birth, Worldwide)",
    }.items() <= next(s for s in body["summary"]["sentences"] if s["text"] == sentence).items()

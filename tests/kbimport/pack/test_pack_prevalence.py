"""Orphanet's prevalence: the headline the ranking reads stays as it was, every statement is
kept best known first, the best known one is said for its type, and an install loaded before
gets them on its next start."""

from __future__ import annotations

import pytest

from ingest.runs import run_finish, run_start
from kbimport.importers.orphanet import _prevalence, _statements, orphanet_records_import
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


def test_the_headline_stays_orphanets_point_prevalence(imported: dict[str, Condition]) -> None:
    """What the description ranking reads is unchanged: point prevalence, worldwide, even
    "Unknown" (achondroplasia's worldwide point prevalence)."""
    achondroplasia = imported["ORPHA:15"]
    assert achondroplasia.prevalence == "Unknown"
    assert achondroplasia.prevalence_source == "Orphanet (Point prevalence, Worldwide)"
    assert imported["ORPHA:11"].prevalence == "Unknown"


def test_every_statement_is_kept_best_known_first(imported: dict[str, Condition]) -> None:
    statements = imported["ORPHA:15"].prevalence_statements
    assert statements[0]["class"] == "1-9 / 100 000"
    assert statements[0]["label"] == "Orphanet (Prevalence at birth, Worldwide)"
    assert statements[0]["source"]  # Orphanet's own reference travels with it
    labels = [s["label"] for s in statements]
    assert "Orphanet (Point prevalence, Worldwide)" in labels  # the "Unknown" one is kept too
    assert {"class", "type", "geographic", "qualification", "mean_value", "source"} <= set(
        statements[0]
    )
    # Only "Unknown" is known: it is kept.
    assert [s["class"] for s in imported["ORPHA:11"].prevalence_statements] == ["Unknown"]


def test_one_communitys_figure_comes_after_a_whole_region(imported: dict[str, Condition]) -> None:
    assert imported["ORPHA:25"].prevalence_statements[0]["label"] == (
        "Orphanet (Prevalence at birth, Worldwide)"
    )
    assert imported["ORPHA:98"].prevalence_statements[0]["label"] == (
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


def test_the_page_lists_every_statement_for_physicians(
    imported: dict[str, Condition], client
) -> None:
    html = client.get(imported["ORPHA:15"].get_absolute_url()).content.decode()
    table = html[html.index('id="prevalence-statements"') :]
    table = table[: table.index("</details>")]
    for statement in imported["ORPHA:15"].prevalence_statements:
        assert f"<td>{statement['type']}</td><td>{statement['geographic']}</td>" in table
    assert "Unknown" in table
    assert "(said above)" in table


def _statement(kind: str, where: str, value: str = "1-9 / 100 000") -> OrphaPrevalence:
    return OrphaPrevalence(kind, "Class only", value, None, where, None)


def test_known_types_rank_point_birth_lifetime_then_incidence() -> None:
    """Point prevalence first even from one country; annual incidence (a rate) last."""
    kinds = ["Annual incidence", "Lifetime Prevalence", "Prevalence at birth", "Point prevalence"]
    items = [_statement(k, "Worldwide") for k in kinds]
    assert _statements(tuple(items))[0]["label"] == "Orphanet (Point prevalence, Worldwide)"
    assert _statements(tuple(items[:3]))[0]["label"] == "Orphanet (Prevalence at birth, Worldwide)"
    assert _statements(tuple(items[:2]))[0]["label"] == "Orphanet (Lifetime Prevalence, Worldwide)"
    regional = (
        _statement("Prevalence at birth", "Worldwide"),
        _statement("Point prevalence", "Italy"),
    )
    assert _statements(regional)[0]["label"] == "Orphanet (Point prevalence, Italy)"
    unknown = (_statement("Point prevalence", "Worldwide", "Not yet documented"),
               _statement("Annual incidence", "France"))  # fmt: skip
    assert [s["label"] for s in _statements(unknown)] == [
        "Orphanet (Annual incidence, France)",
        "Orphanet (Point prevalence, Worldwide)",
    ]
    # The headline the ranking reads stays Orphanet's point prevalence, even unknown.
    assert _prevalence(unknown) == ("Not yet documented", "Orphanet (Point prevalence, Worldwide)")


def test_an_install_loaded_before_reruns_only_the_orphanet_step(db: None) -> None:
    """The Orphanet step's run from before (scope: the pack file alone) no longer counts."""
    files = read_manifest(DEFAULT_PACK_DIR)["sources"]["orphanet"]["files"].values()
    before = "pack " + " ".join(f"sha256:{meta['sha256'][:16]}" for meta in files)
    for step in pack_steps():
        run_finish(run_start(step.task, before if step.key == "orphanet" else step.scope,
                             mode="full"))  # fmt: skip
    assert [step.key for step in pack_steps() if not step.done()] == ["orphanet"]


def test_the_api_gives_every_statement_and_the_best_known_ones_sentence(
    imported: dict[str, Condition], client
) -> None:
    body = client.get("/api/v1/conditions/ORPHA:15/").json()
    assert (body["prevalence"], body["prevalence_source"]) == (
        "Unknown",
        "Orphanet (Point prevalence, Worldwide)",
    )
    assert body["prevalence_statements"] == imported["ORPHA:15"].prevalence_statements
    assert body["prevalence_best_known"] == body["prevalence_statements"][0]
    assert body["prevalence_best_known"]["label"] == "Orphanet (Prevalence at birth, Worldwide)"
    sentence = "It is rare. About 1 to 9 in 100,000 babies are born with it."
    assert {
        "text": sentence,
        "source": "Orphanet (Prevalence at birth, Worldwide)",
    }.items() <= next(s for s in body["summary"]["sentences"] if s["text"] == sentence).items()

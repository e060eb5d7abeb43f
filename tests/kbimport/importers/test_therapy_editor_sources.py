"""A therapy fact an editor set is shown with the editor's source and date, never as the curated
file's; the file's source stays for the fields the file wrote. And a therapy an editor gave a
source of their own is still the file's record at the next load (never written twice).
Real rows of the committed file, real admin posts, then the import a load runs."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from kbimport.importers.therapies import import_therapies
from knowledge.models import Therapy
from tests.curation.therapy_form import editor_edits_therapy
from tests.kbimport.importers.therapy_files import edited_therapy_file

pytestmark = pytest.mark.usefixtures("kb")

ENTRY, FILE_SOURCE = "tafamidis", "RareLabs verified therapy fact sheet"
EDITORS_MECHANISM = "A pill that keeps the TTR protein whole, so it cannot form amyloid."
EPAR = "EMA EPAR Vyndaqel (an editor's source)"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()  # the page cache and the API's throttle counters live in the cache


def _tafamidis() -> Therapy:
    return Therapy.objects.get(source_id=ENTRY)


def _page(client: Client) -> str:
    return client.get(_tafamidis().get_absolute_url()).content.decode().replace("&#x27;", "'")


def _api(client: Client) -> dict:
    return client.get(f"/api/v1/therapies/{_tafamidis().slug}/").json()


def _csv_rows(client: Client) -> list[dict[str, str]]:
    body = client.get("/treatments/export.csv", {"gene": "TTR"}).content.decode()
    return [r for r in csv.DictReader(io.StringIO(body)) if r["therapy"] == ENTRY]


def test_an_editors_mechanism_is_shown_as_theirs_after_the_load(client: Client) -> None:
    editor_edits_therapy(_tafamidis(), mechanism=EDITORS_MECHANISM)

    import_therapies()

    today = timezone.localdate()
    assert (_tafamidis().source, _tafamidis().mechanism) == (FILE_SOURCE, EDITORS_MECHANISM)
    page = _page(client)
    assert (
        f"How it works: set by an editor, not by {FILE_SOURCE} · Source: RareLabs editors, "
        f"{today:%-d %b %Y}" in page
    )
    assert "Kind of medicine: set by an editor" not in page  # the file's modality stays its own
    body = _api(client)
    assert body["source"] == FILE_SOURCE
    assert body["editor_values"] == [
        {"field": "mechanism", "source": "RareLabs editors", "on": today.isoformat()}
    ]
    rows = _csv_rows(client)
    assert rows
    assert {(r["mechanism"], r["mechanism_source"]) for r in rows} == {
        (EDITORS_MECHANISM, f"RareLabs editors, {today.isoformat()}")
    }
    results = client.get("/api/v1/treatments/", {"gene": "TTR"}).json()["results"]
    assert {r["mechanism_source"] for r in results if r["therapy_name"] == ENTRY} == {
        f"RareLabs editors, {today.isoformat()}"
    }
    assert import_therapies().totals[:2] == (0, 0)


def test_a_source_the_editor_named_goes_with_their_value(client: Client) -> None:
    """The editor rewrote the mechanism from a source of their own: the load writes the file's
    source back for the file's fields, and the mechanism keeps the editor's source and date."""
    editor_edits_therapy(
        _tafamidis(), mechanism=EDITORS_MECHANISM, source=EPAR, retrieved_on="2025-11-03"
    )

    import_therapies()

    stored = _tafamidis()
    assert (stored.source, stored.retrieved_on) == (FILE_SOURCE, dt.date(2026, 12, 3))
    assert _api(client)["editor_values"] == [
        {"field": "mechanism", "source": EPAR, "on": "2025-11-03"}
    ]
    assert (
        f"How it works: set by an editor, not by {FILE_SOURCE} · Source: {EPAR}, 3 Nov 2025"
        in _page(client)
    )


def test_the_files_own_values_are_the_files_again(client: Client, tmp_path) -> None:
    """The file takes the editor's sentence: the mechanism is the file's again, credited so."""
    editor_edits_therapy(_tafamidis(), mechanism=EDITORS_MECHANISM)
    import_therapies()

    import_therapies(path=edited_therapy_file(tmp_path, ENTRY, mechanism_plain=EDITORS_MECHANISM))

    assert _api(client)["editor_values"] == []
    assert "set by an editor" not in _page(client)
    assert {r["mechanism_source"] for r in _csv_rows(client)} == {""}


def test_a_therapy_an_editor_renamed_and_sourced_anew_is_not_written_twice(client: Client) -> None:
    """An editor named the record and its source their own way: the next load still finds the
    record the file wrote (by its history) and makes no second one."""
    therapy = _tafamidis()
    editor_edits_therapy(
        therapy, name="tafamidis (Vyndaqel)", source=EPAR, source_id="EMEA/H/C/002294"
    )

    tally = import_therapies()

    assert tally.created["Therapy"] == 0
    stored = Therapy.objects.filter(synonyms__contains=["Vyndaqel"])
    assert [(t.pk, t.name) for t in stored] == [(therapy.pk, "tafamidis (Vyndaqel)")]
    assert (stored[0].source, stored[0].source_id) == (FILE_SOURCE, ENTRY)
    assert import_therapies().totals[:2] == (0, 0)


def test_an_editors_own_source_is_not_named_as_the_one_they_replaced(client: Client) -> None:
    """Until the next load the therapy's source is the one the editor named: the old page read
    'set by an editor, not by <the editor's own source>'."""
    editor_edits_therapy(
        _tafamidis(), mechanism=EDITORS_MECHANISM, source=EPAR, retrieved_on="2025-11-03"
    )

    page = _page(client)

    assert f"How it works: set by an editor · Source: {EPAR}, 3 Nov 2025" in page
    assert f"not by {EPAR}" not in page


def test_a_source_the_editor_named_without_its_date_is_dated_by_the_edit(client: Client) -> None:
    """The editor named a source and left the retrieved date the file's: the old credit gave
    their source the file's date."""
    editor_edits_therapy(_tafamidis(), mechanism=EDITORS_MECHANISM, source=EPAR)

    import_therapies()

    assert _api(client)["editor_values"] == [
        {"field": "mechanism", "source": EPAR, "on": timezone.localdate().isoformat()}
    ]

"""A therapy the curated file renames (its old name under `formerly`): the next import renames
the stored record, keeping everything attached to it, instead of making a second one. Real rows
of the committed file, edited in a copy as an editor would."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from content.models import Article
from kbimport.importers.therapies import import_therapies
from kbimport.therapy_file import TherapyFileError, load_therapy_file
from knowledge.models import Condition, RegulatoryEvent, Therapy, TherapyLink, TherapySlugRedirect
from knowledge.models.common import LinkMethod
from tests.factories.knowledge import TherapyFactory
from tests.factories.records import ArticleFactory, ClinicalTrialFactory
from tests.kbimport.importers.therapy_files import edited_therapy_file
from trials.models import TrialLink

pytestmark = pytest.mark.usefixtures("kb")

OLD, NEW = "sapropterin dihydrochloride", "sapropterin"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()  # the page cache and the API's throttle counters live in the cache


def test_a_renamed_entry_renames_its_record_and_the_old_address_redirects(
    tmp_path: Path, client: Client
) -> None:
    old = Therapy.objects.get(name=OLD)
    links = set(TherapyLink.objects.filter(therapy=old).values_list("pk", flat=True))
    events = set(RegulatoryEvent.objects.filter(link__therapy=old).values_list("pk", flat=True))
    trial = TrialLink.objects.create(trial=ClinicalTrialFactory(), therapy=old,
                                     method=LinkMethod.EDITOR)  # fmt: skip
    guide = ArticleFactory()
    guide.related_therapies.add(old)
    edited = edited_therapy_file(tmp_path, OLD, name=NEW, formerly=[OLD])

    tally = import_therapies(path=edited)

    assert list(Therapy.objects.filter(name__in=[OLD, NEW]).values_list("pk", "name")) == [
        (old.pk, NEW)
    ]
    assert (tally.created["Therapy"], tally.updated["Therapy"]) == (0, 1)
    therapy = Therapy.objects.get(pk=old.pk)
    assert (therapy.slug, therapy.synonyms) == ("sapropterin", ["Kuvan", OLD])
    assert set(TherapyLink.objects.filter(therapy=therapy).values_list("pk", flat=True)) == links
    assert (
        set(RegulatoryEvent.objects.filter(link__therapy=therapy).values_list("pk", flat=True))
        == events
    )
    assert all(link.source_id.startswith(f"{NEW} / ") for link in therapy.links.all())
    trial.refresh_from_db()
    assert trial.therapy_id == therapy.pk
    assert list(Article.objects.get(pk=guide.pk).related_therapies.all()) == [therapy]
    reasons = [h.history_change_reason for h in therapy.history.all()[:2]]
    assert reasons == [f"renamed from {OLD}: the therapy file names it so now"] * 2

    page = client.get("/therapies/sapropterin-dihydrochloride/")
    assert (page.status_code, page["Location"]) == (301, "/therapies/sapropterin/")
    api = client.get("/api/v1/therapies/sapropterin-dihydrochloride/")
    assert (api.status_code, api["Location"]) == (301, "/api/v1/therapies/sapropterin/")
    assert client.get(api["Location"]).json()["name"] == NEW
    pku = client.get(Condition.objects.get(primary_id="ORPHA:716").get_absolute_url())
    assert "/therapies/sapropterin/" in pku.content.decode()
    assert "/therapies/sapropterin-dihydrochloride/" not in pku.content.decode()

    assert import_therapies(path=edited).totals[:2] == (0, 0)


def test_a_fresh_install_of_a_renamed_entry_keeps_the_former_name_as_a_name(
    tmp_path: Path,
) -> None:
    """A database that never held the old record: one record, the new name, the old one a name."""
    Therapy.objects.filter(name=OLD).delete()
    import_therapies(path=edited_therapy_file(tmp_path, OLD, name=NEW, formerly=[OLD]))
    assert list(Therapy.objects.filter(name__in=[OLD, NEW]).values_list("name", "synonyms")) == [
        (NEW, ["Kuvan", OLD])
    ]


def test_a_second_record_an_earlier_import_made_is_folded_into_the_renamed_one(
    tmp_path: Path, client: Client
) -> None:
    """The file renamed the entry before it had `formerly`: that import made a second record.
    Once the file names the old name, the old record's trial moves and its address redirects."""
    old = Therapy.objects.get(name=OLD)
    trial = TrialLink.objects.create(trial=ClinicalTrialFactory(), therapy=old,
                                     method=LinkMethod.EDITOR)  # fmt: skip
    import_therapies(path=edited_therapy_file(tmp_path, OLD, name=NEW))
    new = Therapy.objects.get(name=NEW)
    links = set(TherapyLink.objects.filter(therapy=new).values_list("pk", flat=True))
    edited = edited_therapy_file(tmp_path, OLD, name=NEW, formerly=[OLD])

    tally = import_therapies(path=edited)

    assert list(Therapy.objects.filter(name__in=[OLD, NEW]).values_list("pk", flat=True)) == [
        new.pk
    ]
    assert (tally.created["Therapy"], tally.updated["Therapy"]) == (0, 1)
    assert set(TherapyLink.objects.filter(therapy=new).values_list("pk", flat=True)) == links
    trial.refresh_from_db()
    assert trial.therapy_id == new.pk
    assert Therapy.objects.get(pk=new.pk).synonyms == ["Kuvan", OLD]
    page = client.get("/therapies/sapropterin-dihydrochloride/")
    assert (page.status_code, page["Location"]) == (301, "/therapies/sapropterin/")
    assert import_therapies(path=edited).totals[:2] == (0, 0)


def test_two_stored_records_under_former_names_are_left_and_counted(tmp_path: Path) -> None:
    """The file cannot say which of two stored records it meant: neither is renamed, and no
    third record is made under the new name (the medicine would show twice)."""
    other = TherapyFactory(name="kuvan tablets", slug="kuvan-tablets")
    edited = edited_therapy_file(tmp_path, OLD, name=NEW, formerly=[OLD, "kuvan tablets"])

    tally = import_therapies(path=edited)

    assert Therapy.objects.get(name=OLD).slug == "sapropterin-dihydrochloride"
    assert Therapy.objects.get(pk=other.pk).name == "kuvan tablets"
    assert not Therapy.objects.filter(name=NEW).exists()
    assert sum(n for reason, n in tally.skipped.items() if "former names" in reason) == 1


def test_a_record_another_source_made_under_the_former_name_is_not_renamed(
    tmp_path: Path,
) -> None:
    """The stored record of that name is not the file's own (an editor's, or the FDA's): made
    by another source, so no history of the file writing it (a record the file wrote that an
    editor sourced anew is still the file's: test_therapy_editor_sources)."""
    made = Therapy.objects.filter(name=OLD)
    Therapy.history.filter(id__in=made.values("pk")).delete()
    made.update(source="an editor")
    import_therapies(path=edited_therapy_file(tmp_path, OLD, name=NEW, formerly=[OLD]))
    assert Therapy.objects.get(name=OLD).source == "an editor"
    assert Therapy.objects.filter(name=NEW).count() == 1


def test_a_former_name_the_file_still_lists_is_refused(tmp_path: Path) -> None:
    """Two records the file lists as two are never one: a former name must be no entry's name."""
    edited = edited_therapy_file(tmp_path, OLD, name=NEW, formerly=["pegvaliase"])
    with pytest.raises(TherapyFileError, match="'pegvaliase' names another therapy too"):
        load_therapy_file(edited)


def test_a_new_record_never_takes_an_old_address_that_redirects(
    tmp_path: Path, client: Client
) -> None:
    """An old slug that leads to another medicine stays its bookmark: a new entry whose name
    gives that slug is numbered past it."""
    other = TherapyFactory(name="kuvan", slug="kuvan-tablets")
    TherapySlugRedirect.objects.create(old_slug="sapropterin", therapy=other)
    # The entry under a new name, without `formerly`: the file lists it as a new therapy.
    import_therapies(path=edited_therapy_file(tmp_path, OLD, name=NEW))

    assert Therapy.objects.get(name=NEW).slug == "sapropterin-2"
    moved = client.get("/therapies/sapropterin/")
    assert (moved.status_code, moved["Location"]) == (301, other.get_absolute_url())

"""The FDA orphan import on a few real rows of the bundled export: a row listed twice in one
batch is stored once, a second import writes nothing, and a product stored twice is merged (its
old address redirecting to the record kept)."""

from __future__ import annotations

import csv
import importlib
from collections.abc import Callable
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.test import Client

from kbimport.importers.fda_orphan import DEFAULT_FILE, SOURCE, import_fda_orphan
from kbimport.importers.therapies import import_therapies
from knowledge.models import OrphanApproval, Therapy, TherapyLink, TherapySlugRedirect
from knowledge.models.common import LinkMethod
from tests.curation.therapy_form import editor_renames
from tests.factories.records import ArticleFactory, ClinicalTrialFactory
from trials.models import TrialLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def export_with_a_repeated_row(tmp_path: Path) -> Path:
    """The export's header and first three rows, the first row once more at the end."""
    lines = DEFAULT_FILE.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "orphan.csv"
    path.write_text("".join([*lines[:4], lines[1]]), encoding="utf-8")
    return path


def test_a_row_listed_twice_is_stored_once_and_a_rerun_writes_nothing(
    export_with_a_repeated_row: Path,
) -> None:
    first = import_fda_orphan(path=export_with_a_repeated_row)
    assert sum(first.matches.values()) == 4
    approvals = list(OrphanApproval.objects.values_list("source_id", flat=True))
    assert len(approvals) == len(set(approvals)) == 3  # one per distinct row
    links = TherapyLink.objects.filter(source=SOURCE).count()
    assert links >= 1

    again = import_fda_orphan(path=export_with_a_repeated_row)
    created, updated, _ = again.tally.totals
    assert (created, updated) == (0, 0)
    assert OrphanApproval.objects.count() == 3
    assert TherapyLink.objects.filter(source=SOURCE).count() == links


def _rows_of(tmp_path: Path, name: str, keep: Callable[[list[str]], bool]) -> Path:
    """The export's header and the real rows ``keep`` picks (a field may span lines)."""
    with DEFAULT_FILE.open(encoding="utf-8", newline="") as source:
        reader = csv.reader(source)
        rows = [next(reader), *(row for row in reader if len(row) > 10 and keep(row))]
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def _imports_again_writing_nothing(path: Path) -> None:
    """The same file imported once more creates and updates nothing, and no row appears."""
    counts = (Therapy.objects.count(), TherapyLink.objects.count(), OrphanApproval.objects.count())
    created, updated, _ = import_fda_orphan(path=path).tally.totals
    assert (created, updated) == (0, 0)
    assert counts == (
        Therapy.objects.count(),
        TherapyLink.objects.count(),
        OrphanApproval.objects.count(),
    )


def _brand(*brands: str) -> Callable[[list[str]], bool]:
    return lambda row: row[1].strip().casefold() in brands


def _names_holding(brand: str) -> list[str]:
    return sorted(t.name for t in Therapy.objects.all() if brand in map(str.casefold, t.synonyms))


def test_a_stored_second_record_of_one_product_is_merged_into_the_curated_one(
    tmp_path: Path, client: Client
) -> None:
    """An earlier export listed Fabrazyme under one name only, so its own therapy was made; the
    export naming both makes one record: the curated one, holding the other's approval, trial
    and guide; importing it again writes nothing."""
    import_therapies()
    earlier = _rows_of(tmp_path, "earlier.csv", lambda row: row[0].startswith("Ceramide"))
    import_fda_orphan(path=earlier)
    assert _names_holding("fabrazyme") == [
        "agalsidase beta", "ceramide trihexosidase/alpha-galactosidase a",
    ]  # fmt: skip
    second = Therapy.objects.get(name__startswith="ceramide")
    trial = TrialLink.objects.create(
        trial=ClinicalTrialFactory(), therapy=second, method=LinkMethod.EDITOR
    )
    guide = ArticleFactory()
    guide.related_therapies.add(second)

    both = _rows_of(tmp_path, "both.csv", _brand("fabrazyme", "mekinist"))
    import_fda_orphan(path=both)
    assert _names_holding("fabrazyme") == ["agalsidase beta"]
    kept = Therapy.objects.get(name="agalsidase beta")
    assert not Therapy.objects.filter(pk=second.pk).exists()
    assert kept.source != SOURCE
    assert kept.synonyms == ["Fabrazyme"]
    dates = sorted(a.approved_on.isoformat() for a in OrphanApproval.objects.filter(
        link__therapy=kept))  # fmt: skip
    assert dates == ["2003-04-24", "2021-03-11"]
    trial.refresh_from_db()
    assert trial.therapy_id == kept.pk
    assert list(guide.related_therapies.all()) == [kept]
    # A combination and its part share the Mekinist brand: two records.
    assert _names_holding("mekinist") == ["dabrafenib/trametinib", "trametinib"]
    html = client.get(kept.get_absolute_url()).content.decode()
    assert "FDA approved 24 Apr 2003" in html
    assert "FDA approved 11 Mar 2021" in html
    # The merged record's address, page and API, leads to the one kept.
    page = client.get(f"/therapies/{second.slug}/")
    assert (page.status_code, page["Location"]) == (301, kept.get_absolute_url())
    api = client.get(f"/api/v1/therapies/{second.slug}/")
    assert (api.status_code, api["Location"]) == (301, f"/api/v1/therapies/{kept.slug}/")
    # The API tells what the page tells: the FDA's other generic name, each dated approval.
    detail = client.get(api["Location"]).json()
    assert detail["other_names"] == ["Ceramide trihexosidase/alpha-galactosidase A"]
    approvals = [a for link in detail["links"] for a in link["orphan_approvals"]]
    assert sorted(a["approved_on"] for a in approvals) == ["2003-04-24", "2021-03-11"]
    assert all(a["source"] == SOURCE and a["indication"] for a in approvals)

    _imports_again_writing_nothing(both)


def test_a_record_merged_before_old_addresses_were_kept_gets_its_address_back(
    tmp_path: Path, client: Client
) -> None:
    """An install whose FDA import merged the Fabrazyme twin before redirects were kept has only
    the merge's history; the migration that adds the redirects reads it from there."""
    import_therapies()
    import_fda_orphan(
        path=_rows_of(tmp_path, "earlier.csv", lambda row: row[0].startswith("Ceramide"))
    )
    second = Therapy.objects.get(name__startswith="ceramide")
    import_fda_orphan(path=_rows_of(tmp_path, "both.csv", _brand("fabrazyme")))
    TherapySlugRedirect.objects.all().delete()  # as that import left the database
    assert client.get(f"/therapies/{second.slug}/").status_code == 404

    migration = importlib.import_module("knowledge.migrations.0013_therapy_slug_redirect")
    migration.redirect_merged_records(django_apps, None)
    page = client.get(f"/therapies/{second.slug}/")
    assert (page.status_code, page["Location"]) == (301, "/therapies/agalsidase-beta/")
    api = client.get(f"/api/v1/therapies/{second.slug}/")
    assert (api.status_code, api["Location"]) == (301, "/api/v1/therapies/agalsidase-beta/")


def test_approvals_on_a_curated_record_an_editor_renamed_stay_on_it(
    tmp_path: Path, client: Client
) -> None:
    """An editor names the curated record by its brand in the admin: the next FDA import still
    finds it (its old name stays one of its names), so the export's rows neither make a second
    record of the medicine nor leave its approvals behind."""
    import_therapies()
    rows = _rows_of(tmp_path, "fabrazyme.csv", _brand("fabrazyme"))
    import_fda_orphan(path=rows)
    kept = Therapy.objects.get(name="agalsidase beta")
    approvals = set(OrphanApproval.objects.filter(link__therapy=kept).values_list("pk", "link"))
    assert len(approvals) == 2

    editor_renames(kept, "Fabrazyme")
    _imports_again_writing_nothing(rows)

    assert _names_holding("fabrazyme") == ["Fabrazyme"]
    assert set(OrphanApproval.objects.values_list("pk", "link")) == approvals
    html = client.get(kept.get_absolute_url()).content.decode()
    assert "FDA approved 24 Apr 2003" in html
    assert "FDA approved 11 Mar 2021" in html

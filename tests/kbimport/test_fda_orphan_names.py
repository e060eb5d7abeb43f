"""An install loaded before the FDA import's current naming rules: the next import gives a
record it made the current name, keeps the old one as a name and its old address working (page
and API), and says why in the history; a name an editor set is left. Real rows of the export."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from kbimport.importers.fda_orphan import (
    DEFAULT_RETRIEVED,
    LISTING_URL,
    SOURCE,
    import_fda_orphan,
)
from kbimport.importers.therapy_products import trade_names
from kbimport.sources.fda_orphan import OrphanApprovalRecord, iter_orphan_approvals
from knowledge.models import Therapy, TherapyLink
from knowledge.therapy_names import modality_from_name
from tests.kbimport.test_fda_orphan_rows import _brand, _imports_again_writing_nothing, _rows_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()  # the API's throttle counters and the page cache live in the cache


def _made_by_an_older_import(path: Path, brand: str, name: str) -> Therapy:
    """The record the import made from the brand's row before the suffix after "alfa" left the
    name (f726767's TherapyCatalogue._create): the same fields, the older name and slug."""
    record = next(
        r
        for r in iter_orphan_approvals(path)
        if isinstance(r, OrphanApprovalRecord) and r.trade_name == brand
    )
    return Therapy.objects.create(
        name=name,
        slug=name.replace(" ", "-"),
        synonyms=trade_names(record.trade_name),
        modality=modality_from_name(record.generic_name, record.designation),
        notes="Added from the FDA orphan approvals list; no editor has described it yet.",
        source=SOURCE,
        source_id=record.generic_name[:120],
        source_url=LISTING_URL,
        retrieved_on=DEFAULT_RETRIEVED,
    )


def test_a_record_named_by_older_rules_takes_the_current_name_and_its_old_address_redirects(
    tmp_path: Path, client: Client
) -> None:
    rows = _rows_of(tmp_path, "older.csv", _brand("mepsevii", "vyvgart"))
    older = _made_by_an_older_import(rows, "Mepsevii", "vestronidase alfa-vjbk")
    # An editor wrote this one's name in the admin: it is theirs, never the import's to change.
    edited = _made_by_an_older_import(rows, "Vyvgart", "efgartigimod alfa-fcab")
    edited.name = "Efgartigimod alfa-fcab"
    edited._history_user = get_user_model().objects.create_user("edna", password="x" * 16)
    edited.save()

    import_fda_orphan(path=rows)
    therapy = Therapy.objects.get(pk=older.pk)
    assert (therapy.name, therapy.slug) == ("vestronidase alfa", "vestronidase-alfa")
    assert therapy.synonyms == ["Mepsevii", "vestronidase alfa-vjbk"]
    assert Therapy.objects.filter(source=SOURCE).count() == 2
    link = TherapyLink.objects.get(therapy=therapy)
    assert link.source_id.startswith("vestronidase alfa / ")
    why = therapy.history.latest().history_change_reason
    assert why.startswith("renamed from vestronidase alfa-vjbk")
    edited.refresh_from_db()
    assert (edited.name, edited.slug) == ("Efgartigimod alfa-fcab", "efgartigimod-alfa-fcab")
    assert client.get("/therapies/efgartigimod-alfa-fcab/").status_code == 200

    page = client.get("/therapies/vestronidase-alfa-vjbk/")
    assert (page.status_code, page["Location"]) == (301, "/therapies/vestronidase-alfa/")
    assert "Mepsevii" in client.get(page["Location"]).content.decode()
    api = client.get("/api/v1/therapies/vestronidase-alfa-vjbk/")
    assert (api.status_code, api["Location"]) == (301, "/api/v1/therapies/vestronidase-alfa/")
    detail = client.get(api["Location"]).json()
    assert detail["name"] == "vestronidase alfa"
    assert [a["approved_on"] for a in detail["links"][0]["orphan_approvals"]] == ["2017-11-15"]

    _imports_again_writing_nothing(rows)

"""The API is read-only for every role: reads for all, writes refused by role, then by method."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from knowledge.models import Gene, Therapy
from rarelabs.management.roles import ADMINISTRATOR, EDITOR
from tests.curation.conftest import make_user
from tests.factories.knowledge import GeneFactory, TherapyFactory

WRITES = ("post", "put", "patch", "delete")


@pytest.fixture
def records(db: None) -> None:
    GeneFactory(symbol="DMD", hgnc_id="HGNC:2928", name="dystrophin")
    TherapyFactory(name="eteplirsen", slug="eteplirsen")


def _client(role: str | None) -> APIClient:
    client = APIClient()
    if role is not None:
        client.force_login(make_user(role.lower(), group=role))
    return client


def _send(client: APIClient, method: str, url: str):
    return getattr(client, method)(url, {"name": "changed"}, format="json")


@pytest.mark.parametrize("role", [None, EDITOR, ADMINISTRATOR])
def test_every_role_reads(role: str | None, records: None) -> None:
    client = _client(role)
    assert client.get("/api/v1/genes/DMD/").json()["name"] == "dystrophin"
    assert client.get("/api/v1/therapies/eteplirsen/").status_code == 200


@pytest.mark.parametrize("method", WRITES)
def test_anonymous_writes_are_refused(method: str, records: None) -> None:
    response = _send(_client(None), method, "/api/v1/genes/DMD/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_authenticated"


@pytest.mark.parametrize("method", WRITES)
def test_editor_without_gene_permissions_is_refused(method: str, records: None) -> None:
    """Editors only view genes: the bug was a 204 on DELETE because they are staff."""
    response = _send(_client(EDITOR), method, "/api/v1/genes/DMD/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert Gene.objects.get(symbol="DMD").name == "dystrophin"


@pytest.mark.parametrize(
    ("role", "url"),
    [(EDITOR, "/api/v1/therapies/eteplirsen/"), (ADMINISTRATOR, "/api/v1/genes/DMD/"),
     (ADMINISTRATOR, "/api/v1/therapies/eteplirsen/")],
)  # fmt: skip
@pytest.mark.parametrize("method", WRITES)
def test_roles_with_the_permission_still_edit_in_the_admin_only(
    role: str, url: str, method: str, records: None
) -> None:
    response = _send(_client(role), method, url)
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert Gene.objects.get(symbol="DMD").name == "dystrophin"
    assert Therapy.objects.filter(slug="eteplirsen").exists()


@pytest.mark.parametrize("role", [None, ADMINISTRATOR])
def test_collection_create_is_refused(role: str | None, records: None) -> None:
    response = _client(role).post("/api/v1/genes/", {"symbol": "CFTR"}, format="json")
    assert response.status_code == (403 if role is None else 405)
    assert not Gene.objects.filter(symbol="CFTR").exists()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_search_operations_are_read_only(method: str, db: None) -> None:
    client = _client(ADMINISTRATOR)
    for url in ("/api/v1/treatments/?gene=DMD", "/api/v1/search/?q=dmd"):
        assert getattr(client, method)(url).status_code in (403, 405)

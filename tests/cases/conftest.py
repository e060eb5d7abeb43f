"""Fixtures for the case tests: small knowledge rows and real CT.gov records stored by the refresh."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from werkzeug import Request, Response

from knowledge.models import ApprovalStatus, PhenotypeSynonym
from tests._shared import REPO
from tests.factories.knowledge import (
    ConditionFactory,
    ConditionGeneFactory,
    ConditionPhenotypeFactory,
    GeneFactory,
    PhenotypeFactory,
    TherapyLinkFactory,
)
from tests.ingest.refresh_server import point_at
from trials.refresh import trials_refresh

FIXTURES = REPO / "tests" / "fixtures" / "ctgov"
PAGE1 = FIXTURES / "studies_list_phelan_mcdermid_page1.json"
PAGE2 = FIXTURES / "studies_list_phelan_mcdermid_page2.json"
LAST_PAGE = REPO / "tests" / "recorded" / "ctgov_studies_last_page.json"


def serve_pages(request: Request) -> Response:
    """The two real Phelan-McDermid pages by pageToken, then the hand-written last page."""
    tokens = {None: PAGE1}
    for page, following in ((PAGE1, PAGE2), (PAGE2, LAST_PAGE)):
        tokens[json.loads(page.read_text(encoding="utf-8"))["nextPageToken"]] = following
    path: Path | None = tokens.get(request.args.get("pageToken"))
    if path is None:
        return Response("unknown page token", status=400)
    return Response(path.read_bytes(), content_type="application/json")


@pytest.fixture
def sma(db: None) -> dict:
    """SMA with SMN1, one sign and nusinersen (FDA approved 2016), as the browser tests use."""
    condition = ConditionFactory(
        name="Spinal muscular atrophy", slug="spinal-muscular-atrophy", primary_id="ORPHA:70"
    )
    floppy = PhenotypeFactory(hpo_id="HP:0001252", name="Hypotonia")
    PhenotypeSynonym.objects.create(phenotype=floppy, text="Low muscle tone", is_layperson=True)
    ConditionPhenotypeFactory(condition=condition, phenotype=floppy, frequency=0.895)
    gene = GeneFactory(symbol="SMN1", name="survival of motor neuron 1", hgnc_id="HGNC:11117")
    ConditionGeneFactory(condition=condition, gene=gene)
    link = TherapyLinkFactory(
        condition=condition,
        therapy__name="nusinersen",
        therapy__slug="nusinersen",
        status=ApprovalStatus.FDA_APPROVED,
        approval_year_fda=2016,
        source="RareLabs therapy fact sheet",
    )
    return {"condition": condition, "link": link, "gene": gene, "sign": floppy}


@pytest.fixture
def phelan(db: None, settings, httpserver) -> dict:
    """Phelan-McDermid syndrome and its real CT.gov studies, stored by trials_refresh."""
    point_at(settings, httpserver.url_for("").rstrip("/"))
    condition = ConditionFactory(
        name="Phelan-McDermid syndrome", slug="phelan-mcdermid-syndrome", primary_id="ORPHA:48652"
    )
    httpserver.expect_request("/api/v2/studies").respond_with_handler(serve_pages)
    run = trials_refresh(condition_id=condition.pk)
    assert run is not None
    assert run.status == "ok"
    httpserver.clear()
    return {"condition": condition}

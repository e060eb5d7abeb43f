"""The report as PDF, as a GA4GH Phenopacket, and as an Atom feed of a saved case."""

from __future__ import annotations

import io
import json

import pytest
from defusedxml import ElementTree as ET
from google.protobuf.json_format import ParseDict
from phenopackets import Phenopacket
from pypdf import PdfReader

from tests.factories.knowledge import GeneFactory, PhenotypeFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_pdf_has_the_notice_first_and_the_therapies_with_sources(client, sma):
    response = client.post(
        "/your-case/report.pdf",
        {"diagnosis": "Spinal muscular atrophy", "age_years": "0", "age_months": "5"},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert text.index("Not medical advice") < text.index("Your case report")
    assert "nusinersen" in text
    assert "Source: RareLabs therapy fact sheet, 2026-11-25" in text
    assert "Questions to bring to your care team" in text


def test_phenopacket_validates_against_the_v2_schema(client, sma):
    GeneFactory(symbol="DMD", hgnc_id="HGNC:2928")
    PhenotypeFactory(hpo_id="HP:0001250", name="Seizure")
    response = client.post(
        "/your-case/phenopacket.json",
        {"diagnosis": "Spinal muscular atrophy", "signs_picked": ["HP:0001252"],
         "signs_absent": "HP:0001250", "gene": "SMN1", "variant": "c.840C>T",
         "age_years": "0", "age_months": "5", "sex": "male"},
    )  # fmt: skip
    assert response.status_code == 200
    packet = json.loads(response.content)
    ParseDict(packet, Phenopacket())  # raises on any field the schema does not know
    assert packet["subject"] == {
        "id": "case-1", "sex": "MALE", "timeAtLastEncounter": {"age": {"iso8601duration": "P0Y5M"}}
    }  # fmt: skip
    features = {f["type"]["id"]: f.get("excluded", False) for f in packet["phenotypicFeatures"]}
    assert features == {"HP:0001252": False, "HP:0001250": True}
    diagnosis = packet["interpretations"][0]["diagnosis"]
    assert diagnosis["disease"] == {"id": "ORPHA:70", "label": "Spinal muscular atrophy"}
    descriptor = diagnosis["genomicInterpretations"][0]["variantInterpretation"][
        "variationDescriptor"
    ]
    assert descriptor["expressions"] == [{"syntax": "hgvs.c", "value": "c.840C>T"}]
    assert descriptor["geneContext"] == {"valueId": "HGNC:11117", "symbol": "SMN1"}
    assert packet["metaData"]["phenopacketSchemaVersion"] == "2.0"


def test_phenopacket_of_an_exon_deletion_describes_it_in_words(client, sma):
    response = client.post(
        "/your-case/phenopacket.json", {"gene": "DMD", "variant": "deletion of exons 45-50"}
    )
    packet = json.loads(response.content)
    ParseDict(packet, Phenopacket())
    descriptor = packet["interpretations"][0]["diagnosis"]["genomicInterpretations"][0][
        "variantInterpretation"
    ]["variationDescriptor"]
    assert descriptor["description"] == "exon 45-50 deletion"
    assert "expressions" not in descriptor


def test_phenopacket_bad_input_is_json_400(client):
    response = client.post("/your-case/phenopacket.json", {"age_years": "7"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_saved_case_feed_lists_matching_studies_and_approved_therapies(client, sma, phelan):
    response = client.post(
        "/your-case/save", {"diagnosis": "Phelan-McDermid syndrome", "age_years": "5"}
    )
    path = response["Location"].split("?")[0]
    feed = client.get(path + "feed.atom")
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    assert "Approved treatment: nusinersen" not in titles  # another condition's therapy
    links = [e.find(f"{ATOM}link").get("href") for e in root.iter(f"{ATOM}entry")]
    assert "https://clinicaltrials.gov/study/NCT07281079" in links
    assert "https://clinicaltrials.gov/study/NCT02710084" not in links  # completed


def test_doctors_make_a_case_report_from_the_treatment_search(client, sma):
    page = client.get(
        "/treatments", {"condition": "Spinal muscular atrophy", "phenotypes": "HP:0001252"}
    )
    html = page.content.decode()
    assert 'action="/your-case/report"' in html
    report = client.post(
        "/your-case/report",
        {"diagnosis": "Spinal muscular atrophy", "signs_text": "HP:0001252", "gene": "SMN1",
         "variant": "c.840C>T", "audience": "doctor"},
    ).content.decode()  # fmt: skip
    assert "HP:0001252" in report
    assert "<code>c.840C&gt;T</code>" in report
    assert 'name="audience" value="doctor"' in report


def test_saved_case_feed_lists_approved_therapies_with_their_source(client, sma):
    response = client.post("/your-case/save", {"diagnosis": "Spinal muscular atrophy"})
    feed = client.get(response["Location"].split("?")[0] + "feed.atom")
    root = ET.fromstring(feed.content)
    entries = {e.findtext(f"{ATOM}title"): e for e in root.iter(f"{ATOM}entry")}
    assert "Approved treatment: nusinersen" in entries
    summary = entries["Approved treatment: nusinersen"].findtext(f"{ATOM}summary")
    assert "Source: RareLabs therapy fact sheet" in summary
    assert client.get("/your-case/s/not-a-token/feed.atom").status_code == 404

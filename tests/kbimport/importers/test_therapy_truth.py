"""Therapy facts as a user sees them on a fresh clone's bundled install (issue 13).

Every test reads a page or the API, with the real curated file imported (this package's `kb`).
They sit here, beside the bundled-import tests, to share that one import.
"""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from kbimport.importers.abbreviations import import_abbreviations
from knowledge.models import Condition

pytestmark = pytest.mark.usefixtures("kb")


def page_text(client: Client, url: str) -> str:
    """The page's visible text, tags dropped and spaces squeezed."""
    response = client.get(url)
    assert response.status_code == 200, url
    text = re.sub(r"<script.*?</script>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def condition_url(primary_id: str) -> str:
    return Condition.objects.get(primary_id=primary_id).get_absolute_url()


def therapy_items(client: Client, query: str) -> dict[str, str]:
    """Treatment search results as {therapy name: the visible text of its list item}."""
    response = client.get(f"/treatments?{query}")
    assert response.status_code == 200
    body = response.content.decode()
    items = {}
    # Physician items start <li id="t-...">, family items <li> then an <h2>.
    for chunk in re.split(r'(?=<li id="t-)|(?=<li>\s*<h2>)', body)[1:]:
        title = re.search(r"<h[23]>(?:\d+\. )?([^<(]+?)\s*(?:<small>|\(|<a|</h)", chunk)
        if title:
            text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", chunk)))
            items.setdefault(title.group(1).strip(), text)
    return items


def test_dmd_page_does_not_count_ataluren_whose_eu_authorisation_expired(client) -> None:
    """The Commission refused ataluren's renewal on 28 March 2025: not approved, and said so."""
    text = page_text(client, condition_url("ORPHA:98896"))
    approved, _, studied = text.partition("Being studied")
    assert "ataluren" not in approved.split("Treatments Approved", 1)[-1]
    assert "ataluren" in studied
    assert "EU: authorisation expired (28 March 2025)" in studied
    assert "There are 7 approved medicines for it" in text
    assert "8 approved medicines" not in text


def test_elevidys_shows_its_boxed_warning_and_the_narrowed_label(client) -> None:
    """14 Nov 2025: ambulatory patients aged 4 and older only, with a boxed warning."""
    text = page_text(client, "/therapies/delandistrogene-moxeparvovec/")
    assert "Boxed warning." in text
    assert "acute liver failure" in text
    assert "14 November 2025 · US · Label narrowed" in text
    assert "ambulatory and non-ambulatory" not in text.split("Who it is for:", 1)[1][:300]


def test_family_view_says_elevidys_does_not_fit_a_boy_who_cannot_walk(client) -> None:
    items = therapy_items(
        client, "condition=ORPHA:98896&gene=DMD&age_years=7&ambulatory=no&view=family"
    )
    elevidys = items["delandistrogene moxeparvovec"]
    assert "It does not seem to fit what you entered" in elevidys
    assert "only for people who can walk" in elevidys
    assert "Important safety warning." in elevidys


def test_ema_filter_lists_medicines_approved_in_the_eu_now(client) -> None:
    """Vamorolone and givinostat are approved in the US and the EU; ataluren no longer."""
    items = therapy_items(client, "condition=ORPHA:98896&status=ema_approved")
    assert set(items) == {"vamorolone", "givinostat"}


def test_family_view_one_f508del_copy_is_not_told_two_copy_modulators_are_meant_for_it(
    client,
) -> None:
    items = therapy_items(client, "gene=CFTR&variant=F508del&copies=1&view=family")
    luma, teza = items["lumacaftor/ivacaftor"], items["tezacaftor/ivacaftor"]
    assert "It does not seem to fit what you entered" in luma
    assert "two copies of F508del; you entered one copy" in luma
    assert "Ask whether your child's variant is covered" in teza
    assert "residual-function variant" in teza
    for text in (luma, teza):
        assert "meant for" not in text
        assert "Who it is for:" in text
    assert "It is meant for what you entered" in items["elexacaftor/tezacaftor/ivacaftor"]


def test_family_view_w1282x_gets_no_modulator_presented_as_meant_for_it(client) -> None:
    items = therapy_items(client, "gene=CFTR&variant=W1282X&view=family")
    modulators = [name for name in items if "caftor" in name]
    assert len(modulators) == 4
    for name in modulators:
        assert "meant for" not in items[name], name
    assert "It does not seem to fit" in items["lumacaftor/ivacaftor"]


def test_deletion_of_exons_45_to_50_says_not_amenable_for_45_and_53_skippers(client) -> None:
    items = therapy_items(client, "variant=DMD+deletion+of+exons+45-50&view=family")
    for name in ("casimersen", "golodirsen", "viltolarsen"):
        assert "It does not seem to fit what you entered" in items[name], name
        assert "Not amenable" in items[name], name
    assert "It is meant for what you entered" in items["eteplirsen"]


def test_physician_view_shows_eligibility_and_the_labels_own_requirement(client) -> None:
    items = therapy_items(client, "gene=CFTR&variant=G551D")
    eti = items["elexacaftor/tezacaftor/ivacaftor"]
    assert "not G551D" not in eti
    assert "Cannot tell from what you entered" in eti
    assert "Its requirement:" in eti
    assert "It is for at least one copy of G551D" in items["ivacaftor"]


def test_a_c_substitution_is_not_called_not_nonsense(client) -> None:
    """Its protein effect is unknown, so ataluren's nonsense rule cannot tell."""
    items = therapy_items(client, "gene=DMD&variant=c.8713C%3ET")
    ataluren = items["ataluren"]
    assert "Cannot tell from what you entered" in ataluren
    assert "whether this change makes an early stop is not known" in ataluren
    assert "not one" not in ataluren


def test_partial_facts_read_not_confirmed_in_both_views(client) -> None:
    for view in ("", "&view=family"):
        items = therapy_items(client, f"condition=ORPHA:586{view}")
        assert (
            "Not confirmed: EU year worked out from the dated CHMP opinion"
            in (items["elexacaftor/tezacaftor/ivacaftor"])
        )
    rett = page_text(client, condition_url("ORPHA:778"))
    assert "Not confirmed: How it works (and its drug class)" in rett


def test_mld_page_keeps_the_early_onset_population(client) -> None:
    text = page_text(client, condition_url("ORPHA:512"))
    assert "There is an approved medicine for it" not in text
    assert "approved medicine for some people with it" in text
    assert "Only for part of the condition: early-onset forms only" in text


@pytest.mark.parametrize(
    ("primary_id", "therapy"),
    [
        ("ORPHA:70", "nusinersen"),  # "SMA" leads here
        ("OMIM:219700", "ivacaftor"),  # the OMIM twin of cystic fibrosis
        ("OMIM:607208", "fenfluramine"),  # the OMIM twin of Dravet syndrome
        ("ORPHA:803", "tofersen"),
        ("ORPHA:505652", "ganaxolone"),
        ("ORPHA:882", "nitisinone"),
        ("ORPHA:271861", "patisiran"),
        ("ORPHA:140944", "alpelisib"),
        ("ORPHA:139396", "elivaldogene autotemcel"),
        ("OMIM:610951", "milasen"),
    ],
)
def test_condition_pages_families_reach_list_their_therapies(client, primary_id, therapy) -> None:
    assert therapy in page_text(client, condition_url(primary_id))


def test_sma_abbreviation_search_reaches_the_sma_therapies(client) -> None:
    """The bundled load adds Orphanet's abbreviations; "SMA" names ORPHA:70."""
    import_abbreviations()
    items = therapy_items(client, "condition=SMA")
    assert {"nusinersen", "risdiplam", "onasemnogene abeparvovec"} <= set(items)


def test_api_gives_eligibility_and_status_from_events(client) -> None:
    found = client.get("/api/v1/treatments/", {"gene": "CFTR", "variant": "F508del", "copies": 1})
    assert found.status_code == 200
    results = {r["therapy_name"]: r for r in found.json()["results"]}
    assert results["lumacaftor/ivacaftor"]["eligibility"]["verdict"] == "does_not_match"
    assert results["tezacaftor/ivacaftor"]["eligibility"]["verdict"] == "cannot_tell"
    assert results["tezacaftor/ivacaftor"]["eligibility"]["missing"]
    ataluren = client.get("/api/v1/therapies/ataluren/").json()["links"][0]
    assert ataluren["current_status"] == "approval_ended"
    assert ataluren["approved_now"] is False
    assert [e["kind"] for e in ataluren["regulatory_events"]] == ["approved_conditional", "expired"]
    bad = client.get("/api/v1/treatments/", {"gene": "CFTR", "copies": 3, "age_years": 500})
    assert bad.status_code == 400
    assert "copies" in bad.content.decode()
    assert "age_years" in bad.content.decode()


def test_references_start_with_the_regulators_page_then_pubmed_then_trials(client) -> None:
    response = client.get("/treatments", {"condition": "ORPHA:70"})
    body = response.content.decode()
    item = body.split('id="t-nusinersen"', 1)[1].split("</li>\n  \n    <li id=", 1)[0]
    refs = item.split("<strong>References:</strong>", 1)[1].split("</ul>", 1)[0]
    order = [refs.find(s) for s in ("Spinraza | European Medicines Agency (EMA)",
                                     "PMID 29091570", "NCT02193074", "maestrodatabase.com")]  # fmt: skip
    assert -1 not in order
    assert order == sorted(order)
    assert "Title not recorded (PMID 29091570); Finkel et al." in html.unescape(refs)


def test_ris_and_bibtex_exports_parse_back_with_real_citation_fields(client) -> None:
    import bibtexparser
    import rispy

    query = {"condition": "OMIM:610951"}  # milasen: the fact sheet gives its article's title
    ris = client.get("/treatments/export.ris", query)
    assert ris.status_code == 200
    records = rispy.loads(ris.content.decode())
    bib = bibtexparser.loads(client.get("/treatments/export.bib", query).content.decode())
    assert len(bib.entries) == len(records) >= 3
    article = next(r for r in records if r.get("accession_number") == "PMID:31597037")
    assert article["type_of_reference"] == "JOUR"
    assert (
        article["title"] == "Patient-Customized Oligonucleotide Therapy for a Rare Genetic Disease"
    )
    assert article["authors"] == ["Kim"]
    assert article["journal_name"] == "N Engl J Med"
    assert article["year"] == "2019"
    entry = next(e for e in bib.entries if e["ID"] == "pmid31597037")
    assert entry["author"] == "Kim and others"
    assert entry["year"] == "2019"
    for record in records:
        assert not record["title"].startswith(("PubMed ", "http")), record
    for entry in bib.entries:
        assert not entry["title"].startswith(("PubMed ", "http")), entry


def test_sirolimus_says_how_it_works_for_each_condition_and_milasens_note_shows(client) -> None:
    pros = page_text(client, condition_url("ORPHA:140944"))
    assert "sits below PI3K" in pros
    assert "overactive in LAM" not in pros
    lam = page_text(client, condition_url("ORPHA:538"))
    assert "overactive in LAM cells" in lam
    assert "PI3K" not in lam
    milasen = page_text(client, condition_url("OMIM:610951"))
    assert "Note: Not a product: made for a single patient" in milasen
    items = therapy_items(client, "condition=OMIM:610951&gene=MFSD8&view=family")
    assert "It does not seem to fit what you entered" in items["milasen"]
    assert "made for one person and cannot be used for anyone else" in items["milasen"]


def test_treatment_search_by_the_words_spinal_muscular_atrophy_finds_the_sma_therapies(
    client,
) -> None:
    """The search engine answers with CURIEs; the treatment search must read them."""
    from search.indexer import index_objects

    sma = Condition.objects.filter(name__icontains="spinal muscular atrophy")
    index_objects("condition", list(sma.values_list("pk", flat=True)))
    items = therapy_items(client, "condition=spinal+muscular+atrophy")
    assert {"nusinersen", "risdiplam", "onasemnogene abeparvovec"} <= set(items)


def test_every_summary_counts_the_medicines_approved_now_by_the_database_rule(client) -> None:
    """The family summary's count equals TherapyLink.objects.approved_now() for each condition
    with curated therapies (ataluren, expired in the EU, is never among DMD's)."""
    from knowledge.models import TherapyLink
    from knowledge.selectors import condition_list_for_summary
    from knowledge.summaries import condition_family_summary

    with_links = TherapyLink.objects.filter(condition__isnull=False).values("condition_id")
    checked = 0
    for condition in condition_list_for_summary().filter(pk__in=with_links):
        approved = set(
            TherapyLink.objects.approved_now()
            .filter(condition=condition)
            .values_list("therapy__name", flat=True)
        )
        text = condition_family_summary(condition).text
        if len(approved) == 1:
            assert "There is an approved medicine" in text, condition
        elif approved:
            assert f"There are {len(approved)} approved medicines" in text, condition
        else:
            assert "approved medicine" not in text, condition
        checked += 1
    assert checked >= 20
    dmd = Condition.objects.get(primary_id="ORPHA:98896")
    summary = client.get(f"/api/v1/conditions/{dmd.slug}/").json()["summary"]
    assert "There are 7 approved medicines for it." in summary["text"]
    assert "ataluren" not in summary["text"]

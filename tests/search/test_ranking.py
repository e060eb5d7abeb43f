"""Ranking rules and query analysis on PostgreSQL: source tie-break, sentences, the lexicon copy."""

from __future__ import annotations

import pytest

from search import lexicon
from search.analysis import analyze
from search.backends.base import load_backend
from search.backends.postgres.counts import COUNT_CAP
from search.documents import IndexedDoc
from search.indexer import rebuild, store_synonyms
from search.name_forms import part_keys
from search.query import run_search
from search.request import SearchRequest
from tests.factories.knowledge import (
    ConditionFactory,
    ConditionSynonymFactory,
    GeneFactory,
    PhenotypeFactory,
    TherapyFactory,
)

POSTGRES = "search.backends.postgres.backend.PostgresBackend"


def _ids(query: str, size: int = 5) -> list[str]:
    return [hit.id for hit in run_search(SearchRequest(query=query, page_size=size)).hits]


@pytest.fixture
def postgres(settings) -> None:
    settings.SEARCH_BACKEND = POSTGRES
    settings.OPENSEARCH_URL = ""


@pytest.mark.django_db
@pytest.mark.usefixtures("postgres")
def test_orphanet_entry_outranks_decipher_and_a_gene_named_after_it() -> None:
    ConditionFactory(primary_id="DECIPHER:14", name="Prader-Willi syndrome (Type 1)")
    ConditionFactory(primary_id="DECIPHER:53", name="Prader-Willi Syndrome (Type 2)")
    orphanet = ConditionFactory(primary_id="ORPHA:739", name="Prader-Willi syndrome")
    ConditionSynonymFactory(condition=orphanet, text="Prader-Labhart-Willi syndrome")
    GeneFactory(symbol="IPW", name="imprinted in Prader-Willi syndrome")
    rebuild(progress=False)
    for query in ("prader willi", "Prader-Willi", "PRADER WILLI"):
        assert _ids(query)[0] == "ORPHA:739", query


@pytest.mark.django_db
@pytest.mark.usefixtures("postgres")
def test_a_gene_full_name_typed_whole_finds_the_gene() -> None:
    GeneFactory(symbol="DMD", name="dystrophin")
    GeneFactory(symbol="DRP2", name="dystrophin related protein 2")
    rebuild(progress=False)
    assert _ids("dystrophin")[0] == "DMD"


@pytest.mark.django_db
@pytest.mark.usefixtures("postgres")
def test_an_exact_name_of_three_words_is_not_widened_to_any_word() -> None:
    ConditionFactory(primary_id="ORPHA:83330", name="Werdnig-Hoffmann disease")
    for n in range(4):
        ConditionFactory(primary_id=f"ORPHA:{990 + n}", name=f"Other disease {n}")
    rebuild(progress=False)
    response = run_search(SearchRequest(query="Werdnig-Hoffmann disease"))
    assert [hit.id for hit in response.hits] == ["ORPHA:83330"]
    assert response.total == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("postgres")
def test_a_long_name_with_one_word_the_index_lacks_still_finds_the_condition() -> None:
    """Was: "5q spinal muscular atrophy" (the fact sheet's own name) matched every word only in
    a symptom's definition, so the SMA page never showed; likewise "... overgrowth spectrum"."""
    PhenotypeFactory(hpo_id="HP:0007269", name="Spinal muscular atrophy",
                     definition="Muscle weakness from loss of motor neurons; see 5q13 deletions.")  # fmt: skip
    ConditionFactory(primary_id="ORPHA:70", name="Proximal spinal muscular atrophy")
    ConditionFactory(primary_id="ORPHA:2968", name="PIK3CA-related overgrowth syndrome")
    # The stray holds every word in its text, not its name (a name that holds every word is
    # the answer, and is not widened: see test_widening.py).
    PhenotypeFactory(hpo_id="HP:0001548", name="Overgrowth",
                     definition="Excessive growth, as in the PIK3CA-related overgrowth spectrum.")  # fmt: skip
    GeneFactory(symbol="PIK3CA", name="phosphatidylinositol-4,5-bisphosphate 3-kinase catalytic "
                "subunit alpha")  # fmt: skip
    rebuild(progress=False)
    assert "ORPHA:70" in _ids("5q spinal muscular atrophy", size=3)
    assert "ORPHA:2968" in _ids("PIK3CA-related overgrowth spectrum", size=3)


@pytest.mark.django_db
@pytest.mark.usefixtures("postgres")
def test_a_sentence_finds_the_symptom_it_names() -> None:
    seizure = PhenotypeFactory(hpo_id="HP:0001250", name="Seizure")
    seizure.synonyms.create(text="Seizures", is_layperson=False)
    for n in range(4):
        ConditionFactory(primary_id=f"ORPHA:{980 + n}", definition="Seizures and no speech.")
    rebuild(progress=False)
    assert _ids("my child has seizures and no speech")[0] == "HP:0001250"


def test_part_keys_skip_stopword_edges_and_short_queries() -> None:
    parts = part_keys("my child has seizures and no speech")
    assert "seizures" in parts
    assert "seizures and no speech" in parts
    assert not {"no", "has", "my child"} & set(parts)
    assert part_keys("cystic fibrosis") == []


@pytest.mark.django_db
def test_synonyms_are_seen_at_once_and_stopwords_never_expand() -> None:
    store_synonyms([("spinal muscular atrophy", "sma"), ("hinman syndrome", "has")])
    assert "spinal muscular atrophy" in analyze("SMA").expanded_keys
    assert not any("hinman" in key for key in analyze("my child has seizures").expanded_keys)
    store_synonyms([("spinal muscular atrophy", "smax")])
    assert "spinal muscular atrophy" not in analyze("SMA").expanded_keys


@pytest.mark.django_db
def test_the_lexicon_copy_is_reused_until_something_changes(monkeypatch) -> None:
    store_synonyms([("spinal muscular atrophy", "sma")])
    first = lexicon.current()
    monkeypatch.setattr(lexicon, "CHECK_SECONDS", 0.0)  # check the shared generation every time
    assert lexicon.current() is first
    lexicon.invalidate()
    assert lexicon.current() is not first


def test_an_hgvs_name_on_a_reference_sequence_is_not_split_into_words():
    from search.analysis import analyze

    analysis = analyze("NM_000344.4:c.840C>T")
    assert analysis.terms == ()
    assert analysis.alternatives == ()
    assert analysis.variant == "NM_000344.4:c.840C>T"


def test_a_whole_identifier_is_matched_by_its_keys_only():
    from search.analysis import analyze

    analysis = analyze("ORPHA:586")
    assert analysis.terms == ()
    assert analysis.identifier == "ORPHA:586"


@pytest.mark.django_db
@pytest.mark.usefixtures("postgres")
def test_a_common_word_past_the_count_cap_is_counted_as_a_lower_bound_and_ranked_by_names() -> None:
    """More matches than the count cap: "1,000+", facets over the counted rows, names first."""

    def doc(n: int, title: str, body: str) -> IndexedDoc:
        return IndexedDoc(
            doc_type="condition",
            object_id=n,
            curie=f"TEST:{n}",
            title=title,
            url=f"/test/{n}",
            summary=body,
            texts=(("name", title, 10.0), ("definition", body, 1.0)),
            exact=(("name", title.lower(), 1.0),),
            autocomplete=(title,),
            filters={"inheritance": ("Autosomal recessive",) if n % 2 else ()},
        )

    backend = load_backend(POSTGRES)
    common = "Seizures start in infancy."
    bodies = [doc(n, f"Disorder {n}", common) for n in range(COUNT_CAP + 200)]
    named = doc(99_999, "Seizure disorder of infancy", "A rare condition.")
    backend.index([*bodies, named])
    backend.tidy()

    response = run_search(SearchRequest(query="seizures"))

    assert response.total_is_lower_bound
    assert response.total == COUNT_CAP
    assert sum(n for _value, n in response.facets["inheritance"]) <= COUNT_CAP
    # The only document naming the word comes first, even though 1,200 bodies mention it.
    assert response.hits[0].id == "TEST:99999"
    assert len(response.hits) == response.page_size


@pytest.mark.django_db
@pytest.mark.usefixtures("postgres")
def test_a_therapy_with_a_long_imported_name_is_indexed() -> None:
    """Was: a rebuild after the FDA import failed on a 150-character therapy slug (the search
    table kept 120), so a fresh load ended with no search index at all."""
    name = ("allogeneic cultured keratinocytes and fibroblasts in bovine collagen " * 2).strip()
    therapy = TherapyFactory(name=name)
    assert len(therapy.slug) > 120
    result = rebuild(progress=False)
    assert not result.errors
    assert _ids("allogeneic cultured keratinocytes") == [therapy.slug]

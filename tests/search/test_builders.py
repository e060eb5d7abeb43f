"""Pure builders and normalisation: assertions on built SQL, bodies and strings (no engine)."""

from __future__ import annotations

import json

import pytest

from search import keys
from search.analysis import QueryAnalysis, analyze
from search.backends.opensearch import mappings, text_clauses, title_likeness
from search.backends.opensearch import query as os_query
from search.backends.opensearch.bulk_actions import document_source
from search.backends.opensearch.paging import decode_cursor, encode_cursor
from search.backends.postgres import bulk_actions as pg_bulk
from search.backends.postgres import counts as pg_counts
from search.backends.postgres import query as pg_query
from search.backends.postgres import text_clauses as pg_text
from search.backends.postgres.weights import texts_by_weight, weight_for
from search.documents import IndexedDoc
from search.name_forms import initialled_abbreviation_keys, other_head_names
from search.request import SearchRequest
from search.text import edit_distance, key_form, phrase_form, safe_snippet
from search.wrapped_names import unwrapped_name

ANALYSIS = QueryAnalysis(
    raw="Duchene dystrophy",
    phrase="duchene dystrophy",
    terms=("duchene", "dystrophy"),
    exact_keys=("duchene dystrophy",),
    expanded_keys=("duchenne dystrophy",),
    alternatives=(("duchenne", "dystrophy"),),
    corrected="duchenne dystrophy",
)
DOC = IndexedDoc(
    doc_type="gene",
    object_id=7,
    curie="SMN1",
    title="SMN1: survival of motor neuron 1",
    url="/genes/SMN1/",
    summary="",
    texts=(
        ("symbol", "SMN1", 10.0),
        ("name", "survival", 8.0),
        ("conditions", "Proximal SMA", 1.0),
    ),
    exact=(("symbol", "smn1", 60.0), ("aliases", "sma1", 20.0)),
    autocomplete=("SMN1",),
    filters={"locus_group": ("protein-coding gene",)},
    extra={"hgnc_id": "HGNC:11117"},
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Friedreich's ataxia", "friedreich ataxia"),
        ("FRIEDREICH\u2019S ATAXIA", "friedreich ataxia"),
        ("Prader-Willi", "prader willi"),
        ("Sjögren", "sjogren"),
        ("  a  b ", "a b"),
    ],
)
def test_phrase_form_ignores_accents_case_apostrophes_and_hyphens(text: str, expected: str) -> None:
    assert phrase_form(text) == expected


def test_key_form_keeps_identifier_punctuation() -> None:
    assert key_form("NM_000344.3:c.570G>A") == "nm_000344.3:c.570g>a"


def test_snippets_escape_html_but_keep_marks() -> None:
    assert safe_snippet("<b>\ue000cf\ue001</b>") == "&lt;b&gt;<mark>cf</mark>&lt;/b&gt;"


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("duchene", "duchenne", 1),
        ("fibrossis", "fibrosis", 1),
        ("ataxai", "ataxia", 1),
        ("sma", "dmd", 2),
    ],
)
def test_edit_distance_counts_swaps_once(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance


def test_boosts_map_to_tsvector_weights() -> None:
    assert [weight_for(b) for b in (10, 8, 5, 2, 1)] == ["A", "A", "B", "C", "D"]
    assert texts_by_weight(DOC.texts) == {
        "A": "SMN1 | survival",
        "B": "",
        "C": "",
        "D": "Proximal SMA",
    }


def test_tsquery_builders_and_them_within_and_or_them_across() -> None:
    assert (
        pg_text.tsquery_all([("duchene", "dystrophy"), ("dmd",)]) == "(duchene & dystrophy) | (dmd)"
    )
    assert pg_text.tsquery_any([("a", "b"), ("b", "c")]) == "a | b | c"
    assert pg_text.prefix_tsquery("Spinal musc!*") == "spinal:* & musc:*"


def test_search_sql_binds_every_user_value() -> None:
    request = SearchRequest(
        query="x", doc_types=("trial",), filters={"phase": ("PHASE3",)}, page=2, page_size=5
    )
    sql, params = pg_query.search_sql(request, ANALYSIS, "(duchene & dystrophy)")
    assert "duchene" not in sql
    assert "PHASE3" not in sql
    assert params["types"] == ["trial"]
    assert json.loads(params["f0_0"]) == {"phase": ["PHASE3"]}
    assert (params["limit"], params["offset"]) == (5, 5)
    assert params["xkeys"] == ["duchenne dystrophy"]
    assert "ts_headline" in sql
    # The corrected phrase is looked up as a half-weight key, bound like every other value.
    assert params["k1_0"] == "duchenne dystrophy"
    assert "(e.exact ->> %(k1_0)s)::float * 0.5" in sql
    assert params["candidates"] == 5 + 5 + pg_query.CANDIDATES
    assert "e.vector @@ q.tsm" in sql
    names_sql, _params = pg_query.search_sql(
        request, ANALYSIS, pg_text.tsquery_all(ANALYSIS.all_term_lists), names_only=True
    )
    assert "e.names @@ q.tsm" in names_sql
    assert "e.vector @@" not in names_sql


def test_stats_sql_counts_each_type_up_to_the_cap_and_facets_of_the_chosen_types() -> None:
    request = SearchRequest(query="x", doc_types=("trial",), filters={"phase": ("PHASE3",)})
    sql, params = pg_counts.stats_sql(request, ANALYSIS, "(duchene & dystrophy)", ("gene", "trial"))
    # every type is counted on its own, up to one past the cap (the type filter is ignored) ...
    assert "CROSS JOIN LATERAL" in sql
    assert "e.doc_type = t.doc_type" in sql
    assert params["all_types"] == ["gene", "trial"]
    assert params["cap"] == pg_counts.COUNT_CAP + 1
    # ... and the chosen types alone give the facets
    assert sql.count("m.doc_type = ANY(%(types)s)") == 1
    assert params["types"] == ["trial"]
    assert json.loads(params["f0_0"]) == {"phase": ["PHASE3"]}
    assert pg_counts.DIRECT in sql


def test_row_params_carry_exact_keys_and_facets() -> None:
    params = pg_bulk.row_params(DOC)
    assert json.loads(params["exact"]) == {"smn1": 60.0, "sma1": 20.0}
    assert json.loads(params["facets"]) == {"locus_group": ["protein-coding gene"]}
    assert params["title_norm"] == "smn1 survival of motor neuron 1"


def test_opensearch_mapping_is_explicit_with_synonyms_at_search_time_only() -> None:
    body = mappings.index_body(["sma, spinal muscular atrophy"], (100, 60), ["status"])
    analysis = body["settings"]["analysis"]
    assert analysis["filter"]["rarelabs_synonyms"]["type"] == "synonym_graph"
    assert "rarelabs_synonyms" in analysis["analyzer"]["text_search"]["filter"]
    assert "rarelabs_synonyms" not in analysis["analyzer"]["text_index"]["filter"]
    props = body["mappings"]["properties"]
    assert body["mappings"]["dynamic"] == "strict"
    assert props["exact_60"] == {"type": "keyword", "normalizer": "key_norm"}
    assert props["facets"]["properties"]["status"] == {"type": "keyword"}
    assert props["autocomplete"]["analyzer"] == "autocomplete_index"


def test_synonym_rules_skip_unsafe_phrases() -> None:
    assert mappings.synonym_rules([("a", "b"), ("x, y", "z"), ("only",)]) == ["a, b"]


def test_opensearch_search_body_boosts_exact_keys_and_pages() -> None:
    request = SearchRequest(
        query="x", doc_types=("condition",), filters={"onset": ("infancy",)}, page=3, page_size=10
    )
    body = os_query.search_body(request, ANALYSIS, (100, 50), ["onset"])
    should = body["query"]["function_score"]["query"]["bool"]["must"][0]["bool"]["should"]
    # The exact keys count once, by the best one (PostgreSQL's GREATEST): one dis_max first.
    exact = [c["constant_score"] for c in should[0]["dis_max"]["queries"]]
    assert {"filter": {"terms": {"exact_100": ["duchene dystrophy"]}}, "boost": 1000.0} in exact
    assert {"filter": {"terms": {"exact_100": ["duchenne dystrophy"]}}, "boost": 500.0} in exact
    assert len(exact) == 4  # two boost fields x (typed, reached)
    assert not any("constant_score" in c for c in should)
    lists = should[1]["dis_max"]["queries"]
    match = lists[0]["multi_match"]
    assert "fuzziness" not in match  # the analysis's correction stands for a fuzzy match
    assert match["fields"][0] == "text_a^8"
    assert body["from"] == 20
    assert body["size"] == 10
    assert body["post_filter"] == {"terms": {"doc_type": ["condition"]}}
    assert body["aggs"]["filtered"]["aggs"]["onset"]["terms"]["field"] == "facets.onset"
    assert body["highlight"]["pre_tags"] == ["\ue000"]


def test_opensearch_matches_every_word_list_as_written() -> None:
    """The synonyms are the analysis's alternatives and a misspelling its correction, as
    PostgreSQL reads them: no list, the words as typed included, goes through the search-time
    synonym graph or is fuzzy."""
    for any_word in (False, True):
        lists, all_words, phrases = text_clauses.text_groups(ANALYSIS, any_word=any_word)
        best = [c["multi_match"] for c in lists if c["multi_match"]["type"] == "best_fields"]
        assert [m["query"] for m in best] == ["duchene dystrophy", "duchenne dystrophy"]
        for match in (clause["multi_match"] for clause in lists):
            assert match["analyzer"] == text_clauses.PLAIN_ANALYZER
            assert "fuzziness" not in match
        assert phrases[0]["match_phrase"]["title"]["analyzer"] == text_clauses.PLAIN_ANALYZER
    typed, corrected = (clause["multi_match"] for clause in all_words)
    assert typed["analyzer"] == corrected["analyzer"] == text_clauses.PLAIN_ANALYZER


def test_search_after_cursor_round_trips() -> None:
    cursor = encode_cursor([12.5, 10, "g6pc1 glucose", "gene:7"])
    body = os_query.search_body(SearchRequest(query="x", cursor=cursor), ANALYSIS, (100,), [])
    assert body["search_after"] == [12.5, 10, "g6pc1 glucose", "gene:7"]
    assert "from" not in body
    assert decode_cursor("not base64!") is None


def test_document_source_groups_text_by_tier() -> None:
    source = document_source(DOC)
    assert source["text_a"] == ["SMN1", "survival"]
    assert source["text_d"] == ["Proximal SMA"]
    assert source["exact_60"] == ["smn1"]
    assert source["exact_20"] == ["sma1"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("ORPHA 586", "orpha:586"),
        ("253300", "omim:253300"),
        ("hp_1250", "hp:0001250"),
        ("nct 02193074", "nct02193074"),
        ("pmid: 29091570", "pmid:29091570"),
        ("NM_000344.3(SMN1):c.570G>A", "smn1:c.570g>a"),
        # An abbreviation typed apart from its number is the abbreviation as typed, joined.
        ("MPS I", "mpsi"),
        ("MPS I", "mps1"),
        ("SCA 3", "sca3"),
    ],
)
def test_analysis_recognises_identifiers_and_variants(query: str, key: str) -> None:
    assert key in analyze(query).exact_keys


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("is it Batten", "batten"),
        ("could it be pompe", "pompe"),
        ("does my son have SMA", "sma"),
        ("tell me about rett syndrome", "rett syndrome"),
        ("signs of Angelman syndrome", "angelman syndrome"),
        ("is wilson disease genetic", "wilson disease"),
        # What the family wants to know, typed after the name.
        ("pompe treatment", "pompe"),
        ("hemophilia a gene therapy", "hemophilia a"),
        ("ALS clinical trials", "als"),
        ("friedreich ataxia new drugs", "friedreich ataxia"),
        # The shapes of a family's question: how long, who, can one die of it, is it X.
        ("how long do people with duchenne live", "duchenne"),
        ("how long do kids with hurler syndrome live", "hurler syndrome"),
        ("can you die from batten disease", "batten disease"),
        ("how common is costello syndrome", "costello syndrome"),
        ("does rett syndrome run in families", "rett syndrome"),
        ("is mowat wilson syndrome progressive", "mowat wilson syndrome"),
        ("is fankoni anemia genetic", "fankoni anemia"),
        # What a genetic report found in a gene, typed around its symbol.
        ("SCN1A mutation", "scn1a"),
        ("DMD deletion", "dmd"),
        ("variant in CDKL5", "cdkl5"),
        ("heterozygous GBA variant", "gba"),
        ("PIK3CA mosaic variant", "pik3ca"),
        ("germline TP53 missense variant", "tp53"),
        ("MECP2 variant of unknown significance", "mecp2"),
        ("likely pathogenic variant in TTN", "ttn"),
        ("KCNQ2 VUS", "kcnq2"),
        ("COL4A5 splice site variant", "col4a5"),
        ("variant of uncertain significance", None),
        ("treatment", None),
        ("gene therapy", None),
        ("pathogenic variant", None),
        # Nothing wrapped, or a letter that is part of the name, or a sentence, not a name.
        ("Batten", None),
        ("Hemophilia A", None),
        ("SMA-I", None),
        ("is it", None),
        ("my son has seizures and cannot walk or talk yet", None),
    ],
)
def test_the_name_inside_a_question_is_found_without_its_wrapper_words(
    query: str, name: str | None
) -> None:
    assert unwrapped_name(query) == name


@pytest.mark.parametrize(
    ("query", "names"),
    [
        (
            "PIK3CA-related overgrowth spectrum",
            [
                "pik3ca related overgrowth syndrome",
                "pik3ca related overgrowth disease",
                "pik3ca related overgrowth disorder",
            ],
        ),
        # Too short to be a name without its head, or no head at all.
        ("overgrowth spectrum", []),
        ("overgrowth", []),
        ("autism spectrum disorder symptoms", []),
    ],
)
def test_a_name_typed_with_another_head_word_is_looked_up_with_each_head(
    query: str, names: list[str]
) -> None:
    assert sorted(other_head_names(query)) == sorted(names)


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("Becker MD", ["bmd"]),
        ("limb girdle MD", ["lgmd"]),
        # A letter, a number, a head word or an everyday word is no abbreviation's tail.
        ("X ALD", []),
        ("SMA type 1", []),
        ("fabry disease", []),
        ("cat eye", []),
    ],
)
def test_named_words_before_an_abbreviation_give_the_whole_abbreviation(
    query: str, keys: list[str]
) -> None:
    assert initialled_abbreviation_keys(query) == keys


def test_row_params_split_a_number_off_a_hyphen_so_query_words_match() -> None:
    doc = DOC.__class__(**{**DOC.__dict__, "texts": (("symbol", "SNORD115-5", 10.0),)})
    assert pg_bulk.row_params(doc)["a"] == "SNORD115 5"
    assert pg_bulk.row_params(DOC)["a"].startswith("SMN1")


def test_opensearch_text_clauses_keep_within_a_word_budget() -> None:
    # A parent's long description with eight alternatives: the words as typed always stay,
    # later alternatives go once the word x field budget is spent.
    typed = tuple(f"w{i}" for i in range(25))
    alternatives = tuple((*typed[:-1], f"alt{i}") for i in range(8))
    analysis = QueryAnalysis(
        raw=" ".join(typed), phrase=" ".join(typed), terms=typed, exact_keys=(),
        alternatives=alternatives,
    )  # fmt: skip
    matches = [c["multi_match"] for c in text_clauses.text_clauses(analysis) if "multi_match" in c]
    assert matches[0]["query"] == " ".join(typed)
    spent = sum(len(m["query"].split()) * len(m["fields"]) for m in matches)
    assert spent <= text_clauses.CLAUSE_BUDGET
    assert len(matches) < 1 + len(alternatives)
    # A sentence is no title: no phrase clause (its synonym graph alone can pass the limit).
    assert not any("match_phrase" in c for c in text_clauses.text_clauses(analysis))


def test_opensearch_spread_words_count_within_the_word_budget() -> None:
    # A name's words are also matched spread over fields: those clauses count too.
    typed = tuple(f"w{i}" for i in range(12))
    alternatives = tuple((*typed[:-1], f"alt{i}") for i in range(8))
    analysis = QueryAnalysis(
        raw=" ".join(typed), phrase=" ".join(typed), terms=typed, exact_keys=(),
        alternatives=alternatives,
    )  # fmt: skip
    matches = [c["multi_match"] for c in text_clauses.text_clauses(analysis) if "multi_match" in c]
    assert {m["type"] for m in matches} == {"best_fields", "cross_fields"}
    spent = sum(len(m["query"].split()) * len(m["fields"]) for m in matches)
    assert spent <= text_clauses.CLAUSE_BUDGET


def test_opensearch_plain_retry_has_no_synonym_graph_alternatives_or_fuzziness() -> None:
    body = os_query.search_body(SearchRequest(query="x"), ANALYSIS, (100,), [], plain=True)
    should = body["query"]["function_score"]["query"]["bool"]["must"][0]["bool"]["should"]
    matches = [
        q["multi_match"]
        for c in should
        if "dis_max" in c
        for q in c["dis_max"]["queries"]
        if "multi_match" in q
    ]
    assert {m["query"] for m in matches} == {"duchene dystrophy"}  # the words as typed only
    assert all(m["analyzer"] == "text_index" and "fuzziness" not in m for m in matches)
    assert not any("match_phrase" in c for c in should)


def test_widened_names_pool_gives_each_word_its_own_share() -> None:
    analysis = QueryAnalysis(
        raw="Werdnig Hoffman disease",
        phrase="werdnig hoffman disease",
        terms=("werdnig", "hoffman", "disease"),
        exact_keys=("werdnig hoffman disease",),
    )
    request = SearchRequest(query="Werdnig Hoffman disease")
    widened = pg_text.tsquery_any(analysis.all_term_lists)
    sql, params = pg_query.search_sql(request, analysis, widened, names_only=True)
    # A bounded pool per word besides the shared one: "disease" rows can't crowd out the few
    # naming "werdnig".
    assert [params[f"pw{i}"] for i in range(3)] == ["werdnig", "hoffman", "disease"]
    assert sql.count("LIMIT %(word_pool)s + 1") == 3
    assert sql.count("LIMIT %(pool)s") == 1
    assert "werdnig" not in sql
    assert "word_similarity(%(phrase)s, e.autocomplete_text)" in sql
    # Every word required (not widened): one pool over the query, titles compared as before.
    every = pg_text.tsquery_all(analysis.all_term_lists)
    sql, params = pg_query.search_sql(request, analysis, every, names_only=True)
    assert sql.count("LIMIT %(pool)s") == 1
    assert "word_pool" not in sql
    assert "e.names @@ q.tsm" in sql
    assert params["pool"] == pg_query.NAMES_POOL
    assert "word_similarity" not in sql


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("Pompe", ["pompe disease", "pompe syndrome"]),
        ("Batten's", ["batten disease", "batten syndrome"]),
        ("charcot marie tooth", ["charcot marie tooth disease", "charcot marie tooth syndrome"]),
        ("Pompe disease", []),
        ("SMN1", []),
        ("the", []),
        ("my son", []),
        ("weak muscles and seizures", []),
    ],
)
def test_a_name_typed_without_its_head_word_is_looked_up_as_a_disease_or_syndrome_name(
    query: str, keys: list[str]
) -> None:
    from search.name_forms import eponym_keys

    assert eponym_keys(query) == keys


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("Global developmental delay (HP:0001263)", "Global developmental delay"),
        ("Rett syndrome [ORPHA:778] and OMIM #312750", "Rett syndrome and"),
        ("no identifier here", "no identifier here"),
    ],
)
def test_identifiers_are_taken_out_of_a_label(text: str, rest: str) -> None:
    from identifiers.ids import without_identifiers

    assert without_identifiers(text) == rest


def test_opensearch_word_lists_count_once_by_their_best_match() -> None:
    # "gene therapy for sma": "sma" expands to "sma1", "sma2", "proximal spinal muscular
    # atrophy"...; summed, a subtype matching three of the lists outscored ORPHA:70, which the
    # part key "sma" names (1,641 vs 1,385). PostgreSQL ORs the lists in one tsquery.
    analysis = QueryAnalysis(
        raw="gene therapy for sma", phrase="gene therapy for sma", terms=("gene", "therapy", "sma"),
        exact_keys=("gene therapy for sma",), part_keys=("sma",),
        alternatives=(("gene", "therapy", "sma1"), ("gene", "therapy", "sma2")),
    )  # fmt: skip
    body = os_query.search_body(SearchRequest(query=analysis.raw), analysis, (40,), [])
    should = body["query"]["function_score"]["query"]["bool"]["must"][0]["bool"]["should"]
    assert not any("multi_match" in clause for clause in should)  # none summed on its own
    exact, lists = [clause["dis_max"]["queries"] for clause in should if "dis_max" in clause]
    assert all("constant_score" in q for q in exact)  # the keys: their own best-of group
    assert [q["multi_match"]["query"] for q in lists] == [
        "gene therapy sma",
        "gene therapy sma1",
        "gene therapy sma2",
    ] * 2  # each in one field, then spread over fields (`cross_fields`, far below)
    assert [q["multi_match"]["type"] for q in lists] == ["best_fields"] * 3 + ["cross_fields"] * 3
    # After widening, the all-words lists are a second best-of group, not a sum either.
    widened = os_query.search_body(
        SearchRequest(query=analysis.raw), analysis, (40,), [], any_word=True
    )["query"]["function_score"]["query"]["bool"]["must"][0]["bool"]["should"]
    groups = [len(clause["dis_max"]["queries"]) for clause in widened if "dis_max" in clause]
    assert groups == [2, 3, 3]  # the keys (typed, part), the word lists, the all-words lists
    # The highlighter still reads every clause.
    highlight = body["highlight"]["highlight_query"]["bool"]["should"]
    assert sum("multi_match" in clause for clause in highlight) == 6


@pytest.mark.parametrize(
    ("tokens", "joined"),
    [
        (["san", "filippo"], ["sanfilippo"]),
        (["san", "filippo", "syndrome"], ["sanfilippo", "syndrome"]),
        (["angel", "man"], ["angel", "man"]),  # two known words stay two
        (["filippo"], ["filippo"]),
    ],
)
def test_two_typed_words_that_make_one_known_word_are_joined(
    tokens: list[str], joined: list[str]
) -> None:
    from search.spelling import _joined_words

    known = frozenset({"sanfilippo", "san", "syndrome", "angelman", "angel", "man"})
    assert _joined_words(tokens, known) == joined


@pytest.mark.django_db
def test_a_name_followed_by_a_subtype_is_not_a_part_of_the_question() -> None:
    # "spinal muscular atrophy type 1" is the subtype (every word in its name), not the sign
    # "Spinal muscular atrophy"; "type 1" alone names nothing.
    parts = analyze("spinal muscular atrophy type 1").part_keys
    assert "spinal muscular atrophy" not in parts
    assert not any(part.startswith("type") for part in parts)
    assert "spinal muscular" in parts  # other parts still count


def test_exact_names_sql_is_one_bounded_lookup_with_every_value_bound() -> None:
    statement, params = keys.exact_names_sql(["sma", "spinal muscular atrophy"], ("condition",))
    assert "e.exact ?| %(keys)s::text[]" in statement
    assert statement.rstrip().endswith("LIMIT 1")
    assert "sma" not in statement
    assert params == {"types": ["condition"], "keys": ["sma", "spinal muscular atrophy"]}


def test_opensearch_title_words_are_scored_never_matched() -> None:
    # PostgreSQL adds the title's likeness to the query; OpenSearch scores the title's shared
    # words and their share of both's letters beside the match, so a document matching only
    # through them is no result.
    body = os_query.search_body(SearchRequest(query="x"), ANALYSIS, (100,), [])
    scored = body["query"]["function_score"]["query"]["bool"]
    assert scored["should"] == [
        {
            "match": {
                "title": {
                    "query": "duchenne dystrophy",
                    "analyzer": text_clauses.PLAIN_ANALYZER,
                    "boost": title_likeness.TITLE_WORDS_BOOST,
                }
            }
        },
        {
            "script_score": {
                "query": {
                    "match": {
                        "title": {
                            "query": "duchenne dystrophy",
                            "analyzer": text_clauses.PLAIN_ANALYZER,
                            "minimum_should_match": title_likeness.SHARED_WORDS,
                        }
                    }
                },
                "script": {
                    "source": title_likeness.SHARED_LETTERS,
                    "params": {
                        "words": ["duchenne", "dystrophy"],
                        "letters": 17,
                        "scale": title_likeness.TITLE_SHARE_SCALE,
                    },
                },
            }
        },
    ]
    assert scored["must"][0]["bool"]["minimum_should_match"] == 1
    plain = os_query.search_body(SearchRequest(query="x"), ANALYSIS, (100,), [], plain=True)
    assert plain["query"]["function_score"]["query"]["bool"]["should"] == []


ABBREVIATION = QueryAnalysis(
    raw="cgd",
    phrase="cgd",
    terms=("cgd",),
    exact_keys=("cgd",),
    alternatives=(
        ("chronic", "granulomatous", "disease"),
        ("chronic", "granulomatous", "disease", "x", "linked"),
        ("cybb",),
    ),
)


def test_opensearch_an_alternative_counts_as_many_words_as_were_typed() -> None:
    # BM25 adds up a list's words: OMIM's five-word expansion of "cgd" outscored Orphanet's
    # three-word one. Each alternative is weighed down to the words typed, never up.
    lists, _all_words, _phrases = text_clauses.text_groups(ABBREVIATION)
    best = [c["multi_match"] for c in lists if c["multi_match"]["type"] == "best_fields"]
    assert [(m["query"], m["boost"]) for m in best] == [
        ("cgd", 1.0),
        ("chronic granulomatous disease", 1 / 3),
        ("chronic granulomatous disease x linked", 1 / 5),
        ("cybb", 1.0),
    ]
    spread = [
        c["multi_match"]["boost"] for c in lists if c["multi_match"]["type"] == "cross_fields"
    ]
    assert spread == [text_clauses.SPREAD_WORDS_BOOST * w for w in (1.0, 1 / 3, 1 / 5, 1.0)]
    _lists, all_words, _phrases = text_clauses.text_groups(ABBREVIATION, any_word=True)
    assert [c["multi_match"]["boost"] for c in all_words] == [2.0, 2 / 3, 2 / 5, 2.0]


def test_opensearch_a_one_word_title_is_scored_by_its_share_of_letters_alone() -> None:
    # The title phrase and the title's words are the same match as the share for one word:
    # "NCL: nucleolin" was given the abbreviation three times over.
    body = os_query.search_body(SearchRequest(query="cgd"), ABBREVIATION, (100,), [])
    should = body["query"]["function_score"]["query"]["bool"]["should"]
    assert [next(iter(clause)) for clause in should] == ["script_score"]
    assert not any("match_phrase" in c for c in text_clauses.text_clauses(ABBREVIATION))
    two_words = os_query.search_body(SearchRequest(query="x"), ANALYSIS, (100,), [])
    assert len(two_words["query"]["function_score"]["query"]["bool"]["should"]) == 2

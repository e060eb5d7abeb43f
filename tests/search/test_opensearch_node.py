"""Checks a real OpenSearch node (started by `make opensearch`) with the features search relies on.

The documents are the 40 real Orphanet ORPHApackets in shared/data, read in place. Every indexed
document keeps its source (Orphanet PURL) and the packet's creation date.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from opensearchpy import OpenSearch, helpers

from tests._shared import FIXTURE_DATA

pytestmark = pytest.mark.opensearch

PAGE_SIZE = 7


@dataclass(frozen=True)
class Disorder:
    """One Orphanet disorder as we index it."""

    orpha_code: str
    name: str
    synonyms: tuple[str, ...]
    definition: str
    inheritance: tuple[str, ...]
    genes: tuple[str, ...]
    source_url: str
    retrieved: str

    def to_doc(self) -> dict[str, Any]:
        """Return the OpenSearch document body."""
        return {
            "orpha_code": self.orpha_code,
            "name": self.name,
            "name_sayt": self.name,
            "synonyms": list(self.synonyms),
            "definition": self.definition,
            "inheritance": list(self.inheritance),
            "genes": list(self.genes),
            "source_url": self.source_url,
            "retrieved": self.retrieved,
        }


def _find(node: Any, key: str) -> Iterator[Any]:
    """Yield every value stored under `key`, flattening lists.

    The packets are XML turned into JSON, so one item is a dict and several are a list.
    """
    if isinstance(node, list):
        for item in node:
            yield from _find(item, key)
    elif isinstance(node, dict):
        for k, value in node.items():
            if k == key:
                yield from value if isinstance(value, list) else [value]
            else:
                yield from _find(value, key)


def _load_disorders() -> list[Disorder]:
    folder = FIXTURE_DATA / "orphanet" / "orphapackets"
    disorders = []
    for path in sorted(folder.glob("ORPHApacket_*.json")):
        packet = json.loads(path.read_text(encoding="utf-8"))["Orphapacket"]
        text = packet.get("TextSection") or {}
        disorders.append(
            Disorder(
                orpha_code=packet["ORPHAcode"],
                name=packet["Label"],
                synonyms=tuple(_find(packet.get("Synonyms"), "Synonym")),
                definition=text.get("Contents", "") if isinstance(text, dict) else "",
                inheritance=tuple(_find(packet.get("TypeOfInheritances"), "value")),
                genes=tuple(g["Symbol"] for g in _find(packet.get("Genes"), "Gene")),
                source_url=packet["PURL"],
                retrieved=packet["creationDate"][:10],
            )
        )
    return disorders


def _synonym_rules(disorders: list[Disorder]) -> list[str]:
    """Build `abbreviation, label` rules from the packets' own all-caps synonyms."""
    return [
        f"{syn.lower()}, {d.name.lower()}"
        for d in disorders
        for syn in d.synonyms
        if syn.isalnum() and syn.isupper() and "," not in d.name
    ]


def _index_body(rules: list[str]) -> dict[str, Any]:
    folding = ["lowercase", "asciifolding"]
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "analysis": {
                "filter": {
                    "disease_synonyms": {
                        "type": "synonym_graph",
                        "synonyms": rules,
                        "lenient": True,
                    },
                    "prefixes": {"type": "edge_ngram", "min_gram": 2, "max_gram": 15},
                },
                "normalizer": {"folded": {"type": "custom", "filter": folding}},
                "analyzer": {
                    "name_index": {"tokenizer": "standard", "filter": folding},
                    "name_search": {
                        "tokenizer": "standard",
                        "filter": [*folding, "disease_synonyms"],
                    },
                    "autocomplete": {"tokenizer": "standard", "filter": [*folding, "prefixes"]},
                },
            },
        },
        "mappings": {
            "properties": {
                "orpha_code": {"type": "keyword"},
                "name": {
                    "type": "text",
                    "analyzer": "name_index",
                    "search_analyzer": "name_search",
                    "fields": {
                        "autocomplete": {
                            "type": "text",
                            "analyzer": "autocomplete",
                            "search_analyzer": "name_index",
                        }
                    },
                },
                "name_sayt": {"type": "search_as_you_type"},
                "synonyms": {"type": "text", "analyzer": "name_index"},
                "definition": {"type": "text"},
                "inheritance": {"type": "keyword", "normalizer": "folded"},
                "genes": {"type": "keyword"},
                "source_url": {"type": "keyword", "index": False},
                "retrieved": {"type": "date", "format": "yyyy-MM-dd"},
            }
        },
    }


@dataclass(frozen=True)
class LoadedIndex:
    """A filled test index and what the bulk load reported."""

    name: str
    disorders: tuple[Disorder, ...]
    bulk_ok: int
    bulk_errors: tuple[dict[str, Any], ...]


@pytest.fixture(scope="module")
def client() -> Iterator[OpenSearch]:
    url = os.environ.get("OPENSEARCH_URL")
    if not url:
        pytest.skip("OPENSEARCH_URL not set: start a node with `make opensearch`")
    os_client = OpenSearch(hosts=[url], timeout=30)
    yield os_client
    os_client.close()


@pytest.fixture(scope="module")
def prefix(client: OpenSearch) -> Iterator[str]:
    name = f"{os.environ['OPENSEARCH_INDEX_PREFIX']}-{uuid.uuid4().hex[:8]}"
    yield name
    client.indices.delete(index=f"{name}-*", ignore_unavailable=True)


@pytest.fixture(scope="module")
def loaded(client: OpenSearch, prefix: str) -> LoadedIndex:
    disorders = _load_disorders()
    assert len(disorders) == 40, "expected the 40 ORPHApackets in shared/data"
    index = f"{prefix}-disorders"
    client.indices.create(index=index, body=_index_body(_synonym_rules(disorders)))
    actions = ({"_index": index, "_id": d.orpha_code, "_source": d.to_doc()} for d in disorders)
    ok, errors = 0, []
    for success, item in helpers.streaming_bulk(
        client, actions, chunk_size=15, raise_on_error=False
    ):
        if success:
            ok += 1
        else:
            errors.append(item)
    client.indices.refresh(index=index)
    return LoadedIndex(index, tuple(disorders), ok, tuple(errors))


def _codes(response: dict[str, Any]) -> list[str]:
    return [hit["_source"]["orpha_code"] for hit in response["hits"]["hits"]]


def test_cluster_is_healthy_and_named(client: OpenSearch) -> None:
    health = client.cluster.health()
    assert health["cluster_name"] == "rarelabs"
    assert health["status"] in {"green", "yellow"}
    assert health["number_of_nodes"] == 1


def test_streaming_bulk_indexes_every_packet(client: OpenSearch, loaded: LoadedIndex) -> None:
    assert loaded.bulk_errors == ()
    assert loaded.bulk_ok == 40
    assert client.count(index=loaded.name)["count"] == 40
    doc = client.get(index=loaded.name, id="2131")["_source"]
    assert doc["name"] == "Alternating hemiplegia of childhood"
    assert doc["source_url"] == "http://www.orpha.net/ORDO/Orphanet_2131"


def test_synonym_graph_expands_abbreviation(client: OpenSearch, loaded: LoadedIndex) -> None:
    with_synonyms = client.search(index=loaded.name, body={"query": {"match": {"name": "AHC"}}})
    assert _codes(with_synonyms)[:1] == ["2131"]
    # The same query without the synonym filter finds nothing: the filter does the work.
    plain = client.search(
        index=loaded.name,
        body={"query": {"match": {"name": {"query": "AHC", "analyzer": "name_index"}}}},
    )
    assert plain["hits"]["total"]["value"] == 0


def test_edge_ngram_autocomplete(client: OpenSearch, loaded: LoadedIndex) -> None:
    response = client.search(
        index=loaded.name, body={"query": {"match": {"name.autocomplete": "Hypophos"}}}
    )
    assert _codes(response) == ["436"]


def test_search_as_you_type_bool_prefix(client: OpenSearch, loaded: LoadedIndex) -> None:
    response = client.search(
        index=loaded.name,
        body={
            "query": {
                "multi_match": {
                    "query": "duchenne musc",
                    "type": "bool_prefix",
                    "fields": ["name_sayt", "name_sayt._2gram", "name_sayt._3gram"],
                }
            }
        },
    )
    assert _codes(response)[0] == "98896"


def test_fuzzy_multi_match_with_highlight(client: OpenSearch, loaded: LoadedIndex) -> None:
    response = client.search(
        index=loaded.name,
        body={
            "query": {
                "multi_match": {
                    "query": "Duchene muscular distrophy",
                    "fields": ["name^3", "synonyms^2", "definition"],
                    "fuzziness": "AUTO",
                }
            },
            "highlight": {"fields": {"name": {}}},
        },
    )
    top = response["hits"]["hits"][0]
    assert top["_source"]["orpha_code"] == "98896"
    assert "<em>Duchenne</em>" in top["highlight"]["name"][0]


def test_keyword_normalizer_and_terms_aggregation(client: OpenSearch, loaded: LoadedIndex) -> None:
    expected = Counter()
    for d in loaded.disorders:
        expected.update({value.lower() for value in d.inheritance})
    response = client.search(
        index=loaded.name,
        body={
            "size": 0,
            # Upper case and an accent: the normalizer folds both away at query time.
            "query": {"term": {"inheritance": "AUTOSOMAL RÉCESSIVE"}},
            "aggs": {"all": {"global": {}, "aggs": {"by": {"terms": {"field": "inheritance"}}}}},
        },
    )
    assert response["hits"]["total"]["value"] == expected["autosomal recessive"]
    buckets = {b["key"]: b["doc_count"] for b in response["aggregations"]["all"]["by"]["buckets"]}
    assert buckets == dict(expected)


def test_search_after_pages_through_everything(client: OpenSearch, loaded: LoadedIndex) -> None:
    seen: list[str] = []
    after = None
    for _ in range(20):
        body: dict[str, Any] = {"size": PAGE_SIZE, "sort": [{"orpha_code": "asc"}]}
        if after is not None:
            body["search_after"] = after
        hits = client.search(index=loaded.name, body=body)["hits"]["hits"]
        if not hits:
            break
        seen.extend(hit["_source"]["orpha_code"] for hit in hits)
        after = hits[-1]["sort"]
    assert seen == sorted(d.orpha_code for d in loaded.disorders)


def test_alias_swap_is_atomic(client: OpenSearch, prefix: str) -> None:
    alias, old, new = f"{prefix}-live", f"{prefix}-v1", f"{prefix}-v2"
    for index, code in ((old, "70"), (new, "586")):
        client.indices.create(index=index, body={"settings": {"number_of_replicas": 0}})
        client.index(index=index, id=code, body={"orpha_code": code}, refresh=True)
    client.indices.put_alias(index=old, name=alias)
    client.indices.update_aliases(
        body={
            "actions": [
                {"remove": {"index": old, "alias": alias}},
                {"add": {"index": new, "alias": alias}},
            ]
        }
    )
    assert list(client.indices.get_alias(name=alias)) == [new]
    assert _codes(client.search(index=alias)) == ["586"]

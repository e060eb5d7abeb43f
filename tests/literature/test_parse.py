"""PubMed efetch/esearch parsing, run on every recorded file in shared data (read in place)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tracemalloc
from pathlib import Path

import pytest

from ingest.errors import MalformedResponse, UpstreamError
from literature.parse import ArticleParseError, ArticleRecord, iter_articles, parse_esearch
from tests._shared import FIXTURE_DATA

PUBMED = FIXTURE_DATA / "pubmed"
ALL_FILES = sorted(PUBMED.iterdir())
EFETCH_FILES = sorted(PUBMED.glob("efetch_*.xml"))


def _articles(path: Path) -> dict[str, ArticleRecord]:
    with path.open("rb") as stream:
        return {a.pmid: a for a in iter_articles(stream)}


def test_every_pubmed_file_is_covered():
    assert {p.name for p in ALL_FILES} == {
        "efetch_pubmed_5_articles.xml",
        "efetch_pubmed_2_articles_dtd2025.xml",
        "efetch_pubmed_1_article_mesh.xml",
        "esearch_pubmed_usehistory.xml",
        "esearch_pubmed.json",
        "einfo_pubmed.xml",
        "esummary_pubmed.xml",
    }


@pytest.mark.parametrize("path", EFETCH_FILES, ids=lambda p: p.name)
def test_every_efetch_file_yields_one_record_per_article(path):
    raw = path.read_bytes()
    expected = re.findall(rb"<MedlineCitation[^>]*>\s*<PMID[^>]*>(\d+)</PMID>", raw)
    with path.open("rb") as stream:
        results = list(iter_articles(stream))
    assert all(isinstance(r, ArticleRecord) for r in results)
    assert [r.pmid for r in results] == [p.decode() for p in expected]
    assert all(r.title and r.journal.title for r in results)


@pytest.mark.parametrize("name", ["einfo_pubmed.xml", "esummary_pubmed.xml"])
def test_non_efetch_documents_are_rejected_as_malformed(name):
    with (PUBMED / name).open("rb") as stream, pytest.raises(MalformedResponse, match="expected"):
        list(iter_articles(stream))


def test_structured_abstract_keeps_labelled_sections():
    article = _articles(PUBMED / "efetch_pubmed_5_articles.xml")["24792780"]
    assert [label for label, _ in article.abstract_sections] == [
        "INTRODUCTION",
        "OBJECTIVES",
        "METHODS",
        "RESULTS",
        "CONCLUSION",
    ]
    assert article.abstract.startswith("INTRODUCTION: Although clinical use of dexmedetomidine")
    assert article.journal.iso_abbreviation == "Clin Toxicol (Phila)"
    assert article.journal.pages == "525-30"
    assert article.pub_date.date == dt.date(2014, 6, 1)
    assert article.pub_date.precision == "month"
    assert article.pub_date.text == "2014 Jun"
    assert article.electronic_date == dt.date(2014, 5, 5)
    assert article.doi == "10.3109/15563650.2014.913175"


def test_empty_abstract_placeholder_is_skipped_and_keywords_are_trimmed():
    article = _articles(PUBMED / "efetch_pubmed_5_articles.xml")["33278872"]
    assert [label for label, _ in article.abstract_sections] == ["ABSTRACT"]
    assert article.keywords[:2] == ("Australia", "COVID-19")
    assert article.pub_date.date == dt.date(2020, 10, 25)  # month name "Oct"
    covid = article.mesh_headings[0]
    assert covid.descriptor == "COVID-19"
    assert covid.ui == "D000086382"
    assert [(q.name, q.major_topic) for q in covid.qualifiers][:2] == [
        ("epidemiology", True),
        ("prevention & control", True),
    ]


def test_medline_date_gives_a_month_precision_date_and_keeps_the_text():
    article = _articles(PUBMED / "efetch_pubmed_5_articles.xml")["151222"]
    assert article.pub_date.text == "1978 Jul-Sep"
    assert article.pub_date.date == dt.date(1978, 7, 1)
    assert article.pub_date.precision == "month"


def test_collective_author_and_pmcid():
    article = _articles(PUBMED / "efetch_pubmed_5_articles.xml")["30158200"]
    assert article.authors[-1].collective_name == (
        "GEFOS/GENOMOS consortium and the 23andMe research team"
    )
    assert article.authors[-1].last_name is None
    assert article.authors[0].last_name is not None
    assert article.pmcid == "PMC6113773"


def test_mesh_rich_article_with_references_and_inline_markup():
    article = _articles(PUBMED / "efetch_pubmed_1_article_mesh.xml")["27797938"]
    assert len(article.mesh_headings) == 21
    assert article.title.startswith("Leucocyte telomere length, genetic variants at the TERT gene")
    assert article.pmcid == "PMC5442267"  # not an id from the reference list
    assert article.doi == "10.1136/gutjnl-2016-312510"
    assert article.electronic_date == dt.date(2016, 10, 21)


def test_current_dtd_season_and_month_name_dates():
    articles = _articles(PUBMED / "efetch_pubmed_2_articles_dtd2025.xml")
    season = articles["12091962"].pub_date
    assert (season.date, season.precision, season.text) == (
        dt.date(1990, 1, 1),
        "year",
        "1990 Spring",
    )
    assert articles["9997"].pub_date.date == dt.date(1976, 9, 28)
    assert articles["12091962"].abstract is None
    assert articles["12091962"].publication_types == ("Journal Article", "Review")
    assert articles["9997"].mesh_headings[1].qualifiers[0].major_topic is True


def test_article_missing_pmid_is_yielded_as_error_and_the_rest_parse():
    raw = (PUBMED / "efetch_pubmed_5_articles.xml").read_bytes()
    broken = raw.replace(b'<PMID Version="1">33278872</PMID>', b"", 1)
    assert broken != raw
    results = list(iter_articles(io.BytesIO(broken)))
    errors = [r for r in results if isinstance(r, ArticleParseError)]
    assert len(results) == 5
    assert len(errors) == 1
    assert errors[0].field == "MedlineCitation/PMID"
    assert [r.pmid for r in results if isinstance(r, ArticleRecord)] == [
        "35196497",
        "24792780",
        "30158200",
        "151222",
    ]


def test_truncated_efetch_raises_after_the_complete_articles():
    raw = (PUBMED / "efetch_pubmed_5_articles.xml").read_bytes()
    delivered = []
    with pytest.raises(MalformedResponse):
        delivered.extend(iter_articles(io.BytesIO(raw[: len(raw) // 2])))
    assert 0 < len(delivered) < 5


def test_garbage_is_malformed():
    with pytest.raises(MalformedResponse):
        list(iter_articles(io.BytesIO(b"<PubmedArticleSet><PubmedArticle></PubmedArt")))
    with pytest.raises(MalformedResponse):
        list(iter_articles(io.BytesIO(b"")))


class _RepeatedArticles(io.RawIOBase):
    """Streams the real articles many times over without holding the whole body."""

    def __init__(self, copies: int) -> None:
        raw = (PUBMED / "efetch_pubmed_5_articles.xml").read_bytes()
        start = raw.index(b"<PubmedArticle>")
        end = raw.rindex(b"</PubmedArticleSet>")
        self._parts = iter([raw[:start], *([raw[start:end]] * copies), raw[end:]])
        self._pending = b""
        self.total = len(raw[:start]) + copies * (end - start) + len(raw[end:])

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        while len(self._pending) < max(size, 1):
            part = next(self._parts, None)
            if part is None:
                break
            self._pending += part
        data, self._pending = self._pending[:size], self._pending[size:]
        return data


def test_memory_stays_flat_while_streaming_many_articles():
    stream = _RepeatedArticles(copies=60)  # 300 articles, about 6 MB of XML
    tracemalloc.start()
    try:
        count = sum(1 for r in iter_articles(stream) if isinstance(r, ArticleRecord))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 300
    # A retained tree would cost several times the body size; cleared articles cost ~1 copy.
    assert peak < stream.total / 3


def test_esearch_xml_with_history():
    result = parse_esearch((PUBMED / "esearch_pubmed_usehistory.xml").read_bytes())
    assert result.count == 42249  # the top-level Count, not a per-term one
    assert len(result.ids) == 100
    assert result.ids[0] == "41297076"
    assert result.webenv == "MCID_6927d6e7fee3e90f880ec190"
    assert result.query_key == "1"


def test_esearch_json():
    result = parse_esearch((PUBMED / "esearch_pubmed.json").read_bytes())
    assert result.count == 40362
    assert len(result.ids) == 100
    assert result.ids[0] == "42555032"
    assert result.webenv is None
    assert result.query_translation.startswith('("ann pancreat cancer"[Journal]')


def test_esearch_error_and_garbage():
    with pytest.raises(UpstreamError, match="Invalid query"):
        parse_esearch(b"<eSearchResult><ERROR>Invalid query</ERROR></eSearchResult>")
    with pytest.raises(MalformedResponse):
        parse_esearch(b'{"esearchresult": {"count": "12", "idlist": [')
    with pytest.raises(MalformedResponse):
        parse_esearch(b"Service unavailable")


def _resident_bytes() -> int:
    # Current (not peak) resident set size: lxml's tree lives in C, out of tracemalloc's sight.
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs Linux /proc")
def test_resident_memory_stays_flat_while_streaming_many_articles():
    stream = _RepeatedArticles(copies=400)  # 2,000 articles, about 38 MB of XML
    results = iter_articles(stream)
    early = [next(results) for _ in range(100)]
    baseline = _resident_bytes()
    later = sum(1 for r in results if isinstance(r, ArticleRecord))
    grown = _resident_bytes() - baseline
    assert len(early) + later == 2000
    # A retained tree would hold several times the 38 MB body; cleared articles hold ~none.
    assert grown < stream.total / 4


_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [\n <!ENTITY lol "lol">\n'
    b' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
    b' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n'
    b"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
    b"<ArticleTitle>&lol3;</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
    b"</PubmedArticleSet>"
)


def test_entity_declarations_are_rejected_not_expanded():
    with pytest.raises(MalformedResponse, match="entity"):
        list(iter_articles(io.BytesIO(_LAUGHS)))


def test_external_entity_is_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do-not-leak")
    body = (
        f'<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [\n'
        f' <!ENTITY xxe SYSTEM "{secret.as_uri()}">\n]>\n'
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
        "<ArticleTitle>&xxe;</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
        "</PubmedArticleSet>"
    ).encode()
    delivered = []
    with pytest.raises(MalformedResponse, match="entity"):
        delivered.extend(iter_articles(io.BytesIO(body)))
    assert delivered == []


def test_undeclared_entity_is_malformed():
    raw = (PUBMED / "efetch_pubmed_2_articles_dtd2025.xml").read_bytes()
    broken = raw.replace(b"</ArticleTitle>", b"&nbsp;</ArticleTitle>", 1)
    assert broken != raw
    with pytest.raises(MalformedResponse):
        list(iter_articles(io.BytesIO(broken)))


def test_records_nested_below_the_top_level_and_other_records_are_skipped():
    raw = (PUBMED / "efetch_pubmed_2_articles_dtd2025.xml").read_bytes()
    start = raw.index(b"<PubmedArticle>")
    end = raw.index(b"</PubmedArticle>") + len(b"</PubmedArticle>")
    first = raw[start:end]
    body = (
        b"<PubmedArticleSet><PubmedBookArticle><BookDocument/></PubmedBookArticle>"
        b"<Wrapper>"
        + first
        + b"</Wrapper>"
        + first
        + b"<DeleteCitation><PMID>1</PMID></DeleteCitation></PubmedArticleSet>"
    )
    results = list(iter_articles(io.BytesIO(body)))
    assert len(results) == 1
    assert isinstance(results[0], ArticleRecord)
    assert results[0].pmid == "12091962"


def test_undeclared_entity_in_a_later_article_is_malformed_after_the_earlier_ones():
    raw = (PUBMED / "efetch_pubmed_2_articles_dtd2025.xml").read_bytes()
    second = raw.index(b"<PubmedArticle>", raw.index(b"</PubmedArticle>"))
    broken = raw[:second] + raw[second:].replace(b"</ArticleTitle>", b"&nbsp;</ArticleTitle>", 1)
    delivered = []
    with pytest.raises(MalformedResponse, match="nbsp"):
        delivered.extend(iter_articles(io.BytesIO(broken)))
    assert [r.pmid for r in delivered] == ["12091962"]

"""Parse PubMed E-utilities responses (efetch PubmedArticleSet, esearch) into dataclasses.

efetch is read with lxml's iterparse, asking only for the end of each top-level record, and
each record is cleared (with the ones before it) once parsed, so memory stays flat in the
number of articles; the thousands of reference-list elements never reach Python. Safety
matches defusedxml: entities are never resolved, a document declaring any is rejected, no
DTD or network access, and libxml2's size limits stay on (no huge_tree). esearch is small and
still read with defusedxml.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from lxml import etree

from ingest.errors import MalformedResponse, RecordParseError, UpstreamError

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
# The children of <PubmedArticleSet> (NLM DTD); only PubmedArticle is ours, the others are
# listed so they are cleared as they end.
_ROOT = "PubmedArticleSet"
_RECORD_TAGS = ("PubmedArticle", "PubmedBookArticle", "DeleteCitation")
# defusedxml-level safety for libxml2: no entity expansion, no DTD, no network, size limits on.
_SAFE_PARSE = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}
# Elements from ElementTree (esearch) or lxml (efetch): both offer find/iterfind/itertext/get.
Element = Any


class ArticleParseError(RecordParseError):
    """One PubmedArticle is broken; ``field`` names the element that was wrong."""

    def __init__(self, message: str, *, field: str, pmid: str | None) -> None:
        super().__init__(message, field=field, record_id=pmid)
        self.pmid = pmid


@dataclass(frozen=True)
class Author:
    last_name: str | None
    fore_name: str | None
    initials: str | None
    collective_name: str | None


@dataclass(frozen=True)
class Journal:
    title: str | None
    iso_abbreviation: str | None
    volume: str | None
    issue: str | None
    pages: str | None


@dataclass(frozen=True)
class PublicationDate:
    """A best-effort date plus the text it came from; precision is day, month, year or none."""

    date: dt.date | None
    text: str
    precision: str


@dataclass(frozen=True)
class MeshQualifier:
    name: str
    ui: str | None
    major_topic: bool


@dataclass(frozen=True)
class MeshHeading:
    descriptor: str
    ui: str | None
    major_topic: bool  # the descriptor itself is a major topic
    qualifiers: tuple[MeshQualifier, ...]


@dataclass(frozen=True)
class ArticleRecord:
    pmid: str
    title: str
    abstract_sections: tuple[tuple[str | None, str], ...]  # (label, text); label None if plain
    abstract: str | None
    authors: tuple[Author, ...]
    journal: Journal
    pub_date: PublicationDate | None  # the journal issue date (PubDate)
    electronic_date: dt.date | None  # ArticleDate DateType="Electronic"
    doi: str | None
    pmcid: str | None
    mesh_headings: tuple[MeshHeading, ...]
    publication_types: tuple[str, ...]
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class SearchResult:
    count: int
    ids: tuple[str, ...]
    webenv: str | None
    query_key: str | None
    query_translation: str | None = None


def _text(element: Element | None) -> str | None:
    """All text under an element (inline <i>, <sup>... included), whitespace collapsed."""
    if element is None:
        return None
    # Most elements are leaves: their own text is all of it, without walking a subtree.
    raw = element.text if len(element) == 0 else "".join(element.itertext())
    return " ".join(raw.split()) or None if raw else None


def _month(raw: str | None) -> int | None:
    if not raw:
        return None
    if raw.isdigit():
        return int(raw) if 1 <= int(raw) <= 12 else None
    return _MONTHS.get(raw[:3].lower())


def _build_date(text: str, year: str | None, month: str | None, day: str | None) -> PublicationDate:
    if not year or not year.isdigit() or len(year) != 4:
        return PublicationDate(None, text, "none")
    month_number = _month(month)
    if month_number is None:
        return PublicationDate(dt.date(int(year), 1, 1), text, "year")
    if day and day.isdigit():
        try:
            return PublicationDate(dt.date(int(year), month_number, int(day)), text, "day")
        except ValueError:
            pass  # an impossible day (e.g. Feb 30) degrades to month precision
    return PublicationDate(dt.date(int(year), month_number, 1), text, "month")


def parse_pub_date(element: Element | None) -> PublicationDate | None:
    """Parse a PubDate/ArticleDate: Year/Month/Day, month names, Season or MedlineDate."""
    if element is None:
        return None
    medline = _text(element.find("MedlineDate"))
    if medline:
        # e.g. "1978 Jul-Sep", "1998 Dec-1999 Jan", "2000 Spring": first year, first month.
        tokens = _TOKEN.findall(medline)
        year = next((t for t in tokens if t.isdigit() and len(t) == 4), None)
        month = next((t for t in tokens if _month(t) is not None and not t.isdigit()), None)
        return _build_date(medline, year, month, None)
    year = element.findtext("Year")
    month = element.findtext("Month") or element.findtext("Season")
    day = element.findtext("Day")
    text = " ".join(part.strip() for part in (year, month, day) if part)
    return _build_date(text, year, month, day)


def _authors(article: Element) -> tuple[Author, ...]:
    return tuple(
        Author(
            last_name=_text(node.find("LastName")),
            fore_name=_text(node.find("ForeName")),
            initials=_text(node.find("Initials")),
            collective_name=_text(node.find("CollectiveName")),
        )
        for node in article.iterfind("AuthorList/Author")
    )


def _abstract(article: Element) -> tuple[tuple[tuple[str | None, str], ...], str | None]:
    sections = []
    for node in article.iterfind("Abstract/AbstractText"):
        text = _text(node)
        if text:  # empty <AbstractText/> placeholders exist in real records
            sections.append((node.get("Label") or None, text))
    plain = "\n".join(f"{label}: {text}" if label else text for label, text in sections)
    return tuple(sections), plain or None


def _journal(article: Element) -> Journal:
    pages = _text(article.find("Pagination/MedlinePgn"))
    if pages is None:
        start = _text(article.find("Pagination/StartPage"))
        end = _text(article.find("Pagination/EndPage"))
        pages = f"{start}-{end}" if start and end else start
    return Journal(
        title=_text(article.find("Journal/Title")),
        iso_abbreviation=_text(article.find("Journal/ISOAbbreviation")),
        volume=_text(article.find("Journal/JournalIssue/Volume")),
        issue=_text(article.find("Journal/JournalIssue/Issue")),
        pages=pages,
    )


def _mesh(citation: Element) -> tuple[MeshHeading, ...]:
    headings = []
    for node in citation.iterfind("MeshHeadingList/MeshHeading"):
        descriptor = node.find("DescriptorName")
        name = _text(descriptor)
        if descriptor is None or name is None:
            continue
        qualifiers = tuple(
            MeshQualifier(q_name, q.get("UI"), q.get("MajorTopicYN") == "Y")
            for q in node.iterfind("QualifierName")
            if (q_name := _text(q))
        )
        headings.append(
            MeshHeading(
                name, descriptor.get("UI"), descriptor.get("MajorTopicYN") == "Y", qualifiers
            )
        )
    return tuple(headings)


def _article_id(article_element: Element, kind: str) -> str | None:
    # Only PubmedData's own list: ReferenceList entries carry ArticleIdList too.
    for node in article_element.iterfind("PubmedData/ArticleIdList/ArticleId"):
        if node.get("IdType") == kind:
            return _text(node)
    return None


def parse_article(element: Element) -> ArticleRecord:
    """Parse one <PubmedArticle>; raise ArticleParseError naming the broken element."""
    pmid = _text(element.find("MedlineCitation/PMID"))
    if pmid is None:
        raise ArticleParseError("article without PMID", field="MedlineCitation/PMID", pmid=None)
    if not pmid.isdigit():
        raise ArticleParseError(
            f"non-numeric PMID {pmid!r}", field="MedlineCitation/PMID", pmid=pmid
        )
    citation = element.find("MedlineCitation")
    article = citation.find("Article") if citation is not None else None
    if citation is None or article is None:
        raise ArticleParseError("missing Article", field="MedlineCitation/Article", pmid=pmid)
    title = _text(article.find("ArticleTitle")) or _text(article.find("VernacularTitle"))
    if title is None:
        raise ArticleParseError("article without title", field="Article/ArticleTitle", pmid=pmid)
    sections, plain = _abstract(article)
    electronic = parse_pub_date(article.find("ArticleDate[@DateType='Electronic']"))
    doi = _article_id(element, "doi")
    if doi is None:
        doi = next(
            (
                _text(node)
                for node in article.iterfind("ELocationID")
                if node.get("EIdType") == "doi"
            ),
            None,
        )
    return ArticleRecord(
        pmid=pmid,
        title=title,
        abstract_sections=sections,
        abstract=plain,
        authors=_authors(article),
        journal=_journal(article),
        pub_date=parse_pub_date(article.find("Journal/JournalIssue/PubDate")),
        electronic_date=electronic.date if electronic and electronic.precision == "day" else None,
        doi=doi,
        pmcid=_article_id(element, "pmc"),
        mesh_headings=_mesh(citation),
        publication_types=tuple(
            t
            for node in article.iterfind("PublicationTypeList/PublicationType")
            if (t := _text(node))
        ),
        keywords=tuple(
            k for node in citation.iterfind("KeywordList/Keyword") if (k := _text(node))
        ),
    )


def iter_articles(stream: IO[bytes] | Any) -> Iterator[ArticleRecord | ArticleParseError]:
    """Yield each PubmedArticle of an efetch body (or its parse error), clearing as it goes."""
    events = etree.iterparse(stream, events=("end",), tag=_RECORD_TAGS, **_SAFE_PARSE)
    root = None
    try:
        for _, element in events:
            if root is None:
                root = element.getroottree().getroot()
                _check_document(root)
            if element.getparent() is not root:
                continue  # only direct children of the root are records
            # Past an external DOCTYPE, libxml2 keeps an undeclared entity as a node and logs a
            # warning; expat (and so defusedxml) calls it an error, and so do we. The subtree
            # is only searched once the log says there is something to find.
            if len(events.error_log):
                entity = next(element.iter(etree.Entity), None)
                if entity is not None:  # (an lxml node's truth is its number of children)
                    raise MalformedResponse(f"invalid efetch XML: undefined entity {entity.text}")
            if element.tag == "PubmedArticle":
                try:
                    yield parse_article(element)
                except ArticleParseError as exc:
                    yield exc
            # Book articles and DeleteCitation blocks are not ours; drop them too.
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                del root[0]
        if root is None:
            _check_document(events.root)
    except etree.XMLSyntaxError as exc:
        raise MalformedResponse(f"invalid efetch XML: {exc}") from exc


def _check_document(root: Element) -> None:
    """Raise unless this is a PubmedArticleSet free of entity declarations."""
    if root is None:
        raise MalformedResponse("empty efetch body")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and next(dtd.iterentities(), None) is not None:
        # What defusedxml forbids: entities are never expanded, such a body is rejected.
        raise MalformedResponse("invalid efetch XML: entity declarations are forbidden")
    if root.tag != _ROOT:
        raise MalformedResponse(f"expected <{_ROOT}>, got <{root.tag}>")


def parse_esearch(data: bytes) -> SearchResult:
    """Parse an esearch response in either its XML or its JSON (retmode=json) form."""
    head = data.lstrip()[:1]
    if head == b"{":
        return _parse_esearch_json(data)
    if head == b"<":
        return _parse_esearch_xml(data)
    raise MalformedResponse("esearch body is neither XML nor JSON")


def _parse_esearch_json(data: bytes) -> SearchResult:
    try:
        body = json.loads(data)["esearchresult"]
    except (ValueError, KeyError, TypeError) as exc:
        raise MalformedResponse(f"invalid esearch JSON: {exc}") from exc
    if body.get("ERROR"):
        raise UpstreamError(f"esearch error: {body['ERROR']}", url=None)
    try:
        return SearchResult(
            count=int(body["count"]),
            ids=tuple(str(i) for i in body.get("idlist", ())),
            webenv=body.get("webenv"),
            query_key=body.get("querykey"),
            query_translation=body.get("querytranslation"),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise MalformedResponse(f"esearch JSON without a usable count: {exc}") from exc


def _parse_esearch_xml(data: bytes) -> SearchResult:
    try:
        root = SafeET.fromstring(data)
    except (ParseError, DefusedXmlException) as exc:
        raise MalformedResponse(f"invalid esearch XML: {exc}") from exc
    if root.tag != "eSearchResult":
        raise MalformedResponse(f"expected <eSearchResult>, got <{root.tag}>")
    error = _text(root.find("ERROR"))
    if error:
        raise UpstreamError(f"esearch error: {error}", url=None)
    # Direct children only: TranslationStack holds per-term <Count> elements as well.
    count = root.findtext("Count")
    if count is None or not count.strip().isdigit():
        raise MalformedResponse(f"esearch XML without a usable Count: {count!r}")
    return SearchResult(
        count=int(count),
        ids=tuple(i for node in root.iterfind("IdList/Id") if (i := _text(node))),
        webenv=_text(root.find("WebEnv")),
        query_key=_text(root.find("QueryKey")),
        query_translation=_text(root.find("QueryTranslation")),
    )

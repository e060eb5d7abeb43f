"""A tiny local stand-in for CT.gov and PubMed, replaying saved responses (demo and benchmark).

It answers the few endpoints the clients call, paging over the studies and articles it was
given: ``/ctgov/studies`` (pageSize, pageToken), ``/ctgov/studies/<NCT>``,
``/pubmed/esearch.fcgi`` and ``/pubmed/efetch.fcgi`` (history batches or ``id=`` lists).
It binds to 127.0.0.1 only. The query itself is ignored: every saved record matches.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

_ARTICLE = re.compile(rb"<PubmedArticle>.*?</PubmedArticle>", re.DOTALL)
_PMID = re.compile(rb"<PMID[^>]*>(\d+)</PMID>")


@dataclass
class ReplayData:
    """Raw study JSON objects (bytes) by NCT number and raw <PubmedArticle> elements by PMID."""

    studies: dict[str, bytes] = field(default_factory=dict)
    articles: dict[str, bytes] = field(default_factory=dict)

    def add_study(self, study: dict) -> None:
        """Keep one v2 study object."""
        nct_id = study["protocolSection"]["identificationModule"]["nctId"]
        self.studies[nct_id] = json.dumps(study).encode()

    def add_efetch(self, body: bytes) -> None:
        """Keep every article of an efetch PubmedArticleSet body."""
        for match in _ARTICLE.finditer(body):
            pmid = _PMID.search(match.group(0))
            if pmid:
                self.articles[pmid.group(1).decode()] = match.group(0)


def load_directory(directory: Path) -> ReplayData:
    """Saved responses laid out like the shared data folder (ctgov/, pubmed/)."""
    data = ReplayData()
    for path in sorted(directory.glob("ctgov/studies_list*.json")):
        for study in json.loads(path.read_text(encoding="utf-8")).get("studies", []):
            data.add_study(study)
    for path in sorted(directory.glob("ctgov/studies/NCT*.json")):
        data.add_study(json.loads(path.read_text(encoding="utf-8")))
    for path in sorted(directory.glob("pubmed/efetch*.xml")):
        data.add_efetch(path.read_bytes())
    return data


def _studies_page(data: ReplayData, keys: list[str], query: dict[str, list[str]]) -> bytes:
    size = int(query.get("pageSize", ["100"])[0])
    start = int(query.get("pageToken", ["0"])[0] or 0)
    chunk = keys[start : start + size]
    body = b'{"studies": [' + b",".join(data.studies[k] for k in chunk) + b"]"
    if start + size < len(keys):
        body += b', "nextPageToken": "' + str(start + size).encode() + b'"'
    return body + b"}"


def _efetch(data: ReplayData, pmids: list[str], query: dict[str, list[str]]) -> bytes:
    if "id" in query:
        chosen = [p for p in query["id"][0].split(",") if p in data.articles]
    else:
        start = int(query.get("retstart", ["0"])[0])
        chosen = pmids[start : start + int(query.get("retmax", ["200"])[0])]
    head = b'<?xml version="1.0" ?>\n<PubmedArticleSet>\n'
    return b"".join(_chunks(head, chosen, data, b"</PubmedArticleSet>\n"))


def _chunks(head: bytes, pmids: list[str], data: ReplayData, tail: bytes) -> Iterator[bytes]:
    yield head
    for pmid in pmids:
        yield data.articles[pmid] + b"\n"
    yield tail


def _handler(data: ReplayData) -> type[BaseHTTPRequestHandler]:
    keys, pmids = sorted(data.studies), sorted(data.articles, key=int, reverse=True)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            kind = "application/json"
            if url.path == "/ctgov/studies":
                body = _studies_page(data, keys, query)
            elif url.path.startswith("/ctgov/studies/") and url.path[15:] in data.studies:
                body = data.studies[url.path[15:]]
            elif url.path == "/pubmed/esearch.fcgi":
                kind, body = (
                    "text/xml",
                    (
                        f"<eSearchResult><Count>{len(pmids)}</Count><RetMax>0</RetMax>"
                        "<RetStart>0</RetStart><QueryKey>1</QueryKey><WebEnv>REPLAY</WebEnv>"
                        "<IdList/></eSearchResult>"
                    ).encode(),
                )
            elif url.path == "/pubmed/efetch.fcgi":
                kind, body = "text/xml", _efetch(data, pmids, query)
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return  # one line per request would drown the refresh's own log

    return Handler


class ReplayServer:
    """Serves ReplayData on 127.0.0.1 in a background thread; use as a context manager."""

    def __init__(self, data: ReplayData, port: int = 0) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler(data))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:<port>"""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def ctgov_url(self) -> str:
        """The value for settings.CTGOV_API_URL."""
        return f"{self.base_url}/ctgov"

    @property
    def pubmed_url(self) -> str:
        """The value for settings.PUBMED_EUTILS_URL."""
        return f"{self.base_url}/pubmed"

    def __enter__(self) -> ReplayServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

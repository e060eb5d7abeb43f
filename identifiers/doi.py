"""Digital Object Identifiers (DOIs) as papers, reference lists and browsers print them.

"10.1056/NEJMoa1702752", "doi:10.1016/j.celrep.2022.110408", "DOI: 10.3109/15563650.2014.913175",
"https://doi.org/10.1016/S1474-4422(07)70194-1" and a publisher's address that holds one
("https://www.nejm.org/doi/full/10.1056/NEJMoa1702752") all name the same kind of thing: a
paper. DOIs ignore case, so the form kept is lower case ("10.1056/nejmoa1702752").

Kept apart from `identifiers.ids`: a DOI is not a number in an identifier system, and the many
callers of `parse_identifier` (importers, admin forms) must not start reading one.
"""

from __future__ import annotations

import re

# The DOI handbook: "10." then a registrant code of digits (dotted sub-codes allowed), "/", then
# any printable suffix. In free text the suffix ends at a space, a quote or an address's "?"/"#".
_DOI = r"10\.\d{4,9}(?:\.\d+)*/[^\s\"'<>?#]+"
DOI_RE = re.compile(r"(?<![A-Za-z0-9.])(?P<doi>" + _DOI + r")", re.IGNORECASE)
# The whole text is one DOI: bare, after "doi", or in a doi.org or publisher address.
_WHOLE_RE = re.compile(
    r"(?:doi\s*[:.]?\s*"
    r"|(?:https?://)?(?:dx\.)?doi\.org/"
    r"|(?:https?://)?[\w.-]+\.[a-z]{2,}/(?:[\w.-]+/)*?doi/(?:(?:abs|full|pdf|epdf|epub)/)?"
    r")?(?P<doi>" + _DOI + r")(?:[?#]\S*)?",
    re.IGNORECASE,
)
_TRAILING = ".,;:"
MAX_LENGTH = 300


def _tidy(doi: str) -> str:
    """Lower case, without the sentence's punctuation after it or an unopened ")"/"]"."""
    doi = doi.rstrip(_TRAILING)
    for opening, closing in ("()", "[]"):
        while doi.endswith(closing) and doi.count(closing) > doi.count(opening):
            doi = doi[:-1].rstrip(_TRAILING)
    return doi.lower()


def parse_doi(text: str) -> str | None:
    """The DOI when `text` is exactly one DOI in a printed form; None otherwise."""
    if not isinstance(text, str):
        return None
    cleaned = text.strip().rstrip(_TRAILING)
    if not cleaned or len(cleaned) > MAX_LENGTH:
        return None
    match = _WHOLE_RE.fullmatch(cleaned)
    return _tidy(match.group("doi")) if match else None


def find_doi(text: str) -> str | None:
    """The one DOI in free text (a reference-list line); None when there is none or several."""
    if not isinstance(text, str) or "10." not in text:
        return None
    found = {_tidy(m.group("doi")) for m in DOI_RE.finditer(text[: MAX_LENGTH * 4])}
    return found.pop() if len(found) == 1 else None

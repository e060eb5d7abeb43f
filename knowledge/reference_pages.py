"""Which cited web pages a clinician trusts first, and what a regulator's page is called.

Pure Python. Order: the label or regulator's page, then PubMed, then ClinicalTrials.gov, then
other pages (news and society sites). A page's name is given only where its address says it
(an EMA EPAR page is named after the medicine); otherwise it is left unnamed, never guessed.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

REGULATOR_HOSTS = {
    "www.fda.gov": "U.S. Food and Drug Administration",
    "fda.gov": "U.S. Food and Drug Administration",
    "www.accessdata.fda.gov": "U.S. Food and Drug Administration (Drugs@FDA)",
    "www.ema.europa.eu": "European Medicines Agency",
    "ec.europa.eu": "European Commission",
    "health.ec.europa.eu": "European Commission",
    "www.gov.uk": "UK government (MHRA)",
    "dailymed.nlm.nih.gov": "DailyMed (U.S. label)",
}
_EPAR = re.compile(r"/en/medicines/human/EPAR/([a-z0-9-]+)/?$", re.IGNORECASE)


def regulator_name(url: str) -> str:
    """The regulator whose page this is, or '' for any other site."""
    return REGULATOR_HOSTS.get(urlsplit(url).netloc.lower(), "")


def page_name(url: str) -> str:
    """A regulator page's name as its address gives it, e.g. 'Spinraza | European Medicines
    Agency (EMA)'; '' when the address does not say."""
    regulator = regulator_name(url)
    if not regulator:
        return ""
    epar = _EPAR.search(urlsplit(url).path)
    if epar and "ema.europa.eu" in url:
        return f"{epar.group(1).replace('-', ' ').title()} | European Medicines Agency (EMA)"
    return f"Page of the {regulator}"


def is_regulator_page(url: str) -> bool:
    return bool(regulator_name(url))

"""Public web pages of the identifiers we store: one builder per external site."""

from __future__ import annotations

from urllib.parse import quote

CTGOV_STUDY = "https://clinicaltrials.gov/study/{}"
PUBMED_ARTICLE = "https://pubmed.ncbi.nlm.nih.gov/{}/"
CLINVAR_VARIATION = "https://www.ncbi.nlm.nih.gov/clinvar/variation/{}/"
DOI_ORG = "https://doi.org/{}"
HGNC_GENE = "https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/{}"

# Public pages of each condition identifier scheme (the source_url of a cross-reference).
_SCHEME_URLS = {
    "ORPHA": "https://www.orpha.net/en/disease/detail/{value}",
    "OMIM": "https://omim.org/entry/{value}",
    "DECIPHER": "https://www.deciphergenomics.org/syndrome/{value}/overview",
    "MONDO": "http://purl.obolibrary.org/obo/MONDO_{value}",
}


def ctgov_study_url(nct_id: str) -> str:
    """The ClinicalTrials.gov record of an NCT number."""
    return CTGOV_STUDY.format(nct_id)


def doi_url(doi: str) -> str:
    """The address that opens the paper a DOI names (doi.org sends it to the publisher)."""
    return DOI_ORG.format(doi)


def ctgov_condition_search_url(name: str) -> str:
    """ClinicalTrials.gov's own search for studies of a condition, by its name."""
    return f"https://clinicaltrials.gov/search?cond={quote(name)}"


def pubmed_url(pmid: str | int) -> str:
    """The PubMed page of a PMID."""
    return PUBMED_ARTICLE.format(pmid)


def clinvar_variation_url(variation_id: int | str) -> str:
    """The ClinVar page of a variation id."""
    return CLINVAR_VARIATION.format(variation_id)


def clinvar_gene_url(symbol: str) -> str:
    """ClinVar's search for every variant in a gene."""
    return f"https://www.ncbi.nlm.nih.gov/clinvar/?term={quote(symbol)}%5Bgene%5D"


def clinvar_search_url(text: str) -> str:
    """ClinVar's search for an rsID, HGVS name or VCV id typed by a user."""
    return f"https://www.ncbi.nlm.nih.gov/clinvar/?term={quote(text)}"


def clinvar_gene_variant_url(symbol: str, text: str) -> str:
    """ClinVar's search for a change named without its transcript ("c.20A>T", "exon 7
    deletion") within the gene a report names with it: alone, the change is in every gene."""
    return clinvar_search_url(f"{symbol}[gene] AND {text}")


def decipher_search_url(text: str) -> str:
    """DECIPHER's search for a region ("15q13.2q13.3", or "grch37:15:31000000-32500000")."""
    return f"https://www.deciphergenomics.org/search?q={quote(text)}"


def hgnc_gene_url(hgnc_id: str) -> str:
    """The HGNC symbol report of an "HGNC:1234" id."""
    return HGNC_GENE.format(hgnc_id)


def identifier_url(scheme: str, value: str) -> str:
    """The public page of a condition identifier, or '' when the scheme has none we know."""
    template = _SCHEME_URLS.get(scheme)
    return template.format(value=value) if template else ""

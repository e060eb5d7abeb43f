"""Identifiers typed in the box: the record they name, or a plain "not in the knowledge base"
with a link to the database that holds such ids (ClinVar, ClinicalTrials.gov, PubMed; doi.org
for a paper's DOI).

Found means the engine ranked first a record that carries the id (or the HGVS change in its
name), so both backends answer the same way and nothing here reads a domain table.
"""

from __future__ import annotations

from dataclasses import dataclass

from identifiers.hgvs import VariantParseError, parse_variant
from identifiers.hgvs.genomic import spdi_keys
from identifiers.hgvs.printed import printed_variant
from identifiers.ids import IdentifierKind, parse_identifier
from identifiers.urls import (
    clinvar_gene_variant_url,
    clinvar_search_url,
    ctgov_study_url,
    doi_url,
    pubmed_url,
)
from search.analysis import QueryAnalysis
from search.request import Hit, SearchResponse

DOI_PREFIX = "doi:"  # how `QueryAnalysis.identifier` holds a paper's DOI
_KINDS = {
    IdentifierKind.NCT: ("trial", "ClinicalTrials.gov"),
    IdentifierKind.PMID: ("publication", "PubMed"),
    IdentifierKind.CLINVAR: ("variant", "ClinVar"),
    IdentifierKind.RSID: ("variant", "ClinVar"),
}


@dataclass(frozen=True)
class IdentifierNotice:
    """What an identifier or variant name typed in the box is: found, or where to look."""

    text: str
    kind: str  # "variant", "trial" or "publication"
    found: bool
    name: str = ""
    url: str = ""
    source_name: str = ""
    source_url: str = ""
    # Not found, but the gene the line names leads the results: its name. The page says so
    # after that result, never before it.
    leads: str = ""


def _source_url(kind: IdentifierKind | None, value: str, text: str, gene: str | None = None) -> str:
    if kind is IdentifierKind.NCT:
        return ctgov_study_url(f"NCT{value.removeprefix('NCT')}")
    if kind is IdentifierKind.PMID:
        return pubmed_url(value)
    if kind is None and gene and ":" not in text:
        # "HBB c.20A>T", "SMN1 exon 7 deletion": the change is looked for in the gene named
        # with it (a name on a transcript, "NM_000492.4:c.1521_1523del", is exact already).
        return clinvar_gene_variant_url(gene, text)
    return clinvar_search_url(text)


def identifier_notice(analysis: QueryAnalysis, response: SearchResponse) -> IdentifierNotice | None:
    """A notice for a trial, paper or variant id or HGVS name; None for other queries."""
    ident = parse_identifier(analysis.identifier) if analysis.identifier else None
    if analysis.identifier and analysis.identifier.startswith(DOI_PREFIX):
        return _doi_notice(analysis, response, analysis.identifier.removeprefix(DOI_PREFIX))
    if ident is not None and ident.kind in _KINDS:
        kind, source = _KINDS[ident.kind]
        text, value = ident.curie, ident.value
        if ident.kind is IdentifierKind.PMID:
            text = f"PMID:{ident.value}"
    elif analysis.variant:
        kind, source, text, value = "variant", "ClinVar", analysis.variant, analysis.variant
        ident = None
    else:
        return None
    first = response.hits[0] if response.hits else None
    if first is not None and first.doc_type == kind and _names(first, text, analysis.variant):
        return IdentifierNotice(analysis.raw, kind, True, first.name, first.url)
    gene = (analysis.variant_gene or "").lower()
    leads = first is not None and first.doc_type == "gene" and first.id.lower() == gene
    return IdentifierNotice(
        analysis.raw,
        kind,
        False,
        source_name=source,
        source_url=_source_url(ident.kind if ident else None, value, text, analysis.variant_gene),
        leads=first.name if leads and first is not None else "",
    )


def _doi_notice(analysis: QueryAnalysis, response: SearchResponse, doi: str) -> IdentifierNotice:
    """The paper a DOI names when it ranks first; else "not held" and the doi.org link."""
    first = response.hits[0] if response.hits else None
    if (
        first is not None
        and first.doc_type == "publication"
        and str(first.extra.get("doi", "")).lower() == doi
    ):
        return IdentifierNotice(analysis.raw, "publication", True, first.name, first.url)
    return IdentifierNotice(
        analysis.raw, "publication", False, source_name="doi.org", source_url=doi_url(doi)
    )


def _names(hit: Hit, text: str, variant: str | None) -> bool:
    """Does this hit carry the identifier (its id or rsID) or the typed HGVS change?"""
    wanted = text.lower()
    if hit.id.lower() == wanted or str(hit.extra.get("rsid", "")).lower() == wanted:
        return True
    if not variant:
        return False
    try:
        keys = parse_variant(variant).search_keys
    except VariantParseError:
        printed = printed_variant(variant)
        keys = printed.search_keys if printed is not None else ()
    # A position, an SPDI or a g. name names the record whose GRCh38 place it is.
    placed = {key.lower() for key in spdi_keys(str(hit.extra.get("spdi", "")))}
    if placed.intersection(key.lower() for key in keys):
        return True
    title = hit.name.lower()
    return any(key.lower() in title for key in keys if "." in key)

"""Identifiers typed in the search box: the record they name, or a plain "not in the knowledge
base" with a link to the database that holds them."""

from __future__ import annotations

from urllib.parse import quote

from django.db.models import Q

from knowledge.hgvs import VariantParseError, parse_variant
from knowledge.identifiers import IdentifierKind, parse_identifier
from knowledge.models import Variant
from literature.models import Publication
from search.describers import IdentifierNotice
from trials.models import ClinicalTrial

CLINVAR = "ClinVar"


def _clinvar_search(text: str) -> str:
    return f"https://www.ncbi.nlm.nih.gov/clinvar/?term={quote(text)}"


def identifier_notice(
    *, query: str, identifier: str | None, variant: str | None
) -> IdentifierNotice | None:
    """A notice for a trial, paper or variant id (or HGVS name); None for other queries."""
    ident = parse_identifier(identifier) if identifier else None
    if ident is not None and ident.kind is IdentifierKind.NCT:
        trial = ClinicalTrial.objects.filter(nct_id=ident.curie).first()
        if trial is not None:
            return IdentifierNotice(query, "trial", True, trial.title, trial.get_absolute_url())
        url = f"https://clinicaltrials.gov/study/{ident.curie}"
        return IdentifierNotice(
            query, "trial", False, source_name="ClinicalTrials.gov", source_url=url
        )
    if ident is not None and ident.kind is IdentifierKind.PMID:
        paper = Publication.objects.filter(pmid=ident.value).first()
        if paper is not None:
            return IdentifierNotice(
                query, "publication", True, paper.title, paper.get_absolute_url()
            )
        url = f"https://pubmed.ncbi.nlm.nih.gov/{ident.value}/"
        return IdentifierNotice(query, "publication", False, source_name="PubMed", source_url=url)
    if ident is not None and ident.kind is IdentifierKind.CLINVAR:
        row = Variant.objects.filter(clinvar_id=int(ident.value)).first()
        return _variant_notice(query, row, ident.curie)
    if variant or (ident is not None and ident.kind is IdentifierKind.RSID):
        return _variant_notice(query, _variant_row(variant or query), variant or query)
    return None


def _variant_row(text: str) -> Variant | None:
    try:
        description = parse_variant(text)
    except VariantParseError:
        return None
    lookup = Q(search_keys__overlap=list(description.search_keys))
    if description.kind == "rsid":
        lookup |= Q(rsid__iexact=description.normalized)
    return Variant.objects.filter(lookup).order_by("id").first()


def _variant_notice(query: str, row: Variant | None, text: str) -> IdentifierNotice:
    if row is not None:
        return IdentifierNotice(query, "variant", True, row.name, row.get_absolute_url())
    return IdentifierNotice(
        query, "variant", False, source_name=CLINVAR, source_url=_clinvar_search(text)
    )

"""Parse ClinVar VCV XML releases (ClinVarVariationRelease / VariationArchive, schema 2.0)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from kbimport.sources.clinvar.records import ClinVarCondition, ClinVarVariantRecord, HgvsExpression
from kbimport.sources.common import (
    BadField,
    ProgressCallback,
    SourceRowError,
    XmlRecord,
    iter_xml_records,
    text_of,
)

_VARIANT_TAGS = ("SimpleAllele", "Haplotype", "Genotype")


def parse_iso_date(value: str | None, field: str) -> dt.date | None:
    """Parse an optional 'YYYY-MM-DD' date."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise BadField(field, f"not a date: {value!r}") from None


def _variant(record: ET.Element) -> ET.Element | None:
    """The record's own allele (not the submitted ones under ClinicalAssertion)."""
    for holder in ("ClassifiedRecord", "IncludedRecord"):
        parent = record.find(holder)
        if parent is not None:
            return next((c for c in parent if c.tag in _VARIANT_TAGS), None)
    return None


def _hgvs(variant: ET.Element) -> tuple[HgvsExpression, ...]:
    found: dict[HgvsExpression, None] = {}
    for hgvs in variant.iter("HGVS"):
        kind = hgvs.get("Type") or "unknown"
        assembly = hgvs.get("Assembly")
        nucleotide = text_of(hgvs, "NucleotideExpression/Expression")
        protein = text_of(hgvs, "ProteinExpression/Expression")
        if nucleotide:
            found[HgvsExpression(kind, nucleotide, assembly)] = None
        if protein:
            found[HgvsExpression("protein", protein, None)] = None
    return tuple(found)


def _conditions(classification: ET.Element | None) -> tuple[ClinVarCondition, ...]:
    if classification is None:
        return ()
    found: dict[ClinVarCondition, None] = {}
    for trait in classification.iterfind("ConditionList/TraitSet/Trait"):
        name = next(
            (
                text_of(n, "ElementValue")
                for n in trait.iterfind("Name")
                if n.find("ElementValue[@Type='Preferred']") is not None
            ),
            None,
        )
        if name is None:
            continue
        xrefs = [(x.get("DB"), x.get("ID")) for x in trait.iterfind("XRef")]
        for db, ident in xrefs or [(None, None)]:
            found[ClinVarCondition(name, db, ident)] = None
    return tuple(found)


def _record(item: XmlRecord) -> ClinVarVariantRecord:
    archive = item.element
    raw_id = archive.get("VariationID", "")
    if not raw_id.isdigit():
        raise BadField("VariationID", f"not a variation id: {raw_id!r}")
    variant = _variant(archive)
    germline = archive.find("ClassifiedRecord/Classifications/GermlineClassification")
    genes = (
        ()
        if variant is None
        else tuple(dict.fromkeys(s for g in variant.iter("Gene") if (s := g.get("Symbol"))))
    )
    rsid = None
    if variant is not None:
        rs = variant.find("XRefList/XRef[@DB='dbSNP']")
        rsid = f"rs{rs.get('ID')}" if rs is not None and rs.get("ID") else None
    return ClinVarVariantRecord(
        variation_id=int(raw_id),
        accession=archive.get("Accession"),
        name=archive.get("VariationName"),
        variant_type=archive.get("VariationType"),
        gene_symbols=genes,
        hgvs=() if variant is None else _hgvs(variant),
        rsid=rsid,
        clinical_significance=text_of(germline, "Description"),
        review_status=text_of(germline, "ReviewStatus"),
        molecular_consequences=()
        if variant is None
        else tuple(
            dict.fromkeys(t for m in variant.iter("MolecularConsequence") if (t := m.get("Type")))
        ),
        conditions=_conditions(germline),
        date_last_evaluated=parse_iso_date(
            None if germline is None else germline.get("DateLastEvaluated"), "DateLastEvaluated"
        ),
        protein_change=None if variant is None else text_of(variant, "ProteinChange"),
        spdi=None if variant is None else text_of(variant, "CanonicalSPDI"),
        release_date=item.root_attrib.get("ReleaseDate"),
        line=item.line,
    )


def iter_vcv_records(
    path: Path | str, on_progress: ProgressCallback | None = None
) -> Iterator[ClinVarVariantRecord | SourceRowError]:
    """Yield each VariationArchive of a ClinVar VCV XML release (plain or gzip)."""
    for item in iter_xml_records(path, frozenset({"VariationArchive"}), on_progress):
        if isinstance(item, SourceRowError):
            yield item
            continue
        try:
            yield _record(item)
        except BadField as exc:
            yield SourceRowError(str(path), item.line, exc.field, exc.message)

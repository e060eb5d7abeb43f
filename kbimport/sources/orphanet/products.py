"""Parse the Orphadata JDBOR XML products: en_product6 (genes), en_product4 (HPO phenotypes)
and en_product9_ages (onset, inheritance)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

from kbimport.sources.common import (
    BadField,
    ProgressCallback,
    SourceRowError,
    XmlRecord,
    iter_xml_records,
    text_of,
)
from kbimport.sources.orphanet.records import OrphaDisorderRecord, OrphaGene, OrphaPhenotype


def _base(
    disorder: ET.Element, root_attrib: dict[str, str], **parts: object
) -> OrphaDisorderRecord:
    # Files before 2020 name the code <OrphaNumber>; later ones <OrphaCode>.
    code = text_of(disorder, "OrphaCode") or text_of(disorder, "OrphaNumber")
    if code is None or not code.isdigit():
        raise BadField("OrphaCode", f"not an ORPHAcode: {code!r}")
    name = text_of(disorder, "Name")
    if name is None:
        raise BadField("Name", f"ORPHA:{code} has no name")
    return OrphaDisorderRecord(
        orpha_code=int(code),
        name=name,
        disorder_type=text_of(disorder, "DisorderType/Name"),
        disorder_group=text_of(disorder, "DisorderGroup/Name"),
        url=text_of(disorder, "ExpertLink"),
        version=root_attrib.get("version"),
        date=root_attrib.get("date"),
        **parts,  # type: ignore[arg-type]
    )


def _product6(record: XmlRecord) -> OrphaDisorderRecord:
    genes = []
    for assoc in record.element.iterfind("DisorderGeneAssociationList/DisorderGeneAssociation"):
        gene = assoc.find("Gene")
        if gene is None:
            raise BadField("Gene", "association without a gene")
        refs = tuple(
            (source, ref)
            for x in gene.iterfind("ExternalReferenceList/ExternalReference")
            if (source := text_of(x, "Source")) and (ref := text_of(x, "Reference"))
        )
        hgnc = next((ref for source, ref in refs if source == "HGNC"), None)
        genes.append(
            OrphaGene(
                symbol=text_of(gene, "Symbol") or "",
                name=text_of(gene, "Name"),
                hgnc_id=f"HGNC:{hgnc}" if hgnc else None,
                association_type=text_of(assoc, "DisorderGeneAssociationType/Name"),
                status=text_of(assoc, "DisorderGeneAssociationStatus/Name"),
                xrefs=refs,
            )
        )
    return _base(record.element, record.root_attrib, genes=tuple(genes))


def _product4(record: XmlRecord) -> OrphaDisorderRecord:
    disorder = record.element.find("Disorder")
    if disorder is None:
        raise BadField("Disorder", "HPODisorderSetStatus without a Disorder")
    phenotypes = tuple(
        OrphaPhenotype(hpo_id, text_of(a, "HPO/HPOTerm"), text_of(a, "HPOFrequency/Name"))
        for a in disorder.iterfind("HPODisorderAssociationList/HPODisorderAssociation")
        if (hpo_id := text_of(a, "HPO/HPOId"))
    )
    return _base(disorder, record.root_attrib, phenotypes=phenotypes)


def _product9_ages(record: XmlRecord) -> OrphaDisorderRecord:
    disorder = record.element
    onset = tuple(
        v
        for e in disorder.iterfind("AverageAgeOfOnsetList/AverageAgeOfOnset")
        if (v := text_of(e, "Name"))
    )
    inheritance = tuple(
        v
        for e in disorder.iterfind("TypeOfInheritanceList/TypeOfInheritance")
        if (v := text_of(e, "Name"))
    )
    return _base(disorder, record.root_attrib, age_of_onset=onset, inheritance=inheritance)


def _iter_product(
    path: Path | str,
    tag: str,
    build: Callable[[XmlRecord], OrphaDisorderRecord],
    on_progress: ProgressCallback | None,
) -> Iterator[OrphaDisorderRecord | SourceRowError]:
    for item in iter_xml_records(path, frozenset({tag}), on_progress):
        if isinstance(item, SourceRowError):
            yield item
            continue
        try:
            yield build(item)
        except BadField as exc:
            yield SourceRowError(str(path), item.line, exc.field, exc.message)


def iter_product6(
    path: Path | str, on_progress: ProgressCallback | None = None
) -> Iterator[OrphaDisorderRecord | SourceRowError]:
    """Yield disorders with their genes from en_product6.xml."""
    return _iter_product(path, "Disorder", _product6, on_progress)


def iter_product4(
    path: Path | str, on_progress: ProgressCallback | None = None
) -> Iterator[OrphaDisorderRecord | SourceRowError]:
    """Yield disorders with their HPO phenotypes from en_product4.xml."""
    return _iter_product(path, "HPODisorderSetStatus", _product4, on_progress)


def iter_product9_ages(
    path: Path | str, on_progress: ProgressCallback | None = None
) -> Iterator[OrphaDisorderRecord | SourceRowError]:
    """Yield disorders with their ages of onset and inheritance from en_product9_ages.xml."""
    return _iter_product(path, "Disorder", _product9_ages, on_progress)

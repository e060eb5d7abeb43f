"""A case as a GA4GH Phenopacket (schema v2, JSON): subject, signs, diagnosis and variant."""

from __future__ import annotations

from typing import Any

from cases.report import CaseReport
from identifiers.hgvs import VariantParseError, parse_variant
from knowledge.models import Gene, Phenotype

SCHEMA_VERSION = "2.0"
HGVS_SYNTAX = {"c": "hgvs.c", "p": "hgvs.p", "g": "hgvs.g", "n": "hgvs.n", "m": "hgvs.m",
               "r": "hgvs.r"}  # fmt: skip
SEX = {"female": "FEMALE", "male": "MALE"}
HPO_RESOURCE = {
    "id": "hp", "name": "human phenotype ontology", "url": "http://purl.obolibrary.org/obo/hp.owl",
    "version": "2025-01-16", "namespacePrefix": "HP",
    "iriPrefix": "http://purl.obolibrary.org/obo/HP_",
}  # fmt: skip
ORDO_RESOURCE = {
    "id": "ordo", "name": "Orphanet Rare Disease Ontology", "url": "https://www.orpha.net/",
    "version": "2025-12", "namespacePrefix": "ORPHA",
    "iriPrefix": "http://www.orpha.net/ORDO/Orphanet_",
}  # fmt: skip


def _subject(report: CaseReport) -> dict[str, Any]:
    facts = report.facts
    subject: dict[str, Any] = {"id": "case-1", "sex": SEX.get(facts.sex, "UNKNOWN_SEX")}
    if facts.age_months is not None:
        years, months = divmod(facts.age_months, 12)
        subject["timeAtLastEncounter"] = {"age": {"iso8601duration": f"P{years}Y{months}M"}}
    return subject


def _features(report: CaseReport) -> list[dict[str, Any]]:
    features = [{"type": {"id": s.hpo_id, "label": s.name}} for s in report.signs]
    absent = list(report.facts.signs_absent)
    names = dict(Phenotype.objects.filter(hpo_id__in=absent).values_list("hpo_id", "name"))
    features += [
        {"type": {"id": hpo_id, "label": names.get(hpo_id, hpo_id)}, "excluded": True}
        for hpo_id in absent
    ]
    return features


def _variation(report: CaseReport) -> dict[str, Any] | None:
    text = report.variant_normalized
    if not text:
        return None
    descriptor: dict[str, Any] = {"id": "variant-1", "label": report.facts.variant or text}
    try:
        parsed = parse_variant(text)
    except VariantParseError:
        parsed = None
    if parsed and parsed.kind in HGVS_SYNTAX:
        descriptor["expressions"] = [{"syntax": HGVS_SYNTAX[parsed.kind], "value": text}]
    elif parsed and parsed.kind == "rsid":
        descriptor["xrefs"] = [f"dbSNP:{text}"]
    else:
        descriptor["description"] = text  # e.g. "exon 45-50 deletion": no HGVS string given
    gene = Gene.objects.filter(symbol=report.gene_symbol).only("hgnc_id").first()
    if gene and gene.hgnc_id:
        descriptor["geneContext"] = {"valueId": gene.hgnc_id, "symbol": report.gene_symbol}
    descriptor["moleculeContext"] = "genomic"
    return descriptor


def report_to_phenopacket(report: CaseReport) -> dict[str, Any]:
    """The entered signs (present and excluded), diagnosis and variant as a Phenopacket dict."""
    packet: dict[str, Any] = {
        "id": "rarelabs-case",
        "subject": _subject(report),
        "phenotypicFeatures": _features(report),
        "metaData": {
            "created": report.made_at.isoformat().replace("+00:00", "Z"),
            "createdBy": "RareLabs case report",
            "resources": [HPO_RESOURCE, ORDO_RESOURCE],
            "phenopacketSchemaVersion": SCHEMA_VERSION,
        },
    }
    diseases = [{"term": {"id": c.primary_id, "label": c.name}} for c in report.conditions[:1]]
    if diseases:
        packet["diseases"] = diseases
    variation = _variation(report)
    if variation:
        diagnosis: dict[str, Any] = {
            "genomicInterpretations": [{
                "subjectOrBiosampleId": "case-1",
                "interpretationStatus": "UNKNOWN_STATUS",
                "variantInterpretation": {"variationDescriptor": variation},
            }],
        }  # fmt: skip
        if diseases:
            diagnosis["disease"] = diseases[0]["term"]
        packet["interpretations"] = [
            {"id": "interpretation-1", "progressStatus": "UNKNOWN_PROGRESS", "diagnosis": diagnosis}
        ]
    return packet

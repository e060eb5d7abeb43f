"""Load and validate the curated therapy candidates file (kbimport/data/therapy_candidates.json).

Pure Python (no models, no database): the importer turns these records into rows; this module
only checks that every field is present, typed and in its allowed set, and names the therapy and
field when not.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from identifiers.hgvs import VariantParseError, parse_variant
from identifiers.ids import IdentifierKind, is_valid_pmid, parse_identifier, parse_nct
from kbimport.therapy_events import (
    EventFileError,
    RegulatoryEventRecord,
    check_status,
    parse_events,
    parse_unconfirmed,
)
from knowledge.therapy_names import name_as_stored

DEFAULT_THERAPY_FILE = Path(__file__).resolve().parent / "data" / "therapy_candidates.json"

MODALITIES = frozenset({
    "small_molecule", "antisense_oligonucleotide", "sirna", "aav_gene_therapy",
    "lentiviral_gene_therapy", "gene_editing", "enzyme_replacement", "monoclonal_antibody",
    "protein_or_peptide", "cell_therapy", "other",
})  # fmt: skip
STATUSES = frozenset({
    "fda_approved", "ema_approved", "approved_other_indication", "investigational",
    "preclinical", "individualized", "approval_ended",
})  # fmt: skip
EVIDENCE_LEVELS = frozenset(
    {"regulatory_approval", "randomized_trial", "open_label_study", "case_report", "preclinical"}
)
# Required keys per variant-rule kind; every kind may also carry "gene" and "note".
RULE_KINDS: dict[str, frozenset[str]] = {
    "exon_skip": frozenset({"exon"}),
    "protein_variant": frozenset({"any_of"}),
    "nonsense": frozenset(),
    "amenable_list": frozenset({"note"}),
    "individual": frozenset({"note"}),
    "gene_variant": frozenset({"genes"}),
    "clinical_response": frozenset({"note"}),
    "pharmacogenetic": frozenset({"genes", "note"}),
}
_RULE_KEYS = frozenset({
    "kind", "gene", "genes", "exon", "any_of", "min_alleles", "note", "or_one_plus", "widened",
    "min_age_years", "ambulatory",
})  # fmt: skip
# A record keeps the name it was written under as its source id (Provenance.source_id's length).
NAME_LENGTH = 120
_THERAPY_KEYS = frozenset({"name", "formerly", "synonyms", "modality", "mechanism_plain", "links"})
_LINK_KEYS = frozenset({
    "condition_name", "condition_ids", "condition_id_source", "genes", "status", "phase",
    "approval_year_fda", "approval_year_ema", "evidence_level", "variant_scope", "variant_rules",
    "notes", "regulatory_note", "references", "verified", "regulatory_events", "not_confirmed",
    "population", "mechanism_plain",
})  # fmt: skip
_CITATION_KEYS = frozenset({"first_author", "et_al", "journal", "year", "title", "note", "source"})
_GENE_RE = re.compile(r"[A-Z0-9][A-Za-z0-9-]{0,19}")


class TherapyFileError(ValueError):
    """The therapy file is malformed; the message names the therapy and the field."""


@dataclass(frozen=True)
class VariantRule:
    """Which variants a therapy-condition link is limited to, in machine-readable form."""

    kind: str
    gene: str | None = None
    genes: tuple[str, ...] = ()
    exon: int | None = None
    any_of: tuple[str, ...] = ()
    min_alleles: int | None = None
    note: str | None = None
    or_one_plus: str | None = None  # "two copies, or one plus <this>"
    widened: str | None = None  # the label was later widened beyond any_of, in words
    min_age_years: int | None = None
    ambulatory: bool | None = None


@dataclass(frozen=True)
class TherapyLinkRecord:
    """One therapy-condition link with its status, evidence and sources."""

    condition_name: str
    condition_ids: tuple[str, ...]
    condition_id_source: tuple[tuple[str, str], ...]
    genes: tuple[str, ...]
    status: str
    phase: int | None
    approval_year_fda: int | None
    approval_year_ema: int | None
    evidence_level: str
    variant_scope: str | None
    variant_rules: VariantRule | None
    notes: str | None
    regulatory_note: str | None
    regulatory_note_source: str | None
    pmids: tuple[str, ...]
    nct_ids: tuple[str, ...]
    urls: tuple[str, ...]
    verified: str
    regulatory_events: tuple[RegulatoryEventRecord, ...] = ()
    not_confirmed: tuple[tuple[str, str], ...] = ()
    population: str | None = None
    mechanism_plain: str | None = None  # when the therapy works differently for this condition
    citations: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()


@dataclass(frozen=True)
class TherapyRecord:
    """A therapy with its plain-language mechanism and its condition links."""

    name: str
    synonyms: tuple[str, ...]
    modality: str
    mechanism_plain: str
    links: tuple[TherapyLinkRecord, ...]
    formerly: tuple[str, ...] = ()  # names an earlier version of the file gave this therapy


def _fail(where: str, field: str, problem: str) -> TherapyFileError:
    return TherapyFileError(f"{where}: field {field!r}: {problem}")


def _text(data: dict[str, Any], field: str, where: str, *, optional: bool = False) -> str | None:
    value = data.get(field)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, field, "must be non-empty text")
    return value.strip()


def _text_list(data: dict[str, Any], field: str, where: str) -> tuple[str, ...]:
    value = data.get(field)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, field, "must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _year(data: dict[str, Any], field: str, where: str) -> int | None:
    value = data.get(field)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1950 <= value <= 2100:
        raise _fail(where, field, f"must be a year or null, got {value!r}")
    return value


def _check_keys(data: object, allowed: frozenset[str], where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise TherapyFileError(f"{where}: must be a JSON object")
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise _fail(where, unknown[0], "unknown field")
    return data


def _variant_rule(data: object, where: str) -> VariantRule | None:
    if data is None:
        return None
    rule = _check_keys(data, _RULE_KEYS, where)
    kind = rule.get("kind")
    if kind not in RULE_KINDS:
        raise _fail(where, "variant_rules.kind", f"unknown kind {kind!r}")
    missing = sorted(RULE_KINDS[kind] - set(rule))
    if missing:
        raise _fail(where, f"variant_rules.{missing[0]}", f"required for kind {kind!r}")
    exon = rule.get("exon")
    if exon is not None and (isinstance(exon, bool) or not isinstance(exon, int) or exon < 1):
        raise _fail(where, "variant_rules.exon", f"must be a positive exon number, got {exon!r}")
    any_of = _text_list(rule, "any_of", where) if "any_of" in rule else ()
    for variant in any_of:
        try:
            parsed = parse_variant(variant)
        except VariantParseError as error:
            raise _fail(where, "variant_rules.any_of", str(error)) from error
        if parsed.kind not in {"p", "legacy_protein"}:
            raise _fail(where, "variant_rules.any_of", f"{variant!r} is not a protein change")
    min_alleles = rule.get("min_alleles")
    if min_alleles not in (None, 1, 2):
        raise _fail(
            where, "variant_rules.min_alleles", f"must be 1, 2 or absent, not {min_alleles!r}"
        )
    genes = _text_list(rule, "genes", where) if "genes" in rule else ()
    min_age = rule.get("min_age_years")
    if min_age is not None and (isinstance(min_age, bool) or not isinstance(min_age, int)
                                or not 0 <= min_age <= 100):  # fmt: skip
        raise _fail(where, "variant_rules.min_age_years", f"must be 0-100, not {min_age!r}")
    if rule.get("ambulatory") not in (None, True, False):
        raise _fail(where, "variant_rules.ambulatory", "must be true, false or absent")
    return VariantRule(
        kind=kind,
        gene=_text(rule, "gene", where, optional=True),
        genes=genes,
        exon=exon,
        any_of=any_of,
        min_alleles=min_alleles,
        note=_text(rule, "note", where, optional=True),
        or_one_plus=_text(rule, "or_one_plus", where, optional=True),
        widened=_text(rule, "widened", where, optional=True),
        min_age_years=min_age,
        ambulatory=rule.get("ambulatory"),
    )


def _condition_ids(
    link: dict[str, Any], where: str
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    ids = _text_list(link, "condition_ids", where)
    for curie in ids:
        ident = parse_identifier(curie)
        if ident is None or ident.kind not in {IdentifierKind.ORPHA, IdentifierKind.OMIM}:
            raise _fail(where, "condition_ids", f"{curie!r} is not an ORPHA or OMIM identifier")
        if ident.curie != curie:
            raise _fail(where, "condition_ids", f"{curie!r} should be written {ident.curie!r}")
    sources = link.get("condition_id_source")
    if not isinstance(sources, dict):
        raise _fail(where, "condition_id_source", "must be an object mapping each id to its source")
    for curie in ids:
        if not isinstance(sources.get(curie), str) or not sources[curie].strip():
            raise _fail(where, "condition_id_source", f"no source recorded for {curie!r}")
    extra = sorted(set(sources) - set(ids))
    if extra:
        raise _fail(where, "condition_id_source", f"source given for unlisted id {extra[0]!r}")
    return ids, tuple((curie, sources[curie]) for curie in ids)


def _references(link: dict[str, Any], where: str) -> tuple[tuple[str, ...], ...]:
    refs = _check_keys(
        link.get("references"), frozenset({"pmids", "nct", "urls", "citations"}), where
    )
    pmids = _text_list(refs, "pmids", where)
    for pmid in pmids:
        if not pmid.isdigit() or not is_valid_pmid(pmid):
            raise _fail(where, "references.pmids", f"{pmid!r} is not a PubMed id")
    nct_ids = _text_list(refs, "nct", where)
    for nct in nct_ids:
        if parse_nct(nct) != nct:
            raise _fail(where, "references.nct", f"{nct!r} is not an NCT number like NCT01234567")
    urls = _text_list(refs, "urls", where)
    for url in urls:
        if not url.startswith(("https://", "http://")):
            raise _fail(where, "references.urls", f"{url!r} is not an http(s) address")
    if not (pmids or nct_ids or urls):
        raise _fail(where, "references", "at least one PMID, NCT number or URL is required")
    citations = refs.get("citations", {})
    if not isinstance(citations, dict) or not set(citations) <= set(pmids):
        raise _fail(where, "references.citations", "must map cited PMIDs to what is known")
    for pmid, known in citations.items():
        _check_keys(known, _CITATION_KEYS, f"{where} citation {pmid}")
        for key in ("first_author", "journal", "year", "source"):
            _text(known, key, f"{where} citation {pmid}")
    return pmids, nct_ids, urls


def _link(data: object, where: str) -> TherapyLinkRecord:
    link = _check_keys(data, _LINK_KEYS, where)
    condition = _text(link, "condition_name", where)
    where = f"{where} ({condition})"
    ids, id_sources = _condition_ids(link, where)
    genes = _text_list(link, "genes", where)
    for gene in genes:
        if not _GENE_RE.fullmatch(gene):
            raise _fail(where, "genes", f"{gene!r} is not a gene symbol")
    status = link.get("status")
    if status not in STATUSES:
        raise _fail(where, "status", f"unknown status {status!r}")
    evidence = link.get("evidence_level")
    if evidence not in EVIDENCE_LEVELS:
        raise _fail(where, "evidence_level", f"unknown evidence level {evidence!r}")
    phase = link.get("phase")
    if phase not in (None, 1, 2, 3, 4):
        raise _fail(where, "phase", f"must be 1-4 or null, not {phase!r}")
    year_fda = _year(link, "approval_year_fda", where)
    year_ema = _year(link, "approval_year_ema", where)
    try:
        events = parse_events(link, where)
        check_status(
            where=where, status=status, events=events,
            years={"approval_year_fda": year_fda, "approval_year_ema": year_ema},
        )  # fmt: skip
        unconfirmed = parse_unconfirmed(link, where)
    except EventFileError as error:
        raise TherapyFileError(str(error)) from error
    regulatory = link.get("regulatory_note")
    if regulatory is not None:
        regulatory = _check_keys(regulatory, frozenset({"text", "source"}), where)
        _text(regulatory, "text", f"{where} regulatory_note")
        _text(regulatory, "source", f"{where} regulatory_note")
    pmids, nct_ids, urls = _references(link, where)
    verified = _text(link, "verified", where) or ""
    if not verified.startswith(("yes", "partial")):
        raise _fail(where, "verified", "must start with 'yes' or 'partial'")
    return TherapyLinkRecord(
        condition_name=condition or "",
        condition_ids=ids,
        condition_id_source=id_sources,
        genes=genes,
        status=status,
        phase=phase,
        approval_year_fda=year_fda,
        approval_year_ema=year_ema,
        evidence_level=evidence,
        variant_scope=_text(link, "variant_scope", where, optional=True),
        variant_rules=_variant_rule(link.get("variant_rules"), where),
        notes=_text(link, "notes", where, optional=True),
        regulatory_note=regulatory["text"].strip() if regulatory else None,
        regulatory_note_source=regulatory["source"].strip() if regulatory else None,
        pmids=pmids,
        nct_ids=nct_ids,
        urls=urls,
        verified=verified,
        regulatory_events=events,
        not_confirmed=unconfirmed,
        population=_text(link, "population", where, optional=True),
        mechanism_plain=_text(link, "mechanism_plain", where, optional=True),
        citations=tuple(
            (pmid, tuple(sorted(known.items())))
            for pmid, known in (link["references"].get("citations") or {}).items()
        ),
    )


def _therapy(data: object, index: int) -> TherapyRecord:
    name = data.get("name") if isinstance(data, dict) else None
    where = f"therapy {name!r}" if isinstance(name, str) and name.strip() else f"therapy #{index}"
    therapy = _check_keys(data, _THERAPY_KEYS, where)
    _text(therapy, "name", where)
    modality = therapy.get("modality")
    if modality not in MODALITIES:
        raise _fail(where, "modality", f"unknown modality {modality!r}")
    links = therapy.get("links")
    if not isinstance(links, list) or not links:
        raise _fail(where, "links", "must be a non-empty list")
    # Names as the rename service stores them, so the next load finds what it wrote.
    name = name_as_stored(name)
    if len(name) > NAME_LENGTH:
        raise _fail(where, "name", f"is longer than {NAME_LENGTH} characters")
    formerly = _text_list(therapy, "formerly", where) if "formerly" in therapy else ()
    formerly = tuple(name_as_stored(old) for old in formerly)
    if name in formerly:
        raise _fail(where, "formerly", "lists the therapy's own name")
    return TherapyRecord(
        name=name,
        formerly=formerly,
        synonyms=tuple(name_as_stored(other) for other in _text_list(therapy, "synonyms", where)),
        modality=modality,
        mechanism_plain=_text(therapy, "mechanism_plain", where) or "",
        links=tuple(_link(link, f"{where} link {i}") for i, link in enumerate(links, 1)),
    )


def load_therapy_file(path: Path | str = DEFAULT_THERAPY_FILE) -> list[TherapyRecord]:
    """Read and validate a therapy candidates JSON file; raise TherapyFileError on bad input."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise TherapyFileError(f"cannot read therapy file {path}: {error}") from error
    if not isinstance(document, dict):
        raise TherapyFileError("therapy file must hold a JSON object")
    _text(document, "not_medical_advice", "therapy file")
    retrieved = _text(document, "retrieved", "therapy file") or ""
    try:
        date.fromisoformat(retrieved)
    except ValueError as error:
        raise _fail("therapy file", "retrieved", "must be an ISO date") from error
    if not isinstance(document.get("source"), dict):
        raise _fail("therapy file", "source", "must describe where the facts come from")
    therapies = document.get("therapies")
    if not isinstance(therapies, list) or not therapies:
        raise _fail("therapy file", "therapies", "must be a non-empty list")
    records = [_therapy(item, i) for i, item in enumerate(therapies, 1)]
    names = [record.name for record in records]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise _fail(f"therapy {duplicates[0]!r}", "name", "appears more than once")
    # A former name is one record's only: never a name the file still lists, never two records'.
    former = [(old, record.name) for record in records for old in record.formerly]
    for old, name in former:
        if old in names or [o for o, _ in former].count(old) > 1:
            raise _fail(f"therapy {name!r}", "formerly", f"{old!r} names another therapy too")
    return records

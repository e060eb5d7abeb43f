"""Import ClinVar variants (VCV XML release or a website tabular export) into Variant rows.

Each variant gets its HGVS names, rsID, significance, ClinVar's canonical SPDI (its place on
GRCh38) and the search keys the variant parser derives from every name, so search finds it as
'c.1521_1523del', 'F508del', 'rs113993960' or, by its place, 'chr4:177433250 C>T'.
Conditions are linked by OMIM or Orphanet id, else by an exact name naming one condition.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.db import transaction

from identifiers.hgvs import VariantDescription, VariantParseError, parse_variant
from identifiers.ids import vcv_accession
from identifiers.urls import clinvar_variation_url
from ingest.rows import upsert_rows
from kbimport.importers.common import (
    ImportTally,
    batched,
    import_run,
    keep_records,
    progress_bar,
)
from kbimport.importers.genes import file_date
from kbimport.importers.resolve import ConditionIndex, GeneIndex, condition_names
from kbimport.sources.clinvar import ClinVarVariantRecord, iter_clinvar_tabular, iter_vcv_records
from knowledge.models import Variant, VariantCondition

TASK = "import_clinvar"
_FIELDS = ["gene_id", "name", "transcript", "hgvs_c", "hgvs_p", "hgvs_g", "rsid", "spdi", "variant_type",
           "clinical_significance", "review_status", "molecular_consequence", "search_keys",
           "source", "source_id", "source_url", "retrieved_on"]  # fmt: skip


def is_vcv_xml(path: Path) -> bool:
    """True for a VCV XML release (by name: .xml or .xml.gz), False for a tabular export."""
    return path.name.endswith((".xml", ".xml.gz"))


def import_clinvar(*, path: Path, batch_size: int = 1000) -> ImportTally:
    """Upsert every variant of a ClinVar file by variation id, with its condition links."""
    path = Path(path)
    parse = iter_vcv_records if is_vcv_xml(path) else iter_clinvar_tabular
    with import_run(TASK, path.name) as tally:
        lookups = (GeneIndex(), ConditionIndex(), condition_names())
        with progress_bar("ClinVar") as bar:
            for batch in batched(parse(path, bar), batch_size):
                records = keep_records(batch, ClinVarVariantRecord, tally)
                with transaction.atomic():
                    _write(records, path, lookups, tally)
                tally.checkpoint()
    return tally


def _parse(text: str | None) -> VariantDescription | None:
    if not text:
        return None
    try:
        return parse_variant(text)
    except VariantParseError:
        return None  # copy-number and other named forms have no HGVS reading


def _split(expression: str) -> tuple[str, str]:
    reference, sep, change = expression.rpartition(":")
    return (reference.split("(")[0], change) if sep else ("", expression)


def _hgvs(record: ClinVarVariantRecord) -> dict[str, str]:
    """Transcript and c./p./g. names: from the XML's HGVS list, else parsed from the title."""
    found = {"transcript": "", "hgvs_c": "", "hgvs_p": "", "hgvs_g": ""}
    for item in record.hgvs:
        reference, change = _split(item.expression)
        if change.startswith("c.") and not found["hgvs_c"]:
            found["transcript"], found["hgvs_c"] = reference, change
        elif change.startswith("p.") and not found["hgvs_p"]:
            found["hgvs_p"] = change
        elif change.startswith("g.") and (not found["hgvs_g"] or item.assembly == "GRCh38"):
            found["hgvs_g"] = item.expression
    title = _parse(record.name)
    if title is not None and title.kind == "c" and not found["hgvs_c"]:
        found["transcript"], found["hgvs_c"] = _split(title.normalized)
    if title is not None and title.protein_long and not found["hgvs_p"]:
        found["hgvs_p"] = f"p.{title.protein_long.removeprefix('p.')}"
    return found


def _search_keys(record: ClinVarVariantRecord) -> list[str]:
    texts = [record.name, *(h.expression for h in record.hgvs), record.rsid]
    keys: dict[str, None] = {}
    for text in texts:
        parsed = _parse(text)
        if parsed is not None:
            keys.update(dict.fromkeys(k[:200] for k in parsed.search_keys))
    return list(keys)


def _spdi(spdi: str | None) -> str:
    """The canonical SPDI when it fits the field; a longer one (a change of hundreds of bases)
    is left out rather than cut, which would name another change."""
    return spdi if spdi and len(spdi) <= Variant._meta.get_field("spdi").max_length else ""


def _row(record: ClinVarVariantRecord, path: Path, genes: GeneIndex) -> dict[str, Any]:
    symbols = record.gene_symbols
    # Multi-gene records (copy-number changes) name no single gene.
    gene = genes.find(symbol=symbols[0]) if len(symbols) == 1 else None
    released = record.release_date
    retrieved = dt.date.fromisoformat(released[:10]) if released else file_date(path)
    return {
        "clinvar_id": record.variation_id, "gene_id": gene,
        "name": (record.name or vcv_accession(record.variation_id))[:400], **_hgvs(record),
        "rsid": (record.rsid or "")[:20], "spdi": _spdi(record.spdi),
        "variant_type": (record.variant_type or "")[:60],
        "clinical_significance": (record.clinical_significance or "")[:120],
        "review_status": (record.review_status or "")[:120],
        "molecular_consequence": ", ".join(record.molecular_consequences)[:200],
        "search_keys": _search_keys(record), "source": "ClinVar",
        "source_id": record.accession or vcv_accession(record.variation_id),
        "source_url": clinvar_variation_url(record.variation_id),
        "retrieved_on": retrieved,
    }  # fmt: skip


def _condition(
    db: str | None, ident: str | None, name: str, lookups: tuple[Any, ...]
) -> int | None:
    _, conditions, names = lookups
    if db == "OMIM" and ident:
        pk = conditions.find(f"OMIM:{ident}")
        if pk is not None:
            return pk
    if db == "Orphanet" and ident:
        pk = conditions.find(f"ORPHA:{ident.removeprefix('ORPHA')}")
        if pk is not None:
            return pk
    matches = names.get(name.casefold(), set())
    return next(iter(matches)) if len(matches) == 1 else None


def _write(
    records: list[ClinVarVariantRecord], path: Path, lookups: tuple[Any, ...], tally: ImportTally
) -> None:
    rows = [_row(r, path, lookups[0]) for r in records]
    tally.add("Variant", upsert_rows(Variant, rows, conflict=["clinvar_id"], update=_FIELDS,
                                     touch=["updated_at"]))  # fmt: skip
    pks = dict(Variant.objects.filter(clinvar_id__in=[r.variation_id for r in records])
               .values_list("clinvar_id", "pk"))  # fmt: skip
    links = []
    for record, row in zip(records, rows, strict=True):
        found = {
            pk for c in record.conditions
            if (pk := _condition(c.db, c.id, c.name, lookups)) is not None
        }  # fmt: skip
        if record.conditions and not found:
            tally.skip("variant conditions not matched to a stored condition")
        links.extend(
            {"variant_id": pks[record.variation_id], "condition_id": pk, "source": "ClinVar",
             "source_id": row["source_id"], "source_url": row["source_url"],
             "retrieved_on": row["retrieved_on"]}
            for pk in found
        )  # fmt: skip
    tally.add("VariantCondition", upsert_rows(
        VariantCondition, links, conflict=["variant_id", "condition_id"]
    ))  # fmt: skip

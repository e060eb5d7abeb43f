"""Parse HPO's disease annotations (phenotype.hpoa) and gene links (genes_to_phenotype.txt)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from identifiers.ids import HPO_ID_RE
from kbimport.sources.common import (
    BadField,
    ProgressCallback,
    SourceRowError,
    header_value,
    iter_lines,
    parse_int,
    split_row,
    split_values,
)
from kbimport.sources.hpo.ontology import hpo_descendants

ONSET_ROOT = "HP:0003674"

# HPO frequency terms and the ranges stated in their hp.obo definitions (checked by a test).
HPO_FREQUENCY_RANGES: dict[str, tuple[float, float]] = {
    "HP:0040280": (1.0, 1.0),  # Obligate: "Always present, i.e. in 100% of the cases."
    "HP:0040281": (0.80, 0.99),  # Very frequent: "Present in 80% to 99% of the cases."
    "HP:0040282": (0.30, 0.79),  # Frequent: "Present in 30% to 79% of the cases."
    "HP:0040283": (0.05, 0.29),  # Occasional: "Present in 5% to 29% of the cases."
    "HP:0040284": (0.01, 0.04),  # Very rare: "Present in 1% to 4% of the cases."
    "HP:0040285": (0.0, 0.0),  # Excluded: "Present in 0% of the cases."
}

_HPOA_COLUMNS = [
    "database_id",
    "disease_name",
    "qualifier",
    "hpo_id",
    "reference",
    "evidence",
    "onset",
    "frequency",
    "sex",
    "modifier",
    "aspect",
    "biocuration",
]
_G2P_COLUMNS = ("ncbi_gene_id", "gene_symbol", "hpo_id", "hpo_name", "frequency", "disease_id")
_DISEASE_ID = re.compile(r"^(OMIM|ORPHA|DECIPHER):\d+$")
_ASPECTS = frozenset("PICMH")


@dataclass(frozen=True, slots=True)
class DiseaseAnnotationRecord:
    """One row of phenotype.hpoa."""

    database_id: str
    disease_name: str
    qualifier: str | None
    hpo_id: str
    references: tuple[str, ...]
    evidence: str | None
    onset: str | None
    frequency: str | None
    frequency_fraction: float | None
    sex: str | None
    modifier: tuple[str, ...]
    aspect: str
    biocuration: str | None
    line: int


@dataclass(frozen=True, slots=True)
class DiseasePhenotype:
    """A phenotype of a disease, with its frequency (fraction and raw text) and onset."""

    hpo_id: str
    frequency_fraction: float | None
    frequency_raw: str | None
    onset: str | None


@dataclass(frozen=True, slots=True)
class DiseaseRecord:
    """All phenotype.hpoa rows of one disease, grouped."""

    database_id: str
    name: str
    phenotypes: tuple[DiseasePhenotype, ...]
    excluded_phenotypes: tuple[str, ...]
    inheritance: tuple[str, ...]
    onset: tuple[str, ...]
    clinical_course: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GeneDiseaseRecord:
    """A gene (NCBI Gene id) linked to a disease in genes_to_phenotype.txt."""

    ncbi_gene_id: int
    gene_symbol: str
    disease_id: str


def hpoa_version(path: Path | str) -> str | None:
    """The ``#version:`` stated in the phenotype.hpoa header, e.g. '2025-01-16'."""
    return header_value(path, "#version")


def frequency_fraction(raw: str | None) -> float | None:
    """Turn an HPO frequency ('HP:0040281', '3/7' or '25%') into a fraction between 0 and 1."""
    if not raw:
        return None
    if raw in HPO_FREQUENCY_RANGES:
        low, high = HPO_FREQUENCY_RANGES[raw]
        return round((low + high) / 2, 4)
    try:
        if raw.endswith("%"):
            value = float(raw[:-1]) / 100
        elif "/" in raw:
            top, _, bottom = raw.partition("/")
            value = int(top) / int(bottom)
        else:
            raise ValueError(raw)
    except (ValueError, ZeroDivisionError):
        raise BadField("frequency", f"unknown frequency {raw!r}") from None
    if not 0.0 <= value <= 1.0:
        raise BadField("frequency", f"frequency {raw!r} is outside 0..1")
    return value


def _annotation(fields: list[str], number: int) -> DiseaseAnnotationRecord:
    row = dict(zip(_HPOA_COLUMNS, fields, strict=True))
    if not _DISEASE_ID.match(row["database_id"]):
        raise BadField("database_id", f"unknown disease id {row['database_id']!r}")
    if not HPO_ID_RE.match(row["hpo_id"]):
        raise BadField("hpo_id", f"not an HPO id: {row['hpo_id']!r}")
    if row["aspect"] not in _ASPECTS:
        raise BadField("aspect", f"unknown aspect {row['aspect']!r}")
    return DiseaseAnnotationRecord(
        database_id=row["database_id"],
        disease_name=row["disease_name"],
        qualifier=row["qualifier"] or None,
        hpo_id=row["hpo_id"],
        references=split_values(row["reference"], ";"),
        evidence=row["evidence"] or None,
        onset=row["onset"] or None,
        frequency=row["frequency"] or None,
        frequency_fraction=frequency_fraction(row["frequency"]),
        sex=row["sex"].upper() or None,
        modifier=split_values(row["modifier"], ";"),
        aspect=row["aspect"],
        biocuration=row["biocuration"] or None,
        line=number,
    )


def iter_disease_annotations(
    path: Path | str, on_progress: ProgressCallback | None = None
) -> Iterator[DiseaseAnnotationRecord | SourceRowError]:
    """Yield each annotation row of phenotype.hpoa."""
    for item in iter_lines(path, on_progress):
        if isinstance(item, SourceRowError):
            yield item
            continue
        if item.text.startswith("#") or item.text.startswith("database_id\t"):
            continue
        fields = split_row(item, len(_HPOA_COLUMNS), path)
        if isinstance(fields, SourceRowError):
            yield fields
            continue
        try:
            yield _annotation(fields, item.number)
        except BadField as exc:
            yield SourceRowError(str(path), item.number, exc.field, exc.message)


def hpoa_disease_names(path: Path | str, prefix: str) -> Iterator[str]:
    """The disease name of each well-formed row whose id starts with ``prefix``: a quick scan
    that splits only those rows (a full parse of 270,000 annotations takes seconds)."""
    for item in iter_lines(path):
        if isinstance(item, SourceRowError) or not item.text.startswith(prefix):
            continue
        fields = split_row(item, len(_HPOA_COLUMNS), path)
        if not isinstance(fields, SourceRowError) and _DISEASE_ID.match(fields[0]):
            yield fields[1]


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _group(rows: list[DiseaseAnnotationRecord], onset_ids: frozenset[str]) -> DiseaseRecord:
    phenotypes = [r for r in rows if r.aspect == "P" and r.qualifier != "NOT"]
    course = [r.hpo_id for r in rows if r.aspect == "C" and r.qualifier != "NOT"]
    return DiseaseRecord(
        database_id=rows[0].database_id,
        name=rows[0].disease_name,
        phenotypes=tuple(
            DiseasePhenotype(r.hpo_id, r.frequency_fraction, r.frequency, r.onset)
            for r in phenotypes
        ),
        excluded_phenotypes=_unique(r.hpo_id for r in rows if r.qualifier == "NOT"),
        inheritance=_unique(r.hpo_id for r in rows if r.aspect == "I" and r.qualifier != "NOT"),
        onset=_unique(h for h in course if h in onset_ids),
        clinical_course=_unique(h for h in course if h not in onset_ids),
    )


def iter_diseases(
    path: Path | str,
    *,
    obo_path: Path | str | None = None,
    on_progress: ProgressCallback | None = None,
) -> Iterator[DiseaseRecord | SourceRowError]:
    """Yield one record per disease of phenotype.hpoa, grouping its consecutive rows.

    The file lists each disease's rows together (checked on the 2025-01-16 release), so only one
    disease is held at a time. A disease whose rows reappear later is reported as an error rather
    than silently split. Onset terms are those under HP:0003674 in ``obo_path`` (default: the
    hp.obo next to the hpoa file).
    """
    obo = Path(obo_path) if obo_path else Path(path).with_name("hp.obo")
    onset_ids = hpo_descendants(obo, ONSET_ROOT)
    seen: set[str] = set()
    rows: list[DiseaseAnnotationRecord] = []
    for item in iter_disease_annotations(path, on_progress):
        if isinstance(item, SourceRowError):
            yield item
            continue
        if rows and item.database_id != rows[0].database_id:
            yield _group(rows, onset_ids)
            rows = []
        if not rows:
            if item.database_id in seen:
                message = f"rows of {item.database_id} are not consecutive; file not grouped"
                yield SourceRowError(str(path), item.line, "database_id", message)
            seen.add(item.database_id)
        rows.append(item)
    if rows:
        yield _group(rows, onset_ids)


def iter_gene_disease_links(
    path: Path | str, on_progress: ProgressCallback | None = None
) -> Iterator[GeneDiseaseRecord | SourceRowError]:
    """Yield each distinct (gene, disease) pair of genes_to_phenotype.txt, first seen first.

    Deduplication keeps one set of pairs in memory (about 12k for the bundled file).
    """
    seen: set[tuple[int, str]] = set()
    for item in iter_lines(path, on_progress):
        if isinstance(item, SourceRowError):
            yield item
            continue
        if item.number == 1 and item.text.startswith("ncbi_gene_id"):
            continue
        fields = split_row(item, len(_G2P_COLUMNS), path)
        if isinstance(fields, SourceRowError):
            yield fields
            continue
        try:
            gene_id = parse_int(fields[0], "ncbi_gene_id")
            if gene_id is None or not _DISEASE_ID.match(fields[5]):
                raise BadField("disease_id", f"missing gene or bad disease id: {fields[5]!r}")
        except BadField as exc:
            yield SourceRowError(str(path), item.number, exc.field, exc.message)
            continue
        if (gene_id, fields[5]) not in seen:
            seen.add((gene_id, fields[5]))
            yield GeneDiseaseRecord(gene_id, fields[1], fields[5])

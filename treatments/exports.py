"""Export treatment results: a CSV table, and the references as RIS or BibTeX citations."""

from __future__ import annotations

import csv
import hashlib
import io
import re

from treatments.query import Reference, TreatmentResults

CSV_COLUMNS = (
    "rank", "therapy", "modality", "status", "evidence_level", "condition", "tier", "why",
    "mechanism", "variant_scope", "pmids", "nct_ids", "open_trials", "source", "retrieved_on",
    "mechanism_source",  # added last: readers of the older columns read them by position
    "editor_set",
)  # fmt: skip


def _cell(value: str) -> str:
    # Spreadsheets run cells that start with these characters as formulas.
    return f"'{value}" if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


def _editor_set(values: tuple) -> str:
    """The link's facts an editor set, each with its own source and date, e.g. "who it is for:
    RareLabs editors, 2026-12-07" (knowledge.editor_values.EditorValue)."""
    return "; ".join(f"{v.label}: {v.credit}" for v in values)


def results_to_csv(results: TreatmentResults) -> str:
    """One row per ranked therapy, with its reasons, references and open trials."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for r in results.results:
        row = (
            str(r.rank), r.therapy_name, r.modality_label, r.status_label, r.evidence_label,
            r.condition_name, r.tier_label, " ".join(r.reasons), r.mechanism, r.variant_scope,
            " ".join(ref.identifier for ref in r.references if ref.kind == "pmid"),
            " ".join(ref.identifier for ref in r.references if ref.kind == "nct"),
            " ".join(t.nct_id for t in r.trials if t.is_open), r.source,
            r.retrieved_on.isoformat() if r.retrieved_on else "", r.mechanism_source,
            _editor_set(r.editor_values),
        )  # fmt: skip
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def unique_references(results: TreatmentResults) -> list[Reference]:
    """Every PubMed, trial and web-page reference of the results, once each, in result order."""
    seen: dict[tuple[str, str], Reference] = {}
    for result in results.results:
        for ref in result.references:
            seen.setdefault((ref.kind, ref.identifier), ref)
        for trial in result.trials:
            key = ("nct", trial.nct_id)
            if key not in seen:
                seen[key] = Reference("nct", trial.nct_id, trial.url, title=trial.title)
    return list(seen.values())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def references_to_ris(references: list[Reference]) -> str:
    """RIS records: JOUR for PubMed articles, ELEC for registered trials and web pages."""
    lines: list[str] = []
    for ref in references:
        journal = ref.kind == "pmid"
        lines.append(f"TY  - {'JOUR' if journal else 'ELEC'}")
        lines.extend(f"AU  - {_one_line(author)}" for author in ref.authors)
        lines.append(f"TI  - {_one_line(ref.display_title)}")
        if ref.publisher:
            lines.append(f"PB  - {_one_line(ref.publisher)}")
        if ref.et_al:
            lines.append("N1  - Only the first author is recorded; the others are not listed.")
        if ref.journal:
            lines.append(f"JO  - {_one_line(ref.journal)}")
        for tag, value in (("PY", ref.year), ("VL", ref.volume), ("IS", ref.issue),
                           ("SP", ref.pages), ("DO", ref.doi)):  # fmt: skip
            if value:
                lines.append(f"{tag}  - {_one_line(value)}")
        if journal:
            lines.append(f"AN  - PMID:{ref.identifier}")
        elif ref.kind == "nct":
            lines.append(f"AN  - {ref.identifier}")
            lines.append("DB  - ClinicalTrials.gov")
        lines.append(f"UR  - {ref.url}")
        lines.append("ER  - ")
        lines.append("")
    return "\r\n".join(lines)


_BIB_SPECIAL = re.compile(r"([&%$#_{}])")


def _bib(text: str) -> str:
    escaped = _BIB_SPECIAL.sub(r"\\\1", _one_line(text))
    return escaped.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def references_to_bibtex(references: list[Reference]) -> str:
    """BibTeX entries: @article for PubMed records, @misc for registered trials and web pages."""
    entries: list[str] = []
    for ref in references:
        journal = ref.kind == "pmid"
        key = f"pmid{ref.identifier}" if journal else ref.identifier.lower()
        if ref.kind == "url":
            # A URL is no citation key: a short digest of it is stable and unique enough.
            key = "web" + hashlib.sha256(ref.url.encode()).hexdigest()[:10]
        fields = [("title", _bib(ref.display_title))]
        if ref.authors:
            others = ["others"] if ref.et_al else []  # BibTeX's "et al."
            fields.append(("author", " and ".join([*(_bib(a) for a in ref.authors), *others])))
        if ref.publisher:
            fields.append(("publisher", _bib(ref.publisher)))
        optional = (("journal", ref.journal), ("year", ref.year), ("volume", ref.volume),
                    ("number", ref.issue), ("pages", ref.pages), ("doi", ref.doi))  # fmt: skip
        for name, value in optional:
            if value:
                fields.append((name, _bib(value)))
        if journal:
            fields.append(("note", f"PMID: {ref.identifier}"))
        elif ref.kind == "nct":
            fields.append(("howpublished", "ClinicalTrials.gov"))
            fields.append(("note", f"Trial registration {ref.identifier}"))
        fields.append(("url", ref.url))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@{'article' if journal else 'misc'}{{{key},\n{body}\n}}\n")
    return "\n".join(entries)

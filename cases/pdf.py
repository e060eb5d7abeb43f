"""The case report as a PDF (fpdf2): the same sections, sources and dates as the page."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from cases.report import CaseReport
from trials.eligibility import CANNOT_TELL, DOES_NOT_MATCH, MATCHES

# DejaVu covers accents and dashes in names and sites; without it, the core font's Latin-1.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
VERDICT_WORDS = {MATCHES: "Fits this case", DOES_NOT_MATCH: "Does not fit this case",
                 CANNOT_TELL: "Ask your doctor"}  # fmt: skip
# Dashes and curly quotes the core font lacks, as their plain forms.
_LATIN1 = str.maketrans({"\u2013": "-", "\u2014": "-", "\u201c": '"', "\u201d": '"',
                         "\u2019": "'", "\u2026": "..."})  # fmt: skip
NOTICE = (
    "Not medical advice. This report lists public facts that may relate to this case. "
    "Only your care team can say what is right for your child. Take it to them."
)


class _Doc(FPDF):
    unicode = False

    def setup(self) -> None:
        regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            self.add_font("body", "", str(regular))
            self.add_font("body", "B", str(bold))
            self.unicode = True
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=15)
        self.add_page()

    def font(self, size: float, bold: bool = False) -> None:
        self.set_font("body" if self.unicode else "helvetica", "B" if bold else "", size)

    def text_safe(self, text: str) -> str:
        if self.unicode:
            return text
        return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")

    def heading(self, text: str) -> None:
        self.ln(2)
        self.font(13, bold=True)
        self.multi_cell(0, 7, self.text_safe(text), new_x="LMARGIN", new_y="NEXT")

    def para(self, text: str, size: float = 10, bold: bool = False) -> None:
        self.font(size, bold)
        self.multi_cell(0, 5, self.text_safe(text), new_x="LMARGIN", new_y="NEXT")


def _case_lines(report: CaseReport) -> list[str]:
    facts = report.facts
    lines = []
    if facts.diagnosis:
        lines.append(f"Diagnosis given: {facts.diagnosis}")
    if report.signs:
        lines.append("Signs: " + "; ".join(f"{s.name} ({s.hpo_id})" for s in report.signs))
    if facts.gene or facts.variant:
        lines.append(f"Gene change: {report.gene_symbol or facts.gene} {facts.variant}".strip())
    if report.variant_normalized:
        lines.append(f"Read as: {report.variant_normalized}")
    if facts.age_words:
        lines.append(f"Age: {facts.age_words}")
    if facts.sex:
        lines.append(f"Sex: {facts.sex}")
    if facts.country:
        lines.append(f"Country: {facts.country}")
    return lines


def report_to_pdf(report: CaseReport) -> bytes:
    """Render the report as PDF bytes."""
    doc = _Doc(format="A4")
    doc.setup()
    doc.para(NOTICE, size=10, bold=True)
    doc.font(18, bold=True)
    doc.multi_cell(0, 9, "Your case report", new_x="LMARGIN", new_y="NEXT")
    doc.para(f"Made on {report.made_at:%Y-%m-%d} by RareLabs.", size=9)
    doc.heading("What you told us")
    for line in _case_lines(report):
        doc.para(line)
    doc.heading("Conditions that fit")
    for c in report.conditions:
        doc.para(f"{c.name} ({c.primary_id}): {c.how}.")
    for s in report.suggested:
        names = ", ".join(m.query_name for m in s.matches[:5]) if s.matches else ""
        doc.para(f"Maybe {s.condition.name} ({s.condition.primary_id}). Shared signs: {names}.")
    if not report.conditions and not report.suggested:
        doc.para("We could not match a condition. Your care team can help.")
    for tier in report.tiers:
        doc.heading(tier.label)
        doc.para(tier.intro, size=9)
        for item in tier.items:
            r = item.result
            doc.para(f"{r.therapy_name} - {VERDICT_WORDS[item.fit.verdict]}", bold=True)
            doc.para(" ".join([*item.fit.reasons, *r.reasons[:2]]), size=9)
            dated = f", {r.retrieved_on:%Y-%m-%d}" if r.retrieved_on else ""
            doc.para(f"Source: {r.source}{dated}. {r.source_url}", size=8)
        if tier.key == "trials":
            for s in report.studied:
                ncts = ", ".join(t.nct_id for t in s.trials)
                doc.para(f"{s.name} - {s.phase_label}, {s.status_label}. "
                         f"Not approved for this condition. Source: ClinicalTrials.gov {ncts}.",
                         size=9)  # fmt: skip
        if not tier.items and not (tier.key == "trials" and report.studied):
            doc.para("None found.", size=9)
    doc.heading("Studies that could take this case")
    for item in (*report.trials, *report.trials_not_fitting):
        t = item.trial
        doc.para(f"{t.title} ({t.nct_id}) - {VERDICT_WORDS[t.fit.verdict]}", bold=True)
        doc.para(f"{t.fit.requirement} {' '.join(t.fit.reasons)}", size=9)
        for contact in t.contacts:
            bits = [contact.get("name"), contact.get("phone"), contact.get("email")]
            doc.para("Contact: " + ", ".join(b for b in bits if b), size=9)
        doc.para("Ask: " + " ".join(item.questions), size=9)
        dated = f", retrieved {t.retrieved_on:%Y-%m-%d}" if t.retrieved_on else ""
        doc.para(f"Source: ClinicalTrials.gov {t.url}{dated}.", size=8)
    if not report.trials and not report.trials_not_fitting:
        doc.para("No open study in our data is linked to this case yet.", size=9)
    doc.heading("Questions to bring to your care team")
    for question in report.questions:
        doc.para(f"- {question}")
    return bytes(doc.output())

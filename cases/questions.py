"""Questions to bring to the care team, and which guides apply, built from one case's report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cases.facts import CaseFacts

if TYPE_CHECKING:
    from cases.report import CaseReport

GUIDES = {
    "questions-to-ask-your-care-team": "Tips for talking with your care team.",
    "reading-a-genetic-test-report": "How to read the gene change on a genetic report.",
    "what-are-antisense-oligonucleotides": "Some treatments here are antisense medicines.",
    "drug-repurposing-for-rare-diseases": "Some medicines here are approved for something else.",
    "finding-and-joining-a-clinical-trial": "How to find and join a study.",
    "personalized-vs-precision-medicine": "What 'made for one person' medicine means.",
}


def guide_topics(
    *, facts: CaseFacts, has_trials: bool, has_antisense: bool, has_repurposing: bool
) -> tuple[tuple[str, str], ...]:
    """(article slug, why) for the guides that apply to this case."""
    slugs = ["questions-to-ask-your-care-team"]
    if facts.gene or facts.variant or not facts.diagnosis:
        slugs.append("reading-a-genetic-test-report")
    if has_antisense:
        slugs.append("what-are-antisense-oligonucleotides")
    if has_repurposing:
        slugs.append("drug-repurposing-for-rare-diseases")
    if has_trials:
        slugs.append("finding-and-joining-a-clinical-trial")
    if facts.variant:
        slugs.append("personalized-vs-precision-medicine")
    return tuple((slug, GUIDES[slug]) for slug in slugs)


def case_questions(report: CaseReport) -> tuple[str, ...]:
    """Short, plain questions that follow from what the report found and what it lacks."""
    facts = report.facts
    asks: list[str] = []
    if not report.conditions:
        asks.append("Could a genetic test or a visit to a genetics clinic help find a diagnosis?")
        if report.suggested:
            names = ", ".join(s.condition.name for s in report.suggested[:3])
            asks.append(f"Could it be one of these: {names}? Why or why not?")
    if report.conditions and not (facts.gene or facts.variant):
        asks.append("Has a genetic test been done? Which gene change was found?")
    if facts.variant and not report.variant_normalized:
        asks.append("Can you help us read the exact gene change on the genetic report?")
    for tier in report.tiers:
        for item in tier.items[:3]:
            name = item.result.therapy_name
            if tier.key == "approved":
                asks.append(f"Is {name} right for my child? What are the risks and benefits?")
            elif tier.key == "trials":
                asks.append(f"Is there a study of {name} my child could join?")
    if report.trials:
        asks.append(f"Could my child join study {report.trials[0].trial.nct_id}?")
    if facts.age_months is None:
        asks.append("Do age limits change which treatments or studies fit?")
    asks.append("Who can we call between visits if we have questions?")
    return tuple(dict.fromkeys(asks))

"""Rank therapy links for a query and say why: variant > gene > condition > hypothesis.

Pure functions over rows the selector has already loaded; nothing here queries the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.models import ApprovalStatus, EvidenceLevel, TherapyLink
from treatments.eligibility import Eligibility, PatientFacts, Verdict, eligibility_check
from treatments.resolve import ResolvedVariant

TIERS = {
    "variant": (0, "Matches the variant"),
    "gene": (1, "Targets the gene"),
    "condition": (2, "Used for the condition"),
    "phenotype": (3, "For a condition suggested by the symptoms"),
    "hypothesis": (4, "Mechanism or repurposing hypothesis"),
}
# Ordered by the derived status (TherapyLink.current_status), never the stored one.
STATUS_ORDER = {
    ApprovalStatus.FDA_APPROVED: 0,
    ApprovalStatus.EMA_APPROVED: 0,
    ApprovalStatus.APPROVED_ELSEWHERE: 0,
    ApprovalStatus.APPROVED_OTHER: 1,
    ApprovalStatus.INVESTIGATIONAL: 2,
    ApprovalStatus.APPROVAL_ENDED: 2,
    ApprovalStatus.INDIVIDUALIZED: 3,
    ApprovalStatus.PRECLINICAL: 4,
}
MAX_APPROVAL_REASONS = 2
EVIDENCE_ORDER = {level: i for i, level in enumerate(EvidenceLevel.values)}


@dataclass(frozen=True)
class RankContext:
    """What the query resolved to, as the ranker needs it."""

    variant: ResolvedVariant | None = None
    facts: PatientFacts = field(default_factory=PatientFacts)
    gene_ids: frozenset[int] = frozenset()
    gene_symbol: str = ""
    condition_how: dict[int, str] = field(default_factory=dict)  # explicit conditions
    phenotype_rank: dict[int, tuple[int, str]] = field(default_factory=dict)  # id -> (rank, name)


@dataclass(frozen=True)
class RankedLink:
    link: TherapyLink
    tier: str
    reasons: tuple[str, ...]
    sort_key: tuple
    eligibility: Eligibility


def _approval_reasons(link: TherapyLink) -> list[str]:
    """The FDA orphan approvals behind a link, dated and sourced (rows prefetched by the caller,
    which marks the links that have any as ``has_orphan_approval``)."""
    reasons: list[str] = []
    if not getattr(link, "has_orphan_approval", False):
        return reasons
    for approval in list(link.orphan_approvals.all())[:MAX_APPROVAL_REASONS]:
        what = approval.indication or approval.designation
        text = what if len(what) <= 200 else what[:199] + "…"
        state = "approval withdrawn, approved" if approval.withdrawn else "approved"
        reasons.append(
            f"FDA orphan drug {state} on {approval.approved_on:%d %b %Y} for: “{text}” "
            f"(source: {approval.source}, retrieved {approval.retrieved_on:%d %b %Y})."
        )
    return reasons


def link_rank(link: TherapyLink, context: RankContext) -> RankedLink | None:
    """Place a prefetched link in its tier with its reasons; None if the query doesn't reach it."""
    reasons: list[str] = []
    eligibility = eligibility_check(link=link, facts=context.facts)
    variant_ids = context.variant.variant_ids if context.variant else frozenset()
    linked_variant = variant_ids & {v.pk for v in link.variants.all()}
    gene_hit = [g.symbol for g in link.genes.all() if g.pk in context.gene_ids]
    if linked_variant or eligibility.variant_matched:
        tier = "variant"
        reasons.extend(eligibility.reasons or ["Linked to this exact variant by the source."])
    elif gene_hit:
        tier = "gene"
        reasons.append(f"Linked to the gene {gene_hit[0]}.")
    elif link.condition_id in context.condition_how:
        tier = "condition"
        reasons.append(context.condition_how[link.condition_id])
    elif link.condition_id in context.phenotype_rank:
        tier = "phenotype"
        place, name = context.phenotype_rank[link.condition_id]
        reasons.append(f"For {name}, ranked #{place} by similarity to the symptoms given.")
    else:
        return None
    if link.evidence_level == EvidenceLevel.HYPOTHESIS:
        tier = "hypothesis"
        reasons.append("Based on how the drug works, not on results in people with this condition.")
    if tier != "variant":
        reasons.extend(r for r in eligibility.reasons if r not in reasons)
    status = link.current_status
    evidence_label = (
        EvidenceLevel(link.evidence_level).label
        if link.evidence_level in EVIDENCE_ORDER
        else link.evidence_level
    )
    reasons.append(f"Status: {link.current_status_label}; evidence: {evidence_label}.")
    reasons += _approval_reasons(link)
    place = context.phenotype_rank.get(link.condition_id, (0, ""))[0]
    sort_key = (
        TIERS[tier][0],
        # A therapy whose requirement the entered facts rule out goes last in its tier.
        eligibility.verdict == Verdict.DOES_NOT_MATCH,
        STATUS_ORDER.get(status, 9),
        EVIDENCE_ORDER.get(link.evidence_level, 9),
        place,
        link.therapy.name.lower(),
    )
    return RankedLink(link=link, tier=tier, reasons=tuple(reasons), sort_key=sort_key,
                      eligibility=eligibility)  # fmt: skip


def links_rank(links: list[TherapyLink], context: RankContext) -> list[RankedLink]:
    """Rank links best first, keeping each therapy once (at its best-placed link)."""
    ranked = sorted(
        (r for r in (link_rank(link, context) for link in links) if r is not None),
        key=lambda r: r.sort_key,
    )
    seen: set[int] = set()
    unique = []
    for item in ranked:
        if item.link.therapy_id not in seen:
            seen.add(item.link.therapy_id)
            unique.append(item)
    return unique

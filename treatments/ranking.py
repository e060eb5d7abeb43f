"""Rank therapy links for a query and say why: variant > gene > condition > hypothesis.

Pure functions over rows the selector has already loaded; nothing here queries the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from identifiers.hgvs import exon_skip_amenable
from knowledge.models import ApprovalStatus, EvidenceLevel, TherapyLink
from treatments.resolve import ResolvedVariant

TIERS = {
    "variant": (0, "Matches the variant"),
    "gene": (1, "Targets the gene"),
    "condition": (2, "Used for the condition"),
    "phenotype": (3, "For a condition suggested by the symptoms"),
    "hypothesis": (4, "Mechanism or repurposing hypothesis"),
}
STATUS_ORDER = {
    ApprovalStatus.FDA_APPROVED: 0,
    ApprovalStatus.EMA_APPROVED: 0,
    ApprovalStatus.APPROVED_OTHER: 1,
    ApprovalStatus.INVESTIGATIONAL: 2,
    ApprovalStatus.INDIVIDUALIZED: 3,
    ApprovalStatus.PRECLINICAL: 4,
}
EVIDENCE_ORDER = {level: i for i, level in enumerate(EvidenceLevel.values)}


@dataclass(frozen=True)
class RuleVerdict:
    """Whether a link's variant rule fits the query variant: match, mismatch or unknown."""

    state: str
    reason: str


@dataclass(frozen=True)
class RankContext:
    """What the query resolved to, as the ranker needs it."""

    variant: ResolvedVariant | None = None
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


def _rules(raw: Any) -> list[dict[str, Any]]:
    if isinstance(raw, dict):
        return [raw]
    if isinstance(raw, list):
        return [rule for rule in raw if isinstance(rule, dict)]
    return []


def _exon_verdict(rule: dict[str, Any], variant: ResolvedVariant) -> RuleVerdict:
    desc = variant.description
    exon = int(rule.get("exon") or 0)
    if desc.kind != "exon" or not desc.exons:
        return RuleVerdict("unknown", f"Labelled for people amenable to exon {exon} skipping; "
                           "check the exon-level report.")  # fmt: skip
    span = f"{desc.exons[0]}-{desc.exons[-1]}" if len(desc.exons) > 1 else str(desc.exons[0])
    if desc.change_type == "exon_skipping":
        if exon in desc.exons:
            return RuleVerdict("match", f"Skips exon {exon}, the exon named in the query.")
        return RuleVerdict("mismatch", f"Skips exon {exon}, not exon {span}.")
    if desc.change_type != "exon_deletion":
        return RuleVerdict("unknown", f"Labelled for deletions amenable to exon {exon} skipping.")
    try:
        amenable = exon_skip_amenable(desc.exons, exon)
    except ValueError as exc:
        return RuleVerdict("unknown", f"Exon {exon} skipping could not be checked: {exc}.")
    if amenable:
        return RuleVerdict(
            "match",
            f"A deletion of exon(s) {span} is listed as amenable to exon {exon} skipping "
            "(Aartsma-Rus et al. 2009, PMID 19156838).",
        )
    return RuleVerdict(
        "mismatch", f"Labelled for exon {exon} skipping; a deletion of exon(s) {span} is not "
        f"listed as amenable to it.",
    )  # fmt: skip


def _protein_verdict(rule: dict[str, Any], variant: ResolvedVariant) -> RuleVerdict:
    wanted = [str(p) for p in rule.get("any_of") or []]
    hits = [p for p in wanted if p.upper() in {q.upper() for q in variant.proteins}]
    alleles = int(rule.get("min_alleles") or 1)
    if hits:
        if alleles >= 2:
            return RuleVerdict(
                "match", f"Labelled for {hits[0]} on both gene copies: confirm the person has "
                "two copies (homozygous) on the genetic report.",
            )  # fmt: skip
        return RuleVerdict("match", f"Labelled for people with at least one {hits[0]} copy.")
    if not variant.proteins:
        return RuleVerdict("unknown", f"Labelled for {', '.join(wanted)}; the protein change "
                           "of the query variant is not known.")  # fmt: skip
    return RuleVerdict("mismatch", f"Labelled for {', '.join(wanted)}, not "
                       f"{', '.join(sorted(variant.proteins))}.")  # fmt: skip


def _word_in(text: str, words: frozenset[str]) -> str:
    for word in words:
        if re.search(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", text, re.IGNORECASE):
            return word
    return ""


def rule_verdict(raw_rule: Any, variant: ResolvedVariant | None, scope: str = "") -> RuleVerdict:
    """Check a TherapyLink.variant_rule against the query variant."""
    rules = _rules(raw_rule)
    if variant is None or not rules:
        return RuleVerdict("unknown", "")
    verdicts = []
    for rule in rules:
        rule_gene = str(rule.get("gene") or "").upper()
        if rule_gene and variant.gene_symbol and rule_gene != variant.gene_symbol.upper():
            verdicts.append(RuleVerdict("mismatch", f"Applies to {rule_gene} variants only."))
            continue
        kind = rule.get("kind")
        if kind == "exon_skip":
            verdicts.append(_exon_verdict(rule, variant))
        elif kind == "protein_variant":
            verdicts.append(_protein_verdict(rule, variant))
        elif kind == "nonsense":
            if "nonsense" in variant.change_types:
                verdicts.append(RuleVerdict("match", "Labelled for nonsense (early stop) "
                                            "variants, and this variant is one."))  # fmt: skip
            elif variant.change_types:
                verdicts.append(RuleVerdict("mismatch", "Labelled for nonsense (early stop) "
                                            "variants only."))  # fmt: skip
            else:
                verdicts.append(RuleVerdict("unknown", "Labelled for nonsense variants."))
        elif kind == "amenable_list":
            keys = variant.proteins | frozenset(variant.description.search_keys)
            hit = _word_in(f"{rule.get('note', '')} {scope}", keys)
            verdicts.append(
                RuleVerdict("match", f"{hit} is on the label's list of responsive variants.")
                if hit
                else RuleVerdict("unknown", "Check the label's list of responsive variants.")
            )
        elif kind == "gene_variant":
            genes = {str(g).upper() for g in rule.get("genes") or []}
            state = "match" if variant.gene_symbol.upper() in genes else "mismatch"
            verdicts.append(RuleVerdict(state, f"For variants in {', '.join(sorted(genes))}."))
        else:
            verdicts.append(RuleVerdict("unknown", str(rule.get("note") or "")))
    for state in ("match", "unknown", "mismatch"):
        for verdict in verdicts:
            if verdict.state == state:
                return verdict
    return RuleVerdict("unknown", "")


def link_rank(link: TherapyLink, context: RankContext) -> RankedLink | None:
    """Place a prefetched link in its tier with its reasons; None if the query doesn't reach it."""
    reasons: list[str] = []
    verdict = rule_verdict(link.variant_rule, context.variant, link.variant_scope)
    variant_ids = context.variant.variant_ids if context.variant else frozenset()
    linked_variant = variant_ids & {v.pk for v in link.variants.all()}
    gene_hit = [g.symbol for g in link.genes.all() if g.pk in context.gene_ids]
    if verdict.state == "match" or linked_variant:
        tier = "variant"
        reasons.append(verdict.reason or "Linked to this exact variant by the source.")
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
    if verdict.state == "mismatch" or (verdict.state == "unknown" and verdict.reason):
        reasons.append(verdict.reason)
    status_label = ApprovalStatus(link.status).label if link.status in STATUS_ORDER else link.status
    evidence_label = (
        EvidenceLevel(link.evidence_level).label
        if link.evidence_level in EVIDENCE_ORDER
        else link.evidence_level
    )
    reasons.append(f"Status: {status_label}; evidence: {evidence_label}.")
    place = context.phenotype_rank.get(link.condition_id, (0, ""))[0]
    sort_key = (
        TIERS[tier][0],
        verdict.state == "mismatch",  # a therapy labelled for another variant goes last in its tier
        STATUS_ORDER.get(link.status, 9),
        EVIDENCE_ORDER.get(link.evidence_level, 9),
        place,
        link.therapy.name.lower(),
    )
    return RankedLink(link=link, tier=tier, reasons=tuple(reasons), sort_key=sort_key)


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

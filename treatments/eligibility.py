"""Does a therapy's own requirement fit what the user entered? One function decides.

`eligibility_check` answers matches / does not match (with the reason) / cannot tell (with what
is missing) for one therapy link and the facts a user gave. The physician view, the family view
and the API all show its answer next to the therapy's requirement in plain words; nothing is
dropped. Unknown stays unknown: a c. change whose protein effect is not known never counts as
"not nonsense", and a count of gene copies that was not given is never assumed.

Pure functions over a loaded link (no queries).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from identifiers.hgvs import exon_skip_amenable
from treatments.resolve import ResolvedVariant


class Verdict(enum.StrEnum):
    MATCHES = "matches"
    DOES_NOT_MATCH = "does_not_match"
    CANNOT_TELL = "cannot_tell"


ZYGOSITY_ALLELES = {"heterozygous": 1, "homozygous": 2, "hemizygous": 2}
MISSING_COPIES = "how many copies of the variant the genetic report lists (one or two)"
MISSING_OTHER_COPY = "the variant on the other copy of the gene"
MISSING_PROTEIN = "the protein change (the p. part) from the genetic report"


@dataclass(frozen=True)
class PatientFacts:
    """What the user entered; None means not given (never assumed)."""

    gene: str = ""
    variants: tuple[ResolvedVariant, ...] = ()
    allele_count: int | None = None  # copies of the entered variant: 1 or 2
    zygosity: str | None = None  # heterozygous, homozygous, compound_heterozygous, hemizygous
    age_months: int | None = None
    ambulatory: bool | None = None
    sex: str | None = None

    @property
    def copies(self) -> int | None:
        """Copies of the entered variant, from the count or the zygosity."""
        if self.allele_count is not None:
            return self.allele_count
        if self.zygosity == "compound_heterozygous":
            return 1
        return ZYGOSITY_ALLELES.get(self.zygosity or "")

    @property
    def both_copies_changed(self) -> bool:
        return self.copies == 2 or self.zygosity == "compound_heterozygous"


@dataclass(frozen=True)
class Eligibility:
    verdict: Verdict
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    requirement: str = ""
    variant_matched: bool = False  # the entered variant meets the therapy's variant rule

    @property
    def label(self) -> str:
        return {
            Verdict.MATCHES: "Fits what you entered",
            Verdict.DOES_NOT_MATCH: "Does not fit what you entered",
            Verdict.CANNOT_TELL: "Cannot tell from what you entered",
        }[self.verdict]


@dataclass(frozen=True)
class _Check:
    verdict: Verdict
    reason: str
    missing: tuple[str, ...] = ()
    variant: bool = False  # a match on the variant itself (not only the gene)


def _rules(raw: Any) -> list[dict[str, Any]]:
    if isinstance(raw, dict):
        return [raw]
    if isinstance(raw, list):
        return [rule for rule in raw if isinstance(rule, dict)]
    return []


def _protein_known(variant: ResolvedVariant) -> bool:
    return bool(variant.proteins) or variant.description.kind in {"p", "legacy_protein"}


def _exon(rule: dict[str, Any], variant: ResolvedVariant) -> _Check:
    desc, exon = variant.description, int(rule.get("exon") or 0)
    if desc.kind != "exon" or not desc.exons:
        return _Check(Verdict.CANNOT_TELL, f"It is for people whose DMD change can be treated by "
                      f"skipping exon {exon}.", ("the exon-level result (which exons are missing)",))  # fmt: skip
    span = f"{desc.exons[0]}-{desc.exons[-1]}" if len(desc.exons) > 1 else str(desc.exons[0])
    if desc.change_type == "exon_skipping":
        hit = exon in desc.exons
        return _Check(Verdict.MATCHES if hit else Verdict.DOES_NOT_MATCH,
                      f"It skips exon {exon}; the search named exon {span}.", variant=hit)  # fmt: skip
    if desc.change_type != "exon_deletion":
        return _Check(Verdict.CANNOT_TELL, f"It is for deletions that skipping exon {exon} can "
                      "treat; this change is not a deletion of whole exons.")  # fmt: skip
    try:
        amenable = exon_skip_amenable(desc.exons, exon)
    except ValueError as exc:
        return _Check(Verdict.CANNOT_TELL, f"Exon {exon} skipping could not be checked: {exc}.")
    if amenable:
        return _Check(Verdict.MATCHES, f"A deletion of exon(s) {span} is listed as amenable to "
                      f"exon {exon} skipping (Aartsma-Rus et al. 2009, PMID 19156838).", variant=True)  # fmt: skip
    return _Check(Verdict.DOES_NOT_MATCH, f"Not amenable: it skips exon {exon}, and a deletion "
                  f"of exon(s) {span} is not listed as amenable to exon {exon} skipping.")  # fmt: skip


def _protein(rule: dict[str, Any], facts: PatientFacts) -> _Check:
    wanted = [str(p) for p in rule.get("any_of") or []]
    needed = int(rule.get("min_alleles") or 1)
    listed = " or ".join(wanted)
    copies_word = "two copies" if needed == 2 else "at least one copy"
    alternative = str(rule.get("or_one_plus") or "")
    widened = str(rule.get("widened") or "")
    hits = [
        v for v in facts.variants if {p.upper() for p in v.proteins} & {w.upper() for w in wanted}
    ]
    if hits:
        copies = facts.copies
        if needed == 1:
            return _Check(Verdict.MATCHES, f"It is for at least one copy of {listed}, and you "
                          "entered it.", variant=True)  # fmt: skip
        if copies is not None and copies >= needed:
            return _Check(Verdict.MATCHES, f"It is for {copies_word} of {listed}; you entered "
                          "two copies.", variant=True)  # fmt: skip
        if copies is None:
            return _Check(Verdict.CANNOT_TELL, f"It is for {copies_word} of {listed}; the number "
                          "of copies was not given.", (MISSING_COPIES,))  # fmt: skip
        if alternative:
            return _Check(Verdict.CANNOT_TELL, f"It is for two copies of {listed}, or one copy "
                          f"plus {alternative}; you entered one copy.", (MISSING_OTHER_COPY,))  # fmt: skip
        return _Check(Verdict.DOES_NOT_MATCH, f"It is for two copies of {listed}; you entered "
                      "one copy.")  # fmt: skip
    unknown = [v for v in facts.variants if not _protein_known(v)]
    if unknown:
        return _Check(Verdict.CANNOT_TELL, f"It is for {copies_word} of {listed}; the protein "
                      "change of the variant entered is not known.", (MISSING_PROTEIN,))  # fmt: skip
    entered = ", ".join(sorted({p for v in facts.variants for p in v.proteins}))
    # The entered variant sits on at least one copy; only the others can carry the listed one.
    free = 2 - (facts.copies or 1)
    if free >= needed or alternative:
        return _Check(Verdict.CANNOT_TELL, f"It is for {copies_word} of {listed}"
                      f"{' (or one plus ' + alternative + ')' if alternative else ''}; you entered "
                      f"{entered}. The other gene copy was not given.", (MISSING_OTHER_COPY,))  # fmt: skip
    if widened:
        return _Check(Verdict.CANNOT_TELL, f"First approved for {listed}; {widened}. Ask whether "
                      f"{entered} is covered.")  # fmt: skip
    return _Check(Verdict.DOES_NOT_MATCH, f"It is for {copies_word} of {listed}, not {entered}.")


WHOLE_EXON_CHANGES = frozenset({"exon_deletion", "exon_duplication"})


def _nonsense(facts: PatientFacts) -> _Check:
    if any("nonsense" in v.change_types for v in facts.variants):
        return _Check(Verdict.MATCHES, "It is for nonsense (early stop) variants, and this is "
                      "one.", variant=True)  # fmt: skip
    if all(_protein_known(v) for v in facts.variants):
        return _Check(Verdict.DOES_NOT_MATCH, "It is for nonsense (early stop) variants only; "
                      "the variant entered is not one.")  # fmt: skip
    # A deletion or duplication of whole exons is known not to be a single early-stop change.
    if facts.variants and all(v.change_types & WHOLE_EXON_CHANGES for v in facts.variants):
        return _Check(Verdict.DOES_NOT_MATCH, "It is for nonsense (early stop) variants only; "
                      "a deletion or duplication of whole exons is not one.")  # fmt: skip
    return _Check(Verdict.CANNOT_TELL, "It is for nonsense (early stop) variants; whether this "
                  "change makes an early stop is not known.", (MISSING_PROTEIN,))  # fmt: skip


def _gene_variant(rule: dict[str, Any], facts: PatientFacts) -> _Check:
    genes = sorted({str(g).upper() for g in rule.get("genes") or []})
    needed = int(rule.get("min_alleles") or 1)
    if facts.gene.upper() not in genes:
        return _Check(Verdict.CANNOT_TELL, f"It is for changes in {', '.join(genes)}.",
                      (f"a variant in {' or '.join(genes)}",))  # fmt: skip
    if needed == 2 and not facts.both_copies_changed:
        return _Check(Verdict.CANNOT_TELL, f"It is for changes in both copies of {genes[0]}.",
                      (MISSING_OTHER_COPY,))  # fmt: skip
    return _Check(
        Verdict.MATCHES, f"It is for changes in {', '.join(genes)}, and the gene matches."
    )


def _variant_check(rule: dict[str, Any], facts: PatientFacts) -> _Check | None:
    kind = rule.get("kind")
    if kind == "individual":
        return _Check(Verdict.DOES_NOT_MATCH, "It was made for one person and cannot be used "
                      "for anyone else.")  # fmt: skip
    rule_gene = str(rule.get("gene") or "").upper()
    if rule_gene and facts.gene and rule_gene != facts.gene.upper():
        return _Check(Verdict.DOES_NOT_MATCH, f"It is for {rule_gene} changes only.")
    if kind == "gene_variant":
        return _gene_variant(rule, facts)
    if kind == "pharmacogenetic":
        return _Check(Verdict.CANNOT_TELL, str(rule.get("note") or ""),
                      ("a CYP2D6 test result",))  # fmt: skip
    if kind == "clinical_response":
        return _Check(Verdict.CANNOT_TELL, str(rule.get("note") or ""),
                      ("the result of a treatment trial",))  # fmt: skip
    if not facts.variants:
        return _Check(Verdict.CANNOT_TELL, "It is only for some variants.", ("the variant",))
    variant = facts.variants[0]
    if kind == "exon_skip":
        return _exon(rule, variant)
    if kind == "protein_variant":
        return _protein(rule, facts)
    if kind == "nonsense":
        return _nonsense(facts)
    if kind == "amenable_list":
        keys = {
            k.upper() for v in facts.variants for k in (*v.proteins, *v.description.search_keys)
        }
        note = f"{rule.get('note', '')}".upper()
        if any(k and k in note for k in keys):
            return _Check(Verdict.MATCHES, "The variant is on the label's list.", variant=True)
        return _Check(Verdict.CANNOT_TELL, "Only variants on the label's list respond; ask "
                      "whether this one is listed.")  # fmt: skip
    return None


def _population_checks(rule: dict[str, Any], facts: PatientFacts) -> list[_Check]:
    checks = []
    min_years = rule.get("min_age_years")
    if min_years is not None:
        if facts.age_months is None:
            checks.append(_Check(Verdict.CANNOT_TELL, f"It is for age {min_years} and older.",
                                 ("age",)))  # fmt: skip
        elif facts.age_months < int(min_years) * 12:
            checks.append(_Check(Verdict.DOES_NOT_MATCH, f"It is for age {min_years} and older."))
        else:
            checks.append(_Check(Verdict.MATCHES, f"It is for age {min_years} and older."))
    if rule.get("ambulatory") is True:
        if facts.ambulatory is None:
            checks.append(_Check(Verdict.CANNOT_TELL, "It is only for people who can walk.",
                                 ("whether the person can walk",)))  # fmt: skip
        elif not facts.ambulatory:
            checks.append(_Check(Verdict.DOES_NOT_MATCH, "It is only for people who can walk."))
        else:
            checks.append(_Check(Verdict.MATCHES, "It is only for people who can walk."))
    return checks


def _words_only(link: Any) -> _Check:
    if link.variant_scope or link.population:
        return _Check(Verdict.CANNOT_TELL, "Its limits are stated in words only; ask whether "
                      "they fit.", ("the details its requirement names",))  # fmt: skip
    return _Check(Verdict.MATCHES, "Our source states no gene, variant or age limit.")


def _requirement(link: Any) -> str:
    parts = [p for p in (link.population, link.variant_scope) if p]
    return "; ".join(parts) or "No gene, variant or age limit is stated in our source."


def eligibility_check(*, link: Any, facts: PatientFacts) -> Eligibility:
    """Whether a therapy link's own requirement fits ``facts``: matches, does not, cannot tell."""
    checks: list[_Check] = []
    link_genes = {g.symbol.upper() for g in link.genes.all()}
    for rule in _rules(link.variant_rule):
        variant_check = _variant_check(rule, facts)
        if variant_check is not None:
            checks.append(variant_check)
        checks.extend(_population_checks(rule, facts))
    if not checks and facts.gene and link_genes and facts.gene.upper() not in link_genes:
        checks.append(_Check(Verdict.DOES_NOT_MATCH,
                             f"It is for {', '.join(sorted(link_genes))}, not {facts.gene}."))  # fmt: skip
    if not checks:
        # Limits stated only in words (age, symptoms, earlier treatment) are not checked here.
        checks.append(_words_only(link))
    verdict = Verdict.MATCHES
    if any(c.verdict == Verdict.DOES_NOT_MATCH for c in checks):
        verdict = Verdict.DOES_NOT_MATCH
    elif any(c.verdict == Verdict.CANNOT_TELL for c in checks):
        verdict = Verdict.CANNOT_TELL
    shown = [c for c in checks if c.verdict == verdict] or checks
    return Eligibility(
        verdict=verdict,
        reasons=[c.reason for c in shown if c.reason],
        missing=list(dict.fromkeys(m for c in checks for m in c.missing)),
        requirement=_requirement(link),
        variant_matched=any(c.variant and c.verdict == Verdict.MATCHES for c in checks),
    )

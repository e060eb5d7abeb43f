"""Therapy candidates and what they are known to do for which condition, gene or variant."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from knowledge.models.common import Provenance


class Modality(models.TextChoices):
    SMALL_MOLECULE = "small_molecule", "Small molecule"
    ANTISENSE = "antisense_oligonucleotide", "Antisense oligonucleotide"
    SIRNA = "sirna", "siRNA"
    AAV_GENE_THERAPY = "aav_gene_therapy", "AAV gene therapy"
    LENTIVIRAL_GENE_THERAPY = "lentiviral_gene_therapy", "Lentiviral gene therapy"
    GENE_EDITING = "gene_editing", "Gene editing"
    ENZYME_REPLACEMENT = "enzyme_replacement", "Enzyme replacement"
    ANTIBODY = "monoclonal_antibody", "Antibody"
    PROTEIN_PEPTIDE = "protein_or_peptide", "Protein or peptide"
    CELL_THERAPY = "cell_therapy", "Cell therapy"
    OTHER = "other", "Other"


class ApprovalStatus(models.TextChoices):
    FDA_APPROVED = "fda_approved", "FDA approved"
    EMA_APPROVED = "ema_approved", "EMA approved"
    APPROVED_OTHER = "approved_other_indication", "Approved for another use"
    INVESTIGATIONAL = "investigational", "Investigational"
    PRECLINICAL = "preclinical", "Preclinical"
    INDIVIDUALIZED = "individualized", "Individualized (n-of-1)"


class EvidenceLevel(models.TextChoices):
    REGULATORY_APPROVAL = "regulatory_approval", "Regulatory approval"
    RANDOMIZED_TRIAL = "randomized_trial", "Randomized trial"
    OPEN_LABEL_STUDY = "open_label_study", "Open-label study"
    CASE_REPORT = "case_report", "Case report"
    PRECLINICAL = "preclinical", "Preclinical"
    HYPOTHESIS = "hypothesis", "Mechanistic hypothesis"


class Therapy(Provenance):
    name = models.CharField(max_length=200, unique=True, help_text="Generic (INN) name.")
    slug = models.SlugField(max_length=200, unique=True)
    synonyms = ArrayField(
        models.CharField(max_length=120), default=list, blank=True, help_text="Brand names, codes."
    )
    modality = models.CharField(max_length=30, choices=Modality.choices)
    mechanism = models.TextField(blank=True, help_text="How it works, in one plain sentence.")
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "therapies"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("knowledge:therapy-detail", kwargs={"slug": self.slug})


class TherapyLink(Provenance):
    """What a therapy is known to do for one condition (and its genes and variants)."""

    therapy = models.ForeignKey(Therapy, on_delete=models.CASCADE, related_name="links")
    condition = models.ForeignKey(
        "knowledge.Condition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="therapy_links",
    )
    condition_name = models.CharField(
        max_length=300, help_text="The condition as the source names it."
    )
    genes = models.ManyToManyField("knowledge.Gene", related_name="therapy_links", blank=True)
    variants = models.ManyToManyField("knowledge.Variant", related_name="therapy_links", blank=True)
    status = models.CharField(max_length=30, choices=ApprovalStatus.choices)
    phase = models.CharField(max_length=20, blank=True)
    approval_year_fda = models.PositiveSmallIntegerField(null=True, blank=True)
    approval_year_ema = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence_level = models.CharField(max_length=30, choices=EvidenceLevel.choices)
    variant_scope = models.TextField(blank=True, help_text="Who it applies to, in words.")
    variant_rule = models.JSONField(
        null=True,
        blank=True,
        help_text="Machine-readable scope, e.g. {'kind': 'exon_skip', 'exon': 51}.",
    )
    pmids = ArrayField(models.CharField(max_length=12), default=list, blank=True)
    nct_ids = ArrayField(models.CharField(max_length=12), default=list, blank=True)
    urls = ArrayField(models.URLField(max_length=500), default=list, blank=True)
    verification = models.TextField(blank=True, help_text="What the source checked, or did not.")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        constraints = [
            # One row per stored condition a source's link names (a link naming three OMIM ids
            # gives three rows); an unmatched link (no condition) is kept once.
            models.UniqueConstraint(
                fields=["therapy", "condition_name", "condition"],
                name="therapy_link_unique_per_condition",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.therapy} → {self.condition_name}"

"""Variants: a change in a gene, with its HGVS names and ClinVar facts."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse

from identifiers.hgvs.genomic import position_text
from knowledge.models.common import Provenance


class Variant(Provenance):
    gene = models.ForeignKey(
        "knowledge.Gene", null=True, blank=True, on_delete=models.SET_NULL, related_name="variants"
    )
    name = models.CharField(max_length=400, help_text="ClinVar's title or the normalised HGVS.")
    clinvar_id = models.PositiveIntegerField(unique=True, null=True, blank=True)
    transcript = models.CharField(max_length=40, blank=True)
    hgvs_c = models.CharField(max_length=200, blank=True)
    hgvs_p = models.CharField(max_length=200, blank=True)
    hgvs_g = models.CharField(max_length=200, blank=True)
    rsid = models.CharField(max_length=20, blank=True, db_index=True)
    spdi = models.CharField(
        max_length=1000,
        blank=True,
        help_text="ClinVar's canonical SPDI: the variant's place on GRCh38 (counted from 0).",
    )
    variant_type = models.CharField(max_length=60, blank=True)
    clinical_significance = models.CharField(max_length=120, blank=True, db_index=True)
    review_status = models.CharField(max_length=120, blank=True)
    molecular_consequence = models.CharField(max_length=200, blank=True)
    search_keys = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        help_text="Forms the variant parser says this variant is found under.",
    )
    conditions = models.ManyToManyField(
        "knowledge.Condition", through="VariantCondition", related_name="variants", blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["hgvs_c"]), models.Index(fields=["hgvs_p"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("knowledge:variant-detail", kwargs={"pk": self.pk})

    @property
    def grch38_place(self) -> str:
        """Where it is on GRCh38 as a lab prints it ("chr5:70942813 G>A"), else its SPDI."""
        return position_text(self.spdi)


class VariantCondition(Provenance):
    variant = models.ForeignKey(Variant, on_delete=models.CASCADE, related_name="condition_links")
    condition = models.ForeignKey(
        "knowledge.Condition", on_delete=models.CASCADE, related_name="variant_links"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["variant", "condition"], name="variant_condition_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.variant_id} → {self.condition_id}"

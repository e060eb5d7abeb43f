"""What every sourced fact carries, and the shape of links that editors review."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Provenance(models.Model):
    """Where a fact came from: database and identifier, a URL, and when it was retrieved."""

    source = models.CharField(
        max_length=80, help_text="Source database or file, e.g. 'Orphanet ORPHApackets 2025-12'."
    )
    source_id = models.CharField(
        max_length=120, blank=True, help_text="Identifier in that source, e.g. ORPHA:558 or PMID."
    )
    source_url = models.URLField(max_length=500, blank=True)
    retrieved_on = models.DateField(help_text="The date the fact was read from its source.")

    class Meta:
        abstract = True


class ReviewStatus(models.TextChoices):
    AUTO = "auto", "Automatically linked"
    CONFIRMED = "confirmed", "Reviewed by an editor"
    REJECTED = "rejected", "Rejected by an editor"


class LinkMethod(models.TextChoices):
    NAME_MATCH = "name_match", "Matched by name"
    IDENTIFIER = "identifier", "Matched by identifier"
    REFERENCE = "reference", "Cited by a curated record"
    EDITOR = "editor", "Added by an editor"


class ReviewableLink(models.Model):
    """A link a worker made (trial or publication to a condition, gene or therapy).

    Links made by name matching wait in the review queue; confirmed ones show as reviewed.
    """

    condition = models.ForeignKey(
        "knowledge.Condition",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    gene = models.ForeignKey(
        "knowledge.Gene", null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    therapy = models.ForeignKey(
        "knowledge.Therapy",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    method = models.CharField(max_length=20, choices=LinkMethod.choices)
    matched_text = models.CharField(max_length=300, blank=True)
    review_status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.AUTO, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class OldSlug(models.Model):
    """An old page address (a record merged into another, or renamed) that leads to a record
    now; each subclass adds the foreign key to its record."""

    old_slug = models.SlugField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

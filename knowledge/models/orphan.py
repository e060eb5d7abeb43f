"""FDA orphan approvals: each approved indication as the FDA lists it, and the link it supports."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from knowledge.models.common import Provenance, ReviewStatus


class IndicationMatch(models.TextChoices):
    EXACT = "exact", "The designation is a condition's name"
    UNIQUE = "unique", "The text names one condition"
    AMBIGUOUS = "ambiguous", "Several candidate conditions: waiting for an editor"
    NONE = "none", "No condition in the knowledge base"
    EDITOR = "editor", "Chosen by an editor"


class OrphanApproval(Provenance):
    """One approved orphan indication (a row of the FDA export), supporting one therapy link.

    The link reaches a condition when the indication matched one; an ambiguous match keeps the
    link unlinked and lists the candidates for the editors' review queue.
    """

    link = models.ForeignKey(
        "knowledge.TherapyLink", on_delete=models.CASCADE, related_name="orphan_approvals"
    )
    generic_name = models.CharField(max_length=300)
    trade_name = models.CharField(max_length=300, blank=True)
    designation = models.TextField(help_text="The orphan designation, as the FDA words it.")
    designated_on = models.DateField(null=True, blank=True)
    indication = models.TextField(help_text="The approved labelled indication.")
    approved_on = models.DateField(help_text="FDA marketing approval date.")
    withdrawn = models.BooleanField(default=False)
    sponsor = models.CharField(max_length=200, blank=True)
    match = models.CharField(max_length=12, choices=IndicationMatch.choices)
    matched_text = models.CharField(max_length=300, blank=True)
    candidates = models.ManyToManyField(
        "knowledge.Condition", blank=True, related_name="+", help_text="For the editors to pick."
    )
    review_status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.AUTO, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-approved_on", "generic_name"]
        constraints = [
            # One row of the export may name a condition stored twice (OMIM and Orphanet).
            models.UniqueConstraint(
                fields=["source", "source_id", "link"], name="orphan_approval_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.generic_name}: {self.designation[:60]} ({self.approved_on})"

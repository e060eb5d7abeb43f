"""Editors' checks of the computer-written family summaries."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from knowledge.models.conditions import Condition


class SummaryReviewStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for an editor"
    APPROVED = "approved", "Approved as written"
    EDITED = "edited", "Rewritten by an editor"


class SummaryReview(models.Model):
    """One condition's computer-written summary and whether an editor checked that exact text.

    The text approved is kept: families see "Checked by an editor" only while the generator still
    writes exactly that text. An edited summary lives in Condition.family_summary, which the
    generator never writes.
    """

    condition = models.OneToOneField(
        Condition, on_delete=models.CASCADE, related_name="summary_review"
    )
    generated_text = models.TextField(help_text="The computer-written summary as last generated.")
    generated_at = models.DateTimeField()
    status = models.CharField(
        max_length=12,
        choices=SummaryReviewStatus.choices,
        default=SummaryReviewStatus.WAITING,
        db_index=True,
    )
    approved_text = models.TextField(
        blank=True, help_text="The exact text the editor approved or wrote."
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["condition__name"]

    def __str__(self) -> str:
        return f"Summary of {self.condition_id} ({self.status})"

"""Clinical trials from ClinicalTrials.gov, as the refresh worker stores them."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse

from knowledge.models import ReviewableLink


class TrialStatus(models.TextChoices):
    NOT_YET_RECRUITING = "NOT_YET_RECRUITING", "Not yet recruiting"
    RECRUITING = "RECRUITING", "Recruiting"
    ENROLLING_BY_INVITATION = "ENROLLING_BY_INVITATION", "Enrolling by invitation"
    ACTIVE_NOT_RECRUITING = "ACTIVE_NOT_RECRUITING", "Active, not recruiting"
    SUSPENDED = "SUSPENDED", "Suspended"
    TERMINATED = "TERMINATED", "Terminated"
    COMPLETED = "COMPLETED", "Completed"
    WITHDRAWN = "WITHDRAWN", "Withdrawn"
    AVAILABLE = "AVAILABLE", "Available (expanded access)"
    NO_LONGER_AVAILABLE = "NO_LONGER_AVAILABLE", "No longer available"
    TEMPORARILY_NOT_AVAILABLE = "TEMPORARILY_NOT_AVAILABLE", "Temporarily not available"
    APPROVED_FOR_MARKETING = "APPROVED_FOR_MARKETING", "Approved for marketing"
    WITHHELD = "WITHHELD", "Withheld"
    UNKNOWN = "UNKNOWN", "Unknown"


OPEN_STATUSES = (
    TrialStatus.RECRUITING,
    TrialStatus.NOT_YET_RECRUITING,
    TrialStatus.ENROLLING_BY_INVITATION,
    TrialStatus.AVAILABLE,
)


class ClinicalTrial(models.Model):
    nct_id = models.CharField(max_length=11, unique=True)
    title = models.TextField()
    official_title = models.TextField(blank=True)
    status = models.CharField(max_length=30, choices=TrialStatus.choices, db_index=True)
    phases = ArrayField(models.CharField(max_length=20), default=list, blank=True)
    study_type = models.CharField(max_length=40, blank=True)
    summary = models.TextField(blank=True)
    conditions = ArrayField(models.CharField(max_length=300), default=list, blank=True)
    keywords = ArrayField(models.CharField(max_length=300), default=list, blank=True)
    interventions = models.JSONField(default=list, blank=True)
    design = models.JSONField(default=dict, blank=True)
    eligibility = models.JSONField(default=dict, blank=True)
    sponsor = models.CharField(max_length=300, blank=True)
    sponsor_class = models.CharField(max_length=40, blank=True)
    locations = models.JSONField(default=list, blank=True)
    countries = ArrayField(models.CharField(max_length=80), default=list, blank=True)
    contacts = models.JSONField(default=list, blank=True)
    enrollment = models.PositiveIntegerField(null=True, blank=True)
    has_results = models.BooleanField(default=False)
    start_date = models.DateField(null=True, blank=True)
    primary_completion_date = models.DateField(null=True, blank=True)
    completion_date = models.DateField(null=True, blank=True)
    last_update_date = models.DateField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True, help_text="Detects unchanged rows.")
    source_url = models.URLField(max_length=300, blank=True)
    retrieved_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-last_update_date", "nct_id"]

    def __str__(self) -> str:
        return f"{self.nct_id}: {self.title[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("trials:trial-detail", kwargs={"nct_id": self.nct_id})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class TrialLink(ReviewableLink):
    trial = models.ForeignKey(ClinicalTrial, on_delete=models.CASCADE, related_name="links")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["trial", "condition", "gene", "therapy"],
                name="trial_link_unique",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.trial_id} link"

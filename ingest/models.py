"""The one run log: every import and refresh records what it did here."""

from __future__ import annotations

from django.db import models


class RunStatus(models.TextChoices):
    RUNNING = "running", "Running"
    OK = "ok", "OK"
    PARTIAL = "partial", "Partial (some records skipped)"
    FAILED = "failed", "Failed"


class RefreshRun(models.Model):
    task = models.CharField(max_length=80, db_index=True, help_text="e.g. trials_refresh")
    scope = models.CharField(max_length=200, blank=True, help_text="e.g. condition ORPHA:70")
    mode = models.CharField(max_length=20, default="incremental")
    since = models.DateTimeField(null=True, blank=True, help_text="Incremental runs start here.")
    started_at = models.DateTimeField(auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    fetched = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.task} {self.scope} {self.status}"

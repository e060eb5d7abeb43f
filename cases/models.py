"""A saved case: only what the family chose to keep, behind a link only they hold."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models


class SavedCase(models.Model):
    # Only a SHA-256 of the link's token is kept: a database copy cannot open a case.
    token_hash = models.CharField(max_length=64, unique=True)
    facts = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    # Alerts: an address kept only to send them, removed by the link in every message.
    alert_email = models.EmailField(blank=True)
    unsubscribe_hash = models.CharField(max_length=64, blank=True, db_index=True)
    seen_trials = ArrayField(models.CharField(max_length=11), default=list, blank=True)
    seen_therapies = ArrayField(models.IntegerField(), default=list, blank=True)
    alerted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        # Never the case's contents: this string can reach logs and error reports.
        return f"saved case {self.pk}"

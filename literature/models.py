"""Publications from PubMed, as the refresh worker stores them."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse

from identifiers.urls import pubmed_url
from knowledge.models import ReviewableLink


class Publication(models.Model):
    pmid = models.CharField(max_length=12, unique=True)
    title = models.TextField()
    abstract = models.TextField(blank=True)
    abstract_sections = models.JSONField(default=list, blank=True)
    journal = models.CharField(max_length=400, blank=True)
    journal_abbreviation = models.CharField(max_length=200, blank=True)
    volume = models.CharField(max_length=40, blank=True)
    issue = models.CharField(max_length=40, blank=True)
    pages = models.CharField(max_length=60, blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_text = models.CharField(max_length=60, blank=True)
    authors = models.JSONField(default=list, blank=True)
    doi = models.CharField(max_length=200, blank=True)
    pmcid = models.CharField(max_length=20, blank=True)
    mesh_terms = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    publication_types = ArrayField(models.CharField(max_length=120), default=list, blank=True)
    keywords = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    content_hash = models.CharField(max_length=64, blank=True, help_text="Detects unchanged rows.")
    retrieved_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_on", "pmid"]

    def __str__(self) -> str:
        return f"PMID {self.pmid}: {self.title[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("literature:publication-detail", kwargs={"pmid": self.pmid})

    @property
    def pubmed_url(self) -> str:
        return pubmed_url(self.pmid)


class PublicationLink(ReviewableLink):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="links")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "condition", "gene", "therapy"],
                name="publication_link_unique",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.publication_id} link"

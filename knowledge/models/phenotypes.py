"""Phenotypes: Human Phenotype Ontology terms."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse

from knowledge.models.common import Provenance


class Phenotype(Provenance):
    hpo_id = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=300, db_index=True)
    definition = models.TextField(blank=True)
    parents = models.ManyToManyField("self", symmetrical=False, related_name="children", blank=True)
    is_obsolete = models.BooleanField(default=False)
    information_content = models.FloatField(
        null=True, blank=True, help_text="How specific the term is among annotated conditions."
    )
    # Set by .save() (the admin renaming a sign, a script): the phenotype index's version reads
    # the newest, so the new name is what the ranking's explanations show. QuerySet.update() and
    # raw SQL skip it: edit through .save() or an import run (treatments/phenotypes/index.py).
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        ordering = ["name"]
        # Typed signs are matched case-insensitively (`UPPER(name) IN (...)` in
        # treatments/resolve.py): without this, each search scanned all ~19,500 terms (~10 ms).
        indexes = [models.Index(Upper("name"), name="phenotype_name_upper")]

    def __str__(self) -> str:
        return f"{self.name} ({self.hpo_id})"

    def get_absolute_url(self) -> str:
        return reverse("knowledge:phenotype-detail", kwargs={"hpo_id": self.hpo_id})

    @property
    def layperson_name(self) -> str:
        """The first everyday synonym, if the ontology has one (needs prefetched synonyms)."""
        for synonym in self.synonyms.all():
            if synonym.is_layperson:
                return synonym.text
        return ""


class PhenotypeSynonym(models.Model):
    phenotype = models.ForeignKey(Phenotype, on_delete=models.CASCADE, related_name="synonyms")
    text = models.CharField(max_length=300)
    scope = models.CharField(max_length=10, blank=True, help_text="EXACT, RELATED, BROAD or NARROW")
    is_layperson = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["phenotype", "text"], name="phenotype_synonym_unique")
        ]
        # The same lookup on synonyms (~23,500 rows, ~5 ms a scan).
        indexes = [models.Index(Upper("text"), name="phenotype_synonym_text_upper")]

    def __str__(self) -> str:
        return self.text

"""The PostgreSQL search index and the tables query analysis reads (synonyms, spelling lexicon)."""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """One indexed document (any type): the PostgreSQL backend's single index table."""

    doc_type = models.CharField(max_length=20)
    object_id = models.BigIntegerField()
    curie = models.CharField(max_length=255)  # a therapy slug can be 200 characters
    title = models.TextField()
    title_norm = models.TextField(help_text="Folded title, for trigram typos and prefix ranking.")
    url = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    exact = models.JSONField(default=dict, help_text="{normalised key: boost}")
    vector = SearchVectorField()
    names = SearchVectorField(
        null=True, help_text="Tiers A-B of `vector`: ranks common words fast."
    )
    autocomplete = SearchVectorField()
    autocomplete_text = models.TextField(blank=True)
    facets = models.JSONField(default=dict, help_text="{field: [values]}")
    extra = models.JSONField(default=dict)
    rank = models.FloatField(default=1.0)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["doc_type", "object_id"], name="search_entry_unique")
        ]
        indexes = [
            # doc_type first (btree_gin): the counts read each type's matches from the index
            # alone; a search on `vector` only uses it as it did the plain vector index.
            GinIndex(fields=["doc_type", "vector"], name="search_entry_type_vector"),
            GinIndex(fields=["names"], name="search_entry_names"),
            models.Index(
                fields=["title_norm"],
                name="search_entry_title_prefix",
                opclasses=["text_pattern_ops"],
            ),
            GinIndex(fields=["autocomplete"], name="search_entry_autocomplete"),
            GinIndex(fields=["exact"], name="search_entry_exact"),
            GinIndex(fields=["facets"], name="search_entry_facets", opclasses=["jsonb_path_ops"]),
            GinIndex(
                fields=["title_norm"], name="search_entry_title_trgm", opclasses=["gin_trgm_ops"]
            ),
        ]

    def __str__(self) -> str:
        return f"{self.doc_type}:{self.curie}"


class SearchSynonym(models.Model):
    """A phrase and what it also means (abbreviation, eponym, brand, alias, everyday words)."""

    term = models.CharField(max_length=300, db_index=True, help_text="phrase_form of the phrase.")
    expansion = models.CharField(max_length=300)
    source_doc_type = models.CharField(max_length=20)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["term", "expansion"], name="search_synonym_unique")
        ]

    def __str__(self) -> str:
        return f"{self.term} -> {self.expansion}"


class SearchTerm(models.Model):
    """A word from indexed names and synonyms: the lexicon for typo correction and did-you-mean."""

    term = models.CharField(max_length=80, unique=True)
    frequency = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [GinIndex(fields=["term"], name="search_term_trgm", opclasses=["gin_trgm_ops"])]

    def __str__(self) -> str:
        return self.term

"""Genes, named by HGNC."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse

from knowledge.models.common import Provenance


class Gene(Provenance):
    symbol = models.CharField(max_length=40, unique=True)
    hgnc_id = models.CharField(max_length=20, unique=True, null=True, blank=True)
    name = models.CharField(max_length=300, blank=True)
    aliases = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    previous_symbols = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    # HGNC's alias and previous names: protein names ("glucocerebrosidase") people search by.
    other_names = ArrayField(models.CharField(max_length=300), default=list, blank=True)
    ncbi_gene_id = models.PositiveIntegerField(unique=True, null=True, blank=True)
    omim_id = models.CharField(max_length=12, blank=True)
    ensembl_id = models.CharField(max_length=30, blank=True)
    location = models.CharField(max_length=60, blank=True)
    locus_group = models.CharField(max_length=60, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["symbol"]
        # Gene pages and treatment search look symbols up case-insensitively (`symbol__iexact`).
        indexes = [models.Index(Upper("symbol"), name="gene_symbol_upper")]

    def __str__(self) -> str:
        return self.symbol

    def get_absolute_url(self) -> str:
        return reverse("knowledge:gene-detail", kwargs={"symbol": self.symbol})

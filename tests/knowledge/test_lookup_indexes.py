"""The treatment search's case-insensitive sign lookups are answered from an index, not a scan."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models.functions import Upper

from knowledge.models import Phenotype, PhenotypeSynonym
from tests.factories.knowledge import PhenotypeFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (lambda words: Phenotype.objects.annotate(u=Upper("name")).filter(u__in=words),
         "phenotype_name_upper"),
        (lambda words: PhenotypeSynonym.objects.annotate(u=Upper("text")).filter(u__in=words),
         "phenotype_synonym_text_upper"),
    ],
)  # fmt: skip
def test_typed_signs_use_the_upper_index(queryset, index) -> None:
    """`UPPER(name) IN (...)` as treatments/resolve.py runs it: without the index PostgreSQL
    can only scan every term (~10 ms on 19,500 terms), whatever the planner is told."""
    PhenotypeFactory(name="Seizure")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        # Unordered: on a table this small an ordered scan of the name index could win anyway.
        plan = queryset(["SEIZURE", "SHORT STATURE"]).order_by().explain()
    assert index in plan, plan

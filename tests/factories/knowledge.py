"""Factories for the knowledge base. Facts here are test fixtures, not medical content."""

from __future__ import annotations

import datetime

import factory
from django.utils.text import slugify

from knowledge import models

TODAY = datetime.date(2026, 11, 25)


class ConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Condition
        django_get_or_create = ("primary_id",)

    name = factory.Sequence(lambda n: f"Test condition {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name)[:190])
    primary_id = factory.Sequence(lambda n: f"ORPHA:{900000 + n}")
    definition = "A condition used in tests."
    definition_source = factory.LazyAttribute(lambda o: o.primary_id)
    retrieved_on = TODAY


class ConditionIdentifierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ConditionIdentifier

    condition = factory.SubFactory(ConditionFactory)
    scheme = models.IdentifierScheme.OMIM
    value = factory.Sequence(lambda n: str(600000 + n))
    source = "test"
    retrieved_on = TODAY


class ConditionSynonymFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ConditionSynonym

    condition = factory.SubFactory(ConditionFactory)
    text = factory.Sequence(lambda n: f"Synonym {n}")
    source = "test"
    retrieved_on = TODAY


class GeneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Gene
        django_get_or_create = ("symbol",)

    symbol = factory.Sequence(lambda n: f"TG{n}")
    hgnc_id = factory.Sequence(lambda n: f"HGNC:{90000 + n}")
    name = factory.LazyAttribute(lambda o: f"test gene {o.symbol}")
    source = "test"
    retrieved_on = TODAY


class PhenotypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Phenotype
        django_get_or_create = ("hpo_id",)

    hpo_id = factory.Sequence(lambda n: f"HP:{9000000 + n:07d}")
    name = factory.Sequence(lambda n: f"Test phenotype {n}")
    source = "test"
    retrieved_on = TODAY


class ConditionPhenotypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ConditionPhenotype

    condition = factory.SubFactory(ConditionFactory)
    phenotype = factory.SubFactory(PhenotypeFactory)
    frequency = 0.5
    source = "test"
    retrieved_on = TODAY


class ConditionGeneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ConditionGene

    condition = factory.SubFactory(ConditionFactory)
    gene = factory.SubFactory(GeneFactory)
    source = "test"
    retrieved_on = TODAY


class VariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Variant

    gene = factory.SubFactory(GeneFactory)
    name = factory.Sequence(lambda n: f"NM_000000.1:c.{n + 1}A>G")
    hgvs_c = factory.LazyAttribute(lambda o: o.name.split(":")[-1])
    source = "test"
    retrieved_on = TODAY


class TherapyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Therapy
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"testotherapy {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    modality = models.Modality.SMALL_MOLECULE
    mechanism = "A test mechanism."
    source = "test"
    retrieved_on = TODAY


class TherapyLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TherapyLink

    therapy = factory.SubFactory(TherapyFactory)
    condition = factory.SubFactory(ConditionFactory)
    condition_name = factory.LazyAttribute(lambda o: o.condition.name if o.condition else "x")
    status = models.ApprovalStatus.INVESTIGATIONAL
    evidence_level = models.EvidenceLevel.OPEN_LABEL_STUDY
    source = "test"
    retrieved_on = TODAY

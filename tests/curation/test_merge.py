"""Merging two conditions that are the same: nothing lost, duplicates folded, old URL redirects."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from content.models import Article
from curation.services import MergeError, condition_merge
from knowledge.models import (
    Condition,
    ConditionGene,
    ConditionIdentifier,
    ConditionPhenotype,
    ConditionSubtype,
    IdentifierScheme,
    InheritanceMode,
    ReviewStatus,
    SlugRedirect,
    VariantCondition,
)
from knowledge.models.common import LinkMethod
from literature.models import PublicationLink
from tests.factories.knowledge import (
    ConditionFactory,
    ConditionGeneFactory,
    ConditionIdentifierFactory,
    ConditionPhenotypeFactory,
    ConditionSynonymFactory,
    GeneFactory,
    PhenotypeFactory,
    TherapyLinkFactory,
    VariantFactory,
)
from tests.factories.records import ArticleFactory, ClinicalTrialFactory, PublicationFactory
from trials.models import TrialLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair() -> tuple[Condition, Condition]:
    """A survivor and a duplicate sharing some facts and each holding its own."""
    target = ConditionFactory(
        name="Spinal muscular atrophy",
        primary_id="ORPHA:70",
        inheritance=[InheritanceMode.AUTOSOMAL_RECESSIVE],
    )
    source = ConditionFactory(
        name="SMA type 1",
        primary_id="OMIM:253300",
        family_summary="A short summary.",
        inheritance=[InheritanceMode.AUTOSOMAL_RECESSIVE, InheritanceMode.UNKNOWN],
    )
    return target, source


def test_merge_moves_everything_and_folds_duplicates(
    pair: tuple[Condition, Condition], editor: User
) -> None:
    target, source = pair
    ConditionIdentifierFactory(condition=source, scheme=IdentifierScheme.MONDO, value="0009327")
    ConditionSynonymFactory(condition=target, text="Werdnig-Hoffmann disease")
    ConditionSynonymFactory(condition=source, text="werdnig-hoffmann disease")  # duplicate
    ConditionSynonymFactory(condition=source, text="Infantile SMA")
    shared_phenotype, own_phenotype = PhenotypeFactory(), PhenotypeFactory()
    ConditionPhenotypeFactory(condition=target, phenotype=shared_phenotype, frequency=None)
    ConditionPhenotypeFactory(condition=source, phenotype=shared_phenotype, frequency=0.8)
    ConditionPhenotypeFactory(condition=source, phenotype=own_phenotype)
    shared_gene = GeneFactory(symbol="SMN1")
    ConditionGeneFactory(condition=target, gene=shared_gene)
    ConditionGeneFactory(condition=source, gene=shared_gene, association="disease-causing")
    ConditionGeneFactory(condition=source, gene=GeneFactory(symbol="SMN2"))
    variant = VariantFactory()
    VariantCondition.objects.create(
        variant=variant, condition=source, source="t", retrieved_on=source.retrieved_on
    )
    therapy_link = TherapyLinkFactory(condition=source)
    trial = ClinicalTrialFactory()
    TrialLink.objects.create(trial=trial, condition=target, method=LinkMethod.NAME_MATCH)
    TrialLink.objects.create(
        trial=trial,
        condition=source,
        method=LinkMethod.NAME_MATCH,
        review_status=ReviewStatus.CONFIRMED,
        reviewed_by=editor,
    )
    TrialLink.objects.create(
        trial=ClinicalTrialFactory(), condition=source, method=LinkMethod.IDENTIFIER
    )
    PublicationLink.objects.create(
        publication=PublicationFactory(), condition=source, method=LinkMethod.NAME_MATCH
    )
    both, only_source = ArticleFactory(), ArticleFactory()
    both.related_conditions.add(source, target)
    only_source.related_conditions.add(source)
    SlugRedirect.objects.create(old_slug="an-older-name", condition=source)

    result = condition_merge(source=source, target=target, user=editor)

    assert not Condition.objects.filter(pk=source.pk).exists()
    assert result.survivor_id == target.pk
    curies = {i.curie for i in ConditionIdentifier.objects.filter(condition=target)}
    assert {"MONDO:0009327", "OMIM:253300"} <= curies
    synonyms = sorted(target.synonyms.values_list("text", flat=True))
    assert synonyms == ["Infantile SMA", "SMA type 1", "Werdnig-Hoffmann disease"]
    assert result.duplicates["synonyms"] == 1
    phenotypes = {
        p.phenotype_id: p.frequency for p in ConditionPhenotype.objects.filter(condition=target)
    }
    assert phenotypes[shared_phenotype.pk] == 0.8  # the blank was filled, not duplicated
    assert own_phenotype.pk in phenotypes
    genes = {g.gene.symbol: g.association for g in ConditionGene.objects.filter(condition=target)}
    assert genes == {"SMN1": "disease-causing", "SMN2": ""}
    assert VariantCondition.objects.filter(condition=target, variant=variant).exists()
    therapy_link.refresh_from_db()
    assert therapy_link.condition == target
    assert therapy_link.history.first().history_user == editor
    trial_links = TrialLink.objects.filter(condition=target)
    assert trial_links.count() == 2
    assert trial_links.get(trial=trial).review_status == ReviewStatus.CONFIRMED
    assert PublicationLink.objects.filter(condition=target).count() == 1
    assert set(Article.objects.filter(related_conditions=target)) == {both, only_source}
    assert set(
        SlugRedirect.objects.filter(condition=target).values_list("old_slug", flat=True)
    ) == {source.slug, "an-older-name"}
    target.refresh_from_db()
    assert target.family_summary == "A short summary."
    assert target.inheritance == [InheritanceMode.AUTOSOMAL_RECESSIVE, InheritanceMode.UNKNOWN]
    merged = target.history.first()
    assert merged.history_user == editor
    assert "SMA type 1" in merged.history_change_reason
    deleted = Condition.history.filter(id=source.pk, history_type="-").get()
    assert deleted.history_user == editor


def test_merging_a_type_into_its_group_keeps_the_other_types_and_makes_no_loop(
    pair: tuple[Condition, Condition], editor: User
) -> None:
    """The group's link to the merged type would point at itself: it goes, the rest move."""
    group, type_1 = pair
    type_2 = ConditionFactory(name="SMA type 2", primary_id="ORPHA:83418")
    wider = ConditionFactory(name="Genetic motor neuron disease", primary_id="ORPHA:98505")
    facts = {"source": "Orphanet ORPHApackets 2025-12", "retrieved_on": "2025-12-09"}
    ConditionSubtype.objects.create(parent=group, child=type_1, **facts)
    ConditionSubtype.objects.create(parent=group, child=type_2, **facts)
    ConditionSubtype.objects.create(parent=wider, child=group, **facts)
    ConditionSubtype.objects.create(parent=wider, child=type_1, **facts)  # repeats after merge

    result = condition_merge(source=type_1, target=group, user=editor)

    assert result.moved["subtypes"] == 0
    assert result.duplicates["subtypes"] == 2
    pairs = set(ConditionSubtype.objects.values_list("parent__primary_id", "child__primary_id"))
    assert pairs == {("ORPHA:70", "ORPHA:83418"), ("ORPHA:98505", "ORPHA:70")}


def test_a_condition_cannot_be_merged_into_itself(
    pair: tuple[Condition, Condition], editor: User
) -> None:
    target, _ = pair
    with pytest.raises(MergeError):
        condition_merge(source=target, target=target, user=editor)
    assert Condition.objects.filter(pk=target.pk).exists()


def test_the_merge_action_asks_which_condition_survives(
    pair: tuple[Condition, Condition], editor_client: Client
) -> None:
    target, source = pair
    ConditionSynonymFactory(condition=source, text="Infantile SMA")
    url = "/admin/knowledge/condition/"
    selected = {"action": "merge_conditions", "_selected_action": [target.pk, source.pk]}
    page = editor_client.post(url, selected)
    assert page.status_code == 200
    assert "Choose the one that stays" in page.content.decode()
    assert Condition.objects.filter(pk=source.pk).exists()

    done = editor_client.post(url, {**selected, "confirm": "yes", "survivor": target.pk})
    assert done.status_code == 302
    assert done["Location"] == f"/admin/knowledge/condition/{target.pk}/change/"
    assert not Condition.objects.filter(pk=source.pk).exists()
    assert target.synonyms.filter(text="Infantile SMA").exists()
    assert SlugRedirect.objects.get(old_slug=source.slug).condition == target
    old_page = Client().get(f"/conditions/{source.slug}/")
    assert old_page.status_code == 301
    assert old_page["Location"] == target.get_absolute_url()


def test_the_merge_action_needs_exactly_two(editor_client: Client) -> None:
    three = [ConditionFactory().pk for _ in range(3)]
    response = editor_client.post(
        "/admin/knowledge/condition/",
        {"action": "merge_conditions", "_selected_action": three},
        follow=True,
    )
    assert "Select exactly two conditions" in response.content.decode()
    assert Condition.objects.filter(pk__in=three).count() == 3


def test_conditions_with_long_names_merge_and_the_history_says_so(editor: User) -> None:
    long_name = "Autosomal recessive " + "very long descriptive name " * 8
    target = ConditionFactory(name=long_name[:290], slug="long-a", primary_id="ORPHA:999001")
    source = ConditionFactory(
        name=long_name[:280] + " twin", slug="long-b", primary_id="OMIM:999002"
    )
    condition_merge(source=source, target=target, user=editor)
    assert not Condition.objects.filter(pk=source.pk).exists()
    reason = target.history.latest().history_change_reason
    assert reason.startswith("Merged OMIM:999002")
    assert len(reason) <= 100

"""The PubMed query names the genes that cause a condition, never its modifier genes."""

from __future__ import annotations

import pytest

from knowledge.linking import condition_gene_symbols, load_condition
from literature.refresh import pubmed_term
from tests.factories.knowledge import ConditionFactory, ConditionGeneFactory


@pytest.mark.django_db
def test_modifier_genes_stay_out_of_the_pubmed_query() -> None:
    """SMA type 2 in Orphanet: SMN1 causes it, SMN2 modifies it; only SMN1 is searched."""
    sma2 = ConditionFactory(name="Proximal spinal muscular atrophy type 2")
    ConditionGeneFactory(condition=sma2, gene__symbol="SMN1",
                         association="Disease-causing germline mutation(s) in")  # fmt: skip
    ConditionGeneFactory(condition=sma2, gene__symbol="SMN2",
                         association="Modifying germline mutation in")  # fmt: skip
    ConditionGeneFactory(condition=sma2, gene__symbol="NAIP", association="")
    symbols = condition_gene_symbols(load_condition(sma2.pk))
    assert symbols == ["NAIP", "SMN1"]  # HPO's untyped link counts as a cause
    assert "SMN2" not in pubmed_term([sma2.name], symbols)

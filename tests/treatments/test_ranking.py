"""Treatment search ranks therapies by how specifically they fit the query, and says why."""

from __future__ import annotations

import pytest

from treatments.query import TreatmentQuery, TreatmentQueryError
from treatments.selectors import treatment_list_ranked


def names(results) -> list[str]:
    return [r.therapy_name for r in results.results]


def test_gene_smn1_finds_the_sma_therapies_at_gene_level(kb: dict) -> None:
    results = treatment_list_ranked(query=TreatmentQuery(gene="smn1"))
    assert set(names(results)) >= {"nusinersen", "risdiplam", "onasemnogene abeparvovec"}
    assert results.gene_symbol == "SMN1"
    first = results.results[0]
    assert first.tier == "gene"
    assert any("SMN1" in reason for reason in first.reasons)


def test_dmd_deletion_48_50_puts_eteplirsen_first_with_the_reason(kb: dict) -> None:
    results = treatment_list_ranked(query=TreatmentQuery(variant="DMD deletion of exons 48-50"))
    top = results.results[0]
    assert top.therapy_name == "eteplirsen"
    assert top.tier == "variant"
    assert any("exon 51" in reason and "48-50" in reason for reason in top.reasons)
    ranked = names(results)
    # Labelled for other exons: still shown, but below the gene-level therapies without a rule.
    assert ranked.index("golodirsen") > ranked.index("givinostat")
    golodirsen = results.results[ranked.index("golodirsen")]
    assert any("not listed as amenable" in reason for reason in golodirsen.reasons)


def test_cftr_f508del_gives_variant_level_modulators(kb: dict) -> None:
    """Two F508del copies reach the two-copy modulators at variant level; G551D's does not."""
    results = treatment_list_ranked(query=TreatmentQuery(gene="CFTR F508del", copies=2))
    variant_level = [r.therapy_name for r in results.results if r.tier == "variant"]
    assert "elexacaftor/tezacaftor/ivacaftor" in variant_level
    assert "lumacaftor/ivacaftor" in variant_level
    assert "tezacaftor/ivacaftor" in variant_level
    assert "ivacaftor" not in variant_level  # its first label is G551D
    luma = next(r for r in results.results if r.therapy_name == "lumacaftor/ivacaftor")
    assert any("two copies of F508del" in reason for reason in luma.reasons)
    assert names(results).index("ivacaftor") > names(results).index("lumacaftor/ivacaftor")


def test_condition_by_orpha_curie_and_by_name(kb: dict) -> None:
    by_id = treatment_list_ranked(query=TreatmentQuery(condition="ORPHA:98896"))
    by_name = treatment_list_ranked(query=TreatmentQuery(condition="duchenne muscular dystrophy"))
    assert names(by_id) == names(by_name)
    assert "casimersen" in names(by_id)
    assert by_id.results[0].tier == "condition"


def test_malformed_variant_raises_a_clear_message(kb: dict) -> None:
    with pytest.raises(TreatmentQueryError) as caught:
        treatment_list_ranked(query=TreatmentQuery(variant="c.12345Q>Z"))
    assert caught.value.field == "variant"
    assert "Could not read the variant" in caught.value.message


def test_filters_narrow_by_modality_and_status(kb: dict) -> None:
    from treatments.query import TreatmentFilters

    query = TreatmentQuery(
        condition="ORPHA:98896",
        filters=TreatmentFilters(modality=("antisense_oligonucleotide",)),
    )
    results = treatment_list_ranked(query=query)
    assert results.results
    assert {r.modality for r in results.results} == {"antisense_oligonucleotide"}
    ema_only = treatment_list_ranked(
        query=TreatmentQuery(
            condition="ORPHA:98896", filters=TreatmentFilters(status=("ema_approved",))
        )
    )
    # Approved in the EU today: ataluren's authorisation expired on 28 March 2025.
    assert names(ema_only) == ["givinostat", "vamorolone"]

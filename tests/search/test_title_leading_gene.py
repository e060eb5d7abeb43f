"""A gene leading a pasted trial title's page gives way to the condition beside it."""

from __future__ import annotations

from search.request import Hit
from search.study_titles import condition_before_drug


def _hit(doc_type: str, id_: str, name: str) -> Hit:
    return Hit(doc_type=doc_type, id=id_, name=name, url="/", snippet="", score=1.0)


def test_the_condition_next_to_a_leading_gene_comes_first() -> None:
    # NCT07474298: the gene PACS1 led, the syndrome the title names was second.
    gene = _hit("gene", "PACS1", "PACS1: phosphofurin acidic cluster sorting protein 1")
    syndrome = _hit("condition", "ORPHA:329224", "Schuurs-Hoeijmakers syndrome")
    title = (
        "Personalized Antisense Oligonucleotide for A Single Participant With PACS1 Gene "
        "Mutation Associated With Schuurs-Hoeijmakers Syndrome (SHMS)"
    )
    assert condition_before_drug([gene, syndrome], title) == [syndrome, gene]


def test_a_gene_with_no_condition_near_it_keeps_its_place() -> None:
    gene = _hit("gene", "ATN1", "ATN1: atrophin 1")
    article = _hit("article", "a1", "Finding a clinical trial")
    assert condition_before_drug([gene, article], "A Study of ATN1") == [gene, article]


def test_a_leading_gene_keeps_its_place_before_a_condition_the_title_does_not_write() -> None:
    # Review of H39: "Genetic hyperferritinemia without iron overload" lists HFE and shares
    # "iron overload" with the title, but the title does not write its name: HFE stays first.
    gene = _hit("gene", "HFE", "HFE: homeostatic iron regulator")
    stray = _hit("condition", "ORPHA:254704", "Genetic hyperferritinemia without iron overload")
    title = "Study of HFE Genotype in Patients With Iron Overload"
    assert condition_before_drug([gene, stray], title) == [gene, stray]


def test_a_gene_the_title_does_not_write_gives_way_to_a_condition_it_causes() -> None:
    # A drug code read as a gene's alias leads: the gene's own condition comes first.
    gene = _hit("gene", "TTR", "TTR: transthyretin")
    amyloidosis = _hit("condition", "ORPHA:85447", "Hereditary ATTR amyloidosis")
    title = "NTLA-2001 in Patients With Amyloidosis With Cardiomyopathy"
    ordered = condition_before_drug([gene, amyloidosis], title, gene_causes=["ORPHA:85447"])
    assert ordered == [amyloidosis, gene]
    assert condition_before_drug([gene, amyloidosis], title) == [gene, amyloidosis]

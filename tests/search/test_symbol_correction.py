"""Spelling proposals for gene symbols and short words: one slip, the likeliest kind first."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from search import lexicon
from search.analysis import analyze
from search.documents import Document, ExactField, register, registry
from search.indexer import index_objects, lexicon_counts
from search.models import SearchTerm
from search.spelling import spelling_correction, spelling_proposals
from search.text import is_symbol_like, one_edit_neighbours, swapped_neighbours
from tests.factories.knowledge import ConditionGeneFactory, GeneFactory


def test_symbol_shapes() -> None:
    assert all(map(is_symbol_like, ["mecp2", "scn1a", "ptpn11p4", "c13orf12"]))
    assert not any(map(is_symbol_like, ["cftr", "1523", "5q", "x" * 20 + "1", ""]))


@contextmanager
def known_words(uses: list[tuple[str, int]]) -> Iterator[None]:
    """These words in the spelling vocabulary, each with its uses, the lexicon reloaded around."""
    SearchTerm.objects.bulk_create(SearchTerm(term=term, frequency=n) for term, n in uses)
    lexicon.invalidate()
    try:
        yield
    finally:
        lexicon.invalidate()


def test_neighbours_one_slip_away() -> None:
    assert swapped_neighbours("cfrt") == {"fcrt", "crft", "cftr"}
    assert swapped_neighbours("aab") == {"aba"}
    near = one_edit_neighbours("tcs2")
    assert {"tsc2", "tc2", "tcs12", "tcf2"} <= near
    assert "tcs2" not in near
    assert "tsc1" not in near  # two slips


@pytest.fixture
def words_of_the_index(db):
    # Frequencies as the default install gives them (names and synonyms using each word).
    with known_words(
        [
            ("scn1a", 2), ("snca", 2), ("smn1", 3), ("smn2", 3), ("idua", 1), ("ieda", 1),
            ("cdkl5", 2), ("cdk5", 8), ("duchenne", 5),
        ]
    ):  # fmt: skip
        yield


@pytest.mark.parametrize(
    ("query", "corrected"),
    [
        ("SNC1A", "scn1a"),  # a swap, though dropping "1" gives SNCA, as often used
        ("CDLK5", "cdkl5"),  # a swap, though dropping "L" gives CDK5, used four times as often
        ("IUDA", "idua"),  # a swap in a short word: trigrams alone never reached it
        ("DUCHENE", "duchenne"),
    ],
)
def test_one_slip_is_corrected_and_a_swap_comes_first(
    words_of_the_index, query: str, corrected: str
) -> None:
    assert spelling_correction(query) == corrected


@pytest.mark.parametrize("query", ["SMN3", "SMN2", "rs113993960 SMN2"])
def test_no_proposal_without_a_clear_winner_or_a_slip(words_of_the_index, query: str) -> None:
    assert spelling_correction(query) is None


def test_the_spelling_vocabulary_holds_symbols(db) -> None:
    from search.documents import document_for

    gene = GeneFactory(symbol="MECP2", name="methyl-CpG binding protein 2")
    docs = [doc for batch in document_for("gene").iter_documents() for doc in batch]
    counts = lexicon_counts(d for d in docs if d.object_id == gene.pk)
    assert counts["mecp2"] == 1
    assert "methyl" in counts


@pytest.fixture
def symbols_near_each_other(db):
    # Words one slip from the typed ones, with their uses in the default install's names.
    with known_words(
        [
            ("aag2", 4), ("jak2", 3), ("ak2", 2), ("pak2", 2), ("arsk", 2), ("arrs1", 1),
            ("arrs2", 1), ("nr1h4", 2), ("rh4", 1), ("r14", 1), ("klrc4", 2), ("klc4", 2),
            ("ovol2", 1), ("cool2", 1), ("smn1", 3), ("smn2", 3),
        ]
    ):  # fmt: skip
        yield


@pytest.mark.parametrize(
    ("query", "corrected"),
    [
        ("AAK2", "ak2"),  # a doubled key, though JAK2 and AAG2 are one changed letter away
        ("ARRSK", "arsk"),  # a doubled key in a word without digits too
        ("R1H4", "nr1h4"),  # a dropped first letter, though RH4 and R14 drop one more
        ("KLEC4", "klrc4"),  # "e" for its neighbouring key "r", though KLC4 drops a letter
    ],
)
def test_a_doubled_key_then_a_dropped_letter_or_a_neighbouring_key_wins(
    symbols_near_each_other, query: str, corrected: str
) -> None:
    assert spelling_correction(query) == corrected


@pytest.mark.parametrize(
    "query",
    [
        "OOL2",  # OVOL2 and COOL2 each add one letter, equally used
        "SMN3",  # a changed digit names another gene of the family, never a slip of the key
    ],
)
def test_no_proposal_when_two_symbols_are_as_likely_slips(
    symbols_near_each_other, query: str
) -> None:
    assert spelling_correction(query) is None


def test_a_doubled_letter_of_an_everyday_word_is_not_a_slip(db) -> None:
    # English doubles letters ("moody", "mood"): only a word typed in capitals is a symbol.
    with known_words([("mody", 11), ("mood", 6)]):
        assert spelling_correction("anxious and moody") is None


@pytest.fixture
def symbols_tied(db):
    # Words one slip from the typed ones: "jga1" swaps to JAG1 and to GJA1; "ltcs" drops a
    # character of LTC4S and of OTCS; "tmem151s" has "s" for its neighbouring key "a" in TMEM151A.
    with known_words(
        [
            ("jag1", 2), ("gja1", 3), ("ltc4s", 1), ("otcs", 1), ("smn1", 3), ("smn2", 3),
            ("ovol2", 1), ("cool2", 1), ("tmem151", 2), ("tmem151a", 1),
            ("abc1", 1), ("bac1", 1), ("acb1", 1), ("abc11", 1),
        ]
    ):  # fmt: skip
        yield


@pytest.mark.parametrize(
    ("query", "readings"),
    [
        ("JGA1", ("gja1", "jag1")),  # two swaps; the more used symbol first
        ("OOL2", ("cool2", "ovol2")),  # a letter dropped from each, as used
        ("LTCS", ("ltc4s", "otcs")),  # typed in capitals, no word clearly closest: a symbol
        ("JGA1 mutation", ("gja1 mutation", "jag1 mutation")),
    ],
)
def test_two_symbols_as_likely_are_both_read_without_a_proposal(
    symbols_tied, query: str, readings: tuple[str, ...]
) -> None:
    assert spelling_proposals(query) == (None, readings)
    analysis = analyze(query)
    assert analysis.corrected is None
    assert analysis.tied_keys == readings
    # the likelier symbol's key counts more
    weights = dict((keys, weight) for keys, weight in analysis.weighted_keys)
    assert weights[(readings[0],)] > weights[(readings[1],)]


@pytest.mark.parametrize(
    "query",
    [
        "SMN3",  # a changed digit: SMN1 and SMN2 are other genes of the family, never a tie
        "ABC1X",  # nothing one likely slip away
        "ltcs",  # an everyday word typed in lower case is never read as a tie
    ],
)
def test_no_tie_for_a_changed_digit_or_a_lower_case_word(symbols_tied, query: str) -> None:
    assert spelling_proposals(query) == (None, ())
    assert analyze(query).tied_keys == ()


def test_a_symbol_ending_in_s_is_no_plural(symbols_tied) -> None:
    # "TMEM151S" read as the plural of TMEM151 was never corrected.
    assert spelling_correction("TMEM151S") == "tmem151a"


@pytest.fixture
def disease_genes_near(db):
    # Indexed genes: BARD1, PDP1, LOX and TF are linked to a condition, the others are not. Uses
    # as the default install gives them ("tf" has two characters: no lexicon word). "BAR1" is a
    # likely slip of BCAR1, GAR1, BAT1 and BARX1 too: four as used, so none of them is read.
    linked = [GeneFactory(symbol=s) for s in ("BARD1", "PDP1", "LOX", "TF")]
    for gene in linked:
        ConditionGeneFactory(gene=gene)
    others = [GeneFactory(symbol=s) for s in ("BCAR1", "GAR1", "BAT1", "BARX1", "POD1")]
    index_objects("gene", [gene.pk for gene in linked + others])  # their symbols join the lexicon
    for term, uses in [("bcar1", 3), ("gar1", 3), ("bat1", 2), ("barx1", 2), ("pod1", 2)]:
        SearchTerm.objects.filter(term=term).update(frequency=uses)
    lexicon.invalidate()
    yield
    lexicon.invalidate()


@pytest.mark.parametrize(
    ("query", "corrected"),
    [
        ("BAR1", "bard1"),  # a dropped letter of the one disease gene among five symbols
        ("LXO", "lox"),  # three characters: a swap that reaches a disease gene
        ("TFF", "tf"),  # three characters: a doubled key of a disease gene
    ],
)
def test_a_likely_slip_of_one_disease_gene_wins(
    disease_genes_near, query: str, corrected: str
) -> None:
    assert spelling_correction(query) == corrected


def test_a_disease_gene_and_a_likelier_slip_are_both_read_without_a_proposal(
    disease_genes_near,
) -> None:
    # "PDO1": "o" for its neighbouring key "p" in PDP1 (a disease gene), or a swap of POD1.
    assert spelling_proposals("PDO1") == (None, ("pdp1", "pod1"))


@pytest.mark.parametrize(
    "query",
    [
        "POD1",  # a symbol typed right is never rewritten, though PDP1 is a disease gene
        "lxo",  # three letters in lower case are a word, not a symbol
        "LXO-AS1",  # three characters that are part of a longer symbol are not read alone
    ],
)
def test_a_disease_gene_wins_only_a_likely_slip_of_a_word_typed_as_a_symbol(
    disease_genes_near, query: str
) -> None:
    assert spelling_proposals(query) == (None, ())


@pytest.fixture
def gene_family_and_an_unrelated_slip(db):
    # SMN1 and SMN2 are linked to a condition; STMN3 is not, and "SMN3" drops its "T". Four
    # linked COL4A genes make "COL4A7" name a family too large to read.
    linked = [GeneFactory(symbol=s) for s in ("SMN1", "SMN2", "COL4A1", "COL4A2", "COL4A3")]
    linked.append(GeneFactory(symbol="COL4A4"))
    for gene in linked:
        ConditionGeneFactory(gene=gene)
    others = [GeneFactory(symbol=s) for s in ("STMN3", "COL4A7P")]
    index_objects("gene", [gene.pk for gene in linked + others])
    lexicon.invalidate()
    yield
    lexicon.invalidate()


def test_a_number_no_gene_of_a_family_has_reads_the_family_not_another_slip(
    gene_family_and_an_unrelated_slip,
) -> None:
    # Before, "SMN3" was corrected to the unrelated STMN3 (a dropped letter).
    assert spelling_proposals("SMN3") == (None, ("smn1", "smn2"))
    assert analyze("SMN3").tied_keys == ("smn1", "smn2")


def test_a_family_too_large_to_read_gets_no_reading(gene_family_and_an_unrelated_slip) -> None:
    # COL4A1-4 as likely: none is read, nor COL4A7P (a letter added).
    assert spelling_proposals("COL4A7") == (None, ())


def test_a_preferred_spelling_field_cannot_share_its_boost() -> None:
    """The lexicon finds the keys of a `preferred_spelling` field by the field's boost, so a
    second exact field with that boost would add its keys too: registering one is refused."""

    class Twin(Document):
        doc_type = "twin_boost_test"
        fields = (
            ExactField("symbol", boost=60, preferred_spelling=True),
            ExactField("alias", boost=60),
        )

    with pytest.raises(ValueError, match="share its boost"):
        register(Twin)
    assert "twin_boost_test" not in registry()

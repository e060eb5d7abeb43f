"""A gene symbol typed alone ("CFTR", "fbn1 gene", "PAH mutation") or on a report's line: the
gene first, then the conditions it causes, commonest first.

The gene's entry lists the ids of the conditions its sources tie to it as disease-causing,
commonest first (`extra["causes"]`, ordered by Orphanet's prevalence class when the gene is
indexed). They are looked up as keys at weights that put them below the gene's symbol (60) and
above the genes that merely share a prefix or name it (antisense RNAs, pseudogenes, family
members: 36 or a word match) and the conditions that list the gene only as a modifier or a
susceptibility (a word match in their genes field). Each is a little lighter than the one
before, so the commonest reach the first page however many there are (HBB causes 27), and on
the page they are put in that order (`causes_in_order`): the text share of each hit's score
varies more than the steps between them.

A symbol typed alone that is also a condition's name or abbreviation ("PAH": the gene, and
pulmonary arterial hypertension) answers the gene, its commonest condition, then the condition
the letters name, then the gene's other conditions: a physician who typed the symbol and a
family who typed the letters a doctor said both find what they meant in the first three.
"""

from __future__ import annotations

import re
from dataclasses import replace

from search import lexicon
from search.analysis import QueryAnalysis
from search.keys import conditions_named, gene_causes, has_exact_key, named_with
from search.request import Hit
from search.text import key_form

# Words typed after a symbol that still ask for the gene ("FBN1 gene", "PAH mutation").
GENE_WORDS = frozenset({"gene", "genes", "mutation", "mutations", "variant", "variants"})
FIRST_WEIGHT = 0.5  # the commonest condition: its id (100) at 50, below the symbol (60)
NAMED_WEIGHT = 0.46  # the condition a symbol typed alone also names: after the commonest
# The others from just below those towards LAST_WEIGHT, each step a fifth smaller: above
# another gene's symbol (36) and a condition's abbreviation (40) the symbol is not.
NEXT_WEIGHT = 0.44
LAST_WEIGHT = 0.41
STEP = 0.8
SUBTYPE_WEIGHT = 0.45  # a title's subtype named for its gene: its id (100) at 45


# How a title ties a subtype to its gene: "RAG1-Deficient SCID", "SHANK3-related ...".
_TIED = frozenset({"deficient", "deficiency", "related", "associated", "mutated", "linked"})

_LISTED = re.compile(r"\s+(?:and|or|&)(?:\s+|$)")


def with_caused_conditions(analysis: QueryAnalysis) -> QueryAnalysis:
    """The analysis with the ids of the conditions the typed gene causes as keys, if any."""
    if analysis.identifier is not None:
        return analysis
    symbol = typed_symbol(analysis)
    causes = gene_causes(symbol) if symbol else []
    if not causes:
        return _with_subtype_of_gene(analysis)
    keys = _cause_keys(causes)
    weights = _weights(len(keys))
    named_keys = tuple(key_form(curie) for curie in conditions_named(symbol, causes))
    if not _typed_alone(analysis):
        # "pah gene" asks for the gene: the condition the letters also name comes after the
        # gene's own, on the page (a text match can outweigh the steps between the causes).
        return replace(
            analysis, cause_keys=keys, cause_weights=tuple(weights), named_keys=named_keys
        )
    return replace(
        analysis,
        cause_keys=(*keys[:1], *named_keys, *keys[1:]),
        cause_weights=(*weights[:1], *(NAMED_WEIGHT for _ in named_keys), *weights[1:]),
        named_keys=named_keys,
    )


def _cause_keys(causes: list[str]) -> tuple[str, ...]:
    """The search keys of a gene's conditions, once each, in the commonest-first order given."""
    return tuple(dict.fromkeys(key_form(curie) for curie in causes))


def _weights(count: int) -> list[float]:
    """The commonest cause at FIRST_WEIGHT, each next a little lighter towards LAST_WEIGHT."""
    steps = (LAST_WEIGHT + (NEXT_WEIGHT - LAST_WEIGHT) * STEP**i for i in range(count - 1))
    return [FIRST_WEIGHT, *steps]


def _with_subtype_of_gene(analysis: QueryAnalysis) -> QueryAnalysis:
    """A study title's condition named for its gene ("Gene Therapy in RAG1-Deficient SCID"):
    the conditions the gene causes whose names hold the name's other words ("SCID due to
    complete RAG1/2 deficiency"), as keys just below a name the title gives."""
    for name in analysis.title_names:
        words = name.split()
        if _names_only_the_gene(words, analysis.title_names):
            # "... for a Participant With ATN1 Gene Mutation": the trial enrolls people with
            # the conditions the gene causes, commonest first, as for the symbol typed alone.
            causes = gene_causes(words[0]) if words[0] in lexicon.current().preferred else []
            if causes:
                keys = _cause_keys(causes)
                return replace(analysis, cause_keys=keys, cause_weights=tuple(_weights(len(keys))))
        # Only a name tied to the gene by its next word: "TTR Amyloidosis" names every form.
        if len(words) < 3 or words[1] not in _TIED:
            continue
        symbol, _tie, *rest = words
        if symbol not in lexicon.current().preferred:
            continue
        subtypes = named_with(gene_causes(symbol), " ".join(rest))
        if subtypes:
            keys = tuple(key_form(curie) for curie in subtypes)
            return replace(
                analysis,
                cause_keys=keys,
                cause_weights=tuple(SUBTYPE_WEIGHT for _ in keys),
            )
    return analysis


def _names_only_the_gene(words: list[str], names: tuple[str, ...]) -> bool:
    """Is this title name a gene written with the word "gene" ("ATN1 Gene Mutation"), in a
    title that names no condition besides? "... Solid Tumors With KRAS Mutations" enrolls
    people with a cancer, not with the germline conditions KRAS causes."""
    if len(words) < 2 or "gene" not in words[1:] or not set(words[1:]) <= GENE_WORDS:
        return False
    # The other names, and what a name listing the gene beside them says besides it
    # ("glioma and scn2a gene mutation": "glioma").
    gene_name = " ".join(words)
    others = {
        piece.strip()
        for name in names
        if name != gene_name
        for piece in _LISTED.split(name.replace(gene_name, ""))
    } - {""}
    return not (others and has_exact_key(sorted(others), ["condition"]))


def typed_symbol(analysis: QueryAnalysis) -> str | None:
    """The key of the gene the query names: the gene of a variant or report line, or a symbol
    of a gene tied to a condition typed alone or before "gene" or "mutation"."""
    if analysis.variant_gene or analysis.finding_gene:
        return key_form(analysis.variant_gene or analysis.finding_gene or "")
    typed = analysis.raw.split()
    while len(typed) > 1 and typed[-1].lower() in GENE_WORDS:
        typed.pop()
    if len(typed) != 1:
        return None
    key = key_form(typed[0])
    return key if key in lexicon.current().preferred else None


def _typed_alone(analysis: QueryAnalysis) -> bool:
    """A symbol with nothing after it: "PAH" may mean the condition, "PAH gene" does not."""
    return (
        not analysis.variant_gene and not analysis.finding_gene and len(analysis.raw.split()) == 1
    )


def causes_in_order(hits: list[Hit], analysis: QueryAnalysis) -> list[Hit]:
    """The gene's conditions on the page in the order of `cause_keys`, commonest first, in the
    places they hold, then the conditions the symbol names when the gene was asked for
    (`named_keys`); every other hit keeps its place, and so do the conditions a symbol typed
    alone names (their own scores order them)."""
    named = set(analysis.named_keys)
    causes = (key for key in analysis.cause_keys if key not in named)
    order = {key: rank for rank, key in enumerate(causes)}
    if not _typed_alone(analysis):
        for key in analysis.named_keys:
            order.setdefault(key, len(order))
    places = [i for i, hit in enumerate(hits) if key_form(hit.id) in order]
    if len(places) < 2:
        return hits
    members = sorted((hits[i] for i in places), key=lambda hit: order[key_form(hit.id)])
    ordered = list(hits)
    for place, hit in zip(places, members, strict=True):
        ordered[place] = hit
    return ordered

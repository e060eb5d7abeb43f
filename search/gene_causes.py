"""A gene symbol typed alone ("CFTR", "fbn1 gene", "PAH mutation") or on a report's line: the
gene first, then the conditions it causes.

The gene's entry lists the ids of the conditions its sources tie to it as disease-causing
(`extra["causes"]`). They are looked up as keys at a weight that puts them below the gene's
symbol (60) and above the genes that merely share a prefix or name it (antisense RNAs,
pseudogenes, family members: 36 or a word match) and the conditions that list the gene only as
a modifier or a susceptibility (a word match in their genes field). Cystic fibrosis lists many
modifier genes beside CFTR, so its genes field weighed "CFTR" too little to follow the gene.
"""

from __future__ import annotations

from dataclasses import replace

from search import lexicon
from search.analysis import QueryAnalysis
from search.keys import gene_causes
from search.text import key_form

# Words typed after a symbol that still ask for the gene ("FBN1 gene", "PAH mutation").
GENE_WORDS = frozenset({"gene", "genes", "mutation", "mutations", "variant", "variants"})
MAX_CAUSES = 12  # an engine scores the first twelve keys of a list


def with_caused_conditions(analysis: QueryAnalysis) -> QueryAnalysis:
    """The analysis with the ids of the conditions the typed gene causes as keys, if any."""
    if analysis.identifier is not None:
        return analysis
    symbol = typed_symbol(analysis)
    causes = gene_causes(symbol) if symbol else []
    if not causes:
        return analysis
    keys = tuple(dict.fromkeys(key_form(curie) for curie in causes))[:MAX_CAUSES]
    return replace(analysis, cause_keys=keys)


def typed_symbol(analysis: QueryAnalysis) -> str | None:
    """The key of the gene the query names: the gene of a variant or report line, or a symbol
    of a gene tied to a condition typed alone or before "gene" or "mutation"."""
    if analysis.variant_gene:
        return key_form(analysis.variant_gene)
    typed = analysis.raw.split()
    while len(typed) > 1 and typed[-1].lower() in GENE_WORDS:
        typed.pop()
    if len(typed) != 1:
        return None
    key = key_form(typed[0])
    return key if key in lexicon.current().preferred else None

"""A line copied from a genetic report, read for what it names.

- A gene beside an exon, copy-number or repeat finding, a zygosity or a class ("deletion of
  exons 45 to 50 of the DMD gene", "0 copies of SMN1", "likely pathogenic variant in SCN1A"):
  the gene is the query, then the conditions it causes. The finding's own words ("deletion",
  "7") matched chromosome deletion syndromes, which the line does not name.
- Two HGVS names on one line ("CFTR c.1521_1523del (p.Phe508del) / c.1624G>T (p.Gly542Ter)"):
  both are read, each on the gene the line names.
- A chromosome region (a microarray or ClinVar copy-number line, an ISCN "del(15)(q13.2q13.3)",
  "1p36 deletion", "15q13.3q14"): read as that region (`search.regions`), the conditions named
  for an overlapping region, then the genes HGNC places there.
- A rearrangement ("46,XX,t(11;22)(q23;q11.2)", "inv(16)(p13.1q22)"): the conditions whose
  names carry it (`search.regions`); a fusion by its genes ("PML::RARA"), the conditions whose
  gene lists name both as fused, then the two genes.
- A whole-chromosome or sex-chromosome change ("47,XX,+21", "45,X"): the names a syndrome of
  it has in Orphanet ("Trisomy 21", "45,X syndrome"), looked up as names.

Which words are genes is the lexicon's list of symbols of genes tied to a condition, so
"MLPA", "CGG" or "EX8DEL" are never taken for one.
"""

from __future__ import annotations

from dataclasses import replace

from identifiers.cytogenetics import read_chromosome_line
from identifiers.hgvs import VariantDescription, VariantParseError, parse_variant
from identifiers.hgvs.report import is_finding, report_variants, symbol_candidates
from identifiers.rearrangements import Rearrangement, words_besides
from search import lexicon
from search.analysis import QueryAnalysis
from search.keys import keys_held
from search.name_forms import MAX_ALTERNATIVES
from search.regions import found_for, fusion_found, with_fusion, with_reading, with_region
from search.study_titles import is_study_title
from search.text import content_words, key_form, phrase_form


def with_report_line(analysis: QueryAnalysis) -> QueryAnalysis:
    """The analysis of a report line read as what it names; any other query as it was."""
    if analysis.identifier is not None:
        return analysis
    if not analysis.variant and (fusion := fusion_found(analysis.raw)) is not None:
        # "PML::RARA": the conditions of the fusion first; the words keep their search too
        # (Orphanet names "AML with BCR-ABL1", and its gene list names no fused gene).
        return with_fusion(analysis, fusion)
    line = None if analysis.variant else read_chromosome_line(analysis.raw)
    # A study's title naming "Patients With SHANK3 Mutations" is about its condition, named
    # after them: no report's finding.
    titled = is_study_title(analysis.raw, analysis.code_words)
    genes = () if line is not None or titled else named_genes(analysis.raw)
    if line is None and not genes:
        return analysis
    # A name as typed ("MECP2 duplication syndrome") is not a report's line; the gene's own
    # symbol, read out of "likely pathogenic variant in COL3A1", is no such name.
    if keys_held(set(analysis.exact_keys[:2])) - {key_form(gene) for gene in genes}:
        # "Dup(7)(q11.23)" is a synonym too: found by its name, and still read as a region.
        reading = line.reading if line is not None else None
        return (
            analysis
            if reading is None
            else with_reading(analysis, reading, found_for(reading, analysis.raw))
        )
    if line is not None and line.reading is not None:
        found = found_for(line.reading, analysis.raw)
        if (
            isinstance(line.reading, Rearrangement)
            and not found.conditions
            and words_besides(analysis.raw)
        ):
            # "down syndrome t(14;21)": a rearrangement no name carries leaves the words their
            # search ("down syndrome"), with the reading beside it.
            return with_reading(analysis, line.reading, found)
        return with_region(analysis, line.reading, found)
    if line is not None:
        return _as_chromosome_names(analysis, line.names)
    return _as_gene_finding(analysis, genes)


def named_genes(query: str) -> tuple[str, ...]:
    """The genes tied to a condition that a report's finding names, as typed, in order."""
    if not is_finding(query):
        return ()
    known = lexicon.current().preferred
    return tuple(word for word in symbol_candidates(query) if key_form(word) in known)


def _as_gene_finding(analysis: QueryAnalysis, genes: tuple[str, ...]) -> QueryAnalysis:
    # "smn1" typed on a phone is SMN1; "C9orf72" keeps the capitals HGNC gives it.
    variants = _variants(analysis.raw, genes[0].upper() if genes[0].islower() else genes[0])
    variant_keys = [key_form(key) for v in variants for key in v.search_keys]
    first = variants[0] if variants else None
    variant = analysis.variant or (first.normalized if first else None)
    typed_keys, other_keys = analysis.exact_keys[:2], analysis.exact_keys[2:]
    gene_keys = [key_form(gene) for gene in genes]
    others = [tuple(content_words(gene)) for gene in genes[1:]]
    # The words as typed stay one alternative: a name holding all of them ("MECP2 duplication
    # syndrome") still matches.
    typed = [analysis.terms] if len(analysis.terms) > 1 else []
    # A name on a transcript ("NM_000344.3(SMN1):c.999del") was read whole, by its keys only:
    # its gene answers by key, and no word of it is matched.
    precise = not analysis.terms
    return replace(
        analysis,
        terms=() if precise else tuple(content_words(genes[0])),
        # The genes right after the line's own keys: an engine scores the first twelve only.
        exact_keys=tuple(dict.fromkeys((*typed_keys, *gene_keys, *other_keys, *variant_keys))),
        alternatives=()
        if precise
        else tuple(dict.fromkeys(a for a in (*others, *typed) if a))[:MAX_ALTERNATIVES],
        part_keys=(),
        tied_keys=(),
        corrected=None,
        may_widen=False,
        finding_gene=genes[0],
        variant=variant,
        variant_gene=(analysis.variant_gene or (first.gene if first else None) or genes[0])
        if variant
        else None,
    )


def _variants(query: str, gene: str) -> list[VariantDescription]:
    found = []
    for text in report_variants(query, gene):
        try:
            found.append(parse_variant(text))
        except VariantParseError:
            continue
    return found


def _as_chromosome_names(analysis: QueryAnalysis, names: tuple[str, ...]) -> QueryAnalysis:
    """A whole chromosome's count ("47,XX,+21"): the names some document holds ("Trisomy
    21"); none held keeps none (an engine scores twelve keys, so only held ones)."""
    forms = [phrase_form(name) for name in names]
    held = keys_held(set(forms))
    return analysis.by_keys_only(
        exact_keys=tuple(dict.fromkeys((*(k for k in forms if k in held), *analysis.exact_keys)))
    )

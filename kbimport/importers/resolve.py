"""Finding the stored condition or gene a source names, by identifier or exact name."""

from __future__ import annotations

from collections import defaultdict

from knowledge.models import Condition, ConditionIdentifier, ConditionSynonym, Gene


def split_curie(curie: str) -> tuple[str, str]:
    """'ORPHA:558' -> ('ORPHA', '558')."""
    scheme, _, value = curie.partition(":")
    return scheme, value


class ConditionIndex:
    """Condition primary keys by CURIE (primary ids and cross-references), loaded once."""

    def __init__(self) -> None:
        self.by_curie: dict[str, int] = {}
        self.primary: dict[int, str] = {}
        self.curies: dict[int, list[str]] = defaultdict(list)
        for pk, primary_id in Condition.objects.values_list("pk", "primary_id"):
            self.by_curie[primary_id] = pk
            self.primary[pk] = primary_id
        for scheme, value, pk in ConditionIdentifier.objects.values_list(
            "scheme", "value", "condition_id"
        ):
            # A cross-reference wins over a primary id: it is where a merge sent the id.
            self.by_curie[f"{scheme}:{value}"] = pk
        for curie, pk in self.by_curie.items():
            self.curies[pk].append(curie)

    def find(self, curie: str) -> int | None:
        """The condition known by ``curie``, if any."""
        return self.by_curie.get(curie)

    def owns(self, curie: str) -> bool:
        """True when ``curie`` is the primary id of the condition it resolves to."""
        pk = self.by_curie.get(curie)
        return pk is not None and self.primary.get(pk) == curie

    def add(self, curie: str, pk: int, *, primary: bool = False) -> None:
        """Remember that ``curie`` now resolves to ``pk``."""
        self.by_curie[curie] = pk
        self.curies[pk].append(curie)
        if primary:
            self.primary[pk] = curie

    def merged(self, source: int, target: int) -> None:
        """Every id of the merged ``source`` condition now resolves to ``target``."""
        for curie in self.curies.pop(source, []):
            self.by_curie[curie] = target
            self.curies[target].append(curie)
        self.primary.pop(source, None)


def condition_names() -> dict[str, set[int]]:
    """Lower-cased condition names and synonyms -> condition pks (for exact name matching)."""
    names: dict[str, set[int]] = defaultdict(set)
    for pk, name in Condition.objects.values_list("pk", "name"):
        names[name.casefold()].add(pk)
    for pk, text in ConditionSynonym.objects.values_list("condition_id", "text"):
        names[text.casefold()].add(pk)
    return names


class GeneIndex:
    """Gene primary keys by HGNC id, NCBI Gene id and symbol, loaded once."""

    def __init__(self) -> None:
        self.by_hgnc: dict[str, int] = {}
        self.by_ncbi: dict[int, int] = {}
        self.by_symbol: dict[str, int] = {}
        for pk, symbol, hgnc, ncbi in Gene.objects.values_list(
            "pk", "symbol", "hgnc_id", "ncbi_gene_id"
        ):
            self.remember(pk, symbol=symbol, hgnc_id=hgnc, ncbi_gene_id=ncbi)

    def remember(
        self, pk: int, *, symbol: str, hgnc_id: str | None, ncbi_gene_id: int | None
    ) -> None:
        """Index one gene."""
        self.by_symbol[symbol] = pk
        if hgnc_id:
            self.by_hgnc[hgnc_id] = pk
        if ncbi_gene_id:
            self.by_ncbi[ncbi_gene_id] = pk

    def find(
        self,
        *,
        hgnc_id: str | None = None,
        ncbi_gene_id: int | None = None,
        symbol: str | None = None,
    ) -> int | None:
        """The gene matching the first identifier given that is known (HGNC, NCBI, symbol)."""
        if hgnc_id and hgnc_id in self.by_hgnc:
            return self.by_hgnc[hgnc_id]
        if ncbi_gene_id and ncbi_gene_id in self.by_ncbi:
            return self.by_ncbi[ncbi_gene_id]
        if symbol:
            return self.by_symbol.get(symbol)
        return None

"""Record types shared by the ORPHApacket and Orphadata XML parsers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OrphaXref:
    """A cross-reference: source ('OMIM', 'ICD-10', 'MeSH'...), reference, mapping relation."""

    source: str
    reference: str
    relation: str | None


@dataclass(frozen=True, slots=True)
class OrphaGene:
    """A gene associated with a disorder."""

    symbol: str
    name: str | None
    hgnc_id: str | None
    association_type: str | None
    status: str | None
    xrefs: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class OrphaPhenotype:
    """An HPO phenotype of a disorder, with Orphanet's frequency text."""

    hpo_id: str
    term: str | None
    frequency: str | None


@dataclass(frozen=True, slots=True)
class OrphaPrevalence:
    """One prevalence statement of a disorder."""

    type: str | None
    qualification: str | None
    prevalence_class: str | None
    mean_value: str | None
    geographic: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class OrphaDisorderRecord:
    """An Orphanet disorder; XML products fill only their part, the rest stays empty."""

    orpha_code: int
    name: str
    disorder_type: str | None
    disorder_group: str | None
    synonyms: tuple[str, ...] = ()
    definition: str | None = None
    url: str | None = None
    xrefs: tuple[OrphaXref, ...] = ()
    genes: tuple[OrphaGene, ...] = ()
    phenotypes: tuple[OrphaPhenotype, ...] = ()
    prevalence: tuple[OrphaPrevalence, ...] = ()
    age_of_onset: tuple[str, ...] = ()
    inheritance: tuple[str, ...] = ()
    parents: tuple[int, ...] = ()
    children: tuple[int, ...] = ()
    version: str | None = None
    date: str | None = None

"""Parsers for Orphanet data: ORPHApackets (JSON) and the Orphadata XML products."""

from kbimport.sources.orphanet.packets import iter_orphapackets, parse_packet
from kbimport.sources.orphanet.products import iter_product4, iter_product6, iter_product9_ages
from kbimport.sources.orphanet.records import (
    OrphaDisorderRecord,
    OrphaGene,
    OrphaPhenotype,
    OrphaPrevalence,
    OrphaXref,
)

__all__ = [
    "OrphaDisorderRecord",
    "OrphaGene",
    "OrphaPhenotype",
    "OrphaPrevalence",
    "OrphaXref",
    "iter_orphapackets",
    "iter_product4",
    "iter_product6",
    "iter_product9_ages",
    "parse_packet",
]

"""Matching an FDA designation's text to the conditions of the knowledge base (pure Python)."""

from kbimport.indications.index import NameIndex
from kbimport.indications.result import Match
from kbimport.indications.text import designation_core, normalise

__all__ = ["Match", "NameIndex", "designation_core", "normalise"]

"""Pure, streaming parsers for the knowledge base's raw source files.

Each ``iter_*`` function is a generator yielding frozen record dataclasses, or a
``SourceRowError`` for a malformed row (never raised), so an importer can log, skip and count
it. A file that cannot be read at all raises ``SourceFileError``.
"""

from kbimport.sources.common import ProgressCallback, SourceFileError, SourceRowError

__all__ = ["ProgressCallback", "SourceFileError", "SourceRowError"]

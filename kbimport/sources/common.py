"""Shared parts of the source parsers: row errors, progress reporting and streaming readers."""

from __future__ import annotations

import csv
import gzip
import io
import os
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

ProgressCallback = Callable[[int, int | None], None]
T = TypeVar("T")

_GZIP_MAGIC = b"\x1f\x8b"
_PROGRESS_STEP = 1 << 20  # report at most once per MiB read, to keep callbacks cheap


@dataclass(frozen=True, slots=True)
class SourceRowError:
    """A malformed row: yielded, not raised, so the importer can log, skip and count it."""

    file: str
    line: int | None
    field: str | None
    message: str


class SourceFileError(Exception):
    """A source file that cannot be read at all."""


class BadField(Exception):
    """Raised by a row parser; the iterator turns it into a ``SourceRowError``."""

    def __init__(self, field: str | None, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.line = line


@dataclass(frozen=True, slots=True)
class Line:
    """One text line of a source file, without its line ending."""

    number: int
    text: str


class Progress:
    """Calls ``on_progress(bytes_read, total)`` at most once per MiB, and once at the end."""

    def __init__(self, callback: ProgressCallback | None, total: int | None) -> None:
        self.callback = callback
        self.total = total
        self._last = -_PROGRESS_STEP

    def update(self, position: int) -> None:
        """Report ``position`` if it moved far enough since the last report."""
        if self.callback is not None and position - self._last >= _PROGRESS_STEP:
            self._last = position
            self.callback(position, self.total)

    def finish(self, position: int) -> None:
        """Report the final position."""
        if self.callback is not None:
            self.callback(position, self.total)


def file_size(path: Path) -> int | None:
    """Size in bytes of ``path``, or None when unknown."""
    try:
        return os.stat(path).st_size
    except OSError:
        return None


@contextmanager
def open_binary(path: Path | str) -> Iterator[tuple[BinaryIO, BinaryIO]]:
    """Open ``path`` as (raw file, decompressed stream); gzip is detected by its magic bytes."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise SourceFileError(f"{path}: cannot open: {exc}") from exc
    try:
        is_gzip = raw.read(2) == _GZIP_MAGIC
        raw.seek(0)
        stream: BinaryIO = gzip.GzipFile(fileobj=raw) if is_gzip else raw  # type: ignore[assignment]
        try:
            yield raw, stream
        except (OSError, EOFError, zlib.error) as exc:
            # A corrupt or truncated gzip stream cannot be trusted past this point.
            raise SourceFileError(f"{path}: cannot read: {exc}") from exc
        finally:
            stream.close()
    finally:
        raw.close()


def iter_lines(
    path: Path | str, on_progress: ProgressCallback | None = None
) -> Iterator[Line | SourceRowError]:
    """Yield each line of a text file (plain or gzip, UTF-8, LF or CRLF) with its number."""
    progress = Progress(on_progress, file_size(Path(path)))
    with open_binary(path) as (raw, stream):
        for number, data in enumerate(stream, start=1):
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield SourceRowError(str(path), number, None, f"not UTF-8: {exc}")
                continue
            yield Line(number, text.rstrip("\r\n"))
            progress.update(raw.tell())
        progress.finish(raw.tell())


def iter_csv_rows(
    path: Path | str, on_progress: ProgressCallback | None = None, delimiter: str = ","
) -> Iterator[tuple[int, list[str]] | SourceRowError]:
    """Yield (line number, fields) for each CSV record, the header included."""
    progress = Progress(on_progress, file_size(Path(path)))
    with open_binary(path) as (raw, stream):
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        reader = csv.reader(text, delimiter=delimiter, strict=True)
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError) as exc:
                yield SourceRowError(str(path), reader.line_num, None, f"bad CSV: {exc}")
                continue
            yield reader.line_num, fields
            progress.update(raw.tell())
        progress.finish(raw.tell())


def split_row(line: Line, expected: int, path: Path | str) -> list[str] | SourceRowError:
    """Split a tab-separated line; extra trailing empty columns are allowed."""
    fields = line.text.split("\t")
    while len(fields) > expected and fields[-1] == "":
        fields.pop()
    if len(fields) != expected:
        return SourceRowError(
            str(path), line.number, None, f"expected {expected} columns, found {len(fields)}"
        )
    return fields


def iter_tsv_records(
    path: Path | str,
    on_progress: ProgressCallback | None,
    *,
    required: tuple[str, ...],
    build: Callable[[dict[str, str], int], T],
    comment: str | None = None,
) -> Iterator[T | SourceRowError]:
    """Yield build(row, line) for each row of a tab-separated file whose first line names the
    columns (after lines starting with `comment`, if given); a malformed row is yielded as a
    SourceRowError, a wrong header raises."""
    columns: list[str] = []
    for item in iter_lines(path, on_progress):
        if isinstance(item, SourceRowError):
            yield item
            continue
        if comment and item.text.startswith(comment):
            continue
        if not columns:
            columns = item.text.split("\t")
            while columns and not columns[-1]:
                columns.pop()  # some exports end the header with an empty column
            missing = [c for c in required if c not in columns]
            if missing:
                raise SourceFileError(f"{path}: header lacks columns {missing}")
            continue
        if not item.text:
            continue
        fields = split_row(item, len(columns), path)
        if isinstance(fields, SourceRowError):
            yield fields
            continue
        try:
            yield build(dict(zip(columns, fields, strict=True)), item.number)
        except BadField as exc:
            yield SourceRowError(str(path), item.number, exc.field, exc.message)


@dataclass(frozen=True, slots=True)
class XmlRecord:
    """One record element, complete with its subtree, and the root element's attributes."""

    line: int
    element: ET.Element
    root_attrib: dict[str, str]


def iter_xml_records(
    path: Path | str, tags: frozenset[str], on_progress: ProgressCallback | None = None
) -> Iterator[XmlRecord | SourceRowError]:
    """Stream the elements named ``tags``, dropping each from the tree once it has been yielded.

    An XML syntax error cannot be recovered from (expat stops), so it is yielded as a
    ``SourceRowError`` at its line and iteration ends; the records before it come through.
    """
    progress = Progress(on_progress, file_size(Path(path)))
    parser = ET.XMLPullParser(events=("start", "end"))
    stack: list[ET.Element] = []
    starts: list[int] = []
    root_attrib: dict[str, str] = {}
    root_seen: list[bool] = []
    number = 0

    def drain() -> Iterator[XmlRecord]:
        for event, elem in parser.read_events():
            if event == "start":
                if not stack:
                    root_attrib.update(elem.attrib)
                    root_seen.append(True)
                stack.append(elem)
                if elem.tag in tags:
                    starts.append(number)
                continue
            stack.pop()
            if elem.tag in tags:
                start = starts.pop()
                if not starts:
                    yield XmlRecord(start, elem, root_attrib)
            if not starts and stack:
                # Outside any record nothing is kept: memory stays flat as the file grows.
                stack[-1].remove(elem)
                elem.clear()

    with open_binary(path) as (raw, stream):
        try:
            for number, data in enumerate(stream, start=1):  # noqa: B007 - read by drain()
                parser.feed(data)
                yield from drain()
                progress.update(raw.tell())
            parser.close()
            yield from drain()
        except ET.ParseError as exc:
            if not root_seen:
                raise SourceFileError(f"{path}: not XML: {exc}") from exc
            line = exc.position[0] if exc.position else number
            yield SourceRowError(str(path), line, None, f"XML syntax error: {exc}")
            return
        progress.finish(raw.tell())


def text_of(elem: ET.Element | None, path: str | None = None) -> str | None:
    """Stripped text of ``elem`` (or of its descendant at ``path``), None when empty."""
    if elem is not None and path is not None:
        elem = elem.find(path)
    if elem is None or elem.text is None:
        return None
    return elem.text.strip() or None


def parse_int(value: str | None, field: str) -> int | None:
    """Parse an optional integer field, raising ``BadField`` when it is not a number."""
    if value is None or value.strip() in ("", "-"):
        return None
    try:
        return int(value)
    except ValueError:
        raise BadField(field, f"not an integer: {value!r}") from None


def split_values(value: str | None, sep: str = "|") -> tuple[str, ...]:
    """Split a multi-valued field into a tuple of non-empty stripped values."""
    if not value:
        return ()
    return tuple(part.strip() for part in value.split(sep) if part.strip())


def header_value(path: Path | str, prefix: str) -> str | None:
    """The value after ``prefix:`` in a file's leading '#' header lines, or None."""
    for item in iter_lines(path):
        if isinstance(item, SourceRowError) or not item.text.startswith("#"):
            return None
        if item.text.startswith(prefix):
            return item.text[len(prefix) :].partition(":")[2].strip()
    return None

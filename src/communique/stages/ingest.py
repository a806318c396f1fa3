"""Ingest: paths, directories and standard input into Documents, or error records.

Input kinds are told apart by extension, and by content for standard input. Nothing raises for a
bad document: it becomes an error record in its place and the rest of the input goes on. Misuse
(a path that does not exist) raises InputNotFoundError before anything is read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from communique.document import Document, error_record
from communique.errors import (
    BinaryDocumentError,
    DocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    InputNotFoundError,
    MalformedDocumentError,
    UnsupportedInputError,
)
from communique.models import ArticleRecord

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
JSON_FIELDS = {"id", "text", "title", "published", "url", "source"}
#: a NUL byte or this share of control characters in the first KiB marks binary content
BINARY_CONTROL_SHARE = 0.10

Item = Document | ArticleRecord


def stable_id(text: str) -> str:
    """A content hash: the same text always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_inputs(
    inputs: Iterable[str], published: dt.date | None = None, max_chars: int = 1_000_000
) -> Iterator[Item]:
    """Documents (or error records) from paths, directories (recursively) and '-' (stdin)."""
    paths = list(inputs)
    for raw in paths:
        if raw != "-" and not Path(raw).exists():
            raise InputNotFoundError(f"input '{raw}' does not exist.")
    for raw in paths:
        if raw == "-":
            yield from _read_stdin(published, max_chars)
        elif Path(raw).is_dir():
            for path in sorted(p for p in Path(raw).rglob("*") if p.is_file()):
                if path.suffix.lower() in KNOWN_SUFFIXES:
                    yield from read_file(path, published, max_chars)
        else:
            yield from read_file(Path(raw), published, max_chars)


def read_file(path: Path, published: dt.date | None, max_chars: int) -> Iterator[Item]:
    suffix = path.suffix.lower()
    origin = str(path)
    try:
        if suffix not in KNOWN_SUFFIXES:
            raise UnsupportedInputError(f"{path}: unknown input kind '{suffix or '(none)'}'.")
        # bytes, not characters, bound what we read: a UTF-8 character is at most 4 bytes
        if suffix not in JSON_SUFFIXES and path.stat().st_size > 4 * max_chars:
            raise DocumentTooLargeError(
                f"{path} is {path.stat().st_size:,} bytes, over the limit of "
                f"{max_chars:,} characters."
            )
        data = path.read_bytes() if suffix not in JSON_SUFFIXES else b""
    except DocumentError as exc:
        yield error_record(_path_id(path), str(exc))
        return
    if suffix in JSON_SUFFIXES:
        yield from _read_json_file(path, published, max_chars)
    elif suffix in HTML_SUFFIXES:
        yield _guard(lambda: from_html(data, origin, published, max_chars), path)
    else:
        yield _guard(lambda: from_text_bytes(data, origin, published, max_chars, path.stem), path)


def _guard(make: Any, path: Path) -> Item:
    try:
        document: Document = make()
        return document
    except DocumentError as exc:
        return error_record(_path_id(path), str(exc))


def _path_id(path: Path) -> str:
    return path.stem or stable_id(str(path))


def decode(data: bytes, origin: str) -> tuple[str, list[str]]:
    """Text from bytes: UTF-8 (with or without BOM); invalid bytes are replaced, with a warning."""
    head = data[:1024]
    if b"\x00" in head or (
        head and sum(b < 9 or 13 < b < 32 for b in head) / len(head) > BINARY_CONTROL_SHARE
    ):
        raise BinaryDocumentError(f"{origin} looks binary, not text.")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        return text, [
            f"{origin} is not valid UTF-8 (first bad byte at {exc.start}); undecodable bytes "
            "were replaced with U+FFFD."
        ]


def from_text_bytes(
    data: bytes, origin: str, published: dt.date | None, max_chars: int, fallback_id: str
) -> Document:
    text, warnings = decode(data, origin)
    title, body = split_title(text)
    doc = make_document(body, origin, max_chars, title=title, published=published)
    doc.warnings.extend(warnings)
    return doc


def split_title(text: str) -> tuple[str | None, str]:
    """The first line is the title when a blank line follows it. Offsets index the body."""
    match = re.match(r"[ \t]*([^\n]{1,300}?)[ \t]*\r?\n[ \t]*\r?\n", text)
    if match and not re.search(r"[.!?\"”]\s*$", match.group(1)):
        return match.group(1), text[match.end() :]
    return None, text


def from_html(
    data: bytes, origin: str, published: dt.date | None, max_chars: int
) -> Document:
    import trafilatura

    html, warnings = decode(data, origin)
    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_precision=True
    )
    body = getattr(extracted, "text", None) if extracted is not None else None
    if not body:
        raise EmptyDocumentError(f"{origin}: no article text found in the page.")
    page_date = parse_published(getattr(extracted, "date", None), origin, strict=False)
    doc = make_document(
        body,
        origin,
        max_chars,
        title=getattr(extracted, "title", None),
        published=page_date or published,
        url=getattr(extracted, "url", None),
        source=getattr(extracted, "sitename", None),
    )
    doc.warnings.extend(warnings)
    return doc


def make_document(
    text: str,
    origin: str,
    max_chars: int,
    *,
    doc_id: str | None = None,
    title: str | None = None,
    published: dt.date | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Document:
    if not text.strip():
        raise EmptyDocumentError(f"{origin} has no text.")
    if len(text) > max_chars:
        raise DocumentTooLargeError(
            f"{origin} has {len(text):,} characters, over the limit of {max_chars:,}."
        )
    doc = Document(
        id=doc_id or stable_id(text),
        text=text,
        title=title,
        published=published,
        url=url,
        source=source,
        origin=origin,
    )
    if published is None:
        doc.warn(
            "no publication date: relative dates ('on Monday') stay unresolved. "
            "Give --published YYYY-MM-DD or a 'published' field."
        )
    return doc


def parse_published(value: Any, origin: str, strict: bool = True) -> dt.date | None:
    """An ISO date or datetime to a date; None when absent (or unparseable and not strict)."""
    if value in (None, ""):
        return None
    try:
        if isinstance(value, str) and len(value) > 10:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        if not strict:
            return None
        raise MalformedDocumentError(
            f"{origin}: 'published' is {value!r}, not an ISO date (YYYY-MM-DD) or datetime.",
            "write the date as 2024-12-09 or 2024-12-09T10:00:00Z.",
        ) from exc


def from_json_object(
    obj: Any, origin: str, published: dt.date | None, max_chars: int
) -> Document:
    if not isinstance(obj, dict):
        raise MalformedDocumentError(f"{origin}: expected a JSON object, got {type(obj).__name__}.")
    text = obj.get("text")
    if not isinstance(text, str):
        raise MalformedDocumentError(f"{origin}: the document has no string field 'text'.")
    doc_id = obj.get("id")
    return make_document(
        text,
        origin,
        max_chars,
        doc_id=str(doc_id) if doc_id not in (None, "") else None,
        title=_optional_str(obj.get("title")),
        published=parse_published(obj.get("published"), origin) or published,
        url=_optional_str(obj.get("url")),
        source=_optional_str(obj.get("source")),
    )


def _optional_str(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _read_json_file(path: Path, published: dt.date | None, max_chars: int) -> Iterator[Item]:
    with path.open("rb") as handle:
        first = handle.read(1024).lstrip()
    if first.startswith(b"["):
        yield from _json_array(path.read_bytes(), str(path), published, max_chars)
    else:
        with path.open("rb") as handle:
            yield from read_json_lines(handle, str(path), published, max_chars)


def _json_array(
    data: bytes, origin: str, published: dt.date | None, max_chars: int
) -> Iterator[Item]:
    try:
        items = json.loads(data.decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError as exc:
        yield error_record(
            stable_id(origin), f"[E504] {origin}: invalid JSON at line {exc.lineno}: {exc.msg}."
        )
        return
    for index, obj in enumerate(items):
        yield _json_item(obj, f"{origin}[{index}]", published, max_chars)


def read_json_lines(
    lines: Iterable[bytes], origin: str, published: dt.date | None, max_chars: int
) -> Iterator[Item]:
    for number, raw in enumerate(lines, start=1):
        line = raw.decode("utf-8-sig", errors="replace").strip()
        if not line:
            continue
        where = f"{origin}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield error_record(
                f"{Path(origin).stem}:{number}",
                f"[E504] {where}: not valid JSON ({exc.msg} at column {exc.colno}). "
                "Fix: write one JSON object per line.",
            )
            continue
        yield _json_item(obj, where, published, max_chars)


def _json_item(obj: Any, where: str, published: dt.date | None, max_chars: int) -> Item:
    try:
        return from_json_object(obj, where, published, max_chars)
    except DocumentError as exc:
        doc_id = obj.get("id") if isinstance(obj, dict) and obj.get("id") else where
        return error_record(str(doc_id), str(exc))


def _read_stdin(published: dt.date | None, max_chars: int) -> Iterator[Item]:
    data = sys.stdin.buffer.read(4 * max_chars + 1)
    stripped = data.lstrip()
    if stripped.startswith(b"{"):
        yield from read_json_lines(data.splitlines(), "<stdin>", published, max_chars)
    elif stripped.startswith(b"["):
        yield from _json_array(data, "<stdin>", published, max_chars)
    elif stripped[:200].lower().startswith((b"<!doctype html", b"<html")):
        yield _guard(lambda: from_html(data, "<stdin>", published, max_chars), Path("stdin"))
    else:
        yield _guard(
            lambda: from_text_bytes(data, "<stdin>", published, max_chars, "stdin"), Path("stdin")
        )

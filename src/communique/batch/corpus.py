"""Corpus readers: any size of input, streamed as small plain-dict units in a fixed order.

The batch runners send these units to worker processes (or Dask workers), so a unit is a plain
dict that pickles cheaply and carries no spaCy object. Parsing a unit into a Document happens in
the worker (`communique.batch.work.to_item`), through the ingest module, so a batch run and
`communique code` read a document the same way. The parent only streams: one file, one line, one
CSV row or one Parquet record batch in memory at a time, so a corpus of any size is read in
constant memory.

Unit kinds:
- `{"kind": "file", "origin", "suffix", "data"}`: one text or HTML file (bytes, read by `load`
  when its chunk is to be coded);
- `{"kind": "line", "origin", "line"}`: one JSON Lines line (decoded in the worker);
- `{"kind": "row", "origin", "fields"}`: one CSV row, Parquet row or JSON array item (a dict);
- `{"kind": "error", "id", "error"}`: an input that is bad before any parsing (too large).

The order is deterministic (paths as given, directories walked in sorted order), which is what
lets a checkpoint name a chunk by its position.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any

from communique.errors import DocumentTooLargeError, InputNotFoundError, UsageError
from communique.stages.ingest import HTML_SUFFIXES, TEXT_SUFFIXES, stable_id

Unit = dict[str, Any]

JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
TABLE_SUFFIXES = {".csv", ".tsv", ".parquet", ".pq"}
FILE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
#: Parquet rows read per record batch: bounds the parent's memory for wide text columns
PARQUET_BATCH_ROWS = 256


class CorpusError(UsageError):
    code = "E120"


@dataclass(frozen=True)
class Columns:
    """Which fields of a row (CSV, Parquet, JSON) hold the text and the id."""

    text: str = "text"
    id: str = "id"

    def canonical(self, row: dict[str, Any]) -> dict[str, Any]:
        """The row under the names ingest expects (`text`, `id`); other fields kept as they are."""
        if self.text == "text" and self.id == "id":
            return row
        out = {k: v for k, v in row.items() if k not in (self.text, self.id, "text", "id")}
        out["text"] = row.get(self.text)
        if self.id in row:
            out["id"] = row.get(self.id)
        return out


def kind_of(path: Path) -> str | None:
    """'file', 'jsonl', 'csv', 'tsv' or 'parquet' by extension (a trailing .gz allowed)."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    suffix = os.path.splitext(name)[1]
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in (".csv", ".tsv"):
        return suffix[1:]
    if suffix in (".parquet", ".pq") and not path.name.lower().endswith(".gz"):
        return "parquet"
    if suffix in FILE_SUFFIXES and not path.name.lower().endswith(".gz"):
        return "file"
    return None


def corpus_files(inputs: Iterable[str | Path]) -> list[Path]:
    """The files of a corpus, in a fixed order: paths as given, directories walked sorted.

    Only the file names are held (never contents); unknown kinds inside directories are skipped,
    unknown kinds named explicitly are refused before anything is coded.
    """
    paths = [Path(p) for p in inputs]
    for path in paths:
        if not path.exists():
            raise InputNotFoundError(f"input '{path}' does not exist.")
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(p for p in _walk(path) if kind_of(p) is not None)
        elif kind_of(path) is None:
            raise CorpusError(
                f"{path}: unknown input kind.",
                "give .txt/.md/.html files, .jsonl[.gz], .csv[.gz], .tsv or .parquet.",
            )
        else:
            files.append(path)
    return files


def _walk(root: Path) -> Iterator[Path]:
    """Files under root, depth first, names sorted at each level (hidden entries skipped)."""
    with os.scandir(root) as entries:
        ordered = sorted(entries, key=lambda e: e.name)
    for entry in ordered:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=True):
            yield from _walk(Path(entry.path))
        elif entry.is_file(follow_symlinks=True):
            yield Path(entry.path)


def check_columns(files: Iterable[Path], columns: Columns) -> None:
    """Refuse a CSV or Parquet file without the text column before any coding starts."""
    for path in files:
        kind = kind_of(path)
        if kind in ("csv", "tsv"):
            with _open_text(path) as handle:
                header = next(csv.reader(handle, delimiter=_delimiter(kind)), [])
        elif kind == "parquet":
            import pyarrow.parquet as pq

            header = list(pq.ParquetFile(path).schema_arrow.names)
        else:
            continue
        if columns.text not in header:
            raise CorpusError(
                f"{path}: no column '{columns.text}' (columns: {', '.join(header) or 'none'}).",
                "name the text column with --text-column.",
            )


def iter_units(
    files: Iterable[Path], columns: Columns = Columns(), max_chars: int = 1_000_000
) -> Iterator[Unit]:
    """Every unit of every file, streamed."""
    for path in files:
        kind = kind_of(path)
        if kind == "jsonl":
            yield from _jsonl_units(path, columns)
        elif kind in ("csv", "tsv"):
            yield from _csv_units(path, columns, kind)
        elif kind == "parquet":
            yield from _parquet_units(path, columns)
        else:
            yield _file_unit(path, max_chars)


def chunked(units: Iterable[Unit], size: int) -> Iterator[tuple[int, list[Unit]]]:
    """(chunk number, units): consecutive runs of `size` units, numbered from 0."""
    items = iter(units)
    number = 0
    while batch := list(islice(items, size)):
        yield number, batch
        number += 1


def _open_bytes(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _open_text(path: Path) -> IO[str]:
    return io.TextIOWrapper(_open_bytes(path), encoding="utf-8-sig", errors="replace", newline="")


def _jsonl_units(path: Path, columns: Columns) -> Iterator[Unit]:
    with _open_bytes(path) as handle:
        head = handle.read(1024).lstrip()
    if head.startswith(b"["):
        yield from _json_array_units(path, columns)
        return
    with _open_bytes(path) as handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                yield {
                    "kind": "line",
                    "origin": f"{path}:{number}",
                    "line": raw,
                    "text_column": columns.text,
                    "id_column": columns.id,
                }


def _json_array_units(path: Path, columns: Columns) -> Iterator[Unit]:
    """A JSON array must be parsed whole: its size bounds memory (JSON Lines streams)."""
    try:
        with _open_bytes(path) as handle:
            items = json.loads(handle.read().decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError as exc:
        yield {
            "kind": "error",
            "id": stable_id(str(path)),
            "error": f"[E504] {path}: invalid JSON at line {exc.lineno}: {exc.msg}.",
        }
        return
    for index, obj in enumerate(items):
        fields = columns.canonical(obj) if isinstance(obj, dict) else obj
        yield {"kind": "row", "origin": f"{path}[{index}]", "fields": fields}


def _delimiter(kind: str | None) -> str:
    return "\t" if kind == "tsv" else ","


def _csv_units(path: Path, columns: Columns, kind: str) -> Iterator[Unit]:
    csv.field_size_limit(2**31 - 1)  # news texts are longer than the csv module's 128 KiB
    with _open_text(path) as handle:
        reader = csv.DictReader(handle, delimiter=_delimiter(kind))
        for row in reader:
            fields = {k: (v if v != "" else None) for k, v in row.items() if k is not None}
            yield {
                "kind": "row",
                "origin": f"{path}:{reader.line_num}",
                "fields": columns.canonical(fields),
            }


def _parquet_units(path: Path, columns: Columns) -> Iterator[Unit]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    row = 0
    for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS):
        for fields in batch.to_pylist():
            row += 1
            clean = {k: _plain(v) for k, v in fields.items()}
            yield {"kind": "row", "origin": f"{path}#{row}", "fields": columns.canonical(clean)}


def _plain(value: Any) -> Any:
    """Dates and timestamps from Parquet as ISO text, which ingest parses."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _file_unit(path: Path, max_chars: int) -> Unit:
    """A file's unit names the file; `load` reads its bytes, only for chunks still to code."""
    size = path.stat().st_size
    if size > 4 * max_chars:  # bytes bound characters: a UTF-8 character is at most 4 bytes
        error = DocumentTooLargeError(
            f"{path} is {size:,} bytes, over the limit of {max_chars:,} characters."
        )
        return {"kind": "error", "id": path.stem or stable_id(str(path)), "error": str(error)}
    return {"kind": "file", "origin": str(path), "suffix": path.suffix.lower()}


def load(units: list[Unit]) -> list[Unit]:
    """The units with their file contents read (a resumed run skips done chunks unread)."""
    for unit in units:
        if unit["kind"] == "file" and "data" not in unit:
            unit["data"] = Path(unit["origin"]).read_bytes()
    return units


def fingerprint(files: Iterable[Path], extra: dict[str, Any]) -> str:
    """A key for the input set: each file's path, size and modification time, plus the options.

    Two runs with the same key chunk the corpus identically, so a checkpoint can name chunks by
    number. Editing, adding or removing a file, or changing an option, gives a new key.
    """
    digest = hashlib.sha256()
    for path in files:
        stat = path.stat()
        digest.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    digest.update(json.dumps(extra, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:20]


def estimate_count(files: Iterable[Path]) -> int:
    """Roughly how many documents: exact for Parquet, lines for JSONL/CSV, one per text file.

    Only for the progress bar's total and time left; counting newlines is fast next to coding.
    """
    total = 0
    for path in files:
        kind = kind_of(path)
        if kind == "parquet":
            import pyarrow.parquet as pq

            total += pq.ParquetFile(path).metadata.num_rows
        elif kind in ("jsonl", "csv", "tsv"):
            with _open_bytes(path) as handle:
                lines = sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
            total += max(lines - (kind != "jsonl"), 1)
        else:
            total += 1
    return total

"""Corpus readers: every format, gzip, column names, bad rows, order, and constant memory."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import tracemalloc
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from communique.batch.corpus import (
    Columns,
    CorpusError,
    check_columns,
    chunked,
    corpus_files,
    estimate_count,
    fingerprint,
    iter_units,
)
from communique.batch.work import to_item
from communique.document import Document
from communique.errors import InputNotFoundError
from communique.models import ArticleRecord

TEXTS = [
    "Ruritania accused Borduria of shelling the border town of Zenda on Friday.",
    "The envoy of Freedonia said the talks would resume in Geneva next week.",
    "Sylvania rejected the proposal, the foreign ministry said in a statement.",
]


def items(paths: list[Path], columns: Columns | None = None) -> list[Document | ArticleRecord]:
    units = iter_units(corpus_files([str(p) for p in paths]), columns or Columns())
    return [to_item(unit, None, 1_000_000) for unit in units]


def write_jsonl(path: Path, rows: list[object]) -> Path:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as handle:  # type: ignore[operator]
        for row in rows:
            handle.write((row if isinstance(row, str) else json.dumps(row)) + "\n")
    return path


def test_jsonl_rows_become_documents_with_their_ids(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "wire.jsonl", [
        {"id": f"w{i}", "text": text, "published": "2024-05-0" + str(i + 1)}
        for i, text in enumerate(TEXTS)
    ])
    docs = items([path])
    assert [d.id for d in docs] == ["w0", "w1", "w2"]
    assert all(isinstance(d, Document) for d in docs)
    assert docs[1].published == dt.date(2024, 5, 2)
    assert docs[2].text == TEXTS[2]


def test_jsonl_gz_reads_the_same_as_plain(tmp_path: Path) -> None:
    rows = [{"id": f"g{i}", "text": text} for i, text in enumerate(TEXTS)]
    plain = items([write_jsonl(tmp_path / "a.jsonl", rows)])
    packed = items([write_jsonl(tmp_path / "a.jsonl.gz", rows)])
    assert [(d.id, d.text) for d in plain] == [(d.id, d.text) for d in packed]


def test_bad_jsonl_rows_become_error_records_and_the_rest_goes_on(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "mixed.jsonl", [
        {"id": "ok1", "text": TEXTS[0]},
        "{not json",
        {"id": "empty", "text": "   "},
        {"id": "nontext", "text": 42},
        {"id": "ok2", "text": TEXTS[1]},
    ])
    got = items([path])
    assert [type(g).__name__ for g in got] == [
        "Document", "ArticleRecord", "ArticleRecord", "ArticleRecord", "Document"]
    bad = [g for g in got if isinstance(g, ArticleRecord)]
    assert [b.id for b in bad] == ["mixed:2", "empty", "nontext"]
    assert all(b.status == "error" and b.error for b in bad)
    assert "E504" in (bad[0].error or "") and "mixed.jsonl:2" in (bad[0].error or "")


def test_configurable_columns_in_jsonl_csv_and_parquet(tmp_path: Path) -> None:
    columns = Columns(text="body", id="doc_id")
    jsonl = write_jsonl(tmp_path / "j.jsonl", [{"doc_id": "j1", "body": TEXTS[0]}])
    csv_path = tmp_path / "c.csv"
    csv_path.write_text(f'doc_id,body,published\nc1,"{TEXTS[1]}",2024-06-01\n', encoding="utf-8")
    parquet = tmp_path / "p.parquet"
    pq.write_table(pa.table({"doc_id": ["p1"], "body": [TEXTS[2]],
                             "published": [dt.date(2024, 6, 2)]}), parquet)
    docs = items([jsonl, csv_path, parquet], columns)
    assert [(d.id, d.text) for d in docs] == [("j1", TEXTS[0]), ("c1", TEXTS[1]),
                                             ("p1", TEXTS[2])]
    assert docs[1].published == dt.date(2024, 6, 1)
    assert docs[2].published == dt.date(2024, 6, 2)  # a Parquet date column


def test_csv_gz_tsv_multiline_texts_and_missing_cells(tmp_path: Path) -> None:
    body = 'id,text\nm1,"First line of a report.\n\nSecond paragraph, with a comma."\nm2,\n'
    with gzip.open(tmp_path / "r.csv.gz", "wt", encoding="utf-8") as handle:
        handle.write(body)
    (tmp_path / "t.tsv").write_text(f"id\ttext\nt1\t{TEXTS[0]}\n", encoding="utf-8")
    got = items([tmp_path / "r.csv.gz", tmp_path / "t.tsv"])
    assert isinstance(got[0], Document) and "Second paragraph" in got[0].text
    assert isinstance(got[1], ArticleRecord) and got[1].id == "m2" and got[1].status == "error"
    assert isinstance(got[2], Document) and got[2].id == "t1"


def test_missing_text_column_is_refused_before_coding(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,content\n1,hello\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no column 'text'"):
        check_columns([path], Columns())
    check_columns([path], Columns(text="content"))


def test_directory_walk_is_sorted_recursive_and_skips_unknown_and_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(TEXTS[1], encoding="utf-8")
    (tmp_path / "a.txt").write_text("A headline\n\n" + TEXTS[0], encoding="utf-8")
    (tmp_path / "c.html").write_text(
        f"<html><body><article><p>{TEXTS[2]}</p></article></body></html>", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    files = corpus_files([str(tmp_path)])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a.txt", "b/2.txt", "c.html"]
    docs = items([tmp_path])
    assert docs[0].title == "A headline" and docs[0].text == TEXTS[0]  # type: ignore[union-attr]


def test_unknown_or_missing_inputs_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError):
        corpus_files([str(tmp_path / "nowhere.jsonl")])
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(CorpusError):
        corpus_files([str(tmp_path / "x.pdf")])


def test_oversized_text_file_is_an_error_record_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    unit = next(iter_units([path], max_chars=10))
    assert unit["kind"] == "error" and "E503" in unit["error"] and "data" not in unit
    record = to_item(unit, None, 10)
    assert isinstance(record, ArticleRecord) and record.id == "big"


def test_chunks_are_numbered_runs_and_the_fingerprint_tracks_inputs(tmp_path: Path) -> None:
    assert [(n, len(b)) for n, b in chunked(iter(range(7)), 3)] == [(0, 3), (1, 3), (2, 1)]
    path = write_jsonl(tmp_path / "f.jsonl", [{"text": t} for t in TEXTS])
    key = fingerprint([path], {"chunk_size": 3})
    assert key == fingerprint([path], {"chunk_size": 3})
    assert key != fingerprint([path], {"chunk_size": 4})
    write_jsonl(path, [{"text": t} for t in TEXTS[:2]])
    os.utime(path, ns=(1, 1))
    assert key != fingerprint([path], {"chunk_size": 3})
    assert estimate_count([path]) == 2


def _peak_bytes(units_of: object) -> int:
    tracemalloc.start()
    count = 0
    for _ in units_of:  # type: ignore[attr-defined]
        count += 1
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count > 0
    return peak


@pytest.mark.parametrize("kind", ["jsonl.gz", "csv", "parquet"])
def test_iteration_is_constant_memory(tmp_path: Path, kind: str) -> None:
    """20,000 rows (about 4 MB of text) stream with a peak far below the corpus size."""
    text = " ".join(TEXTS)
    path = tmp_path / f"big.{kind}"
    rows = 20_000
    if kind == "parquet":
        with pq.ParquetWriter(path, pa.schema([("id", pa.string()), ("text", pa.string())])) as w:
            for start in range(0, rows, 1000):
                w.write_table(pa.table({"id": [str(i) for i in range(start, start + 1000)],
                                        "text": [text] * 1000}))
    elif kind == "csv":
        with path.open("w", encoding="utf-8") as handle:
            handle.write("id,text\n")
            handle.writelines(f'{i},"{text}"\n' for i in range(rows))
    else:
        write_jsonl(path, [{"id": str(i), "text": text} for i in range(rows)])
    assert path.stat().st_size > 1_000_000 or kind != "csv"
    peak = _peak_bytes(iter_units([path]))
    assert peak < 1_500_000, f"{kind}: peak {peak:,} bytes while streaming"

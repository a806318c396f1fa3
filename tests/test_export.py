"""Exports: records, event CSV/Parquet, Phoenix-ordered CAMEO TSV, PLOVER JSON; and the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.cli import main
from communique.export import FORMATS, export
from communique.export.cameo_tsv import PHOENIX_COLUMNS, split_actor
from communique.models import ArticleRecord
from communique.query import EventFilter
from communique.store import Store
from communique.store_synth import hand_record

ACTORS = {
    "Lemuria": ("LMRGOV", "LMR", "country"),
    "Atlantis rebels": ("ATLREBMOS", "ATL", "group"),
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "export.db"
    record = hand_record(
        "art-1",
        ["Lemuria accused Atlantis rebels of\tshelling the port.",
         "Atlantis rebels attacked Lemuria."],
        ACTORS,
        events=[(0, "Lemuria", "Atlantis rebels", "112", "ACCUSE", "accused"),
                (1, "Atlantis rebels", "Lemuria", "190", "ASSAULT", "attacked")],
        published="2024-06-02",
    ).model_copy(update={"url": "https://example.org/a", "source": "Example Wire",
                         "title": "Port shelled"})
    with Store(path) as store:
        store.put_many([record, ArticleRecord(id="bad", status="error", error="empty")])
    return path


def _export(db: Path, fmt: str, filters: EventFilter | None = None) -> str:
    out = io.StringIO()
    with Store(db, readonly=True) as store:
        export(store, fmt, out, filters)
    return out.getvalue()


def test_jsonl_gives_back_the_records(db: Path) -> None:
    lines = _export(db, "jsonl").splitlines()
    records = [ArticleRecord.model_validate_json(line) for line in lines]
    assert [r.id for r in records] == ["art-1", "bad"]
    assert records[0].events[1].cameo == "190"
    filtered = _export(db, "jsonl", EventFilter(type="ASSAULT")).splitlines()
    assert [json.loads(line)["id"] for line in filtered] == ["art-1"]


def test_csv_has_one_row_per_event_with_evidence(db: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(db, "csv"))))
    assert [(r["source_code"], r["cameo"], r["target_name"]) for r in rows] == [
        ("LMRGOV", "112", "Atlantis rebels"), ("ATLREBMOS", "190", "Lemuria")]
    assert rows[1]["sentence"] == "Atlantis rebels attacked Lemuria."


def test_parquet_holds_the_event_table(db: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    target = tmp_path / "events.parquet"
    with Store(db, readonly=True) as store:
        assert export(store, "parquet", target) == 2
    table = pq.read_table(target)
    assert table.num_rows == 2
    assert table.column("cameo").to_pylist() == ["112", "190"]
    assert str(table.schema.field("confidence").type) == "double"
    assert str(table.schema.field("negated").type) == "bool"


def test_cameo_tsv_follows_the_phoenix_column_order(db: Path) -> None:
    lines = _export(db, "cameo-tsv").splitlines()
    assert lines[0].split("\t") == list(PHOENIX_COLUMNS)
    first = dict(zip(PHOENIX_COLUMNS, lines[1].split("\t"), strict=True))
    assert first["Date"] == "20240602" and first["Year"] == "2024" and first["Day"] == "02"
    assert (first["SourceActorFull"], first["SourceActorEntity"], first["SourceActorRole"]) == (
        "LMRGOV", "LMR", "GOV")
    assert (first["TargetActorRole"], first["TargetActorAttribute"]) == ("REB", "MOS")
    assert (first["EventCode"], first["EventRootCode"], first["PentaClass"]) == ("112", "11", "3")
    assert first["SentenceID"] == "art-1_0" and first["NewsSources"] == "Example Wire"
    assert all(len(line.split("\t")) == len(PHOENIX_COLUMNS) for line in lines)


def test_split_actor_like_phoenix() -> None:
    assert split_actor("USAGOV", "USA") == ("USAGOV", "USA", "GOV", "")
    assert split_actor("IGOUNO", None) == ("IGOUNO", "IGO", "", "UNO")
    assert split_actor("SYRREBSUNMOS", "SYR") == ("SYRREBSUNMOS", "SYR", "REB", "SUN;MOS")
    assert split_actor(None, None) == ("", "", "", "")


def test_plover_json_uses_the_spec_field_names(db: Path) -> None:
    records = [json.loads(line) for line in _export(db, "plover-json").splitlines()]
    first = records[0]
    for name in ("id", "date", "actor", "recipient", "event", "mode", "context", "event_text",
                 "quad_code", "event_scale", "text", "text_info", "cite_info", "coder"):
        assert name in first
    assert first["id"] == "art-1-e1" and first["date"] == "2024-06-02"
    assert first["actor"] == [{"code": "LMR", "sector": "GOV", "actor_text": "Lemuria",
                               "cameo_code": "LMRGOV"}]
    assert first["event"] == ["ACCUSE"] and first["quad_code"] == 3
    assert first["event_text"] == ["accused"]
    assert first["text_info"]["sequence"] == 0 and first["text_info"]["start"] == 0
    assert first["cite_info"]["url"] == "https://example.org/a"
    assert records[1]["quad_code"] == 4


def test_cli_export_and_query(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt in FORMATS:
        out = tmp_path / f"out.{fmt}"
        result = runner.invoke(main, ["export", "--db", str(db), "--format", fmt,
                                      "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    result = runner.invoke(main, ["export", "--db", str(db), "--format", "parquet"])
    assert result.exit_code == 2
    result = runner.invoke(main, ["query", "events", "--db", str(db), "--actor", "ATL",
                                  "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["total"] == 2
    result = runner.invoke(main, ["query", "actors", "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0 and "Atlantis rebels" in result.output
    result = runner.invoke(main, ["query", "events", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no database" in result.output

"""Batch runs: output equal to `communique code`, the store, checkpoints and resume, the CLI.

The resume test kills a real `communique run` subprocess with SIGKILL; the other runs use one
worker in this process, so the spaCy model loads once for the whole module.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.batch import Columns, RunConfig, read_records, run
from communique.batch.parquet_out import done_parts, write_part
from communique.batch.plan import Sink
from communique.cli import main
from communique.models import ArticleRecord, record_to_json
from communique.pipeline import Pipeline
from communique.stages.ingest import read_inputs
from communique.store import Store

ROOT = Path(__file__).resolve().parent.parent
ACTORS = ["Ruritania", "Borduria", "Freedonia", "Sylvania", "Latveria", "Genovia"]
VERBS = ["accused", "praised", "threatened", "met with", "criticized", "called on"]
PLACES = ["Geneva", "Vienna", "Nairobi", "Lima", "Oslo", "Hanoi"]


def article(i: int) -> str:
    """An invented three-sentence news item, different for every i."""
    a, b = ACTORS[i % 6], ACTORS[(i + 1 + i // 6) % 6]
    if a == b:
        b = ACTORS[(i + 2) % 6]
    verb, place = VERBS[(i // 2) % 6], PLACES[(i // 3) % 6]
    return (
        f"{a} {verb} {b} in {place} on Monday, officials said. "
        f'"We will not accept this," the foreign minister of {b} said in item {i}. '
        f"Talks between the two are due to resume next week."
    )


def write_corpus(path: Path, n: int, bad: bool = True) -> Path:
    lines = [json.dumps({"id": f"d{i:03d}", "text": article(i), "published": "2024-04-01"})
             for i in range(n)]
    if bad:
        lines[3] = "{broken json"
        lines[5] = json.dumps({"id": "d005", "text": ""})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def as_json(records: list[ArticleRecord]) -> list[str]:
    return sorted(record_to_json(r) for r in records)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "wire.jsonl", 14)


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The output of one uninterrupted local run with one worker."""
    out = tmp_path_factory.mktemp("ref") / "out"
    run(RunConfig(inputs=[str(corpus)], out=out, chunk_size=4, progress=False))
    return as_json(list(read_records(out)))


def test_parquet_output_equals_communique_code(corpus: Path, reference: list[str]) -> None:
    coded = Pipeline.default().code_many(read_inputs([str(corpus)]))
    assert reference == as_json(list(coded))
    records = [ArticleRecord.model_validate_json(r) for r in reference]
    assert len(records) == 14
    assert {r.id for r in records if r.status == "error"} == {"wire:4", "d005"}
    assert sum(len(r.events) for r in records) > 0


def test_parts_are_one_per_chunk_and_a_rerun_codes_nothing(
    corpus: Path, tmp_path: Path, reference: list[str]
) -> None:
    config = RunConfig(inputs=[str(corpus)], out=tmp_path, chunk_size=4, progress=False)
    first = run(config)
    assert sorted(done_parts(tmp_path)) == [0, 1, 2, 3]
    assert (first.documents, first.errors, first.resumed) == (14, 2, 0)
    again = run(config)
    assert again.resumed == 14 and again.chunks == 4 and again.events == first.events
    assert as_json(list(read_records(tmp_path))) == reference
    assert not list(tmp_path.glob(".*tmp"))


def test_store_run_resumes_after_an_interruption_without_duplicates(
    corpus: Path, tmp_path: Path, reference: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "c.db"
    config = RunConfig(inputs=[str(corpus)], db=db, chunk_size=4, progress=False)
    original = Sink.take
    taken: list[int] = []

    def take_then_die(self: Sink, result) -> None:  # type: ignore[no-untyped-def]
        if len(taken) == 2:
            raise KeyboardInterrupt
        original(self, result)
        taken.append(result.chunk)

    monkeypatch.setattr(Sink, "take", take_then_die)
    with pytest.raises(KeyboardInterrupt):
        run(config)
    monkeypatch.setattr(Sink, "take", original)
    with Store(db, readonly=True) as store:
        assert len(list(store.ids())) == 8
    summary = run(config)
    assert summary.resumed == 8 and summary.documents == 14
    with Store(db, readonly=True) as store:
        ids = list(store.ids())
        assert len(ids) == len(set(ids)) == 14
        assert as_json([store.get_record(i) for i in ids]) == reference  # type: ignore[misc]
        assert store.check() == []


def test_store_run_skips_documents_already_stored(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    run(RunConfig(inputs=[str(corpus)], db=db, chunk_size=4, progress=False))
    more = write_corpus(tmp_path / "more.jsonl", 16)  # the same 14 and two new
    summary = run(RunConfig(inputs=[str(more)], db=db, chunk_size=4, progress=False))
    assert summary.skipped == 12 and summary.documents == 4  # 2 new, 2 bad rows again
    with Store(db, readonly=True) as store:  # 16 ids and the bad line of the new file
        assert sorted(store.ids())[-3:] == ["d015", "more:4", "wire:4"]


def test_output_dir_of_another_run_is_refused(corpus: Path, tmp_path: Path) -> None:
    run(RunConfig(inputs=[str(corpus)], out=tmp_path, chunk_size=4, progress=False))
    result = CliRunner().invoke(main, ["run", str(corpus), "--out", str(tmp_path),
                                       "--chunk-size", "5", "--no-progress"])
    assert result.exit_code == 2 and "another run" in result.output


def test_cli_exit_codes_and_summary(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    both = runner.invoke(main, ["run", str(corpus), "--db", str(tmp_path / "x.db"),
                                "--out", str(tmp_path / "o")])
    assert both.exit_code == 2 and "exactly one" in both.output
    clean = write_corpus(tmp_path / "clean.jsonl", 3, bad=False)
    ok = runner.invoke(main, ["run", str(clean), "--out", str(tmp_path / "o"), "--no-progress"])
    assert ok.exit_code == 0, ok.output
    assert "3 documents" in ok.output and "0 errors" in ok.output
    bad = runner.invoke(main, ["run", str(corpus), "--out", str(tmp_path / "b"), "--no-progress"])
    assert bad.exit_code == 1 and "2 errors" in bad.output


def test_csv_with_named_columns(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    rows = "".join(f'k{i},"{article(i)}"\n' for i in range(3))
    path.write_text("key,body\n" + rows + "k3,\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = run(RunConfig(inputs=[str(path)], out=out, progress=False,
                            columns=Columns(text="body", id="key")))
    records = list(read_records(out))
    assert [r.id for r in records] == ["k0", "k1", "k2", "k3"]
    assert records[3].status == "error" and summary.errors == 1


def test_a_torn_temporary_part_is_cleaned_and_redone(corpus: Path, tmp_path: Path,
                                                     reference: list[str]) -> None:
    write_part(tmp_path, 99, [])
    (tmp_path / "part-000099.parquet").rename(tmp_path / ".part-000001.parquet.1.tmp")
    run(RunConfig(inputs=[str(corpus)], out=tmp_path, chunk_size=4, progress=False))
    assert as_json(list(read_records(tmp_path))) == reference
    assert not list(tmp_path.glob(".*tmp"))


def test_resume_after_sigkill_mid_run(tmp_path: Path) -> None:
    """Kill a two-worker run (the whole process group) once some parts exist, then rerun."""
    corpus = write_corpus(tmp_path / "big.jsonl", 80)
    out = tmp_path / "out"
    exe = Path(sys.executable).parent / "communique"
    command = [str(exe), "run", str(corpus), "--out", str(out), "--chunk-size", "2",
               "--workers", "2", "--no-progress"]
    proc = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while len(done_parts(out)) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    parts_at_kill = len(done_parts(out))
    assert 3 <= parts_at_kill < 40, f"kill landed after {parts_at_kill} of 40 parts"
    summary = run(RunConfig(inputs=[str(corpus)], out=out, chunk_size=2, progress=False))
    assert summary.resumed == 2 * parts_at_kill
    records = list(read_records(out))
    ids = [r.id for r in records]
    assert len(ids) == len(set(ids)) == 80
    fresh = tmp_path / "fresh"
    run(RunConfig(inputs=[str(corpus)], out=fresh, chunk_size=2, progress=False))
    assert as_json(records) == as_json(list(read_records(fresh)))

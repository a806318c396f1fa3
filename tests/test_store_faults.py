"""The store under faults: a writer killed with SIGKILL mid-batch, and readers during a write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from communique.store import Store
from communique.store_synth import synthetic_record

TOTAL = 400
WRITER = """
import sys
from communique.store import Store
from communique.store_synth import synthetic_record
store = Store(sys.argv[1])
store.put_many((synthetic_record(i) for i in range(int(sys.argv[2]))), batch_size=10)
print("done", flush=True)
"""

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def _start_writer(path: Path, total: int = TOTAL) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(total)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _count(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with Store(path, readonly=True) as reader:
            return int(reader.read_one("SELECT COUNT(*) FROM articles")[0])
    except Exception:  # noqa: BLE001 - the schema may not exist yet while the writer starts
        return 0


def _wait_for(path: Path, at_least: int, proc: subprocess.Popen[str], limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while _count(path) < at_least:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "the writer made no progress"
        time.sleep(0.02)


def test_sigkill_mid_batch_leaves_a_consistent_store_and_a_rerun_completes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "killed.db"
    proc = _start_writer(path)
    _wait_for(path, 50, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    with Store(path) as store:  # opening for writing also recovers the WAL
        assert store.check() == []
        kept = store.read_one("SELECT COUNT(*) FROM articles")[0]
        assert 50 <= kept < TOTAL
        assert kept % 10 == 0  # whole batches only: no half-written batch survives
        # every article that survived is complete: its rows equal the record that was written
        for index in (0, kept // 2, kept - 1):
            assert store.get_record(f"synthetic-{index:06d}") == synthetic_record(index)

    rerun = _start_writer(path)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    with Store(path) as store:
        assert store.check() == []
        assert store.read_one("SELECT COUNT(*) FROM articles")[0] == TOTAL
        events = sum(len(synthetic_record(i).events) for i in range(TOTAL))
        assert store.read_one("SELECT COUNT(*) FROM events")[0] == events
        duplicates = store.read("SELECT id FROM articles GROUP BY id HAVING COUNT(*) > 1")
        assert duplicates == []


def test_readers_query_while_a_writer_ingests(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    Store(path).close()  # schema in place before the reader opens it
    proc = _start_writer(path)
    seen: list[int] = []
    with Store(path, readonly=True) as reader:
        while proc.poll() is None or not seen or seen[-1] < TOTAL:
            # one statement reads one snapshot: two would let the writer commit in between
            count, hits = reader.read(
                "SELECT (SELECT COUNT(*) FROM articles), "
                "(SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?)", ("talks",)
            )[0]
            assert hits <= count
            if count:
                newest = reader.read_one("SELECT id FROM articles ORDER BY pk DESC LIMIT 1")
                index = int(newest["id"].rsplit("-", 1)[1])
                assert reader.get_record(newest["id"]) == synthetic_record(index)
            assert not seen or count >= seen[-1]  # readers only ever see committed growth
            seen.append(count)
            if proc.poll() is not None and count == TOTAL:
                break
            time.sleep(0.01)
    assert proc.wait() == 0
    assert len(set(seen)) > 3  # the reader really ran while the writer was writing

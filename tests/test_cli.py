"""`communique code`, `schema`, `--version` and `--help`, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import assert_valid_record

STORY = "Chile and Peru agreed on Monday to resume talks on their maritime border.\n"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "communique.cli", *args],
        input=stdin, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    (folder / "a.txt").write_text(STORY)
    (folder / "b.jsonl").write_text(
        json.dumps({"id": "good", "text": STORY.replace("Monday", "Tuesday")}) + "\n{broken\n"
    )
    (folder / "c.txt").write_text("")
    return folder


def test_code_batch_with_bad_documents_exits_1_and_codes_the_rest(batch: Path) -> None:
    result = run("code", str(batch), "--published", "2024-03-04")
    assert result.returncode == 1, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in records] == ["ok", "ok", "error", "error"]
    for record in records:
        assert_valid_record(record)
    assert records[0]["published"] == "2024-03-04"
    assert records[1]["id"] == "good"


def test_code_stdin_and_json_array_output() -> None:
    result = run("code", "-", "--format", "json", "--published", "2024-03-04", stdin=STORY)
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert record["status"] == "ok" and record["text"] == STORY


def test_code_writes_to_output_file(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text(STORY)
    out = tmp_path / "out.jsonl"
    result = run("code", str(tmp_path / "s.txt"), "-o", str(out))
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(out.read_text())["status"] == "ok"


def test_missing_input_is_a_usage_error_with_a_fix() -> None:
    result = run("code", "/no/such/file.txt")
    assert result.returncode == 2
    assert "does not exist" in result.stderr and "Fix:" in result.stderr


def test_bad_published_flag_is_a_usage_error() -> None:
    result = run("code", "-", "--published", "9 Dec 2024", stdin=STORY)
    assert result.returncode == 2


def test_bad_setting_from_environment_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text(STORY)
    result = subprocess.run(
        [sys.executable, "-m", "communique.cli", "code", str(tmp_path / "s.txt")],
        capture_output=True, text=True, env={"COMMUNIQUE_MAX_CHARS": "lots", "PATH": ""},
    )
    assert result.returncode == 2 and "max_chars" in result.stderr


def test_missing_model_says_what_to_install(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text(STORY)
    result = run("code", str(tmp_path / "s.txt"), "--model", "en_core_web_nonexistent")
    assert result.returncode == 2
    assert "pip install en-core-web-nonexistent" in result.stderr


def test_schema_prints_the_json_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    assert "ArticleRecord" in result.stdout or "article record" in result.stdout
    assert json.loads(result.stdout)["properties"]["events"]


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("communique, version")
    for command in ([], ["code"], ["schema"]):
        result = run(*command, "--help")
        assert result.returncode == 0 and "Usage:" in result.stdout

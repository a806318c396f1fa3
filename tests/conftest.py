"""Shared fixtures: one pipeline per test session (the spaCy model loads once), and the schema check
every test applies to the records it produces."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from communique.models import ArticleRecord, record_json_schema
from communique.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/*.json on purpose"
    )


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline.default()


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return ROOT / "samples"


_VALIDATOR = Draft202012Validator(record_json_schema())


def assert_valid_record(record: ArticleRecord | dict[str, Any]) -> dict[str, Any]:
    """Validate a record against the published JSON Schema and the offset invariants."""
    data = record.model_dump(mode="json") if isinstance(record, ArticleRecord) else record
    errors = sorted(_VALIDATOR.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    text = data.get("text", "")
    spans: list[dict[str, Any]] = []
    for actor in data.get("actors", []):
        spans.extend(actor["mentions"])
    spans.extend(e["trigger"] for e in data.get("events", []))
    spans.extend(data.get("quotes", []))
    spans.extend(data.get("dates", []))
    spans.extend(data.get("places", []))
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"], span
    return data


@pytest.fixture(scope="session")
def valid_record():  # type: ignore[no-untyped-def]
    return assert_valid_record

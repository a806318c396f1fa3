"""Golden records: the project's own sample articles, coded, against the expected records.

The expected files in tests/golden/ hold a readable projection of each record (who, what, whom,
quotes, dates, places). Regenerate them only on purpose, after reading the diff:
`make golden` (pytest tests/test_golden.py --update-golden).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from communique.models import ArticleRecord
from communique.pipeline import Pipeline
from communique.stages.ingest import read_inputs
from tests.conftest import ROOT, assert_valid_record

GOLDEN = ROOT / "tests" / "golden"
SAMPLES = sorted((ROOT / "samples").iterdir())
#: the anchor for samples that carry no date of their own (the .txt ones)
SAMPLE_PUBLISHED = "2024-12-10"


def project(record: ArticleRecord) -> dict[str, Any]:
    """The parts of a record a reviewer checks, in a form whose diff reads well."""
    names = {a.id: a.name for a in record.actors}

    def party(p: Any) -> str | None:
        return None if p is None else f"{names.get(p.actor, '-')} [{p.code}]"

    return {
        "id": record.id,
        "status": record.status,
        "title": record.title,
        "published": record.published,
        "actors": sorted(f"{a.name} [{a.code}] {a.kind} x{len(a.mentions)}" for a in record.actors),
        "events": [
            f"{party(e.source)} -{e.cameo}/{e.plover.type}-> {party(e.target)} "
            f"'{e.trigger.text}' {e.modality}{' negated' if e.negated else ''} {e.date}"
            for e in record.events
        ],
        "quotes": [
            f"{q.kind} by {q.speaker.name if q.speaker else None}: {q.text[:80]}"
            for q in record.quotes
        ],
        "dates": [f"{d.text} = {d.value} ({d.type})" for d in record.dates],
        "places": [f"{p.text} -> {p.name}, {p.country} ({p.feature})" for p in record.places],
        "themes": record.themes,
    }


def _coded(pipeline: Pipeline, path: Path) -> list[ArticleRecord]:
    import datetime as dt

    docs = read_inputs([str(path)], dt.date.fromisoformat(SAMPLE_PUBLISHED), 1_000_000)
    return list(pipeline.code_many(docs))


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_sample_matches_golden(
    path: Path, pipeline: Pipeline, request: pytest.FixtureRequest
) -> None:
    records = _coded(pipeline, path)
    for record in records:
        assert_valid_record(record)
        assert record.status == "ok", record.error
    projected = [project(r) for r in records]
    golden = GOLDEN / f"{path.stem}.json"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(projected, indent=2, ensure_ascii=False) + "\n")
    assert golden.exists(), f"no golden file for {path.name}: run `make golden` and review it"
    assert projected == json.loads(golden.read_text())

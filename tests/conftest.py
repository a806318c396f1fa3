"""Shared fixtures: one pipeline per test session (the spaCy model loads once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent


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

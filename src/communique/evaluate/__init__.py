"""Readers for the field's gold formats and scorers that follow CONTRACT.md's conventions.

Each task module (events, quotes, dates, places) offers
`evaluate(gold_path, pipeline, limit=None, collect_errors=False) -> EvalReport`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from communique.errors import UsageError
from communique.evaluate.metrics import Counts, EvalReport, Share

if TYPE_CHECKING:
    from communique.pipeline import Pipeline

TASKS = ("events", "actors", "quotes", "dates", "places")

__all__ = ["TASKS", "Counts", "EvalReport", "Share", "run_evaluation"]


def run_evaluation(
    task: str,
    gold_path: Path,
    pipeline: Pipeline,
    limit: int | None = None,
    collect_errors: bool = False,
) -> EvalReport:
    """Score the pipeline on a gold set with the scorer of `task`."""
    if task not in TASKS:
        raise UsageError(f"unknown evaluation task '{task}'.", f"use one of {', '.join(TASKS)}.")
    module = importlib.import_module(f"communique.evaluate.{task}")
    scorer = getattr(module, "evaluate", None) or getattr(module, f"evaluate_{task}")
    report: EvalReport = scorer(Path(gold_path), pipeline, limit=limit,
                                collect_errors=collect_errors)
    return report

"""Readers for the field's gold formats and scorers that follow CONTRACT.md's conventions.

Each task module (events, quotes, dates, places) offers
`evaluate(gold_path, pipeline, limit=None, collect_errors=False) -> EvalReport`.
"""

from __future__ import annotations

from communique.evaluate.metrics import Counts, EvalReport, Share

TASKS = ("events", "quotes", "dates", "places")

__all__ = ["TASKS", "Counts", "EvalReport", "Share"]

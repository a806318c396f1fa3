"""Shared scoring pieces: counts, precision/recall/F1, and the report every scorer returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Counts:
    """True positives, false positives and false negatives of one figure."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Share:
    """A proportion: how many of `total` were right."""

    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"value": round(self.value, 4), "right": self.right, "total": self.total}


@dataclass
class EvalReport:
    """What a scorer returns: named P/R/F1 figures, named shares, and the listed errors."""

    task: str
    gold_path: str
    documents: int = 0
    prf: dict[str, Counts] = field(default_factory=dict)
    shares: dict[str, Share] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def counts(self, name: str) -> Counts:
        return self.prf.setdefault(name, Counts())

    def share(self, name: str) -> Share:
        return self.shares.setdefault(name, Share())

    def as_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "gold_path": self.gold_path,
            "documents": self.documents,
            "prf": {name: c.as_dict() for name, c in self.prf.items()},
            "shares": {name: s.as_dict() for name, s in self.shares.items()},
            "errors": self.errors,
            "notes": self.notes,
        }

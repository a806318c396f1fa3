"""Pieces every scorer shares: development halves, span overlaps, one-to-one matching, context.

Development halves. Each gold set is split into two fixed halves, A and B, by a hash of a
record's key (sentence id, file name or article id): a split that needs no list and does not move
when records are added or reordered. Rules are developed looking at half A's errors only; half B
is the check that a gain generalizes. The scorers were written with different hashes (SHA-1 for
events, actors and dates, CRC-32 for places and quotes) and the halves are recorded in
docs/evaluation.md, so the hash stays each scorer's choice: `sha1_half` or `crc32_half`.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from communique.evaluate.metrics import EvalReport
from communique.models import ArticleRecord

if TYPE_CHECKING:
    from communique.pipeline import Pipeline

HALVES = ("A", "B")


def half_by(key: str, hash_byte: Callable[[bytes], int]) -> str:
    """'A' when the hash of `key` is even, else 'B': the one rule behind every split."""
    return "A" if hash_byte(key.encode("utf-8")) % 2 == 0 else "B"


def sha1_half(key: str) -> str:
    """The half by the first byte of the SHA-1 of `key` (events, actors, dates)."""
    return half_by(key, lambda data: hashlib.sha1(data).digest()[0])


def crc32_half(key: str) -> str:
    """The half by the CRC-32 of `key` (places, quotes)."""
    return half_by(key, zlib.crc32)


def split_half_path(gold_path: Path) -> tuple[Path, str | None]:
    """`GWN.xml#A` -> (GWN.xml, "A"); a path without a half suffix -> (path, None).

    A path that exists as written (a file really named `x#A`) is taken as it is.
    """
    text = str(gold_path)
    if text[-2:] in ("#A", "#B") and not Path(text).exists():
        return Path(text[:-2]), text[-1]
    return Path(gold_path), None


def half_suffixes(half: str, sep: str = "@") -> tuple[str, str]:
    """The suffixes a figure is counted under: the whole set ("") and its half (`@A`)."""
    return "", f"{sep}{half}"


def add_halves(report: EvalReport, halves: dict[str, EvalReport],
               counts: Iterable[str] = (), shares: Iterable[str] = ()) -> None:
    """Copy the named figures of each half's own report into `report` as `NAME_half_A`, ..."""
    counts, shares = tuple(counts), tuple(shares)
    for half, sub in sorted(halves.items()):
        for name in counts:
            report.prf[f"{name}_half_{half}"] = sub.counts(name)
        for name in shares:
            report.shares[f"{name}_half_{half}"] = sub.share(name)


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters two spans share (zero or negative when they do not meet)."""
    return min(a_end, b_end) - max(a_start, b_start)


def one_to_one(candidates: Iterable[tuple[int, int, int]],
               prefer_last: bool = False) -> list[tuple[int, int]]:
    """Pairs (i, j) from (overlap, i, j) candidates, the largest overlap first, each index used
    once. Ties go to the lowest (i, j), or with `prefer_last` to the highest: the scorers differ
    there and their figures are kept as they were."""
    sign = -1 if prefer_last else 1
    ordered = sorted(candidates, key=lambda c: (-c[0], sign * c[1], sign * c[2]))
    used_i: set[int] = set()
    used_j: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in ordered:
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            pairs.append((i, j))
    return pairs


def sentence_at(record: ArticleRecord, offset: int, window: int = 0) -> str:
    """The record's sentence holding `offset`, spaces collapsed, for listed errors; without one,
    the `window` characters either side of it (none by default)."""
    for sentence in record.sentences:
        if sentence.start <= offset < sentence.end:
            return " ".join(record.text[sentence.start : sentence.end].split())
    return " ".join(record.text[max(0, offset - window) : offset + window].split())


def cut_pipeline(pipeline: Pipeline, stage: str, needed: frozenset[str]) -> Pipeline:
    """The pipeline cut to the stages `stage` depends on: faster, and a failure in an unrelated
    stage (which would turn the whole document into an error record) cannot hide its output.
    A pipeline without `stage` is returned as it is."""
    from communique.pipeline import Pipeline

    stages = getattr(pipeline, "stages", None)
    if not stages or not any(s.name == stage for s in stages):
        return pipeline
    return Pipeline([s for s in stages if s.name in needed], pipeline.settings)

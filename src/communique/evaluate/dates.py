"""Score the dates stage on TimeML gold (TimeBank, AQUAINT, TempEval-3 `.tml` files).

Reader: the TEXT element of a TimeML file becomes the document text (tags removed, entities
decoded); each TIMEX3 inside it becomes a gold span with its type and value, at character offsets
into that text. The document creation time (the TIMEX3 with functionInDocument="CREATION_TIME",
usually inside DCT) is the publication date and is not scored.

Scorer (CONTRACT.md): a prediction matches a gold expression when their spans overlap (relaxed) or
are identical (strict); the value is right when equal to the gold TIMEX3 value. Reported: span
P/R/F1 relaxed and strict, value accuracy and type accuracy on matched, and value P/R/F1 (a
prediction counts only when its span overlaps and its value is equal).

Development halves. Every file falls in half A or B by the first byte of the SHA-1 of its file
name (`half_of`): a split that needs no list and does not move when files are added. Rules are
developed looking at half A's errors only; B is the check that a gain generalizes. Every figure is
also reported as `NAME@A` and `NAME@B`, and a gold path ending in `#A` or `#B` scores one half.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from xml.parsers import expat

from communique.document import Document
from communique.errors import InputNotFoundError, ResourceError
from communique.evaluate.common import (
    HALVES,
    half_suffixes,
    one_to_one,
    overlap,
    sentence_at,
    sha1_half,
    split_half_path,
)
from communique.evaluate.metrics import EvalReport
from communique.models import ArticleRecord, DateExpression

if TYPE_CHECKING:
    from communique.pipeline import Pipeline

_FIX = "the file must be well-formed TimeML: a TEXT element with TIMEX3 tags (tid, type, value)."


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    line: int


@dataclass
class GoldDocument:
    path: Path
    text: str
    published: dt.date | None
    timexes: list[GoldTimex] = field(default_factory=list)


class _TimeMLParser:
    """Expat handlers: collect TEXT characters and TIMEX3 offsets, and the creation time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.chars
        self.chunks: list[str] = []
        self.length = 0
        self.in_text = False
        self.seen_text = False
        self.open: list[tuple[int, dict[str, str], int]] = []
        self.timexes: list[GoldTimex] = []
        self.dct: str | None = None

    def fail(self, message: str) -> ResourceError:
        return ResourceError(f"{self.path}:{self.parser.CurrentLineNumber}: {message}", _FIX)

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "TEXT":
            self.in_text, self.seen_text = True, True
        elif tag == "TIMEX3":
            if attrs.get("functionInDocument") == "CREATION_TIME":
                self.dct = attrs.get("value")
            elif self.in_text:
                if "type" not in attrs or "value" not in attrs:
                    raise self.fail("a TIMEX3 lacks its 'type' or 'value' attribute.")
                self.open.append((self.length, attrs, self.parser.CurrentLineNumber))

    def end(self, tag: str) -> None:
        if tag == "TEXT":
            self.in_text = False
        elif tag == "TIMEX3" and self.open and self.in_text:
            start, attrs, line = self.open.pop()
            text = "".join(self.chunks)[start:]
            self.timexes.append(
                GoldTimex(start, self.length, text, attrs["type"], attrs["value"], line)
            )

    def chars(self, data: str) -> None:
        if self.in_text:
            self.chunks.append(data)
            self.length += len(data)


def read_timeml(path: Path) -> GoldDocument:
    """One TimeML file as text, publication date and gold TIMEX3 spans."""
    handler = _TimeMLParser(path)
    try:
        handler.parser.Parse(path.read_bytes(), True)
    except expat.ExpatError as exc:
        raise ResourceError(f"{path}:{exc.lineno}: not well-formed XML ({exc}).", _FIX) from exc
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read ({exc}).", "check the path.") from exc
    if not handler.seen_text:
        raise ResourceError(f"{path}:1: no TEXT element.", _FIX)
    published = None
    if handler.dct:
        try:
            published = dt.date.fromisoformat(handler.dct[:10])
        except ValueError as exc:
            raise ResourceError(
                f"{path}: creation time '{handler.dct}' is not an ISO date.", _FIX
            ) from exc
    timexes = sorted(handler.timexes, key=lambda t: (t.start, t.end))
    return GoldDocument(path, "".join(handler.chunks), published, timexes)


def gold_files(gold_path: Path) -> list[Path]:
    """A .tml file, or every .tml file under a directory (recursively), in a stable order."""
    if not gold_path.exists():
        raise InputNotFoundError(f"no such gold path: {gold_path}")
    if gold_path.is_file():
        return [gold_path]
    return sorted(p for p in gold_path.rglob("*") if p.suffix.lower() in (".tml", ".xml"))


def iter_gold(gold_path: Path, limit: int | None = None) -> Iterator[GoldDocument]:
    for path in gold_files(gold_path)[:limit]:
        yield read_timeml(path)


_WEEK = re.compile(r"-W(\d)(?!\d)")


def canonical_value(value: str | None) -> str:
    """Compare values modulo spelling only: case, spaces, an unpadded week number (W7 = W07)."""
    text = (value or "").strip().upper()
    return _WEEK.sub(lambda m: f"-W0{m.group(1)}", text)


def half_of(name: str) -> str:
    """The development half ("A" or "B") of a gold file, from its name; stable across runs."""
    return sha1_half(name)


FIGURES = ("span", "span_strict", "value")
SHARES = ("value_accuracy", "type_accuracy")


def score_document(
    report: EvalReport,
    gold: GoldDocument,
    record: ArticleRecord,
    collect_errors: bool = False,
) -> None:
    """Add one document's matches to the overall counts and to those of its half (`value@A`)."""
    predicted = list(record.dates)
    pairs = _match(gold.timexes, predicted)
    for suffix in half_suffixes(half_of(gold.path.name)):
        _count(report, gold, predicted, pairs, suffix)
    if collect_errors:
        report.errors.extend(_errors(gold, record, pairs, predicted))


def _count(
    report: EvalReport,
    gold: GoldDocument,
    predicted: list[DateExpression],
    pairs: list[tuple[GoldTimex, DateExpression]],
    suffix: str,
) -> None:
    relaxed, strict, value = (report.counts(f"{name}{suffix}") for name in FIGURES)
    relaxed.tp += len(pairs)
    relaxed.fp += len(predicted) - len(pairs)
    relaxed.fn += len(gold.timexes) - len(pairs)
    exact = sum(1 for g, p in pairs if (g.start, g.end) == (p.start, p.end))
    strict.tp += exact
    strict.fp += len(predicted) - exact
    strict.fn += len(gold.timexes) - exact
    right = [(g, p) for g, p in pairs if canonical_value(g.value) == canonical_value(p.value)]
    value.tp += len(right)
    value.fp += len(predicted) - len(right)
    value.fn += len(gold.timexes) - len(right)
    accuracy, types = (report.share(f"{name}{suffix}") for name in SHARES)
    accuracy.right += len(right)
    accuracy.total += len(pairs)
    types.right += sum(1 for g, p in pairs if g.type == p.type)
    types.total += len(pairs)


def _match(
    gold: list[GoldTimex], predicted: list[DateExpression]
) -> list[tuple[GoldTimex, DateExpression]]:
    candidates = [
        (shared, gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(predicted)
        if (shared := overlap(g.start, g.end, p.start, p.end)) > 0
    ]
    return [(gold[gi], predicted[pi]) for gi, pi in one_to_one(candidates)]


def _sentence(record: ArticleRecord, start: int) -> str:
    return sentence_at(record, start, window=80)


def _errors(
    gold: GoldDocument,
    record: ArticleRecord,
    pairs: list[tuple[GoldTimex, DateExpression]],
    predicted: list[DateExpression],
) -> list[str]:
    name = gold.path.name
    matched_gold = {id(g) for g, _ in pairs}
    matched_pred = {id(p) for _, p in pairs}
    errors = []
    for g in gold.timexes:
        if id(g) not in matched_gold:
            errors.append(f"{name}:{g.line}: miss '{g.text}' {g.type} {g.value} | "
                          f"{_sentence(record, g.start)}")
    for p in predicted:
        if id(p) not in matched_pred:
            errors.append(f"{name}: false alarm '{p.text}' {p.type} {p.value} | "
                          f"{_sentence(record, p.start)}")
    for g, p in pairs:
        if canonical_value(g.value) != canonical_value(p.value):
            errors.append(f"{name}:{g.line}: value '{g.text}' gold {g.value} got {p.value} "
                          f"('{p.text}') | {_sentence(record, g.start)}")
    return errors


def evaluate(
    gold_path: Path,
    pipeline: Pipeline,
    limit: int | None = None,
    collect_errors: bool = False,
) -> EvalReport:
    """Code every gold text (its creation time as publication date) and score the dates found."""
    gold_path, only = split_half_path(Path(gold_path))
    report = EvalReport(task="dates", gold_path=str(gold_path))
    halves = HALVES if only is None else (only,)
    for suffix in ("", *(f"@{h}" for h in halves)):
        for name in FIGURES:
            report.counts(f"{name}{suffix}")
        for name in SHARES:
            report.share(f"{name}{suffix}")
    golds = [g for g in iter_gold(gold_path) if only is None or half_of(g.path.name) == only]
    golds = golds[:limit]
    if only is not None:
        report.notes.append(f"half {only} only ({len(golds)} documents).")
    docs = [
        Document(id=g.path.stem, text=g.text, published=g.published, origin=str(g.path))
        for g in golds
    ]
    for gold, record in zip(golds, pipeline.code_many(docs), strict=True):
        report.documents += 1
        if record.status != "ok":
            report.notes.append(f"{gold.path.name}: not coded ({record.error})")
            score_document(report, gold, record.model_copy(update={"dates": []}), collect_errors)
            continue
        score_document(report, gold, record, collect_errors)
    return report

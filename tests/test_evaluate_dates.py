"""The TimeML reader and the dates scorer, on small TimeML files the project wrote itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

import pytest

from communique.document import Document
from communique.errors import ResourceError
from communique.evaluate.dates import canonical_value, evaluate, half_of, read_timeml
from communique.models import DateExpression
from communique.pipeline import Pipeline

DATA = Path(__file__).parent / "data" / "eval" / "dates"
HARBOUR = DATA / "harbour.tml"


class _Replay:
    """A stand-in dates stage that predicts what it is given (gold, nothing, or perturbed gold)."""

    name: ClassVar[str] = "dates"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "published"})
    assigns: ClassVar[frozenset[str]] = frozenset({"dates"})
    languages: ClassVar[frozenset[str] | None] = None

    def __init__(self, mode: str) -> None:
        self.mode = mode

    def __call__(self, doc: Document) -> Document:
        gold = read_timeml(HARBOUR)
        if self.mode == "empty":
            return doc
        for index, timex in enumerate(gold.timexes):
            value = timex.value
            if self.mode == "perturbed" and index % 2:
                value = "1066"
            doc.dates.append(
                DateExpression(start=timex.start, end=timex.end, text=timex.text, value=value,
                               granularity="day", type=timex.type)  # type: ignore[arg-type]
            )
        return doc


def test_reader_maps_tags_to_offsets_and_reads_the_creation_time() -> None:
    gold = read_timeml(HARBOUR)
    assert gold.published == dt.date(2023, 3, 15)
    assert [t.value for t in gold.timexes] == ["2023-03-14", "P3M", "1921", "2019-06", "P1D",
                                               "2023-SU"]
    for timex in gold.timexes:
        assert gold.text[timex.start : timex.end] == timex.text
    assert "&amp;" not in gold.text and " & " in gold.text
    assert "2023-03-15" not in gold.text  # the creation time is not part of the text


def test_perfect_prediction_scores_one() -> None:
    report = evaluate(HARBOUR, Pipeline([_Replay("perfect")]))
    assert report.prf["span"].f1 == 1.0
    assert report.prf["span_strict"].f1 == 1.0
    assert report.prf["value"].f1 == 1.0
    assert report.shares["value_accuracy"].value == 1.0


def test_empty_prediction_scores_zero_without_errors() -> None:
    report = evaluate(HARBOUR, Pipeline([_Replay("empty")]), collect_errors=True)
    assert report.prf["span"].f1 == 0.0
    assert report.prf["value"].f1 == 0.0
    assert report.prf["span"].fn == 6
    assert sum("miss" in e for e in report.errors) == 6


def test_perturbed_prediction_scores_in_between() -> None:
    report = evaluate(DATA, Pipeline([_Replay("perturbed")]), collect_errors=True)
    assert report.prf["span"].f1 == 1.0
    assert 0.0 < report.prf["value"].f1 < 1.0
    assert report.shares["value_accuracy"].value == pytest.approx(0.5)
    assert any("gold P3M got 1066" in e for e in report.errors)


def test_malformed_gold_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.tml"
    bad.write_text('<?xml version="1.0" ?>\n<TimeML>\n<TEXT>\nA <TIMEX3 tid="t1" type="DATE" '
                   'value="2020">2020</TIMEX3>\n</TEXTT>\n</TimeML>\n', encoding="utf-8")
    with pytest.raises(ResourceError, match=r"broken\.tml:5"):
        read_timeml(bad)


def test_timex_without_value_is_malformed(tmp_path: Path) -> None:
    bad = tmp_path / "novalue.tml"
    bad.write_text('<TimeML>\n<TEXT>\nSee you\n<TIMEX3 tid="t1" type="DATE">soon</TIMEX3>'
                   "</TEXT></TimeML>", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"novalue\.tml:4: a TIMEX3 lacks"):
        read_timeml(bad)


def test_canonical_value_pads_week_numbers_only() -> None:
    assert canonical_value("2000-W7") == canonical_value("2000-W07")
    assert canonical_value("2000-W17") == "2000-W17"
    assert canonical_value("1998-10") != canonical_value("1998-11")


def test_halves_are_stable_and_reported_beside_the_whole() -> None:
    assert half_of("harbour.tml") == half_of("harbour.tml")
    assert {half_of(f"story{i}.tml") for i in range(20)} == {"A", "B"}
    report = evaluate(DATA, Pipeline([_Replay("perfect")]))
    half = half_of(HARBOUR.name)
    other = "B" if half == "A" else "A"
    assert report.prf[f"value@{half}"].tp == report.prf["value"].tp == 6
    assert report.prf[f"value@{other}"].tp == 0
    assert report.shares[f"value_accuracy@{half}"].value == 1.0


def test_a_half_suffix_scores_one_half_only() -> None:
    half = half_of(HARBOUR.name)
    other = "B" if half == "A" else "A"
    kept = evaluate(Path(f"{DATA}#{half}"), Pipeline([_Replay("perfect")]))
    assert kept.documents == 1 and kept.prf["value"].tp == 6
    dropped = evaluate(Path(f"{DATA}#{other}"), Pipeline([_Replay("perfect")]))
    assert dropped.documents == 0 and f"value@{half}" not in dropped.prf

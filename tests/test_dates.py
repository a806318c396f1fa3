"""The dates stage on invented sentences: spans, TIMEX3 types, values and granularities."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.document import Document
from communique.pipeline import Pipeline
from communique.stages.dates import DatesStage
from communique.stages.language import LanguageStage
from communique.stages.nlp import NlpStage

MONDAY = dt.date(2024, 12, 9)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline([LanguageStage(), NlpStage(), DatesStage()])


def dates(pipeline: Pipeline, text: str, published: dt.date | None = MONDAY) -> list[tuple]:
    record = pipeline.code(Document(id="t", text=text, published=published))
    assert record.status == "ok", record.error
    for item in record.dates:
        assert record.text[item.start : item.end] == item.text
    return [(d.text, d.type, d.value, d.granularity) for d in record.dates]


def values(pipeline: Pipeline, text: str, published: dt.date | None = MONDAY) -> dict[str, str]:
    return {text: value for text, _, value, _ in dates(pipeline, text, published)}


def test_story_dates_resolve_against_publication(pipeline: Pipeline) -> None:
    text = (
        "The harbour authority said on Monday that the ferry strike, which began on November 7, "
        "had cost more than the floods earlier this year. The line opened in February 2002 and "
        "was extended in 1998."
    )
    found = dates(pipeline, text)
    assert ("Monday", "DATE", "2024-12-09", "day") in found
    assert ("November 7", "DATE", "2024-11-07", "day") in found
    assert ("earlier this year", "DATE", "2024", "year") in found
    assert ("February 2002", "DATE", "2002-02", "month") in found
    assert ("1998", "DATE", "1998", "year") in found


def test_weekday_prefers_the_past_unless_the_verb_is_future(pipeline: Pipeline) -> None:
    assert values(pipeline, "The mayor resigned on Thursday.")["Thursday"] == "2024-12-05"
    assert values(pipeline, "The mayor will resign on Thursday.")["Thursday"] == "2024-12-12"
    assert values(pipeline, "The council will meet on Monday.")["Monday"] == "2024-12-16"
    assert values(pipeline, "The council met on Monday.")["Monday"] == "2024-12-09"


def test_relative_periods(pipeline: Pipeline) -> None:
    found = values(
        pipeline,
        "Prices rose last week, fell last month and will rise next year. Yesterday the bank "
        "cut rates; tomorrow it meets again. Sales slowed at the end of November.",
    )
    assert found["last week"] == "2024-W49"
    assert found["last month"] == "2024-11"
    assert found["next year"] == "2025"
    assert found["Yesterday"] == "2024-12-08"
    assert found["tomorrow"] == "2024-12-10"
    assert found["the end of November"] == "2024-11"


def test_durations_sets_and_references(pipeline: Pipeline) -> None:
    found = dates(
        pipeline,
        "The talks lasted three days after a two-year pause. Patrols run daily and the "
        "committee meets every month. Now the rebels say the truce was recently broken, "
        "and the future is unclear.",
    )
    assert ("three days", "DURATION", "P3D", "duration") in found
    assert ("two-year", "DURATION", "P2Y", "duration") in found
    assert ("daily", "SET", "P1D", "set") in found
    assert ("every month", "SET", "P1M", "set") in found
    assert ("Now", "DATE", "PRESENT_REF", "day") in found
    assert ("recently", "DATE", "PAST_REF", "year") in found
    assert ("the future", "DATE", "FUTURE_REF", "year") in found


def test_decades_seasons_quarters_and_times(pipeline: Pipeline) -> None:
    found = values(
        pipeline,
        "Exports peaked in the 1990s and again last summer. Third-quarter profit doubled. "
        "The vote closed at 10:30 p.m. Sunday night, officials said.",
    )
    assert found["the 1990s"] == "199"
    assert found["last summer"] == "2024-SU"
    assert found["Third-quarter"] == "2024-Q3"
    assert found["10:30 p.m."] == "2024-12-09T22:30"
    assert found["Sunday night"] == "2024-12-08TNI"


def test_clock_time_fuses_with_its_day(pipeline: Pipeline) -> None:
    found = dates(pipeline, "The curfew starts at 9 p.m. Friday across the province.")
    assert ("9 p.m. Friday", "TIME", "2024-12-06T21:00", "time") in found


def test_verbs_and_quantities_are_not_dates(pipeline: Pipeline) -> None:
    found = values(pipeline, "Officials may march to the square, where 2000 troops wait.")
    assert found == {}


def test_without_publication_date_relative_values_are_null_with_a_warning(
    pipeline: Pipeline,
) -> None:
    record = pipeline.code(
        Document(id="n", text="The envoy arrived on Monday, as in March 1999.", published=None)
    )
    by_text = {d.text: d.value for d in record.dates}
    assert by_text == {"Monday": None, "March 1999": "1999-03"}
    assert any("no publication date" in w for w in record.warnings)


@pytest.mark.parametrize(
    ("unit", "granularity"),
    [("weekend", "week"), ("quarter", "month"), ("decade", "decade"), ("century", "decade")],
)
def test_unanchored_relative_units_keep_a_record_granularity(
    pipeline: Pipeline, unit: str, granularity: str
) -> None:
    record = pipeline.code(Document(id="u", text=f"Trade fell last {unit}.", published=None))
    assert record.status == "ok"
    assert [(d.value, d.granularity) for d in record.dates] == [(None, granularity)]


def test_spoken_years_quarters_and_rates(pipeline: Pipeline) -> None:
    found = dates(
        pipeline,
        "The mill closed in nineteen ninety-six. Profit in the fourth quarter beat the year-ago "
        "quarter, and the firm pays $2 a year per share to about three-quarters of its owners.",
        published=dt.date(2024, 1, 20),
    )
    values_by_text = {text: value for text, _, value, _ in found}
    assert values_by_text["nineteen ninety-six"] == "1996"
    assert values_by_text["the fourth quarter"] == "2023-Q4"
    assert values_by_text["the year-ago quarter"] == "2022-Q4"
    assert "a year" not in values_by_text
    assert not any("quarters" in text for text in values_by_text)


def test_explicit_weekday_picks_the_year(pipeline: Pipeline) -> None:
    found = values(pipeline, "The ruling came on Friday, March 3, the court said.",
                   published=dt.date(2024, 1, 10))
    assert found["Friday, March 3"] == "2023-03-03"


def test_lexicon_errors_name_file_and_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from communique.errors import ResourceError
    from communique.stages.timex_lexicon import DEFAULT_PATH, load_timex_lexicon

    broken = tmp_path / "timex.yaml"
    lines = DEFAULT_PATH.read_text(encoding="utf-8").splitlines()
    index = lines.index("  January: 1")
    lines[index] = "  January: first"
    broken.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ResourceError, match=rf"timex\.yaml:{index + 1}:"):
        load_timex_lexicon(broken)


def test_anaphoric_expressions_count_from_the_last_date_mentioned(pipeline: Pipeline) -> None:
    found = values(
        pipeline,
        "The harbour opened on March 3, 2011, and the ferry line followed the next day. "
        "A second pier was built in 2015 and a lighthouse the following year. "
        "The mayor moved away in June 2018 and came back later that year.",
    )
    assert found["March 3, 2011"] == "2011-03-03"
    assert found["the next day"] == "2011-03-04"
    assert found["the following year"] == "2016"
    assert found["later that year"] == "2018"


def test_anaphoric_day_after_a_month_keeps_unknown_digits(pipeline: Pipeline) -> None:
    found = values(pipeline, "The storm hit in October 2020. The bridge closed that same day.")
    assert found["that same day"] == "2020-10-XX"


def test_anaphoric_without_an_earlier_date_counts_from_publication(pipeline: Pipeline) -> None:
    found = values(pipeline, "The council voted and the mayor resigned the following day.")
    assert found["the following day"] == "2024-12-10"


def test_month_with_a_relative_year_is_one_expression(pipeline: Pipeline) -> None:
    found = values(
        pipeline,
        "Talks began in February this year, stalled in June last year and resume in April next "
        "year. Exports boomed in the nineties.",
    )
    assert found["February this year"] == "2024-02"
    assert found["June last year"] == "2023-06"
    assert found["April next year"] == "2025-04"
    assert found["the nineties"] == "199"


def test_halves_names_and_parts_of_days(pipeline: Pipeline) -> None:
    found = values(
        pipeline,
        "The climb took a minute and a half and the descent two and a half years. "
        "Shares fell at mid-afternoon yesterday. The post-1990 rules may change as early as "
        "next year's first quarter.",
    )
    assert found["a minute and a half"] == "PT1M30S"
    assert found["two and a half years"] == "P2Y6M"
    assert found["mid-afternoon yesterday"] == "2024-12-08TAF"
    assert found["post-1990"] == "1990"
    assert found["next year's first quarter"] == "2025-Q1"


def test_bare_part_of_day_falls_on_the_day_in_question(pipeline: Pipeline) -> None:
    found = values(pipeline, "The talks opened on Thursday. By mid afternoon the envoys had left.")
    assert found["mid afternoon"] == "2024-12-05TAF"


def test_planned_events_look_ahead_unless_the_plan_is_past_perfect(pipeline: Pipeline) -> None:
    assert values(pipeline, "Trading is to resume in Paris on Tuesday.")["Tuesday"] == "2024-12-10"
    found = values(pipeline, "The offer had been due to expire on Friday.")
    assert found["Friday"] == "2024-12-06"


def test_a_deadline_moved_in_the_past_lies_ahead(pipeline: Pipeline) -> None:
    assert values(pipeline, "Officials postponed the vote until Tuesday morning.") == {
        "Tuesday morning": "2024-12-10TMO"
    }
    found = values(pipeline, "The agency gave the family until 9 a.m. Thursday to respond.")
    assert found["9 a.m. Thursday"] == "2024-12-12T09:00"
    assert values(pipeline, "He stayed there until Tuesday.") == {"Tuesday": "2024-12-03"}

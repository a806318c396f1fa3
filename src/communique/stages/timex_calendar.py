"""Calendar arithmetic behind TIMEX3 values: anchoring, weeks, quarters, seasons, numbers.

Kept apart from the rule-by-rule normalizers so that the choices about *which* occurrence a bare
"Monday" or "March" means (news prefers the past unless the verb is future) live in one place.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

Tense = Literal["past", "present", "future"] | None

#: season codes in calendar order within a year; a winter takes the year of its January
SEASONS = ("WI", "SP", "SU", "FA")
_SEASON_OF_MONTH = {1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3, 12: 0}


@dataclass
class Context:
    """What a normalizer knows besides its match: the anchor, the verb's tense, what came before."""

    anchor: dt.date | None
    tense: Tense = None
    #: the last explicit day mentioned ("two days later" counts from it)
    reference_day: dt.date | None = None
    #: the last calendar quarter mentioned, as (year, quarter) ("a year earlier" in earnings news)
    last_quarter: tuple[int, int] | None = None
    #: the last date the text mentioned and its granularity ("day", "month" or "year"): what
    #: "the following year" or "that day" count from (TimeML anaphoric anchoring)
    reference: tuple[dt.date, str] | None = None
    notes: list[str] = field(default_factory=list)


def day_value(day: dt.date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, by: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + by
    return index // 4, index % 4 + 1


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def season_of(day: dt.date) -> tuple[int, int]:
    """(year, season index); December belongs to the winter of the next year."""
    return day.year + (day.month == 12), _SEASON_OF_MONTH[day.month]


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def choose(candidates: list[dt.date], anchor: dt.date, tense: Tense, window: int = 0) -> dt.date:
    """The occurrence a tense points to: future -> first after, past -> last before, else nearest.

    News reports mostly what happened, so without a tense the nearest occurrence wins and a tie
    goes to the past. Within `window` days of the anchor the nearest wins whatever the tense:
    a past-tense sentence often names a date just ahead ("the dividend was set for Dec. 1").
    """
    ordered = sorted(candidates)
    nearest = min(ordered, key=lambda c: (abs((c - anchor).days), c > anchor))
    if abs((nearest - anchor).days) <= window:
        return nearest
    if tense == "future":
        after = [c for c in ordered if c >= anchor]
        if after:
            return after[0]
    if tense == "past":
        before = [c for c in ordered if c <= anchor]
        if before:
            return before[-1]
    return nearest


def weekday_date(anchor: dt.date, weekday: int, shift: int | None, tense: Tense) -> dt.date:
    """A weekday (Monday = 1) near the anchor.

    `shift` -1 is "last" (strictly before), +1 "next" (strictly after), 0 "this" (the same week).
    Without a shift the story's own day counts as past: "on Monday" in a Monday story is that
    day unless the verb is future, which moves it to the next one.
    """
    delta = weekday - anchor.isoweekday()
    if shift == 0:
        return anchor + dt.timedelta(days=delta)
    if shift == 1 or (shift is None and tense == "future"):
        ahead = delta % 7 or 7
        return anchor + dt.timedelta(days=ahead)
    back = (-delta) % 7
    if shift == -1 and back == 0:
        back = 7
    return anchor - dt.timedelta(days=back)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The n-th (or last, n = -1) given weekday of a month: floating holidays."""
    if nth > 0:
        first = dt.date(year, month, 1)
        offset = (weekday - first.isoweekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (nth - 1))
    next_first = dt.date(year + month // 12, month % 12 + 1, 1)
    last = next_first - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


_FRACTION = re.compile(r"\s+1/2$")


def parse_number(text: str, words: dict[str, float]) -> float | None:
    """"12", "1,500", "5 1/2", "twenty-four", "a couple of" as a number; None if not one."""
    text = text.strip().lower()
    half = 0.5 if _FRACTION.search(text) else 0.0
    text = _FRACTION.sub("", text)
    digits = text.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return float(digits) + half
    if text in words:
        return float(words[text]) + half
    total = 0.0
    for piece in re.split(r"[\s\-]+", text):
        if piece not in words:
            return None
        total += float(words[piece])
    return total + half


def format_amount(amount: float, letter: str, time: bool) -> str:
    """A TIMEX3 duration: P3D, PT5H, P6M for half a year, PT1H30M for an hour and a half,
    PT1M30S for a minute and a half."""
    smaller = {
        ("Y", False): (12, "M", False),
        ("D", False): (24, "H", True),
        ("H", True): (60, "M", True),
        ("M", True): (60, "S", True),
    }
    whole = int(amount)
    rest = amount - whole
    if rest and (letter, time) in smaller:
        factor, small, small_time = smaller[(letter, time)]
        extra = f"{round(rest * factor)}{small}"
        if whole == 0:
            return ("PT" if small_time else "P") + extra
        if small_time and not time:
            return f"P{whole}{letter}T{extra}"
        return ("PT" if time else "P") + f"{whole}{letter}{extra}"
    number = f"{whole}" if not rest else f"{amount:g}"
    return ("PT" if time else "P") + number + letter

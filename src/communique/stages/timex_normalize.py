"""Normalizers: from a rule's match (its named groups) to a TIMEX3 type, value and granularity.

Each rule in timex.yaml names one of the functions in `NORMALIZERS`. A normalizer returns None to
veto a match that is not a temporal expression after all ("a second" opinion), and a Timex whose
value is None when the expression is relative and the story has no publication date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from communique.stages import timex_calendar as cal
from communique.stages.timex_calendar import Context, Tense
from communique.stages.timex_lexicon import TimexLexicon

Groups = dict[str, str | None]


@dataclass(frozen=True)
class Timex:
    type: str
    value: str | None
    granularity: str
    #: the value depends on the publication date (so None without one)
    relative: bool = False


Normalizer = Callable[[Groups, Context, TimexLexicon], Timex | None]


def _unanchored(kind: str, granularity: str) -> Timex:
    return Timex(kind, None, granularity, relative=True)


_SPOKEN = {"nineteen": 1900, "twenty": 2000}


def spoken_year(text: str, numbers: dict[str, float]) -> int | None:
    """"nineteen ninety-six" -> 1996, "two thousand and one" -> 2001."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + int(cal.parse_number(" ".join(rest), numbers) or 0) if rest else 2000
    if not words or words[0] not in _SPOKEN:
        return None
    after = " ".join(words[1:])
    tail = 0 if after == "hundred" else int(cal.parse_number(after, numbers) or 0)
    return _SPOKEN[words[0]] + tail


def _year(text: str, anchor: dt.date | None, lex: TimexLexicon) -> int:
    if not text.isdigit():
        return spoken_year(text, lex.words["numbers"]) or 0
    year = int(text)
    if year >= 100:
        return year
    century = (anchor.year // 100 * 100) if anchor else 1900
    return century + year if century + year <= (anchor.year if anchor else 2099) + 10 else (
        century - 100 + year
    )


def _month(groups: Groups, lex: TimexLexicon) -> int | None:
    if groups.get("mon"):
        return int(groups["mon"] or 0)
    return lex.lookup("months", groups.get("month") or "")


def _day(groups: Groups, lex: TimexLexicon) -> int | None:
    if groups.get("ordday"):
        return lex.lookup("ordinals", groups["ordday"] or "")
    text = (groups.get("day") or "").rstrip("stndrh")
    return int(text) if text.isdigit() else None


#: within this many days of the publication date the nearest occurrence wins whatever the tense
NEAR_DAYS = 90
#: the same for a month named without a year (in days from the middle of the month)
NEAR_MONTH_DAYS = 62


def norm_date(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    """Calendar dates, with or without a year; a month and year alone is a month."""
    if groups.get("relyear"):
        return norm_month(groups, ctx, lex)  # "June last year"
    month, day = _month(groups, lex), _day(groups, lex)
    if not month or not 1 <= month <= 12:
        return None
    if groups.get("year") and day is None:
        year = _year(groups["year"] or "", ctx.anchor, lex)
        return Timex("DATE", cal.month_value(year, month), "month")
    if day is None:
        return None
    if groups.get("year"):
        found = cal.safe_date(_year(groups["year"] or "", ctx.anchor, lex), month, day)
        if found is None:
            return None
        ctx.reference_day = found
        return Timex("DATE", found.isoformat(), "day")
    if ctx.anchor is None:
        return _unanchored("DATE", "day")
    options = [
        d for y in (-1, 0, 1) if (d := cal.safe_date(ctx.anchor.year + y, month, day)) is not None
    ]
    weekday = lex.lookup_captured("weekdays", groups.get("weekday"))
    if weekday and any(d.isoweekday() == weekday for d in options):
        options = [d for d in options if d.isoweekday() == weekday]  # "Monday, Oct. 26"
    if not options:
        return None
    found = cal.choose(options, ctx.anchor, _month_tense(ctx.tense), NEAR_DAYS)
    ctx.reference_day = found
    return Timex("DATE", found.isoformat(), "day", relative=True)


def _month_tense(tense: Tense) -> Tense:
    """A month or day named without a year leans to the past unless the verb is future (news
    past-preference): "since the Oct. 23 attack" in a May story is last October."""
    return "past" if tense in (None, "present") else tense


def norm_month(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    """A month without a year: "last June", "in March", "the end of November"."""
    month = _month(groups, lex)
    word = groups.get("month") or ""
    if not month or (len(word) <= 4 and word not in ("May", "June", "July") and "." not in word):
        return None  # a bare "Jan" or "Dec" alone is a name more often than a month
    if groups.get("relyear"):
        year = _relative_year(" ".join((groups["relyear"] or "").lower().split()), ctx)
        if year is None:
            return _unanchored("DATE", "month")
        return Timex("DATE", cal.month_value(year, month), "month", relative=True)
    if ctx.anchor is None:
        return _unanchored("DATE", "month")
    shift = lex.lookup_captured("relatives", groups.get("rel"))
    year = ctx.anchor.year
    if shift == -1:
        year -= 1 if month >= ctx.anchor.month else 0
    elif shift == 1:
        year += 1 if month <= ctx.anchor.month else 0
    elif shift is None:
        options = [dt.date(ctx.anchor.year + y, month, 15) for y in (-1, 0, 1)]
        middle = ctx.anchor.replace(day=15)
        year = cal.choose(options, middle, _month_tense(ctx.tense), NEAR_MONTH_DAYS).year
    return Timex("DATE", cal.month_value(year, month), "month", relative=True)


_YEAR_SHIFT = {"this": 0, "last": -1, "next": 1, "the following": 1, "the previous": -1}


def _relative_year(words: str, ctx: Context) -> int | None:
    """The year of "June last year" (from the publication date) or "June the following year"
    (from the last date the text mentioned)."""
    base = ctx.anchor
    if words.startswith("the ") and ctx.reference is not None:
        base = ctx.reference[0]
    return base.year + _YEAR_SHIFT.get(words, 0) if base is not None else None


def norm_year(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    year = _year(groups.get("year") or "", ctx.anchor, lex)
    return Timex("DATE", f"{year:04d}", "year") if year else None


def norm_decade(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    """The 1990s -> 199 (TIMEX3 writes a decade as its first three digits); '90s and "the
    nineties" -> the latest such decade not after the anchor."""
    if groups.get("decade"):
        return Timex("DATE", (groups["decade"] or "")[:3], "decade")
    if groups.get("words"):
        short = 10 * int(lex.lookup("decade_words", groups["words"] or "") or 0)
    else:
        short = int(groups.get("short") or 0)
    this_year = ctx.anchor.year if ctx.anchor else 2099
    century = this_year // 100 * 100
    start = century + short if century + short <= this_year else century - 100 + short
    return Timex("DATE", f"{start // 10:03d}", "decade")


def norm_century(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    number = int(groups.get("century") or 0)
    if not 1 <= number <= 21:
        return None
    return Timex("DATE", f"{number - 1:02d}", "decade")


def norm_season(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    code = lex.lookup("seasons", groups.get("season") or "")
    if code is None:
        return None
    if groups.get("year"):
        return Timex("DATE", f"{_year(groups['year'] or '', ctx.anchor, lex):04d}-{code}", "season")
    if ctx.anchor is None:
        return _unanchored("DATE", "season")
    shift = lex.lookup_captured("relatives", groups.get("rel"))
    target = cal.SEASONS.index(code)
    year, current = cal.season_of(ctx.anchor)
    if shift == -1 or (shift is None and ctx.tense == "past"):
        year -= 1 if target >= current else 0
    elif shift == 1 or (shift is None and ctx.tense == "future"):
        year += 1 if target <= current else 0
    return Timex("DATE", f"{year}-{code}", "season", relative=True)


_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4}
_ORDINAL["4th"] = 4
_YEAR_BACK = ("year-earlier", "year-ago", "year-before", "same", "comparable")


def norm_quarter(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    """The third quarter (of 1989): the latest such quarter not after the anchor's, by default."""
    number = _ORDINAL.get((groups.get("ord") or "").lower())
    half = (groups.get("unit") or "").lower() == "half"
    if number is None or (half and number > 2):
        return None
    letter = "H" if half else "Q"
    explicit = groups.get("year") or groups.get("year1")
    rel = " ".join((groups.get("rel") or "").lower().split())
    relyear = (groups.get("relyear") or "").lower()
    if explicit:
        year = int(explicit)
    elif relyear and ctx.anchor is not None:
        year = ctx.anchor.year + _YEAR_SHIFT[relyear]  # "next year's first quarter"
    elif ctx.anchor is None:
        return _unanchored("DATE", "month")
    else:
        year, current = cal.quarter_of(ctx.anchor)
        current = (current + 1) // 2 if half else current
        shift = lex.lookup("relatives", rel) if rel else None
        if shift == 1 and number <= current:
            year += 1
        elif number > current and shift != 1 and ctx.tense != "future":
            year -= 1  # quarters are reported after they end: the latest such quarter
        if any(word in rel for word in _YEAR_BACK):
            year -= 1
    if not half:
        ctx.last_quarter = (year, number)
    return Timex("DATE", f"{year}-{letter}{number}", "month", relative=not explicit)


def norm_quarter_reference(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    """"the quarter", "the latest period", "the year-ago quarter": the quarter being reported."""
    rel = " ".join((groups.get("rel") or "").lower().split())
    unit = (groups.get("unit") or "quarter").lower()
    if unit == "period" and not rel and not groups.get("year"):
        return None
    if ctx.anchor is None:
        return _unanchored("DATE", "month")
    year, quarter = cal.shift_quarter(*cal.quarter_of(ctx.anchor), -1)
    if rel == "current":
        year, quarter = cal.quarter_of(ctx.anchor)
    elif ctx.last_quarter and rel not in ("latest", "most recent", "past", "last", "previous"):
        year, quarter = ctx.last_quarter
    if any(word in rel for word in _YEAR_BACK):
        year -= 1
    if groups.get("year"):
        year = int(groups["year"] or 0)  # "the 1988 quarter": the quarter in question, that year
    return Timex("DATE", f"{year}-Q{quarter}", "month", relative=True)


def _month_from(day: dt.date, step: int) -> Timex:
    """The month `step` months from `day`'s ("next month", "two months ago")."""
    return Timex("DATE", cal.month_value(*cal.shift_month(day.year, day.month, step)), "month",
                 True)


def _quarter_from(day: dt.date, step: int) -> Timex:
    """The quarter `step` quarters from `day`'s ("last quarter", "two quarters ago")."""
    year, quarter = cal.shift_quarter(*cal.quarter_of(day), step)
    return Timex("DATE", f"{year}-Q{quarter}", "month", True)


# The record's granularities are coarser than the units a relative phrase may name.
_UNIT_GRANULARITY = {"weekend": "week", "quarter": "month", "century": "decade"}


def norm_relative(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    """"last week", "earlier this year", "next month", "the end of the year", "the weekend"."""
    unit = (groups.get("unit") or "").lower()
    shift = lex.lookup_captured("relatives", groups.get("rel"))
    if ctx.anchor is None:
        return _unanchored("DATE", _UNIT_GRANULARITY.get(unit, unit))
    anchor = ctx.anchor
    step = shift or 0
    if unit == "week":
        return Timex("DATE", cal.week_value(anchor + dt.timedelta(weeks=step)), "week", True)
    if unit == "weekend":
        if shift is None:
            step = 0 if ctx.tense == "future" or anchor.isoweekday() >= 6 else -1
        value = cal.week_value(anchor + dt.timedelta(weeks=step)) + "-WE"
        return Timex("DATE", value, "week", True)
    if unit == "month":
        return _month_from(anchor, step)
    if unit == "quarter":
        return _quarter_from(anchor, step)
    if unit == "decade":
        return Timex("DATE", f"{anchor.year // 10 + step:03d}", "decade", True)
    if unit == "century":
        return Timex("DATE", f"{anchor.year // 100 + step:02d}", "decade", True)
    return Timex("DATE", f"{anchor.year + step:04d}", "year", True)


_DAY_WORDS = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1}


def norm_day_word(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    """today, yesterday, tomorrow, tonight, this morning, last night, yesterday afternoon."""
    word = " ".join((groups.get("word") or "").lower().split())
    offset = {"the day before yesterday": -2, "the day after tomorrow": 2}.get(word)
    offset = _DAY_WORDS.get(word, 0) if offset is None else offset
    part = lex.lookup_captured("day_parts", groups.get("part"))
    if word == "tonight":
        part = "NI"
    if word == "last" and part not in ("NI", None):
        return None
    if ctx.anchor is None:
        return _unanchored("TIME" if part else "DATE", "time" if part else "day")
    day = ctx.anchor + dt.timedelta(days=offset)
    ctx.reference_day = day
    if part:
        return Timex("TIME", f"{day.isoformat()}T{part}", "time", True)
    return Timex("DATE", day.isoformat(), "day", True)


def norm_weekday(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    """A weekday, with news past-preference unless the verb is future."""
    weekday = lex.lookup("weekdays", groups.get("weekday") or "")
    if weekday is None:
        return None
    part = lex.lookup_captured("day_parts", groups.get("part"))
    if ctx.anchor is None:
        return _unanchored("TIME" if part else "DATE", "time" if part else "day")
    rel = " ".join((groups.get("rel") or "").lower().split())
    shift = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1}.get(rel)
    shift = 1 if rel == "this coming" else shift
    shift = 0 if rel == "this" and ctx.tense is None else shift
    day = cal.weekday_date(ctx.anchor, weekday, shift, ctx.tense)
    ctx.reference_day = day
    if part:
        return Timex("TIME", f"{day.isoformat()}T{part}", "time", True)
    return Timex("DATE", day.isoformat(), "day", True)


def norm_holiday(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    name = groups.get("holiday") or ""
    fixed = lex.lookup("holidays", name)
    floating = lex.floating_holidays.get(" ".join(name.split()))

    def on(year: int) -> dt.date:
        if fixed:
            return dt.date(year, int(fixed[:2]), int(fixed[3:]))
        month, weekday, nth = floating  # type: ignore[misc]
        return cal.nth_weekday(year, month, weekday, nth)

    if fixed is None and floating is None:
        return None
    if groups.get("year"):
        return Timex("DATE", on(int(groups["year"] or 0)).isoformat(), "day")
    if ctx.anchor is None:
        return _unanchored("DATE", "day")
    options = [on(ctx.anchor.year + y) for y in (-1, 0, 1)]
    return Timex("DATE", cal.choose(options, ctx.anchor, ctx.tense).isoformat(), "day", True)


def norm_clock(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    """3 p.m., 10:35 a.m., noon: a time on the anchor's day (a day written beside it moves it)."""
    if groups.get("clock"):
        clock = lex.lookup("clock_words", groups["clock"] or "")
    else:
        hour_text = groups.get("hour") or ""
        number = cal.parse_number(hour_text, lex.words["numbers"])
        if number is None or not 0 <= number <= 24:
            return None
        hour, minute = int(number), int(groups.get("minute") or 0)
        ampm = (groups.get("ampm") or "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        clock = f"{hour:02d}:{minute:02d}"
    if ctx.anchor is None:
        return _unanchored("TIME", "time")
    return Timex("TIME", f"{ctx.anchor.isoformat()}T{clock}", "time", True)


def _amount(groups: Groups, lex: TimexLexicon) -> float | None:
    """The number of units, or -1 for a vague quantity ("several"), None when not a number."""
    if groups.get("vague"):
        return -1.0
    return cal.parse_number(groups.get("num") or "", lex.words["numbers"])


def _unit(groups: Groups, lex: TimexLexicon) -> tuple[str, bool] | None:
    unit = lex.units.get((groups.get("unit") or "").lower())
    return (unit.letter, unit.time) if unit else None


_YEARS_PER = {"DE": 10, "CE": 100}


def norm_duration(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    """three days -> P3D, 16-hour -> PT16H, several years -> PXY, half a year -> P6M."""
    amount, unit = _amount(groups, lex), _unit(groups, lex)
    if amount is None or unit is None or amount == 0:
        return None
    if amount > 0 and (groups.get("half") or groups.get("half2")):
        amount += 0.5  # "a minute and a half", "two and a half years"
    letter, time = unit
    if letter == "S" and (groups.get("num") or "").lower() in ("a", "one"):
        return None  # "a second" is an ordinal far more often than a second of time
    if letter == "WE":
        letter, amount = "D", (2 if amount < 0 else amount * 2)
    if letter in _YEARS_PER and amount > 0:
        letter, amount = "Y", amount * _YEARS_PER[letter]  # two decades -> P20Y, as TimeBank
    if amount < 0:
        return Timex("DURATION", ("PTX" if time else "PX") + letter, "duration")
    return Timex("DURATION", cal.format_amount(amount, letter, time), "duration")


def norm_vague_duration(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    """"years", "recent months", "coming weeks": vague spans, or past/future references."""
    unit = _unit(groups, lex)
    if unit is None:
        return None
    rel = " ".join((groups.get("rel") or "").lower().split())
    if rel == "recent":
        return Timex("DATE", "PAST_REF", "year")
    if rel == "coming":
        return Timex("DATE", "FUTURE_REF", "year")
    letter, time = unit
    return Timex("DURATION", ("PTX" if time else "PX") + letter, "duration")


_UNIT_DAYS = {"D": 1, "W": 7}


def norm_ago(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    """"two years ago", "a week earlier", "three days later": a date counted from an anchor."""
    amount, unit = _amount(groups, lex), _unit(groups, lex)
    if amount is None or unit is None:
        return None
    letter, time = unit
    direction = (groups.get("dir") or "").lower()
    sign = -1 if direction in ("ago", "earlier") else 1
    if amount < 0:
        return Timex("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "year")
    if ctx.anchor is None:
        return _unanchored("DATE", "day")
    base = ctx.anchor
    if direction in ("earlier", "later") and ctx.reference_day is not None:
        base = ctx.reference_day
    steps = round(amount) * sign
    if letter == "Y" and abs(steps) == 1 and sign < 0 and ctx.last_quarter:
        year, quarter = ctx.last_quarter
        return Timex("DATE", f"{year - 1}-Q{quarter}", "month", True)
    if direction in ("earlier", "later") and not (letter == "Y" and sign < 0):
        # counted from an event rather than the story's date: TimeML gives the offset itself
        return Timex("DURATION", cal.format_amount(amount, letter, time), "duration")
    if time:
        return Timex("DATE", base.isoformat(), "day", True)
    if letter in _UNIT_DAYS:
        day = base + dt.timedelta(days=steps * _UNIT_DAYS[letter])
        if letter == "W":
            return Timex("DATE", cal.week_value(day), "week", True)
        return Timex("DATE", day.isoformat(), "day", True)
    if letter == "M":
        return _month_from(base, steps)
    if letter == "Q":
        return _quarter_from(base, steps)
    years = steps * {"Y": 1, "DE": 10, "CE": 100}.get(letter, 1)
    return Timex("DATE", f"{base.year + years:04d}", "year", True)


_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def norm_anaphoric(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    """"the following year", "that same day", "later that month", "the next morning".

    TimeML anchors these to the last date the text mentioned (its reference time), not to the
    publication date, which serves only when the text has mentioned none. A day counted from a
    month or year keeps its unknown digits: "that day" after "in June 1998" is 1998-06-XX.
    """
    unit = (groups.get("unit") or "").lower()
    words = " ".join((groups.get("rel") or groups.get("that") or "").lower().split())
    shift = lex.lookup("anaphoric", words) if words else 0  # "by mid afternoon": that same day
    part = _PARTS.get(unit)
    if shift is None:
        return None
    base, grain = ctx.reference or (ctx.anchor, "day")
    if not words and grain != "day":
        base, grain = ctx.anchor, "day"  # a bare "mid afternoon" needs a day: the story's own
    if base is None:
        return _unanchored("TIME" if part else "DATE", "time" if part else unit)
    if part or unit == "day":
        if grain != "day":
            unknown = "-XX" if grain == "month" else "-XX-XX"
            return Timex("DATE", base.isoformat()[: 7 if grain == "month" else 4] + unknown,
                         "day", True)
        day = base + dt.timedelta(days=shift)
        if part:
            return Timex("TIME", f"{day.isoformat()}T{part}", "time", True)
        return Timex("DATE", day.isoformat(), "day", True)
    if unit == "week":
        if grain != "day":
            return Timex("DATE", f"{base.year:04d}-WXX", "week", True)
        return Timex("DATE", cal.week_value(base + dt.timedelta(weeks=shift)), "week", True)
    if unit == "month":
        if grain == "year":
            return Timex("DATE", f"{base.year:04d}-XX", "month", True)
        value = cal.month_value(*cal.shift_month(base.year, base.month, shift))
        return Timex("DATE", value, "month", True)
    return Timex("DATE", f"{base.year + shift:04d}", "year", True)


def norm_set(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    """every day -> P1D, twice a year -> P1Y, Mondays -> XXXX-WXX-1, each July -> XXXX-07."""
    if groups.get("set"):
        return Timex("SET", lex.lookup("sets", groups["set"] or ""), "set")
    weekday_name = groups.get("weekday") or groups.get("weekday2")
    if weekday_name:
        weekday = lex.lookup("weekdays", weekday_name)
        part_name = groups.get("part") or groups.get("part2")
        part = lex.lookup("day_parts", part_name) if part_name else None
        return Timex("SET", f"XXXX-WXX-{weekday}" + (f"T{part}" if part else ""), "set")
    if groups.get("month"):
        return Timex("SET", f"XXXX-{lex.lookup('months', groups['month'] or ''):02d}", "set")
    unit = _unit(groups, lex)
    if unit is None:
        return None
    amount = _amount(groups, lex) if groups.get("num") else 1.0
    if amount is None or amount <= 0:
        return None
    letter, time = unit
    return Timex("SET", cal.format_amount(amount, letter, time), "set")


def norm_reference(groups: Groups, ctx: Context, lex: TimexLexicon) -> Timex | None:
    value = lex.lookup("references", groups.get("ref") or "")
    if value is None:
        return None
    return Timex("DATE", value, "day" if value == "PRESENT_REF" else "year")


NORMALIZERS: dict[str, Normalizer] = {
    "date": norm_date,
    "month": norm_month,
    "year": norm_year,
    "decade": norm_decade,
    "century": norm_century,
    "season": norm_season,
    "quarter": norm_quarter,
    "quarter_reference": norm_quarter_reference,
    "relative": norm_relative,
    "anaphoric": norm_anaphoric,
    "day_word": norm_day_word,
    "weekday": norm_weekday,
    "holiday": norm_holiday,
    "clock": norm_clock,
    "duration": norm_duration,
    "vague_duration": norm_vague_duration,
    "ago": norm_ago,
    "set": norm_set,
    "reference": norm_reference,
}

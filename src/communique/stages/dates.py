"""Dates stage: every temporal expression as a TIMEX3 type, value and granularity.

Recognition is rule-based (HeidelTime-style regular expressions over lexicon words, kept as data in
resources/data/timex.yaml); normalization anchors relative expressions on the publication date and
uses the spaCy parse for what rules cannot see: the tense of the governing verb (news prefers the
past, so "on Monday" in a Monday story is that day unless the verb is future) and whether "May",
"fall" or "1990" are used as dates at all. Spans follow TimeML: prepositions ("on", "in") stay out.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, ClassVar

from communique.document import Document
from communique.models import DateExpression
from communique.stages.timex_calendar import Context, Tense, safe_date
from communique.stages.timex_lexicon import TimexLexicon, default_lexicon
from communique.stages.timex_normalize import NORMALIZERS, Timex
from communique.stages.timex_recognize import Candidate, check_rules, find_candidates, joins, near

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

#: auxiliaries that put the verb in the future ("will meet", "would meet" in reported speech)
_FUTURE_AUX = frozenset(
    {"will", "'ll", "shall", "wo", "would", "'d", "might", "may", "should", "must"}
)
#: verbs whose infinitive complement lies ahead ("plans to meet on Friday")
_FUTURE_HEADS = frozenset(
    {"go", "expect", "schedule", "plan", "intend", "set", "due", "hope", "aim", "prepare", "agree",
     "likely", "want", "seek", "try"}
)
#: entity labels under which a four-digit number is a quantity, not a year
_NOT_YEAR = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT"})
#: entity labels of names that may contain a number or a time word without being a date
_NAME_LABELS = frozenset({"ORG", "PRODUCT", "FAC", "WORK_OF_ART", "LAW"})
_VERBAL = frozenset({"VERB", "AUX"})
#: words just before an expression that point it forward ("as early as Tuesday", "by Friday")
_DEADLINE = re.compile(r"\bby\s+\Z", re.IGNORECASE)
#: "until Tuesday", "until 9 a.m. EST Tuesday"
_UNTIL = re.compile(
    r"\b(?:until|till)\s+(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?\s*(?:[A-Z]{3}\s+)?)?\Z",
    re.IGNORECASE,
)
#: verbs that set or move a deadline: what they move it to lies ahead
_DEADLINE_VERBS = frozenset(
    {"postpone", "extend", "delay", "defer", "give", "grant", "adjourn", "suspend", "push",
     "put", "move", "recess"}
)
_FUTURE_CUE = re.compile(
    r"\b(?:as\s+(?:soon|early)\s+as|no\s+later\s+than)\s+(?:on\s+|in\s+)?\Z",
    re.IGNORECASE,
)


def governing_verb(token: Token) -> Token | None:
    """The verb the expression depends on: climb the parse until a verb (or give up)."""
    node = token
    for _ in range(8):
        if node.pos_ in _VERBAL:
            return node
        if node.head is node:
            return None
        node = node.head
    return None


def tense_of(verb: Token, depth: int = 0) -> Tense:
    """Past, present or future, from the verb's tag and its auxiliaries."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in aux} | {verb.lower_}
    if words & _FUTURE_AUX:
        return "future"
    if "to" in words and verb.head is not verb and (
        verb.head.lemma_ in _FUTURE_HEADS or verb.head.lemma_ == "be"  # "is to resume"
    ):
        head_aux = {c.lower_ for h in (verb.head, verb.head.head) for c in h.children
                    if c.dep_ in ("aux", "auxpass")}
        return "past" if "had" in head_aux else "future"  # "had been due to expire": past
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in aux):
        return "past"
    if "to" in words and verb.head is not verb and verb.head.pos_ in _VERBAL and depth < 4:
        return tense_of(verb.head, depth + 1)
    if verb.tag_ in ("VBZ", "VBP", "VBG", "MD"):
        return "present"
    return None


class DatesStage:
    name: ClassVar[str] = "dates"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "published", "sentences", "spacy"})
    assigns: ClassVar[frozenset[str]] = frozenset({"dates"})
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})

    def __init__(self, lexicon: TimexLexicon | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        check_rules(self.lexicon)

    def __call__(self, doc: Document) -> Document:
        anchor = doc.published
        if isinstance(anchor, dt.datetime):
            anchor = anchor.date()
        found = self.extract(doc.text, anchor, doc.spacy)
        doc.dates = [
            DateExpression(
                start=c.start, end=c.end, text=doc.text[c.start : c.end], value=t.value,
                granularity=t.granularity, type=t.type,  # type: ignore[arg-type]
            )
            for c, t in found
        ]
        unresolved = sum(1 for _, t in found if t.value is None)
        if unresolved:
            doc.warn(
                f"no publication date: {unresolved} relative date expression(s) left unresolved "
                "(value null); pass --published YYYY-MM-DD to resolve them."
            )
        return doc

    def extract(
        self, text: str, anchor: dt.date | None, parsed: SpacyDoc | None = None
    ) -> list[tuple[Candidate, Timex]]:
        """Candidates and their TIMEX3 readings, in text order."""
        ctx = Context(anchor=anchor)
        results: list[tuple[Candidate, Timex]] = []
        for candidate in find_candidates(text, self.lexicon):
            tokens = _tokens(parsed, candidate)
            if tokens is not None and not _is_temporal(candidate, tokens):
                continue
            ctx.tense = _tense(tokens)
            before = max(0, candidate.start - 30)
            if (
                _FUTURE_CUE.search(text, before, candidate.start)
                or (ctx.tense != "past" and _DEADLINE.search(text, before, candidate.start))
                or _is_extended_deadline(text, before, candidate.start, tokens)
            ):
                ctx.tense = "future"
            timex = NORMALIZERS[candidate.norm](candidate.groups, ctx, self.lexicon)
            if timex is not None:
                results.append((candidate, timex))
                remember(ctx, timex)
        return _attach_clocks(text, results)


_DATED = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T|$)")


def remember(ctx: Context, timex: Timex) -> None:
    """Keep the last calendar date mentioned, for "the following year" and "that day" to count
    from (weeks, quarters, seasons and references do not serve as such anchors)."""
    match = _DATED.match(timex.value or "") if timex.type in ("DATE", "TIME") else None
    if match is None:
        return
    year, month, day = match.groups()
    grain = "day" if day else "month" if month else "year"
    found = safe_date(int(year), int(month or 1), int(day or 1))
    if found is not None:
        ctx.reference = (found, grain)


def _is_extended_deadline(text: str, before: int, start: int, tokens: list[Token] | None) -> bool:
    """"postponed until Tuesday", "gave them until 9 a.m. Friday": a deadline set or moved in
    the past lies ahead of the story, whatever the verb's tense."""
    if not tokens or not _UNTIL.search(text, before, start):
        return False
    verb = governing_verb(tokens[0].doc[tokens[0].i : tokens[-1].i + 1].root)
    return verb is not None and _DEADLINE_VERBS & {verb.lemma_, verb.head.lemma_} != set()


def _tokens(parsed: SpacyDoc | None, candidate: Candidate) -> list[Token] | None:
    if parsed is None:
        return None
    span = parsed.char_span(candidate.start, candidate.end, alignment_mode="expand")
    return list(span) if span is not None else None


def _tense(tokens: list[Token] | None) -> Tense:
    if not tokens:
        return None
    root = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].root
    verb = governing_verb(root)
    return tense_of(verb) if verb is not None else None


def _is_temporal(candidate: Candidate, tokens: list[Token]) -> bool:
    """Parse checks for words that are dates only in some uses."""
    if len(tokens) == 1 and tokens[0].pos_ in _VERBAL:
        return False  # "may", "march", "spring", "fall" used as verbs
    if candidate.rule.name == "set-word" and tokens[0].pos_ in ("NOUN", "PROPN"):
        return False  # "the party daily"
    if _inside_name(tokens):
        return False  # "60 Minutes" (a show), "Orion 1980" (a company)
    if candidate.norm == "duration" and not _is_duration(candidate, tokens):
        return False
    if candidate.norm == "year" and len(tokens) == 1:
        token = tokens[0]
        if token.ent_type_ in _NOT_YEAR:
            return False
        if token.dep_ == "nummod" and token.head.tag_ == "NNS":
            return False  # "2000 troops"
    return True


def _inside_name(tokens: list[Token]) -> bool:
    """The expression is part of a longer name the parser tagged (a company, a show, a law)."""
    first, last = tokens[0], tokens[-1]
    if first.ent_type_ not in _NAME_LABELS or any(t.ent_type_ != first.ent_type_ for t in tokens):
        return False
    after = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    return first.ent_iob_ == "I" or (after is not None and after.ent_iob_ == "I")


def _is_duration(candidate: Candidate, tokens: list[Token]) -> bool:
    """Rates and fractions look like durations: "$5 a year", "24 hours a day", "a quarter of"."""
    first = tokens[0]
    if first.lower_ in ("a", "an") and first.i > 0:
        before = first.doc[first.i - 1]
        if before.tag_ in ("CD", "NNS", "$") or before.lower_ in ("%", "percent"):
            return False
    unit = (candidate.groups.get("unit") or "").lower()
    if unit.startswith("quarter"):
        last = tokens[-1]
        after = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
        if (after is not None and after.lower_ == "of") or "-quarters" in last.lower_:
            return False
    return True


def _attach_clocks(
    text: str, results: list[tuple[Candidate, Timex]]
) -> list[tuple[Candidate, Timex]]:
    """Give clock times the day written next to them; fuse "10 p.m. Wednesday" into one TIME."""
    out: list[tuple[Candidate, Timex]] = []
    index = 0
    while index < len(results):
        cand, timex = results[index]
        nxt = results[index + 1] if index + 1 < len(results) else None
        if nxt is not None and _is_clock(cand) != _is_clock(nxt[0]):
            clock, day = (results[index], nxt) if _is_clock(cand) else (nxt, results[index])
            if _is_day(day[1]) and clock[1].value and day[1].value:
                value = f"{day[1].value[:10]}{clock[1].value[10:]}"
                moved = Timex("TIME", value, "time", relative=clock[1].relative)
                if joins(text, cand, nxt[0]):
                    merged = Candidate(cand.start, nxt[0].end, clock[0].rule, 0, clock[0].groups)
                    out.append((merged, moved))
                    index += 2
                    continue
                if near(text, cand, nxt[0]):
                    results[index if clock is not nxt else index + 1] = (clock[0], moved)
                    cand, timex = results[index]
        out.append((cand, timex))
        index += 1
    return out


def _is_clock(candidate: Candidate) -> bool:
    return candidate.norm == "clock"


def _is_day(timex: Timex) -> bool:
    return timex.type == "DATE" and timex.value is not None and len(timex.value) == 10

"""Find the spans between quotation marks, robustly.

News text mixes straight and curly marks, sometimes badly typed ("word“ " used as a closing mark),
runs quotations over several paragraphs (the continuation convention: a paragraph that opens a quote
without closing it, and the next paragraph that reopens it, form one quotation), and now and then
drops a mark. The scanner therefore works paragraph by paragraph and decides whether a mark opens or
closes from its context (what is before and after it), with the glyph only as a tiebreak. An
unbalanced mark is confined to its paragraph: an unclosed quotation ends at the end of its
paragraph, a stray closing mark is ignored, so one typo never swallows the rest of the article.

Single curly/straight quotes ('...') count only outside double quotes (headlines often use them);
an apostrophe never opens one because an opening single mark must follow a space and precede a
letter. A text with no double mark at all is taken to be in the British style, where single marks
are the quotation marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
DOUBLE_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + '"'
SINGLE_OPEN = "‘"
SINGLE_MARKS = "‘’'"
#: characters after which a mark is read as opening
_OPEN_BEFORE = set(" \t\n([{—–-/:;…")
#: characters before which a mark is read as closing
_CLOSE_AFTER = set(" \t\n)]}.,;:!?—–-…'’")

_PARAGRAPH = re.compile(r"[^\n]+")
#: two-character double marks of older newswire style (''quoted'' or ``quoted'')
_DOUBLED = ("''", "``")
_FILLER = "\x01"


def normalize_marks(text: str) -> str:
    """The text with each doubled mark turned into one double mark and a filler (same length,
    so offsets hold)."""
    return text.replace("``", "“" + _FILLER).replace("''", '"' + _FILLER)


@dataclass(frozen=True)
class QuotedSpan:
    """A span from its opening mark to just after its closing mark (or its paragraph's end)."""

    start: int
    end: int
    closed: bool = True
    double: bool = True
    paragraphs: int = 1

    def inner(self, text: str) -> tuple[int, int]:
        """The span without its marks and surrounding spaces."""
        start = self.start + (2 if text[self.start : self.start + 2] in _DOUBLED else 1)
        end = self.end
        if self.closed:
            end -= 2 if text[self.end - 2 : self.end] in _DOUBLED and end - 2 >= start else 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end


def _role(text: str, i: int, is_open: bool) -> str:
    """'open' or 'close' for the double mark at i, from context; glyph and state break ties."""
    before = text[i - 1] if i > 0 else " "
    j = i + 2 if text[i + 1 : i + 2] == _FILLER else i + 1
    after = text[j] if j < len(text) else " "
    can_open = before in _OPEN_BEFORE and not after.isspace()
    can_close = (before not in _OPEN_BEFORE or before in "-—–…") and (
        after in _CLOSE_AFTER or after in DOUBLE_MARKS
    )
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    char = text[i]
    if char in DOUBLE_OPEN:
        return "open"
    if char in DOUBLE_CLOSE:
        return "close"
    return "close" if is_open else "open"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _opens_with_mark(text: str, start: int, end: int) -> int | None:
    """Offset of the opening double mark a paragraph starts with, if any."""
    i = start
    while i < end and text[i].isspace():
        i += 1
    if i < end and text[i] in DOUBLE_MARKS and _role(text, i, False) == "open":
        return i
    return None


def find_double_quotes(text: str) -> tuple[list[QuotedSpan], int]:
    """Double-quoted spans in text order, and the number of unbalanced marks met."""
    spans: list[QuotedSpan] = []
    unbalanced = 0
    paragraphs = _paragraphs(text)
    open_at: int | None = None
    carried = 1
    skip_mark: int | None = None
    for index, (p_start, p_end) in enumerate(paragraphs):
        for i in range(p_start, p_end):
            if text[i] not in DOUBLE_MARKS or i == skip_mark:
                continue
            role = _role(text, i, open_at is not None)
            if role == "open":
                if open_at is not None:  # a quote left open: end it before this mark
                    unbalanced += 1
                    spans.append(_unclosed(text, open_at, i, carried))
                open_at, carried = i, 1
            elif open_at is not None:
                close = i + 2 if text[i + 1 : i + 2] == _FILLER else i + 1
                spans.append(QuotedSpan(open_at, close, True, True, carried))
                open_at, carried = None, 1
            else:
                unbalanced += 1
        if open_at is None:
            continue
        nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        reopen = _opens_with_mark(text, *nxt) if nxt else None
        if reopen is not None:  # the continuation convention
            skip_mark, carried = reopen, carried + 1
            continue
        unbalanced += 1
        spans.append(_unclosed(text, open_at, p_end, carried))
        open_at, carried = None, 1
    return spans, unbalanced


def _unclosed(text: str, start: int, end: int, paragraphs: int) -> QuotedSpan:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return QuotedSpan(start, end, False, True, paragraphs)


def find_single_quotes(text: str, outside: list[QuotedSpan]) -> list[QuotedSpan]:
    """Single-quoted spans within one paragraph, outside every double-quoted span."""
    taken = [(s.start, s.end) for s in outside]
    spans: list[QuotedSpan] = []
    for p_start, p_end in _paragraphs(text):
        open_at: int | None = None
        for i in range(p_start, p_end):
            char = text[i]
            if char not in SINGLE_MARKS or any(s <= i < e for s, e in taken):
                continue
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if open_at is None:
                if (char in SINGLE_OPEN or char == "'") and before in _OPEN_BEFORE and (
                    after.isalnum()
                ):
                    open_at = i
            elif char != SINGLE_OPEN and not before.isspace() and after in _CLOSE_AFTER:
                spans.append(QuotedSpan(open_at, i + 1, True, False, 1))
                open_at = None
    return spans


def find_quoted_spans(text: str) -> tuple[list[QuotedSpan], int]:
    """All quoted spans (double and single) in text order, and the count of unbalanced marks."""
    text = normalize_marks(text)
    doubles, unbalanced = find_double_quotes(text)
    singles = find_single_quotes(text, doubles)
    if not doubles:
        # British house style quotes with single marks: with no double mark in the whole text,
        # single-quoted spans are the quotations (short ones without a cue stay scare quotes)
        singles = [replace(span, double=True) for span in singles]
    return sorted(doubles + singles, key=lambda s: s.start), unbalanced

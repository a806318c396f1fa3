"""Scoring quotations against brat attribution standoff (PolNeAR and the like).

Gold format (brat standoff, one `.ann` per annotated text)::

    T1<TAB>Source 89 106<TAB>The New York Post
    T2<TAB>Cue 107 114<TAB>reports
    T3<TAB>Content 115 290;300 310<TAB>that ...          (fragments joined by ';')
    T4<TAB>Attribution 107 114<TAB>reports
    E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1

An event line ties a Content to its Source and Cue; "Attribution-no-source" events have none.
Texts are found next to the `.ann` (`name.txt`) or, as PolNeAR ships them, in a sibling `text/`
folder with the annotator suffix dropped (`name_4b22.ann` → `text/name.txt`). When several
annotators annotated one text, the first annotation file (by name) is the gold, so that no text
counts twice.

Scoring follows CONTRACT.md: a predicted quote matches a gold content when their spans overlap
(one-to-one, largest overlap first); P/R/F1 over all quotes and over direct ones only (gold
direct: the content opens with a double quotation mark, after an optional "that"); the speaker is
right when its span overlaps a gold source fragment or its name equals the gold source text, over
the matched quotes whose gold has a source. A relative-pronoun source ("who") stands for its
antecedent, the noun phrase just before it (a comma or one apposition between); a source that is
only the speech verb ("said", the name then marked as the cue) swapped roles, and the cue span is
the mention.

Development halves. Every text falls in half A or B by the parity of the CRC-32 of its id (the
text's file name without suffix; `half_of`), a split that needs no list and does not depend on
file order. Rules are developed looking at half A's errors only; B is the check. A gold path
ending in `#A` or `#B` scores one half; the whole set also reports `content_all_half_A`,
`speaker_right_half_B`, ... so that the gap shows, and listed errors carry their half.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from communique.document import Document
from communique.errors import ResourceError
from communique.evaluate.common import (
    add_halves,
    crc32_half,
    cut_pipeline,
    one_to_one,
    overlap,
    sentence_at,
    split_half_path,
)
from communique.evaluate.metrics import EvalReport
from communique.models import ArticleRecord, Quote
from communique.pipeline import Pipeline

Span = tuple[int, int]
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_ANNOTATOR = re.compile(r"_[0-9a-f]{4}$")
_OPENING = "\"“„«"


@dataclass
class GoldQuote:
    """One gold attribution: content fragments, source and cue fragments."""

    content: list[Span]
    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    source_text: str = ""
    direct: bool = False
    line: int = 0

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)


@dataclass
class GoldDocument:
    id: str
    text: str
    quotes: list[GoldQuote]
    ann_path: Path
    published: str | None = None


def _parse_spans(raw: str, where: str, text_length: int) -> list[Span]:
    spans: list[Span] = []
    for fragment in raw.split(";"):
        try:
            start, end = (int(x) for x in fragment.split())
        except ValueError as exc:
            raise ResourceError(
                f"{where}: bad span '{fragment}' (want 'start end').",
                "fix the brat annotation line.",
            ) from exc
        if not 0 <= start <= end <= text_length:
            raise ResourceError(
                f"{where}: span {start}-{end} outside the text (length {text_length}).",
                "check that the .ann file belongs to this text.",
            )
        spans.append((start, end))
    return spans


def _is_direct(text: str, content: list[Span]) -> bool:
    opening = text[content[0][0] : content[0][1]].lstrip()
    if opening[:5].lower() == "that ":
        opening = opening[5:].lstrip()
    return opening[:1] in _OPENING


def read_brat_attributions(ann_path: Path, text: str) -> list[GoldQuote]:
    """The attributions of one brat `.ann` file; ResourceError names the file and line."""
    try:
        lines = ann_path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"{ann_path}: cannot read ({exc}).", "check the file.") from exc
    spans: dict[str, tuple[str, list[Span], int]] = {}
    events: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        where = f"{ann_path}:{number}"
        if not line.strip() or line[0] in "#ARNM*":
            continue
        fields = line.split("\t")
        if line.startswith("T"):
            if len(fields) < 2 or " " not in fields[1]:
                raise ResourceError(
                    f"{where}: text-bound line needs 'T<n><TAB>Label start end<TAB>text'.",
                    "fix the brat annotation line.",
                )
            label, raw = fields[1].split(" ", 1)
            spans[fields[0]] = (label, _parse_spans(raw, where, len(text)), number)
        elif line.startswith("E"):
            if len(fields) < 2:
                raise ResourceError(f"{where}: event line needs roles.", "fix the line.")
            events.append((number, fields[1]))
        else:
            raise ResourceError(f"{where}: unknown brat line '{line[:30]}'.", "fix the line.")
    return [q for n, roles in events if (q := _event(ann_path, n, roles, spans, text))]


def _event(
    ann_path: Path, number: int, roles: str, spans: dict[str, tuple[str, list[Span], int]],
    text: str,
) -> GoldQuote | None:
    found: dict[str, list[Span]] = {}
    for role in roles.split():
        name, _, ref = role.partition(":")
        if ref not in spans:
            raise ResourceError(
                f"{ann_path}:{number}: role '{role}' refers to an undefined annotation.",
                "fix the event line or add the text-bound annotation.",
            )
        found[re.sub(r"\d+$", "", name)] = spans[ref][1]
    content = found.get("Content")
    if not content:
        return None
    source = found.get("Source", [])
    return GoldQuote(
        content=content,
        source=source,
        cue=found.get("Cue", []),
        source_text=" ".join(text[s:e] for s, e in source),
        direct=_is_direct(text, content),
        line=number,
    )


def _text_for(ann_path: Path) -> Path | None:
    beside = ann_path.with_suffix(".txt")
    if beside.exists():
        return beside
    stem = _ANNOTATOR.sub("", ann_path.stem)
    for folder in (ann_path.parent.parent / "text", ann_path.parent / "text"):
        if (folder / f"{stem}.txt").exists():
            return folder / f"{stem}.txt"
    return None


def read_gold(gold_path: Path, limit: int | None = None) -> Iterator[GoldDocument]:
    """Gold documents of a brat attribution folder (or one `.ann` file), one per text."""
    gold_path = Path(gold_path)
    if not gold_path.exists():
        raise ResourceError(f"{gold_path}: no such gold path.", "check the path.")
    files = [gold_path] if gold_path.is_file() else sorted(gold_path.rglob("*.ann"))
    seen: set[Path] = set()
    for ann_path in files:
        text_path = _text_for(ann_path)
        if text_path is None:
            raise ResourceError(
                f"{ann_path}:1: no text found for this annotation file.",
                "put name.txt beside it or in a sibling text/ folder.",
            )
        if text_path in seen:
            continue
        seen.add(text_path)
        text = text_path.read_text(encoding="utf-8")
        date = _DATE.search(ann_path.stem)
        yield GoldDocument(
            id=text_path.stem,
            text=text,
            quotes=read_brat_attributions(ann_path, text),
            ann_path=ann_path,
            published=date.group(1) if date else None,
        )
        if limit is not None and len(seen) >= limit:
            return


def _overlap(a: list[Span], b: Span) -> int:
    return sum(max(0, overlap(s, e, b[0], b[1])) for s, e in a)


def match(gold: list[GoldQuote], predicted: list[Quote]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, the largest overlaps first."""
    return one_to_one(
        (shared, g, p)
        for g, gq in enumerate(gold)
        for p, pq in enumerate(predicted)
        if (shared := _overlap(gq.content, (pq.start, pq.end))) > 0
    )


RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})
#: what may stand between an antecedent and its relative pronoun: nothing, a comma, or one
#: comma-enclosed apposition ("Jane Roe, a farmer, who said ...")
_ANTECEDENT_GAP = re.compile(r"\s*(,[^,.;:!?\n]{1,80})?,?\s*")


def speaker_right(gold: GoldQuote, quote: Quote, text: str) -> bool:
    """The contract's rule: span overlaps a gold mention of the speaker, or the names are equal.
    A gold source that is a relative pronoun ("who said") is a mention of its antecedent, the
    noun phrase just before it: a speaker span ending there names the same speaker."""
    speaker = quote.speaker
    if speaker is None:
        return False
    if _overlap(_mentions(gold), (speaker.start, speaker.end)) > 0:
        return True
    if _norm(gold.source_text) in RELATIVE_PRONOUNS and speaker.end <= gold.source[0][0]:
        if _ANTECEDENT_GAP.fullmatch(text[speaker.end : gold.source[0][0]]):
            return True
    return _norm(speaker.name) == _norm(gold.source_text) != ""


#: a source annotated on the verb itself, the speaker's name then marked as the cue: swapped roles
SWAPPED_SOURCES = frozenset({"said", "says", "say", "told", "added", "wrote"})


def _mentions(gold: GoldQuote) -> list[Span]:
    """The gold's mention of the speaker: its source, or its cue when the two were swapped."""
    if _norm(gold.source_text) in SWAPPED_SOURCES and gold.cue:
        return gold.source + gold.cue
    return gold.source


def _norm(name: str) -> str:
    return " ".join(name.lower().split())


def score_document(
    report: EvalReport, doc: GoldDocument, record: ArticleRecord, collect_errors: bool
) -> None:
    """Add one document's counts (all quotes, direct only, speakers) to the report."""
    predicted = record.quotes
    for name, gold, pred in (
        ("content_all", doc.quotes, predicted),
        ("content_direct", [g for g in doc.quotes if g.direct],
         [q for q in predicted if q.kind == "direct"]),
    ):
        pairs = match(gold, pred)
        counts = report.counts(name)
        counts.tp += len(pairs)
        counts.fp += len(pred) - len(pairs)
        counts.fn += len(gold) - len(pairs)
        if name != "content_all":
            continue
        for g, p in pairs:
            if gold[g].source:
                right = speaker_right(gold[g], pred[p], doc.text)
                report.share("speaker_right").total += 1
                report.share("speaker_right").right += right
                if collect_errors and not right:
                    _error(report, doc, record, "WRONG SPEAKER", gold[g], pred[p])
        if collect_errors:
            matched_g = {g for g, _ in pairs}
            matched_p = {p for _, p in pairs}
            for g, gq in enumerate(gold):
                if g not in matched_g:
                    _error(report, doc, record, "MISS", gq, None)
            for p, pq in enumerate(pred):
                if p not in matched_p:
                    _error(report, doc, record, "FALSE ALARM", None, pq)


def _error(
    report: EvalReport, doc: GoldDocument, record: ArticleRecord, what: str,
    gold: GoldQuote | None, quote: Quote | None,
) -> None:
    start = gold.start if gold is not None else quote.start if quote is not None else 0
    parts = [f"{what} [{half_of(doc.id)}] {doc.id}@{start}"]
    if gold is not None:
        content = " … ".join(doc.text[s:e] for s, e in gold.content)
        kind = "direct" if gold.direct else "other"
        parts.append(f"gold[{kind}, line {gold.line}] {gold.source_text!r} → {content[:160]!r}")
    if quote is not None:
        speaker = quote.speaker.name if quote.speaker else None
        cue = quote.cue.text if quote.cue else None
        parts.append(f"pred[{quote.kind}] {speaker!r} ({cue}) → {quote.text[:160]!r}")
    parts.append(f"sentence: {sentence_at(record, start)[:300]!r}")
    report.errors.append(" | ".join(parts))


def half_of(text_id: str) -> str:
    """The development half ("A" or "B") a text belongs to; stable across runs."""
    return crc32_half(text_id)


def evaluate(
    gold_path: Path,
    pipeline: Pipeline,
    limit: int | None = None,
    collect_errors: bool = False,
) -> EvalReport:
    """Code every gold text with the pipeline and score its quotes (see the module docstring)."""
    path, only = split_half_path(Path(gold_path))
    report = EvalReport(task="quotes", gold_path=str(gold_path))
    for name in ("content_all", "content_direct"):
        report.counts(name)
    report.share("speaker_right")
    pipeline = quotes_pipeline(pipeline)
    halves: dict[str, EvalReport] = {}
    for doc in read_gold(path, limit):
        half = half_of(doc.id)
        if only is not None and half != only:
            continue
        record = pipeline.code(
            Document(id=doc.id, text=doc.text, published=_date(doc.published))
        )
        report.documents += 1
        if record.status != "ok":
            report.notes.append(f"{doc.id}: not coded ({record.error})")
            continue
        score_document(report, doc, record, collect_errors)
        score_document(halves.setdefault(half, EvalReport("quotes", str(path))), doc, record, False)
    if only is None:
        add_halves(report, halves, counts=("content_all", "content_direct"),
                   shares=("speaker_right",))
    else:
        report.notes.append(f"half {only} only ({report.documents} texts).")
    report.notes.append(
        "match: content spans overlap (one-to-one); speaker: span overlap or equal name, "
        "over matched quotes whose gold has a source; halves A/B by CRC-32 of the text id."
    )
    return report


#: the stages quotations depend on; the others cannot change them and are left out of the run
QUOTE_STAGES = frozenset({"language", "nlp", "actors", "quotes"})


def quotes_pipeline(pipeline: Pipeline) -> Pipeline:
    """The pipeline cut to the stages quotes depend on: faster, and a failure in an unrelated
    stage (which would turn the whole document into an error record) cannot hide the quotes."""
    return cut_pipeline(pipeline, "quotes", QUOTE_STAGES)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None

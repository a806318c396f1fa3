"""Benchmark: the dates stage's time relative to spaCy's own parse of the same texts.

    .venv/bin/python benchmarks/bench_dates.py [PATH] [--repeat N]

PATH is a TimeML directory or file (its TEXT parts are used), a directory of .txt files, or a
JSON-lines corpus (`text` and `published` of each line, as made by make_corpus.py); by default
the TimeBank/AQUAINT gold beside the repository. Prints the seconds spent by `nlp.pipe` and by
the dates stage (parse excluded), their ratio, and the recognition step alone
(`find_candidates`) with and without the rule prefilter.

    .venv/bin/python benchmarks/bench_dates.py --dateparser [TIMEML_PATH]

measures dateparser (a declared dependency) on the TimeML gold instead: value F1 of the rules
alone, of dateparser's `search_dates` alone, and of the rules with `search_dates` as a fallback
for absolute expressions (a digit and a month name) the rules missed, overall and on the
development halves A/B, with the seconds dateparser takes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import time
from pathlib import Path

from communique.document import Document
from communique.evaluate.dates import gold_files, read_timeml, score_document
from communique.evaluate.metrics import EvalReport
from communique.models import DateExpression
from communique.stages.dates import DatesStage
from communique.stages.nlp import PINNED_MODEL, NlpStage, load_model
from communique.stages.timex_recognize import find_candidates

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "gold" / "dates" / "TBAQ-cleaned"


def load_texts(path: Path) -> list[tuple[str, dt.date | None]]:
    if path.suffix == ".jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        return [(row["text"], dt.date.fromisoformat(row["published"])
                 if row.get("published") else None) for row in rows]
    if path.is_dir() and not any(path.rglob("*.tml")):
        return [(p.read_text(encoding="utf-8"), None) for p in sorted(path.rglob("*.txt"))]
    return [(g.text, g.published) for g in map(read_timeml, gold_files(path))]


_MONTH = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_DAY = re.compile(r"\b\d{1,2}\b")


def dateparser_dates(text: str, published: dt.date | None) -> list[DateExpression]:
    """search_dates hits as TIMEX3 DATEs: a year, a month or a day, from what the text shows."""
    from dateparser.search import search_dates

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    found, position = [], 0
    for said, when in search_dates(text, languages=["en"], settings=settings) or []:
        start = text.find(said, position)
        if start < 0:
            continue
        end = start + len(said.rstrip(" ,."))
        position = end
        if re.fullmatch(r"\d{4}", said.strip()):
            value = f"{when.year:04d}"
        elif _MONTH.search(said) and not _DAY.search(said):
            value = f"{when.year:04d}-{when.month:02d}"
        else:
            value = when.date().isoformat()
        found.append(DateExpression(start=start, end=end, text=text[start:end], value=value,
                                    granularity="day", type="DATE"))
    return found


def measure_dateparser(path: Path) -> None:
    golds = [read_timeml(p) for p in gold_files(path)]
    nlp = load_model(PINNED_MODEL)
    stage = DatesStage()
    reports = {name: EvalReport("dates", str(path)) for name in ("rules", "dateparser", "fallback")}
    spent = 0.0
    for gold, parsed in zip(golds, nlp.pipe(g.text for g in golds), strict=True):
        doc = Document(id=gold.path.stem, text=gold.text, published=gold.published)
        NlpStage._assign(doc, parsed)
        stage(doc)
        record = doc.to_record()
        started = time.perf_counter()
        extra = dateparser_dates(gold.text, gold.published)
        spent += time.perf_counter() - started
        missed = [
            d for d in extra
            if _MONTH.search(d.text) and re.search(r"\d", d.text)
            and not any(d.start < r.end and r.start < d.end for r in record.dates)
        ]
        for name, dates in (("rules", record.dates), ("dateparser", extra),
                            ("fallback", sorted([*record.dates, *missed], key=lambda d: d.start))):
            score_document(reports[name], gold, record.model_copy(update={"dates": dates}))
    for name, report in reports.items():
        figures = " ".join(f"{k} {report.prf[k].f1:.3f}" for k in ("value", "value@A", "value@B"))
        print(f"{name:10} {figures}")
    print(f"dateparser search_dates: {spent:.1f} s for {len(golds)} texts")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dateparser", action="store_true", help="measure dateparser on gold")
    args = parser.parse_args()
    if args.dateparser:
        measure_dateparser(args.path)
        return
    texts = load_texts(args.path)
    nlp = load_model(PINNED_MODEL)
    stage = DatesStage()
    chars = sum(len(t) for t, _ in texts)
    parse_times, dates_times = [], []
    found = 0
    for _ in range(args.repeat):
        started = time.perf_counter()
        parsed = list(nlp.pipe((t for t, _ in texts), batch_size=32))
        parse_times.append(time.perf_counter() - started)
        docs = [Document(id=str(i), text=t, published=p) for i, (t, p) in enumerate(texts)]
        for doc, spacy_doc in zip(docs, parsed, strict=True):
            NlpStage._assign(doc, spacy_doc)
        started = time.perf_counter()
        for doc in docs:
            stage(doc)
        dates_times.append(time.perf_counter() - started)
        found = sum(len(d.dates) for d in docs)
    parse, dates = min(parse_times), min(dates_times)
    print(f"{len(texts)} texts, {chars:,} characters, {found} date expressions")
    print(f"spaCy nlp.pipe : {parse:7.2f} s")
    print(f"dates stage    : {dates:7.2f} s")
    print(f"ratio          : {dates / parse:7.3f} (dates / spaCy parse)")
    for prefilter in (True, False):
        best = min(time_recognition([t for t, _ in texts], stage, prefilter)
                   for _ in range(args.repeat))
        label = "with" if prefilter else "without"
        print(f"find_candidates {label} the prefilter: {best:7.2f} s "
              f"({1000 * best / len(texts):.2f} ms a text)")


def time_recognition(texts: list[str], stage: DatesStage, prefilter: bool) -> float:
    started = time.perf_counter()
    for text in texts:
        find_candidates(text, stage.lexicon, prefilter)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()

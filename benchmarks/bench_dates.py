"""Benchmark: the dates stage's time relative to spaCy's own parse of the same texts.

    .venv/bin/python benchmarks/bench_dates.py [PATH] [--repeat N]

PATH is a TimeML directory or file (its TEXT parts are used), or a directory of .txt files;
by default the TimeBank/AQUAINT gold beside the repository. Prints the seconds spent by
`nlp.pipe` and by the dates stage (parse excluded), and their ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from communique.document import Document
from communique.evaluate.dates import gold_files, read_timeml
from communique.stages.dates import DatesStage
from communique.stages.nlp import PINNED_MODEL, NlpStage, load_model

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "gold" / "dates" / "TBAQ-cleaned"


def load_texts(path: Path) -> list[tuple[str, dt.date | None]]:
    if path.is_dir() and not any(path.rglob("*.tml")):
        return [(p.read_text(encoding="utf-8"), None) for p in sorted(path.rglob("*.txt"))]
    return [(g.text, g.published) for g in map(read_timeml, gold_files(path))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
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


if __name__ == "__main__":
    main()

"""How much the quotes stage adds to spaCy's parse: stage time / parse time on the same texts.

    .venv/bin/python benchmarks/bench_quotes.py [GOLD_OR_TEXT_DIR] [--limit N] [--repeat R]

Texts come from a folder of `.txt` files (default: the PolNeAR dev texts in ../shared, read in
place, never copied); the actors stage is left out so that only quotation work is timed (speakers
then stay unresolved to actors, which costs nothing extra). Prints both times and their ratio.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from communique.document import Document
from communique.stages.nlp import PINNED_MODEL, load_model
from communique.stages.quotes import QuotesStage

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "gold" / "quotes" / "polnear-dev"


def texts(folder: Path, limit: int | None) -> list[str]:
    files = sorted(folder.rglob("*.txt"))[:limit]
    return [f.read_text(encoding="utf-8") for f in files]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = texts(args.folder, args.limit)
    if not corpus:
        raise SystemExit(f"no .txt files under {args.folder}")
    nlp = load_model(PINNED_MODEL)
    stage = QuotesStage()
    warm = "“Warm up,” she said."
    stage(Document(id="warm", text=warm, spacy=nlp(warm)))
    parse_time = quote_time = float("inf")
    quotes = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        parsed = [nlp(text) for text in corpus]
        parse_time = min(parse_time, time.perf_counter() - start)
        pairs = enumerate(zip(corpus, parsed, strict=True))
        docs = [Document(id=str(i), text=t, spacy=p) for i, (t, p) in pairs]
        start = time.perf_counter()
        for doc in docs:
            stage(doc)
        quote_time = min(quote_time, time.perf_counter() - start)
        quotes = sum(len(d.quotes) for d in docs)
    chars = sum(len(t) for t in corpus)
    print(f"{len(corpus)} texts, {chars} characters, {quotes} quotes")
    print(f"spaCy parse : {parse_time:8.3f} s")
    print(f"quotes stage: {quote_time:8.3f} s")
    print(f"ratio       : {quote_time / parse_time:8.3%} of parse time")


if __name__ == "__main__":
    main()

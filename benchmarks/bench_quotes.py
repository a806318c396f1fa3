"""How much the quotes stage adds to spaCy's parse: stage time / parse time on the same texts.

    .venv/bin/python benchmarks/bench_quotes.py [GOLD_OR_TEXT_DIR] [--limit N]

Texts come from a folder of `.txt` files (default: the PolNeAR dev texts in ../shared, read in
place, never copied). Every stage runs in the pipeline's order, so the quotes stage sees the
actors it resolves speakers to; only the parse and the quotes stage are reported.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench_pipeline import print_stage_share

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "gold" / "quotes" / "polnear-dev"


def texts(folder: Path, limit: int | None) -> list[str]:
    files = sorted(folder.rglob("*.txt"))[:limit]
    return [f.read_text(encoding="utf-8") for f in files]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    corpus = texts(args.folder, args.limit)
    if not corpus:
        raise SystemExit(f"no .txt files under {args.folder}")
    docs = print_stage_share("quotes", corpus)
    print(f"quotes: {sum(len(d.quotes) for d in docs)}")


if __name__ == "__main__":
    main()

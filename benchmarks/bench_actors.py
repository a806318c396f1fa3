"""Time the actors stage against the spaCy parse it runs on (target: at most 10% of the parse).

Usage: .venv/bin/python benchmarks/bench_actors.py [FILES...]
Without files it times the project's own samples (samples/*.txt), repeated to ~200 texts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench_pipeline import print_stage_share


def load_texts(paths: list[str]) -> list[str]:
    files = [Path(p) for p in paths] or sorted(Path("samples").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    if not texts:
        raise SystemExit("no texts: give .txt files or run from the repository root")
    return (texts * (200 // len(texts) + 1))[:max(200, len(texts))]


def main(paths: list[str]) -> None:
    print_stage_share("actors", load_texts(paths))


if __name__ == "__main__":
    main(sys.argv[1:])

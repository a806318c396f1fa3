"""Places stage time relative to the spaCy parse, on GeoWebNews texts or any folder of .txt.

    .venv/bin/python benchmarks/bench_places.py [GOLD_OR_TXT_DIR] [--limit N]

Prints the one-off gazetteer load, the parse time, the places stage time and their ratio.
A measurement, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench_pipeline import print_stage_share

from communique.resources.gazetteer import load_gazetteer

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "places"


def _texts(path: Path, limit: int) -> list[str]:
    if (path / "GWN.xml").is_file() or path.suffix == ".xml":
        from communique.evaluate.places import read_gold

        return [a.text for a in read_gold(path, limit)]
    return [p.read_text(encoding="utf-8") for p in sorted(path.glob("*.txt"))[:limit]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()
    texts = _texts(args.path, args.limit)
    started = time.perf_counter()
    load_gazetteer()
    print(f"gazetteer load (once per process): {time.perf_counter() - started:.2f} s")
    docs = print_stage_share("places", texts)
    print(f"places found: {sum(len(d.places) for d in docs)}")


if __name__ == "__main__":
    main()

"""Turn a folder of plain-text articles into the JSON Lines the benchmarks read.

    .venv/bin/python benchmarks/texts_to_jsonl.py ../shared/gold/quotes/polnear-dev/text \
        /tmp/realnews.jsonl

Real news is less dense in events than the synthetic corpus of make_corpus.py, so the stage
shares differ (docs/performance.md gives both). The texts stay outside the repository.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder searched for *.txt, recursively")
    parser.add_argument("out", type=Path, help="JSON Lines file to write")
    args = parser.parse_args()
    paths = sorted(args.folder.rglob("*.txt"))
    with args.out.open("w", encoding="utf-8") as out:
        for path in paths:
            text = path.read_text(encoding="utf-8", errors="replace")
            out.write(json.dumps({"id": path.stem, "text": text}) + "\n")
    print(f"{len(paths)} articles -> {args.out}")


if __name__ == "__main__":
    main()

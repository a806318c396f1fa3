"""How much the events stage adds to spaCy's parse (issue 5: at most 10%).

    .venv/bin/python benchmarks/bench_events.py [TEXTS.jsonl] [--repeat N]

Without a file it uses sentences written here; with a JSON Lines file it reads each line's
"text". Every stage runs in the pipeline's order, so the events stage sees the actors, quotes,
dates and places it uses. Prints the parse time, the events stage time and their ratio.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench_pipeline import print_stage_share

SENTENCES = [
    "Moldova has expressed willingness to hold talks with Romania, the ministry said on Monday.",
    "Senator Jones called for an immediate truce after Armenia launched airstrikes on Azerbaijan.",
    "Ivan Petrov criticized Poland's refusal to take part in dialogue.",
    "Kenya and Uganda condemned Somalia over the border raid.",
    "Peru will impose sanctions on Chile if the talks fail, officials warned.",
    "Ghana and Togo met in Accra to discuss trade and security.",
]


def texts(path: Path | None, repeat: int) -> list[str]:
    if path is None:
        return [" ".join(SENTENCES)] * repeat
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()] * repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    docs = print_stage_share("events", texts(args.path, args.repeat))
    print(f"events: {sum(len(d.events) for d in docs)}")


if __name__ == "__main__":
    main()

"""Store benchmark: ingest synthetic coded articles, then time every query, export and the board.

    .venv/bin/python benchmarks/bench_store.py [--articles 2000] [--db PATH]

The records come from `communique.store_synth` (invented, internally consistent, 8 sentences,
8 events and ~3 quotes each), so the figures measure the store, not the coder. Each query is run
five times and the median is reported.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from communique.board import build_board
from communique.export import export
from communique.query import (
    EventFilter,
    list_articles,
    query_actors,
    query_events,
    query_quotes,
    stats,
)
from communique.store import Store
from communique.store_synth import synthetic_record


def _median(func: Callable[[], Any], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.db"

    records = [synthetic_record(i) for i in range(args.articles)]
    start = time.perf_counter()
    with Store(path) as store:
        store.put_many(records)
    ingest = time.perf_counter() - start
    start = time.perf_counter()
    with Store(path) as store:
        store.put_many(records)
    reingest = time.perf_counter() - start

    with Store(path, readonly=True) as store:
        summary = stats(store)
        items = store.read_one("SELECT COUNT(*) FROM board_items")[0]  # type: ignore[index]
        print(f"{items} stored board items")
        print(f"{summary.articles} articles, {summary.events} events, {summary.quotes} quotes, "
              f"{path.stat().st_size / 1e6:.1f} MB")
        print(f"ingest: {ingest:.2f} s ({args.articles / ingest:.0f} articles/s); "
              f"re-ingest unchanged: {reingest:.2f} s")
        cases: list[tuple[str, Callable[[], Any]]] = [
            ("events (no filter, page 1)", lambda: query_events(store)),
            ("events --actor RUS", lambda: query_events(store, EventFilter(actor="RUS"))),
            ("events --source USA --target CHN",
             lambda: query_events(store, EventFilter(source="USA", target="CHN"))),
            ("events --type REJECT", lambda: query_events(store, EventFilter(type="REJECT"))),
            ("events --cameo 02", lambda: query_events(store, EventFilter(cameo="02"))),
            ("events --since/--until one month",
             lambda: query_events(store, EventFilter(since="2024-06-01", until="2024-06-30"))),
            ("events --text 'analysts expected'",
             lambda: query_events(store, EventFilter(text="analysts expected"))),
            ("events --per-story", lambda: query_events(store, EventFilter(per_story=True))),
            ("events page 40 (offset 4000)", lambda: query_events(store, offset=4000)),
            ("quotes --speaker petrova", lambda: query_quotes(store, speaker="petrova")),
            ("quotes --text situation", lambda: query_quotes(store, text="situation")),
            ("actors", lambda: query_actors(store)),
            ("articles --text talks", lambda: list_articles(store, text="talks")),
            ("stats", lambda: stats(store)),
            ("get_record", lambda: store.get_record("synthetic-000500")),
            ("export csv (all events)", lambda: export(store, "csv", io.StringIO())),
            ("board (no conditions)", lambda: build_board(store, conditions=False)),
            ("board --dyad RUS-UKR (no conditions)",
             lambda: build_board(store, dyad="RUS-UKR", conditions=False)),
            ("board (with conditions)", lambda: build_board(store)),
            ("board --dyad RUS-UKR (with conditions)",
             lambda: build_board(store, dyad="RUS-UKR")),
            ("board --dyad RUS-UKR --since 2024-06-01",
             lambda: build_board(store, dyad="RUS-UKR", since="2024-06-01")),
        ]
        print(f"{'query':45} {'median':>10}")
        for name, func in cases:
            runs = 1 if name.startswith("export") else 5
            print(f"{name:45} {_median(func, runs) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()

"""Whole pipeline against the floor of spaCy's own `nlp.pipe`, and where the time goes by stage.

    .venv/bin/python benchmarks/bench_pipeline.py CORPUS.jsonl [--limit N] [--rounds 2]
        [--stage-limit N] [--json OUT.json]

In the same process and on the same texts, with the same model and batch size:
- floor: `list(nlp.pipe(texts))` with the pipeline's spaCy model (tokens, tags, parse, entities);
- pipeline: `Pipeline.default().code_many(documents)` to finished ArticleRecords;
- stages: the same batches run stage by stage (as `Pipeline._code_batch` does), each timed, plus
  the conversion to records.
Both are warmed first (model load, lazy gazetteer and language models), and with --rounds the
floor and the pipeline alternate and the best round of each is kept, which damps the noise of a
shared machine. Prints articles/s, words/s, the ratio (target: pipeline <= 1.3x the floor) and
the per-stage table.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from itertools import islice
from pathlib import Path
from typing import Any

from communique.config import Settings
from communique.document import Document
from communique.pipeline import Pipeline
from communique.stages.ingest import from_json_object
from communique.stages.nlp import load_model


def load_rows(path: Path, limit: int | None) -> list[dict[str, Any]]:
    import gzip

    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
        return [json.loads(line) for line in islice(handle, limit)]


def documents(rows: list[dict[str, Any]]) -> list[Document]:
    return [from_json_object(row, "bench", None, 1_000_000) for row in rows]


def time_floor(settings: Settings, texts: list[str]) -> float:
    nlp = load_model(settings.spacy_model)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    return time.perf_counter() - started


def time_pipeline(pipeline: Pipeline, rows: list[dict[str, Any]]) -> float:
    docs = documents(rows)
    started = time.perf_counter()
    for _ in pipeline.code_many(docs):
        pass
    return time.perf_counter() - started


def time_stages(pipeline: Pipeline, docs: list[Document]) -> dict[str, float]:
    """Seconds per stage over the same batches the pipeline makes, and for `to_record`."""
    seconds: dict[str, float] = defaultdict(float)
    size = pipeline.settings.batch_size
    for start in range(0, len(docs), size):
        batch = docs[start : start + size]
        for stage in pipeline.stages:
            began = time.perf_counter()
            pipe = getattr(stage, "pipe", None)
            if pipe is not None and len(batch) > 1:
                pipe(batch)
            else:
                for doc in batch:
                    stage(doc)
            seconds[stage.name] += time.perf_counter() - began
        began = time.perf_counter()
        for doc in batch:
            doc.to_record()
        seconds["to_record"] += time.perf_counter() - began
    return dict(seconds)


def stage_against_parse(stage_name: str, texts: list[str]) -> tuple[float, float, list[Document]]:
    """Seconds of the spaCy parse and of one stage on these texts, every stage run in the
    pipeline's order (so the stage sees what it sees in production), after a warm-up. The
    per-stage benchmarks (bench_actors.py, bench_places.py, ...) share this measurement."""
    pipeline = Pipeline.default(Settings())
    time_stages(pipeline, [Document(id="warm", text=texts[0])])
    docs = [Document(id=str(i), text=text) for i, text in enumerate(texts)]
    seconds = time_stages(pipeline, docs)
    return seconds["nlp"], seconds[stage_name], docs


def print_stage_share(stage_name: str, texts: list[str]) -> list[Document]:
    parse, stage, docs = stage_against_parse(stage_name, texts)
    chars = sum(len(text) for text in texts)
    print(f"{len(texts)} texts, {chars:,} characters")
    print(f"spaCy parse (nlp.pipe): {parse:.2f} s")
    print(f"{stage_name} stage: {stage:.2f} s = {stage / parse:.1%} of the parse")
    return docs


def measure(
    path: Path, limit: int | None, rounds: int, stage_limit: int | None = None
) -> dict[str, Any]:
    settings = Settings()
    rows = load_rows(path, limit)
    texts = [row["text"] for row in rows]
    words = sum(len(text.split()) for text in texts)
    pipeline = Pipeline.default(settings)
    time_pipeline(pipeline, rows[:20])  # warm: lazy data, caches
    time_floor(settings, texts[:20])
    floors, wholes = [], []
    for _ in range(rounds):
        floors.append(time_floor(settings, texts))
        wholes.append(time_pipeline(pipeline, rows))
    floor, whole = min(floors), min(wholes)
    stage_rows = rows[:stage_limit] if stage_limit else rows
    stages = time_stages(pipeline, documents(stage_rows))
    return {
        "articles": len(texts), "words": words, "rounds": rounds,
        "floor_s": floor, "pipeline_s": whole, "ratio": whole / floor,
        "floor_articles_per_s": len(texts) / floor, "floor_words_per_s": words / floor,
        "pipeline_articles_per_s": len(texts) / whole, "pipeline_words_per_s": words / whole,
        "all_floor_s": floors, "all_pipeline_s": wholes,
        "stages_s": stages, "stage_articles": len(stage_rows),
        "load_average": os.getloadavg(), "cpus": os.cpu_count(),
    }


def report(result: dict[str, Any]) -> str:
    lines = [
        f"{result['articles']:,} articles, {result['words']:,} words, best of "
        f"{result['rounds']} round(s); load average {result['load_average'][0]:.1f} on "
        f"{result['cpus']} CPUs",
        f"floor (spaCy nlp.pipe): {result['floor_s']:8.1f} s  "
        f"{result['floor_articles_per_s']:7.1f} articles/s  "
        f"{result['floor_words_per_s']:9,.0f} words/s",
        f"whole pipeline:         {result['pipeline_s']:8.1f} s  "
        f"{result['pipeline_articles_per_s']:7.1f} articles/s  "
        f"{result['pipeline_words_per_s']:9,.0f} words/s",
        f"ratio pipeline / floor: {result['ratio']:.2f}x (target <= 1.30x)",
        f"per stage (the first {result['stage_articles']:,} of the same texts, same batches):",
    ]
    total = sum(result["stages_s"].values())
    for name, seconds in result["stages_s"].items():
        lines.append(f"  {name:10s} {seconds:8.1f} s  {100 * seconds / total:5.1f} %  "
                     f"{1000 * seconds / result['stage_articles']:7.1f} ms/article")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--stage-limit", type=int, help="time the stages on the first N only")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    result = measure(args.corpus, args.limit, args.rounds, args.stage_limit)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

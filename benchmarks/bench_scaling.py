"""Scaling of the local engine from 1 to 2 (or more) worker processes on the same corpus.

    .venv/bin/python benchmarks/bench_scaling.py CORPUS.jsonl [--limit 400] [--workers 1 2]
        [--chunk-size 20] [--json OUT.json]

Each worker count runs `communique run --out` in a fresh subprocess. Two rates are reported:
- whole run: articles / wall time, including process start-up and the model load;
- steady state: articles finished after the first chunk / time from the first chunk's end to the
  last's (from the checkpoint's per-chunk timestamps): the rate once every worker is warm, which
  is what a long run sees. The speed-up (target >= 1.7x at 2 workers) is taken on this rate.
- CPU per article in the workers: when other jobs share the cores, wall-clock rates say more
  about the neighbours than about us; if the CPU cost per article does not rise with the number
  of workers, the engine adds no contention of its own.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from itertools import islice
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_memory import run_and_sample  # noqa: E402


def steady_rate(checkpoint: Path, workers: int) -> float:
    """Articles/s between the end of the first `workers` chunks and the end of the last."""
    lines = [json.loads(x) for x in checkpoint.read_text(encoding="utf-8").splitlines()[1:]]
    lines.sort(key=lambda line: line["finished_at"])
    warm, rest = lines[:workers], lines[workers:]
    if not rest:
        return 0.0
    span = rest[-1]["finished_at"] - warm[-1]["finished_at"]
    return sum(line["documents"] for line in rest) / span if span > 0 else 0.0


def cpu_per_article(checkpoint: Path) -> float:
    """Worker CPU seconds per article: independent of how loaded the machine is."""
    lines = [json.loads(x) for x in checkpoint.read_text(encoding="utf-8").splitlines()[1:]]
    documents = sum(line["documents"] for line in lines)
    return sum(line.get("cpu_seconds", 0.0) for line in lines) / max(documents, 1)


def measure(corpus: Path, limit: int, counts: list[int], chunk: int) -> list[dict[str, Any]]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp) / "corpus.jsonl"
        with corpus.open(encoding="utf-8") as src, part.open("w", encoding="utf-8") as dst:
            dst.writelines(islice(src, limit))
        for workers in counts:
            out = Path(tmp) / f"out-{workers}"
            result = run_and_sample([str(part), "--out", str(out), "--workers", str(workers),
                                     "--chunk-size", str(chunk), "--no-progress"])
            result.update(workers=workers, articles=limit, chunk_size=chunk,
                          whole_rate=limit / result["seconds"],
                          steady_rate=steady_rate(out / "_checkpoint.jsonl", workers),
                          cpu_s_per_article=cpu_per_article(out / "_checkpoint.jsonl"))
            results.append(result)
            print(f"{workers} worker(s): whole run {result['whole_rate']:6.2f} articles/s "
                  f"({result['seconds']:.0f} s), steady {result['steady_rate']:6.2f} articles/s, "
                  f"peak {result['peak_rss_mb']:.0f} MB, "
                  f"{1000 * result['cpu_s_per_article']:.0f} ms CPU/article", flush=True)
    base = results[0]
    for result in results[1:]:
        print(f"speed-up {base['workers']} -> {result['workers']} workers: steady "
              f"{result['steady_rate'] / base['steady_rate']:.2f}x, whole run "
              f"{result['whole_rate'] / base['whole_rate']:.2f}x")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--chunk-size", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = measure(args.corpus, args.limit, args.workers, args.chunk_size)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

"""Peak memory of `communique run` at two corpus sizes: flat means streaming works.

    .venv/bin/python benchmarks/bench_memory.py CORPUS.jsonl [--sizes 1000 10000]
        [--workers 1] [--chunk-size 100] [--json OUT.json]

For each size, the first N lines of CORPUS are copied to a temporary file and coded by
`communique run --out` in a subprocess; the resident memory of that process and all its children
(the worker processes) is sampled every 0.2 s and the peak reported. The corpus must have at
least max(sizes) lines (see make_corpus.py).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Any

import psutil

EXE = Path(sys.executable).parent / "communique"


def tree_rss(process: psutil.Process) -> int:
    """Resident bytes of a process and its descendants (0 for those that just exited)."""
    total = 0
    for proc in [process, *process.children(recursive=True)]:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            pass
    return total


def run_and_sample(args: list[str], interval: float = 0.2) -> dict[str, Any]:
    """Run `communique run ARGS`; wall time, peak and final-quarter RSS of the process tree."""
    started = time.perf_counter()
    proc = subprocess.Popen([str(EXE), "run", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    watched = psutil.Process(proc.pid)
    samples: list[tuple[float, int]] = []
    while proc.poll() is None:
        try:
            rss = tree_rss(watched)
            if rss:
                samples.append((time.perf_counter() - started, rss))
        except psutil.Error:
            break
        time.sleep(interval)
    output = proc.stdout.read() if proc.stdout else ""
    elapsed = time.perf_counter() - started
    peak = max((rss for _, rss in samples), default=0)
    return {"seconds": elapsed, "peak_rss_mb": peak / 2**20, "summary": output.strip(),
            "returncode": proc.returncode,
            "rss_mb_by_decile": _deciles(samples)}


def _deciles(samples: list[tuple[float, int]]) -> list[float]:
    """RSS at 10 %, 20 % ... 100 % of the run: a curve that keeps rising means a leak."""
    if not samples:
        return []
    return [round(samples[min(len(samples) - 1, (len(samples) * k) // 10)][1] / 2**20, 1)
            for k in range(1, 11)]


def measure(corpus: Path, sizes: list[int], workers: int, chunk: int) -> list[dict[str, Any]]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            part = Path(tmp) / f"corpus-{size}.jsonl"
            with corpus.open(encoding="utf-8") as src, part.open("w", encoding="utf-8") as dst:
                lines = list(islice(src, size))
                if len(lines) < size:
                    raise SystemExit(f"{corpus} has only {len(lines)} lines; need {size}.")
                dst.writelines(lines)
                del lines
            out = Path(tmp) / f"out-{size}"
            result = run_and_sample([str(part), "--out", str(out), "--workers", str(workers),
                                     "--chunk-size", str(chunk), "--no-progress"])
            result.update(articles=size, workers=workers, chunk_size=chunk)
            results.append(result)
            print(f"{size:>7,} articles: peak {result['peak_rss_mb']:7.0f} MB, "
                  f"{result['seconds']:7.0f} s; RSS by decile {result['rss_mb_by_decile']}",
                  flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--chunk-size", type=int, default=100)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = measure(args.corpus, args.sizes, args.workers, args.chunk_size)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

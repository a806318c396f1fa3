"""Time the actors stage against the spaCy parse it runs on (target: at most 10% of the parse).

Usage: .venv/bin/python benchmarks/bench_actors.py [FILES...]
Without files it times the project's own samples (samples/*.txt), repeated to ~200 texts.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from communique.config import Settings
from communique.document import Document
from communique.stages.actors import ActorsStage
from communique.stages.nlp import NlpStage


def load_texts(paths: list[str]) -> list[str]:
    files = [Path(p) for p in paths] or sorted(Path("samples").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    if not texts:
        raise SystemExit("no texts: give .txt files or run from the repository root")
    return (texts * (200 // len(texts) + 1))[:max(200, len(texts))]


def main(paths: list[str]) -> None:
    settings = Settings()
    nlp_stage = NlpStage(settings.spacy_model, settings.batch_size)
    actors = ActorsStage(settings)
    texts = load_texts(paths)
    docs = [Document(id=str(i), text=t) for i, t in enumerate(texts)]
    actors(nlp_stage(Document(id="warm", text="Warm-up: Russia and the UN met.")))
    t0 = time.perf_counter()
    nlp_stage.pipe(docs)
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in docs:
        actors(doc)
    stage = time.perf_counter() - t0
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} texts, {chars} chars")
    print(f"spaCy parse (nlp.pipe): {parse:.2f} s")
    print(f"actors stage:           {stage:.2f} s  = {100 * stage / parse:.1f}% of the parse")


if __name__ == "__main__":
    main(sys.argv[1:])

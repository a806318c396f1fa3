"""How much the events stage adds to spaCy's parse (issue 5: at most 10%).

    .venv/bin/python benchmarks/bench_events.py [TEXTS.jsonl] [--repeat N]

Without a file it uses sentences written here; with a JSON Lines file it reads each line's
"text". Prints the parse time, the events stage time and their ratio.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from communique.document import Document
from communique.models import Sentence
from communique.stages.actors import ActorsStage
from communique.stages.events import EventsStage
from communique.stages.nlp import PINNED_MODEL, load_model

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
    nlp = load_model(PINNED_MODEL)
    corpus = texts(args.path, args.repeat)
    started = time.perf_counter()
    parsed = list(nlp.pipe(corpus, batch_size=32))
    parse_time = time.perf_counter() - started
    docs = []
    for i, (text, spacy_doc) in enumerate(zip(corpus, parsed, strict=True)):
        doc = Document(id=str(i), text=text, spacy=spacy_doc)
        doc.sentences = [Sentence(start=s.start_char, end=s.end_char) for s in spacy_doc.sents]
        docs.append(ActorsStage()(doc))
    stage = EventsStage()
    started = time.perf_counter()
    events = sum(len(stage(doc).events) for doc in docs)
    events_time = time.perf_counter() - started
    print(f"{len(corpus)} texts, {events} events")
    print(f"spaCy parse : {parse_time:.2f} s")
    print(f"events stage: {events_time:.2f} s ({100 * events_time / parse_time:.1f}% of parse)")


if __name__ == "__main__":
    main()

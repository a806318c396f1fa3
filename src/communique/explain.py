"""Why the coder coded what it coded: the parse, the patterns tried and fired, the actors chosen.

Event coders are trusted when their decisions can be inspected; `communique explain "SENTENCE"`
shows, for one sentence, every step the events stage took, so that a user can see which pattern
to add or which parse went wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from communique.document import Document
from communique.models import Actor, Event
from communique.pipeline import Pipeline
from communique.stages.event_candidates import Candidate
from communique.stages.event_match import Attempt
from communique.stages.events import EventsStage


@dataclass
class Explanation:
    text: str
    tokens: list[tuple[int, str, str, str, str, int]] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def tracing_pipeline(pipeline: Pipeline | None = None) -> Pipeline:
    """The given (or default) pipeline with its events stage recording a trace."""
    base = pipeline or Pipeline.default()
    stages = [
        EventsStage(base.settings, trace=True) if stage.name == "events" else stage
        for stage in base.stages
    ]
    return Pipeline(stages, base.settings)


def explain(sentence: str, published: dt.date | None = None,
            pipeline: Pipeline | None = None) -> Explanation:
    """Code one sentence with tracing on and collect what each step decided."""
    doc = Document(id="explain", text=sentence, published=published)
    record = tracing_pipeline(pipeline).code(doc)
    result = Explanation(text=sentence, warnings=list(record.warnings))
    if record.status != "ok" or doc.spacy is None:
        result.warnings.append(record.error or "the sentence could not be parsed")
        return result
    result.tokens = [(t.i, t.text, t.lemma_, t.pos_, t.dep_, t.head.i) for t in doc.spacy]
    result.actors = list(record.actors)
    trace = doc.extras.get("events", {})
    if trace:
        result.attempts = list(trace["trace"].attempts)
        result.candidates = list(trace["candidates"])
    result.events = list(record.events)
    return result


def render(result: Explanation) -> str:
    """A plain-text report of an Explanation, section by section."""
    lines = ["PARSE", "  i  token            lemma            pos    dep        head"]
    lines += [f"  {i:<2} {text:<16} {lemma:<16} {pos:<6} {dep:<10} {head}"
              for i, text, lemma, pos, dep, head in result.tokens]
    lines += ["", "ACTORS"]
    lines += [f"  {a.id} {a.name} [{a.code or '-'}] mentions: "
              + ", ".join(f"'{m.text}'@{m.start}" for m in a.mentions) for a in result.actors]
    lines += ["", "PATTERNS TRIED"]
    lines += [f"  {'FIRED' if a.fired else 'no   '} {a.token.text}#{a.token.i} "
              f"{a.pattern.id} ({a.pattern.code}): {a.reason}" for a in result.attempts]
    lines += ["", "CANDIDATES"]
    for cand in result.candidates:
        status = f"DROPPED ({cand.dropped})" if cand.dropped else "kept"
        lines.append(f"  {cand.trigger.text}#{cand.trigger.i} rule {cand.match.pattern.id} "
                     f"code {cand.code} modality {cand.modality}: {status}")
        lines += [f"      {reason}" for reason in cand.reasons]
    lines += ["", "EVENTS"]
    for e in result.events:
        target = e.target.code if e.target else "-"
        lines.append(f"  {e.id} {e.cameo} {e.plover.type} {e.source.code}->{target} "
                     f"'{e.trigger.text}' modality={e.modality} negated={e.negated} "
                     f"date={e.date} rule={e.rule} confidence={e.confidence}")
    if result.warnings:
        lines += ["", "WARNINGS"] + [f"  {w}" for w in result.warnings]
    return "\n".join(lines)

"""The foundation's acceptance check on the real wire story in ../shared/examples/.

The story is third-party text, so it is read from the shared folder and never copied here; the
test is skipped where that folder is absent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from communique.models import ArticleRecord
from communique.pipeline import Pipeline
from communique.stages.ingest import read_inputs
from tests.conftest import SHARED, assert_valid_record

STORY = SHARED / "examples" / "ceasefire-talks.txt"
pytestmark = pytest.mark.skipif(not STORY.exists(), reason="../shared/examples is not present")


@pytest.fixture(scope="module")
def record(pipeline: Pipeline) -> ArticleRecord:
    (doc,) = read_inputs([str(STORY)], dt.date(2024, 12, 9), 1_000_000)
    coded = pipeline.code(doc)  # type: ignore[arg-type]
    assert_valid_record(coded)
    return coded


def _actor(record: ArticleRecord, mention: str) -> Any:
    for actor in record.actors:
        if any(m.text == mention for m in actor.mentions) or actor.name == mention:
            return actor
    raise AssertionError(f"no actor mentioned as {mention!r}: {[a.name for a in record.actors]}")


@pytest.mark.parametrize(
    ("mention", "country", "sector"),
    [
        ("Russia", "RUS", None), ("Kremlin", "RUS", "GOV"), ("Peskov", "RUS", "GOV"),
        ("Vladimir Putin", "RUS", "GOV"), ("Ukraine", "UKR", None),
        ("Volodymyr Zelenskyy", "UKR", "GOV"), ("Donald Trump", "USA", "ELI"),
        ("Emmanuel Macron", "FRA", "GOV"), ("China", "CHN", None), ("Brazil", "BRA", None),
        ("South Africa", "ZAF", None), ("United Arab Emirates", "ARE", None),
        ("Qatar", "QAT", None), ("Saudi Arabia", "SAU", None),
    ],
)
def test_actors(record: ArticleRecord, mention: str, country: str, sector: str | None) -> None:
    actor = _actor(record, mention)
    assert actor.country == country
    if sector:
        assert actor.sector == sector, actor


def test_brics_is_an_actor(record: ArticleRecord) -> None:
    assert any(m.text == "BRICS" for a in record.actors for m in a.mentions)


def test_pronoun_and_surname_mentions_are_linked(record: ArticleRecord) -> None:
    peskov = _actor(record, "Dmitry Peskov")
    texts = [m.text for m in peskov.mentions]
    assert texts.count("Peskov") >= 3 and "He" in texts


def _events(record: ArticleRecord, cameo_prefix: str, plover: str, source: str) -> list[Any]:
    return [
        e for e in record.events
        if e.cameo.startswith(cameo_prefix) and e.plover.type == plover
        and e.source.country == source
    ]


@pytest.mark.parametrize(
    ("cameo", "plover", "source", "target"),
    [
        ("036", "AGREE", "RUS", None),       # willingness to negotiate
        ("0256", "REQUEST", "USA", None),    # Trump's call for an immediate ceasefire
        ("04", "CONSULT", "USA", None),      # the Paris meeting
        ("111", "ACCUSE", "RUS", "UKR"),     # Peskov's criticism of Ukraine
        ("125", "REJECT", "UKR", None),      # Ukraine's refusal, as Peskov reports it
        ("038", "AGREE", "RUS", None),       # openness to mediation
        ("10", "REQUEST", "RUS", "UKR"),     # Russia's conditions for peace
    ],
)
def test_events(
    record: ArticleRecord, cameo: str, plover: str, source: str, target: str | None
) -> None:
    found = _events(record, cameo, plover, source)
    if target:
        found = [e for e in found if e.target and e.target.country == target]
    assert found, [(e.source.code, e.cameo, e.target and e.target.code) for e in record.events]
    for event in found:
        assert record.text[event.trigger.start : event.trigger.end] == event.trigger.text


def test_no_event_a_reader_would_call_wrong(record: ArticleRecord) -> None:
    """A speaker's lament with no doer (an agentless participle in a quotation) is no assault,
    and the conflict the story is about, named with no doer and no target, is its background:
    every event has a named source, and no assault is coded inside a quotation."""
    unnamed = [(e.cameo, e.trigger.text) for e in record.events if e.source.actor is None]
    assert unnamed == []
    quoted = [(e.cameo, e.trigger.text) for e in record.events
              if e.quote and e.plover.type == "ASSAULT"]
    assert quoted == []
    assert not [e for e in record.events if e.cameo == "190" and e.target is None]


def test_reported_refusal_is_marked_reported(record: ArticleRecord) -> None:
    assert any(e.modality == "reported" for e in _events(record, "125", "REJECT", "UKR"))


def _speaker_quotes(record: ArticleRecord, name: str, kind: str) -> list[Any]:
    return [q for q in record.quotes if q.kind == kind and q.speaker and name in q.speaker.name]


def test_direct_quotes_of_trump_and_peskov(record: ArticleRecord) -> None:
    assert any("immediate ceasefire" in q.text for q in _speaker_quotes(record, "Trump", "direct"))
    peskov = _speaker_quotes(record, "Peskov", "direct")
    assert any("carefully read" in q.text for q in peskov)
    assert any("rejected negotiations" in q.text for q in peskov)


def test_indirect_quotes_of_peskov(record: ArticleRecord) -> None:
    indirect = _speaker_quotes(record, "Peskov", "indirect")
    assert any("conditions for ceasing hostilities" in q.text for q in indirect)
    assert any("issued a decree" in q.text for q in indirect)


@pytest.mark.parametrize(
    ("text", "value"),
    [("Monday", "2024-12-09"), ("November 7", "2024-11-07"), ("earlier this year", "2024"),
     ("February 2022", "2022-02"), ("2014", "2014")],
)
def test_dates(record: ArticleRecord, text: str, value: str) -> None:
    assert any(text in d.text and d.value == value for d in record.dates), [
        (d.text, d.value) for d in record.dates
    ]


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [("Paris", "FRA", 48.85, 2.35), ("Crimea", "UKR", 45.0, 34.0)],
)
def test_places(record: ArticleRecord, name: str, country: str, lat: float, lon: float) -> None:
    (place,) = [p for p in record.places if p.text == name][:1]
    assert place.country == country
    assert place.lat is not None and abs(place.lat - lat) < 1.5
    assert place.lon is not None and abs(place.lon - lon) < 1.5

"""Tone per sentence and article, and themes from events and keywords."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from communique.errors import ResourceError
from communique.models import Event, EventParty, Plover, TextSpan
from communique.resources.themes import load_themes_file, theme_table
from communique.stages.ingest import make_document
from communique.stages.tone import ToneStage


def _doc(text: str):  # type: ignore[no-untyped-def]
    from communique.models import Sentence

    doc = make_document(text, "<test>", 10_000, published=dt.date(2024, 1, 1))
    doc.sentences, start = [], 0
    for part in text.split(". "):
        doc.sentences.append(Sentence(start=start, end=start + len(part)))
        start += len(part) + 2
    return doc


def test_sentence_and_article_tone_follow_the_wording() -> None:
    doc = ToneStage()(_doc("The talks were a wonderful success. The shelling killed many people"))
    first, second = doc.sentences
    assert first.tone is not None and first.tone > 0.3
    assert second.tone is not None and second.tone < -0.3
    assert doc.tone is not None and -1 <= doc.tone.compound <= 1


def test_themes_from_keywords_need_more_than_one_hit() -> None:
    table = theme_table()
    assert "sanctions" in table.assign("New sanctions and an embargo were announced.", [])
    assert "sanctions" not in table.assign("One sanction was mentioned.", [])


def test_themes_from_events() -> None:
    party = EventParty(actor=None, code="RUS", country="RUS", sector=None)
    event = Event(id="e1", source=party, target=None, cameo="163", plover=Plover(type="SANCTION"),
                  sentence=0, trigger=TextSpan(start=0, end=3, text="ban"), confidence=0.5)
    doc = _doc("Nothing thematic here")
    doc.events = [event]
    assert ToneStage()(doc).themes == ["sanctions"]


def test_malformed_theme_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text("themes:\n  war:\n    plover: [FIGHT]\n")
    with pytest.raises(ResourceError, match=r"themes.yaml:3: theme 'war': unknown PLOVER"):
        load_themes_file(path)
    path.write_text("themes:\n  war:\n    keywords: [ok\n")
    with pytest.raises(ResourceError, match=r"themes.yaml:\d+: invalid YAML"):
        load_themes_file(path)


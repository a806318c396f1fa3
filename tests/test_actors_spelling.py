"""Spelling and transliteration variants of dictionary names (invented sentences), and the
guards that keep ordinary words, people's names and derived words from matching."""

from __future__ import annotations

import pytest

from communique.document import Document
from communique.models import Actor, ArticleRecord
from communique.pipeline import Pipeline
from communique.stages.actor_spelling import skeleton, within_one_edit


def _code(pipeline: Pipeline, text: str) -> ArticleRecord:
    record = pipeline.code(Document(id="t", text=text))
    assert record.status == "ok", record.error
    return record


def _with_mention(record: ArticleRecord, text: str) -> Actor | None:
    return next((a for a in record.actors if any(text in m.text for m in a.mentions)), None)


def test_skeleton_folds_transliteration() -> None:
    assert skeleton("Afganistan") == skeleton("Afghanistan")
    assert skeleton("Phillippines") == skeleton("Philippines")
    assert skeleton("Khatmandu") == skeleton("Kathmandu")
    assert skeleton("Quatar") == skeleton("Qatar")
    assert skeleton("Mitterand") == skeleton("Mitterrand")
    assert skeleton("Teheran") != skeleton("Tehran")  # one edit away, not equal


def test_within_one_edit() -> None:
    assert within_one_edit("cecen", "cencen")
    assert within_one_edit("abcd", "abdc")  # neighbours swapped
    assert not within_one_edit("abcd", "badc")
    assert not within_one_edit("georgia", "georgiana")
    assert within_one_edit("tripuli", "tripoli")  # a vowel for a vowel
    assert not within_one_edit("berger", "berber")  # a consonant for another: another name


@pytest.mark.parametrize(("text", "mention", "country", "sector"), [
    ("Pakistan turned down a new offer from Afganistan on Monday.", "Afganistan", "AFG", None),
    ("The Phillippines military denied the report.", "Phillippines", "PHL", "MIL"),
    ("Quatar's foreign minister arrived for talks.", "Quatar", "QAT", "GOV"),
    ("A group of Chenchen refugees began a hunger strike.", "Chenchen", "RUS", None),
    ("Zimbabawe expelled two diplomats on Friday.", "Zimbabawe", "ZWE", None),
])
def test_misspelt_places_and_peoples_resolve(pipeline: Pipeline, text: str, mention: str,
                                             country: str, sector: str | None) -> None:
    found = _with_mention(_code(pipeline, text), mention)
    assert found is not None and found.country == country
    if sector is not None:
        assert found.sector == sector


def test_misspelt_leader_resolves_to_the_dictionary_person(pipeline: Pipeline) -> None:
    found = _with_mention(_code(pipeline, "President Francois Mitterand hosted the summit."),
                          "Mitterand")
    assert found is not None and found.name == "François Mitterrand"
    assert found.country == "FRA"


@pytest.mark.parametrize(("text", "word"), [
    ("Mr Hylland said the council would meet again.", "Hylland"),   # a surname after "Mr"
    ("Her sister Georgina moved to the coast in 1983.", "Georgina"),  # a changed ending
    ("Analysts at Burman said the shares would fall.", "Burman"),
    ("The Crimean peninsula lies south of the mainland.", "Crimean"),
    ("Karen Walsh said the parish council had met.", "Karen"),       # known English names
    ("Ann Berger spoke first. Berger said the vote was close.", "Berger"),  # a full surname
])
def test_names_and_derived_words_do_not_match(pipeline: Pipeline, text: str, word: str) -> None:
    record = _code(pipeline, text)
    found = _with_mention(record, word)
    assert found is None or found.country is None, (word, found)

"""Content spans of accusations, appeals, passives and object cues, on invented sentences."""

from __future__ import annotations

import pytest

from communique.document import Document
from communique.stages.nlp import PINNED_MODEL, load_model
from communique.stages.quotes import QuotesStage


def run(text: str) -> Document:
    doc = Document(id="t", text=text)
    doc.spacy = load_model(PINNED_MODEL)(text)
    return QuotesStage()(doc)


def only(text: str) -> tuple[str, str | None, str | None]:
    doc = run(text)
    assert len(doc.quotes) == 1, [q.text for q in doc.quotes]
    quote = doc.quotes[0]
    assert doc.text[quote.start : quote.end] == quote.text
    speaker = quote.speaker.name if quote.speaker else None
    return quote.text, speaker, quote.cue.text if quote.cue else None


@pytest.mark.parametrize(
    ("sentence", "content", "speaker"),
    [
        (
            "Norvania accused Kestria of shelling its border posts.",
            "Kestria of shelling its border posts",
            "Norvania",
        ),
        (
            "The ministry accused Velmar of planning the attack.",
            "Velmar of planning the attack",
            "The ministry",
        ),
        (
            "Prosecutors charged two bankers with fraud.",
            "two bankers with fraud",
            "Prosecutors",
        ),
    ],
)
def test_accusation_content_is_object_with_its_complement(
    sentence: str, content: str, speaker: str
) -> None:
    text, who, _cue = only(sentence)
    assert text == content
    assert who is not None and speaker in who


def test_appeal_content_is_the_clause_not_the_bare_addressee() -> None:
    text, who, cue = only("Norvania called on Kestria and Velmar on Tuesday to agree to a truce.")
    assert text == "to agree to a truce"
    assert who == "Norvania" and cue == "called on"


def test_appeal_with_adjacent_addressee_keeps_it() -> None:
    text, _who, _cue = only("The mayor urged residents to stay indoors.")
    assert text == "residents to stay indoors"
    text, _who, cue = only("The council called on the governor to resign.")
    assert text == "the governor to resign" and cue == "called on"


def test_passive_evaluation_has_the_agent_as_speaker() -> None:
    text, who, cue = only("The toll plan was criticized by the drivers' union.")
    assert text.startswith("The toll plan") and cue == "criticized"
    assert who is not None and "union" in who


def test_passive_without_agent_has_no_speaker() -> None:
    text, who, _cue = only("The harbour master was accused of taking bribes.")
    assert text.startswith("The harbour master") and "bribes" in text
    assert who is None


def test_addressee_of_tell_is_not_content() -> None:
    assert run("The minister told reporters on Monday.").quotes == []


@pytest.mark.parametrize(
    ("sentence", "content", "speaker", "cue"),
    [
        ("The senator is critical of the toll plan.", "the toll plan", "The senator", "critical"),
        (
            "Officials were confident that the bridge would open.",
            "that the bridge would open",
            "Officials",
            "confident",
        ),
        ("The mayor was willing to negotiate.", "to negotiate", "The mayor", "willing"),
    ],
)
def test_attitude_adjectives(sentence: str, content: str, speaker: str, cue: str) -> None:
    assert only(sentence) == (content, speaker, cue)


def test_attitude_verb_object_is_content() -> None:
    text, who, cue = only("The union despises the new shift rota.")
    assert (text, who, cue) == ("the new shift rota", "The union", "despises")


def test_other_sense_of_a_clause_verb_has_no_content() -> None:
    assert run("The rebels continued the siege.").quotes == []

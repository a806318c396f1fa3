"""Speakers of direct quotations (third pass): never inside the quotation, inverted cues,
transcripts, continuation paragraphs; invented sentences only."""

from __future__ import annotations

from communique.document import Document
from communique.stages.nlp import PINNED_MODEL, load_model
from communique.stages.quotes import QuotesStage


def run(text: str) -> Document:
    doc = Document(id="t", text=text)
    doc.spacy = load_model(PINNED_MODEL)(text)
    return QuotesStage()(doc)


def speaker_text(doc: Document, index: int = 0) -> str | None:
    speaker = doc.quotes[index].speaker
    return None if speaker is None else doc.text[speaker.start : speaker.end]


def test_speaker_is_never_a_noun_inside_the_quotation() -> None:
    doc = run(
        "The council met on Monday.\n\n“My answer, that was wrong,” the former mayor said "
        "in an interview."
    )
    (quote,) = doc.quotes
    assert quote.kind == "direct"
    assert speaker_text(doc) == "the former mayor"


def test_inverted_cue_before_a_quotation() -> None:
    doc = run(
        "Analysts were divided over the plan. Said Brown: “I do not see any interest in "
        "reform at all.”"
    )
    direct = [q for q in doc.quotes if q.kind == "direct"]
    assert len(direct) == 1
    assert direct[0].speaker is not None
    assert doc.text[direct[0].speaker.start : direct[0].speaker.end] == "Brown"
    assert direct[0].cue is not None and direct[0].cue.text == "Said"


def test_transcript_turns_are_quotations_of_their_speakers() -> None:
    doc = run(
        "The interview ran long.\n\n\"SMITH: We will cut taxes for everyone.\n\n"
        "\"JONES: Will you cut spending too?\n\n\"SMITH: Yes, we will, and soon.\n"
    )
    assert [speaker_text(doc, i) for i in range(len(doc.quotes))] == ["SMITH", "JONES", "SMITH"]
    assert all(q.kind == "direct" and "\n" not in q.text for q in doc.quotes)
    assert doc.quotes[1].text.startswith("Will you")


def test_headline_lends_no_speaker_to_an_uncued_quotation() -> None:
    doc = run(
        "Mayor Roe says the bridge will close\n\n"
        "\"The repairs will take the whole summer and cost far more than planned.\"\n"
    )
    direct = [q for q in doc.quotes if q.kind == "direct"]
    assert len(direct) == 1 and direct[0].speaker is None

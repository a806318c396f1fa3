"""The quotes stage on invented sentences: marks, cues, speakers, kinds."""

from __future__ import annotations

import pytest

from communique.document import Document
from communique.errors import ResourceError
from communique.models import Actor, Mention
from communique.pipeline import Pipeline
from communique.resources.lexicons import load_lexicon_file
from communique.stages.nlp import PINNED_MODEL, load_model
from communique.stages.quote_marks import find_quoted_spans
from communique.stages.quotes import QuotesStage


def run(text: str, actors: list[Actor] | None = None) -> Document:
    doc = Document(id="t", text=text)
    doc.spacy = load_model(PINNED_MODEL)(text)
    doc.actors = actors or []
    return QuotesStage()(doc)


def test_offsets_hold_and_ids_in_order() -> None:
    doc = run(
        'The minister said that the border would reopen soon. "We are ready," '
        "Ana Morel said. According to the agency, the talks stalled."
    )
    assert [q.id for q in doc.quotes] == [f"q{i}" for i in range(1, len(doc.quotes) + 1)]
    for quote in doc.quotes:
        assert doc.text[quote.start : quote.end] == quote.text
        assert quote.cue is None or doc.text[quote.cue.start : quote.cue.end] == quote.cue.text
    assert [q.kind for q in doc.quotes] == ["indirect", "direct", "indirect"]


def test_direct_quote_after_cue_and_speaker_after() -> None:
    doc = run("“The harvest failed in three provinces,” said the farm minister.")
    (quote,) = doc.quotes
    assert quote.kind == "direct"
    assert quote.text == "The harvest failed in three provinces"  # no marks, no handover comma
    assert quote.speaker is not None and "minister" in quote.speaker.name
    assert quote.cue is not None and quote.cue.text == "said"


@pytest.mark.parametrize(("text", "content"), [
    ("The minister said: “We will stay.”", "We will stay."),
    ("He said: ``We will stay.''", "We will stay."),
    ("\"No deal,\" the envoy said.", "No deal"),
])
def test_direct_content_is_the_words_without_their_frame(text: str, content: str) -> None:
    (quote,) = run(text).quotes
    assert quote.text == content


def test_cue_before_with_colon_and_comma() -> None:
    doc = run(
        "Governor Lina Park posted on her website: “The bridge will open in May.”\n"
        "Her deputy stated, “Nobody will pay a toll for the first year.”"
    )
    assert [q.kind for q in doc.quotes] == ["direct", "direct"]
    assert doc.quotes[0].speaker is not None and doc.quotes[0].speaker.name.endswith("Lina Park")
    assert doc.quotes[1].cue is not None and doc.quotes[1].cue.text == "stated"


def test_multi_paragraph_continuation_is_one_quote() -> None:
    text = (
        "The mayor spoke at length.\n"
        "“We have rebuilt the port. We have hired two hundred dockers.\n"
        "“And we will finish the canal by spring,” she said.\n"
        "Then the meeting ended."
    )
    doc = run(text)
    (quote,) = doc.quotes
    assert quote.kind == "direct"
    assert "dockers" in quote.text and "canal" in quote.text


def test_unbalanced_mark_does_not_swallow_the_article() -> None:
    text = (
        "“We will never sign, the envoy said.\n"
        "The second paragraph has no quotes at all.\n"
        "“This one is fine,” the envoy added."
    )
    doc = run(text)
    assert all("second paragraph" not in q.text for q in doc.quotes)
    assert any(q.text == "This one is fine" for q in doc.quotes)
    assert any("unbalanced" in w for w in doc.warnings)


def test_scare_quotes_are_not_quotations() -> None:
    doc = run("The so-called “peace dividend” never arrived in the valley towns.")
    assert doc.quotes == []


def test_mixed_quote() -> None:
    doc = run("The senator said the budget was “a gift to the banks” and would fail.")
    (quote,) = doc.quotes
    assert quote.kind == "mixed"
    assert quote.speaker is not None and quote.speaker.name == "The senator"


@pytest.mark.parametrize(
    "sentence, cue",
    [
        ("The general warned that the truce was fragile.", "warned"),
        ("The general insisted that the truce was holding.", "insisted"),
        ("The general told reporters the truce was holding.", "told"),
        ("The general claimed that rebels had fired first.", "claimed"),
        ("The general added that more troops were coming.", "added"),
    ],
)
def test_indirect_speech(sentence: str, cue: str) -> None:
    doc = run(sentence)
    (quote,) = doc.quotes
    assert quote.kind == "indirect"
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.speaker is not None and quote.speaker.name == "The general"
    assert "truce" in quote.text or "troops" in quote.text or "rebels" in quote.text


def test_pronoun_takes_previous_speaker_and_actor() -> None:
    text = "Minister Ivo Brandt said the mine would close. He claimed that it was unsafe."
    start = text.index("Ivo Brandt")
    actor = Actor(
        id="a1", name="Ivo Brandt", code=None, country=None, kind="person",
        mentions=[Mention(start=start, end=start + 10, text="Ivo Brandt")],
    )
    doc = run(text, [actor])
    assert len(doc.quotes) == 2
    first, second = doc.quotes
    assert first.speaker is not None and first.speaker.actor == "a1"
    assert second.speaker is not None and second.speaker.name == "Ivo Brandt"
    assert second.speaker.actor == "a1"
    assert doc.text[second.speaker.start : second.speaker.end] == "He"


def test_statement_from_ministry() -> None:
    doc = run("A statement from the foreign ministry said the convoy had been attacked.")
    (quote,) = doc.quotes
    assert quote.speaker is not None and quote.speaker.name == "the foreign ministry"
    assert quote.speaker.actor is None


def test_quote_marks_straight_and_curly() -> None:
    text = 'He said "one two three four." Then: “five six seven eight,” she said.'
    spans, unbalanced = find_quoted_spans(text)
    assert unbalanced == 0
    assert [text[s.start : s.end] for s in spans] == [
        '"one two three four."', "“five six seven eight,”",
    ]


def test_lexicon_loader_reports_file_and_line(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("verbs:\n  - say\n  - say\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"bad.yaml:3"):
        load_lexicon_file(bad, required=("verbs",))
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text("verbs:\n  - say\nnouns: [x]\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"unknown.yaml:3"):
        load_lexicon_file(unknown, required=("verbs",))
    nested = tmp_path / "nested.yaml"
    nested.write_text("verbs:\n  - [say]\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"nested.yaml:2"):
        load_lexicon_file(nested, required=("verbs",))
    good = tmp_path / "good.yaml"
    good.write_text("verbs:\n  - Say\n  - on\n", encoding="utf-8")
    assert load_lexicon_file(good, required=("verbs",))["verbs"] == {"say", "on"}


def test_pipeline_codes_quotes_end_to_end(pipeline: Pipeline) -> None:
    record = pipeline.code(
        Document(id="x", text="“Talks will resume on Friday,” the mediator told reporters.")
    )
    assert record.quotes and record.quotes[0].kind == "direct"


def test_parenthetical_cue_takes_the_clause_around_it() -> None:
    doc = run("The harbour, the mayor said, will reopen next month.")
    (quote,) = doc.quotes
    assert quote.kind == "indirect"
    assert quote.text.startswith("The harbour") and quote.text.endswith("next month")
    assert quote.speaker is not None and quote.speaker.name == "the mayor"


def test_nested_attribution_is_left_out() -> None:
    doc = run("The envoy said the minister plans to resign before the summit.")
    (quote,) = doc.quotes
    assert quote.cue is not None and quote.cue.text == "said"


def test_quote_in_two_parts_is_one_quotation() -> None:
    doc = run("“We will rebuild the school,” the mayor said, “and we will start in May.”")
    (quote,) = doc.quotes
    assert quote.kind == "direct"
    assert quote.text.startswith("We will rebuild") and quote.text.endswith("start in May.")


def test_doubled_apostrophe_marks() -> None:
    doc = run("''The vote was rigged from the start,'' the candidate said on Sunday.")
    (quote,) = doc.quotes
    assert quote.kind == "direct"
    assert quote.text == "The vote was rigged from the start"


def test_dash_attribution_after_a_quote() -> None:
    doc = run("“The buses never come on time in our district.” ― Marta Quiroga\n")
    (quote,) = doc.quotes
    assert quote.speaker is not None and quote.speaker.name == "Marta Quiroga"
    assert quote.cue is not None and quote.cue.text == "―"


def test_headline_colon_attribution() -> None:
    doc = run("Governor Hale: Farmers Will Get Their Subsidies Back\n\nThe story follows.")
    assert doc.quotes and doc.quotes[0].cue is not None and doc.quotes[0].cue.text == ":"
    assert doc.quotes[0].text.startswith("Farmers Will Get")
    assert doc.quotes[0].speaker is not None and "Hale" in doc.quotes[0].speaker.name


def test_relative_pronoun_speaker_is_named_after_its_noun() -> None:
    doc = run("Rescuers reached a farmer who said that the river had flooded twice.")
    quote = next(q for q in doc.quotes if q.cue is not None and q.cue.text == "said")
    assert quote.speaker is not None
    assert doc.text[quote.speaker.start : quote.speaker.end] == "who"
    assert "farmer" in quote.speaker.name


def test_subject_not_taken_from_a_headline_line() -> None:
    doc = run("Talks Resume in Geneva\nThe ministry emphasized its readiness to compromise.")
    (quote,) = doc.quotes
    assert quote.speaker is not None
    assert doc.text[quote.speaker.start : quote.speaker.end] == "The ministry"


def test_stage_never_raises_on_odd_input() -> None:
    doc = run("“\n”\n\"\n“ ” ‘ ’ '' `` ― : said.")
    assert isinstance(doc.quotes, list)


def test_speech_noun_with_that_clause() -> None:
    doc = run("Roe repeated her claim that the vote was rigged.")
    (quote,) = doc.quotes
    assert quote.text == "that the vote was rigged"
    assert quote.cue is not None and quote.cue.text == "claim"
    assert quote.speaker is not None and doc.text[quote.speaker.start : quote.speaker.end] == "her"


def test_a_clause_before_a_colon_is_not_a_name_label() -> None:
    (quote,) = run("The harbour master said on Monday: “The pier will reopen in spring.”").quotes
    assert quote.speaker is not None and quote.speaker.name == "The harbour master"
    assert quote.cue is not None and quote.cue.text == "said"


def test_a_naming_participle_does_not_make_its_noun_a_speaker() -> None:
    doc = run("The tax, dubbed “the window levy” by its critics, was repealed in 1851.")
    assert all(q.speaker is None or "tax" not in q.speaker.name for q in doc.quotes)


def test_single_marks_are_quotation_marks_in_a_text_without_double_ones() -> None:
    doc = run("‘The pier will reopen in spring,’ the harbour master said. "
              "He called the delay ‘regrettable’.")
    direct = [q for q in doc.quotes if q.kind == "direct"]
    assert [q.text for q in direct] == ["The pier will reopen in spring"]
    assert direct[0].speaker is not None and direct[0].speaker.name == "the harbour master"
    mixed = run("“We are ready,” she said of the ‘final’ round.").quotes
    assert [q.text for q in mixed if q.kind == "direct"] == ["We are ready"]

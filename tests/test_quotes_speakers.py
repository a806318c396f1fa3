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


def quote_by_cue(doc: Document, cue: str) -> str | None:
    (quote,) = [q for q in doc.quotes if q.cue is not None and q.cue.text == cue]
    return None if quote.speaker is None else doc.text[quote.speaker.start : quote.speaker.end]


def test_adjective_before_an_infinitive_cue_lends_its_subject() -> None:
    doc = run("The ministry has been slow to embrace the new rules on pensions.")
    assert quote_by_cue(doc, "embrace") == "The ministry"
    doc = run("The governor stopped short of calling the fire deliberate.")
    assert quote_by_cue(doc, "calling") == "The governor"


def test_expletive_it_is_no_speaker() -> None:
    doc = run("It is worth noting that the harvest was the smallest in a decade.")
    assert quote_by_cue(doc, "noting") is None


def test_object_of_a_control_verb_speaks_its_infinitive() -> None:
    doc = run("The judge forced the banker to admit that no manager was punished.")
    assert quote_by_cue(doc, "admit") == "the banker"
    # an instrument is no speaker: the subject argues
    doc = run("The mayor used the budget figures to argue that the tram was too costly.")
    assert quote_by_cue(doc, "argue") == "The mayor"


def test_passive_subject_speaks_a_purpose_infinitive() -> None:
    doc = run("The mayor was summoned before the council to defend his spending plan.")
    assert quote_by_cue(doc, "defend") == "The mayor"


def test_issuer_of_a_document_speaks_through_it() -> None:
    doc = run("The council issued a statement calling the strike illegal.")
    assert quote_by_cue(doc, "calling") == "The council"
    doc = run("Lawyers for the miners filed papers opposing the merger of the two firms.")
    assert quote_by_cue(doc, "opposing") == "Lawyers for the miners"


def test_uncued_quotation_takes_the_cue_after_the_next_one() -> None:
    doc = run(
        "The hearing lasted four hours.\n\n“You sold the land to your own cousins” for nothing. "
        "“It is a scandal,” the senator said."
    )
    direct = [q for q in doc.quotes if q.kind == "direct"]
    assert direct[0].text.startswith("You sold")
    assert all(speaker_text(doc, doc.quotes.index(q)) == "the senator" for q in direct)


def test_first_part_before_a_cue_between_commas_is_one_quotation() -> None:
    doc = run(
        '"By cutting the tariffs first," Mr. Brown said, "we gave the farmers a fair chance '
        'to compete abroad."'
    )
    (quote,) = doc.quotes
    assert quote.text.startswith("By cutting") and quote.text.endswith("abroad.")
    assert speaker_text(doc) == "Mr. Brown"


def test_an_answer_after_a_full_stop_is_another_speaker() -> None:
    doc = run(
        'The two argued on the way home.\n\n"I do not believe in luck at all." To which she '
        'replied, "Then you will never win anything."'
    )
    first = next(q for q in doc.quotes if q.text.startswith("I do not"))
    assert first.speaker is None or doc.text[first.speaker.start : first.speaker.end] != "she"


def test_a_dash_read_as_a_word_is_no_speaker() -> None:
    # U+2015 between clauses: the parser takes it for a word, even a subject
    doc = run(
        "When Jones noted that the mayor had not paid rent for years ― as was true for the "
        "period his accounts were made public ― Brown boasted, “That makes me clever.”"
    )
    assert quote_by_cue(doc, "boasted") == "Brown"
    doc = run(
        "The report ― which draws on the voices of farmers and traders, among others ― "
        "explains the decline of the rural economy."
    )
    assert quote_by_cue(doc, "explains") == "The report"


def test_topic_label_before_a_speaker_and_cue_is_no_speaker() -> None:
    doc = run(
        "Anger at the police: Local activists say the officers have long been too harsh with "
        "young people."
    )
    (quote,) = doc.quotes
    assert speaker_text(doc) == "Local activists"
    assert quote.text.startswith("the officers")


def test_clarification_note_is_no_speaker() -> None:
    doc = run(
        "The council met on Monday.\n\nCLARIFICATION: An earlier version misstated the date "
        "of the vote on the budget.\n"
    )
    assert all(speaker_text(doc, i) != "CLARIFICATION" for i in range(len(doc.quotes)))


def test_report_before_a_semicolon_is_not_the_next_clause_content() -> None:
    doc = run(
        "The researchers reported that the first bank holds $5 billion abroad and would owe "
        "$1 billion in taxes; the second bank holds $2 billion abroad."
    )
    assert quote_by_cue(doc, "reported") == "The researchers"
    assert not any(q.cue is not None and q.cue.text == "holds" for q in doc.quotes)


def test_names_the_parser_hung_on_the_clause_before_are_the_subject() -> None:
    # the parser makes 'Smith' a conjunct of 'war'; the names right before 'call' are its subject
    doc = run(
        "When rebels are revealed as part of the second front of the long border war, Smith "
        'and Jones call them "lone wolves" and describe their acts as crimes.'
    )
    assert quote_by_cue(doc, "call") == "Smith and Jones"
    assert quote_by_cue(doc, "describe") == "Smith and Jones"


def test_object_of_a_light_verb_frames_the_subjects_cue() -> None:
    doc = run("Without the records, voters will have no way of knowing how much the mayor earns.")
    assert quote_by_cue(doc, "knowing") == "voters"
    doc = run("The senator took the chance to condemn the attack on the embassy.")
    assert quote_by_cue(doc, "condemn") == "The senator"


def test_participle_after_a_speech_verb_is_its_subjects() -> None:
    doc = run(
        'The voters do not agree with Brown," Jones said, suggesting a few questions, '
        'including, "Mr. Brown, do you really think that bankers need a tax break?'
    )
    assert quote_by_cue(doc, "suggesting") == "Jones"


def test_nearest_of_two_subjects_speaks() -> None:
    doc = run(
        "His promises to help the poor notwithstanding, independent studies agree the rich "
        "would gain most from his plans to cut taxes."
    )
    assert quote_by_cue(doc, "agree") == "independent studies"


def test_a_document_that_reads_a_quotation_is_its_speaker() -> None:
    doc = run(
        "Parents signed the appeal.\n\n“From Denver to Tulsa, we see new schools offering "
        "families hope for a better future,” the letter reads."
    )
    (quote,) = doc.quotes
    assert quote.kind == "direct" and speaker_text(doc) == "the letter"
    doc = run("The minister read the report on the flood damage before the vote.")
    assert doc.quotes == []


def test_as_someone_put_it_quotes_them() -> None:
    doc = run("The plan was, as one farmer put it, “a slow death for the whole valley.”")
    direct = [q for q in doc.quotes if q.kind == "direct"]
    assert len(direct) == 1 and speaker_text(doc, doc.quotes.index(direct[0])) == "one farmer"
    doc = run("She put it on the table before the vote.")
    assert doc.quotes == []


def test_that_clause_hung_on_the_addressee_is_the_content() -> None:
    doc = run(
        "In Lima last week, he told a meeting of Andean leaders that few people understood "
        "the stakes of the drought better than farmers."
    )
    (quote,) = doc.quotes
    assert quote.cue is not None and quote.cue.text == "told"
    assert quote.text.startswith("that few people") and speaker_text(doc) == "he"
    # a real relative clause ('that' is its subject) stays out of the content
    doc = run("The mayor told the residents that lived near the river to leave their homes.")
    assert not any(q.text.startswith("that lived") for q in doc.quotes)

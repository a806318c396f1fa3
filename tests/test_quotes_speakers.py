"""Speakers (third and fourth passes): never inside the quotation, inverted cues, transcripts,
continuation paragraphs, the doer of a cue through the parse's detours, and the parser's slips
(reproduced by hand-made parses); invented sentences only."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from communique.document import Document
from communique.stages.nlp import PINNED_MODEL, load_model
from communique.stages.quote_subjects import find_subject
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


def parsed(words: list[str], heads: list[int], deps: list[str], tags: list[str]) -> Doc:
    """A hand-made parse: the parser's slips, reproduced exactly, whatever the model does."""
    pos = {"VB": "VERB", "NN": "NOUN", "NNP": "PROPN", "DT": "DET", "IN": "ADP", ",": "PUNCT",
           ".": "PUNCT", "CC": "CCONJ", "PRP": "PRON", "RB": "ADV", "HYPH": "VERB"}
    return Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags,
               pos=[pos.get(t, pos.get(t[:2], "X")) for t in tags])


def test_adjective_before_an_infinitive_cue_lends_its_subject() -> None:
    doc = run("The ministry was slow to accept the new pension rules.")
    assert quote_by_cue(doc, "accept") == "The ministry"
    doc = run("The governor stopped short of calling the blaze an act of arson.")
    assert quote_by_cue(doc, "calling") == "The governor"


def test_expletive_it_is_no_speaker() -> None:
    doc = run("It is worth noting that the harvest was the smallest in a decade.")
    assert quote_by_cue(doc, "noting") is None


def test_object_of_a_control_verb_speaks_its_infinitive() -> None:
    doc = run("The auditor forced the treasurer to concede that the accounts were wrong.")
    assert quote_by_cue(doc, "concede") == "the treasurer"
    # an instrument is no speaker: the subject argues
    doc = run("The mayor used the budget figures to argue that the tram was too costly.")
    assert quote_by_cue(doc, "argue") == "The mayor"


def test_passive_subject_speaks_a_purpose_infinitive() -> None:
    doc = run("The minister was summoned before parliament to defend the new fees.")
    assert quote_by_cue(doc, "defend") == "The minister"


def test_issuer_of_a_document_speaks_through_it() -> None:
    doc = run("The council issued a statement calling the strike illegal.")
    assert quote_by_cue(doc, "calling") == "The council"
    doc = run("The union's lawyers filed papers opposing the sale of the mine.")
    assert quote_by_cue(doc, "opposing") == "The union's lawyers"


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
    # 'Brown ― boasted' with the dash parsed as a second, nearer subject
    doc = parsed(["Brown", "―", "boasted", "."], [2, 2, 2, 2],
                 ["nsubj", "nsubj", "ROOT", "punct"], ["NNP", "NN", "VBD", "."])
    assert find_subject(doc[2])[0] == doc[0]
    # 'The report ― explains ...' with the dash parsed as a verb holding the subject
    doc = parsed(["The", "report", "―", "explains", "the", "decline", "."],
                 [1, 2, 3, 3, 5, 3, 3],
                 ["det", "nsubj", "advcl", "ROOT", "det", "dobj", "punct"],
                 ["DT", "NN", "VBP", "VBZ", "DT", "NN", "."])
    assert find_subject(doc[3])[0] == doc[1]


def test_topic_label_before_a_speaker_and_cue_is_no_speaker() -> None:
    doc = run("Housing costs: Tenant groups say rents in the capital have doubled since the war.")
    (quote,) = doc.quotes
    assert speaker_text(doc) == "Tenant groups"
    assert quote.text.startswith("rents")


def test_clarification_note_is_no_speaker() -> None:
    doc = run(
        "The council met on Monday.\n\nCLARIFICATION: An earlier version misstated the date "
        "of the vote on the budget.\n"
    )
    assert all(speaker_text(doc, i) != "CLARIFICATION" for i in range(len(doc.quotes)))


def test_report_before_a_semicolon_is_not_the_next_clause_content() -> None:
    doc = run(
        "The auditors reported that the port authority holds $3 million in reserve and owes "
        "builders $1 million; the rail company holds $2 million."
    )
    assert quote_by_cue(doc, "reported") == "The auditors"
    assert not any(q.cue is not None and q.cue.text == "holds" for q in doc.quotes)


def test_names_the_parser_hung_on_the_clause_before_are_the_subject() -> None:
    # 'In the war, Smith and Jones call them liars.' with 'Smith' a conjunct of 'war'
    doc = parsed(
        ["In", "the", "war", ",", "Smith", "and", "Jones", "call", "them", "liars", "."],
        [7, 2, 0, 2, 2, 4, 4, 7, 7, 7, 7],
        ["prep", "det", "pobj", "punct", "conj", "cc", "conj", "ROOT", "dobj", "oprd", "punct"],
        ["IN", "DT", "NN", ",", "NNP", "CC", "NNP", "VBP", "PRP", "NNS", "."],
    )
    assert find_subject(doc[7])[0] == doc[4]


def test_object_of_a_light_verb_frames_the_subjects_cue() -> None:
    doc = run("Without a public register, buyers will have no way of knowing who owns the land.")
    assert quote_by_cue(doc, "knowing") == "buyers"
    doc = run("The senator took the chance to condemn the attack on the embassy.")
    assert quote_by_cue(doc, "condemn") == "The senator"


def test_participle_after_a_speech_verb_is_its_subjects() -> None:
    doc = run(
        '"Taxes are too high for everyone," Adams said, suggesting a question, "Mr. Baker, '
        'will you finally cut them?"'
    )
    assert {q.speaker.name for q in doc.quotes if q.speaker is not None} == {"Adams"}


def test_nearest_of_two_subjects_speaks() -> None:
    # 'His plans aside, studies agree ...' with both nouns parsed as subjects of 'agree'
    doc = parsed(["plans", "aside", ",", "studies", "agree", "."], [4, 0, 4, 4, 4, 4],
                 ["nsubj", "advmod", "punct", "nsubj", "ROOT", "punct"],
                 ["NNS", "RB", ",", "NNS", "VBP", "."])
    assert find_subject(doc[4])[0] == doc[3]


def test_a_document_that_reads_a_quotation_is_its_speaker() -> None:
    doc = run(
        "Farmers signed the appeal.\n\n“Across the valley, we watch small farms closing one "
        "after another every winter,” the petition reads."
    )
    (quote,) = doc.quotes
    assert quote.kind == "direct" and speaker_text(doc) == "the petition"
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
        "At a dinner in Quito on Friday, she told a gathering of mayors that only farmers knew "
        "how bad the floods had become."
    )
    (quote,) = doc.quotes
    assert quote.cue is not None and quote.cue.text == "told"
    assert quote.text.startswith("that only farmers") and speaker_text(doc) == "she"
    # a real relative clause ('that' is its subject) stays out of the content
    doc = run("The mayor told the residents that lived near the river to leave their homes.")
    assert not any(q.text.startswith("that lived") for q in doc.quotes)

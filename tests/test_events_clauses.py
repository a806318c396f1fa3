"""Events stage, fifth pass: what a clause does to an act (purpose, participle, description) and
which nouns are the story's background. Invented sentences, coded by the whole pipeline so that
the actors stage decides who the people named are."""

from __future__ import annotations

import pytest

import communique
from communique.document import Document
from communique.models import DateExpression, Quote
from communique.pipeline import Pipeline
from tests.test_events import code_text


def _code(pipeline: Pipeline, text: str) -> list[tuple[str, str, str | None, str]]:
    """(CAMEO, PLOVER type, source code, trigger) of each event."""
    record = communique.code(text, published="2024-12-09", pipeline=pipeline)
    return [(e.cameo, e.plover.type, e.source.code, e.trigger.text) for e in record.events]


@pytest.mark.parametrize("text", [
    "Thousands of Kenyan farmers gathered in Nairobi on Monday to protest the price of maize.",
    "Kenyan students stayed away from classes on Monday to protest the new fees.",
])
def test_protest_as_purpose_of_a_gathering_is_the_protest(pipeline: Pipeline, text: str) -> None:
    """For people gathering or staying away, the purpose "to protest" is the act itself."""
    events = _code(pipeline, text)
    assert any(e[1] == "PROTEST" and (e[2] or "").startswith("KEN") for e in events), events
    assert not [e for e in events if e[1] == "ACCUSE"]


def test_state_protest_stays_diplomatic(pipeline: Pipeline) -> None:
    events = _code(pipeline, "The Kenyan foreign minister went to Kampala to protest the arrests.")
    assert "PROTEST" not in [e[1] for e in events]


def test_participle_on_a_noun_has_the_noun_as_doer(pipeline: Pipeline) -> None:
    """"police dispersed students protesting": the students protest, not the police."""
    events = _code(pipeline, "Police in Nairobi dispersed students protesting the fees.")
    protests = [e for e in events if e[3] == "protesting"]
    assert protests and protests[0][1] == "PROTEST"
    assert protests[0][2] is None or "COP" not in protests[0][2]


def _quoted(text: str, quote: str) -> Document:
    start = text.index(quote)
    q = Quote(id="q1", kind="direct", start=start, end=start + len(quote), text=quote,
              speaker=None, cue=None)
    return code_text(text, quotes=[q])


def test_agentless_participle_in_a_quotation_is_a_description() -> None:
    """"too many villages destroyed" in a speaker's words is no unnamed assault; a quoted act
    with its doer ("destroyed by Uganda") still is."""
    text = '"Too many lives are being lost, too many villages destroyed," Kenya said.'
    doc = _quoted(text, text[1:text.index(',"')])
    assert not [e for e in doc.events if e.plover.type == "ASSAULT"]
    text = '"Our villages were destroyed by Uganda," Kenya said on Monday.'
    doc = _quoted(text, text[1:text.index(',"')])
    assert [(e.plover.type, e.source.country) for e in doc.events] == [("ASSAULT", "UGA")]


def test_known_conflict_without_actors_is_background() -> None:
    """"The war, which began ..." names the story's background; "Fighting erupted" is news."""
    assert code_text("The war, which began in 2014, escalated in the spring.").events == []
    doc = code_text("Fighting erupted in the north on Monday.")
    assert [e.plover.type for e in doc.events] == ["ASSAULT"]
    assert doc.events[0].source.actor is None


def test_fighting_around_a_military_act_was_fought_by_its_doer(pipeline: Pipeline) -> None:
    """"captured the town after days of fighting with rebels": the captors fought the rebels;
    a statement made during a battle ("condemned ... during the battle") is no fight."""
    text = "Kenyan troops captured the town after three days of fighting with Somali rebels."
    events = _code(pipeline, text)
    assert ("190", "ASSAULT", "KENMIL", "fighting") in events, events
    events = _code(pipeline, "Kenya condemned the killings during the battle against Sudan.")
    assert "ASSAULT" not in [e[1] for e in events]


def test_people_acting_during_demonstrations_took_part(pipeline: Pipeline) -> None:
    text = "Kenyan youths threw stones during demonstrations against the Ugandan army."
    assert any(e[1] == "PROTEST" and e[3] == "demonstrations" for e in _code(pipeline, text))
    text = "Ugandan police fired tear gas during demonstrations against the government."
    assert not [e for e in _code(pipeline, text) if e[3] == "demonstrations"]


@pytest.mark.parametrize("text", [
    "A Kenyan journalist died under torture in a Ugandan prison.",
    "A Kenyan detainee died as a result of torture in a crowded cell.",
])
def test_violence_suffered_by_whoever_died_of_it(pipeline: Pipeline, text: str) -> None:
    record = communique.code(text, published="2024-12-09", pipeline=pipeline)
    (event,) = [e for e in record.events if e.plover.type == "ASSAULT"]
    assert event.source.actor is None and event.target is not None
    assert event.target.country == "KEN"


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya promised to continue military aid to Somalia.", ("033", "KEN", "SOM")),
    ("Kenya will withdraw its troops from Somalia.", ("0356", "KEN", "SOM")),
    ("Kenya is willing to release the prisoners.", ("0353", "KEN", None)),
])
def test_promised_act_is_agree_with_the_acts_target(text: str,
                                                    expected: tuple[str, str, str | None]) -> None:
    """PLOVER's promise rule: a promised or intended material act is AGREE (CAMEO 03x), aimed
    at whom the act would be done to, also through the words leading to it."""
    doc = code_text(text)
    assert [(e.cameo, e.source.country, e.target.country if e.target else None)
            for e in doc.events] == [expected]


@pytest.mark.parametrize(("text", "absent"), [
    # the act agreed on is intent (AGREE), not cooperation done
    ("Kenya and Uganda reached an agreement to exchange information on water.", "COOPERATE"),
    # what talks are about is not an act
    ("Kenya and Uganda resumed negotiations on a Kenyan troop withdrawal from Somalia.",
     "RETREAT"),
    # the event a time is counted from is background
    ("Kenya has sheltered the officers since the Ugandan invasion last month.", "ASSAULT"),
    # a protest's demand, said by the protesters, is part of the protest (PLOVER)
    ("Kenyan students rallied in Nairobi against the president, saying he must resign.",
     "REQUEST"),
])
def test_acts_that_are_not_reported_as_done(pipeline: Pipeline, text: str, absent: str) -> None:
    events = _code(pipeline, text)
    assert absent not in [e[1] for e in events], events


def test_in_protest_is_the_reason_of_the_act(pipeline: Pipeline) -> None:
    events = _code(pipeline, "Kenyan teachers went on strike on Monday in protest at the new law.")
    assert [e[1] for e in events] == ["PROTEST"]


def test_conjunct_after_a_passive_shares_its_subject() -> None:
    """"was indicted by X and will resign": the one indicted resigns, not X."""
    doc = code_text("The president of Kenya was condemned by Uganda and will resign.")
    resign = [e for e in doc.events if e.trigger.text == "resign"]
    assert resign and resign[0].source.country == "KEN"


def test_condition_of_a_threat_is_part_of_the_threat() -> None:
    """CAMEO 13x covers a threat's condition: no separate demand on the one threatened, while a
    third party's condition still is a demand ("peace is possible if ..., X said")."""
    doc = code_text("Kenya threatened to attack Uganda unless Uganda released the prisoners.")
    assert [e.plover.type for e in doc.events] == ["THREATEN"]
    doc = code_text("Peace would be possible if Chile resumed negotiations, Peru said.")
    assert ("106", "PER", "CHL", "REQUEST") in [
        (e.cameo, e.source.country, e.target.country if e.target else None, e.plover.type)
        for e in doc.events]


@pytest.mark.parametrize("text", [
    "Kenya closed its border because of fighting between Somali rebels and Ethiopian troops.",
    "Street battles raged in Mogadishu between Somali rebels and Ethiopian troops.",
])
def test_combat_between_two_sides_has_them_as_actors(pipeline: Pipeline, text: str) -> None:
    record = communique.code(text, published="2024-12-09", pipeline=pipeline)
    fights = [e for e in record.events if e.cameo == "190"]
    assert fights and fights[0].source.country == "SOM"
    assert fights[0].target is not None and fights[0].target.country == "ETH"


def test_guilty_of_an_act_is_its_doer_but_capable_of_it_is_not() -> None:
    doc = code_text("Uganda is guilty of attacking Kenya.")
    assert [(e.plover.type, e.source.country) for e in doc.events] == [("ASSAULT", "UGA")]
    assert code_text("Uganda is capable of attacking Kenya.").events == []


def test_a_month_name_is_no_march() -> None:
    text = "Kenya signed the agreement in March 2001."
    march = text.index("March")
    date = DateExpression(start=march, end=march + len("March 2001"), text="March 2001",
                          value="2001-03", granularity="month", type="DATE")
    doc = code_text(text, dates=[date])
    assert "PROTEST" not in [e.plover.type for e in doc.events]


def test_engaged_in_makes_the_subject_the_doer(pipeline: Pipeline) -> None:
    record = communique.code("Ugandan troops were involved in the shelling of Kenyan villages.",
                             published="2024-12-09", pipeline=pipeline)
    shelling = [e for e in record.events if e.plover.type == "ASSAULT"]
    assert shelling and shelling[0].source.country == "UGA"
    assert shelling[0].target is not None and shelling[0].target.country == "KEN"


def test_participle_on_a_subject_names_its_doer(pipeline: Pipeline) -> None:
    record = communique.code("Ugandan troops firing on the crowd killed two people.",
                             published="2024-12-09", pipeline=pipeline)
    firing = [e for e in record.events if e.trigger.text == "firing"]
    assert firing and firing[0].source.country == "UGA"

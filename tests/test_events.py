"""The events stage on invented sentences, with actors set by hand (the actors stage's job)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from communique.document import Document
from communique.models import Actor, DateExpression, Mention, Place, Quote, Sentence, Speaker
from communique.stages.events import EventsStage
from communique.stages.nlp import PINNED_MODEL, load_model

# name -> (country, sector, kind, surface forms)
ACTORS: dict[str, tuple[str, str | None, str, list[str]]] = {
    "Moldova": ("MDA", None, "country", ["Moldova"]),
    "Romania": ("ROU", None, "country", ["Romania"]),
    "Armenia": ("ARM", None, "country", ["Armenia"]),
    "Azerbaijan": ("AZE", None, "country", ["Azerbaijan"]),
    "Senator Jones": ("USA", "LEG", "person", ["Senator Jones", "Jones"]),
    "Ivan Petrov": ("RUS", "GOV", "person", ["Ivan Petrov", "Petrov"]),
    "Poland": ("POL", None, "country", ["Poland"]),
    "Chad": ("TCD", None, "country", ["Chad"]),
    "Sudan": ("SDN", None, "country", ["Sudan"]),
    "Kenya": ("KEN", None, "country", ["Kenya"]),
    "Uganda": ("UGA", None, "country", ["Uganda"]),
    "Somalia": ("SOM", None, "country", ["Somalia"]),
    "Egypt": ("EGY", None, "country", ["Egypt"]),
    "Israel": ("ISR", None, "country", ["Israel"]),
    "Peru": ("PER", None, "country", ["Peru"]),
    "Chile": ("CHL", None, "country", ["Chile"]),
    "Ghana": ("GHA", None, "country", ["Ghana"]),
    "Togo": ("TGO", None, "country", ["Togo"]),
}


def code_text(text: str, published: str = "2024-12-09",
              actors: dict[str, tuple[str, str | None, str, list[str]]] | None = None,
              **extra: list) -> Document:
    """The events stage alone on a text whose actors are given (ACTORS, or `actors`)."""
    nlp = load_model(PINNED_MODEL)
    doc = Document(id="t", text=text, published=dt.date.fromisoformat(published))
    doc.spacy = nlp(text)
    doc.sentences = [Sentence(start=s.start_char, end=s.end_char) for s in doc.spacy.sents]
    for name, (country, sector, kind, forms) in (ACTORS if actors is None else actors).items():
        pattern = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        spans = [m.span() for m in re.finditer(rf"\b(?:{pattern})\b", text)]
        if spans:
            doc.actors.append(Actor(
                id=f"a{len(doc.actors) + 1}", name=name, code=country + (sector or ""),
                country=country, sector=sector, kind=kind,  # type: ignore[arg-type]
                mentions=[Mention(start=s, end=e, text=text[s:e]) for s, e in spans]))
    doc.dates = extra.get("dates", [])
    doc.places = extra.get("places", [])
    doc.quotes = extra.get("quotes", [])
    return EventsStage()(doc)


def dyads(text: str, actors: dict[str, tuple[str, str | None, str, list[str]]],
          plover: bool = False) -> list[tuple[str, str | None, str | None]]:
    """(CAMEO code, or PLOVER type with `plover`, source country, target country) of each event
    the stage codes on `text` with the given actors."""
    return [(e.plover.type if plover else e.cameo, e.source.country,
             e.target.country if e.target else None)
            for e in code_text(text, actors=actors).events]


def summary(doc: Document) -> list[tuple[str, str, str | None, str]]:
    return [(e.cameo, e.source.country or "", e.target.country if e.target else None,
             e.plover.type) for e in doc.events]


def test_willingness_to_talk_is_agree_with_target() -> None:
    doc = code_text("Moldova has expressed willingness to hold talks with Romania.")
    assert summary(doc) == [("036", "MDA", "ROU", "AGREE")]
    event = doc.events[0]
    assert event.id == "e1" and event.rule == "agree.meet.willing"
    assert doc.text[event.trigger.start:event.trigger.end] == event.trigger.text
    assert event.trigger.text.startswith("willingness")
    assert event.modality == "asserted" and not event.negated
    assert event.date == "2024-12-09" and 0 < event.confidence <= 1


def test_third_party_ceasefire_call_is_request_to_the_parties() -> None:
    doc = code_text("Armenia launched airstrikes on Azerbaijan. "
                    "Senator Jones called for an immediate truce.")
    found = summary(doc)
    assert ("195", "ARM", "AZE", "ASSAULT") in found
    assert ("0256", "USA", "ARM", "REQUEST") in found
    assert ("0256", "USA", "AZE", "REQUEST") in found


def test_party_ceasefire_call_is_agree() -> None:
    doc = code_text("Armenia launched airstrikes on Azerbaijan. Azerbaijan called for a truce.")
    assert ("0356", "AZE", None, "AGREE") in summary(doc)


def test_nested_reported_rejection() -> None:
    doc = code_text("Ivan Petrov criticized Poland's refusal to take part in dialogue.")
    found = {(e.cameo, e.source.country, e.target.country if e.target else None, e.modality)
             for e in doc.events}
    assert ("111", "RUS", "POL", "asserted") in found
    assert ("125", "POL", "RUS", "reported") in found


def test_passive_agent_is_the_source() -> None:
    doc = code_text("Chad was attacked by Sudan on Friday.")
    assert [(e.source.country, e.target.country if e.target else None) for e in doc.events] == [
        ("SDN", "TCD")]
    assert doc.events[0].plover.type == "ASSAULT"


def test_coordinated_sources_give_one_event_per_dyad() -> None:
    doc = code_text("Kenya and Uganda condemned Somalia.")
    assert sorted(summary(doc)) == [("111", "KEN", "SOM", "ACCUSE"),
                                    ("111", "UGA", "SOM", "ACCUSE")]


def test_negation() -> None:
    doc = code_text("Egypt did not attack Israel.")
    assert doc.events and all(e.negated for e in doc.events)
    assert doc.events[0].source.country == "EGY"


def test_negated_intent_is_a_rejection() -> None:
    doc = code_text("Egypt did not agree to meet Israel.")
    assert [(e.cameo, e.plover.type, e.negated) for e in doc.events] == [("125", "REJECT", False)]
    assert doc.events[0].source.country == "EGY"


@pytest.mark.parametrize(
    ("text", "code", "plover", "modality"),
    [
        ("Peru will impose sanctions on Chile.", "1312", "THREATEN", "asserted"),
        ("Peru could impose sanctions on Chile.", "163", "SANCTION", "hypothetical"),
        ("Peru should impose sanctions on Chile.", "163", "SANCTION", "demanded"),
        ("Peru plans to impose sanctions on Chile.", "1312", "THREATEN", "asserted"),
        ("Peru imposed sanctions on Chile.", "163", "SANCTION", "asserted"),
        ("Peru will impose sanctions on Chile if the talks fail.", "1312", "THREATEN", "asserted"),
    ],
)
def test_modality(text: str, code: str, plover: str, modality: str) -> None:
    """An announced hostile act is CAMEO's threat (13x); an observer's 'could' stays as it is."""
    doc = code_text(text)
    assert summary(doc) == [(code, "PER", "CHL", plover)]
    assert doc.events[0].modality == modality


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peru refused to release the prisoners.", ("1243", "REJECT")),
        ("Peru declined to hold talks with Chile.", ("125", "REJECT")),
        ("Peru threatened to impose sanctions on Chile.", ("1312", "THREATEN")),
        ("Peru urged Chile to withdraw its troops.", ("0256", "REQUEST")),
        ("Peru ordered Chile to release the prisoners.", ("1053", "REQUEST")),
        ("Peru and Chile failed to reach an agreement.", ("120", "REJECT")),
    ],
)
def test_what_is_done_with_an_act_decides_its_code(text: str, expected: tuple[str, str]) -> None:
    """Refused, threatened or requested acts did not happen: one event, coded by the verb."""
    doc = code_text(text)
    assert expected in [(e.cameo, e.plover.type) for e in doc.events]
    assert all(e.modality != "demanded" for e in doc.events)


def test_reciprocal_meeting_is_one_consult() -> None:
    doc = code_text("Ghana and Togo met in Accra.")
    assert summary(doc) == [("040", "GHA", "TGO", "CONSULT")]


def test_date_place_quote_and_history() -> None:
    text = "In 2015, Sudan attacked Chad in Abeche. Jones said: \"Kenya condemned Somalia.\""
    year = text.index("2015")
    town = text.index("Abeche")
    inner = text.index("Kenya")
    doc = code_text(
        text,
        dates=[DateExpression(start=year, end=year + 4, text="2015", value="2015",
                              granularity="year", type="DATE")],
        places=[Place(id="p1", start=town, end=town + 6, text="Abeche", name="Abeche",
                      country="TCD", lat=13.8, lon=20.8, geonames_id=None, feature="city")],
        quotes=[Quote(id="q1", kind="direct", start=inner, end=len(text) - 1,
                      text=text[inner:len(text) - 1], cue=None,
                      speaker=Speaker(actor=None, name="Jones", start=0, end=0))],
    )
    attack = next(e for e in doc.events if e.cameo.startswith("18"))
    assert (attack.date, attack.historical, attack.place) == ("2015", True, "p1")
    condemn = next(e for e in doc.events if e.cameo == "111")
    assert condemn.quote == "q1" and condemn.date == "2024-12-09" and not condemn.historical


def test_no_source_no_event_and_statements_are_not_events() -> None:
    assert code_text("Talks were held in the capital.").events == []
    assert code_text("Moldova declined to comment.").events == []


def test_no_parse_warns() -> None:
    doc = Document(id="x", text="Hello.")
    EventsStage()(doc)
    assert doc.events == [] and doc.warnings


def test_demand_targets_the_subject_of_the_demanded_clause() -> None:
    doc = code_text("Peru demanded that Chile withdraw its troops from the border.")
    assert ("1056", "PER", "CHL", "REQUEST") in summary(doc)


def test_reported_obligation_is_the_speakers_request() -> None:
    doc = code_text("Chile must withdraw its troops from the border, Peru said.")
    found = summary(doc)
    assert found == [("1056", "PER", "CHL", "REQUEST")]  # the withdrawal asked for: no event


def test_announced_cooperation_is_agree() -> None:
    doc = code_text("Peru will send humanitarian aid to Chile.")
    assert summary(doc) == [("033", "PER", "CHL", "AGREE")]


def test_condition_set_by_another_party_is_a_demand() -> None:
    """'Peace is possible if Chile resumed talks, Peru said': Peru demands talks of Chile."""
    doc = code_text("Peace would be possible if Chile resumed negotiations, Peru said.")
    assert ("106", "PER", "CHL", "REQUEST") in summary(doc)
    assert all(e.plover.type != "CONSULT" for e in doc.events)


def test_unnamed_doer_of_violence_is_kept_with_null_actor() -> None:
    """Agentless violence is an event with `source.actor: null` (CONTRACT.md)."""
    doc = code_text("A reporter was killed in a bomb blast in the capital on Monday.")
    kills = [e for e in doc.events if e.plover.type == "ASSAULT"]
    assert kills and all(e.source.actor is None and e.source.country is None for e in kills)


def test_unnamed_subject_noun_gives_its_sector() -> None:
    doc = code_text("Gunmen abducted three engineers near the border on Sunday.")
    abductions = [e for e in doc.events if e.cameo == "181"]
    assert abductions and abductions[0].source.sector == "REB"
    assert abductions[0].source.country is None


def test_no_unnamed_doer_for_statements_or_speculation() -> None:
    """An agentless 'was told' and a hypothetical unnamed attack are not events."""
    doc = code_text("The committee was told that the town could be attacked soon.")
    assert doc.events == []


@pytest.mark.parametrize(("text", "code"), [
    ("Kenya's peacekeeping troops arrived in Somalia on Monday.", "074"),
    ("Two battalions of Sudan's army landed in Chad overnight.", "154"),
    ("The president of Kenya arrived in Uganda on Monday.", "042"),
])
def test_what_arrives_decides_visit_or_deployment(text: str, code: str) -> None:
    assert [e.cameo for e in code_text(text).events] == [code]


@pytest.mark.parametrize(("text", "code"), [
    ("Egypt accepted the demands of the striking dockers.", "083"),
    ("Egypt ruled out any talks with Israel.", "125"),
    ("Kenya's police opened fire on the crowd.", "193"),
    ("Israel dispatched investigators to Egypt.", "090"),
])
def test_codebook_phrasings_beyond_single_verbs(text: str, code: str) -> None:
    assert code in [e.cameo for e in code_text(text).events]


def test_scene_noun_does_not_take_the_main_subject_as_doer() -> None:
    """'during the fighting against Sudan' sets the scene: Kenya did not fight; but whoever
    acts during a meeting with someone took part in it."""
    doc = code_text("Kenya condemned the killings during the battle against Sudan.")
    assert not [e for e in doc.events if e.plover.type == "ASSAULT" and e.source.country == "KEN"]
    doc = code_text("Peru called for a truce during a meeting with Chile.")
    assert ("040", "PER", "CHL", "CONSULT") in summary(doc)


def test_tell_is_an_order_only_with_an_infinitive(pipeline) -> None:  # type: ignore[no-untyped-def]
    import communique

    said = communique.code(
        '"We will keep the border open," Ghanaian President John Mahama told reporters in Accra.',
        published="2025-03-04", pipeline=pipeline)
    assert not [e for e in said.events if e.cameo.startswith("10")]
    ordered = communique.code(
        "Ghana's president told the army to stop the shelling of the border villages.",
        published="2025-03-04", pipeline=pipeline)
    assert any(e.cameo == "100" and e.trigger.text == "told" for e in ordered.events)

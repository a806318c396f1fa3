"""General mechanisms of the events stage on invented sentences: light and support verbs,
receivers of an act, purpose clauses, the modality of controlling verbs, nominal arguments."""

from __future__ import annotations

import pytest

import communique
import tests.test_events as base
from communique.document import Document
from communique.models import ArticleRecord
from communique.pipeline import Pipeline

ACTORS = {
    **base.ACTORS,
    "Kenya": ("KEN", None, "country", ["Kenya", "Kenyan"]),
    "Uganda": ("UGA", None, "country", ["Uganda", "Ugandan"]),
}


def code(text: str) -> Document:
    return base.code_text(text, actors=ACTORS)


def pipeline_record(pipeline: Pipeline, text: str) -> ArticleRecord:
    """A text coded by the whole pipeline (places and all), not the events stage alone."""
    return communique.code(text, published="2025-02-03", pipeline=pipeline)


def events(text: str) -> list[tuple[str, str | None, str | None, str]]:
    """(PLOVER type, source country, target country, modality) of each event."""
    return [(e.plover.type, e.source.country, e.target.country if e.target else None,
             e.modality) for e in code(text).events]


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya issued a warning to Uganda on Monday.", ("THREATEN", "KEN", "UGA")),
    ("Kenya gave strong support to Uganda.", ("SUPPORT", "KEN", "UGA")),
    ("Kenya gave a warm welcome to the president of Uganda.", ("CONSULT", "KEN", "UGA")),
    ("Kenya paid a visit to Uganda.", ("CONSULT", "KEN", "UGA")),
    ("Kenya held talks with Uganda.", ("CONSULT", "KEN", "UGA")),
    ("Kenya launched an attack on Uganda.", ("ASSAULT", "KEN", "UGA")),
    ("Kenya lodged a protest with Uganda over the border incident.", ("ACCUSE", "KEN", "UGA")),
])
def test_light_verb_carries_the_event_noun(text: str, expected: tuple[str, str, str]) -> None:
    assert [e[:3] for e in events(text)] == [expected]


def test_give_to_is_no_concession_but_give_in_is() -> None:
    assert events("Kenya gave in to Uganda.")[0][0] == "CONCEDE"
    assert "CONCEDE" not in {e[0] for e in events("Kenya gave support to Uganda.")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya received a warning from Uganda.", ("THREATEN", "UGA", "KEN")),
    ("Kenya faced sharp criticism from Uganda.", ("ACCUSE", "UGA", "KEN")),
    ("Kenya came under attack from Uganda.", ("ASSAULT", "UGA", "KEN")),
])
def test_receiver_verb_turns_the_roles_round(text: str, expected: tuple[str, str, str]) -> None:
    assert [e[:3] for e in events(text)] == [expected]


def test_support_noun_hands_its_subject_to_the_act() -> None:
    assert events("Kenya took steps to ease restrictions on Uganda.")[0][:2] == ("CONCEDE", "KEN")


def test_purpose_of_an_announced_act_is_part_of_the_offer() -> None:
    found = events("Kenya is willing to send arms to help defend Uganda if it is attacked.")
    assert {e[0] for e in found} == {"AGREE"}
    assert "AID" not in {e[0] for e in found}


def test_purpose_of_a_coded_act_is_not_another_event() -> None:
    assert [e[0] for e in events("Kenya demanded a meeting of the council to discuss the "
                                 "crisis.")] == ["REQUEST"]
    found = events("Kenya will move its army in order to attack Uganda.")
    assert [e[0] for e in found] == ["THREATEN"]


def test_uncoded_act_lends_its_modality_to_its_purpose() -> None:
    assert events("Kenya will send lorries to help Uganda.") == [("AGREE", "KEN", "UGA",
                                                                  "asserted")]


def test_controlling_verb_carries_negation_and_modal() -> None:
    doc = code("Kenya did not try to attack Uganda.")
    assert doc.events[0].negated
    assert events("Kenya could try to attack Uganda.")[0][3] == "hypothetical"
    assert events("Kenya will try to attack Uganda.")[0][0] == "THREATEN"
    assert events("Kenya will attack Uganda unless Somalia withdraws.")[0][:3] == (
        "THREATEN", "KEN", "UGA")


@pytest.mark.parametrize(("text", "expected"), [
    ("The deployment of Kenyan troops to the border alarmed Somalia.", ("MOBILIZE", "KEN")),
    ("The withdrawal of Kenyan troops from Somalia began.", ("RETREAT", "KEN")),
    ("Uganda's attack on Kenya killed ten soldiers.", ("ASSAULT", "UGA")),
    ("An attack by Uganda on Kenya killed ten soldiers.", ("ASSAULT", "UGA")),
])
def test_nominal_arguments(text: str, expected: tuple[str, str]) -> None:
    assert expected in {e[:2] for e in events(text)}


def test_attack_noun_target_and_talks_between() -> None:
    assert ("ASSAULT", "UGA", "KEN") in {e[:3] for e in events("Uganda's attack on Kenya "
                                                               "killed ten soldiers.")}
    assert [e[:3] for e in events("Talks between Kenya and Uganda resumed.")] == [
        ("CONSULT", "KEN", "UGA")]


def test_speech_noun_carried_by_a_verb_reports_an_obligation() -> None:
    assert events("Kenya issued a reminder to Uganda that Somalia must withdraw its troops.") == [
        ("REQUEST", "KEN", "SOM", "asserted")]


@pytest.mark.parametrize("sentence", [
    "Iran denied sending weapons to Russia on Monday.",
    "The ministry denied that its troops had attacked civilians in the region.",
    "Azerbaijan denied the charge that it had shelled Armenian villages.",
])
def test_a_denied_act_is_negated(pipeline, sentence: str) -> None:  # type: ignore[no-untyped-def]
    record = pipeline_record(pipeline, sentence)
    acts = [e for e in record.events if e.cameo[:2] in {"07", "18", "19"}]
    assert acts and all(e.negated for e in acts), [(e.cameo, e.negated) for e in record.events]


@pytest.mark.parametrize(("text", "expected"), [
    # a that-clause reporting a done act is its own event, not the complement of the verb above
    ("Kenyan teachers announced on Friday that they had called off their strike.",
     [("CONCEDE", "KEN", None)]),
    # a modal or subjunctive clause stays the content of the verb above it
    ("Kenya warned that it would impose sanctions on Uganda.", [("THREATEN", "KEN", "UGA")]),
])
def test_realised_that_clause_is_its_own_event(text: str, expected: list[tuple]) -> None:
    assert [e[:3] for e in events(text)] == expected


def test_bare_strike_is_labour_and_air_strikes_are_military() -> None:
    assert [e[0] for e in events("Kenyan dockers called off their strike.")] == ["CONCEDE"]
    assert "RETREAT" in [e[0] for e in events("Kenya called off air strikes on Uganda.")]


@pytest.mark.parametrize(("text", "country"), [
    ("Thousands of demonstrators marched through Nairobi on Sunday to demand new elections.",
     "KEN"),
    ("Hundreds of people protested in Kampala against the new tax.", "UGA"),
])
def test_protesters_are_people_of_the_place_they_protest(  # type: ignore[no-untyped-def]
        pipeline, text: str, country: str) -> None:
    record = pipeline_record(pipeline, text)
    protests = [e for e in record.events if e.plover.type == "PROTEST"]
    assert protests and protests[0].source.country == country


def test_the_protest_scene_never_overrides_a_named_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    record = pipeline_record(pipeline, "Kenyan students rallied in Kampala against the fees.")
    protests = [e for e in record.events if e.plover.type == "PROTEST"]
    assert protests and protests[0].source.country == "KEN"


def test_coordinated_modifiers_both_take_part() -> None:
    [event] = code("Kenyan and Ugandan officials negotiated late into the night.").events
    assert event.plover.type == "CONSULT"
    assert {event.source.country, event.target.country if event.target else None} == {"KEN", "UGA"}


@pytest.mark.parametrize("text", [
    "Kenya condemned the vote, calling the step a grave breach of the accord.",
    "Uganda thanked Kenya for the loan, calling it a generous gesture.",
])
def test_a_naming_verb_with_a_predicate_noun_is_no_appeal(text: str) -> None:
    assert "REQUEST" not in [e[0] for e in events(text)]


def test_a_call_on_someone_is_still_an_appeal() -> None:
    assert [e[:3] for e in events("Kenya called on Uganda to withdraw its troops.")] == [
        ("REQUEST", "KEN", "UGA")]


@pytest.mark.parametrize(("text", "threat"), [
    ("Kenyan officials warned that prices could rise sharply next month.", False),
    ("Kenya warned that sanctions on Uganda would follow.", True),
    ("Kenya warned that it would retaliate against Uganda.", True),
])
def test_a_warning_about_things_is_no_threat(text: str, threat: bool) -> None:
    assert ("THREATEN" in [e[0] for e in events(text)]) is threat


def test_words_of_an_unnamed_speaker_are_no_event() -> None:
    assert events("The novel won the prize, with readers praising its humour.") == []


def test_domestic_groups_belong_to_the_country_of_the_violence(pipeline) -> None:  # type: ignore[no-untyped-def]
    record = pipeline_record(pipeline, "Rebel fighters clashed with police in Kampala on Friday.")
    [fight] = [e for e in record.events if e.plover.type == "ASSAULT"]
    assert (fight.source.code, fight.target.code if fight.target else None) == (
        "UGAREB", "UGACOP")


def test_talks_abroad_give_no_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    record = pipeline_record(pipeline,
                             "Kenya mediated talks in Kampala between the two rebel groups.")
    assert all(e.target is None or e.target.country != "UGA" for e in record.events)


def test_people_with_no_code_take_the_body_they_come_from(pipeline) -> None:  # type: ignore[no-untyped-def]
    record = pipeline_record(pipeline,
                             "Doctors from two Kenyan charities donated medicine to a clinic.")
    aid = [e for e in record.events if e.plover.type == "AID"]
    assert aid and aid[0].source.country == "KEN"


def test_people_named_by_their_act_are_its_doers(pipeline) -> None:  # type: ignore[no-untyped-def]
    record = pipeline_record(pipeline, "Rioters set fire to shops in Kampala for a third night.")
    riots = [e for e in record.events if e.plover.type == "PROTEST"]
    assert riots and riots[0].source.code == "UGACVL"
    dispersal = pipeline_record(pipeline, "Kenyan police dispersed the protesters with tear gas.")
    assert "PROTEST" not in [e.plover.type for e in dispersal.events]


@pytest.mark.parametrize("text", [
    "Kenyan prisoners have been on hunger strike since March.",
    "Kenyan teachers went on strike on Monday.",
])
def test_people_on_strike_strike(text: str) -> None:
    assert [e[:2] for e in events(text)][:1] == [("PROTEST", "KEN")]


@pytest.mark.parametrize("text", [
    "Kenyan rebels executed around 200 captured Ugandan soldiers near Kisumu.",
    "Kenyan rebels executed around 200 captured Ugandan soldiers near Kisumu in a mass "
    "shooting, burying them in graves, witnesses said.",
])
def test_a_main_verb_read_as_a_participle_keeps_its_doer(text: str) -> None:
    # the parser reads "Kenyan rebels executed ..." as a noun with a participle; the object
    # shows the participle is active
    assert [e[:3] for e in events(text)][:1] == [("ASSAULT", "KEN", "UGA")]


@pytest.mark.parametrize(("text", "ptype"), [
    ("An attempt on the life of the Kenyan president was foiled on Monday.", "ASSAULT"),
    ("Zorgamba killed twenty Kenyan villagers near the border.", "ASSAULT"),
    ("Gunmen launched an attack on a Kenyan police post overnight.", "ASSAULT"),
])
def test_acts_whose_doer_the_text_leaves_unnamed(text: str, ptype: str) -> None:
    found = [e for e in code(text).events if e.plover.type == ptype]
    assert found and found[0].source.actor is None


@pytest.mark.parametrize("text", [
    "The Zorgambas fought back from a fifteen-point deficit to win.",
    "Zorgamba criticized the decision on Monday.",
])
def test_an_unknown_name_counts_only_for_a_material_act_on_someone(text: str) -> None:
    assert events(text) == []


def test_a_to_clause_hung_loose_after_a_date_is_the_verbs_complement() -> None:
    # the parser attaches "to reopen" to "pressed" as an adverbial clause after "on Monday"
    assert [e[:3] for e in events("Kenya pressed Uganda on Monday to reopen the border.")] == [
        ("REQUEST", "KEN", "UGA")]


def test_according_to_is_no_accord() -> None:
    doc = code("According to diplomats, Kenya is pushing hard for a new road to Uganda.")
    assert "027" not in [e.cameo for e in doc.events]  # no call for a settlement ("accord")


def test_a_participle_on_a_noun_is_not_the_main_verbs_act() -> None:
    found = events("Kenya returned three Ugandan boats seized near the lake last year.")
    assert ("COERCE", "KEN") not in [e[:2] for e in found]


def test_a_deployment_to_help_is_protection() -> None:
    found = events("Kenyan soldiers deployed to Uganda on Friday to help secure the oil fields.")
    assert [e[:3] for e in found] == [("AID", "KEN", "UGA")]
    assert code("Kenyan soldiers deployed to Uganda on Friday to help secure the oil "
                "fields.").events[0].cameo == "074"


def test_a_date_after_a_preposition_is_no_argument() -> None:
    # "called ... on Monday" is not "called on" someone to do something
    found = events("Kenya called the Ugandan president on Monday to discuss the border.")
    assert "REQUEST" not in [e[0] for e in found] and "SANCTION" not in [e[0] for e in found]


def test_a_second_verb_shares_the_first_ones_modality() -> None:
    found = events("Kenya urged Uganda on Friday to halt its offensive and pull its troops back.")
    assert all(e[3] == "demanded" or e[0] == "REQUEST" for e in found), found


def test_the_owner_of_a_decision_does_what_it_decides() -> None:
    found = events("Uganda's move to expel Kenyan diplomats drew criticism.")
    assert [e[:3] for e in found][:1] == [("SANCTION", "UGA", "KEN")]


@pytest.mark.parametrize(("text", "fires"), [
    ("Kenyan troops fired on Ugandan soldiers near the border.", True),
    ("Kenyan troops fired shots at Ugandan soldiers.", True),
    ("The Kenyan minister was fired last week.", False),
    ("Kenyan reporters fired questions at the Ugandan envoy.", False),
])
def test_fire_shoots_only_at_someone_or_with_shots(text: str, fires: bool) -> None:
    assert ("ASSAULT" in [e[0] for e in events(text)]) is fires


def test_of_is_transparent_to_the_complement_search() -> None:
    # "negotiations" is four steps below "urged" counting "of": accept, round, of
    doc = code("Kenya urged Uganda to accept a new round of negotiations.")
    assert [e.rule for e in doc.events][:1] == ["appeal.negotiate.call"]

"""The places stage on invented sentences: toponyms as locations, actors left out, context."""

from __future__ import annotations

import pytest

from communique.document import Document
from communique.models import Place
from communique.stages.geo_resolve import haversine_km
from communique.stages.nlp import NlpStage
from communique.stages.places import PlacesStage


@pytest.fixture(scope="module")
def nlp() -> NlpStage:
    return NlpStage()


@pytest.fixture(scope="module")
def stage() -> PlacesStage:
    return PlacesStage()


def places(nlp: NlpStage, stage: PlacesStage, text: str) -> list[Place]:
    doc = stage(nlp(Document(id="t", text=text)))
    for place in doc.places:
        assert doc.text[place.start:place.end] == place.text
    return doc.places


def by_text(found: list[Place], text: str) -> Place:
    matches = [p for p in found if p.text == text]
    assert matches, f"{text!r} not among {[p.text for p in found]}"
    return matches[0]


def test_city_resolved_with_coordinates_and_ids(nlp: NlpStage, stage: PlacesStage) -> None:
    found = places(nlp, stage, "Delegates from both camps met in Paris on Tuesday evening.")
    paris = by_text(found, "Paris")
    assert (paris.country, paris.feature, paris.geonames_id) == ("FRA", "city", 2988507)
    assert haversine_km(paris.lat, paris.lon, 48.8534, 2.3488) < 5  # type: ignore[arg-type]
    assert paris.id == "p1"


def test_subject_of_speech_verb_is_an_actor_not_a_place(nlp: NlpStage,
                                                        stage: PlacesStage) -> None:
    assert places(nlp, stage, "Russia said on Friday that it would answer the proposal.") == []
    found = places(nlp, stage, "Heavy fighting was reported in Russia on Friday.")
    assert by_text(found, "Russia").country == "RUS"


def test_contested_territory_found_even_when_ner_misses_it(nlp: NlpStage,
                                                           stage: PlacesStage) -> None:
    found = places(nlp, stage, "The annexation of Crimea was condemned by many governments.")
    crimea = by_text(found, "Crimea")
    assert (crimea.country, crimea.feature) == ("UKR", "region")


def test_demonyms_and_affiliations_are_not_places(nlp: NlpStage, stage: PlacesStage) -> None:
    found = places(nlp, stage, "French officials welcomed the U.S. President at the airport.")
    assert found == []


def test_container_picks_the_right_namesake(nlp: NlpStage, stage: PlacesStage) -> None:
    found = places(nlp, stage, "The fair opened in Paris, Texas, on a windy Saturday.")
    paris = by_text(found, "Paris")
    assert paris.country == "USA"
    assert haversine_km(paris.lat, paris.lon, 33.66, -95.55) < 50  # type: ignore[arg-type]


def test_state_abbreviation_after_a_town_is_a_place(nlp: NlpStage, stage: PlacesStage) -> None:
    found = places(nlp, stage, "The plant near Springfield, Ill., will close next year.")
    assert by_text(found, "Ill.").name == "Illinois"
    springfield = by_text(found, "Springfield")
    assert haversine_km(springfield.lat, springfield.lon, 39.80, -89.64) < 50  # type: ignore[arg-type]


def test_article_context_decides_between_country_and_us_state(nlp: NlpStage,
                                                              stage: PlacesStage) -> None:
    caucasus = places(nlp, stage, "Protesters filled the streets of Tbilisi. Across Georgia, "
                      "shops closed early.")
    assert by_text(caucasus, "Georgia").country == "GEO"
    southern = places(nlp, stage, "Storms hit Atlanta and Savannah overnight. Across Georgia, "
                      "schools closed early.")
    assert by_text(southern, "Georgia").country == "USA"


def test_unknown_street_is_placed_at_the_main_city_with_a_warning(nlp: NlpStage,
                                                                  stage: PlacesStage) -> None:
    doc = stage(nlp(Document(id="t", text=(
        "Police closed Quimby Street in Boston after the fire. Boston officials said "
        "the street would reopen on Monday."))))
    street = by_text(doc.places, "Quimby Street")
    assert (street.feature, street.geonames_id) == ("other", None)
    assert any("main city" in w for w in doc.warnings)


def test_no_parse_warns_and_finds_nothing(stage: PlacesStage) -> None:
    doc = stage(Document(id="t", text="Nothing parsed here."))
    assert doc.places == [] and doc.warnings


def test_a_capital_coded_as_its_government_is_still_a_place(nlp: NlpStage,
                                                             stage: PlacesStage) -> None:
    found = places(nlp, stage, "The new night train runs from Vienna to Amsterdam twice a week.")
    assert by_text(found, "Amsterdam").country == "NLD"
    assert by_text(found, "Vienna").country == "AUT"


def test_dateline_in_capitals_is_a_place_not_an_actor(nlp: NlpStage, stage: PlacesStage) -> None:
    found = places(nlp, stage, "NAIROBI (Reuters) - Farmers said the rains came late this year.")
    assert by_text(found, "NAIROBI").country == "KEN"


def test_owner_of_a_thing_is_a_place_owner_of_an_act_is_an_actor(nlp: NlpStage,
                                                                 stage: PlacesStage) -> None:
    assert places(nlp, stage, "Chile's refusal angered the delegates.") == []
    found = places(nlp, stage, "Most of Chile's copper mines are in the north.")
    assert by_text(found, "Chile").country == "CHL"


def test_list_after_a_colon_is_a_list_of_places(nlp: NlpStage, stage: PlacesStage) -> None:
    found = places(nlp, stage, "The tour will stop in four countries this summer: Norway, "
                   "Finland, Estonia and Latvia.")
    assert {"Norway", "Finland", "Estonia", "Latvia"} <= {p.text for p in found}


def test_ocean_with_the_beats_a_town_of_that_name(nlp: NlpStage, stage: PlacesStage) -> None:
    found = places(nlp, stage, "The storm formed over the Pacific and moved toward Mexico.")
    pacific = by_text(found, "Pacific")
    assert (pacific.country, pacific.feature) == (None, "other")


def test_a_place_inside_an_actor_mention_still_locates(pipeline) -> None:  # type: ignore[no-untyped-def]
    from communique.document import Document as Doc

    record = pipeline.code(Doc(id="t", text="The police in Sweden and the authorities in Tunis "
                                            "opened an inquiry with a Berlin-based charity."))
    found = {p.text: p.country for p in record.places}
    assert found.get("Sweden") == "SWE" and found.get("Tunis") == "TUN"
    assert found.get("Berlin") == "DEU"


def test_capitalized_dateline_before_a_capital_word_is_a_place(nlp: NlpStage,
                                                               stage: PlacesStage) -> None:
    found = places(nlp, stage, "OKLAHOMA CITY The nurses marched for a third day on Monday.")
    assert by_text(found, "OKLAHOMA CITY").country == "USA"


def test_a_national_capital_outweighs_a_namesake_in_another_capitals_country(
        nlp: NlpStage, stage: PlacesStage) -> None:
    found = places(nlp, stage, "Envoys in London and Washington said the embargo would stay.")
    assert by_text(found, "Washington").country == "USA"
    assert by_text(found, "London").country == "GBR"


def test_the_object_of_a_political_act_is_an_actor_not_a_place(
        nlp: NlpStage, stage: PlacesStage) -> None:
    found = places(nlp, stage, "Chile accused Peru of spying and urged Bolivia to stay out.")
    assert [p.text for p in found] == []
    found = places(nlp, stage, "The foreign minister visited Peru and then called on Bolivia.")
    assert [p.text for p in found] == ["Peru"]


def test_a_name_taking_a_stance_is_an_actor_a_name_described_is_a_place(
    nlp: NlpStage, stage: PlacesStage
) -> None:
    found = {p.text for p in places(
        nlp, stage, "Norway is ready to host a new round. Chile is long and narrow.")}
    assert "Norway" not in found
    assert "Chile" in found


def test_a_cleft_focus_is_an_actor(nlp: NlpStage, stage: PlacesStage) -> None:
    found = {p.text for p in places(
        nlp, stage, "It was Peru that walked away from the table in Geneva.")}
    assert found == {"Geneva"}


def test_examples_of_a_group_of_states_are_actors_unless_the_group_locates(
    nlp: NlpStage, stage: PlacesStage
) -> None:
    found = {p.text for p in places(
        nlp, stage, "The envoy thanked mediators such as Oman and Kuwait for their patience.")}
    assert not found & {"Oman", "Kuwait"}
    found = {p.text for p in places(
        nlp, stage, "Prices rose fastest in countries such as Portugal and Greece.")}
    assert {"Portugal", "Greece"} <= found


def test_a_name_that_locates_an_actor_inside_its_mention_stays_a_place(pipeline) -> None:  # type: ignore[no-untyped-def]
    record = pipeline.code(Document(id="t", text=(
        "A Chicago court fined the firm. Rebels shelled the army stronghold of Homs overnight.")))
    assert {"Chicago", "Homs"} <= {p.text for p in record.places}

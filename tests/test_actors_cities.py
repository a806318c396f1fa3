"""Major cities as actors (invented sentences): a city acted on codes as its country, a city's
sector nouns as that country's; a city that only says where, and datelines, stay places."""

from __future__ import annotations

import pytest

from communique.document import Document
from communique.models import ArticleRecord
from communique.pipeline import Pipeline
from communique.stages.actor_cities import city_country


def _code(pipeline: Pipeline, text: str) -> ArticleRecord:
    record = pipeline.code(Document(id="t", text=text))
    assert record.status == "ok", record.error
    return record


def _parties(record: ArticleRecord) -> dict[str, tuple[str | None, str | None]]:
    return {m.text: (a.country, a.sector) for a in record.actors for m in a.mentions}


def test_city_country_needs_a_major_unambiguous_city() -> None:
    assert city_country("Mosul") == "IRQ"
    assert city_country("Calgary") == "CAN"
    assert city_country("Valencia") is None  # the Spanish and the Venezuelan city
    assert city_country("Kidal") is None  # under 100,000 people


@pytest.mark.parametrize(("text", "mention", "party"), [
    ("Rebels fired rockets into Kabul on Monday.", "Kabul", ("AFG", None)),
    ("Government troops shelled Mosul overnight.", "Mosul", ("IRQ", None)),
    ("Militia columns marched on Benghazi at dawn.", "Benghazi", ("LBY", None)),
    ("Artillery pounded the northern city of Mosul.", "Mosul", ("IRQ", None)),
    ("Troops attacked the port city Basra.", "Basra", ("IRQ", None)),
    ("Basra police arrested two smugglers.", "Basra police", ("IRQ", "COP")),
    ("A missionary from Calgary was detained at the border.", "missionary from Calgary",
     ("CAN", "REL")),
    # the scene of an act of force with no other target: the place's state is its target
    ("A bomb exploded near Basra, the army said.", "Basra", ("IRQ", None)),
    ("Heavy fighting raged in Kabul overnight.", "Kabul", ("AFG", None)),
])
def test_city_as_party(pipeline: Pipeline, text: str, mention: str,
                       party: tuple[str | None, str | None]) -> None:
    assert _parties(_code(pipeline, text)).get(mention) == party


@pytest.mark.parametrize(("text", "city"), [
    ("The ministers met in Mosul on Tuesday.", "Mosul"),         # where, not who
    ("Talks on the dam resumed in Basra, the ministry said.", "Basra"),
    ("The delegation flew into Kabul on Sunday.", "Kabul"),      # a trip
    ("The convoy reached Mosul after dark.", "Mosul"),
    ("The president spoke at Benghazi university.", "Benghazi"),
    ("MOSUL, Iraq - Shops reopened on Monday.", "MOSUL"),        # a dateline
])
def test_city_as_place_only(pipeline: Pipeline, text: str, city: str) -> None:
    assert city not in _parties(_code(pipeline, text))


@pytest.mark.parametrize(("text", "seats", "places"), [
    ("Talks between Nairobi and Kampala resumed on Monday.", {"Nairobi", "Kampala"}, set()),
    ("The road between Nairobi and Kampala was closed.", set(), {"Nairobi", "Kampala"}),
])
def test_between_locates_only_on_a_way(pipeline: Pipeline, text: str, seats: set[str],
                                       places: set[str]) -> None:
    record = _code(pipeline, text)
    assert seats <= set(_parties(record))  # the governments talk (the places stage may also
    assert places <= {p.name for p in record.places}  # keep the names, which it decides)
    assert not places & set(_parties(record))

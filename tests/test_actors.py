"""The actors stage on invented news sentences: codes, dated roles, context roles, coreference."""

from __future__ import annotations

import pytest

from communique.document import Document
from communique.models import Actor, ArticleRecord
from communique.pipeline import Pipeline
from tests.conftest import assert_valid_record


def run(pipeline: Pipeline, text: str, published: str = "2024-12-09") -> ArticleRecord:
    import datetime as dt

    record = pipeline.code(Document(id="t", text=text, published=dt.date.fromisoformat(published)))
    assert record.status == "ok", record.error
    assert_valid_record(record)
    return record


def actor(record: ArticleRecord, mention: str) -> Actor:
    for a in record.actors:
        if any(m.text == mention for m in a.mentions):
            return a
    raise AssertionError(f"no actor with mention {mention!r}: {[a.name for a in record.actors]}")


def test_trump_codes_by_article_date(pipeline: Pipeline) -> None:
    text = "Donald Trump said on Tuesday that tariffs would rise."
    assert actor(run(pipeline, text, "2024-12-10"), "Donald Trump").code == "USAELI"
    assert actor(run(pipeline, text, "2025-03-01"), "Donald Trump").code == "USAGOV"
    biden = "Joe Biden met farmers in Iowa."
    assert actor(run(pipeline, biden, "2024-12-10"), "Joe Biden").code == "USAGOV"
    assert actor(run(pipeline, biden, "2025-03-01"), "Joe Biden").code == "USAELI"


def test_countries_seats_and_collectives(pipeline: Pipeline) -> None:
    rec = run(pipeline, "Norway condemned the strike. The Kremlin rejected the claim, and "
                        "Ukrainian troops moved east while the Russian leadership stayed silent.")
    norway = actor(rec, "Norway")
    assert (norway.kind, norway.code, norway.sector) == ("country", "NOR", None)
    kremlin = actor(rec, "Kremlin")
    assert (kremlin.code, kremlin.country, kremlin.sector) == ("RUSGOV", "RUS", "GOV")
    assert actor(rec, "Ukrainian troops").code == "UKRMIL"
    assert actor(rec, "Russian leadership") is kremlin  # one actor: the Russian government


def test_roles_from_context_for_unknown_people(pipeline: Pipeline) -> None:
    rec = run(pipeline, "Iranian President Farid Hosseinzadeh visited Oman. "
                        "Omar Khalidi, a senior Hamas official, denied the report.")
    iran = actor(rec, "Farid Hosseinzadeh")
    assert (iran.country, iran.sector, iran.kind) == ("IRN", "GOV", "person")
    hamas = actor(rec, "Omar Khalidi")
    assert (hamas.country, hamas.sector) == ("PSE", "REB")


def test_surnames_and_pronouns_link_to_the_person(pipeline: Pipeline) -> None:
    rec = run(pipeline, "Finance minister Lars Vindheim of Norway announced a new budget. "
                        "Vindheim said the plan was fair. He added that taxes would fall.")
    person = actor(rec, "Lars Vindheim")
    texts = [m.text for m in person.mentions]
    assert "Vindheim" in texts and "He" in texts
    assert person.country == "NOR" and person.sector == "GOV"


def test_igo_and_armed_group(pipeline: Pipeline) -> None:
    rec = run(pipeline, "NATO warned that the Houthis had fired on a ship near Yemen.")
    nato = actor(rec, "NATO")
    assert (nato.kind, nato.country) == ("igo", None) and nato.code.startswith("IGO")
    houthis = actor(rec, "Houthis")
    assert (houthis.country, houthis.sector, houthis.kind) == ("YEM", "REB", "group")


def test_ner_guard_relabels_known_names(pipeline: Pipeline) -> None:
    import datetime as dt

    doc = Document(id="g", text="Trump praised Crimea's beaches.", published=dt.date(2025, 2, 1))
    for stage in pipeline.stages:
        doc = stage(doc)
        if stage.name == "actors":
            break
    labels = {e.text: e.label_ for e in doc.spacy.ents}
    assert labels.get("Trump") == "PERSON"
    assert labels.get("Crimea") == "GPE"
    crimea = actor(doc.to_record(), "Crimea")  # a region: coded as its state
    assert (crimea.country, crimea.kind) == ("UKR", "country")
    assert doc.extras["actors"]["token_actor"][0] == actor(doc.to_record(), "Trump").id


@pytest.mark.parametrize("text", ["", "the of and", "He said it was fine."])
def test_no_actor_text_is_fine(pipeline: Pipeline, text: str) -> None:
    if not text:
        return
    rec = run(pipeline, text)
    assert rec.actors == []


def test_conjoined_demonyms_and_generic_heads(pipeline: Pipeline) -> None:
    rec = run(pipeline, "Chilean and Peruvian warships sailed north. Kenyan rebel leaders "
                        "met Zambian army officers.")
    assert actor(rec, "Peruvian warships").code == "PERMIL"
    assert actor(rec, "Chilean").country == "CHL"
    assert actor(rec, "Kenyan rebel leaders").code == "KENREB"
    assert actor(rec, "Zambian army officers").code == "ZMBMIL"


def test_evaluate_actors_scores_gold_lines(pipeline: Pipeline, tmp_path) -> None:
    import json

    from communique.evaluate.actors import evaluate_actors

    gold = tmp_path / "gold.jsonl"
    row = {"id": "x1", "text": "Norway and Kenyan police agreed on Monday to share data.",
           "actor": [{"text": "Norway", "code": "NOR", "sector": None},
                     {"text": "Kenyan police", "code": "KEN", "sector": "COP"}],
           "recipient": []}
    gold.write_text(json.dumps(row) + "\n", encoding="utf-8")
    report = evaluate_actors(gold, pipeline, collect_errors=True)
    assert report.shares["country"].value == 1.0, report.errors
    assert report.shares["sector"].value == 1.0, report.errors


def test_peoples_and_ethnic_groups(pipeline: Pipeline) -> None:
    rec = run(pipeline, "Thousands of Chileans marched on Sunday. Syrian Kurds welcomed the "
                        "deal, while ethnic Hungarians in Slovakia asked for schools.")
    chileans = actor(rec, "Chileans")
    assert (chileans.country, chileans.sector) == ("CHL", "CVL")
    kurds = actor(rec, "Syrian Kurds")
    assert (kurds.country, kurds.sector, kurds.kind) == ("SYR", "CVL", "group")
    hungarians = actor(rec, "ethnic Hungarians in Slovakia")
    assert (hungarians.country, hungarians.sector) == ("SVK", "CVL")


def test_sector_nouns_placed_by_a_country(pipeline: Pipeline) -> None:
    rec = run(pipeline, "Rebels in Mali seized a town. Tigray fighters shelled the road, and "
                        "Peruvian government forces answered.")
    assert actor(rec, "Rebels in Mali").code == "MLIREB"
    assert actor(rec, "Tigray fighters").code == "ETHREB"
    assert actor(rec, "Peruvian government forces").code == "PERMIL"  # the head noun wins


def test_stance_words_give_no_country(pipeline: Pipeline) -> None:
    rec = run(pipeline, "An anti-Iran blogger was arrested in Baku on Monday.")
    assert not any(a.country == "IRN" for a in rec.actors)


def test_titled_unknown_person_ignores_another_persons_title(pipeline: Pipeline) -> None:
    rec = run(pipeline, "President Olav Brennmoen welcomed Chilean leader Ana Dulcevilla.")
    assert actor(rec, "Olav Brennmoen").country is None
    assert actor(rec, "Ana Dulcevilla").country == "CHL"


def test_they_refers_to_coordinated_actors_and_plural_groups(pipeline: Pipeline) -> None:
    rec = run(pipeline, "Chad and Niger met on Monday, and they agreed to new talks. "
                        "Separatist rebels attacked a convoy. They later withdrew.")
    assert "they" in [m.text for m in actor(rec, "Chad").mentions]
    assert "they" in [m.text for m in actor(rec, "Niger").mentions]
    (rebels,) = [a for a in rec.actors if a.sector == "REB"]
    assert "They" in [m.text for m in rebels.mentions]


def test_pronouns_in_quotes_follow_the_speaker(pipeline: Pipeline) -> None:
    rec = run(pipeline, '"We will defend our borders and I will say no more," Finnish defence '
                        'minister Aino Kallberg said on Friday.')
    minister = actor(rec, "Aino Kallberg")
    assert "I" in [m.text for m in minister.mentions]
    side = actor(rec, "We")
    assert (side.country, side.sector) == ("FIN", "GOV")
    assert "our" in [m.text for m in side.mentions]


def test_seat_city_that_locates_is_not_the_government(pipeline: Pipeline) -> None:
    rec = run(pipeline, "The envoy flew to Amsterdam on Monday after talks in Doha. Delegates "
                        "arrived from Paris and London. Moscow said the talks would go on.")
    codes = {m.text: a.code for a in rec.actors for m in a.mentions}
    for city in ("Amsterdam", "Doha", "Paris", "London"):
        assert city not in codes, codes
        assert any(p.text == city for p in rec.places)
    assert codes["Moscow"] == "RUSGOV"
    dated = run(pipeline, "CAIRO (Wire) - The ministers met again on Tuesday.")
    assert not any(m.text == "CAIRO" and a.code for a in dated.actors for m in a.mentions)
    assert any(p.text == "CAIRO" for p in dated.places)

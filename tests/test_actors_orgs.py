"""Unknown organisations, datelines, agency credits, inverted cues and plural descriptions,
on invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import ResourceError
from communique.pipeline import Pipeline
from communique.resources.actors import load_org_types
from tests.test_actors import actor, run


@pytest.mark.parametrize(("text", "mention", "country", "sector", "code"), [
    ("The Kenyan Union of Nurses called a strike on Monday.",
     "Kenyan Union of Nurses", "KEN", "MED", "KENMED"),
    ("The Federation of Ghanaian Farmers protested on Monday.",
     "Federation of Ghanaian Farmers", "GHA", "AGR", "GHAAGR"),
    ("The Zembla Liberation Front attacked a convoy in Mali on Tuesday.",
     "Zembla Liberation Front", "MLI", "REB", "MLIREB"),
    ("The Popular Renewal Party won the vote in Peru, officials said.",
     "Popular Renewal Party", "PER", "OPP", "PEROPP"),
    ("Students at Corvina University marched on Friday in Chile.",
     "Corvina University", "CHL", "EDU", "CHLEDU"),
    ("The Association of Andean Jurists condemned the ruling on Monday.",
     "Association of Andean Jurists", None, "JUD", "NGOJUD"),
    ("Members of the Global Ocean Forum met on Friday to discuss fishing.",
     "Global Ocean Forum", None, None, "NGO"),
])
def test_unknown_organisation_by_head_noun_and_setting(
        pipeline: Pipeline, text: str, mention: str, country: str | None, sector: str | None,
        code: str) -> None:
    found = actor(run(pipeline, text), mention)
    assert (found.kind, found.country, found.sector, found.code) == (
        "organization", country, sector, code)


def test_dateline_and_agency_credit_are_not_actors(pipeline: Pipeline) -> None:
    record = run(pipeline, "VALDORA (Reuters) - Qatar said on Monday it would host talks.")
    names = {a.name for a in record.actors}
    assert names == {"Qatar"}


def test_an_acronym_in_parentheses_is_not_a_credit_line(pipeline: Pipeline) -> None:
    record = run(pipeline, "Ghanaian Union of Teachers (GUT) called a strike on Monday.")
    assert actor(record, "Ghanaian Union of Teachers").code == "GHAEDU"


def test_news_agency_acting_is_media(pipeline: Pipeline) -> None:
    record = run(pipeline, "Reuters reported on Monday that the talks had failed.")
    assert actor(record, "Reuters").sector == "JRN"


def test_inverted_cue_word_is_not_part_of_the_name(pipeline: Pipeline) -> None:
    record = run(pipeline, 'Said Brown: "We will not give up."')
    assert [a.name for a in record.actors if a.kind == "person"] == ["Brown"]
    record = run(pipeline, "Said Jalili said Iran would respond.")
    assert actor(record, "Said Jalili").kind == "person"


def test_plural_description_links_to_placed_collective(pipeline: Pipeline) -> None:
    record = run(pipeline, "Rebels in Mali seized a town. The rebels later withdrew.")
    rebels = actor(record, "The rebels")
    assert rebels.code == "MLIREB" and len(rebels.mentions) == 2


def test_org_types_file_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "org_types.yaml"
    path.write_text("heads:\n  GOV: [ministry]\n  XYZ: [bureau]\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="org_types.yaml:3"):
        load_org_types(path)
    path.write_text("heads:\n  GOV: [ministry]\n  EDU: [ministry]\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="twice"):
        load_org_types(path)


@pytest.mark.parametrize(("text", "mention", "code"), [
    ("Bystanders fled when Chilean police officers opened fire.", "Chilean police officers",
     "CHLCOP"),
    ("Malian state television reported the clashes on Monday.", "Malian state television",
     "MLIJRN"),
    ("Sudanese factory workers walked out on Tuesday.", "Sudanese factory workers", "SDNLAB"),
    ("Hostage-takers in Peru released two tourists.", "Hostage-takers in Peru", "PERCRM"),
])
def test_sector_titles_and_head_nouns(pipeline: Pipeline, text: str, mention: str,
                                      code: str | None) -> None:
    assert actor(run(pipeline, text), mention).code == code

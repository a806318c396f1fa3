"""The places scorer on invented gold: readers, perfect/empty/perturbed scores, bad gold."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from communique.document import Document
from communique.errors import ResourceError
from communique.evaluate.places import evaluate, read_gold, read_gwn_geocoding, read_xml
from communique.models import Place
from communique.pipeline import Pipeline

DATA = Path(__file__).parent / "data" / "eval" / "places"


class GoldCopy:
    """A stand-in places stage that answers with the gold, optionally moved or dropped."""

    name: ClassVar[str] = "fake_places"
    requires: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset({"places"})
    languages: ClassVar[frozenset[str] | None] = None

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.gold = {a.text: a for a in read_xml(DATA / "tiny.xml")}

    def __call__(self, doc: Document) -> Document:
        article = self.gold[doc.text]
        if self.mode == "empty":
            return doc
        for i, g in enumerate(article.places, start=1):
            moved = self.mode == "perturbed" and i == 2
            doc.places.append(Place(
                id=f"p{i}", start=g.start, end=g.end, text=g.text, name=g.text,
                country="FRA" if i == 1 else "KEN", lat=(g.lat or 0) + (10 if moved else 0),
                lon=g.lon, geonames_id=g.geonames_id, feature="city"))
        return doc


def run(mode: str):
    return evaluate(DATA / "tiny.xml", Pipeline([GoldCopy(mode)]), collect_errors=True)


def test_readers_gwn_and_lgl_xml() -> None:
    (article,) = read_xml(DATA / "tiny.xml")
    assert [p.text for p in article.places] == ["Paris", "Nairobi"]
    assert article.places[0].geonames_id == 2988507 and article.places[0].locational
    (lgl,) = read_gold(DATA / "tiny_lgl.xml")
    assert (lgl.places[0].text, lgl.places[0].country) == ("Lyon", "FRA")
    assert lgl.places[0].lat == pytest.approx(45.74846)


def test_reader_gwn_geocoding_lines() -> None:
    texts = [(a.id, a.text) for a in read_xml(DATA / "tiny.xml")]
    (article,) = read_gwn_geocoding(DATA / "gwn_full.txt", texts)
    assert [(p.text, p.lat) for p in article.places] == [("Paris", 48.85341),
                                                         ("Nairobi", -1.28333)]


def test_perfect_prediction_scores_one() -> None:
    report = run("perfect")
    assert report.prf["spans"].f1 == 1.0
    for name in ("within_161km", "country_right", "end_to_end"):
        assert report.shares[name].value == 1.0, name


def test_empty_prediction_scores_zero_without_errors() -> None:
    report = run("empty")
    assert report.prf["spans"].f1 == 0.0
    assert report.shares["end_to_end"].value == 0.0
    assert report.shares["within_161km"].total == 0
    assert sum("MISS" in e for e in report.errors) == 2


def test_perturbed_prediction_scores_between() -> None:
    report = run("perturbed")
    assert report.prf["spans"].f1 == 1.0
    assert report.shares["within_161km"].value == 0.5
    assert any("WRONG 'Nairobi'" in e for e in report.errors)


def test_resolution_on_gold_spans_uses_the_real_resolver() -> None:
    report = run("empty")
    assert report.shares["resolution_on_gold_spans"].value == 1.0


def test_malformed_gold_names_file_and_line() -> None:
    with pytest.raises(ResourceError, match=r"bad\.xml:6: <latitude> 'north'"):
        read_xml(DATA / "bad.xml")
    texts = [(a.id, a.text) for a in read_xml(DATA / "tiny.xml")]
    with pytest.raises(ResourceError, match=r"bad_full\.txt:1: bad number"):
        read_gwn_geocoding(DATA / "bad_full.txt", texts)
    with pytest.raises(ResourceError, match="no such gold"):
        read_gold(DATA / "missing.xml")


def test_development_halves_are_stable_and_balanced() -> None:
    from communique.evaluate.common import split_half_path
    from communique.evaluate.places import half_of

    halves = [half_of(str(i)) for i in range(400)]
    assert halves == [half_of(str(i)) for i in range(400)]
    assert 150 < halves.count("A") < 250
    assert split_half_path(Path("/nowhere/GWN.xml#B")) == (Path("/nowhere/GWN.xml"), "B")
    assert split_half_path(Path("/nowhere/GWN.xml")) == (Path("/nowhere/GWN.xml"), None)

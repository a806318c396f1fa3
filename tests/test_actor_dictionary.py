"""The country table and the actor dictionary: data loads, lookups are exact, errors name lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import ResourceError
from communique.resources.countries import country_table, load_countries


def test_country_table_covers_un_members_and_plover_exceptions() -> None:
    table = country_table()
    assert len(table) >= 197
    for code in ("KOS", "PSE", "HKG", "TWN", "VAT", "SSD", "USA", "RUS", "UKR"):
        assert table.by_iso3(code) is not None, code


@pytest.mark.parametrize(
    ("name", "iso3"),
    [("U.S.", "USA"), ("US", "USA"), ("America", "USA"), ("United States of America", "USA"),
     ("UK", "GBR"), ("Britain", "GBR"), ("UAE", "ARE"), ("the Emirates", "ARE"),
     ("Ivory Coast", "CIV"), ("Türkiye", "TUR"), ("Burma", "MMR")],
)
def test_lookup_aliases(name: str, iso3: str) -> None:
    country = country_table().lookup(name)
    assert country is not None and country.iso3 == iso3


def test_lookup_is_exact_not_fuzzy() -> None:
    table = country_table()
    assert table.lookup("Ukrainian") is None  # a demonym, not a name
    assert table.lookup("Moscow") is None  # a seat, not a name
    assert table.lookup("Virgin") is None


@pytest.mark.parametrize(
    ("word", "iso3"),
    [("Ukrainian", "UKR"), ("Emirati", "ARE"), ("Saudi", "SAU"), ("French", "FRA")],
)
def test_demonyms(word: str, iso3: str) -> None:
    country = country_table().by_demonym(word)
    assert country is not None and country.iso3 == iso3


@pytest.mark.parametrize(
    ("seat", "iso3"),
    [("Moscow", "RUS"), ("the Kremlin", "RUS"), ("Kyiv", "UKR"), ("Kiev", "UKR"),
     ("Washington", "USA"), ("the White House", "USA"), ("the Pentagon", "USA"),
     ("Beijing", "CHN"), ("Downing Street", "GBR"), ("the Élysée", "FRA"), ("Tehran", "IRN")],
)
def test_seats_of_power(seat: str, iso3: str) -> None:
    country = country_table().by_seat(seat)
    assert country is not None and country.iso3 == iso3


def test_malformed_country_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "countries.yaml"
    bad.write_text("- iso3: FRA\n  name: France\n- iso3: fr\n  name: Nowhere\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"countries\.yaml:3"):
        load_countries(bad)

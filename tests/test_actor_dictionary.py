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


def test_people_code_by_date() -> None:
    import datetime as dt

    from communique.resources.actors import actor_dictionary

    trump = actor_dictionary().entry("Trump")
    assert trump is not None
    assert trump.resolve(dt.date(2024, 12, 9)).code == "USAELI"
    assert trump.resolve(dt.date(2025, 1, 20)).code == "USAGOV"
    biden = actor_dictionary().entry("Joe Biden")
    assert biden is not None
    assert biden.resolve(dt.date(2025, 1, 19)).code == "USAGOV"
    assert biden.resolve(dt.date(2025, 1, 20)).code == "USAELI"


def test_yugoslav_successor_leaders_code_by_date() -> None:
    import datetime as dt

    from communique.resources.actors import actor_dictionary

    kostunica = actor_dictionary().entry("Kostunica")
    assert kostunica is not None
    assert kostunica.resolve(dt.date(2001, 6, 1)).code == "SRBGOV"
    assert kostunica.resolve(dt.date(2003, 6, 1)).code == "SRBELI"  # between his two offices
    assert kostunica.resolve(dt.date(2010, 1, 1)).code == "SRBELI"
    thaci = actor_dictionary().entry("Hashim Thaci")
    assert thaci is not None and thaci.resolve(dt.date(2018, 1, 1)).code == "KOSGOV"


def test_old_names_of_the_european_union() -> None:
    from communique.resources.actors import actor_dictionary

    for name in ("European Economic Community", "EEC", "Common Market"):
        entry = actor_dictionary().entry(name)
        assert entry is not None and entry.code == "IGOEEC", name


def test_malformed_actor_entry_names_file_and_line(tmp_path: Path) -> None:
    from communique.resources.actors import load_entries

    bad = tmp_path / "mine.yaml"
    bad.write_text("- name: Good Group\n  kind: group\n  country: NOR\n  sector: REB\n"
                   "- name: Bad Group\n  kind: group\n  country: XXX\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"mine\.yaml:5: unknown country"):
        load_entries(bad)


def test_user_dictionary_overrides_and_adds(tmp_path: Path) -> None:
    from communique.resources.actors import build_dictionary

    mine = tmp_path / "mine.yaml"
    mine.write_text("- {name: Northern Sea Front, aliases: [NSF], kind: group, country: NOR, "
                    "sector: REB}\n- {name: Hamas, kind: group, country: PSE, sector: GOV}\n",
                    encoding="utf-8")
    dictionary = build_dictionary((mine,))
    assert dictionary.entry("NSF").code == "NORREB"  # type: ignore[union-attr]
    assert dictionary.entry("Hamas").sector == "GOV"  # type: ignore[union-attr]


def test_petrarch_actors_import(tmp_path: Path) -> None:
    import datetime as dt

    from communique.resources.actors_petrarch import entries_to_yaml, read_petrarch_actors

    src = tmp_path / "test.actors"
    src.write_text("# invented entries\nJOHAN_VELDKAMP_  ; a comment\n+VELDKAMP_\n"
                   "\t[NLDELI 19900101-20100630]\n\t[NLDGOV >20100701]\n"
                   "NORTHERN_SEA_FRONT_  [NORREB]\n", encoding="utf-8")
    entries = read_petrarch_actors(src, country_table())
    person = entries[0]
    assert person.name == "Johan Veldkamp" and "Veldkamp" in person.aliases
    assert person.resolve(dt.date(2005, 1, 1)).code == "NLDELI"
    assert person.resolve(dt.date(2012, 1, 1)).code == "NLDGOV"
    assert entries[1].code == "NORREB" and entries[1].country == "NOR"
    assert "Johan Veldkamp" in entries_to_yaml(entries)


def test_petrarch_bad_date_names_line(tmp_path: Path) -> None:
    from communique.resources.actors_petrarch import read_petrarch_actors

    src = tmp_path / "bad.actors"
    src.write_text("SOMEONE_\n\t[NORGOV 2010-13]\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"bad\.actors:2"):
        read_petrarch_actors(src, country_table())


def test_cli_lookup_and_import(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from communique.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["actors", "lookup", "Biden", "--date", "2025-02-01"])
    assert result.exit_code == 0 and "USAELI" in result.output
    src = tmp_path / "x.actors"
    src.write_text("NORTHERN_SEA_FRONT_  [NORREB]\n", encoding="utf-8")
    out = tmp_path / "x.yaml"
    result = runner.invoke(main, ["actors", "import", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "NORREB" in out.read_text(encoding="utf-8")


def test_cli_lookup_reads_a_misspelt_name_as_the_text_would() -> None:
    from click.testing import CliRunner

    from communique.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["actors", "lookup", "Zimbabawe"])
    assert result.exit_code == 0, result.output
    assert "spelling variant of 'Zimbabwe'" in result.output and "ZWE" in result.output
    result = runner.invoke(main, ["actors", "lookup", "Indiana"])  # a real word: no variant
    assert result.exit_code == 1


def test_yaml_errors_name_the_line_and_words_stay_words(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from communique.errors import ResourceError
    from communique.resources.actors import load_entries

    good = tmp_path / "ok.yaml"
    good.write_text("- {name: No Surrender Front, aliases: [no], kind: group, country: NOR,"
                    " sector: REB}\n", encoding="utf-8")
    (entry,) = load_entries(good)
    assert entry.aliases == ("no",)  # YAML 1.1 would have read a boolean
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {name: A, kind: group, country: NOR}\n\n- {name: B, kind: gruop}\n",
                   encoding="utf-8")
    with pytest.raises(ResourceError, match=r"bad.yaml:3"):
        load_entries(bad)

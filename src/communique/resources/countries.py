"""The country table: names, aliases, demonyms and seats of power of every state the coder knows.

The table is data (`data/actors/countries.yaml`): every UN member and observer state plus Kosovo,
Taiwan and Hong Kong, keyed by ISO 3166-1 alpha-3 with the PLOVER exceptions KOS, PSE and HKG.
It is the one place the actor stage, the places stage and the evaluators learn that "U.S.",
"America" and "Washington" all point to USA. pycountry's fuzzy search is deliberately not used
(it maps "U.S." to the Virgin Islands); every alias here is an exact string.

YAML is read by `communique.resources.yamlfile.load_yaml`, the project's one line-aware reader;
`load_yaml_list` here only checks the shape shared by the actor data files (a list of mappings)
so that every malformed entry is reported with its file and line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from communique.resources.yamlfile import LineDict, load_yaml, refuse_unknown_keys, resource_error

DATA_DIR = Path(__file__).resolve().parent / "data" / "actors"
COUNTRIES_FILE = DATA_DIR / "countries.yaml"

__all__ = ["COUNTRIES_FILE", "DATA_DIR", "Country", "CountryTable", "LineDict", "country_table",
           "line_of", "load_countries", "load_yaml_list", "normalize_name", "resource_error",
           "string_list"]


def line_of(entry: Any) -> int | None:
    """The 1-based line a YAML mapping starts on (None for plain dicts built in code)."""
    return getattr(entry, "line", None) or None


def load_yaml_list(path: Path) -> list[LineDict]:
    """Read a YAML file holding a list of mappings, each knowing its line (`LineDict.line`).

    Raises ResourceError naming the file (and line when YAML knows it) for unreadable files,
    YAML syntax errors, or a top level that is not a list of mappings.
    """
    data = load_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise resource_error(path, 1, "the file must be a YAML list of entries.",
                             "start each entry with '- '.")
    lines = getattr(data, "item_lines", None) or [None] * len(data)
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            raise resource_error(path, lines[index], f"entry {index + 1} is not a mapping: "
                                 f"{item!r}.", "write each entry as '- key: value' lines.")
    return data


def string_list(path: Path, entry: dict[str, Any], key: str) -> tuple[str, ...]:
    """The entry's `key` as a tuple of non-empty strings (absent or null: empty)."""
    value = entry.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise resource_error(path, line_of(entry), f"'{key}' must be a list of strings.",
                             f"write {key}: [\"First\", \"Second\"].")
    return tuple(" ".join(v.split()) for v in value)


def normalize_name(name: str) -> str:
    """The lookup key of a name: case-folded, spaces collapsed, a leading 'the' dropped."""
    key = " ".join(name.replace("’", "'").split()).casefold()
    return key[4:] if key.startswith("the ") else key


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    seats: tuple[str, ...]


class CountryTable:
    """Exact, case-insensitive lookups over the country table (no fuzzy matching)."""

    def __init__(self, countries: list[Country]) -> None:
        self._countries = list(countries)
        self._iso3 = {c.iso3: c for c in countries}
        self._names: dict[str, Country] = {}
        self._demonyms: dict[str, Country] = {}
        self._seats: dict[str, Country] = {}
        for country in countries:
            for name in (country.name, *country.aliases):
                self._names.setdefault(normalize_name(name), country)
            for word in country.demonyms:
                self._demonyms.setdefault(normalize_name(word), country)
            for seat in country.seats:
                self._seats.setdefault(normalize_name(seat), country)

    def by_iso3(self, code: str) -> Country | None:
        return self._iso3.get(code.strip().upper())

    def lookup(self, name: str) -> Country | None:
        """The country a name or alias denotes (not a demonym, not a seat of power)."""
        return self._names.get(normalize_name(name))

    def by_demonym(self, word: str) -> Country | None:
        return self._demonyms.get(normalize_name(word))

    def by_seat(self, name: str) -> Country | None:
        return self._seats.get(normalize_name(name))

    def __iter__(self) -> Iterator[Country]:
        return iter(self._countries)

    def __len__(self) -> int:
        return len(self._countries)


def load_countries(path: Path = COUNTRIES_FILE) -> CountryTable:
    """Load and validate a country file; errors name the file and line."""
    countries: list[Country] = []
    seen: dict[str, int] = {}
    for entry in load_yaml_list(path):
        line = line_of(entry)
        iso3, name = entry.get("iso3"), entry.get("name")
        if not isinstance(iso3, str) or len(iso3) != 3 or not iso3.isalpha() or not iso3.isupper():
            raise resource_error(path, line, f"'iso3' must be three capital letters, not {iso3!r}.",
                                 "use the ISO 3166-1 alpha-3 code (KOS, PSE, HKG for PLOVER).")
        if not isinstance(name, str) or not name.strip():
            raise resource_error(path, line, "'name' is required.", "give the country's name.")
        if iso3 in seen:
            raise resource_error(path, line, f"duplicate iso3 {iso3} (first on line {seen[iso3]}).",
                                 "keep one entry per country.")
        refuse_unknown_keys(path, line, entry, ("iso3", "name", "aliases", "demonyms", "seats"),
                            f"country {iso3}", "keep to the country table's keys.")
        seen[iso3] = line or 0
        countries.append(Country(
            iso3=iso3, name=name.strip(), aliases=string_list(path, entry, "aliases"),
            demonyms=string_list(path, entry, "demonyms"), seats=string_list(path, entry, "seats"),
        ))
    return CountryTable(countries)


@lru_cache(maxsize=1)
def country_table() -> CountryTable:
    """The built-in country table, loaded once per process."""
    return load_countries(COUNTRIES_FILE)

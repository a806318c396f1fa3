"""The actor dictionary: named organizations, groups and people with dated roles, sector words.

Data lives in `data/actors/` (organizations.yaml, people.yaml, sectors.yaml, org_types.yaml,
anaphors.yaml, countries.yaml); users add or override entries with their own YAML files of the
same schema (`--actors my.yaml`, see docs/dictionaries.md) or with PETRARCH `.actors` files
(converted by `communique.resources.actors_petrarch`). Every entry is validated on load and a
malformed one raises ResourceError naming the file and line, because a silently skipped actor
makes an event disappear with no trace.

Time matters: the same name codes differently by the article's date (Trump is USAELI as
President-elect in December 2024 and USAGOV from 2025-01-20), so people carry `roles` with date
ranges and `ActorEntry.resolve(date)` picks the one in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast, get_args

from communique.models import ActorKind
from communique.resources.countries import (
    DATA_DIR,
    CountryTable,
    country_table,
    line_of,
    load_yaml_list,
    normalize_name,
    string_list,
)
from communique.resources.yamlfile import load_yaml, refuse_unknown_keys, resource_error

KINDS: tuple[ActorKind, ...] = get_args(ActorKind)
#: PLOVER/CAMEO sector codes the coder emits
SECTORS = frozenset({
    "GOV", "MIL", "COP", "SPY", "REB", "OPP", "LEG", "JUD", "CVL", "REF", "JRN", "MED", "EDU",
    "LAB", "BUS", "CRM", "REL", "ELI", "PTY", "UAF", "HRI", "ENV", "DEV", "AGR", "IGO", "NGO",
    "SET", "MOD", "RAD", "HLH", "SEP", "INS", "CIV",
})
#: code roots of actors that belong to no single state
TRANSNATIONAL_ROOTS = ("IGO", "NGO", "NGM", "IMG", "INT", "MNC", "UIS")
ENTRY_KEYS = frozenset({"name", "aliases", "kind", "code", "country", "sector", "roles", "gender"})
ROLE_KEYS = frozenset({"code", "country", "sector", "title", "from", "until"})
FIX_ENTRY = "see docs/dictionaries.md for the actor entry schema."


@dataclass(frozen=True)
class Role:
    """One office held between two dates (`until` exclusive; None means still held)."""

    code: str | None
    country: str | None
    sector: str | None
    title: str | None = None
    start: dt.date | None = None
    until: dt.date | None = None

    def covers(self, date: dt.date) -> bool:
        return (self.start is None or self.start <= date) and (
            self.until is None or date < self.until
        )


@dataclass(frozen=True)
class Resolution:
    """What an entry means on a date: the code, PLOVER fields, and why (for `actors lookup`)."""

    name: str
    kind: ActorKind
    code: str | None
    country: str | None
    sector: str | None
    title: str | None
    why: str


@dataclass(frozen=True)
class ActorEntry:
    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    roles: tuple[Role, ...] = ()
    source: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def resolve(self, date: dt.date | None) -> Resolution:
        """The entry's code on `date` (today when the article has no date)."""
        if not self.roles:
            return Resolution(self.name, self.kind, self.code, self.country, self.sector, None,
                              f"{self.kind} entry from {self.source}")
        day = date or dt.date.today()
        for role in self.roles:
            if role.covers(day):
                return self._from_role(role, f"role '{role.title}' in force on {day}")
        if self.code is not None:  # a default code (PETRARCH records have them)
            return Resolution(self.name, self.kind, self.code, self.country, self.sector, None,
                              f"default code: no role in force on {day}")
        started = [r for r in self.roles if r.start is None or r.start <= day]
        ended = [r for r in self.roles if r.until is not None and r.until <= day]
        if ended and len(ended) == len(started):
            last = max(ended, key=lambda r: r.until or day)
            if last.country is not None:
                title = f"former {last.title}" if last.title else "former official"
                return Resolution(self.name, self.kind, f"{last.country}ELI", last.country, "ELI",
                                  title, f"'{last.title}' ended {last.until}: a former official")
            return self._from_role(last, f"last role '{last.title}' ended {last.until}")
        first = min(self.roles, key=lambda r: r.start or day)
        return Resolution(self.name, self.kind, first.country, first.country, None, None,
                          f"before the first known role ({first.title}, from {first.start})")

    def _from_role(self, role: Role, why: str) -> Resolution:
        return Resolution(self.name, self.kind, role.code, role.country, role.sector, role.title,
                          why)


def compose_code(root: str | None, sector: str | None) -> str | None:
    """A CAMEO code from a root (ISO3 or IGO/NGO root) and a sector; None without a root."""
    if root is None:
        return None
    if sector and not root.endswith(sector):
        return root + sector
    return root


@dataclass(frozen=True)
class SectorLexicon:
    """Sector words (lowercase) -> sector; generic role nouns; modifiers such as 'former'."""

    words: dict[str, str]
    generic: frozenset[str]
    modifiers: dict[str, str]

    def sector_of(self, phrase: str) -> str | None:
        return self.words.get(" ".join(phrase.lower().split()))


@dataclass(frozen=True)
class OrgTypes:
    """Head nouns of organisation names -> sector (org_types.yaml), and the words that refine
    them: member words for membership heads, armed modifiers for army/movement heads."""

    heads: dict[str, str] = field(default_factory=dict)
    membership: frozenset[str] = frozenset()
    member_sectors: frozenset[str] = frozenset()
    armed_heads: frozenset[str] = frozenset()
    armed_modifiers: frozenset[str] = frozenset()

    def head_sector(self, words: Sequence[str]) -> tuple[str, str] | None:
        """(head phrase, sector) for the longest known head ending the words, if any."""
        lowered = [w.lower() for w in words]
        for size in (4, 3, 2, 1):
            if len(lowered) >= size:
                phrase = " ".join(lowered[-size:])
                if phrase in self.heads:
                    return phrase, self.heads[phrase]
        return None


@dataclass(frozen=True)
class Anaphor:
    """A description ("the Gulf state") that can refer back to actors of some kinds/countries."""

    phrases: tuple[str, ...]
    kinds: frozenset[str]
    countries: frozenset[str] = frozenset()


@dataclass
class ActorDictionary:
    """All actor knowledge the stage uses, built-in and user, with exact-name indexes."""

    countries: CountryTable
    entries: list[ActorEntry]
    sectors: SectorLexicon
    anaphors: list[Anaphor]
    #: regions and territories (places, never actors): name -> ISO3 of their country
    regions: dict[str, str] = field(default_factory=dict)
    #: ethnic groups (groups.yaml): surface form -> (canonical name, home ISO3 or None)
    groups: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    #: organisation types by head noun (org_types.yaml)
    org_types: OrgTypes = field(default_factory=OrgTypes)
    by_name: dict[str, ActorEntry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # later entries (user dictionaries come last) override earlier ones with the same name
        for entry in self.entries:
            for name in entry.names:
                self.by_name[normalize_name(name)] = entry

    def entry(self, name: str) -> ActorEntry | None:
        return self.by_name.get(normalize_name(name))


# ---------------------------------------------------------------- validation of entries


def _date(path: Path, line: int | None, value: Any, key: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise resource_error(path, line, f"'{key}' must be a date YYYY-MM-DD, not {value!r}.",
                         "write dates as 2025-01-20.")


def _country(path: Path, line: int | None, value: Any, table: CountryTable) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or table.by_iso3(value) is None:
        raise resource_error(path, line, f"unknown country {value!r}.",
                             "use an ISO 3166-1 alpha-3 code from countries.yaml (or null).")
    return value.upper()


def _sector(path: Path, line: int | None, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value.upper() not in SECTORS:
        raise resource_error(path, line, f"unknown sector {value!r}.",
                             f"use one of {', '.join(sorted(SECTORS))} (or null).")
    return value.upper()


def _code(path: Path, line: int | None, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.isalpha() or len(value) < 3 or len(value) > 15:
        raise resource_error(path, line, f"a CAMEO code is 3-15 letters, not {value!r}.",
                             "write codes like RUSGOV or IGOUNO.")
    return value.upper()


def _role(path: Path, raw: Any, line: int | None, table: CountryTable) -> Role:
    if not isinstance(raw, dict):
        raise resource_error(path, line, f"a role must be a mapping, not {raw!r}.", FIX_ENTRY)
    line = line_of(raw) or line
    refuse_unknown_keys(path, line, raw, ROLE_KEYS, "role", FIX_ENTRY)
    country = _country(path, line, raw.get("country"), table)
    sector = _sector(path, line, raw.get("sector"))
    code = _code(path, line, raw.get("code")) or compose_code(country, sector)
    if code is None:
        raise resource_error(path, line, "a role needs a country or a code.", FIX_ENTRY)
    if code and not country and code[:3] not in TRANSNATIONAL_ROOTS and table.by_iso3(code[:3]):
        country = code[:3]
    start = _date(path, line, raw.get("from"), "from")
    until = _date(path, line, raw.get("until"), "until")
    if start and until and until <= start:
        raise resource_error(path, line, f"role ends ({until}) before it starts ({start}).",
                             "check the dates.")
    title = raw.get("title")
    return Role(code, country, sector, str(title) if title is not None else None, start, until)


def parse_entry(path: Path, raw: dict[str, Any], table: CountryTable) -> ActorEntry:
    """Validate one dictionary entry; errors name the file and the entry's line."""
    line = line_of(raw)
    refuse_unknown_keys(path, line, raw, ENTRY_KEYS, "entry", FIX_ENTRY)
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise resource_error(path, line, "every entry needs a 'name'.", FIX_ENTRY)
    roles_raw = raw.get("roles") or []
    if not isinstance(roles_raw, list):
        raise resource_error(path, line, "'roles' must be a list.", FIX_ENTRY)
    kind = raw.get("kind") or ("person" if roles_raw else None)
    if kind not in KINDS:
        raise resource_error(path, line, f"'kind' must be one of {KINDS}, not {kind!r}.",
                             FIX_ENTRY)
    country = _country(path, line, raw.get("country"), table)
    sector = _sector(path, line, raw.get("sector"))
    code = _code(path, line, raw.get("code"))
    if code is None:
        code = compose_code(country, sector)
    elif sector and not code.endswith(sector) and code[:3] in TRANSNATIONAL_ROOTS:
        code = code + sector
    if code is None and not roles_raw:
        raise resource_error(path, line, f"'{name}' needs a 'country' or a 'code'.", FIX_ENTRY)
    roles = tuple(_role(path, r, line, table) for r in roles_raw)
    return ActorEntry(name=" ".join(name.split()), kind=cast(ActorKind, kind),
                      aliases=string_list(path, raw, "aliases"), code=code, country=country,
                      sector=sector, roles=roles, source=f"{path.name}:{line}")


def load_entries(path: Path, table: CountryTable | None = None) -> list[ActorEntry]:
    """Load a YAML actor dictionary (a list of entries)."""
    table = table or country_table()
    return [parse_entry(path, raw, table) for raw in load_yaml_list(path)]


def _words(path: Path, data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        line = data.line_of(key) if hasattr(data, "line_of") else None
        raise resource_error(path, line, f"'{key}' must be a list of words.",
                             "write sector: [word, word].")
    return [" ".join(w.lower().split()) for w in value]


def load_sectors(path: Path) -> SectorLexicon:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise resource_error(path, 1, "must be a mapping of sector: [words].", "fix the file.")
    words: dict[str, str] = {}
    for sector in [k for k in data if k not in ("generic", "modifiers")]:
        if str(sector).upper() not in SECTORS:
            raise resource_error(path, None, f"unknown sector {sector!r}.", "use a known sector.")
        for word in _words(path, data, sector):
            words.setdefault(word, str(sector).upper())
    generic = frozenset(_words(path, data, "generic")) if "generic" in data else frozenset()
    modifiers: dict[str, str] = {}
    for sector, _ in (data.get("modifiers") or {}).items():
        for word in _words(path, data["modifiers"], sector):
            modifiers[word] = str(sector).upper()
    return SectorLexicon(words, generic, modifiers)


def load_org_types(path: Path) -> OrgTypes:
    """Read org_types.yaml; an unknown sector or a malformed list names the file and line."""
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("heads"), dict):
        raise resource_error(path, 1, "must be a mapping with 'heads: {SECTOR: [words]}'.",
                             "see the comment at the top of org_types.yaml.")
    heads_raw = data["heads"]
    heads: dict[str, str] = {}
    for sector in heads_raw:
        line = heads_raw.line_of(sector) if hasattr(heads_raw, "line_of") else None
        code = _sector(path, line, sector)
        for word in _words(path, heads_raw, sector):
            if word in heads:
                raise resource_error(path, line, f"head {word!r} is listed twice.",
                                     "give each head noun one sector.")
            heads[word] = code or ""
    members = frozenset(_words(path, data, "member_sectors")) if "member_sectors" in data \
        else frozenset()
    for code in members:
        _sector(path, data.line_of("member_sectors") if hasattr(data, "line_of") else None, code)

    def optional(key: str) -> frozenset[str]:
        return frozenset(_words(path, data, key)) if key in data else frozenset()

    return OrgTypes(heads=heads, membership=optional("membership"),
                    member_sectors=frozenset(m.upper() for m in members),
                    armed_heads=optional("armed_heads"),
                    armed_modifiers=optional("armed_modifiers"))


def load_anaphors(path: Path) -> list[Anaphor]:
    out: list[Anaphor] = []
    for raw in load_yaml_list(path):
        line = line_of(raw)
        phrases = string_list(path, raw, "phrase")
        kinds = string_list(path, raw, "kinds")
        if not phrases or not kinds or any(k not in KINDS for k in kinds):
            raise resource_error(path, line, "an anaphor needs 'phrase' and valid 'kinds'.",
                                 f"kinds are among {KINDS}.")
        out.append(Anaphor(tuple(p.lower() for p in phrases), frozenset(kinds),
                           frozenset(string_list(path, raw, "countries"))))
    return out


def load_regions(path: Path, table: CountryTable) -> dict[str, str]:
    """Region names (and aliases) -> the ISO3 of the country they lie in."""
    regions: dict[str, str] = {}
    for raw in load_yaml_list(path):
        line = line_of(raw)
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            raise resource_error(path, line, "a region needs a 'name'.", "add name: ...")
        iso3 = _country(path, line, raw.get("country"), table)
        if iso3 is None:
            raise resource_error(path, line, "a region needs a 'country'.", "add country: ISO3")
        for surface in (name, *string_list(path, raw, "aliases")):
            regions[surface] = iso3
    return regions


def load_groups(path: Path, table: CountryTable) -> dict[str, tuple[str, str | None]]:
    """Ethnic group names (and aliases) -> (canonical name, the state they chiefly live in)."""
    groups: dict[str, tuple[str, str | None]] = {}
    for raw in load_yaml_list(path):
        line = line_of(raw)
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            raise resource_error(path, line, "a group needs a 'name'.", "add name: ...")
        if "country" not in raw:
            raise resource_error(path, line, "a group needs a 'country' (ISO3 or null).",
                                 "add country: ISO3, or country: null when it spans states.")
        home = _country(path, line, raw.get("country"), table)
        for surface in (name, *string_list(path, raw, "aliases")):
            groups[surface] = (name, home)
    return groups


def load_user_dictionary(path: Path, table: CountryTable) -> list[ActorEntry]:
    """A user dictionary: YAML of the built-in schema, or a PETRARCH `.actors` file."""
    if not Path(path).exists():
        raise resource_error(path, None, "actor dictionary not found.", "check the path.")
    if Path(path).suffix.lower() == ".actors":
        from communique.resources.actors_petrarch import read_petrarch_actors

        return read_petrarch_actors(Path(path), table)
    return load_entries(Path(path), table)


def build_dictionary(user_files: Sequence[Path] = ()) -> ActorDictionary:
    table = country_table()
    entries: list[ActorEntry] = []
    for name in ("organizations.yaml", "people_past.yaml", "people.yaml"):
        entries.extend(load_entries(DATA_DIR / name, table))
    for user_file in user_files:
        entries.extend(load_user_dictionary(Path(user_file), table))
    return ActorDictionary(
        countries=table,
        entries=entries,
        sectors=load_sectors(DATA_DIR / "sectors.yaml"),
        anaphors=load_anaphors(DATA_DIR / "anaphors.yaml"),
        regions=load_regions(DATA_DIR / "regions.yaml", table),
        groups=load_groups(DATA_DIR / "groups.yaml", table),
        org_types=load_org_types(DATA_DIR / "org_types.yaml"),
    )


@lru_cache(maxsize=8)
def actor_dictionary(user_files: tuple[Path, ...] = ()) -> ActorDictionary:
    """The built-in dictionary plus user files (later files override), loaded once per process."""
    return build_dictionary(user_files)


def describe(dictionary: ActorDictionary, name: str, date: dt.date | None) -> list[str]:
    """Human-readable lines saying what a name resolves to and why (for `actors lookup`)."""
    lines: list[str] = []
    entry = dictionary.entry(name)
    if entry is not None:
        res = entry.resolve(date)
        lines.append(f"{res.name}: code={res.code} country={res.country} sector={res.sector} "
                     f"kind={res.kind}" + (f" role={res.title}" if res.title else ""))
        lines.append(f"  why: {res.why} ({entry.source})")
    table = dictionary.countries
    for label, country, sector in (
        ("country name", table.lookup(name), None),
        ("demonym", table.by_demonym(name), None),
        ("seat of power (the government)", table.by_seat(name), "GOV"),
    ):
        if country is not None:
            lines.append(f"{country.name}: code={compose_code(country.iso3, sector)} "
                         f"country={country.iso3} sector={sector}  why: {label}")
    sector = dictionary.sectors.sector_of(name)
    if sector:
        lines.append(f"sector word: {sector}")
    return lines


def iter_surface_forms(dictionary: ActorDictionary) -> Iterable[tuple[str, str, str]]:
    """(surface form, category, key) for everything the mention matcher should find."""
    for entry in dictionary.entries:
        for name in entry.names:
            yield name, "entry", normalize_name(entry.name)
    for country in dictionary.countries:
        for name in (country.name, *country.aliases):
            yield name, "country", country.iso3
        for word in country.demonyms:
            yield word, "demonym", country.iso3
        for seat in country.seats:
            yield seat, "seat", country.iso3
    for region, iso3 in dictionary.regions.items():
        yield region, "region", iso3
    for surface, (name, _home) in dictionary.groups.items():
        yield surface, "ethnic", name

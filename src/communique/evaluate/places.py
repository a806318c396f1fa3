"""Scoring places against geocoded toponym gold: GeoWebNews (brat + gwn_full) and TR-News/LGL XML.

Gold formats read here:

- GeoWebNews XML (`GWN.xml`): `<article file=..>` with `<text>` and `<toponyms>` of
  `<toponym>` (`extractedName`, `type`, `start`, `end`, `geonamesID`, `latitude`, `longitude`);
- TR-News / LGL XML: `<article docid=..>` with `<text>` and `<toponym>` (`start`, `end`,
  `phrase`, `<gaztag geonameid=..>` holding `lat`, `lon`, `country`);
- `gwn_full.txt`: one line per article (in the XML's article order), toponyms joined by `||`,
  each `name,,surface,,lat,,lon,,start,,end`; texts from the sibling `GWN.xml`, else from the
  brat texts in `GeoWebNews/` (their "TITLE: .. LINK: .." header line dropped);
- brat standoff (`GeoWebNews/*.ann` + `.txt`): toponym spans and types, no coordinates (spans
  are scored, coordinates are not).

What counts as a gold place. GeoWebNews types every toponym by how it is used. The contract's
places are locations, so the primary figures use the *locational* types (Literal, Mixed,
Literal_Modifier, Embedded_Literal, Coercion); predictions on other typed toponyms (Metonymic
"Moscow said", adjectival "French", Embedded_Non_Lit) are neither right nor wrong there. The
`*_all` figures take every geocoded toponym as gold, as the GeoWebNews geocoding file does.
Untyped gold (LGL, TR-News, gwn_full alone) is all locational.

Figures (CONTRACT.md): span P/R/F1 (overlap, one-to-one); `within_161km` over matched places
with gold coordinates; `country_right` over matched places whose gold country is known;
`end_to_end`: gold places found *and* within 161 km, over all gold places with coordinates;
`resolution_on_gold_spans`: each gold span resolved by the places stage with its article as
context, within 161 km, over all gold places with coordinates (unknown names count wrong).

Development halves. Every article falls in half A or B by the parity of the CRC-32 of its id
(`half_of`), a split that needs no list and does not depend on file order. Rules are developed
looking at half A's errors only; B is the check. A gold path ending in `#A` or `#B` scores one
half; the whole set also reports `spans_half_A`, `end_to_end_half_B`, ... so the gap shows.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from communique.document import Document
from communique.errors import ResourceError
from communique.evaluate.common import add_halves, crc32_half, one_to_one, overlap, split_half_path
from communique.evaluate.metrics import EvalReport
from communique.models import ArticleRecord, Place
from communique.pipeline import Pipeline
from communique.stages.geo_resolve import haversine_km

WITHIN_KM = 161.0
LOCATIONAL_TYPES = frozenset({"Literal", "Mixed", "Literal_Modifier", "Embedded_Literal",
                              "Coercion", ""})
#: typed toponyms that are words for places but not toponyms (common nouns, non-places)
NOT_TOPONYM_TYPES = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym",
                               "Homonym", "Language", "Demonym"})
_LINE_ATTR = "__line__"
_BRAT_HEADER = re.compile(r"TITLE: .*? LINK: \S*[ \t]*\n")


@dataclass
class GoldPlace:
    """One gold toponym: span, how it is used, and where it is (when given)."""

    start: int
    end: int
    text: str
    type: str = ""  # GeoWebNews type; "" when the gold has none
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    country: str | None = None
    line: int = 0

    @property
    def locational(self) -> bool:
        return self.type in LOCATIONAL_TYPES

    @property
    def geocoded(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass
class GoldArticle:
    id: str
    text: str
    places: list[GoldPlace] = field(default_factory=list)
    source: str = ""
    #: gold items whose span lies outside the text (GeoWebNews annotates a few title words
    #: with negative offsets): left out of the scores, counted in the report's notes
    skipped: int = 0

    def add(self, place: GoldPlace | None) -> None:
        """Keep a gold place read from the file; None (a span outside the text) is counted."""
        if place is None:
            self.skipped += 1
        else:
            self.places.append(place)


# ---------------------------------------------------------------------------------- readers


def _parse_xml(path: Path) -> ET.Element:
    """Parse with expat directly, recording each element's line (ElementTree keeps none)."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate()

    def start(tag: str, attrs: dict[str, str]) -> None:
        builder.start(tag, {**attrs, _LINE_ATTR: str(parser.CurrentLineNumber)})

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(path.read_bytes(), True)
    except expat.ExpatError as exc:
        raise ResourceError(f"{path}:{exc.lineno}: not well-formed XML: {exc}") from exc
    return builder.close()


def _line(element: ET.Element) -> int:
    return int(element.get(_LINE_ATTR, "0"))


def _number(path: Path, element: ET.Element, tag: str,
            kind: Callable[[str], float] = float) -> float | None:
    raw = (element.findtext(tag) or "").strip()
    if not raw:
        return None
    try:
        return kind(raw)
    except ValueError:
        raise ResourceError(
            f"{path}:{_line(element)}: <{tag}> {raw!r} is not a number."
        ) from None


def read_xml(path: Path, limit: int | None = None) -> list[GoldArticle]:
    """Articles of a GeoWebNews or TR-News/LGL XML file (the format is told per toponym)."""
    root = _parse_xml(path)
    articles: list[GoldArticle] = []
    for element in root.iter("article"):
        if limit is not None and len(articles) >= limit:
            break
        text = element.findtext("text") or ""
        doc_id = element.get("file") or element.get("docid") or str(len(articles))
        article = GoldArticle(doc_id, text, source=f"{path}:{_line(element)}")
        for toponym in element.iter("toponym"):
            article.add(_xml_toponym(path, toponym, text))
        articles.append(article)
    return articles


def _xml_toponym(path: Path, toponym: ET.Element, text: str) -> GoldPlace | None:
    start, end = _number(path, toponym, "start", int), _number(path, toponym, "end", int)
    where = f"{path}:{_line(toponym)}"
    if start is None or end is None or start >= end:
        raise ResourceError(f"{where}: toponym without a valid start/end.")
    if not 0 <= start < end <= len(text):
        return None
    gaz = toponym.find("gaztag")
    holder = gaz if gaz is not None else toponym
    lat = _number(path, holder, "lat" if gaz is not None else "latitude")
    lon = _number(path, holder, "lon" if gaz is not None else "longitude")
    gid_raw = gaz.get("geonameid") if gaz is not None else toponym.findtext("geonamesID")
    try:
        gid = int(gid_raw) if gid_raw and gid_raw.strip() else None
    except ValueError:
        raise ResourceError(f"{where}: geonames id {gid_raw!r} is not an integer.") from None
    country = (holder.findtext("country") or "").strip() or None
    return GoldPlace(int(start), int(end), text[int(start):int(end)],
                     (toponym.findtext("type") or "").strip(), lat, lon, gid,
                     country, _line(toponym))


def read_gwn_geocoding(path: Path, texts: list[tuple[str, str]],
                       limit: int | None = None) -> list[GoldArticle]:
    """The `gwn_full.txt` lines, paired in order with (id, text) of the same articles."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if len([ln for ln in lines if ln.strip()]) > len(texts):
        raise ResourceError(f"{path}:{len(texts) + 1}: more lines than article texts "
                            f"({len(texts)}); is the text source the same corpus?")
    articles: list[GoldArticle] = []
    for number, (line, (doc_id, text)) in enumerate(zip(lines, texts, strict=False), start=1):
        if limit is not None and len(articles) >= limit:
            break
        article = GoldArticle(doc_id, text, source=f"{path}:{number}")
        for item in filter(None, line.strip().split("||")):
            article.add(_geocoding_item(path, number, item, text))
        articles.append(article)
    return articles


def _geocoding_item(path: Path, number: int, item: str, text: str) -> GoldPlace | None:
    parts = item.split(",,")
    if len(parts) != 6:
        raise ResourceError(f"{path}:{number}: toponym {item[:60]!r} does not have the six "
                            "fields name,,surface,,lat,,lon,,start,,end.")
    try:
        lat, lon = float(parts[2]), float(parts[3])
        start, end = int(parts[4]), int(parts[5])
    except ValueError:
        raise ResourceError(f"{path}:{number}: bad number in toponym {item[:60]!r}.") from None
    if start >= end:
        raise ResourceError(f"{path}:{number}: empty span {start}-{end}.")
    if not 0 <= start < end <= len(text) or text[start:end] != parts[1]:
        return None
    return GoldPlace(start, end, text[start:end], "", lat, lon, line=number)


def read_brat(folder: Path, limit: int | None = None) -> list[GoldArticle]:
    """GeoWebNews brat files: toponym spans and types (T lines), GeoNames ids (notes)."""
    articles: list[GoldArticle] = []
    for ann in sorted(folder.glob("*.ann"), key=_natural_key):
        if limit is not None and len(articles) >= limit:
            break
        txt = ann.with_suffix(".txt")
        if not txt.is_file():
            raise ResourceError(f"{ann}:1: no text file {txt.name} beside it.")
        text = txt.read_text(encoding="utf-8")
        articles.append(GoldArticle(ann.stem, text, _brat_places(ann, text), str(ann)))
    return articles


def _brat_places(ann: Path, text: str) -> list[GoldPlace]:
    places: dict[str, GoldPlace] = {}
    notes: dict[str, str] = {}
    for number, line in enumerate(ann.read_text(encoding="utf-8").splitlines(), start=1):
        cells = line.split("\t")
        if line.startswith("T"):
            try:
                kind, start, end = cells[1].split(" ")[:3]
                place = GoldPlace(int(start), int(end), text[int(start):int(end)], kind,
                                  line=number)
            except (IndexError, ValueError):
                raise ResourceError(f"{ann}:{number}: bad brat text-bound line.") from None
            places[cells[0]] = place
        elif line.startswith("#") and len(cells) >= 3:
            notes[cells[1].split(" ")[-1]] = cells[2].strip()
    for key, note in notes.items():
        if key in places and note.isdigit():
            places[key].geonames_id = int(note)
    return sorted(places.values(), key=lambda p: p.start)


def _natural_key(path: Path) -> tuple[int, str]:
    return (int(path.stem), "") if path.stem.isdigit() else (10**9, path.stem)


def read_gold(gold_path: Path, limit: int | None = None) -> list[GoldArticle]:
    """Any of the formats above, told by the path: folder, .xml, gwn_full .txt, brat folder."""
    path = Path(gold_path)
    if not path.exists():
        raise ResourceError(f"{path}: no such gold file or folder.")
    if path.is_dir():
        if (path / "GWN.xml").is_file():
            return read_xml(path / "GWN.xml", limit)
        if any(path.glob("*.ann")):
            return read_brat(path, limit)
        xmls = sorted(path.glob("*.xml"))
        if xmls:
            return [a for x in xmls for a in read_xml(x)][:limit]
        raise ResourceError(f"{path}: no GWN.xml, *.xml or brat *.ann gold inside.")
    if path.suffix == ".xml":
        return read_xml(path, limit)
    return read_gwn_geocoding(path, _texts_for_geocoding(path), limit)


def _texts_for_geocoding(path: Path) -> list[tuple[str, str]]:
    for folder in (path.parent, path.parent.parent):
        xml = folder / "GWN.xml"
        if xml.is_file():
            return [(a.id, a.text) for a in read_xml(xml)]
        brat = folder / "GeoWebNews"
        if brat.is_dir():
            files = sorted(brat.glob("*.txt"), key=lambda p: p.stem)  # the XML's order
            return [(f.stem, _BRAT_HEADER.sub("", f.read_text(encoding="utf-8"), count=1))
                    for f in files]
    raise ResourceError(f"{path}:1: no article texts found (want GWN.xml or GeoWebNews/ "
                        "next to it).")


# ---------------------------------------------------------------------------------- scoring


def match(predicted: list[Place], gold: list[GoldPlace]) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index) of overlapping spans, largest overlap first
    (ties to the later indices)."""
    return one_to_one(
        ((shared, i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)
         if (shared := overlap(p.start, p.end, g.start, g.end)) > 0),
        prefer_last=True,
    )


def within(place: Place | None, gold: GoldPlace) -> bool:
    if place is None or place.lat is None or place.lon is None or not gold.geocoded:
        return False
    return haversine_km(place.lat, place.lon, gold.lat, gold.lon) <= WITHIN_KM  # type: ignore[arg-type]


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return " ".join(text[left:right].split())[:240]


@dataclass
class _Selection:
    """Which gold places one family of figures scores, and the suffix of its names."""

    suffix: str
    gold: list[GoldPlace]
    ignored: list[GoldPlace]  # predictions on these are neither right nor wrong


def _selections(article: GoldArticle) -> list[_Selection]:
    toponyms = [g for g in article.places if g.type not in NOT_TOPONYM_TYPES]
    primary = [g for g in toponyms if g.locational]
    other = [g for g in toponyms if not g.locational]
    selections = [_Selection("", primary, other)]
    if other or any(g.type for g in article.places):
        selections.append(_Selection("_all", [g for g in toponyms if g.geocoded or g.locational]
                                     or toponyms, []))
    return selections


def score_document(report: EvalReport, article: GoldArticle, record: ArticleRecord,
                   resolved: dict[int, Place | None], collect_errors: bool) -> None:
    """Add one article's figures; `resolved` maps id(gold place) -> its gold-span resolution."""
    for selection in _selections(article):
        _score_selection(report, article, record, selection, resolved,
                         collect_errors and not selection.suffix)


def _score_selection(report: EvalReport, article: GoldArticle, record: ArticleRecord,
                     sel: _Selection, resolved: dict[int, Place | None],
                     collect_errors: bool) -> None:
    s = sel.suffix
    predicted = [p for p in record.places
                 if not any(overlap(p.start, p.end, g.start, g.end) > 0 for g in sel.ignored)]
    pairs = match(predicted, sel.gold)
    counts = report.counts("spans" + s)
    counts.tp += len(pairs)
    counts.fp += len(predicted) - len(pairs)
    counts.fn += len(sel.gold) - len(pairs)
    matched_gold = {j: predicted[i] for i, j in pairs}
    for j, gold in enumerate(sel.gold):
        if not gold.geocoded:
            continue
        place = matched_gold.get(j)
        near = within(place, gold)
        report.share("end_to_end" + s).total += 1
        report.share("end_to_end" + s).right += near
        right_on_gold = within(resolved.get(id(gold)), gold)
        report.share("resolution_on_gold_spans" + s).total += 1
        report.share("resolution_on_gold_spans" + s).right += right_on_gold
        if place is not None:
            report.share("within_161km" + s).total += 1
            report.share("within_161km" + s).right += near
            if gold.country:
                report.share("country_right" + s).total += 1
                report.share("country_right" + s).right += place.country == gold.country
            if collect_errors and not near:
                report.errors.append(_wrong_message(article, gold, place))
    if collect_errors:
        _list_misses(report, article, predicted, sel.gold, pairs)


def _wrong_message(article: GoldArticle, gold: GoldPlace, place: Place) -> str:
    return (f"{article.id} WRONG '{gold.text}' -> {place.name} ({place.country}, "
            f"{place.lat}, {place.lon}); gold ({gold.lat}, {gold.lon}) | "
            f"{_sentence(article.text, gold.start, gold.end)}")


def _list_misses(report: EvalReport, article: GoldArticle, predicted: list[Place],
                 gold: list[GoldPlace], pairs: list[tuple[int, int]]) -> None:
    found_p = {i for i, _ in pairs}
    found_g = {j for _, j in pairs}
    for j, g in enumerate(gold):
        if j not in found_g:
            report.errors.append(f"{article.id} MISS '{g.text}' [{g.type or 'place'}] | "
                                 f"{_sentence(article.text, g.start, g.end)}")
    for i, p in enumerate(predicted):
        if i not in found_p:
            report.errors.append(f"{article.id} FALSE ALARM '{p.text}' -> {p.name} "
                                 f"({p.country}) | {_sentence(article.text, p.start, p.end)}")


def _code(pipeline: Pipeline, article: GoldArticle) -> tuple[Document, ArticleRecord]:
    """Run the stages one by one, keeping the Document (its toponyms are the context)."""
    doc = Document(id=article.id, text=article.text)
    for stage in pipeline.stages:
        stage(doc)
    return doc, doc.to_record()


def _resolve_gold(pipeline: Pipeline, doc: Document, article: GoldArticle,
                  ) -> dict[int, Place | None]:
    from communique.stages.places import PlacesStage

    stage = next((s for s in pipeline.stages if isinstance(s, PlacesStage)), None) \
        or PlacesStage()
    resolved: dict[int, Place | None] = {}
    for gold in article.places:
        entry = stage.resolve_span(doc, gold.start, gold.end)
        resolved[id(gold)] = None if entry is None else Place(
            id="gold", start=gold.start, end=gold.end, text=gold.text, name=entry.name,
            country=entry.country, lat=entry.lat, lon=entry.lon,
            geonames_id=entry.geonames_id, feature=entry.feature,  # type: ignore[arg-type]
        )
    return resolved


def _fill_gold_countries(articles: list[GoldArticle]) -> None:
    """Gold countries where the gold gives none: by GeoNames id, else the nearest city."""
    from communique.resources.gazetteer import country_of

    for article in articles:
        for gold in article.places:
            if gold.country is None and gold.geocoded:
                gold.country = country_of(gold.geonames_id, gold.lat, gold.lon)  # type: ignore[arg-type]


def half_of(article_id: str) -> str:
    """The development half ("A" or "B") an article belongs to; stable across runs."""
    return crc32_half(article_id)


HALF_FIGURES = ("end_to_end", "within_161km", "resolution_on_gold_spans")


def evaluate(
    gold_path: Path,
    pipeline: Pipeline,
    limit: int | None = None,
    collect_errors: bool = False,
) -> EvalReport:
    """Code every gold text with the pipeline and score its places (see the module docstring)."""
    report = EvalReport(task="places", gold_path=str(gold_path))
    report.counts("spans")
    for name in ("within_161km", "country_right", "end_to_end", "resolution_on_gold_spans"):
        report.share(name)
    path, only = split_half_path(Path(gold_path))
    articles = read_gold(path, limit)
    if only is not None:
        articles = [a for a in articles if half_of(a.id) == only]
        report.notes.append(f"half {only} only ({len(articles)} articles).")
    _fill_gold_countries(articles)
    halves: dict[str, EvalReport] = {}
    for article in articles:
        try:
            doc, record = _code(pipeline, article)
        except Exception as exc:  # noqa: BLE001 - one bad article never stops the evaluation
            report.notes.append(f"{article.id}: not coded ({type(exc).__name__}: {exc})")
            continue
        report.documents += 1
        resolved = _resolve_gold(pipeline, doc, article)
        score_document(report, article, record, resolved, collect_errors)
        half = halves.setdefault(half_of(article.id), EvalReport("places", str(path)))
        score_document(half, article, record, resolved, False)
    if only is None:
        add_halves(report, halves, counts=("spans",), shares=HALF_FIGURES)
    if skipped := sum(a.skipped for a in articles):
        report.notes.append(f"{skipped} gold item(s) outside their article text left out.")
    report.notes.append(
        "gold: locational toponyms (GeoWebNews Literal, Mixed, Literal_Modifier, "
        "Embedded_Literal, Coercion); *_all: every geocoded toponym incl. metonymic and "
        "adjectival uses. match: spans overlap (one-to-one); right: within 161 km."
    )
    return report

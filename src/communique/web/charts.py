"""Geometry of the dashboard's SVG charts, computed here so templates only place shapes.

No chart library and no JavaScript: a timeline of stacked bars, a dyad network on a circle and a
board of lanes are simple enough to draw from first principles, and computing the coordinates in
Python keeps them testable and lets every page render without scripts. Labels are plain strings;
the templates escape them.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from communique.query import EventRow

#: PLOVER types ordered from cooperation to conflict, so stacked bars read as a gradient.
PLOVER_ORDER = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
               4: "material conflict"}
QUAD_COLORS = {1: "#7fbf7b", 2: "#1b7837", 3: "#f4a582", 4: "#b2182b"}
UNKNOWN_COLOR = "#999999"
#: board kinds grouped by colour: stance open/refuse, outsiders' calls, talks, conditions
BOARD_COLORS = {
    "open_to_talks": "#1b7837", "open_to_ceasefire": "#1b7837", "accepts_mediation": "#1b7837",
    "ceasefire_declared": "#1b7837", "refuses_talks": "#b2182b", "refuses_ceasefire": "#b2182b",
    "refuses_mediation": "#b2182b", "rejects_settlement": "#b2182b", "halts_talks": "#b2182b",
    "agreement_broken": "#67001f", "calls_for_talks": "#2166ac", "calls_for_ceasefire": "#2166ac",
    "calls_for_mediation": "#2166ac", "offers_mediation": "#5e3c99", "mediates": "#5e3c99",
    "demands_deescalation": "#e08214", "talks_held": "#35978f", "agreement_signed": "#01665e",
    "condition": "#e08214",
}


def goldstein_color(value: float | None) -> str:
    """Red (-10, conflict) through grey (0) to green (+10, cooperation)."""
    if value is None:
        return UNKNOWN_COLOR
    t = max(-1.0, min(1.0, value / 10.0))
    grey, red, green = (150, 150, 150), (178, 24, 43), (27, 120, 55)
    end = green if t > 0 else red
    rgb = [round(g + (e - g) * abs(t)) for g, e in zip(grey, end, strict=True)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def plover_color(plover_type: str) -> str:
    """A colour per PLOVER type along the cooperation→conflict order (green → red)."""
    if plover_type not in PLOVER_ORDER:
        return UNKNOWN_COLOR
    t = PLOVER_ORDER.index(plover_type) / (len(PLOVER_ORDER) - 1)
    return goldstein_color(10.0 - 20.0 * t)


# -- timeline ------------------------------------------------------------------------------------


@dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float
    color: str
    title: str
    bucket: str = ""


@dataclass
class Tick:
    x: float
    label: str
    anchor: str = "middle"


@dataclass
class LegendEntry:
    label: str
    color: str
    count: int


@dataclass
class Timeline:
    width: int
    height: int
    bars: list[Rect]
    ticks: list[Tick]
    legend: list[LegendEntry]
    max_count: int
    bucket: str
    total: int


def _series_key(row: EventRow, group: str) -> str:
    if group == "quad":
        return QUAD_LABELS.get(row.quad_class or 0, "unknown")
    return row.plover_type


def _series_color(key: str, group: str) -> str:
    if group == "quad":
        quad = next((q for q, label in QUAD_LABELS.items() if label == key), 0)
        return QUAD_COLORS.get(quad, UNKNOWN_COLOR)
    return plover_color(key)


def _series_order(keys: Iterable[str], group: str) -> list[str]:
    order = list(QUAD_LABELS.values()) if group == "quad" else list(PLOVER_ORDER)
    return sorted(set(keys), key=lambda k: (order.index(k) if k in order else len(order), k))


def timeline(rows: Sequence[EventRow], group: str = "plover", width: int = 900,
             height: int = 260) -> Timeline:
    """Stacked bars of events per day (or per month when the range is long), one colour a type."""
    dated = [r for r in rows if r.day]
    days = sorted({r.day[:10] for r in dated if r.day})
    bucket = "month" if len({d[:7] for d in days}) > 3 or len(days) > 60 else "day"
    cut = 7 if bucket == "month" else 10
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for row in dated:
        counts[(row.day or "")[:cut]][_series_key(row, group)] += 1
    buckets = sorted(counts)
    series = _series_order((k for c in counts.values() for k in c), group)
    max_count = max((sum(c.values()) for c in counts.values()), default=0)
    left, bottom, top = 40, 30, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    slot = plot_w / max(1, len(buckets))
    bars: list[Rect] = []
    ticks: list[Tick] = []
    step = max(1, math.ceil(len(buckets) / 12))
    for i, key in enumerate(buckets):
        x = left + i * slot + slot * 0.1
        y: float = top + plot_h
        for name in series:
            n = counts[key][name]
            if not n:
                continue
            h = plot_h * n / max_count
            y -= h
            bars.append(Rect(round(x, 1), round(y, 1), round(slot * 0.8, 1), round(h, 1),
                             _series_color(name, group), f"{key}: {n} {name}", key))
        if i % step == 0:
            ticks.append(Tick(round(left + i * slot + slot / 2, 1), key))
    totals = Counter(_series_key(r, group) for r in dated)
    legend = [LegendEntry(name, _series_color(name, group), totals[name]) for name in series]
    return Timeline(width, height, bars, ticks, legend, max_count, bucket, len(dated))


# -- dyad network --------------------------------------------------------------------------------


@dataclass
class Node:
    key: str
    label: str
    x: float
    y: float
    r: float
    count: int


@dataclass
class Edge:
    source: str
    target: str
    count: int
    goldstein: float | None
    color: str
    path: str
    arrow: str
    width: float
    title: str


@dataclass
class Network:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge] = field(default_factory=list)


def _party(code: str | None, country: str | None, level: str) -> str | None:
    if level == "country":
        return country or (code[:3] if code else None)
    return code


def _aggregate(rows: Sequence[EventRow], level: str) -> dict[tuple[str, str], list[EventRow]]:
    pairs: dict[tuple[str, str], list[EventRow]] = defaultdict(list)
    for row in rows:
        s = _party(row.source_code, row.source_country, level)
        t = _party(row.target_code, row.target_country, level)
        if s and t and s != t:
            pairs[(s, t)].append(row)
    return pairs


def _curve(a: Node, b: Node, size: float = 8.0) -> tuple[str, str]:
    """A bent path from a to b (so a→b and b→a stay apart) and an arrowhead at b's rim."""
    dx, dy = b.x - a.x, b.y - a.y
    dist = math.hypot(dx, dy) or 1.0
    ux, uy = dx / dist, dy / dist
    cx, cy = (a.x + b.x) / 2 - uy * dist * 0.15, (a.y + b.y) / 2 + ux * dist * 0.15
    # the end point sits on b's circle, along the tangent at the end of the curve
    tx, ty = b.x - cx, b.y - cy
    tl = math.hypot(tx, ty) or 1.0
    ex, ey = b.x - tx / tl * (b.r + 2), b.y - ty / tl * (b.r + 2)
    bx, by = ex - tx / tl * size, ey - ty / tl * size
    px, py = -ty / tl * size / 2, tx / tl * size / 2
    path = f"M{a.x:.1f},{a.y:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}"
    arrow = f"{ex:.1f},{ey:.1f} {bx + px:.1f},{by + py:.1f} {bx - px:.1f},{by - py:.1f}"
    return path, arrow


def network(rows: Sequence[EventRow], level: str = "country", width: int = 640,
            height: int = 640, max_nodes: int = 40, min_events: int = 1,
            color_by: str = "goldstein") -> Network:
    """Who acts on whom: parties on a circle, one bent arrow per direction, coloured by the mean
    Goldstein score of the events (red conflict → green cooperation) or, with
    `color_by="quad"`, by their most frequent quad class. Directions with fewer than
    `min_events` events are left out, which thins a dense network to its main lines."""
    pairs = {k: v for k, v in _aggregate(rows, level).items() if len(v) >= min_events}
    degree: Counter[str] = Counter()
    for (s, t), events in pairs.items():
        degree[s] += len(events)
        degree[t] += len(events)
    keys = [k for k, _ in degree.most_common(max_nodes)]
    names = _names(rows, level)
    cx, cy, radius = width / 2, height / 2, min(width, height) / 2 - 60
    top = max(degree.values(), default=1)
    nodes: dict[str, Node] = {}
    for i, key in enumerate(sorted(keys)):
        angle = 2 * math.pi * i / max(1, len(keys)) - math.pi / 2
        nodes[key] = Node(key, names.get(key, key), round(cx + radius * math.cos(angle), 1),
                          round(cy + radius * math.sin(angle), 1),
                          round(6 + 12 * math.sqrt(degree[key] / top), 1), degree[key])
    edges = []
    heaviest = max((len(v) for v in pairs.values()), default=1)
    for (s, t), events in sorted(pairs.items()):
        if s not in nodes or t not in nodes:
            continue
        scores = [e.goldstein for e in events if e.goldstein is not None]
        mean = sum(scores) / len(scores) if scores else None
        stroke = round(1.5 + 3.5 * len(events) / heaviest, 1)
        path, arrow = _curve(nodes[s], nodes[t], 6 + 2 * stroke)
        shown = f"{mean:+.1f}" if mean is not None else "n/a"
        color = quad_color(events) if color_by == "quad" else goldstein_color(mean)
        edges.append(Edge(s, t, len(events), mean, color, path, arrow, stroke,
                          f"{s} → {t}: {len(events)} events, mean Goldstein {shown}"))
    return Network(width, height, list(nodes.values()), edges)


def quad_color(events: Sequence[EventRow]) -> str:
    """The colour of the most frequent quad class (ties go to the more conflictual class)."""
    counts = Counter(e.quad_class for e in events if e.quad_class in QUAD_COLORS)
    if not counts:
        return UNKNOWN_COLOR
    quad = max(counts, key=lambda q: (counts[q], q or 0))
    return QUAD_COLORS[quad or 0]


def _names(rows: Sequence[EventRow], level: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for row in rows:
        for code, country, name in ((row.source_code, row.source_country, row.source_name),
                                    (row.target_code, row.target_country, row.target_name)):
            key = _party(code, country, level)
            if key and name and (level == "code" or code == country):
                names.setdefault(key, name)
    return names


# -- negotiation board lanes ---------------------------------------------------------------------


@dataclass
class Lane:
    party: str
    label: str
    y: float


@dataclass
class Marker:
    x: float
    y: float
    color: str
    title: str
    index: int


@dataclass
class Lanes:
    width: int
    height: int
    lanes: list[Lane]
    markers: list[Marker]
    ticks: list[Tick]


def _day_number(day: str) -> int:
    """Days since year 0 for a YYYY[-MM[-DD]] string (month/year dates sit on their first day)."""
    import datetime as dt

    parts = [int(p) for p in day[:10].split("-")] + [1, 1]
    try:
        return dt.date(parts[0], parts[1] or 1, parts[2] or 1).toordinal()
    except ValueError:
        return dt.date(parts[0], 1, 1).toordinal()


def board_lanes(items: Sequence[object], party_names: dict[str, str], width: int = 900) -> Lanes:
    """One lane per party (the dyad first, then outsiders); each board item a dot at its date.

    `items` are board items (attributes party, kind, label, date, condition); undated items sit
    at the left edge. `index` ties a dot to the item's row in the table below the chart.
    """
    parties = list(party_names)
    for item in items:
        party = str(getattr(item, "party", ""))
        if party not in parties:
            parties.append(party)
    left, right, row_h = 150, 20, 34
    lanes = [Lane(p, party_names.get(p) or p, 20 + i * row_h) for i, p in enumerate(parties)]
    by_party = {lane.party: lane for lane in lanes}
    days = [_day_number(d) for d in (getattr(i, "date", None) for i in items) if d]
    first, last = (min(days), max(days)) if days else (0, 1)
    span = max(1, last - first)
    plot = width - left - right
    markers = []
    taken: Counter[tuple[str, float]] = Counter()
    for index, item in enumerate(items):
        date = getattr(item, "date", None)
        x = left + (plot * (_day_number(date) - first) / span if date else 0)
        lane = by_party[str(getattr(item, "party", ""))]
        taken[(lane.party, x)] += 1
        x += 16 * (taken[(lane.party, x)] - 1)  # several items on one day sit side by side
        text = f"{date or 'undated'}: {getattr(item, 'label', '')}"
        if getattr(item, "condition", None):
            text += f" — {item.condition}"  # type: ignore[attr-defined]
        markers.append(Marker(round(x, 1), lane.y, BOARD_COLORS.get(
            str(getattr(item, "kind", "")), UNKNOWN_COLOR), text, index))
    ticks = []
    if days:
        import datetime as dt

        for k in range(5 if last > first else 1):
            ordinal = first + round(span * k / 4)
            ticks.append(Tick(round(left + plot * (ordinal - first) / span, 1),
                              dt.date.fromordinal(ordinal).isoformat()))
        ticks[-1].anchor = "end" if len(ticks) > 1 else "start"
    return Lanes(width, 20 + len(lanes) * row_h + 10, lanes, markers, ticks)

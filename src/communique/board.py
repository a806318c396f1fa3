"""The negotiation board: for each pair of parties, where each stands on talks, over time.

Events are read as positions through resources/data/board.yaml (CAMEO 036 "open to talks", 125
"refuses talks", 0256 "calls for a ceasefire", ...). An event between two countries puts its pair
(the dyad) on the board; an event with no target joins the dyads of its article that contain its
source; a third party's call or mediation offer joins the dyads it is not part of. Every item
keeps who holds the position (`party`), who said so (`speaker`, and `reported_by` when that is
someone else, e.g. one side reporting the other's refusal), the date, the evidence sentence and
the article. Conditions are items of their own, extracted from the parse of the sentences where
the parties speak (see board_conditions.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from communique.board_conditions import Condition, extract_conditions
from communique.board_rules import BoardRules, default_rules
from communique.models import Actor, ArticleRecord, Event

if TYPE_CHECKING:
    from spacy.language import Language

    from communique.store import Store

Dyad = tuple[str, str]


class BoardItem(BaseModel):
    dyad: str
    kind: str
    label: str
    party: str = Field(description="country code of who holds the position")
    party_name: str | None
    role: str = Field(description="'party' (one of the dyad) or 'third-party'")
    target: str | None = None
    speaker: str | None = Field(default=None, description="who said it")
    reported_by: str | None = Field(default=None, description="speaker's country, when not party")
    date: str | None
    article_id: str
    event_id: str | None = None
    sentence_index: int
    evidence: str
    cameo: str | None = None
    modality: str | None = None
    condition: str | None = None
    addressee: str | None = Field(default=None, description="whom a condition asks to act")
    mediators: list[str] = Field(default_factory=list)


class PartyPosition(BaseModel):
    party: str
    name: str | None
    stance: str | None = Field(description="'open' or 'refuse': the latest stance item")
    stance_label: str | None
    stance_date: str | None
    reported_by: str | None
    conditions: list[str]


class ThirdParty(BaseModel):
    party: str
    name: str | None
    positions: list[str]


class DyadBoard(BaseModel):
    dyad: str
    parties: list[PartyPosition]
    third_parties: list[ThirdParty]
    mediators: list[str]
    first_day: str | None
    last_day: str | None
    items: list[BoardItem]


class Board(BaseModel):
    dyads: list[DyadBoard]
    warnings: list[str] = Field(default_factory=list,
                                description="why the board may be slow or incomplete")


def parse_dyad(text: str) -> Dyad:
    """'RUS-UKR' (any order, any case) as a sorted pair of codes."""
    parts = [p.strip().upper() for p in re.split(r"[-_,/ ]+", text) if p.strip()]
    if len(parts) != 2 or parts[0] == parts[1]:
        from communique.errors import UsageError

        raise UsageError(f"'{text}' is not a dyad.", "give two codes, e.g. RUS-UKR.")
    return (min(parts), max(parts))


def _key(a: str, b: str) -> Dyad:
    return (a, b) if a < b else (b, a)


# -- one article ---------------------------------------------------------------------------------


@dataclass
class _Article:
    """An article record with the lookups the board needs."""

    record: ArticleRecord
    rules: BoardRules

    def __post_init__(self) -> None:
        self.actors = {a.id: a for a in self.record.actors}
        self.date = self.record.published

    def sentence(self, index: int) -> str:
        if 0 <= index < len(self.record.sentences):
            s = self.record.sentences[index]
            return " ".join(self.record.text[s.start : s.end].split())
        return ""

    def name(self, actor_id: str | None, code: str | None) -> str | None:
        actor = self.actors.get(actor_id or "")
        return actor.name if actor else code

    def actor_at(self, start: int, end: int) -> Actor | None:
        best: tuple[int, Actor] | None = None
        for actor in self.record.actors:
            for m in actor.mentions:
                overlap = min(end, m.end) - max(start, m.start)
                if overlap > 0 and (best is None or overlap > best[0]):
                    best = (overlap, actor)
        return best[1] if best else None

    def record_sentence_of(self, offset: int) -> int:
        return next((i for i, s in enumerate(self.record.sentences)
                     if s.start <= offset < s.end), -1)

    def countries_in(self, index: int) -> list[Actor]:
        s = self.record.sentences[index]
        return [a for a in self.record.actors
                if any(s.start <= m.start < s.end for m in a.mentions)]

    def speaker_of(self, event: Event) -> tuple[str | None, str | None]:
        """(name, country) of who said it: the event's quote, a quote around it, or the source."""
        quote = next((q for q in self.record.quotes if q.id == event.quote), None) or next(
            (q for q in self.record.quotes
             if q.start <= event.trigger.start < q.end and q.speaker is not None), None)
        if quote is not None and quote.speaker is not None:
            actor = self.actors.get(quote.speaker.actor or "")
            return quote.speaker.name, actor.country if actor else None
        return self.name(event.source.actor, event.source.code), event.source.country

    def dyads(self) -> set[Dyad]:
        """Pairs of parties this article shows acting on each other (not as outsiders)."""
        pairs: set[Dyad] = set()
        for event in self.record.events:
            s, t = party_keys(event)
            if not s or not t or s == t:
                continue
            kind = self.rules.kind_of(event.cameo, event.plover.type, event.plover.mode, False)
            if kind is None or not self.rules.kinds[kind].third_party:
                pairs.add(_key(s, t))
        return pairs


def party_keys(event: Event) -> tuple[str | None, str | None]:
    """The parties of an event: countries, or full actor codes inside one country (SDNMIL)."""
    s, t = event.source, event.target
    if t and s.country and s.country == t.country and s.code and t.code and s.code != t.code:
        return s.code, t.code
    return s.country, (t.country if t else None)


def _ids(*values: str | None) -> set[str]:
    return {v for v in values if v}


def _event_items(art: _Article, event: Event, dyads: set[Dyad]) -> list[BoardItem]:
    source, target = party_keys(event)
    if not source:
        return []
    mine = _ids(event.source.country, event.source.code)
    placements: list[tuple[Dyad, str, str]] = []
    if target and target != source and _key(source, target) in dyads:
        placements.append((_key(source, target), "party", source))
    elif target is None or target == source:
        placements += [(d, "party", next(x for x in d if x in mine))
                       for d in dyads if mine & set(d)]
    insider = any(mine & set(d) for d in dyads)
    for dyad in dyads:
        # an outsider's call joins a dyad; a party's target-less call stays on its own dyads
        if not mine & set(dyad) and ((target is None and not insider) or target in dyad):
            placements.append((dyad, "third-party", source))
    if target and target != source and not placements:
        placements.append((_key(source, target), "party", source))
    items = []
    for dyad, role, party in placements:
        item = _item(art, event, dyad, role, party)
        if item is not None:
            items.append(item)
    return items


def _item(art: _Article, event: Event, dyad: Dyad, role: str, party: str) -> BoardItem | None:
    rules = art.rules
    kind_name = rules.kind_of(event.cameo, event.plover.type, event.plover.mode,
                              third_party=role == "third-party")
    if kind_name is None:
        return None
    kind = rules.kinds[kind_name]
    if role == "third-party" and not (kind.third_party or kind.mediator == "source"):
        return None  # an outsider's own talks or refusals are not this dyad's story
    if event.negated:
        if kind.negated is None:
            return None
        kind = rules.kinds[kind.negated]
    speaker, speaker_country = art.speaker_of(event)
    own = event.source.country
    return BoardItem(
        dyad="-".join(dyad), kind=kind.name, label=kind.label, party=party,
        party_name=art.name(event.source.actor, event.source.code), role=role,
        target=event.target.country if event.target else None, speaker=speaker,
        reported_by=speaker_country if speaker_country and speaker_country != own else None,
        date=event.date or art.date, article_id=art.record.id, event_id=event.id,
        sentence_index=event.sentence, evidence=art.sentence(event.sentence),
        cameo=event.cameo, modality=event.modality,
        mediators=_mediators(art, event, kind.mediator, dyad),
    )


def _mediators(art: _Article, event: Event, side: str | None, dyad: Dyad) -> list[str]:
    if side == "source":
        return [n for n in [art.name(event.source.actor, event.source.code)] if n]
    if side != "target":
        return []
    if event.target and event.target.country and event.target.country not in dyad:
        return [n for n in [art.name(event.target.actor, event.target.code)] if n]
    named = [a for a in art.countries_in(event.sentence)
             if a.kind in ("country", "igo") and a.country not in dyad
             and a.id != event.source.actor]
    return [a.name for a in named]


# -- conditions ----------------------------------------------------------------------------------


_WORD = re.compile(r"[a-z]+")


_CUES: list[tuple[dict[str, frozenset[str]], re.Pattern[str]]] = []


def _has_cue(text: str, words: dict[str, frozenset[str]]) -> bool:
    """A cue word as a whole token, or a token starting with a demand verb (one regex, cached)."""
    pattern = next((p for w, p in _CUES if w is words), None)
    if pattern is None:
        whole = sorted(w for key in ("marks", "modals", "condition_nouns") for w in words[key]
                       if _WORD.fullmatch(w))
        prefixes = sorted(w for w in words["demand_verbs"] if _WORD.fullmatch(w))
        alternatives = [f"(?:{'|'.join(whole)})(?![a-z])"] if whole else []
        alternatives += [f"(?:{'|'.join(prefixes)})"] if prefixes else []
        pattern = re.compile(f"(?<![a-z])(?:{'|'.join(alternatives) or '(?!)'})")
        _CUES[:] = [*_CUES[-7:], (words, pattern)]
    return pattern.search(text.lower()) is not None


def _condition_sentences(art: _Article, dyads: set[Dyad]) -> list[int]:
    """Sentences worth parsing: a dyad party speaks or acts in them, and a cue word is there."""
    parties = {c for d in dyads for c in d}
    wanted: set[int] = {e.sentence for e in art.record.events
                        if _ids(e.source.country, e.source.code) & parties}
    for quote in art.record.quotes:
        actor = art.actors.get(quote.speaker.actor or "") if quote.speaker else None
        if actor is not None and _ids(actor.country, actor.code) & parties:
            wanted |= {i for i, s in enumerate(art.record.sentences)
                       if s.start < quote.end and quote.start < s.end}
    for actor in art.record.actors:  # a party named in a sentence may state its terms there
        if _ids(actor.country, actor.code) & parties:
            wanted |= {art.record_sentence_of(m.start) for m in actor.mentions}
    words = art.rules.words
    return sorted(i for i in wanted if 0 <= i < len(art.record.sentences)
                  and _has_cue(art.sentence(i), words))


def _sentence_holder(art: _Article, index: int, doc: Any) -> Actor | None:
    """Who states the sentence: its quote's speaker, 'according to X', or a say-verb subject."""
    s = art.record.sentences[index]
    for quote in art.record.quotes:
        if quote.speaker is not None and s.start < quote.end and quote.start < s.end:
            actor = art.actors.get(quote.speaker.actor or "")
            if actor is not None:
                return actor
    base = s.start + (len(art.record.text[s.start : s.end]) -
                      len(art.record.text[s.start : s.end].lstrip()))
    for token in doc:
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if obj is not None:
                return art.actor_at(base + obj.left_edge.idx, base + obj.right_edge.idx + 1)
        if token.dep_ == "ROOT" and token.lemma_.lower() in art.rules.words["say_verbs"]:
            subj = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return art.actor_at(base + subj.left_edge.idx, base + subj.right_edge.idx + 1)
    return None


def _condition_items(art: _Article, dyads: set[Dyad], nlp: Language) -> list[BoardItem]:
    indices = _condition_sentences(art, dyads)
    if not indices:
        return []
    texts = [art.record.text[art.record.sentences[i].start : art.record.sentences[i].end]
             .strip() for i in indices]
    items: list[BoardItem] = []
    for index, doc in zip(indices, nlp.pipe(texts), strict=True):
        # a parse shared between several dyads' boards is read for conditions once
        conditions = doc.user_data.get("board_conditions")
        if conditions is None:
            conditions = extract_conditions(doc, art.rules.words)
            doc.user_data["board_conditions"] = conditions
        if not conditions:
            continue
        sentence_holder = _sentence_holder(art, index, doc)
        items += _place_conditions(art, index, doc, conditions, sentence_holder, dyads)
    return items


def _place_conditions(art: _Article, index: int, doc: Any, conditions: list[Condition],
                      default_holder: Actor | None, dyads: set[Dyad]) -> list[BoardItem]:
    s = art.record.sentences[index]
    raw = art.record.text[s.start : s.end]
    base = s.start + len(raw) - len(raw.lstrip())
    items = []
    for condition in conditions:
        holder = default_holder
        if condition.holder_start is not None and condition.holder_end is not None:
            holder = art.actor_at(base + condition.holder_start,
                                  base + condition.holder_end) or holder
        addressee = None
        if condition.subject_start is not None and condition.subject_end is not None:
            addressee = art.actor_at(base + condition.subject_start, base + condition.subject_end)
        if holder is None or not holder.country:
            continue
        held = _ids(holder.country, holder.code)
        asked = _ids(addressee.country, addressee.code) if addressee is not None else set()
        if addressee is not None and addressee.country == holder.country and (
                addressee.code == holder.code or not addressee.code):
            continue  # a party's demand of itself is no condition for talks
        to = addressee.country if addressee is not None else None
        for dyad in dyads:
            if not held & set(dyad) or (asked and not asked & set(dyad)):
                continue
            party = next(x for x in dyad if x in held)
            items.append(BoardItem(
                dyad="-".join(dyad), kind="condition",
                label=art.rules.kinds["condition"].label, party=party,
                party_name=holder.name, role="party", target=to, speaker=holder.name,
                date=art.date, article_id=art.record.id, sentence_index=index,
                evidence=art.sentence(index), condition=condition.text, addressee=to,
            ))
    return items


def article_items(record: ArticleRecord, rules: BoardRules, nlp: Language | None,
                  wanted: Dyad | None = None) -> list[BoardItem]:
    """The board items one article shows (conditions too when a parser is given)."""
    if record.status != "ok":
        return []
    art = _Article(record, rules)
    dyads = art.dyads()
    if wanted is not None:
        dyads = {d for d in dyads if d == wanted} or (
            {wanted} if {e.source.country for e in record.events} & set(wanted)
            and _mentions_both(record, wanted) else set())
    items = [item for event in record.events for item in _event_items(art, event, dyads)]
    if nlp is not None and dyads:
        items += _condition_items(art, dyads, nlp)
    return items


def _mentions_both(record: ArticleRecord, dyad: Dyad) -> bool:
    countries = {a.country for a in record.actors if a.mentions}
    return set(dyad) <= countries


# -- the board -----------------------------------------------------------------------------------


def board_from_records(
    records: Iterable[ArticleRecord],
    dyad: str | Dyad | None = None,
    since: str | None = None,
    until: str | None = None,
    nlp: Language | None = None,
    rules: BoardRules | None = None,
) -> Board:
    """The board over records: one DyadBoard per pair of parties, most active first."""
    rules = rules or default_rules()
    wanted = parse_dyad(dyad) if isinstance(dyad, str) else dyad
    items = (item for record in records for item in article_items(record, rules, nlp, wanted))
    return board_from_items(items, wanted, since, until, rules)


def board_from_items(items: Iterable[BoardItem], wanted: Dyad | None, since: str | None,
                     until: str | None, rules: BoardRules) -> Board:
    """Group items (in article order) into dyad boards, one item per position and evidence."""
    wanted_name = "-".join(wanted) if wanted else None
    seen: set[tuple[Any, ...]] = set()
    by_dyad: dict[str, list[BoardItem]] = {}
    for item in items:
        # an article about the dyad also yields items of other dyads: keep only the one asked
        if wanted_name and item.dyad != wanted_name or not _in_range(item.date, since, until):
            continue
        # wire copies repeat the same sentence: one item per position and evidence
        key = (item.dyad, item.kind, item.party, item.evidence, item.condition)
        if key in seen:
            continue
        seen.add(key)
        by_dyad.setdefault(item.dyad, []).append(item)
    boards = [_dyad_board(name, items, rules) for name, items in by_dyad.items()]
    boards.sort(key=lambda b: (-len(b.items), b.dyad))
    return Board(dyads=boards)


def _in_range(day: str | None, since: str | None, until: str | None) -> bool:
    if day is None:
        return since is None and until is None
    return (since is None or day >= since) and (until is None or day[: len(until)] <= until)


def _order(item: BoardItem) -> tuple[str, str, int]:
    return (item.date or "", item.article_id, item.sentence_index)


def _dyad_board(name: str, items: list[BoardItem], rules: BoardRules) -> DyadBoard:
    items.sort(key=_order)
    parties = name.split("-")
    positions = [_position(code, [i for i in items if i.party == code], rules)
                 for code in parties]
    outsiders: dict[str, ThirdParty] = {}
    for item in items:
        if item.role == "third-party":
            entry = outsiders.setdefault(item.party, ThirdParty(
                party=item.party, positions=[], name=country_name(
                    item.party, [i for i in items if i.party == item.party])))
            if item.label not in entry.positions:
                entry.positions.append(item.label)
    mediators: list[str] = []
    for item in items:
        mediators += [m for m in item.mediators if m not in mediators]
    days = [i.date for i in items if i.date]
    return DyadBoard(
        dyad=name, parties=positions, third_parties=list(outsiders.values()),
        mediators=mediators, first_day=min(days) if days else None,
        last_day=max(days) if days else None, items=items,
    )


def _position(code: str, items: list[BoardItem], rules: BoardRules) -> PartyPosition:
    stance_items = [i for i in items if rules.kinds[i.kind].stance and i.role == "party"]
    latest = stance_items[-1] if stance_items else None
    conditions: list[str] = []
    for item in items:
        if item.condition and item.condition.lower() not in {c.lower() for c in conditions}:
            conditions.append(item.condition)
    return PartyPosition(
        party=code, name=country_name(code, items),
        stance=rules.kinds[latest.kind].stance if latest else None,
        stance_label=latest.label if latest else None,
        stance_date=latest.date if latest else None,
        reported_by=latest.reported_by if latest else None,
        conditions=conditions,
    )


def country_name(code: str, items: list[BoardItem]) -> str | None:
    """The country's name from the country table, else the name its items most often give."""
    from communique.resources.countries import country_table

    try:
        country = country_table().by_iso3(code)
    except Exception:  # noqa: BLE001 - best effort: a broken table must not break the board
        country = None
    if country is not None:
        return country.name
    names = [i.party_name for i in items if i.party_name]
    return max(set(names), key=names.count) if names else None


STALE_ITEMS_WARNING = (
    "the board items stored in {db} were computed with other board rules (an older communique "
    "or board.yaml), so this board was computed from the records, which is slower; run "
    "`communique board --refresh --db {db}` once to store them again."
)


def build_board(
    store: Store,
    dyad: str | None = None,
    since: str | None = None,
    until: str | None = None,
    nlp: Language | None = None,
    conditions: bool = True,
) -> Board:
    """The board over the store, read from the items stored at ingest (see store_board.py).

    Articles are selected as the board always did (an event of the dyad asked, dated in range or
    undated), then their stored items of the right scope are read in one indexed query. A
    parser other than the pinned one (`nlp`) makes the board rebuild items from the records.
    """
    wanted = parse_dyad(dyad) if dyad else None
    clauses, params = _event_clauses(wanted, since, until)
    if nlp is not None and conditions:
        return _board_from_store_records(store, wanted, since, until, nlp, clauses, params)
    if not store.board_items_current():
        from communique.store_board import board_parser

        parser = board_parser() if conditions else None
        board = _board_from_store_records(store, wanted, since, until, parser, clauses, params)
        board.warnings.append(STALE_ITEMS_WARNING.format(db=store.path))
        return board
    from communique.store_board import ALL_DYADS

    sql = "SELECT b.item FROM board_items b WHERE b.scope = ?"
    head: list[Any] = [ALL_DYADS if wanted is None else "-".join(wanted)]
    if wanted is not None:
        sql += " AND b.dyad = ?"
        head.append("-".join(wanted))
    if not conditions:
        sql += " AND b.is_condition = 0"
    if clauses:
        sql += (" AND EXISTS (SELECT 1 FROM events e WHERE e.article_pk = b.article_pk AND "
                f"{' AND '.join(clauses)})")
    rows = store.read(sql + " ORDER BY b.article_pk, b.seq", [*head, *params])
    items = (BoardItem.model_validate_json(row["item"]) for row in rows)
    return board_from_items(items, wanted, since, until, default_rules())


def _event_clauses(wanted: Dyad | None, since: str | None,
                   until: str | None) -> tuple[list[str], list[Any]]:
    """Which events put an article on the board: of the dyad asked, dated in range or undated."""
    params: list[Any] = []
    clauses: list[str] = []
    if wanted is not None:
        # an intra-state dyad names full actor codes (SDNMIL-SDNREB), a country dyad countries
        column = "code" if any(len(code) > 3 for code in wanted) else "country"
        clauses.append(f"(e.source_{column} IN (?, ?) OR e.target_{column} IN (?, ?))")
        params += [*wanted, *wanted]
    if since:
        clauses.append("(e.day IS NULL OR e.day >= ?)")
        params.append(since)
    if until:
        clauses.append("(e.day IS NULL OR e.day <= ?)")
        params.append(until + "\U0010ffff")
    return clauses, params


def _board_from_store_records(store: Store, wanted: Dyad | None, since: str | None,
                              until: str | None, nlp: Language | None, clauses: list[str],
                              params: list[Any]) -> Board:
    """The board rebuilt from full records: slow, for a caller's own parser."""
    where = " AND ".join(["a.status = 'ok'", *clauses])
    rows = store.read(
        "SELECT DISTINCT a.id FROM events e JOIN articles a ON a.pk = e.article_pk "
        f"WHERE {where} ORDER BY a.pk", params)
    records = (store.get_record(row["id"]) for row in rows)
    return board_from_records((r for r in records if r is not None), wanted, since, until, nlp)

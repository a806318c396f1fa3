"""Finding actor mentions in a parsed document and deciding what each one refers to.

Two sources of mentions: the dictionary (a spaCy PhraseMatcher over every name, alias,
demonym and seat of power, matched on exact case so "US" is not "us") and spaCy's statistical
NER (PERSON, ORG). Dictionary matches override the NER where they overlap it with at least its
length, which is the NER guard: "Trump" is a person even when the small model says ORG. The
merged spans are written back to `doc.spacy.ents` so later stages see the corrected labels.

Each mention becomes a `Hit` with a `Referent`: the identity key that merges mentions into one
actor, and the code, country, sector, kind the actor gets. Country words that modify a sector
noun form a collective actor ("Ukrainian troops" -> UKR MIL, "Russian leadership" -> RUS GOV);
country words inside a person's title are absorbed into the person ("Ukrainian President X").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from communique.models import ActorKind
from communique.resources.actors import ActorDictionary, compose_code, iter_surface_forms
from communique.stages.actor_spelling import SpellingIndex

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc, Span, Token

CATEGORY_RANK = {"entry": 0, "country": 1, "seat": 2, "demonym": 3, "region": 4, "ethnic": 5,
                 "city": 6}
ENT_LABEL = {"person": "PERSON", "organization": "ORG", "igo": "ORG", "group": "ORG",
             "country": "GPE"}
SECTOR_LABEL = {"GOV": "government", "MIL": "military", "COP": "police", "SPY": "intelligence",
                "REB": "rebels", "OPP": "opposition", "LEG": "legislature", "JUD": "judiciary",
                "CVL": "civilians", "REF": "refugees", "JRN": "media", "MED": "medical workers",
                "EDU": "students", "LAB": "workers", "BUS": "business", "CRM": "criminals",
                "REL": "clergy", "ELI": "elites", "PTY": "party", "AGR": "farmers",
                "NGO": "non-governmental organizations"}
LOCATIVE = frozenset({"in", "at", "near", "outside", "around", "across", "inside", "into",
                      "throughout", "within", "toward", "towards"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})


@dataclass
class Referent:
    """What a mention denotes; `key` is the identity that merges mentions into one actor."""

    key: tuple[str, ...]
    name: str
    kind: ActorKind
    country: str | None
    sector: str | None
    code: str | None
    role: str | None = None
    #: an IGO/NGO/IMG code root, when the actor belongs to no state
    root: str | None = None


@dataclass
class Hit:
    """One mention: token span [i, j), the referent, and how it was found."""

    i: int
    j: int
    ref: Referent
    how: str
    extra_tokens: list[int] = field(default_factory=list)


class MentionMatcher:
    """PhraseMatchers built once per (dictionary, vocabulary)."""

    def __init__(self, dictionary: ActorDictionary, nlp: Language) -> None:
        from spacy.matcher import PhraseMatcher

        self.dictionary = dictionary
        self.names: PhraseMatcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.sectors: PhraseMatcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.labels: dict[int, list[tuple[str, str]]] = {}
        tokenizer = cast("Tokenizer", nlp.tokenizer)
        grouped: dict[str, list[str]] = {}
        for surface, category, key in iter_surface_forms(dictionary):
            label = f"{category}|{key}"
            grouped.setdefault(label, []).append(surface)
        for label, surfaces in grouped.items():
            self.names.add(label, list(tokenizer.pipe(sorted(set(surfaces)))))
        words = set(dictionary.sectors.words) | set(dictionary.sectors.generic) | set(
            dictionary.sectors.modifiers)
        # the tokenizer splits abbreviations by case ("Gen." is one token, "gen." two), so each
        # word is also tokenized as written at the start of a name ("Lt. Gen. X", "Col. Y")
        forms = words | {w.title() for w in words}
        self.sectors.add("SECTOR", list(tokenizer.pipe(sorted(forms))))
        self.spelling = SpellingIndex.build(iter_surface_forms(dictionary), nlp)

    def dictionary_spans(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        """Non-overlapping (start, end, category, key) matches, longest and best-ranked first."""
        found: list[tuple[int, int, str, str]] = []
        for match_id, start, end in self.names(doc):
            category, key = doc.vocab.strings[match_id].split("|", 1)
            found.append((start, end, category, key))
        found.sort(key=lambda m: (-(m[1] - m[0]), CATEGORY_RANK[m[2]], m[0]))
        taken: set[int] = set()
        kept = []
        for start, end, category, key in found:
            if taken.isdisjoint(range(start, end)):
                kept.append((start, end, category, key))
                taken.update(range(start, end))
        kept.extend(self.spelling.spans(doc, taken))  # "Afganistan", "Mitterand"
        return sorted(kept)

    def sector_tokens(self, doc: Doc) -> dict[int, tuple[int, int]]:
        """Token index -> the longest sector-word span covering it (multi-word wins)."""
        spans = sorted(((s, e) for _, s, e in self.sectors(doc)), key=lambda m: m[0] - m[1])
        cover: dict[int, tuple[int, int]] = {}
        for start, end in spans:
            for i in range(start, end):
                cover.setdefault(i, (start, end))
        return cover


def country_adjective(dictionary: ActorDictionary, iso3: str) -> str:
    country = dictionary.countries.by_iso3(iso3)
    if country is None:
        return iso3
    return country.demonyms[0] if country.demonyms else country.name


def collective(dictionary: ActorDictionary, iso3: str | None, sector: str | None,
               root: str | None = None, label: str | None = None) -> Referent:
    """A collective actor: a state's government, military, police... or a sectoral group."""
    if sector == "NGO" and iso3 is None and root is None:
        root, sector = "NGO", None  # "rights groups": a transnational NGO, no state
        label = label or "non-governmental organizations"
    if iso3 is not None:
        name = f"{country_adjective(dictionary, iso3)} {SECTOR_LABEL.get(sector or '', 'people')}"
    else:
        name = label or SECTOR_LABEL.get(sector or "", "group")
    kind: ActorKind = (
        "organization" if sector in ("GOV", "MIL", "COP", "SPY", "LEG", "JUD") else "group")
    return Referent(key=("collective", iso3 or root or "", sector or "", "" if iso3 or root
                         else name.lower()),
                    name=name, kind=kind, country=iso3, sector=sector,
                    code=compose_code(iso3 or root, sector), root=root)


def country_referent(dictionary: ActorDictionary, iso3: str) -> Referent:
    country = dictionary.countries.by_iso3(iso3)
    return Referent(key=("country", iso3), name=country.name if country else iso3,
                    kind="country", country=iso3, sector=None, code=iso3)


def entry_referent(dictionary: ActorDictionary, key: str, date: dt.date | None) -> Referent:
    entry = dictionary.by_name[key]
    res = entry.resolve(date)
    root = None
    if res.country is None and res.code:
        root = res.code
    return Referent(key=("entry", entry.name), name=entry.name, kind=entry.kind,
                    country=res.country, sector=res.sector, code=res.code, role=res.title,
                    root=root)


def sector_of_token(doc: Doc, matcher: MentionMatcher, cover: dict[int, tuple[int, int]],
                    i: int) -> tuple[str | None, tuple[int, int] | None]:
    span = cover.get(i)
    if span is None:
        return None, None
    phrase = doc[span[0]:span[1]].text
    lex = matcher.dictionary.sectors
    sector = lex.sector_of(phrase) or lex.modifiers.get(phrase.lower())
    return sector, span


def is_person_title(token: Token, person_tokens: set[int]) -> bool:
    """True when a token sits in the title chain of a person name ("U.S. President X")."""
    steps = 0
    while steps < 6 and token.dep_ in MODIFIER_DEPS and token.head.i != token.i:
        token = token.head
        steps += 1
        if token.i in person_tokens:
            return True
    return token.i in person_tokens and steps > 0


def locative(doc: Doc, start: int) -> bool:
    """True when a name follows a locative preposition ("in Moscow"): a place, not an actor."""
    k = start - 1
    while k >= 0 and doc[k].lower_ in ("the", "central", "northern", "southern", "eastern",
                                        "western", "downtown"):
        k -= 1
    return k >= 0 and doc[k].lower_ in LOCATIVE


#: heads after which "to X" / "from X" is a movement between places ("flew to Amsterdam",
#: "a trip from Paris"), not an addressee or a source ("a letter to Moscow", "word from Kyiv")
MOTION_HEADS = frozenset({"fly", "travel", "arrive", "return", "go", "come", "head", "move",
                          "drive", "sail", "flee", "relocate", "commute", "journey", "walk",
                          "ride", "deport", "evacuate", "transfer", "trip", "visit", "flight",
                          "route", "road", "train", "voyage", "way", "arrival",
                          "departure", "tour", "leg", "ticket", "service", "connection"})
DATELINE_AFTER = frozenset({"(", "-", "—", "–", ",", ":"})


def seat_locates(doc: Doc, start: int, end: int) -> bool:
    """True when a seat-of-government city names where something is, not its government:
    after a locative preposition ("talks in Doha"), after "to"/"from" of a movement ("flew to
    Amsterdam"), as a conjunct of such a place ("in Paris and London"), or as a dateline
    ("DOHA (Reuters) -"). "Moscow said" is still the government."""
    if locative(doc, start) or _moved_to(doc, start) or _dateline(doc, start, end) or (
            dateline_name(doc, start, end)):
        return True
    token = doc[end - 1]
    while token.dep_ == "conj" and token.head is not token and token.head.i < start:
        token = token.head
        first = token.left_edge.i if token.left_edge.i < token.i else token.i
        if locative(doc, first) or _moved_to(doc, first):
            return True
    return False


def _moved_to(doc: Doc, start: int) -> bool:
    if start == 0 or doc[start - 1].lower_ not in ("to", "from", "via", "between"):
        return False
    prep = doc[start - 1]
    head = prep.head
    while head.dep_ == "conj" and head.head is not head and head.pos_ == "ADP":
        head = head.head  # "to and from Amsterdam"
    # "between" locates only on a way ("the road between Kabul and Herat"); "talks between
    # Moscow and Kyiv" are the two governments'
    return head.lemma_.casefold() in MOTION_HEADS or prep.lower_ == "via"


def is_peacekeeping(word: str) -> bool:
    """"Peacekeepers", "peacekeeping troops": a foreign force wherever it stands, never the
    army of the state it is placed in ("peacekeepers in Mali")."""
    return word.lower().startswith("peacekeep")


def is_dateline(doc: Doc, start: int, end: int) -> bool:
    """A place name that is the text's or a paragraph's dateline ("DOHA (Reuters) -")."""
    return _dateline(doc, start, end) or dateline_name(doc, start, end)


def _dateline(doc: Doc, start: int, end: int) -> bool:
    """A city written first in the text or in a paragraph, in capitals or followed by an
    agency, dash or comma."""
    first = start == 0 or "\n" in doc[start - 1].text_with_ws
    if not first:
        return False
    text = doc[start:end].text
    after = doc[end].text if end < len(doc) else ""
    return (text.isupper() and len(text) > 2) or after in DATELINE_AFTER


DASHES = frozenset({"-", "--", "—", "–"})
#: speech verbs that open an inverted attribution ('Said Roe: "..."'), never part of a name
INVERTED_CUES = frozenset({"said", "says", "added", "adds", "asked", "asks", "told", "wrote",
                           "writes", "explained", "noted", "continued", "replied", "recalled",
                           "insisted", "declared", "warned"})


def dateline_name(doc: Doc, start: int, end: int) -> bool:
    """A name that opens the text or a paragraph in capitals ("DOHA", "NEW DELHI") or right
    before an agency credit ("Doha (Reuters)"): the dateline's place, never an actor."""
    if not (start == 0 or "\n" in doc[start - 1].text_with_ws):
        return False
    text = doc[start:end].text
    if text.isupper() and len(text) > 2:
        return True
    if end >= len(doc) or doc[end].text != "(":
        return False  # "Union of Teachers (UT) said": a name with its acronym
    close = next((k for k in range(end + 1, min(end + 6, len(doc))) if doc[k].text == ")"), None)
    return close is not None and (close + 1 >= len(doc) or doc[close + 1].text in DASHES)


def agency_credit(doc: Doc, start: int, end: int) -> bool:
    """A name in the parentheses of a credit line ("DOHA (Reuters) -", "(AP)"): who reported
    the story, not a party to it."""
    if start == 0 or end >= len(doc) or doc[start - 1].text != "(" or doc[end].text != ")":
        return False
    after = doc[end + 1].text if end + 1 < len(doc) else ""
    if after in DASHES or not after or "\n" in doc[end].text_with_ws:
        return True
    k = start - 2  # back over the dateline's words to the start of its line
    while k > 0 and doc[k].text[:1].isupper() and "\n" not in doc[k - 1].text_with_ws:
        k -= 1
    return k >= 0 and doc[k].text[:1].isupper() and (k == 0 or "\n" in doc[k - 1].text_with_ws)


def inverted_cue(doc: Doc, start: int, end: int) -> bool:
    """Whether a name's first word is the speech verb of an inverted cue ("Said Roe:"): a
    capitalised cue word opening its sentence with the name after it and no verb following
    ("Said Jalili said" keeps the Arabic name Said)."""
    first = doc[start]
    if first.lower_ not in INVERTED_CUES or end - start < 2 or not first.text[:1].isupper():
        return False
    opens = start == 0 or first.is_sent_start or doc[start - 1].text in ('"', "“", "”", ":",
                                                                          "\n", "—", "-")
    after = doc[end] if end < len(doc) else None
    return opens and (after is None or after.pos_ not in ("VERB", "AUX"))


def include_article(doc: Doc, start: int) -> int:
    """Extend a description to a preceding 'the' ("the rebels"); names stay bare ("Kremlin"),
    as named-entity spans are, so a mention of a name is the name itself."""
    if start > 0 and doc[start - 1].lower_ == "the" and not doc[start].text[:1].isupper():
        return start - 1
    return start


def span_ents(doc: Doc, hits: list[Hit], regions: list[tuple[int, int]]) -> list[Span]:
    """Entity spans to write back: the hits' labels, plus the NER's own ents elsewhere."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    spans = [Span(doc, start, end, label="GPE") for start, end in regions]
    for hit in hits:
        if hit.how not in ("dictionary", "ner"):
            continue
        label = "NORP" if hit.ref.kind == "country" and hit.how == "demonym" else ENT_LABEL.get(
            hit.ref.kind, "ORG")
        spans.append(Span(doc, hit.i, hit.j, label=label))
    taken = {i for s in spans for i in range(s.start, s.end)}
    spans.extend(e for e in doc.ents if taken.isdisjoint(range(e.start, e.end)))
    return filter_spans(spans)

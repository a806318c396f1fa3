"""Synthetic coded records, for the store's benchmark and tests.

A store benchmark needs thousands of coded articles with realistic fan-out (actors, mentions,
events, quotes, dates, places) without running the pipeline for an hour; the records built here
are invented, internally consistent (every span indexes the text) and reproducible from a seed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from typing import Any

from communique.models import ArticleRecord

COUNTRIES = [
    ("RUS", "Russia"), ("UKR", "Ukraine"), ("USA", "the United States"), ("CHN", "China"),
    ("FRA", "France"), ("DEU", "Germany"), ("TUR", "Turkey"), ("IND", "India"),
    ("BRA", "Brazil"), ("ZAF", "South Africa"), ("QAT", "Qatar"), ("ISR", "Israel"),
    ("EGY", "Egypt"), ("IRN", "Iran"), ("SAU", "Saudi Arabia"), ("GBR", "Britain"),
]
#: (cameo, plover type, verb phrase) for invented sentences
ACTIONS = [
    ("036", "AGREE", "said it was ready to negotiate with"),
    ("040", "CONSULT", "held talks with"),
    ("042", "CONSULT", "sent a delegation to"),
    ("057", "SUPPORT", "signed an accord with"),
    ("0256", "REQUEST", "urged a halt to fighting by"),
    ("111", "ACCUSE", "criticized"),
    ("125", "REJECT", "rejected a proposal for talks from"),
    ("138", "THREATEN", "threatened military action against"),
    ("163", "SANCTION", "imposed sanctions on"),
    ("190", "ASSAULT", "launched strikes against"),
    ("073", "AID", "sent humanitarian aid to"),
]
FILLER = (
    "Officials in the capital described the situation as fluid and said further meetings "
    "were planned in the coming weeks while analysts expected little change"
).split()
SPEAKERS = ["Anna Petrova", "John Miller", "Li Wei", "Marie Dubois", "Ahmed Hassan"]


def synthetic_record(index: int, seed: int = 0, sentences: int = 8) -> ArticleRecord:
    """One invented, consistent article record; the same (index, seed) gives the same record."""
    rng = random.Random(seed * 1_000_003 + index)
    builder = _Builder(rng, index)
    for _ in range(sentences):
        builder.sentence()
    return builder.record()


class _Builder:
    def __init__(self, rng: random.Random, index: int) -> None:
        self.rng = rng
        self.index = index
        self.text = ""
        self.sentences: list[dict[str, int]] = []
        self.actors: dict[str, dict] = {}
        self.events: list[dict] = []
        self.quotes: list[dict] = []
        self.dates: list[dict] = []
        self.places: list[dict] = []
        self.day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    def _append(self, piece: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += piece
        return start, len(self.text)

    def _actor(self, code: str, name: str, start: int, end: int) -> str:
        actor = self.actors.get(code)
        if actor is None:
            actor = {
                "id": f"a{len(self.actors) + 1}", "name": name, "code": f"{code}GOV",
                "country": code, "sector": "GOV", "kind": "country", "mentions": [],
            }
            self.actors[code] = actor
        actor["mentions"].append({"start": start, "end": end, "text": self.text[start:end]})
        return str(actor["id"])

    def sentence(self) -> None:
        rng = self.rng
        start = len(self.text)
        (scode, sname), (tcode, tname) = rng.sample(COUNTRIES, 2)
        cameo, plover, verb = rng.choice(ACTIONS)
        s_span = self._append(sname[0].upper() + sname[1:])
        source = self._actor(scode, sname, *s_span)
        self._append(" ")
        trigger = self._append(verb)
        self._append(" ")
        t_span = self._append(tname)
        target = self._actor(tcode, tname, *t_span)
        self._append(" on ")
        date_span = self._append(self.day)
        self.dates.append({"start": date_span[0], "end": date_span[1], "text": self.day,
                           "value": self.day, "granularity": "day", "type": "DATE"})
        self._append(", " + " ".join(rng.sample(FILLER, 8)))
        quote_id = self._maybe_quote(rng)
        self._append(".")
        sentence_index = len(self.sentences)
        self.sentences.append({"start": start, "end": len(self.text)})
        self._append(" ")
        self.events.append({
            "id": f"e{len(self.events) + 1}",
            "source": {"actor": source, "code": f"{scode}GOV", "country": scode, "sector": "GOV"},
            "target": {"actor": target, "code": f"{tcode}GOV", "country": tcode, "sector": "GOV"},
            "cameo": cameo, "plover": {"type": plover, "mode": None}, "date": self.day,
            "sentence": sentence_index, "quote": quote_id,
            "trigger": {"start": trigger[0], "end": trigger[1], "text": verb},
            "confidence": round(rng.uniform(0.5, 1.0), 2), "rule": "synthetic",
        })

    def _maybe_quote(self, rng: random.Random) -> str | None:
        if rng.random() > 0.4:
            return None
        speaker = rng.choice(SPEAKERS)
        self._append(", ")
        s_span = self._append(speaker)
        self._append(" said, \u201c")
        words = " ".join(rng.sample(FILLER, 10))
        q_span = self._append(words)
        self._append("\u201d")
        quote_id = f"q{len(self.quotes) + 1}"
        self.quotes.append({
            "id": quote_id, "kind": "direct", "start": q_span[0], "end": q_span[1],
            "text": words,
            "speaker": {"actor": None, "name": speaker, "start": s_span[0], "end": s_span[1]},
            "cue": None,
        })
        return quote_id

    def record(self) -> ArticleRecord:
        return ArticleRecord.model_validate({
            "id": f"synthetic-{self.index:06d}",
            "title": f"Synthetic report {self.index}",
            "published": self.day,
            "source": "synthetic",
            "language": "en",
            "text": self.text.rstrip(),
            "sentences": self.sentences,
            "actors": list(self.actors.values()),
            "events": self.events,
            "quotes": self.quotes,
            "dates": self.dates,
            "places": self.places,
        })


def hand_record(
    article_id: str,
    sentences: list[str],
    actors: dict[str, tuple[str, str | None, str]],
    events: Sequence[tuple[int, str, str | None, str, str, str]] = (),
    published: str | None = "2024-12-09",
    quotes: Sequence[tuple[int, str, str]] = (),
    modalities: dict[int, str] | None = None,
) -> ArticleRecord:
    """A record built from invented sentences, for tests of the store, query, export and board.

    `actors` maps a name as written to (code, country, kind); each occurrence of the name in the
    text becomes a mention. `events` are (sentence, source name, target name or None, CAMEO code,
    PLOVER type, trigger word); `quotes` are (sentence, speaker name, quoted words); both are
    located in their sentence by string search, so offsets always index the text.
    `modalities` maps an event's index to its modality.
    """
    text = " ".join(sentences)
    spans: list[dict[str, int]] = []
    start = 0
    for line in sentences:
        spans.append({"start": start, "end": start + len(line)})
        start += len(line) + 1
    actor_list: list[dict[str, Any]] = []
    ids: dict[str, str] = {}
    claimed: list[tuple[int, int]] = []  # a longer name claims its span ("Atlantis army")
    found: dict[str, list[dict[str, Any]]] = {}
    for name in sorted(actors, key=len, reverse=True):
        found[name] = []
        for m in _finditer(name, text):
            if not any(s < m.end() and m.start() < e for s, e in claimed):
                found[name].append({"start": m.start(), "end": m.end(), "text": name})
                claimed.append((m.start(), m.end()))
    used = {name for e in events for name in (e[1], e[2]) if name}
    used |= {q[1] for q in quotes}
    for name, (code, country, kind) in actors.items():
        if not found[name] and name not in used:
            continue
        ids[name] = f"a{len(actor_list) + 1}"
        actor_list.append({"id": ids[name], "name": name, "code": code, "country": country,
                           "sector": code[3:6] or None if code else None, "kind": kind,
                           "mentions": found[name]})
    quote_list: list[dict[str, Any]] = []
    for index, (sentence, speaker, words) in enumerate(quotes):
        base = spans[sentence]["start"]
        q_at = text.index(words, base)
        s_at = text.index(speaker, base)
        quote_list.append({
            "id": f"q{index + 1}", "kind": "direct", "start": q_at, "end": q_at + len(words),
            "text": words,
            "speaker": {"actor": ids.get(speaker), "name": speaker, "start": s_at,
                        "end": s_at + len(speaker)},
            "cue": None,
        })
    event_list: list[dict[str, Any]] = []
    for index, (sentence, source, target, cameo, plover, trigger) in enumerate(events):
        at = text.index(trigger, spans[sentence]["start"])
        event_list.append({
            "id": f"e{index + 1}",
            "source": _party(source, actors, ids),
            "target": _party(target, actors, ids) if target else None,
            "cameo": cameo, "plover": {"type": plover, "mode": None},
            "date": published, "sentence": sentence,
            "modality": (modalities or {}).get(index, "asserted"),
            "quote": next((q["id"] for q in quote_list
                           if spans[sentence]["start"] <= q["start"] < spans[sentence]["end"]),
                          None),
            "trigger": {"start": at, "end": at + len(trigger), "text": trigger},
            "confidence": 0.9,
        })
    return ArticleRecord.model_validate({
        "id": article_id, "published": published, "text": text, "sentences": spans,
        "actors": actor_list, "events": event_list, "quotes": quote_list,
    })


def _finditer(name: str, text: str) -> Iterator[re.Match[str]]:
    return re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)


def _party(
    name: str, actors: dict[str, tuple[str, str | None, str]], ids: dict[str, str]
) -> dict[str, str | None]:
    code, country, _kind = actors[name]
    return {"actor": ids[name], "code": code, "country": country,
            "sector": code[3:6] or None if code else None}

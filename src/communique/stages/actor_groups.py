"""Groups of people named by who they are, and sector nouns placed by a country.

CAMEO codes a people named as such as that country's civilians ("Nigerians": NGA CVL), an
ethnic group by the state it lives in, not the state its name comes from ("ethnic Albanians in
Serbia": SRB CVL, "Iraqi Kurds": IRQ CVL, "Bosnian Serb forces": BIH MIL), and a sector noun by
the country it is placed in or belongs to ("rebels in Darfur", "Darfur rebels": SDN REB,
"the government of Sudan": SDN GOV). These rules live here, as a mixin of `Finder`, because they
decide between the country word and the noun it goes with before either becomes an actor.

Words after "anti-" or "pro-" ("an anti-Syria journalist") name a stance, not an affiliation,
and give no country.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from communique.stages.actor_mentions import (
    MODIFIER_DEPS,
    Hit,
    Referent,
    collective,
    include_article,
    is_peacekeeping,
    locative,
    sector_of_token,
)
from communique.stages.actor_state import FinderState

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


PLACE_CATEGORIES = ("country", "demonym", "region", "seat")
PLACING_PREPS = frozenset({"in", "of", "from"})
NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "attr", "agent", "appos",
                       "ROOT", "npadvmod"})
STANCES = frozenset({"anti", "pro"})


def stance_prefixed(doc: Doc, start: int) -> bool:
    """True for a name after "anti-"/"pro-": "anti-Syria" gives no country to its noun."""
    if start >= 2 and doc[start - 1].text in ("-", "–") and doc[start - 2].lower_ in STANCES:
        return True
    return start >= 1 and doc[start - 1].lower_.rstrip("-") in STANCES and (
        doc[start - 1].text.endswith("-"))


class GroupRules(FinderState):
    """Rules for groups and placed sectors, a mixin of `Finder` (which provides the state)."""

    # ------------------------------------------------------------------ peoples and ethnic groups
    def _group_noun(self, token: Token) -> bool:
        """Whether a demonym or group word heads its noun phrase ("the Nigerians protested")."""
        first = token
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.dep_ in MODIFIER_DEPS or token.dep_ in MODIFIER_DEPS:
            return False
        return first.dep_ in NOUN_DEPS or token.tag_ in ("NNS", "NNPS")

    def _before_group(self, end: int) -> bool:
        """A country word right before a group word ("Bosnian Serbs"): it is the group's home."""
        match = self.by_token.get(end)
        return match is not None and match[0] == end and match[2] in ("demonym", "ethnic")

    def _resident(self, first: int) -> tuple[str, int] | None:
        """The country word right before a group ("Iraqi" Kurds) and where it starts."""
        match = self.by_token.get(first - 1)
        if match is None or match[1] != first or match[2] not in PLACE_CATEGORIES:
            return None
        return match[3], match[0]

    def _placed_in(self, token: Token) -> tuple[str, int] | None:
        """'<noun> in/of/from <country>' -> the country and the token end of its name."""
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACING_PREPS:
                continue
            for obj in prep.children:
                match = self.by_token.get(obj.i)
                if obj.dep_ == "pobj" and match and match[2] in PLACE_CATEGORIES:
                    return match[3], match[1]
        return None

    def _group_hit(self, start: int, end: int, category: str, key: str) -> bool:
        """Add the hit of a people or ethnic group; False when the words make no group."""
        doc = self.doc
        last = doc[end - 1]
        ethnic = start > 0 and doc[start - 1].lower_ == "ethnic"
        resident = self._resident(start - 1 if ethnic else start)
        if category == "demonym" and not ethnic and resident is None and not self._minority(
                last, key):
            if not self._group_noun(last) or self._sector_head(last):
                return False  # "Russian troops", "Iranian oil": the country rules decide
            return self._people_hit(start, end, key)
        head = self._sector_head(last)
        if head is None and not self._group_noun(last):
            return False  # "a Kurdish town": no actor
        if head is not None and self._attached_person(head[1]):
            return False
        text = doc[start:end].text  # a variant spelling ("Chenchen") is found by its key
        label, home = self.d.groups.get(text) or self.d.groups.get(key, (text, None))
        if category == "demonym":
            home = None
        country = resident[0] if resident else home
        stop = max(end, head[2][1]) if head else end
        if resident is None:
            placed = self._placed_in(head[1] if head else last)
            if placed is not None:
                country, stop = placed[0], max(stop, placed[1])
            elif country is None:
                country = self._only_other_country(last.sent, key if category == "demonym"
                                                   else None)
        first = resident[1] if resident else (start - 1 if ethnic else start)
        sector = head[0] if head else "CVL"
        ref = Referent(key=("group", country or "", sector, label.lower()),
                       name=f"ethnic {label}" if ethnic else label, kind="group",
                       country=country, sector=sector,
                       code=f"{country}{sector}" if country else None)
        self._add(Hit(include_article(doc, first), stop, ref, "group"))
        return True

    def _minority(self, last: Token, iso3: str) -> bool:
        """A people named as living in another state ("the Albanians of Serbia", "Hungarians
        in Romania") is a minority there, coded by the state it lives in."""
        if last.tag_ not in ("NNS", "NNPS") or not self._group_noun(last):
            return False
        for prep in last.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
                placed = self._placed_in(last)
                return placed is not None and placed[0] != iso3
        return False

    def _people_hit(self, start: int, end: int, iso3: str) -> bool:
        """A demonym heading its phrase is the country's people: "the Nigerians" (NGA CVL)."""
        last = self.doc[end - 1]
        stop = end
        placed = self._placed_in(last)
        if placed is not None and placed[0] == iso3:
            stop = placed[1]
        self._add(Hit(include_article(self.doc, start), stop,
                      collective(self.d, iso3, "CVL"), "dictionary"))
        return True

    def _only_other_country(self, sent: Span, exclude: str | None) -> str | None:
        """The one state a sentence names besides `exclude` (an ethnic group's namesake)."""
        found = {self.by_token[i][3] for i in range(sent.start, sent.end)
                 if i in self.by_token and self.by_token[i][2] in PLACE_CATEGORIES
                 and self.by_token[i][3] != exclude}
        return found.pop() if len(found) == 1 else None

    # ------------------------------------------------------------------ placed sector nouns
    def _placed_sector(self, start: int, end: int, iso3: str) -> bool:
        """'rebels in Darfur', 'the government of Sudan': one collective actor of that state."""
        doc = self.doc
        root = doc[start:end].root
        prep = root.head
        if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in PLACING_PREPS:
            return False
        noun = prep.head
        if noun.i >= start or noun.i in self.taken or noun.pos_ not in ("NOUN", "PROPN"):
            return False
        sector = self._noun_sector(noun)
        if sector is None or self._attached_person(noun):
            return False
        left = [c.i for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i]
        if any(is_peacekeeping(self.doc[i].text) for i in [*left, noun.i]):
            return False  # "peacekeepers in Lebanon" are foreign troops, not Lebanon's army
        first = min([*left, noun.i])
        if any(i in self.by_token or i in self.taken for i in range(first, noun.i + 1)):
            return False  # "Russian troops in Ukraine": the troops have their own country
        self._add(Hit(include_article(doc, first), end, collective(self.d, iso3, sector),
                      "sector"))
        return True

    def _noun_sector(self, noun: Token) -> str | None:
        """The sector of a noun, or of a sector word compounded to it ("opposition groups")."""
        sector, _ = sector_of_token(self.doc, self.matcher, self.cover, noun.i)
        if sector is None:
            for child in noun.children:
                if child.dep_ in ("compound", "amod") and child.i < noun.i:
                    sector, _ = sector_of_token(self.doc, self.matcher, self.cover, child.i)
                    if sector:
                        break
        return sector if sector and sector != "ELI" else None

    def _region_sector(self, start: int, end: int, iso3: str) -> bool:
        """A region modifying a sector noun ("Darfur rebels") is that state's collective."""
        if locative(self.doc, start):
            return False
        head = self._sector_head(self.doc[end - 1])
        if head is None or self._attached_person(head[1]):
            return False
        self._add(Hit(include_article(self.doc, start), max(end, head[2][1]),
                      collective(self.d, iso3, head[0]), "sector"))
        return True

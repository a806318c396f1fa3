"""Organisations the dictionary does not know: sector from the head of the name, country from
the name, its modifiers or the sentence.

A news writer names an organisation by its type: "the Ministry of Health", "Corvina University",
"the Kenyan Union of Nurses", "the Zembla Liberation Front". The type word at the head of the
name (before any "of ..." complement) says the CAMEO sector (org_types.yaml); for bodies named
after their members ("Union of Teachers", "Farmers' Association") the members' word wins; an
armed modifier turns an army or movement into rebels ("Liberation Army"). The country is a state
word inside the name ("Kenyan"), a possessor or "in/of" phrase around it ("Algeria's Umma
party", "the Umma party in Algeria"), or else the one state the sentence names. A state-less
association, forum or foundation is an NGO (code root NGO), as CAMEO codes them.

Datelines and news agencies are not political actors: a capitalised name opening the text
("DOHA") and the agency in its credit ("(Reuters)") are skipped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from communique.resources.actors import compose_code
from communique.stages.actor_mentions import (
    Hit,
    Referent,
    agency_credit,
    dateline_name,
    sector_of_token,
)
from communique.stages.actor_state import FinderState

if TYPE_CHECKING:
    from spacy.tokens import Span


COMPLEMENT_PREPS = frozenset({"of", "for", "to", "on", "against", "in"})
INNER_PLACES = ("country", "demonym", "seat", "region")


class OrgRules(FinderState):
    """Rules for unknown organisations, a mixin of `Finder` (which provides the state)."""

    def _organizations(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ != "ORG" or not self.taken.isdisjoint(range(ent.start, ent.end)):
                continue
            if not any(t.is_alpha and t.text[0].isupper() for t in ent):
                continue
            if dateline_name(self.doc, ent.start, ent.end) or agency_credit(
                    self.doc, ent.start, ent.end):
                self._absorb(ent.start, ent.end)
                continue
            start = ent.start + (1 if ent[0].lower_ == "the" else 0)
            end = ent.end
            while end > start and not (self.doc[end - 1].is_alpha or self.doc[end - 1].is_digit):
                end -= 1  # "Umma (Nation": no dangling bracket
            if end <= start:
                continue
            ref = self._org_referent(self.doc[start:end])
            self._add(Hit(start, end, ref, "ner"))

    def _org_referent(self, span: Span) -> Referent:
        sector, stateless = self._org_sector(span)
        country = self._org_country(span, use_sentence=not stateless)
        root = "NGO" if stateless and country is None else None
        if stateless and country is not None and sector is None:
            sector = "NGO"
        name = span.text
        return Referent(key=("org", name.lower()), name=name, kind="organization",
                        country=country, sector=sector,
                        code=compose_code(country or root, sector), root=root)

    def _name_head(self, span: Span) -> int:
        """End of the name's head part: the tokens before its first complement preposition."""
        for tok in span[1:]:
            if tok.lower_ in COMPLEMENT_PREPS:
                return tok.i
        return span.end

    def _org_sector(self, span: Span) -> tuple[str | None, bool]:
        """The name's sector, and whether it is an NGO-type body (association, forum...)."""
        types = self.d.org_types
        head_end = self._name_head(span)
        words = [t.text for t in self.doc[span.start:head_end] if t.is_alpha or "." in t.text]
        found = types.head_sector(words)
        if found is None:
            return self._first_sector_word(span), False
        phrase, sector = found
        last = phrase.split()[-1]
        if phrase in types.membership or last in types.membership:
            members = self._member_sector(span, head_end - 1)
            if members:
                return members, sector == "NGO"
        if last in types.armed_heads and any(t.lower_ in types.armed_modifiers for t in span):
            return "REB", False
        if sector == "NGO":
            return None, True
        return sector, False

    def _member_sector(self, span: Span, head: int) -> str | None:
        """A members' word elsewhere in the name ("of Teachers", "Farmers'")."""
        allowed = self.d.org_types.member_sectors
        for tok in span:
            if tok.i == head:
                continue
            sector, cover = sector_of_token(self.doc, self.matcher, self.cover, tok.i)
            if sector in allowed and cover is not None and not (cover[0] <= head < cover[1]):
                return sector
        return None

    def _first_sector_word(self, span: Span) -> str | None:
        for tok in span:
            sector, _ = sector_of_token(self.doc, self.matcher, self.cover, tok.i)
            if sector and sector != "ELI":
                return sector
        return None

    def _org_country(self, span: Span, use_sentence: bool) -> str | None:
        """A state word inside the name, a possessor or "in/of X" around it, or the sentence's
        one state (not for NGO-type bodies, which often span states)."""
        for tok in span:
            match = self.by_token.get(tok.i)
            if match and match[2] in INNER_PLACES:
                return match[3]
        owner = self._possessor(span.root)
        if isinstance(owner, str):
            return owner
        around, _ = self._of_country(span.root)
        if around:
            return around
        return self._sentence_country(span) if use_sentence else None

"""Turning dictionary matches, NER entities and sector nouns into actor mentions (`Hit`s).

The order matters and is why this is one function per kind of evidence:

1. people first (dictionary people and NER PERSON), because a country word in a person's title
   ("Ukrainian President X", "Kremlin spokesperson Y") belongs to that person, not to a
   separate actor;
2. dictionary names (organizations, groups, countries, demonyms, seats, with their spelling
   variants: `actor_spelling`) and major cities (`actor_cities`), where a country word
   modifying a sector noun makes a collective actor ("Russian troops" -> RUS MIL);
3. NER ORG entities the dictionary does not know, coded by the head of their name and placed
   by a state in or around it or in the sentence (`actor_orgs`);
4. bare sector nouns ("the rebels", "the government of Sudan").

A person's role comes from the words around the name: its title modifiers, an appositive
("X, a senior Hamas official") or the noun it is in apposition to ("Ukraine's foreign minister, X").
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from communique.resources.actors import compose_code
from communique.stages.actor_cities import (
    CityRules,
    argument_of_act,
    city_referent,
    city_spans,
    place_noun,
    scene_of_conflict,
    target_object,
)
from communique.stages.actor_groups import GroupRules, stance_prefixed
from communique.stages.actor_mentions import (
    MODIFIER_DEPS,
    Hit,
    MentionMatcher,
    Referent,
    agency_credit,
    collective,
    country_referent,
    dateline_name,
    entry_referent,
    include_article,
    inverted_cue,
    is_peacekeeping,
    is_person_title,
    seat_locates,
    sector_of_token,
)
from communique.stages.actor_orgs import OrgRules
from communique.stages.nlp import doc_text, sentence_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "gen.",
                        "col.", "lt.", "sgt.", "president", "minister", "prime", "king", "queen",
                        "prince", "sheikh", "ayatollah", "general", "emir"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "dative",
                           "attr", "agent", "ROOT"})
COLLECTIVE_NOUNS = frozenset({"government", "administration", "army", "military", "police",
                              "parliament", "opposition", "court", "cabinet", "leadership",
                              "regime", "junta", "navy", "judiciary", "legislature", "congress",
                              "senate", "media", "presidency", "authorities"})


class Finder(GroupRules, OrgRules, CityRules):
    """Finds the hits of one document; holds the per-document indexes the steps share."""

    def __init__(self, doc: Doc, matcher: MentionMatcher, date: dt.date | None) -> None:
        self.doc = doc
        self.matcher = matcher
        self.d = matcher.dictionary
        self.date = date
        self.cover = matcher.sector_tokens(doc)
        spans = matcher.dictionary_spans(doc)
        known = {i for m in spans for i in range(m[0], m[1])}
        self.dict_spans = sorted(spans + city_spans(doc, known))  # major cities: "Mosul"
        self.by_token = {i: m for m in self.dict_spans for i in range(m[0], m[1])}
        self.taken: set[int] = set()
        self.person_tokens: set[int] = set()
        self.hits: list[Hit] = []
        #: token spans of regions (places the NER guard labels GPE, never actors)
        self.regions: list[tuple[int, int]] = []

    # ------------------------------------------------------------------ orchestration
    def run(self) -> list[Hit]:
        self._people()
        self._dictionary_names()
        self._organizations()
        self._sector_nouns()
        self.hits.sort(key=lambda h: h.i)
        return self.hits

    def _absorb(self, start: int, end: int) -> None:
        """Tokens that belong to a person's title: never a separate actor."""
        self.taken.update(range(start, end))

    def _add(self, hit: Hit) -> None:
        self.hits.append(hit)
        self.taken.update(range(hit.i, hit.j))

    # ------------------------------------------------------------------ 1. people
    def _people(self) -> None:
        for start, end, category, key in self.dict_spans:
            if category == "entry" and self.d.by_name[key].kind == "person":
                self.person_tokens.update(range(start, end))
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and not self._dict_overlap(ent.start, ent.end, persons=False):
                self.person_tokens.update(range(ent.start, ent.end))
        for start, end, category, key in self.dict_spans:
            if category == "entry" and self.d.by_name[key].kind == "person":
                ref = entry_referent(self.d, key, self.date)
                self._apply_context(ref, self.doc[start:end], known=True)
                self._add(Hit(start, end, ref, "dictionary"))
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or not self.taken.isdisjoint(range(ent.start, ent.end)):
                continue
            if dateline_name(self.doc, ent.start, ent.end) or agency_credit(
                    self.doc, ent.start, ent.end):
                continue  # "DOHA (Reuters)": the dateline's place and the reporting agency
            if self._dict_overlap(ent.start, ent.end, persons=False) or all(
                    self.by_token.get(i, (0, 0, "entry"))[2] != "entry"
                    for i in range(ent.start, ent.end)):
                continue  # "Bosnian Serbs": a people, not a person
            span = self._strip_honorifics(ent)
            if span is None or not self._in_clause(span):
                continue
            name = span.text.replace("’s", "").removesuffix("'s").strip()
            ref = Referent(key=("person", name), name=name, kind="person", country=None,
                           sector=None, code=None)
            self._apply_context(ref, span, known=False)
            self._add(Hit(span.start, span.end, ref, "ner"))

    def _dict_overlap(self, start: int, end: int, persons: bool) -> bool:
        """Whether a non-person dictionary match at least as long as [start, end) overlaps it."""
        for i in range(start, end):
            match = self.by_token.get(i)
            if match is None:
                continue
            is_person = match[2] == "entry" and self.d.by_name[match[3]].kind == "person"
            if is_person == persons and match[1] - match[0] >= end - start:
                return True
        return False

    @staticmethod
    def _in_clause(span: Span) -> bool:
        """False for names the NER finds in headings ("Global Support"): no verb around them."""
        sent = sentence_of(span)
        text = doc_text(span.doc)
        line_start = text.rfind("\n", 0, span.start_char) + 1
        line_end = text.find("\n", span.end_char)
        line = text[line_start:line_end if line_end >= 0 else None]
        if line and line.rstrip()[-1:] not in ".!?\"”'’:;,)" and len(line.split()) < 10:
            return False
        return any(t.pos_ in ("VERB", "AUX") for t in sent)

    def _strip_honorifics(self, ent: Span) -> Span | None:
        start, end = ent.start, ent.end
        if inverted_cue(self.doc, start, end):
            start += 1  # 'Said Roe: "..."': the cue verb is not part of the name
        while start < end and (self.doc[start].lower_ in HONORIFICS or (
                start in self.cover and self.cover[start][1] < end)):
            start += 1  # "Archbishop X", "Judge Y": the title is context, not the name
        while end > start and self.doc[end - 1].text in ("'s", "’s"):
            end -= 1
        return self.doc[start:end] if end > start else None

    def _context_tokens(self, span: Span) -> list[Token]:
        head = span.root
        tokens = [t for t in head.subtree if t.i < span.start or t.i >= span.end]
        context = [t for t in tokens if t.i < span.start] + [
            t for c in head.children if c.dep_ == "appos" for t in c.subtree] + [
            t for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
            for t in c.subtree]
        if head.dep_ == "appos":
            context += [t for t in head.head.subtree if t.i not in range(head.left_edge.i,
                                                                          head.right_edge.i + 1)]
        return context

    def _apply_context(self, ref: Referent, span: Span, known: bool) -> None:
        """Fill a person's country and sector from the title and appositive words around it."""
        context = self._context_tokens(span)
        sector = generic = None
        former = False
        country: str | None = None
        affiliation: Referent | None = None
        for tok in context:
            word_sector, _ = sector_of_token(self.doc, self.matcher, self.cover, tok.i)
            phrase = self.cover.get(tok.i)
            text = self.doc[phrase[0]:phrase[1]].text.lower() if phrase else ""
            if word_sector == "ELI" and text in self.d.sectors.modifiers:
                former = True
            elif word_sector and text in self.d.sectors.generic:
                generic = generic or word_sector
            elif word_sector:
                sector = sector or word_sector
            match = self.by_token.get(tok.i)
            if match is None:
                continue
            if match[2] == "entry" and self.d.by_name[match[3]].kind != "person":
                affiliation = affiliation or entry_referent(self.d, match[3], self.date)
            elif match[2] in ("country", "demonym", "seat") and not stance_prefixed(self.doc,
                                                                                    match[0]):
                country = country or match[3]
        if known:
            if former and ref.sector != "ELI" and ref.country:
                ref.sector, ref.code = "ELI", compose_code(ref.country, "ELI")
            elif self.date is None and (sector or generic):
                self._role_from_title(ref, sector or generic or "")
            return
        if affiliation is not None:
            country = country or affiliation.country
            if affiliation.root and not country:
                ref.root = affiliation.root
            sector = sector or affiliation.sector
        if generic and not sector:
            sector = generic
        if former and (sector in (None, "GOV") or not sector):
            sector = "ELI"
        if country is None and sector and not ref.root:
            country = self._sentence_country(span)
        ref.country, ref.sector = country, sector
        ref.code = compose_code(country or ref.root, sector)
        if context:
            ref.role = " ".join(t.text for t in context if t.i < span.start)[:80] or None

    def _role_from_title(self, ref: Referent, sector: str) -> None:
        """Undated text: a title in the text ("President X") picks the role it names."""
        entry = self.d.entry(ref.name)
        roles = [r for r in entry.roles if r.sector == sector] if entry else []
        if roles:
            role = max(roles, key=lambda r: r.start or dt.date.min)
            ref.country, ref.sector, ref.code, ref.role = (role.country, role.sector,
                                                           role.code, role.title)

    def _sentence_country(self, span: Span) -> str | None:
        """The one state a sentence names, for a titled person whose country is not said ("in
        Algiers", "Haiti's elections", "Algerians protested"). A state in another person's title
        ("South African leader X") says nothing of this person's country and is not counted."""
        sent = span.sent
        found = {m[3] for m in self.dict_spans if sent.start <= m[0] < sent.end
                 and m[2] in ("country", "demonym", "region", "seat")
                 and not (span.start <= m[0] < span.end) and self._setting(m[0], m[1])}
        return found.pop() if len(found) == 1 else None

    def _setting(self, start: int, end: int) -> bool:
        """Whether a place name in the sentence may give its country to a titled person: not
        when it is in another person's title or follows "anti-"/"pro-"."""
        return not (stance_prefixed(self.doc, start) or is_person_title(self.doc[end - 1],
                                                                        self.person_tokens))

    # ------------------------------------------------------------------ 2. dictionary names
    def _dictionary_names(self) -> None:
        for start, end, category, key in self.dict_spans:
            if not self.taken.isdisjoint(range(start, end)):
                continue
            if self._inside_longer_ent(start, end) and category != "entry":
                continue
            last = self.doc[end - 1]
            if category != "entry" and stance_prefixed(self.doc, start):
                self._absorb(start, end)  # "anti-Syria": a stance, not an affiliation
            elif category == "ethnic":
                self._group_hit(start, end, category, key)
            elif category == "demonym" and self._before_group(end):
                continue  # "Bosnian" Serbs: the group's home, taken with the group
            elif category != "entry" and self._placed_sector(start, end, key):
                continue  # "rebels in Darfur", "the government of Sudan"
            elif category == "region":
                if not self._region_sector(start, end, key):
                    self._region_hit(start, end, key)
            elif category == "entry":
                self._entry_hit(start, end, key, last)
            elif category == "seat":
                self._seat_hit(start, end, key, last)
            elif category == "city":
                self._city_hit(start, end, key, last)
            else:
                self._country_hit(start, end, category, key, last)

    def _region_hit(self, start: int, end: int, iso3: str) -> None:
        """A region (GPE for the NER guard) named as a party codes as its state, sector null."""
        self.regions.append((start, end))
        name = self.doc[start:end].text
        ref = Referent(key=("region", name), name=name, kind="country", country=iso3,
                       sector=None, code=iso3)
        self._add(Hit(start, end, ref, "region"))

    def _inside_longer_ent(self, start: int, end: int) -> bool:
        ent_label = self.doc[start].ent_type_
        if ent_label not in ("ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"):
            return False
        for ent in self.doc.ents:
            first = ent.start + (1 if ent[0].lower_ == "the" else 0)  # "the Republic of X"
            if ent.start <= start and end <= ent.end and ent.end - first > end - start:
                # "Radical French" farmers: a modifier chunk the NER took for a name
                return not (ent.root.dep_ in ("amod", "compound") and ent.root.head.i >= ent.end)
        return False

    def _sector_head(self, token: Token) -> tuple[str, Token, tuple[int, int]] | None:
        """The sector noun a name modifies ("Russian troops"), if any."""
        following = self.cover.get(token.i + 1)
        if following is not None and following[0] == token.i + 1:
            sector, _ = sector_of_token(self.doc, self.matcher, self.cover, token.i + 1)
            nxt = self.doc[following[1] - 1]
            sector, nxt, following = self._head_of_compound(nxt, sector, following)
            if sector and sector != "ELI" and nxt.pos_ in ("NOUN", "PROPN"):
                return self._specific_sector(nxt, sector), nxt, following  # "Israeli army ..."
        head = token
        while head.dep_ == "conj" and head.head.i != head.i and head.head.i in self.by_token:
            head = head.head  # "French and Egyptian warships": share the first conjunct's head
        for _ in range(3):
            if head.dep_ not in MODIFIER_DEPS or head.head.i == head.i:
                return None
            head = head.head
            sector, span = sector_of_token(self.doc, self.matcher, self.cover, head.i)
            if sector and span and sector != "ELI":
                return self._specific_sector(head, sector), head, span
        return None

    def _head_of_compound(self, token: Token, sector: str | None, span: tuple[int, int]
                          ) -> tuple[str | None, Token, tuple[int, int]]:
        """The head sector noun wins over its modifier: "government forces" are MIL."""
        for _ in range(2):
            head = token.head
            if token.dep_ not in ("compound", "amod") or not 0 < head.i - token.i <= 2:
                break
            head_sector, head_span = sector_of_token(self.doc, self.matcher, self.cover, head.i)
            if not head_sector or head_span is None or head_sector == "ELI":
                break
            phrase = self.doc[head_span[0]:head_span[1]].text.lower()
            if phrase in self.d.sectors.generic:
                break  # "government officials": the generic head keeps the modifier's sector
            token, sector, span = head, head_sector, head_span
        return sector, token, span

    def _specific_sector(self, head: Token, sector: str) -> str:
        """A generic head ("leaders") takes the sector of its modifier ("rebel leaders")."""
        phrase = self.cover.get(head.i)
        if phrase is None or self.doc[phrase[0]:phrase[1]].text.lower() not in (
                self.d.sectors.generic):
            return sector
        for child in head.children:
            if child.dep_ in MODIFIER_DEPS and child.i < head.i:
                found, _ = sector_of_token(self.doc, self.matcher, self.cover, child.i)
                if found and found != "ELI":
                    return found
        return sector

    def _mention_end(self, end: int, head_end: int) -> int:
        """Extend a country word to its sector noun unless another name lies in between."""
        between = range(end, head_end)
        if any(i in self.by_token for i in between):
            return end
        return max(end, head_end)

    def _attached_person(self, token: Token) -> bool:
        if is_person_title(token, self.person_tokens):
            return True
        return token.i in self.person_tokens or any(
            c.dep_ == "appos" and c.i in self.person_tokens for c in token.children) or (
            token.dep_ == "appos" and token.head.i in self.person_tokens)

    def _entry_hit(self, start: int, end: int, key: str, last: Token) -> None:
        if is_person_title(last, self.person_tokens) or agency_credit(self.doc, start, end):
            return self._absorb(start, end)
        ref = entry_referent(self.d, key, self.date)
        head = self._sector_head(last)
        if head and head[0] != ref.sector and not self._attached_person(head[1]):
            sector, _, (s0, s1) = head
            sub = collective(self.d, ref.country, sector, root=ref.root)
            self._add(Hit(include_article(self.doc, start), max(end, s1), sub, "dictionary"))
            return
        self._add(Hit(include_article(self.doc, start), end, ref, "dictionary"))

    def _seat_hit(self, start: int, end: int, iso3: str, last: Token) -> None:
        if is_person_title(last, self.person_tokens):
            return self._absorb(start, end)
        if target_object(self.doc, start, end) or (  # "rockets into Kyiv": the city
                place_noun(self.doc, start, end) and argument_of_act(self.doc, start, end)) or (
                scene_of_conflict(self.doc, start, end)):  # "a curfew in Algiers"
            self._add(Hit(start, end, city_referent(self.doc, start, end, iso3), "city"))
            return None
        if seat_locates(self.doc, start, end):  # "in Moscow": a place for the places stage
            return self._absorb(start, end)
        head = self._sector_head(last)
        sector, stop = "GOV", end
        if head and not self._attached_person(head[1]):
            sector, stop = head[0], max(end, head[2][1])
        self._add(Hit(include_article(self.doc, start), stop,
                      collective(self.d, iso3, sector), "dictionary"))

    def _country_hit(self, start: int, end: int, category: str, iso3: str, last: Token) -> None:
        if is_person_title(last, self.person_tokens):
            return self._absorb(start, end)
        if category == "demonym" and self._group_hit(start, end, category, iso3):
            return None
        head = self._sector_head(last)
        if head is not None:
            if self._attached_person(head[1]):
                return self._absorb(start, end)
            stop = self._mention_end(end, head[2][1])
            if stop > end or category == "demonym":  # not "Norway and Kenyan police"
                self._add(Hit(start, stop, collective(self.d, iso3, head[0]), "dictionary"))
                return
        self._add(Hit(start, end, country_referent(self.d, iso3), "dictionary"))

    # ------------------------------------------------------------------ 3. unknown ORGs
    # (`OrgRules._organizations`, in actor_orgs.py)

    # ------------------------------------------------------------------ 4. sector nouns
    def _sector_nouns(self) -> None:
        seen: set[tuple[int, int]] = set()
        for _i, span in sorted(self.cover.items()):
            if span in seen or not self.taken.isdisjoint(range(span[0], span[1])):
                continue
            seen.add(span)
            head = self.doc[span[1] - 1]
            phrase = self.doc[span[0]:span[1]].text.lower()
            if phrase in self.d.sectors.generic or phrase in self.d.sectors.modifiers:
                continue
            if head.dep_ not in ARGUMENT_DEPS or self._attached_person(head):
                continue
            sector = self.d.sectors.sector_of(phrase)
            if sector in (None, "ELI"):
                continue
            owner = self._possessor(head)
            if owner is False:
                continue
            iso3, stop = self._of_country(head)
            if is_peacekeeping(phrase):
                iso3, stop = None, head.i + 1  # "peacekeepers in Mali" are not Mali's army
            iso3 = iso3 or (owner if isinstance(owner, str) else None) or self._fled(head)
            if head.tag_ not in ("NNS", "NNPS") and head.lemma_.lower() not in COLLECTIVE_NOUNS \
                    and iso3 is None and sector != "NGO":
                continue
            sector = self._specific_sector(head, sector)
            if iso3 is None and not any(c.lower_ == "the" for c in head.children) and (
                    head.tag_ not in ("NNS", "NNPS")) and sector != "NGO":
                continue  # a bare singular "administration": too vague to be an actor
            start = include_article(self.doc, span[0])
            ref = collective(self.d, iso3, sector, label=None if iso3 else phrase)
            if iso3 is None and start < span[0]:
                ref = self._antecedent(start, sector) or ref  # "rebels in Mali ... the rebels"
            self._add(Hit(start, max(span[1], stop), ref, "sector"))

    def _antecedent(self, before: int, sector: str) -> Referent | None:
        """A definite plural description ("the rebels") names the latest collective of its
        sector placed in a country earlier in the text ("rebels in Mali")."""
        for hit in sorted(self.hits, key=lambda h: -h.i):
            ref = hit.ref
            if hit.j <= before and ref.key[0] == "collective" and ref.country and (
                    ref.sector == sector):
                return ref
        return None

    def _possessor(self, head: Token) -> str | bool | None:
        """The country of a possessor ("Zelenskyy's government"); False for a pronoun one."""
        for child in head.children:
            if child.dep_ == "compound":
                for hit in self.hits:
                    if hit.i <= child.i < hit.j and hit.ref.kind == "person" and hit.ref.country:
                        return hit.ref.country
            if child.dep_ != "poss":
                continue
            if child.pos_ == "PRON":
                return False
            for hit in self.hits:
                if hit.i <= child.i < hit.j and hit.ref.country:
                    return hit.ref.country
        return None

    def _fled(self, head: Token) -> str | None:
        """Refugees are coded by the state they left: 'refugees fleeing (the war in) Liberia'
        -> the one state named in the clause that says what they flee."""
        if self.d.sectors.sector_of(head.lower_) != "REF":
            return None
        for verb in head.children:
            if verb.dep_ == "acl" and verb.lemma_.lower() in ("flee", "escape", "leave"):
                found = {m[3] for t in verb.subtree if (m := self.by_token.get(t.i))
                         and m[2] in ("country", "demonym", "region")}
                return found.pop() if len(found) == 1 else None
        return None

    def _of_country(self, head: Token) -> tuple[str | None, int]:
        """'government of Sudan', 'forces in Darfur' -> the country and the span end."""
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "from", "in"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                # "of Sudan", or a region's name before its type word ("of Sindh province")
                for tok in [obj, *(c for c in obj.children if c.dep_ == "compound")]:
                    match = self.by_token.get(tok.i)
                    if match and match[2] in ("country", "demonym", "seat", "region", "city"):
                        end = max(match[1], obj.i + 1)
                        return match[3], end if prep.lower_ != "in" else head.i + 1
        return None, head.i + 1

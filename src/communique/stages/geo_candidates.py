"""Toponym candidates: where the text names a place, and which gazetteer entries it could be.

Spans come from spaCy's entities (GPE, LOC, FAC) and from a gazetteer phrase match for names
the small model misses or mislabels (it tags "Crimea" as ORG). A toponym is kept as a *place*
only when the parse says it is used as a location; the rule (data in `rules.yaml`):

- the subject (`nsubj`) of a verb that is not locative ("Russia said", "France agreed") acts:
  it is an actor, not a place; so is the agent of a passive ("was rejected by Ukraine");
- a possessive is an actor when what it owns is an act or a stance ("Russia's refusal") or an
  office ("France's president"); the owner of a thing is a place ("Mexico's farms", "Syria's
  north");
- everything else (after a locative preposition, a modifier "the Paris meeting", an object) is
  a place. Conjuncts and appositions inherit the role of the word they attach to.

Toponyms that overlap a person or organization actor of the actors stage are dropped too,
except a name that locates that actor ("the police in Sweden", "a Berlin-based charity") and a
dateline ("WINNIPEG -" tagged ORG).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from communique.document import Document
from communique.resources.gazetteer import Gazetteer, GeoEntry, load_place_rules, normalize

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span, Token

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: entities whose name may end in a local feature word ("Royal Street" is often tagged ORG)
LOCAL_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG"})
#: entity labels that own their words: a gazetteer match inside them is not a place
#: unless it covers the whole entity ("Crimea" tagged ORG)
OWNING_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT",
                           "LANGUAGE"})
NON_PLACE_ACTOR_KINDS = frozenset({"person", "organization", "group"})
LEADING_WORDS = frozenset({"the", "The"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "from", "to", "near", "into", "across", "outside",
                                   "inside", "around", "through", "toward", "towards", "via",
                                   "between", "throughout", "within", "of"})
DATELINE_MARKS = frozenset({"(", "-", "—", "–", ":", ","})
PHRASE_CITY_POPULATION = 100_000
#: only names that can stand for a government act as actors; "Africa's" is still a place
ACTOR_FEATURES = frozenset({"country", "city"})
#: tokens between an apposition and its head beyond which the parse is not trusted
MAX_APPOSITION_DISTANCE = 6


@dataclass
class Toponym:
    """A place name in the text and the gazetteer entries it may denote."""

    start: int
    end: int
    text: str
    label: str  # the NER label, or "MATCH" for a gazetteer phrase match
    candidates: list[GeoEntry]
    lookup_text: str  # the form that found the candidates (may drop "province", "northern")
    container: list[GeoEntry] = field(default_factory=list)  # "Austin, Texas": Texas
    #: found only after dropping a word ("Morris County" -> "Morris"): kept only when the
    #: article's context supports the candidate
    weak: bool = False
    #: written after "the" ("in the Pacific"): a sea, region or landmark rather than a town
    after_the: bool = False


def find_toponyms(doc: Document, gaz: Gazetteer) -> list[Toponym]:
    """Every place-used toponym of the document, in text order, with its candidates."""
    if doc.spacy is None:
        return []
    sdoc = doc.spacy
    found: list[Toponym] = []
    taken: set[int] = set()
    for ent in sdoc.ents:
        if ent.label_ in PLACE_LABELS:
            for part in _comma_parts(_trim(ent)):
                topo = _from_span(part, ent.label_, gaz)
                if topo is not None:
                    found.append(topo)
                    taken.update(range(part.start, part.end))
        if ent.label_ in LOCAL_LABELS and not taken.intersection(range(ent.start, ent.end)):
            local = _local_place(_trim(ent))
            if local is not None:
                found.append(local)
                taken.update(range(ent.start, ent.end))
    found.extend(_matched_toponyms(sdoc, gaz, taken))
    found.extend(_state_abbreviations(sdoc, gaz, found))
    found = [t for t in found if not _is_actor_use(sdoc.char_span(t.start, t.end), t)]
    known = frozenset(t.text for t in found if t.label in PLACE_LABELS and t.candidates
                      and not t.weak and not _overlaps_named_actor(doc, t))
    # one sense per discourse: a name the article uses as a place elsewhere is a place here
    # too, though NER tagged it a person or organization and no preposition precedes it
    again = [t for t in _matched_toponyms(sdoc, gaz, taken, known)
             if not _is_actor_use(sdoc.char_span(t.start, t.end), t)]
    found = [t for t in found + again if not _overlaps_named_actor(doc, t, known)]
    found.sort(key=lambda t: t.start)
    return _attach_containers(doc.text, found, gaz)


def _matched_toponyms(sdoc: SpacyDoc, gaz: Gazetteer, taken: set[int],
                      known: frozenset[str] = frozenset()) -> list[Toponym]:
    """Gazetteer phrase matches outside `taken` (which they extend), as toponyms."""
    found: list[Toponym] = []
    for span in _phrase_matches(sdoc, gaz, taken, known):
        topo = _from_span(span, "MATCH", gaz)
        if topo is not None:
            found.append(topo)
            taken.update(range(span.start, span.end))
    return found


def _local_place(span: Span) -> Toponym | None:
    """A street, church or airport the gazetteer lacks: a toponym without candidates, which
    the resolver places at the article's main city."""
    words = span.text.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return None
    if words[-1].casefold() not in load_place_rules()["local_feature_words"]:
        return None
    return Toponym(span.start_char, span.end_char, span.text, "LOCAL", [], span.text)


def _comma_parts(span: Span) -> list[Span]:
    """ "Parkland, Florida" as one entity is two toponyms: the town and its state."""
    cuts = [t.i for t in span if t.text == ","]
    if not cuts:
        return [span]
    doc = span.doc
    bounds = [span.start, *cuts, span.end]
    parts = [doc[a + (a in cuts):b] for a, b in zip(bounds, bounds[1:], strict=False)]
    return [p for p in parts if len(p) > 0]


def _state_abbreviations(sdoc: SpacyDoc, gaz: Gazetteer, found: list[Toponym]) -> list[Toponym]:
    """ "Gainesville, Va." : the abbreviated state after a place name is a toponym too."""
    ends = {t.end for t in found}
    starts = {t.start for t in found}
    extra: list[Toponym] = []
    for token in sdoc:
        if token.i < 2 or token.idx in starts or token.nbor(-1).text != ",":
            continue
        if token.nbor(-2).idx + len(token.nbor(-2).text) not in ends:
            continue
        text = token.text if token.text.endswith(".") or token.i + 1 >= len(sdoc) \
            or token.nbor(1).text != "." else token.text + "."
        state = gaz.us_states.get(normalize(text))
        if state is not None and text[:1].isupper() and "." in text:
            extra.append(Toponym(token.idx, token.idx + len(text), text, "MATCH", [state], text))
    return extra


def _trim(span: Span) -> Span:
    """Drop a leading "the" and a trailing possessive "'s" from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end - 1 and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start + 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end]


def _from_span(span: Span, label: str, gaz: Gazetteer) -> Toponym | None:
    if span is None or not span.text.strip() or not any(c.isupper() for c in span.text[:1]):
        return None
    lookup_text, candidates = lookup_variants(span.text, gaz)
    if not candidates:
        return None
    after_the = span.start > 0 and span.doc[span.start - 1].lower_ == "the"
    return Toponym(span.start_char, span.end_char, span.text, label, candidates, lookup_text,
                   weak=lookup_text != span.text, after_the=after_the)


def lookup_variants(text: str, gaz: Gazetteer) -> tuple[str, list[GeoEntry]]:
    """The name as written, else without a generic suffix or a direction prefix."""
    candidates = gaz.lookup(text)
    if candidates:
        return text, candidates
    rules = load_place_rules()
    words = text.split()
    if len(words) > 1 and words[-1].casefold() in rules["generic_suffixes"]:
        shorter = " ".join(words[:-1])
        if found := gaz.lookup(shorter):
            return shorter, found
    if len(words) > 1 and words[0].casefold() in rules["direction_prefixes"]:
        shorter = " ".join(words[1:])
        if found := gaz.lookup(shorter):
            return shorter, found
    if text.endswith("s") and len(words) == 1 and (found := gaz.lookup(text[:-1])):
        return text[:-1], [e for e in found if e.feature in ("region", "other")]
    if "." in text and (state := gaz.us_states.get(normalize(text))) is not None:
        return text, [state]  # "Calif.", "N.J." on their own
    return text, []


def _phrase_matches(sdoc: SpacyDoc, gaz: Gazetteer, taken: set[int],
                    known: frozenset[str] = frozenset()) -> Iterable[Span]:
    """Capitalized token runs that are gazetteer phrase names, outside NER place spans.
    With `known` (names the article already uses as places), only those names are matched,
    and they need no locative cue."""
    tokens = list(sdoc)
    i = 0
    while i < len(tokens):
        match = _longest_match_at(tokens, i, gaz, taken, known)
        if match is None:
            i += 1
            continue
        yield match
        i = match.end


def _longest_match_at(tokens: list[Token], i: int, gaz: Gazetteer, taken: set[int],
                      known: frozenset[str] = frozenset()) -> Span | None:
    first = tokens[i]
    if i in taken or not first.text[:1].isupper() or first.text in LEADING_WORDS:
        return None
    reach = gaz.reach(first.text)
    if not reach:
        return None
    doc = first.doc
    # a name of w words spans up to w + 2 tokens ("Guinea-Bissau", "St. Louis")
    for n in range(min(min(reach, gaz.max_words) + 2, len(tokens) - i), 0, -1):
        span = doc[i:i + n]
        if any(t.i in taken for t in span) or not span[-1].text[:1].isalnum():
            continue
        entries = gaz.lookup(span.text) if n <= gaz.max_words else []
        if entries and known:
            if span.text not in known or _in_longer_entity(span):
                return None
            return span
        if entries and is_dateline(span) and span.text.isupper():
            return span  # "OKLAHOMA CITY The ...": the next capital starts the story
        if entries:
            if _embedded_in_name(span, entries) or not _plausible_match(span, entries):
                return None
            return span
    return None


def _plausible_match(span: Span, entries: list[GeoEntry]) -> bool:
    """A city name NER did not tag needs a locative cue ("in X", "X, Texas", a dateline
    "BEIRUT (AP)"), unless it is a big city of several words ("Ho Chi Minh City")."""
    if any(e.feature != "city" for e in entries):
        return True
    if len(span) > 1 and max(e.population for e in entries) >= PHRASE_CITY_POPULATION:
        return True
    return _locative_cue(span)


def _locative_cue(span: Span) -> bool:
    """ "in X", "X, Texas", "from A to B", "between A and B", or a dateline."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    if before in LOCATIVE_PREPOSITIONS or after == "," or _based(span):
        return True
    token = span.root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPOSITIONS:
        return True
    return is_dateline(span)


def is_dateline(span: Span) -> bool:
    """ "BEIRUT (AP) -", "KOLKATA, India -": a place written first in a paragraph or in
    capitals, followed by an agency, dash or comma."""
    doc = span.doc
    after = doc[span.end].text if span.end < len(doc) else ""
    first = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    capitals = span.text.isupper() and len(span.text) > 2
    if capitals and first:
        return True  # "OKLAHOMA CITY The Latest ..."
    if after not in DATELINE_MARKS:
        return False
    return first or (capitals and (span[0].is_sent_start or span.start == 0))


def _in_longer_entity(span: Span) -> bool:
    """True inside a longer name: "Nelson" of "Nelson Mandela", "Riverdale High School"."""
    doc = span.doc
    for ent in doc.ents:
        if ent.start <= span.start and span.end <= ent.end and len(ent) > len(span):
            return ent.label_ in OWNING_LABELS or ent.label_ == "FAC"
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text[:1].isupper() and after.is_alpha:
        return True
    return _hyphen_joined(span)


def _hyphen_joined(span: Span) -> bool:
    doc = span.doc
    if _based(span):
        return False
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text in ("-", "–") and not span[-1].whitespace_:
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.text in ("-", "–") and not before.whitespace_


def _embedded_in_name(span: Span, entries: list[GeoEntry]) -> bool:
    """True when the words belong to a longer name ("Jordan Peterson", "Georgia Tech") or
    to a hyphenated word ("Asia-Pacific", "Miami-Dade"); "Berlin-based" is a place."""
    doc = span.doc
    if _based(span):
        return False
    if _hyphen_joined(span):
        return True
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text[:1].isupper() and after.is_alpha:
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.is_alpha and before.text[:1].isupper() \
            and not before.is_sent_start and before.lower_ not in ("in", "of", "to"):
        return True
    for ent in doc.ents:
        if ent.label_ in OWNING_LABELS and ent.start <= span.start and span.end <= ent.end:
            if (ent.start, ent.end) != (span.start, span.end):
                return True
            # an entity NER mislabelled ("Crimea" as ORG) is taken back; a town name tagged
            # as a person or organization only with a locative cue ("in Riverdale")
            return all(e.feature == "city" for e in entries) and not _locative_cue(span)
    return False


def _role_token(token: Token) -> Token:
    while token.dep_ in ("conj", "appos", "compound") and token.head is not token:
        if token.dep_ == "compound" and token.head.ent_type_ not in PLACE_LABELS:
            break
        if token.dep_ == "appos" and abs(token.i - token.head.i) > MAX_APPOSITION_DISTANCE:
            break  # a list after a colon is not an apposition of a far-away subject
        if token.dep_ == "conj" and token.head.pos_ != "PROPN":
            break  # "the shooting in Parkland, Florida": not a conjunct of "shooting"
        token = token.head
    return token


def _is_actor_use(span: Span | None, topo: Toponym) -> bool:
    """The parse rule of the module docstring: subject of an action verb, agent, possessor,
    or the affiliation of a person ("U.S. President")."""
    if span is None or is_dateline(span):
        return False
    rules = load_place_rules()
    token = _role_token(span.root)
    head = token.head
    if token.dep_ in ("compound", "amod", "nmod") and head.lower_ in rules["affiliation_nouns"]:
        return True
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if following is not None and following.lower_ in rules["affiliation_nouns"]:
        return True  # "U.S. President-elect": the parse may hang the title elsewhere
    if not any(e.feature in ACTOR_FEATURES for e in topo.candidates):
        return False
    if token.dep_ == "nsubj" and head.pos_ == "VERB":
        return head.lemma_.casefold() not in rules["locative_verbs"]
    if _stance_or_example_use(token, rules):
        return True
    if token.dep_ == "pobj" and head.dep_ == "agent":
        return True
    if token.dep_ in ("dobj", "dative") and head.pos_ == "VERB":
        # "accused Azerbaijan", "urged North Korea": the object of a political act is its
        # target; the object of a verb of place ("visited France", "invaded Ukraine") locates
        return head.lemma_.casefold() not in rules["locating_object_verbs"]
    if token.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_.casefold() in rules[
            "addressing_verbs"]:
        return True  # "called on Israel and Hamas to ..."
    if token.dep_ == "poss":
        return head.lower_ not in rules["geo_nouns"] and (
            head.lower_ in rules["actor_possessions"] or head.lower_ in rules["affiliation_nouns"])
    return False


def _stance_or_example_use(token: Token, rules: dict[str, frozenset[str]]) -> bool:
    """Uses of a name as a party that carry no action verb: the subject of a stance
    ("Moscow is open to talks", "Iran is ready"), the focus of a cleft ("it was Kyiv that
    refused"), and a member named as an example of a group of states ("nations such as
    Brazil", "mediators like Qatar", "partners including Japan")."""
    head = token.head
    if head.pos_ == "AUX" and head.lemma_ == "be":
        if token.dep_ == "nsubj":
            return any(c.dep_ == "acomp" and c.lemma_.casefold() in rules["stance_adjectives"]
                       for c in head.children)
        if token.dep_ == "attr":
            return any(c.dep_ == "nsubj" and c.lower_ == "it" for c in head.children) and any(
                c.dep_ in ("ccomp", "relcl") for c in head.children)
    if token.dep_ != "pobj" or head.lower_ not in ("as", "like", "including"):
        return False
    # the parse often hangs "like" on an earlier noun ("contributions from nations like"):
    # the word just before the preposition ("such" skipped) is tried too
    before = head.doc[head.i - 1] if head.i > 0 else head
    if before.lower_ == "such" and before.i > 0:
        before = head.doc[before.i - 1]
    return any(group.pos_ == "NOUN" and group.lemma_.casefold() in rules["actor_group_nouns"]
               and not _located_group(group, rules["actor_group_nouns"])
               for group in (head.head, before))


def _located_group(group: Token, group_nouns: frozenset[str]) -> bool:
    """ "in countries such as Spain": the group is where something is, so its members are
    places; "from" is left out ("support from nations such as Brazil" names the givers), and
    so is membership ("countries in the BRICS nations such as Brazil")."""
    # only the group's own preposition: a conjunct's parse is too often wrong to follow
    prep = group.head
    return (group.dep_ == "pobj" and prep.lower_ in LOCATIVE_PREPOSITIONS - {"from"}
            and prep.head.lemma_.casefold() not in group_nouns)


def _overlaps_named_actor(doc: Document, topo: Toponym,
                          known: frozenset[str] = frozenset()) -> bool:
    """A person or organization actor owns its words, except a government named by its
    country or seat ("Amsterdam" coded as the Dutch government), and a mention that is
    exactly a name the article uses as a place elsewhere: whether such a name acts or
    locates is the parse rule's call, not the actor dictionary's."""
    actor = doc.actor_at(topo.start, topo.end)
    if actor is None or actor.kind not in NON_PLACE_ACTOR_KINDS:
        return False
    span = doc.spacy.char_span(topo.start, topo.end) if doc.spacy is not None else None
    if span is not None and (is_dateline(span) or _locates_within(span)):
        return False
    if topo.text in known and any(
            m.start == topo.start and m.end == topo.end for m in actor.mentions):
        return False
    metonymy = actor.kind == "organization" and actor.country is not None and any(
        m.start == topo.start and m.end == topo.end for m in actor.mentions
    ) and any(e.country == actor.country and e.feature in ACTOR_FEATURES
              for e in topo.candidates)
    return not metonymy


def _locates_within(span: Span) -> bool:
    """A name that locates the actor whose mention holds it is still a place: "the
    authorities in Tunis", "police in Sweden", "a Berlin-based charity", "a New York court",
    "the rebel stronghold of Douma" (the actor is the authorities; the city is where they are).
    Before a title it is an affiliation ("U.S. President"), not a place."""
    doc = span.doc
    rules = load_place_rules()
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in LOCATIVE_PREPOSITIONS and before != "of":
        return True
    if before == "of" and span.start > 1 and doc[span.start - 2].lower_ in rules["geo_nouns"]:
        return True  # "the rebel stronghold of Douma": the rebels' place
    root = span.root
    if root.dep_ in ("compound", "nmod") and root.head.i >= span.end and (
            root.head.lower_ not in rules["affiliation_nouns"]):
        return True  # "a New York court", "Basra police": where the actor is
    return _based(span)


def _based(span: Span) -> bool:
    """ "London-based": the name says where something is."""
    doc = span.doc
    return (span.end + 1 < len(doc) and doc[span.end].text in ("-", "–")
            and doc[span.end + 1].lower_ == "based")


def _attach_containers(text: str, toponyms: list[Toponym], gaz: Gazetteer) -> list[Toponym]:
    """Give "Austin, Texas" / "Springfield, Ill." / "Aleppo, Syria" their container entries;
    "Washington, D.C." (a "container" naming the same place) becomes one toponym."""
    kept: list[Toponym] = []
    skip_next = False
    for index, topo in enumerate(toponyms):
        if skip_next:
            skip_next = False
            continue
        kept.append(topo)
        if not text[topo.end:topo.end + 2] == ", ":
            continue
        following = toponyms[index + 1] if index + 1 < len(toponyms) else None
        if following is None or following.start != topo.end + 2:
            continue
        if set(following.candidates) & set(topo.candidates):
            topo.end, topo.text = following.end, text[topo.start:following.end]
            topo.candidates = [c for c in topo.candidates if c in following.candidates]
            skip_next = True
            continue
        topo.container = [c for c in following.candidates if c.feature in ("country", "region")]
    del gaz
    return kept

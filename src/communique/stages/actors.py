"""The actors stage: every mention of a person, organization, government, group or country,
resolved to one canonical actor with a CAMEO code and the PLOVER country and sector.

Steps: dictionary + NER mentions (`actor_find`), the NER guard written back to
`doc.spacy.ents`, rule-based coreference (`coref`), then one `Actor` per distinct real-world
actor, ids "a1", "a2"... in order of first mention.

Conventions (following the PLOVER gold coding, where "Russia" is RUS with no sector and
"Moscow"/"the Kremlin" is RUS GOV):

- a country named as such is kind "country", code = its ISO3 root, sector null; the events
  stage may read it as the government when it acts politically;
- a seat of power ("the Kremlin", "Washington") or a country word + "government"/"leadership"
  is the collective actor "<Demonym> government" (kind organization, sector GOV); a country
  word + another sector noun is that collective ("Ukrainian troops": UKR MIL);
- people code by the role in force on the publication date (people.yaml), else by their title
  in the text ("Kremlin spokesperson X": RUS GOV; "X, a senior Hamas official": PSE REB);
- transnational actors (IGOs, NGOs, al-Qaeda) have country null and their CAMEO root as code.

`doc.extras["actors"]` holds what later stages need::

    {
      "token_actor": {token_index: actor_id, ...},   # every token of every mention
      "mentions": [{"start": int, "end": int, "actor": "a1",
                    "how": "dictionary" | "ner" | "sector" | "group" | "region" | "city"
                           | "coref"}, ...],
    }
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, ClassVar

from communique.config import Settings
from communique.document import Document
from communique.models import Actor, Mention
from communique.resources.actors import ActorDictionary, actor_dictionary
from communique.stages.actor_find import Finder
from communique.stages.actor_mentions import Hit, MentionMatcher, Referent, span_ents
from communique.stages.coref import resolve


@lru_cache(maxsize=8)
def _matcher(user_files: tuple[Any, ...], model: str) -> MentionMatcher:
    from communique.stages.nlp import load_model

    return MentionMatcher(actor_dictionary(user_files), load_model(model))


class ActorsStage:
    name: ClassVar[str] = "actors"
    requires: ClassVar[frozenset[str]] = frozenset({"spacy", "published"})
    assigns: ClassVar[frozenset[str]] = frozenset({"actors"})
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        # load (and validate) the dictionaries now: a malformed user file is a usage error
        self.dictionary: ActorDictionary = actor_dictionary(tuple(self.settings.actors))

    def _matcher(self) -> MentionMatcher:
        return _matcher(tuple(self.settings.actors), self.settings.spacy_model)

    def __call__(self, doc: Document) -> Document:
        spacy_doc = doc.spacy
        if spacy_doc is None:
            doc.warn("actors: no parse available; no actors coded.")
            return doc
        finder = Finder(spacy_doc, self._matcher(), doc.published)
        hits = finder.run()
        spacy_doc.set_ents(span_ents(spacy_doc, hits, finder.regions))
        merge_surnames(hits)
        hits = sorted(hits + resolve(spacy_doc, hits, self.dictionary.anaphors,
                                     self.dictionary),
                      key=lambda h: h.i)
        doc.actors, extras = build_actors(doc, hits)
        doc.extras["actors"] = extras
        for actor in doc.actors:
            if actor.code is None and actor.kind != "organization":
                doc.warn(f"actor '{actor.name}' ({actor.id}) has no code: its country is unknown.")
        return doc


def merge_surnames(hits: list[Hit]) -> None:
    """Point bare surnames ("Peskov") and partial names at the full name mentioned elsewhere."""
    people = [h.ref for h in hits if h.ref.kind == "person"]
    full: dict[str, Referent] = {}
    for ref in people:
        parts = ref.name.split()
        if len(parts) > 1:
            full.setdefault(parts[-1].lower(), ref)
    for hit in hits:
        ref = hit.ref
        if ref.kind != "person" or ref.key[0] != "person":
            continue
        parts = ref.name.split()
        target = full.get(parts[-1].lower()) if parts else None
        if target is not None and target is not ref and (
            len(parts) == 1 or parts[0].lower() == target.name.split()[0].lower()
        ):
            hit.ref = _merged(target, ref)


def _merged(primary: Referent, other: Referent) -> Referent:
    """The primary referent, with fields it lacks filled from another mention of the same actor."""
    if primary.country is None and other.country is not None:
        primary.country, primary.sector, primary.code = other.country, other.sector, other.code
    if primary.sector is None and other.sector is not None and primary.country == other.country:
        primary.sector, primary.code = other.sector, other.code
    primary.role = primary.role or other.role
    return primary


def build_actors(doc: Document, hits: list[Hit]) -> tuple[list[Actor], dict[str, Any]]:
    """One Actor per referent key, ids in order of first mention; plus the extras map."""
    spacy_doc = doc.spacy
    assert spacy_doc is not None
    refs: dict[tuple[str, ...], Referent] = {}
    order: list[tuple[str, ...]] = []
    spans: dict[tuple[str, ...], list[tuple[int, int, Hit]]] = {}
    for hit in hits:
        key = hit.ref.key
        if key not in refs:
            refs[key] = hit.ref
            order.append(key)
        else:
            refs[key] = _merged(refs[key], hit.ref)
        start = spacy_doc[hit.i].idx
        last = spacy_doc[hit.j - 1]
        spans.setdefault(key, []).append((start, last.idx + len(last.text), hit))
    actors: list[Actor] = []
    token_actor: dict[int, str] = {}
    mentions_out: list[dict[str, Any]] = []
    for n, key in enumerate(order, start=1):
        ref, actor_id = refs[key], f"a{n}"
        mentions = []
        for start, end, hit in sorted(spans[key], key=lambda s: s[0]):
            mentions.append(Mention(start=start, end=end, text=doc.text[start:end]))
            mentions_out.append({"start": start, "end": end, "actor": actor_id, "how": hit.how})
            token_actor.update(dict.fromkeys(range(hit.i, hit.j), actor_id))
        actors.append(Actor(id=actor_id, name=ref.name, code=ref.code, country=ref.country,
                            sector=ref.sector, kind=ref.kind, mentions=mentions, role=ref.role))
    mentions_out.sort(key=lambda m: m["start"])
    return actors, {"token_actor": token_actor, "mentions": mentions_out}

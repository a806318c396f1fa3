"""Rule-based in-document coreference: pronouns and role nouns linked to actors already named.

No model: news writing is regular enough that a few rules carry most of the weight.

- A personal pronoun (he, she, him, his, her, himself, herself) refers to a person: first a
  person that is the subject of the same sentence before the pronoun, then the subject of the
  previous sentence (the "subject preference" of news prose: "X said ... He added ..."), then
  the nearest person mentioned in the last two sentences.
- "it"/"its" as a subject or possessor refers to a non-person actor (government, organization,
  group, country) by the same preference; expletive "it" ("it was Ukraine that...", "it is
  clear") is skipped.
- A definite description from anaphors.yaml ("the spokesperson", "the Gulf state", "the
  alliance") refers to the nearest earlier actor of a fitting kind, country, or role title.
- "they"/"them"/"their" refer to a plural antecedent by the same preference: coordinated actors
  ("Russia and Ukraine ... they": a mention of each) or one plural group ("the rebels",
  "Nigerians", "the Houthis").
- Inside quotation marks the speaker's perspective holds: when the quote's sentence names its
  speaker ("...," Peskov said), "I"/"me"/"my" are the speaker and "we"/"us"/"our" the speaker's
  side: a group or organization speaker itself, a person's state in the person's sector (a
  Russian official's "we" is the Russian government). Other pronouns in quotes are left alone,
  as are quotes whose speaker is unknown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from communique.resources.actors import ActorDictionary, Anaphor
from communique.stages.actor_mentions import Hit, Referent, collective

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
SPEAKER_PRONOUNS = frozenset({"i", "me", "my", "myself"})
SIDE_PRONOUNS = frozenset({"we", "us", "our", "ours", "ourselves"})
SPEECH_VERBS = frozenset({"say", "tell", "add", "state", "declare", "insist", "warn", "write",
                          "note", "claim", "argue", "explain", "stress", "ask", "reply"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OPEN_QUOTES = frozenset({"“", "‘", "«"})
CLOSE_QUOTES = frozenset({"”", "’", "»"})
WINDOW = 2  # sentences back a pronoun may reach


def quote_regions(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges [start, end) inside quotation marks (curly pairs, or alternating straight)."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    for tok in doc:
        text = tok.text
        if text in OPEN_QUOTES or (text == '"' and open_at is None):
            open_at = tok.i
        elif (text in CLOSE_QUOTES and text != "’") or (text == '"' and open_at is not None):
            if open_at is not None:
                regions.append((open_at + 1, tok.i))
            open_at = None
    return regions


def quoted_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside quotation marks."""
    return {i for start, end in quote_regions(doc) for i in range(start, end)}


class Resolver:
    def __init__(self, doc: Doc, hits: list[Hit], anaphors: list[Anaphor],
                 dictionary: ActorDictionary | None = None) -> None:
        self.doc = doc
        self.dictionary = dictionary
        self.hits = sorted(hits, key=lambda h: h.i)
        self.anaphors = anaphors
        # descriptions by their first word, so that each "the" is checked against only the
        # phrases that can follow it
        self.phrases_by_first: dict[str, list[tuple[Anaphor, str, list[str]]]] = {}
        for anaphor in anaphors:
            for phrase in anaphor.phrases:
                words = phrase.split()
                self.phrases_by_first.setdefault(words[0], []).append((anaphor, phrase, words))
        self.quoted = quoted_tokens(doc)
        self.taken = {i for h in hits for i in range(h.i, h.j)}
        self.sent_of = {}
        for index, sent in enumerate(doc.sents):
            for tok in sent:
                self.sent_of[tok.i] = index

    def run(self) -> list[Hit]:
        new: list[Hit] = []
        for tok in self.doc:
            if tok.i in self.taken or tok.i in self.quoted:
                continue
            if tok.lower_ in PLURAL_PRONOUNS:
                found = self._plural(tok)
            else:
                hit = self._pronoun(tok) or self._description(tok)
                found = [hit] if hit is not None else []
            new.extend(found)
            self.taken.update(i for h in found for i in range(h.i, h.j))
        new.extend(self._in_quotes(self.hits + new))
        return new

    # ------------------------------------------------------------------ they
    def _plural(self, tok: Token) -> list[Hit]:
        """'they': the coordinated actors or the plural group it refers back to."""
        sent = self.sent_of[tok.i]
        cands = [h for h in self.hits if h.i < tok.i and sent - WINDOW <= self.sent_of[h.i] <= sent
                 and h.how != "coref"]
        units = self._plural_units(cands)
        if not units:
            return []
        chosen = units[-1]
        for target in (sent, sent - 1):
            subjects = [u for u in units if self.sent_of[u[0].i] == target
                        and any(self._is_subject(h) for h in u)]
            if subjects:
                chosen = subjects[-1] if target == sent else subjects[0]
                break
        return [Hit(tok.i, tok.i + 1, h.ref, "coref") for h in chosen]

    def _plural_units(self, cands: list[Hit]) -> list[list[Hit]]:
        """Coordinations of actors ("Russia and Ukraine") and single plural groups, in order."""
        by_token = {i: h for h in cands for i in range(h.i, h.j)}
        units: list[list[Hit]] = []
        grouped: set[int] = set()
        for hit in cands:
            if id(hit) in grouped:
                continue
            root = self.doc[hit.i:hit.j].root
            members = [hit] + [by_token[c.i] for c in root.conjuncts if c.i in by_token
                               and by_token[c.i] is not hit and c.i > root.i]
            members = list({id(m): m for m in members}.values())
            if len(members) > 1:
                grouped.update(id(m) for m in members)
                units.append(members)
            elif hit.ref.kind != "person" and root.tag_ in ("NNS", "NNPS"):
                units.append([hit])
        return units

    # ------------------------------------------------------------------ quotes
    def _in_quotes(self, hits: list[Hit]) -> list[Hit]:
        """'I' in a quote is its speaker; 'we' the speaker's side (see the module docstring)."""
        new: list[Hit] = []
        by_token = {i: h for h in hits for i in range(h.i, h.j)}
        for start, end in quote_regions(self.doc):
            speaker = self._speaker(start, end, by_token)
            if speaker is None:
                continue
            side = self._side(speaker)
            for tok in self.doc[start:end]:
                if tok.i in by_token:
                    continue
                if tok.lower_ in SPEAKER_PRONOUNS and speaker.kind == "person":
                    new.append(Hit(tok.i, tok.i + 1, speaker, "coref"))
                elif tok.lower_ in SIDE_PRONOUNS and side is not None:
                    new.append(Hit(tok.i, tok.i + 1, side, "coref"))
        return new

    def _speaker(self, start: int, end: int, by_token: dict[int, Hit]) -> Referent | None:
        """The subject of a speech verb outside the quote, in the sentences the quote ends or
        starts in ("...," the minister said / The minister said: "...")."""
        sents = {self.doc[start].sent, self.doc[max(start, end - 1)].sent}
        if end < len(self.doc):
            sents.add(self.doc[end].sent)
        for sent in sents:
            for tok in sent:
                if start <= tok.i < end or tok.lemma_.lower() not in SPEECH_VERBS:
                    continue
                for child in tok.children:
                    if child.dep_ in SUBJECT_DEPS and child.i in by_token and not (
                            start <= child.i < end):
                        return by_token[child.i].ref
        return None

    def _side(self, speaker: Referent) -> Referent | None:
        """Whose "we": an organization or group speaks for itself; a person for the state's
        body of their sector (a Russian official's "we": the Russian government)."""
        if speaker.kind != "person":
            return speaker
        if speaker.country is None or self.dictionary is None:
            return None
        return collective(self.dictionary, speaker.country, speaker.sector or "GOV")

    def _candidates(self, tok: Token, want_person: bool) -> list[Hit]:
        sent = self.sent_of[tok.i]
        return [h for h in self.hits if h.i < tok.i and sent - WINDOW <= self.sent_of[h.i] <= sent
                and (h.ref.kind == "person") == want_person and h.how != "coref"]

    def _prefer(self, tok: Token, cands: list[Hit]) -> Hit | None:
        """Subject of this sentence, then subject of the previous one, then the nearest."""
        if not cands:
            return None
        sent = self.sent_of[tok.i]
        for target in (sent, sent - 1):
            subjects = [h for h in cands if self.sent_of[h.i] == target and self._is_subject(h)]
            if subjects:
                return subjects[0] if target != sent else subjects[-1]
        before = [h for h in cands if self.sent_of[h.i] == sent - 1]
        if before and not any(self.sent_of[h.i] == sent for h in cands):
            return before[0]  # no subject found: the topic, named first, beats the nearest
        return cands[-1]

    def _is_subject(self, hit: Hit) -> bool:
        span = self.doc[hit.i:hit.j]
        root = span.root
        while root.dep_ in ("compound", "appos", "conj") and root.head.i != root.i:
            root = root.head
        return root.dep_ in SUBJECT_DEPS

    def _pronoun(self, tok: Token) -> Hit | None:
        lower = tok.lower_
        if lower in PERSON_PRONOUNS:
            target = self._prefer(tok, self._candidates(tok, want_person=True))
        elif lower in THING_PRONOUNS and not self._expletive(tok):
            target = self._prefer(tok, self._candidates(tok, want_person=False))
        else:
            return None
        if target is None:
            return None
        return Hit(tok.i, tok.i + 1, target.ref, "coref")

    @staticmethod
    def _expletive(tok: Token) -> bool:
        if tok.lower_ == "its":
            return tok.dep_ != "poss"
        if tok.dep_ not in SUBJECT_DEPS:
            return True
        head = tok.head
        return head.lemma_ == "be" or any(c.dep_ in ("ccomp", "xcomp") and c.i > head.i
                                          and head.lemma_ in ("seem", "appear") for c in
                                          head.children)

    def _description(self, tok: Token) -> Hit | None:
        if tok.lower_ != "the" or tok.i + 1 >= len(self.doc):
            return None
        for anaphor, phrase, words in self.phrases_by_first.get(self.doc[tok.i + 1].lower_, ()):
            end = tok.i + 1 + len(words)
            if end > len(self.doc) or [t.lower_ for t in self.doc[tok.i + 1:end]] != words:
                continue
            if end < len(self.doc) and (self.doc[end].pos_ == "PROPN"
                                        or self.doc[end].lower_ in ("of", "for", "'s")):
                continue  # "the spokesperson Maria X", "the president of Y": not anaphors
            if not self.taken.isdisjoint(range(tok.i, end)):
                continue
            target = self._description_target(tok, anaphor, phrase)
            if target is not None:
                return Hit(tok.i, end, target, "coref")
        return None

    def _description_target(self, tok: Token, anaphor: Anaphor, phrase: str) -> Referent | None:
        for hit in reversed([h for h in self.hits if h.i < tok.i and h.how != "coref"]):
            ref = hit.ref
            if ref.kind not in anaphor.kinds:
                continue
            if anaphor.countries and ref.country not in anaphor.countries:
                continue
            if ref.kind == "person" and phrase.split()[-1] not in (ref.role or "").lower():
                continue
            return ref
        return None


def resolve(doc: Doc, hits: list[Hit], anaphors: list[Anaphor],
            dictionary: ActorDictionary | None = None) -> list[Hit]:
    """The coreference hits (pronouns, descriptions) to add to the named mentions."""
    return Resolver(doc, hits, anaphors, dictionary).run()

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
- Pronouns inside quotation marks are left alone: there "I"/"we"/"he" follow the speaker's
  perspective, which the quotes stage resolves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from communique.resources.actors import Anaphor
from communique.stages.actor_mentions import Hit, Referent

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OPEN_QUOTES = frozenset({"“", "‘", "«"})
CLOSE_QUOTES = frozenset({"”", "’", "»"})
WINDOW = 2  # sentences back a pronoun may reach


def quoted_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside quotation marks (curly pairs, or alternating straight quotes)."""
    inside: set[int] = set()
    open_at: int | None = None
    for tok in doc:
        text = tok.text
        if text in OPEN_QUOTES or (text == '"' and open_at is None):
            open_at = tok.i
        elif (text in CLOSE_QUOTES and text != "’") or (text == '"' and open_at is not None):
            if open_at is not None:
                inside.update(range(open_at + 1, tok.i))
            open_at = None
    return inside


class Resolver:
    def __init__(self, doc: Doc, hits: list[Hit], anaphors: list[Anaphor]) -> None:
        self.doc = doc
        self.hits = sorted(hits, key=lambda h: h.i)
        self.anaphors = anaphors
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
            hit = self._pronoun(tok) or self._description(tok)
            if hit is not None:
                new.append(hit)
                self.taken.update(range(hit.i, hit.j))
        return new

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
        for anaphor in self.anaphors:
            for phrase in anaphor.phrases:
                words = phrase.split()
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


def resolve(doc: Doc, hits: list[Hit], anaphors: list[Anaphor]) -> list[Hit]:
    """The coreference hits (pronouns, descriptions) to add to the named mentions."""
    return Resolver(doc, hits, anaphors).run()

"""Spelling and transliteration variants of dictionary names ("Afganistan", "Phillippines",
"Khatmandu", "Quatar", "Mitterand", "Chenchen").

Names from Arabic, Persian, Russian or Nepali reach English text in several spellings, and wire
copy misspells the rest; an exact-match dictionary misses every one of them and the event loses
its actor. A capitalised word the dictionary does not cover is read as the dictionary name it is
a variant of, at two levels:

- the *skeleton* of a word folds what transliteration and typing vary: accents, doubled letters,
  an "h" after a consonant (kh, gh, dh, th), ph/f, q(u)/k, y/i, ou/u. Equal skeletons are the
  same name, for any dictionary name ("Mitterand" is Mitterrand, "Afganistan" Afghanistan);
- a place or a people (country, capital or seat, demonym, region, ethnic group) also matches
  one edit away on the skeleton ("Chenchen": Chechen, "Zimbabawe": Zimbabwe), when the edit
  keeps the first letter and the last two (a changed ending makes a derived word or another
  name: "Burman", "Georgina", "Crimean"), and the word is not a person's or a firm's name.

Guards, because a false match invents an actor: the word has at least 6 letters, is capitalised
and not in capitals (acronyms), is a proper noun or part of a name entity, is not a word the
model's lemma list knows (WordNet's lemmas, which hold English words and most real places and
given names: "Indiana", "Parish", "Karen", "Johnston"), and all its candidates denote one key.
Without a lemma list the matcher matches nothing. The index is built once per dictionary; a
lookup is one skeleton and at most one dictionary access per deleted letter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

#: shortest word (in letters) read as a variant; shorter words are too easily another word
MIN_LETTERS = 6
#: shortest dictionary skeleton an edit may reach ("Qatar" -> "katar", five letters)
MIN_TARGET = 5
#: categories whose names match one edit away (places and peoples); entries match exactly
EDIT_CATEGORIES = frozenset({"country", "seat", "demonym", "region", "ethnic"})
NAME_ENTS = frozenset({"GPE", "NORP", "PERSON", "ORG", "LOC", "FAC"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "miss", "sir", "lord", "lady", "prof"})

_FOLDS = (("ph", "f"), ("qu", "k"), ("q", "k"), ("ou", "u"), ("y", "i"))
_H_AFTER_CONSONANT = re.compile(r"(?<=[bcdfgjklmnpqrstvwxz])h")
_DOUBLES = re.compile(r"(.)\1+")


def skeleton(word: str) -> str:
    """The spelling-blind key of a word: "Afghanistan" and "Afganistan" -> "afganistan"."""
    text = unicodedata.normalize("NFKD", word.casefold())
    text = "".join(ch for ch in text if ch.isalpha() and not unicodedata.combining(ch))
    for written, folded in _FOLDS:
        text = text.replace(written, folded)
    text = _H_AFTER_CONSONANT.sub("", text)
    return _DOUBLES.sub(r"\1", text)


def _deletes(key: str) -> set[str]:
    return {key[:i] + key[i + 1:] for i in range(len(key))}


VOWELS = frozenset("aeiou")


def within_one_edit(a: str, b: str) -> bool:
    """Whether two strings differ by at most one inserted or deleted letter, one swap of
    neighbours or one vowel written for another: the slips of typing and transliteration. A
    consonant written for another makes another name ("Berger" is not "Berber")."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return a[diff[0]] in VOWELS and b[diff[0]] in VOWELS
        return (len(diff) == 2 and diff[1] == diff[0] + 1
                and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@dataclass
class SpellingIndex:
    """Dictionary names by skeleton, and by skeleton minus one letter for places and peoples."""

    #: skeleton -> {(category, key)} for every single-word dictionary name
    exact: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    #: skeleton minus one letter (or whole) -> skeletons of place/people names
    near: dict[str, set[str]] = field(default_factory=dict)
    #: lowercase words and names the model's lemma list knows (never read as variants)
    known_words: frozenset[str] = frozenset()

    @classmethod
    def build(cls, surfaces: Iterable[tuple[str, str, str]], nlp: Language) -> SpellingIndex:
        index = cls(known_words=lemma_words(nlp))
        for surface, category, key in surfaces:
            skel = skeleton(surface)
            if len(skel) < MIN_TARGET:
                continue
            index.exact.setdefault(skel, set()).add((category, key))
            if category in EDIT_CATEGORIES and surface.isalpha():  # one word: edits too
                for variant in _deletes(skel) | {skel}:
                    index.near.setdefault(variant, set()).add(skel)
        return index

    def candidate(self, token: Token) -> bool:
        """Whether a token may be (part of) a misspelt name at all (see the module doc)."""
        text = token.text
        return (bool(self.known_words) and text.isalpha() and text[0].isupper()
                and not text.isupper() and (token.pos_ == "PROPN" or token.ent_type_ in NAME_ENTS)
                and text.lower() not in self.known_words)

    def lookup(self, words: list[str], edit: bool = True) -> tuple[str, str] | None:
        """(category, key) of the one dictionary name some words are a variant of, else None.
        Several words match only by skeleton; one word of a place or people also by an edit
        when `edit` allows it."""
        skel = skeleton("".join(words))
        if len(skel) < MIN_LETTERS - 1 or max(len(w) for w in words) < MIN_LETTERS:
            return None
        found = set(self.exact.get(skel, ()))
        if not found and len(words) == 1 and edit:
            near: set[str] = set()
            for variant in _deletes(skel) | {skel}:
                near.update(self.near.get(variant, ()))
            for target in near:
                # the edit lies inside the word: a changed first letter or ending makes
                # another word or a derived one ("Burman", "Georgina", "Crimean")
                if target[0] == skel[0] and target[-2:] == skel[-2:] and within_one_edit(
                        skel, target):
                    found.update(m for m in self.exact[target] if m[0] in EDIT_CATEGORIES)
        keys = {key for _, key in found}
        if len(keys) != 1:
            return None  # unknown, or a variant of two different names: say nothing
        return min(found, key=lambda m: _CATEGORY_ORDER.get(m[0], 9))

    def spans(self, doc: Doc, taken: set[int]) -> list[tuple[int, int, str, str]]:
        """(start, end, category, key) of the misspelt names in a document: a name entity, or a
        lone proper noun, that no dictionary match covers."""
        found: list[tuple[int, int, str, str]] = []
        seen: set[int] = set()
        surnames = {e[-1].lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
        for start, end in _name_spans(doc):
            if not taken.isdisjoint(range(start, end)) or not seen.isdisjoint(range(start, end)):
                continue
            seen.update(range(start, end))
            tokens = doc[start:end]
            if not all(t.is_alpha and t.text[:1].isupper() for t in tokens) or not any(
                    self.candidate(t) for t in tokens):
                continue
            # an edit away, a firm's name or a surname is more often another name ("Nashua",
            # "Berger") than a misspelt place: not after "Mr", not a surname the text gives
            # in full elsewhere
            edit = tokens[0].ent_type_ != "ORG" and tokens[0].lower_ not in surnames and not (
                start > 0 and doc[start - 1].lower_.rstrip(".") in HONORIFICS)
            match = self.lookup([t.text for t in tokens], edit)
            if match is not None:
                found.append((start, end, *match))
        return found


def _name_spans(doc: Doc) -> Iterable[tuple[int, int]]:
    """Name entities without a possessive, then capitalised proper nouns outside them."""
    in_ent: set[int] = set()
    for ent in doc.ents:
        end = ent.end
        while end > ent.start and doc[end - 1].text in ("'s", "’s", "'"):
            end -= 1
        in_ent.update(range(ent.start, ent.end))
        if ent.label_ in NAME_ENTS and end > ent.start:
            yield ent.start, end
    for token in doc:
        if token.i in in_ent or token.pos_ != "PROPN" or not token.text[:1].isupper():
            continue
        # a lone proper noun: not one word of a longer name ("Fort Benning")
        if any(0 <= k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper()
               for k in (token.i - 1, token.i + 1)):
            continue
        yield token.i, token.i + 1


_CATEGORY_ORDER = {"entry": 0, "country": 1, "seat": 2, "demonym": 3, "region": 4, "ethnic": 5}


def lemma_words(nlp: Language) -> frozenset[str]:
    """The words of the model's lemmatizer lookup tables (WordNet's lemmas), if it has them."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    table = lookups.get_table("lemma_index")
    words: set[str] = set()
    for pos in table:
        words.update(w.lower() for w in table[pos])
    return frozenset(words)


def spelling_variant(surfaces: Iterable[tuple[str, str, str]], name: str,
                     nlp: Language) -> str | None:
    """The dictionary surface form a whole name is read as a variant of, for `actors lookup`
    (the same index and guards as in text, less the ones that need a sentence)."""
    forms = list(surfaces)
    index = SpellingIndex.build(forms, nlp)
    words = name.split()
    if not words or any(w.lower() in index.known_words or not w.isalpha() for w in words):
        return None
    match = index.lookup(words)
    return next((s for s, category, key in forms if (category, key) == match), None)

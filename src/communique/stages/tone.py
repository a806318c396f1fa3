"""Tone: VADER sentiment of the article (its lexicon ships inside the wheel)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

from communique.document import Document
from communique.models import Tone

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


class ToneStage:
    name: ClassVar[str] = "tone"
    requires: ClassVar[frozenset[str]] = frozenset({"sentences"})
    assigns: ClassVar[frozenset[str]] = frozenset({"tone"})
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})

    def __call__(self, doc: Document) -> Document:
        # VADER is built for sentences: average them, weighted by length, rather than score a
        # whole article as one string (which saturates the compound score).
        totals = {"compound": 0.0, "pos": 0.0, "neg": 0.0, "neu": 0.0}
        weight = 0
        for sentence in doc.sentences:
            chunk = doc.text[sentence.start : sentence.end]
            scores = analyzer().polarity_scores(chunk)
            for key in totals:
                totals[key] += scores[key] * len(chunk)
            weight += len(chunk)
        if weight:
            doc.tone = Tone(
                compound=round(totals["compound"] / weight, 4),
                positive=round(totals["pos"] / weight, 4),
                negative=round(totals["neg"] / weight, 4),
                neutral=round(totals["neu"] / weight, 4),
            )
        return doc

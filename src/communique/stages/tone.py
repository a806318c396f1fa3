"""Tone and themes: VADER sentiment per sentence and article, and the article's themes.

VADER's lexicon ships inside its wheel. Themes come from the events and a keyword list kept as
data (`resources/data/themes.yaml`), so this stage runs last.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

from communique.document import Document
from communique.models import Tone
from communique.resources.themes import theme_table

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

_SCORES = ("compound", "pos", "neg", "neu")


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


class ToneStage:
    name: ClassVar[str] = "tone"
    requires: ClassVar[frozenset[str]] = frozenset({"sentences", "events"})
    assigns: ClassVar[frozenset[str]] = frozenset({"tone", "themes"})
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})

    def __call__(self, doc: Document) -> Document:
        self._tone(doc)
        doc.themes = theme_table().assign(
            doc.text, ((event.cameo, event.plover.type) for event in doc.events)
        )
        return doc

    @staticmethod
    def _tone(doc: Document) -> None:
        # VADER is built for sentences: score each, and average them weighted by length for the
        # article, rather than score a whole article as one string (which saturates compound).
        totals = dict.fromkeys(_SCORES, 0.0)
        weight = 0
        for sentence in doc.sentences:
            chunk = doc.text[sentence.start : sentence.end]
            scores = analyzer().polarity_scores(chunk)
            sentence.tone = round(scores["compound"], 4)
            for key in _SCORES:
                totals[key] += scores[key] * len(chunk)
            weight += len(chunk)
        if weight:
            doc.tone = Tone(
                compound=round(totals["compound"] / weight, 4),
                positive=round(totals["pos"] / weight, 4),
                negative=round(totals["neg"] / weight, 4),
                neutral=round(totals["neu"] / weight, 4),
            )

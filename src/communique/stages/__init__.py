"""The pipeline's stages, in their standard order."""

from __future__ import annotations

from communique.config import Settings
from communique.stages.actors import ActorsStage
from communique.stages.base import Stage
from communique.stages.dates import DatesStage
from communique.stages.events import EventsStage
from communique.stages.language import LanguageStage
from communique.stages.nlp import NlpStage
from communique.stages.places import PlacesStage
from communique.stages.quotes import QuotesStage
from communique.stages.tone import ToneStage

__all__ = ["Stage", "default_stages"]


def default_stages(settings: Settings) -> list[Stage]:
    return [
        LanguageStage(),
        NlpStage(settings.spacy_model, settings.batch_size),
        DatesStage(),
        ActorsStage(settings),
        PlacesStage(),
        QuotesStage(),
        EventsStage(settings),
        ToneStage(),
    ]

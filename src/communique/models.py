"""The article record of CONTRACT.md as typed models.

These models are the single definition of the record: the JSON Schema that `communique schema`
prints is generated from them, and every record the project emits is validated by them. Fields may
be added; the contract's fields are never renamed or given a new meaning without a new
`SCHEMA_VERSION`.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal["1"] = "1"

PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
ActorKind = Literal["person", "organization", "country", "igo", "group"]
Modality = Literal["asserted", "intended", "hypothetical", "reported", "demanded"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Granularity = Literal[
    "day", "month", "year", "week", "season", "decade", "time", "duration", "set"
]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
PlaceFeature = Literal["city", "country", "region", "landmark", "other"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Offsets(_Model):
    """A character span into the article text (Python string indices, end exclusive)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class TextSpan(Offsets):
    text: str


class Sentence(Offsets):
    tone: float | None = Field(default=None, description="VADER compound score, -1..1")


class Mention(TextSpan):
    pass


class Actor(_Model):
    id: str
    name: str
    code: str | None = Field(description="CAMEO actor code: country/IGO root + sector(s)")
    country: str | None = Field(description="ISO 3166-1 alpha-3 (PLOVER exceptions KOS, PSE, HKG)")
    sector: str | None = None
    kind: ActorKind
    mentions: list[Mention] = Field(default_factory=list)
    role: str | None = Field(default=None, description="the role that gave the code, if known")


class EventParty(_Model):
    actor: str | None = Field(description="id in actors[], or null for an unnamed party")
    code: str | None
    country: str | None
    sector: str | None


class Plover(_Model):
    type: PloverType
    mode: str | None = None


class Event(_Model):
    id: str
    source: EventParty
    target: EventParty | None
    cameo: str = Field(pattern=r"^\d{2,4}$")
    plover: Plover
    date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    place: str | None = None
    negated: bool = False
    modality: Modality = "asserted"
    historical: bool = False
    quote: str | None = None
    sentence: int = Field(ge=0)
    trigger: TextSpan
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str | None = Field(default=None, description="id of the pattern or rule that fired")
    participants: list[EventParty] = Field(
        default_factory=list,
        description="all parties of a reciprocal event (a meeting of three or more), PLOVER-style",
    )
    goldstein: float | None = None
    quad_class: int | None = None


# Quote, Speaker and Place spell out their offsets so that fields serialize in the contract's order.
class Speaker(_Model):
    actor: str | None
    name: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Quote(_Model):
    id: str
    kind: QuoteKind
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    speaker: Speaker | None
    cue: TextSpan | None


class DateExpression(TextSpan):
    value: str | None
    granularity: Granularity
    type: TimexType


class Place(_Model):
    id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    feature: PlaceFeature


class Tone(_Model):
    """VADER sentiment of the article text (compound in -1..1)."""

    compound: float
    positive: float
    negative: float
    neutral: float


class ArticleRecord(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    id: str
    status: Literal["ok", "error"] = "ok"
    error: str | None = None
    title: str | None = None
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}")
    url: str | None = None
    source: str | None = Field(default=None, description="the outlet, when the input names it")
    language: str | None = Field(default=None, description="ISO 639-1 code of the text's language")
    text: str = ""
    sentences: list[Sentence] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    dates: list[DateExpression] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    tone: Tone | None = None
    themes: list[str] = Field(default_factory=list, description="see resources/data/themes.yaml")
    warnings: list[str] = Field(default_factory=list)


def record_json_schema() -> dict[str, Any]:
    """The JSON Schema of the article record, as `communique schema` prints it."""
    schema = ArticleRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"communique article record, schema version {SCHEMA_VERSION}"
    return schema


def record_to_json(record: ArticleRecord) -> str:
    """One JSON line; the field order is the contract's."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False)

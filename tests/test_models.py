"""The record models and the JSON Schema generated from them."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from communique.models import (
    ArticleRecord,
    Event,
    EventParty,
    Plover,
    TextSpan,
    record_json_schema,
    record_to_json,
)

CONTRACT_FIELDS = [
    "schema_version", "id", "status", "title", "published", "url", "text", "sentences",
    "actors", "events", "quotes", "dates", "places", "warnings",
]


def test_schema_is_valid_json_schema_with_the_contract_fields() -> None:
    schema = record_json_schema()
    Draft202012Validator.check_schema(schema)
    for name in CONTRACT_FIELDS:
        assert name in schema["properties"], name


def test_record_fields_keep_the_contract_order() -> None:
    data = json.loads(record_to_json(ArticleRecord(id="x", text="Hello.")))
    keys = list(data)
    assert [k for k in keys if k in CONTRACT_FIELDS] == CONTRACT_FIELDS


def _event(**changes: object) -> Event:
    party = EventParty(actor=None, code="RUS", country="RUS", sector=None)
    fields: dict[str, object] = dict(
        id="e1", source=party, target=None, cameo="036", plover=Plover(type="AGREE"),
        sentence=0, trigger=TextSpan(start=0, end=3, text="say"), confidence=0.5,
    )
    fields.update(changes)
    return Event(**fields)  # type: ignore[arg-type]


def test_event_rejects_codes_outside_the_ontologies() -> None:
    assert _event().cameo == "036"
    with pytest.raises(ValidationError):
        _event(cameo="36a")
    with pytest.raises(ValidationError):
        _event(plover=Plover(type="DEMAND"))  # a v0.5 name, not one of the current 16


def test_event_confidence_is_bounded() -> None:
    with pytest.raises(ValidationError):
        _event(confidence=1.5)


def test_error_record_needs_nothing_but_id_and_error(valid_record) -> None:  # type: ignore[no-untyped-def]
    record = ArticleRecord(id="bad", status="error", error="[E501] empty")
    data = valid_record(record)
    assert data["status"] == "error" and data["text"] == ""

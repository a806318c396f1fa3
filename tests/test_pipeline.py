"""The pipeline: the requires/assigns check, per-document error isolation, language guard."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import pytest

from communique.document import Document
from communique.errors import PipelineError
from communique.pipeline import Pipeline, check_chain
from communique.stages.ingest import make_document


class _Stage:
    name: ClassVar[str] = "fake"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"sentences"})
    languages: ClassVar[frozenset[str] | None] = None

    def __call__(self, doc: Document) -> Document:
        if "boom" in doc.text:
            raise ValueError("cannot cope")
        return doc


class _NeedsActors(_Stage):
    name: ClassVar[str] = "needs-actors"
    requires: ClassVar[frozenset[str]] = frozenset({"actors"})


def _doc(text: str) -> Document:
    return make_document(text, "<test>", 10_000, published=dt.date(2024, 1, 1))


def test_chain_check_names_the_missing_requirement() -> None:
    with pytest.raises(PipelineError, match="requires \\['actors'\\]"):
        check_chain([_NeedsActors()])


def test_duplicate_stage_is_refused() -> None:
    with pytest.raises(PipelineError, match="twice"):
        check_chain([_Stage(), _Stage()])


def test_default_chain_is_consistent(pipeline: Pipeline) -> None:
    check_chain(pipeline.stages)
    assert pipeline.stage_names[:2] == ["language", "nlp"]


def test_one_bad_document_becomes_an_error_record_and_the_rest_is_coded() -> None:
    pipe = Pipeline([_Stage()])
    records = list(pipe.code_many([_doc("fine one"), _doc("boom here"), _doc("fine two")]))
    assert [r.status for r in records] == ["ok", "error", "ok"]
    assert "ValueError: cannot cope" in records[1].error
    assert records[0].text == "fine one" and records[2].text == "fine two"


def test_batches_keep_input_order(pipeline: Pipeline) -> None:
    texts = [f"Story number {i} says Chile and Peru held talks on Monday." for i in range(40)]
    records = list(pipeline.code_many(_doc(t) for t in texts))
    assert [r.text for r in records] == texts


def test_other_language_is_detected_and_yields_no_events(pipeline: Pipeline, valid_record) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Le gouvernement a annoncé lundi qu'il rejetait toute négociation avec les rebelles, "
        "tandis que l'armée poursuivait ses frappes contre leurs positions dans le nord du pays."
    )
    record = pipeline.code(_doc(text))
    valid_record(record)
    assert record.status == "ok" and record.language == "fr"
    assert record.events == [] and record.actors == [] and record.quotes == []
    assert any("French" in w for w in record.warnings)
    assert any("skipped" in w for w in record.warnings)


def test_actor_at_prefers_the_longest_overlap_and_follows_changes() -> None:
    from communique.models import Actor, Mention

    doc = _doc("Chile and the Chilean navy met Peru.")
    chile = Actor(id="a1", name="Chile", code="CHL", country="CHL", kind="country",
                  mentions=[Mention(start=0, end=5, text="Chile")])
    navy = Actor(id="a2", name="Chilean navy", code="CHLMIL", country="CHL", kind="organization",
                 mentions=[Mention(start=10, end=26, text="the Chilean navy")])
    doc.actors = [chile, navy]
    assert doc.actor_at(0, 5) is chile and doc.actor_at(14, 21) is navy
    assert doc.actor_at(3, 16) is navy  # 6 characters of the navy against 2 of Chile
    assert doc.actor_at(27, 30) is None
    peru = Actor(id="a3", name="Peru", code="PER", country="PER", kind="country",
                 mentions=[Mention(start=31, end=35, text="Peru")])
    doc.actors.append(peru)
    assert doc.actor_at(31, 35) is peru
    chile.mentions.append(Mention(start=27, end=30, text="met"))
    assert doc.actor_at(27, 30) is chile

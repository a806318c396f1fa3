"""The events scorer on small gold files the project wrote (never copies of real gold)."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import ResourceError
from communique.evaluate.events import (
    EvalReport,
    evaluate,
    gold_half,
    read_gold,
    score_records,
)
from communique.models import ArticleRecord, Event, EventParty, Plover, TextSpan

DATA = Path(__file__).resolve().parent / "data" / "eval" / "events"


def event(src: str, tgt: str | None, cameo: str, ptype: str) -> Event:
    def party(code: str) -> EventParty:
        return EventParty(actor=None, code=code, country=code[:3], sector=code[3:6] or None)

    return Event(id="e1", source=party(src), target=party(tgt) if tgt else None, cameo=cameo,
                 plover=Plover(type=ptype), sentence=0,  # type: ignore[arg-type]
                 trigger=TextSpan(start=0, end=1, text="x"), confidence=0.5)


def records(*event_lists: list[Event]) -> list[ArticleRecord]:
    return [ArticleRecord(id=f"r{i}", events=evs) for i, evs in enumerate(event_lists)]


PERFECT_PLOVER = [
    [event("MDAGOV", "ROU", "036", "AGREE")],
    [event("TCD", None, "111", "ACCUSE")],
    [event("SOMREB", "SOMCVL", "194", "ASSAULT")],
]


def score(path: Path, recs: list[ArticleRecord]) -> EvalReport:
    return score_records(EvalReport("events", str(path)), read_gold(path), recs, True)


def test_readers_map_v05_names() -> None:
    golds = read_gold(DATA / "plover_small.jsonl")
    assert [g.events[0].plover for g in golds] == ["AGREE", "ACCUSE", "ASSAULT"]
    raw = read_gold(DATA / "gsr_small.txt")
    assert len(raw) == 1 and raw[0].events[0].plover == "REQUEST"
    xml = read_gold(DATA / "petrarch_small.xml")
    assert xml[0].events[0].cameo == "163" and xml[0].events[0].sources[0].sector == "GOV"
    assert xml[1].noevents and not xml[1].events


def test_a_folder_is_read_file_by_file_in_name_order() -> None:
    golds = read_gold(DATA)
    assert [g.id for g in golds][:1] == ["G-1"]  # gsr_small.txt sorts first
    assert len(golds) == 1 + 2 + 3


def test_perfect_prediction_scores_one() -> None:
    report = score(DATA / "plover_small.jsonl", records(*PERFECT_PLOVER))
    assert report.prf["type/country+sector"].f1 == 1.0
    assert report.shares["gold_type_among_coded"].value == 1.0
    assert report.shares["source_country_right"].value == 1.0
    assert report.errors == []


def test_empty_prediction_scores_zero() -> None:
    report = score(DATA / "plover_small.jsonl", records([], [], []))
    assert report.prf["type/country"].f1 == 0.0
    assert report.shares["gold_type_among_coded"].value == 0.0
    assert len(report.errors) == 3 and all(e.startswith("MISS") for e in report.errors)


def test_perturbed_prediction_is_in_between() -> None:
    perturbed = [
        [event("MDAGOV", "ROU", "036", "AGREE")],
        [event("TCD", None, "111", "REJECT")],  # wrong type
        [event("ETHREB", "SOMCVL", "194", "ASSAULT")],  # wrong source
    ]
    report = score(DATA / "plover_small.jsonl", records(*perturbed))
    assert 0.0 < report.prf["type/country"].f1 < 1.0
    assert report.shares["source_country_right"].value == pytest.approx(0.5)
    assert any("FALSE ALARM" in e and "[T-2]" in e for e in report.errors)


def test_figures_per_half_add_up() -> None:
    """Each sentence is scored once overall and once in its half (A or B, by id hash)."""
    perturbed = [[event("MDAGOV", "ROU", "036", "AGREE")], [], []]
    report = score(DATA / "plover_small.jsonl", records(*perturbed))
    halves = [report.shares.get(f"gold_type_among_coded@{h}") for h in "AB"]
    assert sum(h.total for h in halves if h) == report.shares["gold_type_among_coded"].total
    assert gold_half("T-1") in {"A", "B"} and gold_half("T-1") == gold_half("T-1")


def test_sector_matters_only_in_sector_figures() -> None:
    wrong_sector = [[event("MDAMIL", "ROU", "036", "AGREE")], [], []]
    report = score(DATA / "plover_small.jsonl", records(*wrong_sector))
    assert report.prf["type/country"].tp == 1
    assert report.prf["type/country+sector"].tp == 0


def test_petrarch_triples_and_noevents() -> None:
    perfect = records([event("PERGOV", "CHL", "163", "SANCTION")], [])
    good = score(DATA / "petrarch_small.xml", perfect)
    assert good.prf["triple"].f1 == 1.0 and good.prf["root/country"].f1 == 1.0
    assert good.shares["noevents_false_alarm_free"].value == 1.0
    bad = score(DATA / "petrarch_small.xml",
                records([event("PERGOV", "CHL", "161", "SANCTION")],
                        [event("PER", None, "190", "ASSAULT")]))
    assert bad.prf["type/country"].tp == 1 and bad.prf["cameo/country"].tp == 0
    assert bad.prf["triple"].f1 == 0.0
    assert bad.shares["noevents_false_alarm_free"].value == 0.0


def test_malformed_gold_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x", "event_plover_current": "AGREE"}\n{oops\n',
                   encoding="utf-8")
    with pytest.raises(ResourceError, match=r"bad\.jsonl:2"):
        read_gold(bad)
    wrong_type = tmp_path / "type.jsonl"
    wrong_type.write_text('{"id": "a", "text": "x", "event_plover_current": "HUG"}\n',
                          encoding="utf-8")
    with pytest.raises(ResourceError, match=r"type\.jsonl:1: unknown PLOVER event type"):
        read_gold(wrong_type)
    xml = tmp_path / "bad.xml"
    xml.write_text("<Sentences>\n<Sentence id='1'>\n</Sentences>\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"bad\.xml:3"):
        read_gold(xml)


def test_evaluate_drives_a_pipeline() -> None:
    class FakePipeline:
        def code_many(self, docs):  # type: ignore[no-untyped-def]
            return iter(records(*PERFECT_PLOVER)[: len(list(docs))])

    report = evaluate(DATA / "plover_small.jsonl", FakePipeline(), limit=2)  # type: ignore[arg-type]
    assert report.documents == 2 and report.prf["type/country"].f1 == 1.0


def test_named_source_share_counts_unnamed_doers() -> None:
    """`named_source`: the share of coded events whose source is an actor of the record."""
    named = event("MDAGOV", "ROU", "036", "AGREE").model_copy(
        update={"source": EventParty(actor="a1", code="MDAGOV", country="MDA", sector="GOV")})
    unnamed = event("SOMREB", "SOMCVL", "194", "ASSAULT").model_copy(
        update={"source": EventParty(actor=None, code=None, country=None, sector="REB")})
    report = score(DATA / "plover_small.jsonl", records([named], [], [unnamed]))
    assert report.shares["named_source"].value == pytest.approx(0.5)
    assert report.shares["named_source"].total == 2
    # an unnamed doer never counts as the right source country
    assert report.shares["source_country_right"].value == pytest.approx(0.5)


def test_a_half_suffix_scores_only_that_half() -> None:
    from communique.evaluate.events import gold_half

    golds = read_gold(DATA / "plover_small.jsonl")
    seen: list[str] = []

    class RecordingPipeline:
        def code_many(self, docs):  # type: ignore[no-untyped-def]
            docs = list(docs)
            seen.extend(d.id for d in docs)
            return iter([ArticleRecord(id=d.id, text=d.text) for d in docs])

    for half in ("A", "B"):
        seen.clear()
        report = evaluate(Path(f"{DATA / 'plover_small.jsonl'}#{half}"),
                          RecordingPipeline())  # type: ignore[arg-type]
        assert seen and seen == [g.id for g in golds if gold_half(g.id) == half]
        assert report.documents == len(seen)

"""The quotes scorer on invented brat files: perfect, empty, perturbed, malformed."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.document import Document
from communique.errors import ResourceError
from communique.evaluate.quotes import evaluate, read_gold
from communique.models import ArticleRecord, Quote, Speaker

DATA = Path(__file__).parent / "data" / "eval" / "quotes"
GOLD = DATA / "harbour.ann"


class FakePipeline:
    """Returns fixed quotes for every document: what the scorer sees, without spaCy."""

    def __init__(self, make: object) -> None:
        self.make = make

    def code(self, doc: Document) -> ArticleRecord:
        quotes = self.make(doc.text)  # type: ignore[operator]
        return ArticleRecord(id=doc.id, text=doc.text, quotes=quotes)


def quote(text: str, content: str, speaker: str | None, kind: str, n: int) -> Quote:
    start = text.index(content)
    who = None
    if speaker is not None:
        s = text.index(speaker)
        who = Speaker(actor=None, name=speaker, start=s, end=s + len(speaker))
    return Quote(
        id=f"q{n}", kind=kind, start=start, end=start + len(content),  # type: ignore[arg-type]
        text=content, speaker=who, cue=None,
    )


def perfect(text: str) -> list[Quote]:
    return [
        quote(text, "that the new quay would open in June", "The port authority", "indirect", 1),
        quote(text, "“We are proud of the dockers,”", "the harbour master", "direct", 2),
        quote(text, "wages will rise by four percent", "the union", "indirect", 3),
    ]


def perturbed(text: str) -> list[Quote]:
    return [
        quote(text, "the new quay", "the union", "indirect", 1),  # wrong speaker
        quote(text, "“We are proud of the dockers,”", "the harbour master", "direct", 2),
        quote(text, "Harbour deal reached", None, "direct", 3),  # false alarm
    ]


def test_reader() -> None:
    (doc,) = list(read_gold(GOLD))
    assert len(doc.quotes) == 3
    assert [q.direct for q in doc.quotes] == [False, True, False]
    assert doc.quotes[0].source_text == "The port authority"


def test_perfect_scores_one() -> None:
    report = evaluate(GOLD, FakePipeline(perfect))  # type: ignore[arg-type]
    assert report.prf["content_all"].f1 == 1.0
    assert report.prf["content_direct"].f1 == 1.0
    assert report.shares["speaker_right"].value == 1.0


def test_empty_scores_zero() -> None:
    report = evaluate(GOLD, FakePipeline(lambda text: []), collect_errors=True)  # type: ignore[arg-type]
    assert report.prf["content_all"].f1 == 0.0
    assert report.prf["content_all"].fn == 3
    assert report.shares["speaker_right"].total == 0
    assert sum(e.startswith("MISS") for e in report.errors) == 3


def test_perturbed_in_between() -> None:
    report = evaluate(GOLD, FakePipeline(perturbed), collect_errors=True)  # type: ignore[arg-type]
    counts = report.prf["content_all"]
    assert (counts.tp, counts.fp, counts.fn) == (2, 1, 1)
    assert 0.0 < counts.f1 < 1.0
    assert report.shares["speaker_right"].value == 0.5
    assert any(e.startswith("FALSE ALARM") and "Harbour deal" in e for e in report.errors)
    assert any(e.startswith("WRONG SPEAKER") for e in report.errors)


def test_polnear_layout_first_annotator_only() -> None:
    docs = list(read_gold(DATA / "polnear-layout"))
    assert len(docs) == 1
    assert docs[0].published == "2024-05-01"
    assert len(docs[0].quotes) == 3


def test_malformed_gold_names_file_and_line() -> None:
    with pytest.raises(ResourceError, match=r"malformed/harbour\.ann:6"):
        list(read_gold(DATA / "malformed"))


def test_undefined_reference_names_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Someone said so.", encoding="utf-8")
    (tmp_path / "a.ann").write_text("T1\tCue 8 12\tsaid\nE1\tAttribution:T1 Content:T9\n")
    with pytest.raises(ResourceError, match=r"a\.ann:2"):
        list(read_gold(tmp_path))


def test_halves_are_stable_and_reported() -> None:
    from communique.evaluate.quotes import half_of

    assert half_of("harbour") == half_of("harbour") in ("A", "B")
    assert {half_of(f"text-{i}") for i in range(20)} == {"A", "B"}
    report = evaluate(GOLD, FakePipeline(perfect))  # type: ignore[arg-type]
    half = half_of("harbour")
    assert report.prf[f"content_all_half_{half}"].f1 == 1.0
    assert report.shares[f"speaker_right_half_{half}"].value == 1.0
    assert not any(k.endswith("_half_" + ("B" if half == "A" else "A")) for k in report.prf)


def test_half_suffix_scores_one_half() -> None:
    from communique.evaluate.quotes import half_of

    half = half_of("harbour")
    other = "B" if half == "A" else "A"
    same = evaluate(Path(f"{GOLD}#{half}"), FakePipeline(perfect))  # type: ignore[arg-type]
    assert same.documents == 1 and same.prf["content_all"].f1 == 1.0
    none = evaluate(Path(f"{GOLD}#{other}"), FakePipeline(perfect))  # type: ignore[arg-type]
    assert none.documents == 0


def _quote_by(start: int, end: int, name: str) -> Quote:
    speaker = Speaker(actor=None, name=name, start=start, end=end)
    return Quote(
        id="q1", kind="indirect", start=0, end=1, text="x", speaker=speaker, cue=None
    )


def test_relative_pronoun_source_stands_for_its_antecedent() -> None:
    from communique.evaluate.quotes import GoldQuote, speaker_right

    text = "Ana Morel, a farmer, who said the harvest failed, left early."
    who = text.index("who")
    gold = GoldQuote(content=[(who + 9, who + 27)], source=[(who, who + 3)], source_text="who")
    assert speaker_right(gold, _quote_by(0, 9, "Ana Morel"), text)  # across the apposition
    assert speaker_right(gold, _quote_by(11, 19, "a farmer"), text)
    assert not speaker_right(gold, _quote_by(40, 47, "harvest"), text)


def test_swapped_source_and_cue_accept_the_cue_span() -> None:
    from communique.evaluate.quotes import GoldQuote, speaker_right

    text = "“We will win,” said Ana Morel."
    said, name = text.index("said"), text.index("Ana")
    gold = GoldQuote(
        content=[(0, 14)], source=[(said, said + 4)], cue=[(name, name + 9)], source_text="said"
    )
    assert speaker_right(gold, _quote_by(name, name + 9, "Ana Morel"), text)

"""The scorers' shared pieces: halves, half paths, per-half figures, overlaps and matching."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from communique.evaluate.common import (
    add_halves,
    crc32_half,
    cut_pipeline,
    half_suffixes,
    one_to_one,
    overlap,
    sentence_at,
    sha1_half,
    split_half_path,
)
from communique.evaluate.metrics import EvalReport
from communique.models import ArticleRecord, Sentence
from communique.pipeline import Pipeline


def test_halves_are_stable_balanced_and_hash_specific() -> None:
    keys = [f"story-{i}" for i in range(400)]
    for half_of in (sha1_half, crc32_half):
        halves = [half_of(k) for k in keys]
        assert halves == [half_of(k) for k in keys]
        assert 150 < halves.count("A") < 250
    # the two hashes are different splits: each scorer keeps the one its halves were made with
    assert [sha1_half(k) for k in keys] != [crc32_half(k) for k in keys]
    assert sha1_half("harbour.tml") == "A" and crc32_half("harbour") == "A"


def test_split_half_path_reads_the_suffix_only_when_the_path_does_not_exist(
    tmp_path: Path,
) -> None:
    assert split_half_path(Path("/nowhere/gold#A")) == (Path("/nowhere/gold"), "A")
    assert split_half_path(Path("/nowhere/gold/#B")) == (Path("/nowhere/gold"), "B")
    assert split_half_path(Path("/nowhere/gold")) == (Path("/nowhere/gold"), None)
    odd = tmp_path / "named#A"
    odd.write_text("", encoding="utf-8")
    assert split_half_path(odd) == (odd, None)


def test_per_half_figures() -> None:
    assert half_suffixes("B") == ("", "@B")
    assert half_suffixes("A", sep=" ") == ("", " A")
    report, half_a = EvalReport("t", "g"), EvalReport("t", "g")
    half_a.counts("spans").tp = 3
    half_a.share("near").right = 1
    add_halves(report, {"A": half_a}, counts=("spans",), shares=("near",))
    assert report.prf["spans_half_A"].tp == 3 and report.shares["near_half_A"].right == 1


def test_one_to_one_takes_the_largest_overlap_first() -> None:
    assert overlap(0, 5, 3, 9) == 2 and overlap(0, 3, 5, 9) < 0
    # gold 0 overlaps both predictions; the larger overlap wins and each index is used once
    assert one_to_one([(2, 0, 0), (4, 0, 1), (3, 1, 1)]) == [(0, 1)]
    assert one_to_one([(2, 0, 0), (2, 1, 1), (2, 0, 1)]) == [(0, 0), (1, 1)]
    assert one_to_one([(2, 0, 0), (2, 1, 1), (2, 0, 1)], prefer_last=True) == [(1, 1), (0, 0)]


def test_sentence_at_falls_back_to_a_window() -> None:
    text = "The ferry left at dawn.  It  came back late."
    record = ArticleRecord(id="x", text=text, sentences=[Sentence(start=0, end=23)])
    assert sentence_at(record, 5) == "The ferry left at dawn."
    assert sentence_at(record, 30) == ""
    assert sentence_at(record, 30, window=6) == "It came ba"


def test_cut_pipeline_leaves_a_pipeline_without_the_stage_alone() -> None:
    class Bare:
        stages: list[object] = []

    bare = cast("Pipeline", Bare())
    assert cut_pipeline(bare, "quotes", frozenset({"quotes"})) is bare

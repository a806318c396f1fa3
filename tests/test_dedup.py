"""Near-duplicate detection: shingles, MinHash signatures, bands."""

from __future__ import annotations

import random

from communique import dedup


def _text(seed: int, words: int = 400) -> list[str]:
    rng = random.Random(seed)
    return [f"w{rng.randrange(5000)}" for _ in range(words)]


def test_shingles_ignore_case_and_punctuation() -> None:
    assert dedup.shingles("The talks, in Doha; resumed today!") == dedup.shingles(
        "the TALKS in doha resumed today")
    assert dedup.shingles("too short") == {"too short"}
    assert dedup.signature("...") == ()


def test_signature_estimates_jaccard() -> None:
    base = _text(1)
    for keep in (1.0, 0.8, 0.5):
        cut = int(len(base) * keep)
        other = base[:cut] + _text(2, len(base) - cut)
        exact = dedup.jaccard(dedup.shingles(" ".join(base)), dedup.shingles(" ".join(other)))
        estimate = dedup.similarity(dedup.signature(" ".join(base)),
                                    dedup.signature(" ".join(other)))
        assert abs(exact - estimate) < 0.15


def test_copies_share_a_band_and_strangers_do_not() -> None:
    base = " ".join(_text(3))
    copy_ = "Updated: " + base[: int(len(base) * 0.9)]
    stranger = " ".join(_text(4))
    bands = set(dedup.band_keys(dedup.signature(base)))
    assert bands & set(dedup.band_keys(dedup.signature(copy_)))
    assert not bands & set(dedup.band_keys(dedup.signature(stranger)))


def test_signatures_are_stable_and_pack() -> None:
    sig = dedup.signature("the same words give the same signature every time")
    assert sig == dedup.signature("the same words give the same signature every time")
    assert len(sig) == dedup.NUM_PERM and dedup.unpack(dedup.pack(sig)) == sig

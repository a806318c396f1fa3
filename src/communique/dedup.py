"""Near-duplicate (wire copy) detection: MinHash over word 5-gram shingles, with LSH banding.

The same wire story reaches a corpus through many outlets, each trimming a paragraph or changing
the headline. Counting its events once per copy would inflate every count, so the store links
copies into one `story_id`. MinHash (one-permutation hashing) estimates the Jaccard similarity
of two articles' shingle sets from short signatures; banding the signature gives candidate pairs
without comparing every pair.
Only the standard library is used, and the hash functions are fixed so signatures stored in a
database stay comparable across runs and machines.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable, Sequence

#: words per shingle: long enough that two unrelated stories share almost none
SHINGLE_WORDS = 5
#: signature length = BANDS * ROWS; 16 bands of 4 rows put the LSH threshold near Jaccard 0.5
BANDS = 16
ROWS = 4
NUM_PERM = BANDS * ROWS
#: estimated Jaccard at or above which two articles are copies of one story
DEFAULT_THRESHOLD = 0.5

_MAX_HASH = (1 << 32) - 1
#: added per bin of distance when an empty bin borrows a neighbour's value
_DENSIFY_STEP = 0x9E3779B1
_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens: punctuation, case and spacing differences between outlets vanish."""
    return [w.lower() for w in _WORD.findall(text)]


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of word n-grams of a text (a short text is one shingle of all its words)."""
    tokens = words(text)
    if not tokens:
        return set()
    if len(tokens) <= size:
        return {" ".join(tokens)}
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def _base_hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "little")


def signature(text: str) -> tuple[int, ...]:
    """The MinHash signature (NUM_PERM 32-bit values) of a text's shingles; empty for no words.

    One-permutation hashing: each shingle is hashed once and falls into one of NUM_PERM bins by
    its hash; a bin keeps its smallest value, and empty bins borrow from the next full bin to the
    right (rotation densification, Shrivastava & Li 2014). The estimate has the accuracy of
    NUM_PERM independent permutations at the cost of one hash per shingle.
    """
    bins: list[int | None] = [None] * NUM_PERM
    for shingle in shingles(text):
        value = _base_hash(shingle)
        index, rest = value % NUM_PERM, value // NUM_PERM
        current = bins[index]
        if current is None or rest < current:
            bins[index] = rest
    if all(b is None for b in bins):
        return ()
    out: list[int] = []
    for index in range(NUM_PERM):
        distance = 0
        while bins[(index + distance) % NUM_PERM] is None:
            distance += 1
        filled = bins[(index + distance) % NUM_PERM]
        assert filled is not None
        out.append((filled + distance * _DENSIFY_STEP) & _MAX_HASH)
    return tuple(out)


def pack(sig: Sequence[int]) -> bytes:
    """A signature as bytes, for a BLOB column."""
    return struct.pack(f"<{len(sig)}I", *sig)


def unpack(blob: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(blob) // 4}I", blob)


def band_keys(sig: Sequence[int]) -> list[tuple[int, int]]:
    """(band, bucket) pairs: two signatures sharing any pair are candidate copies."""
    if len(sig) != NUM_PERM:
        return []
    keys: list[tuple[int, int]] = []
    for band in range(BANDS):
        chunk = pack(sig[band * ROWS : (band + 1) * ROWS])
        bucket = int.from_bytes(hashlib.blake2b(chunk, digest_size=7).digest(), "little")
        keys.append((band, bucket))
    return keys


def similarity(left: Sequence[int], right: Sequence[int]) -> float:
    """Estimated Jaccard similarity: the share of signature positions that agree."""
    if not left or len(left) != len(right):
        return 0.0
    return sum(x == y for x, y in zip(left, right, strict=True)) / len(left)


def jaccard(left: Iterable[str], right: Iterable[str]) -> float:
    """Exact Jaccard similarity of two shingle sets (for tests and small checks)."""
    a, b = set(left), set(right)
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)

"""Board items stored with their article, so the negotiation board is one indexed read.

Building the board from records means reading every matching record in full and parsing evidence
sentences with spaCy for conditions: seconds on a thousand articles. Instead, when an article is
stored, its board items are computed once and written to `board_items` in the same transaction
as its other rows (and cascade-deleted with them). An article yields different items depending
on whether one dyad is asked for (the board narrows the article's dyads to the one asked, which
changes where outsiders' calls land), so items are stored per *scope*: '*' for the board over
all dyads, and one scope per dyad this article can show when asked for it alone. Conditions are
extracted at the same time with the pinned spaCy model, loaded once per process.

Stored items go stale when the board rules (`board.yaml`) or the code that turns a record into
items change: the store keeps the fingerprint of the rules its items were computed with
(`store_meta`), the board falls back to computing items from the records while they differ, and
`communique board --refresh` stores them again.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from communique.models import ArticleRecord

if TYPE_CHECKING:
    from spacy.language import Language

    from communique.board import BoardItem, Dyad

#: scope of the items shown on the board over all dyads
ALL_DYADS = "*"
#: bump when the code that turns a record into board items changes what it stores
BOARD_ITEMS_VERSION = 1
_FINGERPRINT_KEY = "board_rules"

_parser: list[Any] = []


def board_parser() -> Language | None:
    """The pinned spaCy model (loaded once); None when it cannot be loaded (no conditions)."""
    if not _parser:
        try:
            from communique.stages.nlp import PINNED_MODEL, load_model

            _parser.append(load_model(PINNED_MODEL))
        except Exception:  # noqa: BLE001 - best effort: the board keeps its event items
            _parser.append(None)
    return cast("Language | None", _parser[0])


class _ParseCache:
    """Parses each sentence once per article, though several scopes ask for it."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.docs: dict[str, Any] = {}

    def pipe(self, texts: Iterable[str]) -> Iterator[Any]:
        texts = list(texts)
        new = [t for t in dict.fromkeys(texts) if t not in self.docs]
        if new:  # spaCy's pipe has a cost even for nothing
            self.docs.update(zip(new, self.nlp.pipe(new), strict=True))
        return iter([self.docs[t] for t in texts])


def candidate_scopes(record: ArticleRecord) -> set[Dyad]:
    """Every dyad for which asking the board about this one dyad can yield items."""
    from communique.board import _Article, _key, party_keys
    from communique.board_rules import default_rules

    pairs = set(_Article(record, default_rules()).dyads())
    for event in record.events:
        s, t = party_keys(event)
        if s and t and s != t:
            pairs.add(_key(s, t))
    sources = {e.source.country for e in record.events if e.source.country}
    countries = sorted({a.country for a in record.actors if a.mentions and a.country})
    pairs |= {_key(a, b) for a in countries for b in countries
              if a != b and (a in sources or b in sources)}
    return pairs


def board_item_rows(record: ArticleRecord,
                    nlp: Language | None = None) -> list[tuple[str, BoardItem, bool]]:
    """(scope, item, is_condition) for every item the board can show from this record."""
    from communique.board import article_items
    from communique.board_rules import default_rules

    if record.status != "ok" or not record.events:
        return []
    rules = default_rules()
    nlp = nlp if nlp is not None else board_parser()
    parser = cast("Language", _ParseCache(nlp)) if nlp is not None else None
    rows: list[tuple[str, BoardItem, bool]] = []
    scopes: list[tuple[str, Dyad | None]] = [(ALL_DYADS, None)]
    scopes += [("-".join(d), d) for d in sorted(candidate_scopes(record))]
    for scope, wanted in scopes:
        plain = article_items(record, rules, None, wanted)
        full = article_items(record, rules, parser, wanted) if parser is not None else plain
        for index, item in enumerate(full):
            if wanted is not None and item.dyad != scope:
                continue  # the board asked about one dyad keeps only that dyad's items
            rows.append((scope, item, index >= len(plain)))
    return rows


def write_board_items(conn: sqlite3.Connection, article_pk: int, record: ArticleRecord,
                      nlp: Language | None = None) -> None:
    """Insert the record's board items (the caller holds the transaction)."""
    conn.executemany(
        "INSERT INTO board_items (article_pk, scope, seq, dyad, is_condition, item) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(article_pk, scope, seq, item.dyad, int(is_condition), item.model_dump_json())
         for seq, (scope, item, is_condition) in enumerate(board_item_rows(record, nlp))],
    )


def backfill_board_items(conn: sqlite3.Connection) -> None:
    """Compute the board items of every stored article (a migration, in its transaction)."""
    from communique.store_rows import record_from_rows

    pks = [row[0] for row in conn.execute(
        "SELECT pk FROM articles WHERE status = 'ok' ORDER BY pk").fetchall()]
    for pk in pks:
        record = _read_record(conn, pk, record_from_rows)
        if record is not None:
            conn.execute("DELETE FROM board_items WHERE article_pk = ?", (pk,))
            write_board_items(conn, pk, record)


def _read_record(conn: sqlite3.Connection, pk: int, build: Any) -> ArticleRecord | None:
    factory = conn.row_factory
    conn.row_factory = sqlite3.Row
    try:
        article = conn.execute("SELECT * FROM articles WHERE pk = ?", (pk,)).fetchone()
        if article is None:
            return None
        children = {
            name: conn.execute(
                f"SELECT * FROM {name} WHERE article_pk = ? ORDER BY seq", (pk,)
            ).fetchall()
            for name in ("actors", "events", "quotes", "dates", "places")
        }
        mentions = conn.execute(
            "SELECT m.* FROM mentions m JOIN actors a ON a.pk = m.actor_pk "
            "WHERE a.article_pk = ? ORDER BY m.actor_pk, m.seq", (pk,),
        ).fetchall()
    finally:
        conn.row_factory = factory
    return cast(ArticleRecord, build(article, children, mentions))


def board_fingerprint() -> str:
    """What the stored items depend on besides the records: board.yaml and the item code."""
    from communique.board_rules import BOARD_FILE

    digest = hashlib.sha256(BOARD_FILE.read_bytes())
    digest.update(f"items-v{BOARD_ITEMS_VERSION}".encode())
    return digest.hexdigest()[:16]


def record_board_fingerprint(conn: sqlite3.Connection) -> None:
    """Mark the stored items as computed with the current rules (inside the caller's
    transaction)."""
    conn.execute("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)",
                 (_FINGERPRINT_KEY, board_fingerprint()))


def board_items_current(conn: sqlite3.Connection) -> bool:
    """Whether the stored items were computed with the rules this communique has."""
    row = conn.execute("SELECT value FROM store_meta WHERE key = ?", (_FINGERPRINT_KEY,)).fetchone()
    return row is not None and row[0] == board_fingerprint()


def refresh_board_items(conn: sqlite3.Connection) -> int:
    """Compute every article's items again with the current rules (inside the caller's
    transaction); returns how many articles were stored."""
    backfill_board_items(conn)
    record_board_fingerprint(conn)
    return int(conn.execute("SELECT COUNT(*) FROM articles WHERE status = 'ok'").fetchone()[0])

"""The SQLite store: coded article records accumulate into a queryable dataset.

One writer, many readers: SQLite in WAL mode lets readers see the last committed state while a
writer works, and every write is one transaction, so a process killed mid-batch leaves the
database as it was after the last commit. Records are keyed by id and a hash of their content:
storing the same record again is a no-op, storing a changed one replaces its rows atomically.
Wire copies are linked into a `story_id` cluster (see `communique.dedup`) so counts can be taken
once per story. Every SQL statement is parameterized.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from communique import dedup
from communique.errors import UsageError
from communique.models import ArticleRecord, record_to_json
from communique.store_board import write_board_items
from communique.store_rows import record_from_rows, record_rows
from communique.store_schema import LATEST_VERSION, MIGRATIONS

Outcome = Literal["inserted", "replaced", "unchanged", "error-kept"]
DEFAULT_DB = Path("communique.db")
#: seconds a connection waits for the write lock before giving up
BUSY_TIMEOUT_S = 60.0


class StoreError(UsageError):
    code = "E110"


@dataclass
class IngestSummary:
    """What a batch did to the store; `errors` counts error records among them."""

    inserted: int = 0
    replaced: int = 0
    unchanged: int = 0
    errors: int = 0
    events: int = 0
    quotes: int = 0
    error_ids: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.inserted + self.replaced + self.unchanged

    def add(self, record: ArticleRecord, outcome: Outcome) -> None:
        if outcome == "error-kept":
            self.unchanged += 1
        else:
            setattr(self, outcome, getattr(self, outcome) + 1)
        if record.status == "error":
            self.errors += 1
            self.error_ids.append(record.id)
        self.events += len(record.events)
        self.quotes += len(record.quotes)


def content_hash(record: ArticleRecord) -> str:
    """Hash of the whole record: a re-coded article with different output counts as changed."""
    return hashlib.sha256(record_to_json(record).encode("utf-8")).hexdigest()


class Store:
    """A connection to one database file. Open one Store per process (or thread) that writes.

    `readonly=True` opens the file read-only (the HTTP API, `query`, `export`, `board`); reads
    are serialized by a lock so one Store may be shared between the threads of a web server.
    """

    def __init__(
        self,
        path: str | Path = DEFAULT_DB,
        readonly: bool = False,
        dedup_threshold: float = dedup.DEFAULT_THRESHOLD,
    ) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.dedup_threshold = dedup_threshold
        self._lock = threading.RLock()
        self.conn = self._connect()
        if readonly:
            self._check_version()
        else:
            self._migrate()

    # -- connection and schema ---------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self.readonly:
            if not self.path.exists():
                raise StoreError(
                    f"no database at '{self.path}'.",
                    "run `communique ingest INPUT... --db PATH` first, or pass --db.",
                )
            uri = f"file:{self.path.resolve().as_posix()}?mode=ro"
            conn = sqlite3.connect(
                uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                check_same_thread=False,
            )
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable against process crashes in WAL mode (only power loss can drop the
            # last commits, never corrupt); FULL would fsync every batch for little gain here.
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    def _version(self) -> int:
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
        if not exists:
            return 0
        row = self.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _check_version(self) -> int:
        version = self._version()
        if version > LATEST_VERSION:
            raise StoreError(
                f"'{self.path}' has store schema version {version}; this communique knows up to "
                f"{LATEST_VERSION}.",
                "upgrade communique to read this database.",
            )
        if self.readonly and version < LATEST_VERSION:
            raise StoreError(
                f"'{self.path}' has store schema version {version}, older than {LATEST_VERSION}.",
                "open it once for writing (e.g. `communique ingest --db PATH` with no input "
                "changes) to migrate it.",
            )
        return version

    def _migrate(self, target: int = LATEST_VERSION) -> None:
        """Apply the missing migrations, each in its own transaction (another writer may race)."""
        while True:
            with self.transaction():
                self.conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version "
                    "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
                version = self._check_version()
                if version >= target:
                    return
                MIGRATIONS[version + 1](self.conn)
                self.conn.execute(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                    (version + 1, _now()),
                )

    @property
    def schema_version(self) -> int:
        return self._version()

    def transaction(self) -> _Transaction:
        """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error): takes the write lock up front."""
        return _Transaction(self)

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -----------------------------------------------------------------------------

    def read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Run one parameterized SELECT; the query module builds its SQL through this."""
        with self._lock:
            return self.conn.execute(sql, tuple(params)).fetchall()

    def read_one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        with self._lock:
            return self.conn.execute(sql, tuple(params)).fetchone()

    def has(self, article_id: str, digest: str | None = None) -> bool:
        """Whether an article is stored (with this content hash, when given): for resumable runs."""
        row = self.read_one("SELECT content_hash FROM articles WHERE id = ?", (article_id,))
        return row is not None and (digest is None or row["content_hash"] == digest)

    def needs_coding(self, article_id: str, text: str) -> bool:
        """False when this id is stored, coded without error, from exactly this text."""
        row = self.read_one(
            "SELECT 1 FROM articles WHERE id = ? AND status = 'ok' AND text = ?",
            (article_id, text),
        )
        return row is None

    def ids(self) -> Iterator[str]:
        for row in self.read("SELECT id FROM articles ORDER BY pk"):
            yield row["id"]

    def get_record(self, article_id: str) -> ArticleRecord | None:
        """The stored record, equal to the one that was put; None when the id is unknown."""
        with self._lock:
            article = self.conn.execute(
                "SELECT * FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if article is None:
                return None
            pk = article["pk"]
            children = {
                name: self.conn.execute(
                    f"SELECT * FROM {name} WHERE article_pk = ? ORDER BY seq", (pk,)
                ).fetchall()
                for name in ("actors", "events", "quotes", "dates", "places")
            }
            mentions = self.conn.execute(
                "SELECT m.* FROM mentions m JOIN actors a ON a.pk = m.actor_pk "
                "WHERE a.article_pk = ? ORDER BY m.actor_pk, m.seq",
                (pk,),
            ).fetchall()
        return record_from_rows(article, children, mentions)

    def records(self, batch: int = 500) -> Iterator[ArticleRecord]:
        """Every stored record, in ingestion order, read in batches (constant memory)."""
        last = 0
        while True:
            rows = self.read(
                "SELECT pk, id FROM articles WHERE pk > ? ORDER BY pk LIMIT ?", (last, batch)
            )
            if not rows:
                return
            for row in rows:
                record = self.get_record(row["id"])
                if record is not None:
                    yield record
            last = rows[-1]["pk"]

    # -- writing -----------------------------------------------------------------------------

    def put(self, record: ArticleRecord) -> Outcome:
        """Store one record in its own transaction."""
        with self.transaction():
            return self._put(record)

    def put_many(
        self, records: Iterable[ArticleRecord], batch_size: int = 50
    ) -> IngestSummary:
        """Store records, committing every `batch_size` records (a crash loses at most a batch)."""
        summary = IngestSummary()
        pending: list[ArticleRecord] = []
        for record in records:
            pending.append(record)
            if len(pending) >= batch_size:
                self._put_batch(pending, summary)
                pending = []
        if pending:
            self._put_batch(pending, summary)
        return summary

    def _put_batch(self, records: list[ArticleRecord], summary: IngestSummary) -> None:
        with self.transaction():
            outcomes = [self._put(record) for record in records]
        for record, outcome in zip(records, outcomes, strict=True):
            summary.add(record, outcome)

    def delete(self, article_id: str) -> bool:
        with self.transaction():
            return self._delete(article_id)

    def board_items_current(self) -> bool:
        """Whether the stored board items were computed with this communique's board rules."""
        from communique.store_board import board_items_current

        with self._lock:
            return board_items_current(self.conn)

    def refresh_board(self) -> int:
        """Compute every article's board items again with the current rules; returns how many
        articles were stored. One transaction: a killed refresh leaves the old items."""
        from communique.store_board import refresh_board_items

        if self.readonly:
            raise StoreError("this store was opened read-only.", "open it without readonly=True.")
        with self.transaction():
            return refresh_board_items(self.conn)

    def _put(self, record: ArticleRecord) -> Outcome:
        if self.readonly:
            raise StoreError("this store was opened read-only.", "open it without readonly=True.")
        digest = content_hash(record)
        row = self.conn.execute(
            "SELECT pk, content_hash, status FROM articles WHERE id = ?", (record.id,)
        ).fetchone()
        if record.status == "error":
            self.conn.execute(
                "INSERT OR IGNORE INTO ingest_errors (article_id, error, first_seen) "
                "VALUES (?, ?, ?)",
                (record.id, record.error or "", _now()),
            )
            if row is not None and row["status"] == "ok":
                return "error-kept"  # a failed re-run never destroys a good record
        if row is not None and row["content_hash"] == digest:
            return "unchanged"
        if row is not None:
            self._delete(record.id)
        self._insert(record, digest)
        return "replaced" if row is not None else "inserted"

    def _insert(self, record: ArticleRecord, digest: str) -> None:
        rows = record_rows(record)
        article = dict(rows.article, content_hash=digest, ingested_at=_now())
        pk = _insert_row(self.conn, "articles", article)
        for seq, (actor, mentions) in enumerate(rows.actors):
            actor_pk = _insert_row(self.conn, "actors", dict(actor, article_pk=pk, seq=seq))
            for mseq, mention in enumerate(mentions):
                _insert_row(self.conn, "mentions", dict(mention, actor_pk=actor_pk, seq=mseq))
        for table in ("events", "quotes", "dates", "places"):
            for seq, item in enumerate(getattr(rows, table)):
                _insert_row(self.conn, table, dict(item, article_pk=pk, seq=seq))
        if record.status == "ok":
            self._link_story(pk, record)
            write_board_items(self.conn, pk, record)
        else:
            self.conn.execute("UPDATE articles SET story_id = id WHERE pk = ?", (pk,))

    def _delete(self, article_id: str) -> bool:
        """Delete an article (children cascade); relabel a story that was named after it."""
        cursor = self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        if cursor.rowcount == 0:
            return False
        heir = self.conn.execute(
            "SELECT MIN(id) FROM articles WHERE story_id = ?", (article_id,)
        ).fetchone()[0]
        if heir is not None:
            self.conn.execute(
                "UPDATE articles SET story_id = ? WHERE story_id = ?", (heir, article_id)
            )
        return True

    def _link_story(self, pk: int, record: ArticleRecord) -> None:
        """Join the story of any stored near-duplicate; the story is named by its smallest id."""
        sig = dedup.signature(record.text)
        story = record.id
        if sig:
            keys = dedup.band_keys(sig)
            self.conn.execute(
                "UPDATE articles SET minhash = ? WHERE pk = ?", (dedup.pack(sig), pk)
            )
            matched = self._similar_stories(pk, sig, keys)
            if matched:
                story = min([record.id, *matched])
                placeholders = ",".join("?" * len(matched))
                self.conn.execute(
                    f"UPDATE articles SET story_id = ? WHERE story_id IN ({placeholders})",
                    (story, *matched),
                )
            self.conn.executemany(
                "INSERT OR IGNORE INTO minhash_bands (band, bucket, article_pk) VALUES (?, ?, ?)",
                [(band, bucket, pk) for band, bucket in keys],
            )
        self.conn.execute("UPDATE articles SET story_id = ? WHERE pk = ?", (story, pk))

    def _similar_stories(
        self, pk: int, sig: tuple[int, ...], keys: list[tuple[int, int]]
    ) -> set[str]:
        values = ",".join("(?, ?)" for _ in keys)
        params = [v for key in keys for v in key]
        rows = self.conn.execute(
            "SELECT DISTINCT a.pk, a.minhash, a.story_id FROM minhash_bands b "
            "JOIN articles a ON a.pk = b.article_pk "
            f"WHERE (b.band, b.bucket) IN (VALUES {values}) AND a.pk != ?",
            (*params, pk),
        ).fetchall()
        return {
            row["story_id"]
            for row in rows
            if row["minhash"] is not None
            and dedup.similarity(sig, dedup.unpack(row["minhash"])) >= self.dedup_threshold
        }

    # -- maintenance -------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Problems found by SQLite's integrity, foreign-key and FTS checks (empty when sound)."""
        problems: list[str] = []
        with self._lock:
            result = self.conn.execute("PRAGMA integrity_check").fetchall()
            if [tuple(r) for r in result] != [("ok",)]:
                problems += [str(tuple(r)) for r in result]
            problems += [
                f"foreign key: {tuple(r)}"
                for r in self.conn.execute("PRAGMA foreign_key_check").fetchall()
            ]
            if not self.readonly:
                for table in ("articles_fts", "quotes_fts"):
                    try:
                        self.conn.execute(
                            f"INSERT INTO {table} ({table}) VALUES ('integrity-check')"
                        )
                    except sqlite3.DatabaseError as exc:
                        problems.append(f"{table}: {exc}")
        return problems


class _Transaction:
    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> sqlite3.Connection:
        self.store._lock.acquire()
        try:
            self.store.conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            self.store._lock.release()
            raise
        return self.store.conn

    def __exit__(self, exc_type: object, *rest: object) -> None:
        try:
            self.store.conn.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self.store._lock.release()


def _insert_row(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    columns = ", ".join(f'"{name}"' for name in row)
    placeholders = ", ".join("?" for _ in row)
    cursor = conn.execute(
        f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", tuple(row.values())
    )
    return int(cursor.lastrowid or 0)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def open_store(path: str | Path | None = None, readonly: bool = False) -> Store:
    """The store at `path` (default ./communique.db)."""
    return Store(path or DEFAULT_DB, readonly=readonly)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

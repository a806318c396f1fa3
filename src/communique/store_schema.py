"""The store's SQL schema and its forward migrations.

Each migration is applied once, in order, inside the writer's transaction, and bumps the version
recorded in `schema_version`; a database written by a newer communique is refused rather than
guessed at. Fields the record gains after a table was designed land in each row's `extra` JSON
column, so a newer record model round-trips through an older schema without a migration. Child
rows reference their article with ON DELETE CASCADE so that replacing an article is one DELETE
plus inserts; FTS5 tables use external content kept in sync by triggers, so full-text
search never drifts from the rows it indexes (cascaded deletes fire the triggers too).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from communique import dedup

SCHEMA_V1 = """
CREATE TABLE articles (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
    error TEXT,
    schema_version TEXT NOT NULL,
    title TEXT,
    published TEXT,
    url TEXT,
    source TEXT,
    language TEXT,
    text TEXT NOT NULL,
    sentences TEXT NOT NULL,
    warnings TEXT NOT NULL,
    tone_compound REAL,
    tone_positive REAL,
    tone_negative REAL,
    tone_neutral REAL,
    extra TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_status ON articles (status);

CREATE TABLE actors (
    pk INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    code TEXT,
    country TEXT,
    sector TEXT,
    kind TEXT NOT NULL,
    role TEXT,
    extra TEXT,
    UNIQUE (article_pk, id)
);
CREATE INDEX actors_code ON actors (code);
CREATE INDEX actors_country ON actors (country);
CREATE INDEX actors_name ON actors (name COLLATE NOCASE);

CREATE TABLE mentions (
    pk INTEGER PRIMARY KEY,
    actor_pk INTEGER NOT NULL REFERENCES actors (pk) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    extra TEXT
);
CREATE INDEX mentions_actor ON mentions (actor_pk);

CREATE TABLE events (
    pk INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    source_actor TEXT,
    source_code TEXT,
    source_country TEXT,
    source_sector TEXT,
    has_target INTEGER NOT NULL,
    target_actor TEXT,
    target_code TEXT,
    target_country TEXT,
    target_sector TEXT,
    cameo TEXT NOT NULL,
    plover_type TEXT NOT NULL,
    plover_mode TEXT,
    date TEXT,
    day TEXT,
    place TEXT,
    negated INTEGER NOT NULL,
    modality TEXT NOT NULL,
    historical INTEGER NOT NULL,
    quote TEXT,
    sentence INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger_text TEXT NOT NULL,
    confidence REAL NOT NULL,
    rule TEXT,
    goldstein REAL,
    quad_class INTEGER,
    extra TEXT,
    UNIQUE (article_pk, id)
);
CREATE INDEX events_source ON events (source_code);
CREATE INDEX events_target ON events (target_code);
CREATE INDEX events_dyad ON events (source_country, target_country);
CREATE INDEX events_target_country ON events (target_country);
CREATE INDEX events_cameo ON events (cameo);
CREATE INDEX events_plover ON events (plover_type);
CREATE INDEX events_day ON events (day);

CREATE TABLE quotes (
    pk INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    has_speaker INTEGER NOT NULL,
    speaker_actor TEXT,
    speaker_name TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue_start INTEGER,
    cue_end INTEGER,
    cue_text TEXT,
    extra TEXT,
    UNIQUE (article_pk, id)
);
CREATE INDEX quotes_article ON quotes (article_pk);
CREATE INDEX quotes_speaker ON quotes (speaker_name COLLATE NOCASE);

CREATE TABLE dates (
    pk INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    granularity TEXT NOT NULL,
    type TEXT NOT NULL,
    extra TEXT
);
CREATE INDEX dates_article ON dates (article_pk);

CREATE TABLE places (
    pk INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    lat REAL,
    lon REAL,
    geonames_id INTEGER,
    feature TEXT NOT NULL,
    extra TEXT,
    UNIQUE (article_pk, id)
);
CREATE INDEX places_article ON places (article_pk);

CREATE TABLE ingest_errors (
    pk INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    error TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    UNIQUE (article_id, error)
);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content='articles', content_rowid='pk', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.pk, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.pk, new.title, new.text);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text, speaker_name, content='quotes', content_rowid='pk',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text, speaker_name) VALUES (new.pk, new.text, new.speaker_name);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker_name)
    VALUES ('delete', old.pk, old.text, old.speaker_name);
END;
"""

SCHEMA_V2 = """
ALTER TABLE articles ADD COLUMN story_id TEXT;
ALTER TABLE articles ADD COLUMN minhash BLOB;
CREATE INDEX articles_story ON articles (story_id);
CREATE TABLE minhash_bands (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, article_pk)
) WITHOUT ROWID;
CREATE INDEX minhash_bands_article ON minhash_bands (article_pk);
UPDATE articles SET story_id = id;
"""

SCHEMA_V3 = """
CREATE TABLE board_items (
    pk INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES articles (pk) ON DELETE CASCADE,
    scope TEXT NOT NULL,
    seq INTEGER NOT NULL,
    dyad TEXT NOT NULL,
    is_condition INTEGER NOT NULL,
    item TEXT NOT NULL
);
CREATE INDEX board_items_scope ON board_items (scope, dyad, article_pk, seq);
CREATE INDEX board_items_article ON board_items (article_pk);
"""

SCHEMA_V4 = """
CREATE TABLE store_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"""


def _migrate_v1(conn: sqlite3.Connection) -> None:
    _run_script(conn, SCHEMA_V1)


def _migrate_v2(conn: sqlite3.Connection) -> None:
    """Wire-copy clustering: signatures and LSH bands, backfilled for the articles stored so far."""
    _run_script(conn, SCHEMA_V2)
    rows = conn.execute("SELECT pk, text FROM articles WHERE status = 'ok'").fetchall()
    for pk, text in rows:
        sig = dedup.signature(text)
        if sig:
            conn.execute("UPDATE articles SET minhash = ? WHERE pk = ?", (dedup.pack(sig), pk))
            conn.executemany(
                "INSERT OR IGNORE INTO minhash_bands (band, bucket, article_pk) VALUES (?, ?, ?)",
                [(band, bucket, pk) for band, bucket in dedup.band_keys(sig)],
            )


def _migrate_v3(conn: sqlite3.Connection) -> None:
    """Stored board items (see store_board.py), backfilled for the articles stored so far."""
    from communique.store_board import backfill_board_items

    _run_script(conn, SCHEMA_V3)
    backfill_board_items(conn)


def _migrate_v4(conn: sqlite3.Connection) -> None:
    """Which board rules the stored board items were computed with. A store that already holds
    items computed before this was recorded is left without a fingerprint: its items count as
    stale until `communique board --refresh` computes them again."""
    from communique.store_board import record_board_fingerprint

    _run_script(conn, SCHEMA_V4)
    if conn.execute("SELECT 1 FROM board_items LIMIT 1").fetchone() is None:
        record_board_fingerprint(conn)


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run DDL statement by statement: executescript() would COMMIT the open transaction."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            conn.execute(buffer)
            buffer = ""
    if buffer.strip():
        conn.execute(buffer)


#: version -> migration that brings a database at version - 1 to it
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _migrate_v1,
    2: _migrate_v2,
    3: _migrate_v3,
    4: _migrate_v4,
}
LATEST_VERSION = max(MIGRATIONS)

"""The store: round trip, idempotence, replacement, error records, wire copies, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.models import ArticleRecord
from communique.store import Store, StoreError, content_hash
from communique.store_schema import LATEST_VERSION, MIGRATIONS
from communique.store_synth import synthetic_record

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
SHORT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
OFFSET = st.integers(min_value=0, max_value=10_000)
MAYBE = st.none() | SHORT
SPAN = st.fixed_dictionaries({"start": OFFSET, "end": OFFSET, "text": TEXT})
PARTY = st.fixed_dictionaries(
    {"actor": MAYBE, "code": MAYBE, "country": MAYBE, "sector": MAYBE}
)
FLOAT = st.floats(allow_nan=False, allow_infinity=False, width=64)

ACTOR = st.fixed_dictionaries({
    "id": SHORT, "name": TEXT, "code": MAYBE, "country": MAYBE, "sector": MAYBE,
    "kind": st.sampled_from(["person", "organization", "country", "igo", "group"]),
    "mentions": st.lists(SPAN, max_size=3), "role": MAYBE,
})
EVENT = st.fixed_dictionaries({
    "id": SHORT, "source": PARTY, "target": st.none() | PARTY,
    "cameo": st.from_regex(r"\A\d{2,4}\Z"),
    "plover": st.fixed_dictionaries({
        "type": st.sampled_from(["AGREE", "CONSULT", "REJECT", "REQUEST", "ASSAULT"]),
        "mode": MAYBE,
    }),
    "date": st.none() | st.from_regex(r"\A\d{4}(-\d{2}(-\d{2})?)?\Z"),
    "place": MAYBE, "negated": st.booleans(),
    "modality": st.sampled_from(["asserted", "intended", "hypothetical", "reported", "demanded"]),
    "historical": st.booleans(), "quote": MAYBE, "sentence": OFFSET, "trigger": SPAN,
    "confidence": st.floats(min_value=0, max_value=1), "rule": MAYBE,
    "goldstein": st.none() | FLOAT, "quad_class": st.none() | st.integers(-5, 5),
})
QUOTE = st.fixed_dictionaries({
    "id": SHORT, "kind": st.sampled_from(["direct", "indirect", "mixed"]),
    "start": OFFSET, "end": OFFSET, "text": TEXT,
    "speaker": st.none() | st.fixed_dictionaries(
        {"actor": MAYBE, "name": TEXT, "start": OFFSET, "end": OFFSET}
    ),
    "cue": st.none() | SPAN,
})
DATE = st.fixed_dictionaries({
    "start": OFFSET, "end": OFFSET, "text": TEXT, "value": MAYBE,
    "granularity": st.sampled_from(["day", "month", "year", "week", "set"]),
    "type": st.sampled_from(["DATE", "TIME", "DURATION", "SET"]),
})
PLACE = st.fixed_dictionaries({
    "id": SHORT, "start": OFFSET, "end": OFFSET, "text": TEXT, "name": TEXT,
    "country": MAYBE, "lat": st.none() | FLOAT, "lon": st.none() | FLOAT,
    "geonames_id": st.none() | st.integers(0, 2**62), "feature": st.sampled_from(
        ["city", "country", "region", "landmark", "other"]),
})


def _unique_ids(items: list[dict]) -> list[dict]:
    seen: set[str] = set()
    return [i for i in items if not (i["id"] in seen or seen.add(i["id"]))]


@st.composite
def records(draw: st.DrawFn) -> ArticleRecord:
    tone = draw(st.none() | st.fixed_dictionaries(
        {"compound": FLOAT, "positive": FLOAT, "negative": FLOAT, "neutral": FLOAT}))
    return ArticleRecord.model_validate({
        "id": draw(SHORT),
        "status": draw(st.sampled_from(["ok", "error"])),
        "error": draw(MAYBE),
        "title": draw(st.none() | TEXT),
        "published": draw(st.none() | st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z")),
        "url": draw(MAYBE), "source": draw(MAYBE), "language": draw(MAYBE),
        "text": draw(st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)),
        "sentences": draw(st.lists(st.fixed_dictionaries(
            {"start": OFFSET, "end": OFFSET, "tone": st.none() | FLOAT}), max_size=4)),
        "themes": draw(st.lists(SHORT, max_size=2)),
        "actors": _unique_ids(draw(st.lists(ACTOR, max_size=4))),
        "events": _unique_ids(draw(st.lists(EVENT, max_size=4))),
        "quotes": _unique_ids(draw(st.lists(QUOTE, max_size=3))),
        "dates": draw(st.lists(DATE, max_size=3)),
        "places": _unique_ids(draw(st.lists(PLACE, max_size=3))),
        "tone": tone,
        "warnings": draw(st.lists(TEXT, max_size=3)),
    })


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "test.db") as opened:
        yield opened


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=records())
def test_round_trip_returns_an_equal_record(tmp_path_factory: pytest.TempPathFactory,
                                            record: ArticleRecord) -> None:
    path = tmp_path_factory.mktemp("rt") / "rt.db"
    with Store(path) as store:
        assert store.put(record) == "inserted"
        assert store.get_record(record.id) == record
        assert store.put(record) == "unchanged"
        assert store.check() == []


def test_same_record_again_changes_nothing(store: Store) -> None:
    record = synthetic_record(1)
    assert store.put(record) == "inserted"
    before = _table_counts(store)
    summary = store.put_many([record, record])
    assert summary.unchanged == 2 and summary.inserted == 0
    assert _table_counts(store) == before


def test_changed_text_replaces_all_rows_of_that_article(store: Store) -> None:
    first, other = synthetic_record(1), synthetic_record(2)
    store.put_many([first, other])
    changed = synthetic_record(3).model_copy(update={"id": first.id})
    assert store.put(changed) == "replaced"
    assert store.get_record(first.id) == changed
    assert store.get_record(other.id) == other
    counts = _table_counts(store)
    assert counts["events"] == len(changed.events) + len(other.events)
    assert counts["quotes"] == len(changed.quotes) + len(other.quotes)
    # the full-text index follows the replacement: the old text is no longer found
    old_word = first.text.split()[0]
    assert store.check() == []
    hits = store.read(
        "SELECT a.id FROM articles_fts f JOIN articles a ON a.pk = f.rowid "
        "WHERE articles_fts MATCH ?", (f'"{changed.title}"',))
    assert [h["id"] for h in hits] == [first.id]
    assert old_word  # sanity


def test_replacement_is_one_transaction(store: Store) -> None:
    """A failure while inserting the new rows leaves the old version in place."""
    record = synthetic_record(1)
    store.put(record)
    broken = synthetic_record(2).model_copy(update={"id": record.id})
    store.conn.execute(
        "CREATE TEMP TRIGGER fail_quotes BEFORE INSERT ON events "
        "BEGIN SELECT RAISE(ABORT, 'boom'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        store.put(broken)
    store.conn.execute("DROP TRIGGER fail_quotes")
    assert store.get_record(record.id) == record


def test_error_records_are_stored_and_listed(store: Store) -> None:
    failed = ArticleRecord(id="bad-1", status="error", error="[E501] empty document")
    summary = store.put_many([synthetic_record(1), failed])
    assert summary.errors == 1 and summary.error_ids == ["bad-1"]
    assert store.get_record("bad-1") == failed
    rows = store.read("SELECT article_id, error FROM ingest_errors")
    assert [tuple(r) for r in rows] == [("bad-1", "[E501] empty document")]


def test_a_failed_rerun_keeps_the_good_record(store: Store) -> None:
    good = synthetic_record(1)
    store.put(good)
    failed = ArticleRecord(id=good.id, status="error", error="[E599] internal error")
    assert store.put(failed) == "error-kept"
    assert store.get_record(good.id) == good
    assert store.read_one("SELECT COUNT(*) FROM ingest_errors")[0] == 1


def test_content_hash_changes_with_the_coding() -> None:
    record = synthetic_record(1)
    recoded = record.model_copy(update={"warnings": ["new warning"]})
    assert content_hash(record) == content_hash(synthetic_record(1))
    assert content_hash(record) != content_hash(recoded)


def test_wire_copies_share_a_story(store: Store) -> None:
    base = synthetic_record(7, sentences=12)
    sentences = base.text.split(". ")
    trimmed = ". ".join(sentences[:-2])  # an outlet that cut the last two sentences
    copy_ = ArticleRecord(id="outlet-b", text="BREAKING: " + trimmed, title="Other headline")
    unrelated = synthetic_record(8, sentences=12)
    store.put_many([base, copy_, unrelated])
    stories = {r["id"]: r["story_id"] for r in store.read("SELECT id, story_id FROM articles")}
    assert stories[base.id] == stories["outlet-b"] == min(base.id, "outlet-b")
    assert stories[unrelated.id] == unrelated.id


def test_story_ids_do_not_depend_on_ingestion_order(tmp_path: Path) -> None:
    base = synthetic_record(7, sentences=12)
    copy_ = base.model_copy(update={"id": "zz-copy", "title": "Copy"})
    results = []
    for name, order in (("a.db", [base, copy_]), ("b.db", [copy_, base])):
        with Store(tmp_path / name) as store:
            store.put_many(order)
            rows = store.read("SELECT id, story_id FROM articles")
            results.append(sorted(tuple(r) for r in rows))
    assert results[0] == results[1]


def test_deleting_the_article_a_story_is_named_after_relabels_it(store: Store) -> None:
    base = synthetic_record(7, sentences=12)
    copies = [base.model_copy(update={"id": f"z-{i}"}) for i in range(2)]
    store.put_many([base, *copies])
    assert store.delete(base.id)
    stories = {r["story_id"] for r in store.read("SELECT story_id FROM articles")}
    assert stories == {"z-0"}


def test_migrates_a_version_1_database(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
    conn.execute("BEGIN")
    MIGRATIONS[1](conn)
    conn.execute("INSERT INTO schema_version VALUES (1, 'then')")
    record = synthetic_record(3)
    conn.execute(
        "INSERT INTO articles (id, content_hash, status, schema_version, text, sentences, "
        "warnings, ingested_at) VALUES (?, 'h', 'ok', '1', ?, '[]', '[]', 'then')",
        (record.id, record.text),
    )
    conn.execute("COMMIT")
    conn.close()
    with Store(path) as store:
        assert store.schema_version == LATEST_VERSION
        row = store.read_one("SELECT story_id, minhash FROM articles")
        assert row["story_id"] == record.id and row["minhash"] is not None
        store.put(record.model_copy(update={"id": "copy"}))
        assert {r["story_id"] for r in store.read("SELECT story_id FROM articles")} == {"copy"}


def test_refuses_a_newer_database(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (?, 'future')", (LATEST_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="upgrade communique"):
        Store(path)


def test_readonly_store_cannot_write_and_needs_a_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        Store(tmp_path / "missing.db", readonly=True)
    Store(tmp_path / "x.db").close()
    with Store(tmp_path / "x.db", readonly=True) as reader:
        with pytest.raises((StoreError, sqlite3.OperationalError)):
            reader.put(synthetic_record(1))


def test_records_streams_everything_in_order(store: Store) -> None:
    stored = [synthetic_record(i) for i in range(5)]
    store.put_many(stored, batch_size=2)
    assert list(store.records(batch=2)) == stored
    assert store.has(stored[0].id, content_hash(stored[0]))
    assert not store.has(stored[0].id, "other")


def _table_counts(store: Store) -> dict[str, int]:
    tables = ["articles", "actors", "mentions", "events", "quotes", "dates", "places",
              "minhash_bands", "ingest_errors"]
    return {t: store.read_one(f"SELECT COUNT(*) FROM {t}")[0] for t in tables}

"""Query functions over a store of hand-made records with invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.query import (
    EventFilter,
    fts_query,
    list_articles,
    query_actors,
    query_events,
    query_quotes,
    stats,
)
from communique.store import Store
from communique.store_synth import hand_record

ACTORS = {
    "Lemuria": ("LMRGOV", "LMR", "country"),
    "Atlantis": ("ATLGOV", "ATL", "country"),
    "Atlantis army": ("ATLMIL", "ATL", "organization"),
    "Mu": ("MUUGOV", "MUU", "country"),
    "Ilsa Varn": ("LMRGOV", "LMR", "person"),
}


def _records() -> list:
    first = hand_record(
        "talks-1",
        [
            "Lemuria offered to negotiate with Atlantis over the disputed islands.",
            "Ilsa Varn said \"we are ready to sit at the table tomorrow\".",
            "Atlantis army shelled a harbour held by Lemuria.",
        ],
        ACTORS,
        events=[
            (0, "Lemuria", "Atlantis", "036", "AGREE", "offered to negotiate"),
            (2, "Atlantis army", "Lemuria", "194", "ASSAULT", "shelled"),
        ],
        quotes=[(1, "Ilsa Varn", "we are ready to sit at the table tomorrow")],
        published="2024-03-01",
    )
    second = hand_record(
        "talks-2",
        ["Mu urged Lemuria and Atlantis to stop the fighting over the islands."],
        ACTORS,
        events=[(0, "Mu", "Lemuria", "0256", "REQUEST", "urged")],
        published="2024-04-15",
    )
    third = hand_record(
        "talks-3",
        ["Atlantis rejected the offer of talks from Lemuria."],
        ACTORS,
        events=[(0, "Atlantis", "Lemuria", "125", "REJECT", "rejected")],
        published="2024-05-20",
    )
    return [first, second, third]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "q.db") as opened:
        opened.put_many(_records())
        yield opened


def _ids(page) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(row.article_id, row.event_id) for row in page.items]


def test_events_newest_first_with_names_and_evidence(store: Store) -> None:
    page = query_events(store)
    assert page.total == 4
    assert _ids(page) == [("talks-3", "e1"), ("talks-2", "e1"), ("talks-1", "e1"),
                          ("talks-1", "e2")]
    talk = page.items[2]
    assert talk.source_name == "Lemuria" and talk.target_name == "Atlantis"
    assert talk.sentence == "Lemuria offered to negotiate with Atlantis over the disputed islands."
    assert talk.trigger == "offered to negotiate" and talk.day == "2024-03-01"


def test_actor_filter_matches_either_side_by_code_prefix(store: Store) -> None:
    assert query_events(store, EventFilter(actor="MUU")).total == 1
    assert query_events(store, EventFilter(actor="ATL")).total == 3
    assert _ids(query_events(store, EventFilter(actor="ATLMIL"))) == [("talks-1", "e2")]
    assert query_events(store, EventFilter(source="ATL")).total == 2
    assert query_events(store, EventFilter(target="atl")).total == 1  # case does not matter


def test_type_cameo_and_date_filters(store: Store) -> None:
    assert _ids(query_events(store, EventFilter(type="reject"))) == [("talks-3", "e1")]
    assert _ids(query_events(store, EventFilter(cameo="02"))) == [("talks-2", "e1")]
    assert query_events(store, EventFilter(cameo="1")).total == 2
    assert query_events(store, EventFilter(since="2024-04-01")).total == 2
    assert query_events(store, EventFilter(until="2024-04")).total == 3
    assert query_events(store, EventFilter(since="2024-04-01", until="2024-04-30")).total == 1


def test_text_filter_uses_full_text_search_safely(store: Store) -> None:
    assert {r.article_id for r in query_events(store, EventFilter(text="islands")).items} == {
        "talks-1", "talks-2"}
    assert query_events(store, EventFilter(text="harbour islands")).total == 2  # both words
    # FTS syntax in user input is taken as words, never as operators
    assert query_events(store, EventFilter(text='islands" OR NOT "x')).total == 0
    assert query_events(store, EventFilter(text="***")).total == 4  # no words: no filter
    assert fts_query('a "b" c*') == '"a" "b" "c"'


def test_pagination(store: Store) -> None:
    first = query_events(store, limit=3)
    second = query_events(store, limit=3, offset=3)
    assert first.total == second.total == 4
    assert len(first.items) == 3 and len(second.items) == 1
    assert query_events(store, limit=-5).items == []


def test_per_story_counts_wire_copies_once(tmp_path: Path) -> None:
    with Store(tmp_path / "copies.db") as store:
        original = _records()[0]
        copy_ = original.model_copy(update={"id": "talks-1-copy"})
        store.put_many([original, copy_])
        assert query_events(store).total == 4
        once = query_events(store, EventFilter(per_story=True))
        assert once.total == 2 and {r.story_id for r in once.items} == {"talks-1"}


def test_quotes_by_speaker_and_text(store: Store) -> None:
    page = query_quotes(store, speaker="varn")
    assert page.total == 1
    quote = page.items[0]
    assert quote.text == "we are ready to sit at the table tomorrow"
    assert quote.speaker_code == "LMRGOV" and quote.article_id == "talks-1"
    assert query_quotes(store, text="table").total == 1
    assert query_quotes(store, text="chairs").total == 0
    assert query_quotes(store, speaker="%").total == 0  # LIKE wildcards are literal
    assert query_quotes(store, actor="LMR").total == 1


def test_actors_with_counts(store: Store) -> None:
    page = query_actors(store)
    by_name = {row.name: row for row in page.items}
    lemuria = by_name["Lemuria"]
    assert lemuria.articles == 3 and lemuria.code == "LMRGOV"
    assert lemuria.events_as_source == 1 and lemuria.events_as_target == 3
    assert lemuria.mentions == 4
    assert page.items[0].name == "Lemuria"  # most widely reported first
    assert [r.name for r in query_actors(store, country="atl").items] == [
        "Atlantis", "Atlantis army"]
    assert [r.name for r in query_actors(store, code="ATLMIL").items] == ["Atlantis army"]


def test_articles_and_stats(store: Store) -> None:
    articles = list_articles(store)
    assert [a.id for a in articles.items] == ["talks-3", "talks-2", "talks-1"]
    assert articles.items[2].events == 2 and articles.items[2].quotes == 1
    assert [a.id for a in list_articles(store, text="harbour").items] == ["talks-1"]
    summary = stats(store)
    assert (summary.articles, summary.events, summary.quotes, summary.stories) == (3, 4, 1, 3)
    assert (summary.first_day, summary.last_day) == ("2024-03-01", "2024-05-20")

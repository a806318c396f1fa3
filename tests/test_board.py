"""The negotiation board, on hand-made records with invented sentences and on the samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.board import board_from_records, build_board, parse_dyad
from communique.board_conditions import extract_conditions
from communique.board_rules import default_rules, load_rules
from communique.errors import ResourceError, UsageError
from communique.stages.nlp import PINNED_MODEL, load_model
from communique.store import Store
from communique.store_schema import LATEST_VERSION
from communique.store_synth import hand_record

ACTORS = {
    "Lemuria": ("LMRGOV", "LMR", "country"),
    "Atlantis": ("ATLGOV", "ATL", "country"),
    "Mu": ("MUUGOV", "MUU", "country"),
    "Hyperborea": ("HYPGOV", "HYP", "country"),
    "Ilsa Varn": ("LMRGOV", "LMR", "person"),
    "Oren Tal": ("ATLGOV", "ATL", "person"),
}


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_model(PINNED_MODEL)


def _story():  # type: ignore[no-untyped-def]
    return hand_record(
        "board-1",
        [
            "Lemuria is ready to negotiate with Atlantis, Ilsa Varn said on Monday.",
            "Ilsa Varn said a truce was possible if Atlantis withdrew its troops, freed the "
            "fishermen and reopened the border crossings.",
            "Ilsa Varn said \"Atlantis has turned down every offer of talks\".",
            "Mu urged both sides to halt the fighting at once.",
            "Lemuria welcomed mediation offers from Hyperborea.",
        ],
        ACTORS,
        events=[
            (0, "Lemuria", "Atlantis", "036", "AGREE", "ready to negotiate"),
            (2, "Atlantis", "Lemuria", "125", "REJECT", "turned down"),
            (3, "Mu", None, "0256", "REQUEST", "urged"),
            (4, "Lemuria", None, "038", "AGREE", "welcomed mediation"),
        ],
        quotes=[(2, "Ilsa Varn", "Atlantis has turned down every offer of talks")],
        modalities={1: "reported"},
    )


def test_the_board_shows_positions_conditions_calls_and_mediators(nlp) -> None:  # type: ignore[no-untyped-def]
    board = board_from_records([_story()], nlp=nlp)
    assert [d.dyad for d in board.dyads] == ["ATL-LMR"]
    dyad = board.dyads[0]
    atlantis, lemuria = dyad.parties
    assert (lemuria.party, lemuria.stance) == ("LMR", "open")
    assert lemuria.conditions == ["withdraw its troops", "free the fishermen",
                                  "reopen the border crossings"]
    assert (atlantis.party, atlantis.stance, atlantis.reported_by) == ("ATL", "refuse", "LMR")
    refusal = next(i for i in dyad.items if i.kind == "refuses_talks")
    assert refusal.speaker == "Ilsa Varn" and refusal.evidence.startswith("Ilsa Varn said")
    assert [(t.party, t.positions) for t in dyad.third_parties] == [
        ("MUU", ["calls for a ceasefire"])]
    assert dyad.mediators == ["Hyperborea"]
    condition = next(i for i in dyad.items if i.kind == "condition")
    assert (condition.party, condition.addressee, condition.article_id) == ("LMR", "ATL",
                                                                             "board-1")
    assert condition.date == "2024-12-09" and condition.sentence_index == 1


def test_without_a_parser_there_are_no_conditions_but_the_rest_stays() -> None:
    dyad = board_from_records([_story()]).dyads[0]
    assert all(i.kind != "condition" for i in dyad.items)
    assert dyad.parties[1].stance == "open"


def test_negated_openness_reads_as_refusal() -> None:
    record = hand_record("neg", ["Atlantis is not ready to negotiate with Lemuria."], ACTORS,
                         events=[(0, "Atlantis", "Lemuria", "036", "AGREE", "ready")])
    record.events[0].negated = True
    dyad = board_from_records([record]).dyads[0]
    assert dyad.parties[0].stance == "refuse" and dyad.items[0].kind == "refuses_talks"


def test_latest_stance_wins_and_dates_filter(nlp) -> None:  # type: ignore[no-untyped-def]
    early = hand_record("early", ["Atlantis rejected talks with Lemuria."], ACTORS,
                        events=[(0, "Atlantis", "Lemuria", "125", "REJECT", "rejected")],
                        published="2024-01-10")
    later = hand_record("later", ["Atlantis agreed to meet Lemuria."], ACTORS,
                        events=[(0, "Atlantis", "Lemuria", "036", "AGREE", "agreed to meet")],
                        published="2024-03-02")
    board = board_from_records([later, early], dyad="LMR-ATL")
    atlantis = board.dyads[0].parties[0]
    assert (atlantis.stance, atlantis.stance_date) == ("open", "2024-03-02")
    only_early = board_from_records([later, early], until="2024-02")
    assert only_early.dyads[0].parties[0].stance == "refuse"


def test_wire_copies_are_counted_once() -> None:
    story = _story()
    copy_ = story.model_copy(update={"id": "board-1-copy"})
    items = board_from_records([story, copy_]).dyads[0].items
    assert len(items) == len({(i.kind, i.party, i.evidence) for i in items})


def test_intra_state_dyads_use_actor_codes() -> None:
    actors = {"the army": ("SDNMIL", "SDN", "organization"),
              "the militia": ("SDNREB", "SDN", "group")}
    record = hand_record("civil", ["The army refused talks with the militia."], actors,
                         events=[(0, "the army", "the militia", "125", "REJECT", "refused")])
    board = board_from_records([record])
    assert [d.dyad for d in board.dyads] == ["SDNMIL-SDNREB"]


def test_an_intra_state_dyad_can_be_asked_for_in_the_store(tmp_path: Path) -> None:
    actors = {"the army": ("SDNMIL", "SDN", "organization"),
              "the militia": ("SDNREB", "SDN", "group")}
    record = hand_record("civil", ["The army refused talks with the militia."], actors,
                         events=[(0, "the army", "the militia", "125", "REJECT", "refused")])
    with Store(tmp_path / "b.db") as store:
        store.put(record)
        asked = build_board(store, dyad="sdnreb-sdnmil")
        assert [d.dyad for d in asked.dyads] == ["SDNMIL-SDNREB"]
        assert [(i.kind, i.party) for i in asked.dyads[0].items] == [("refuses_talks", "SDNMIL")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Lemuria demanded that Atlantis rescind the decree and resume dialogue.",
     ["rescind the decree", "resume dialogue"]),
    ("The minister called on Atlantis to withdraw its forces and lift the blockade.",
     ["withdraw its forces", "lift the blockade"]),
    ("Atlantis must stop the shelling of the port, the minister said.", ["stop the shelling of "
                                                                        "the port"]),
    ("Talks could resume only if the sanctions were lifted.", ["lift the sanctions"]),
    ("We must protect our people, the minister said.", []),
    ("There should be a ceasefire, and negotiations should begin.", []),
])
def test_condition_clauses(nlp, sentence: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    found = extract_conditions(nlp(sentence), default_rules().words)
    assert [c.text for c in found] == expected


def test_parse_dyad() -> None:
    assert parse_dyad("ukr-rus") == ("RUS", "UKR")
    with pytest.raises(UsageError):
        parse_dyad("RUS")


def test_rules_file_errors_name_the_line(tmp_path: Path) -> None:
    text = Path(default_rules.__wrapped__.__globals__["BOARD_FILE"]).read_text()
    bad = tmp_path / "board.yaml"
    bad.write_text(text.replace('"125": refuses_talks', '"125": refuses_everything'))
    with pytest.raises(ResourceError) as info:
        load_rules(bad)
    line = next(n for n, t in enumerate(bad.read_text().splitlines(), 1)
                if "refuses_everything" in t)
    assert f"board.yaml:{line}" in str(info.value)


def test_board_from_the_store_and_the_samples(pipeline, samples_dir: Path,  # type: ignore[no-untyped-def]
                                             tmp_path: Path) -> None:
    from communique.stages.ingest import read_inputs

    with Store(tmp_path / "samples.db") as store:
        summary = store.put_many(pipeline.code_many(read_inputs([str(samples_dir)])))
        assert summary.inserted >= 5
        store.put(_story())
        board = build_board(store)
        assert "ATL-LMR" in {d.dyad for d in board.dyads}
        # every item points at a stored article and quotes a sentence of it
        for dyad in board.dyads:
            for item in dyad.items:
                record = store.get_record(item.article_id)
                assert record is not None
                assert item.evidence.split()[0] in record.text
        calls = [i for d in board.dyads for i in d.items
                 if i.kind in {"calls_for_ceasefire", "calls_for_talks"}]
        assert calls, "the sample calls for a truce and for talks reach the board"
        assert build_board(store, dyad="LMR-ATL").dyads[0].dyad == "ATL-LMR"


def test_asking_for_a_dyad_returns_only_that_dyad(nlp) -> None:  # type: ignore[no-untyped-def]
    other = hand_record(
        "board-2",
        ["Mu is ready to negotiate with Hyperborea, officials said on Tuesday."],
        ACTORS,
        events=[(0, "Mu", "Hyperborea", "036", "AGREE", "ready to negotiate")],
    )
    assert {d.dyad for d in board_from_records([_story(), other]).dyads} >= {"ATL-LMR", "HYP-MUU"}
    board = board_from_records([_story(), other], dyad="LMR-ATL", nlp=nlp)
    assert [d.dyad for d in board.dyads] == ["ATL-LMR"]
    assert board.dyads[0].mediators == ["Hyperborea"]


def _slow_board(store: Store, nlp, **kwargs):  # type: ignore[no-untyped-def]
    """The board as it was built before items were stored: every matching record, re-read."""
    from communique.board import _board_from_store_records, _event_clauses

    wanted = parse_dyad(kwargs["dyad"]) if kwargs.get("dyad") else None
    clauses, params = _event_clauses(wanted, kwargs.get("since"), kwargs.get("until"))
    return _board_from_store_records(store, wanted, kwargs.get("since"), kwargs.get("until"),
                                     nlp, clauses, params)


def test_the_stored_board_equals_the_board_rebuilt_from_records(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from communique.store_synth import synthetic_record

    with Store(tmp_path / "b.db") as store:
        store.put_many([synthetic_record(i) for i in range(40)])
        store.put(_story())
        everything = build_board(store, conditions=False)
        asked = [d.dyad for d in everything.dyads[:3]] + ["ATL-LMR", "LMR-MUU"]
        for kwargs in [{}, {"since": "2024-03-01", "until": "2024-06"},
                       *({"dyad": d} for d in asked), {"dyad": asked[0], "since": "2024-05-01"}]:
            assert build_board(store, **kwargs) == _slow_board(store, nlp, **kwargs), kwargs
        conditions = [i for d in build_board(store, dyad="ATL-LMR").dyads for i in d.items
                      if i.kind == "condition"]
        assert conditions, "conditions are extracted at ingest"
        assert not [i for d in build_board(store, dyad="ATL-LMR", conditions=False).dyads
                    for i in d.items if i.kind == "condition"]


def test_replacing_an_article_replaces_its_board_items(tmp_path: Path) -> None:
    with Store(tmp_path / "b.db") as store:
        store.put(_story())
        before = store.read_one("SELECT COUNT(*) FROM board_items")[0]  # type: ignore[index]
        assert before > 0
        changed = _story()
        changed.events = changed.events[:1]
        assert store.put(changed) == "replaced"
        after = store.read_one("SELECT COUNT(*) FROM board_items")[0]  # type: ignore[index]
        assert 0 < after < before
        store.delete("board-1")
        assert store.read_one("SELECT COUNT(*) FROM board_items")[0] == 0  # type: ignore[index]


def test_an_older_database_gets_its_board_items_backfilled(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.put(_story())
        expected = build_board(store)
        with store.transaction() as conn:  # make it a version-2 database, as written before
            conn.execute("DROP TABLE board_items")
            conn.execute("DROP TABLE store_meta")
            conn.execute("DELETE FROM schema_version WHERE version >= 3")
    with Store(path) as store:
        assert store.schema_version == LATEST_VERSION
        assert store.read_one("SELECT COUNT(*) FROM board_items")[0] > 0  # type: ignore[index]
        assert expected.dyads and expected.dyads[0].dyad == "ATL-LMR"
        # items computed before fingerprints were kept count as stale until refreshed
        stale = build_board(store)
        assert stale.dyads == expected.dyads and stale.warnings
        assert store.refresh_board() == 1
        assert build_board(store) == expected


def test_items_computed_with_other_board_rules_are_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import communique.store_board as store_board

    with Store(tmp_path / "b.db") as store:
        store.put(_story())
        fresh = build_board(store)
        assert store.board_items_current() and not fresh.warnings
        with store.transaction() as conn:  # items that the current rules would not give
            conn.execute("UPDATE board_items SET item = json_set(item, '$.kind', 'refuse')")
        monkeypatch.setattr(store_board, "BOARD_ITEMS_VERSION", store_board.BOARD_ITEMS_VERSION + 1)
        assert not store.board_items_current()
        stale = build_board(store)
        assert stale.dyads == fresh.dyads, "computed from the records, not the stale items"
        assert "communique board --refresh" in stale.warnings[0]
        store.refresh_board()
        assert store.board_items_current()
        assert build_board(store) == fresh


def test_board_refresh_from_the_command_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from communique.cli import main

    path = tmp_path / "b.db"
    with Store(path) as store:
        store.put(_story())
        with store.transaction() as conn:
            conn.execute("DELETE FROM store_meta")
    runner = CliRunner()
    stale = runner.invoke(main, ["board", "--db", str(path), "--no-conditions"])
    assert stale.exit_code == 0 and "--refresh" in stale.stderr
    fresh = runner.invoke(main, ["board", "--db", str(path), "--no-conditions", "--refresh"])
    assert fresh.exit_code == 0, fresh.output
    assert "stored again for 1 articles" in fresh.stderr and "warning" not in fresh.stderr
    assert "ATL" in fresh.stdout

"""Trigger patterns as data: the built-in set is valid and complete; bad files fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import ResourceError
from communique.resources.patterns import (
    default_patterns,
    load_patterns,
    read_file_lexicon,
    read_pattern_file,
)


def test_every_cameo_root_has_patterns() -> None:
    roots = {p.code[:2] for p in default_patterns().patterns}
    assert roots == {f"{i:02d}" for i in range(1, 21)}


def test_depth_where_diplomacy_and_conflict_live() -> None:
    counts: dict[str, int] = {}
    for pattern in default_patterns().patterns:
        counts[pattern.code[:2]] = counts.get(pattern.code[:2], 0) + 1
    for root in ("02", "03", "04", "05", "08", "10", "11", "12", "13", "16", "17", "18", "19"):
        assert counts[root] >= 5, root


def test_sets_expand_and_words_stay_words() -> None:
    by_id = {p.id: p for p in default_patterns().patterns}
    call = by_id["appeal.ceasefire.call"]
    assert "truce" in call.complement  # from $CEASEFIRE
    assert call.party_code == "0356"  # a party's own call is AGREE
    assert "on" in by_id["appeal.generic.call_for"].prep  # YAML 'on' is not a boolean here


def test_user_file_adds_patterns(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "sets:\n  TALKS: [parley]\npatterns:\n"
        '  - {id: mine.parley, code: "036", trigger: [keen], complement: [$TALKS]}\n',
        encoding="utf-8",
    )
    patterns = load_patterns([extra])
    assert any(p.id == "mine.parley" for p in patterns.candidates("keen"))
    assert len(patterns) == len(default_patterns()) + 1


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('{id: x, code: "999", trigger: [a]}', "not a CAMEO code"),
        ('{id: x, code: "036", trigger: []}', "at least one lemma"),
        ('{id: x, code: "036", trigger: [a], pos: [ADVERB]}', "pos must be"),
        ('{id: x, code: "036", trigger: [a], colour: red}', "unknown keys"),
        ('{id: x, code: "036", trigger: [a], complement: [$NOPE]}', "undefined set"),
        ('{id: x, code: "036", trigger: [a], flags: [loud]}', "unknown flag"),
    ],
)
def test_bad_entries_name_file_and_line(tmp_path: Path, entry: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(f'patterns:\n  - {{id: ok, code: "036", trigger: [b]}}\n  - {entry}\n',
                   encoding="utf-8")
    with pytest.raises(ResourceError, match=message) as err:
        read_pattern_file(bad)
    assert f"{bad}:3" in str(err.value)


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    extra = tmp_path / "dup.yaml"
    extra.write_text('patterns:\n  - {id: agree.meet.willing, code: "036", trigger: [x]}\n',
                     encoding="utf-8")
    with pytest.raises(ResourceError, match="already used"):
        load_patterns([extra])


def test_subject_field_is_read_and_ranks_like_a_complement() -> None:
    pattern = next(p for p in default_patterns().patterns if p.id == "mobilize.troops.arrive")
    assert "troops" in pattern.subject and "arrive" in pattern.trigger
    visit = next(p for p in default_patterns().patterns if p.id == "consult.visit")
    assert pattern.specificity > visit.specificity


def test_lexicon_section_is_read_and_checked(tmp_path: Path) -> None:
    lexicon = default_patterns().lexicon
    assert "issue" in lexicon.light_verbs and "receive" in lexicon.receiver_verbs
    assert lexicon.nominalizations["warning"] == "warn"
    bad = tmp_path / "bad.yaml"
    assert "agreement" in lexicon.intent_nouns and "fighting" in lexicon.combat_nouns
    own = tmp_path / "own.yaml"
    own.write_text("patterns: []\nlexicon:\n  combat_nouns: [shootout]\n")
    merged = lexicon.merged(read_file_lexicon(own))
    assert {"shootout", "fighting"} <= merged.combat_nouns and merged.light_verbs
    bad.write_text("patterns: []\nlexicon:\n  heavy_verbs: [lift]\n")
    with pytest.raises(ResourceError, match="bad.yaml:3"):
        read_file_lexicon(bad)

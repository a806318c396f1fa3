"""The one line-aware YAML reader behind every data file."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import ResourceError
from communique.resources.yamlfile import load_yaml


def test_yaml_reader_keeps_on_off_yes_no_as_words(tmp_path: Path) -> None:
    path = tmp_path / "words.yaml"
    path.write_text("words: [on, off, yes, no]\nflag: true\nother: False\n")
    data = load_yaml(path)
    assert data == {"words": ["on", "off", "yes", "no"], "flag": True, "other": False}
    assert data.line_of("flag") == 2 and data["words"].item_lines == [1, 1, 1, 1]


def test_yaml_reader_refuses_duplicate_keys_with_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text("themes:\n  war: {}\n  peace: {}\n  war: {}\n")
    expected = r"dup.yaml:4: .*duplicate key 'war' \(first on line 2\)"
    with pytest.raises(ResourceError, match=expected):
        load_yaml(path)


def test_unknown_keys_are_named_with_what_is_allowed(tmp_path: Path) -> None:
    from communique.resources.yamlfile import refuse_unknown_keys

    refuse_unknown_keys(tmp_path / "x.yaml", 3, {"name": 1}, ("name", "code"), "entry", "fix it")
    expected = r"x.yaml:3: entry: unknown keys \['nmae'\]; allowed: \['code', 'name'\]"
    with pytest.raises(ResourceError, match=expected):
        refuse_unknown_keys(tmp_path / "x.yaml", 3, {"nmae": 1}, ("name", "code"), "entry", "fix")

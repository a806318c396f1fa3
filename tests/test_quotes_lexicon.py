"""The lexicon loader on top of the project's line-aware YAML reader."""

from __future__ import annotations

import pytest

from communique.errors import ResourceError
from communique.resources.lexicons import load_lexicon_file


def write(tmp_path, text: str):
    path = tmp_path / "lex.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_yes_no_on_off_and_numbers_stay_words(tmp_path) -> None:
    path = write(tmp_path, "words:\n  - yes\n  - No\n  - off\n  - 1984\n")
    lex = load_lexicon_file(path, optional=None)
    assert lex["words"] == {"yes", "no", "off", "1984"}


def test_empty_section_is_empty_and_missing_section_is_empty(tmp_path) -> None:
    lex = load_lexicon_file(write(tmp_path, "words:\nother:\n  - x\n"), optional=None)
    assert lex["words"] == frozenset() and lex["absent"] == frozenset()
    assert "words" in lex and "absent" not in lex


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("words:\n  - say\n  - null\n", 3),
        ("words:\n  - say\n  - true\n", 3),
        ("words:\n  - say\n  - {a: b}\n", 3),
        ("words: say\n", 1),
        ("- say\n- tell\n", 1),
        ("words:\n  - say\n   - tell: [\n", 3),
        ("words:\n  - Say\n  - say \n", 3),
    ],
)
def test_errors_name_the_line(tmp_path, text: str, line: int) -> None:
    with pytest.raises(ResourceError, match=rf"lex.yaml:{line}\b"):
        load_lexicon_file(write(tmp_path, text), optional=None)


def test_missing_required_and_empty_file(tmp_path) -> None:
    with pytest.raises(ResourceError, match="missing required"):
        load_lexicon_file(write(tmp_path, "words:\n  - say\n"), required=("verbs",), optional=None)
    with pytest.raises(ResourceError, match="empty lexicon"):
        load_lexicon_file(write(tmp_path, "# nothing\n"))


def test_case_kept_when_asked(tmp_path) -> None:
    lex = load_lexicon_file(write(tmp_path, "names:\n  - Roe\n"), ("names",), lowercase=False)
    assert lex["names"] == {"Roe"}

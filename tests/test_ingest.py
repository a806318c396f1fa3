"""Ingest: every input kind, stable ids, and every bad-input path as an error record."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from communique.document import Document
from communique.errors import InputNotFoundError
from communique.models import ArticleRecord
from communique.stages.ingest import read_inputs, split_title, stable_id

STORY = "Kenya offered on Tuesday to host talks between the two sides, officials said.\n"


def _read(*paths: Path | str, published: dt.date | None = None, max_chars: int = 1_000_000):
    return list(read_inputs([str(p) for p in paths], published, max_chars))


def test_txt_title_line_is_split_off_and_offsets_index_the_body(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Kenya offers to host talks\n\n" + STORY, encoding="utf-8")
    (doc,) = _read(path, published=dt.date(2024, 5, 7))
    assert isinstance(doc, Document)
    assert doc.title == "Kenya offers to host talks"
    assert doc.text == STORY
    assert doc.published == dt.date(2024, 5, 7)
    assert doc.id == stable_id(STORY)


def test_a_first_sentence_is_not_taken_for_a_title() -> None:
    assert split_title("Talks began today.\n\nMore follows.") == (
        None, "Talks began today.\n\nMore follows."
    )


def test_same_text_same_id_different_text_different_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text(STORY)
    (tmp_path / "c.txt").write_text(STORY + "More.")
    a, b, c = _read(tmp_path)
    assert a.id == b.id != c.id


def test_jsonl_fields_and_given_id(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        json.dumps({"id": "x1", "text": STORY, "title": "T", "published": "2024-02-03T10:00:00Z",
                    "url": "https://example.org/a", "source": "Wire"}) + "\n"
    )
    (doc,) = _read(path, published=dt.date(2020, 1, 1))
    assert (doc.id, doc.title, doc.url, doc.source) == ("x1", "T", "https://example.org/a", "Wire")
    assert doc.published == dt.date(2024, 2, 3)  # the document's own date wins over --published


def test_json_array(tmp_path: Path) -> None:
    path = tmp_path / "docs.json"
    path.write_text(json.dumps([{"text": STORY}, {"text": "Second story about talks."}]))
    docs = _read(path)
    assert [type(d) for d in docs] == [Document, Document]


def test_malformed_json_line_among_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        json.dumps({"text": STORY}) + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n"
        + json.dumps({"text": "Another good story."}) + "\n"
    )
    items = _read(path)
    assert [i.status if isinstance(i, ArticleRecord) else "doc" for i in items] == [
        "doc", "error", "error", "doc"
    ]
    assert "docs.jsonl:2" in items[1].error and "not valid JSON" in items[1].error
    assert "'text'" in items[2].error


def test_bad_published_value_is_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "d", "text": STORY, "published": "yesterday"}) + "\n")
    (item,) = _read(path)
    assert isinstance(item, ArticleRecord) and item.id == "d" and "ISO date" in item.error


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n")
    (item,) = _read(path)
    assert isinstance(item, ArticleRecord) and item.status == "error"
    assert "no text" in item.error


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (item,) = _read(path)
    assert isinstance(item, ArticleRecord) and "binary" in item.error


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Talks in Bogot\u00e1 resumed on Monday.".encode("latin-1"))
    (doc,) = _read(path)
    assert isinstance(doc, Document)
    assert "\ufffd" in doc.text
    assert any("not valid UTF-8" in w for w in doc.warnings)


def test_too_large_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # 50 MB, written in chunks
        chunk = (STORY * 1000).encode()
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)
    (item,) = _read(path)
    assert isinstance(item, ArticleRecord) and "over the limit" in item.error


def test_text_over_max_chars_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"id": "long", "text": "word " * 100}) + "\n")
    (item,) = _read(path, max_chars=50)
    assert isinstance(item, ArticleRecord) and item.id == "long" and "over the limit" in item.error


def test_unknown_extension_is_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "story.docx"
    path.write_bytes(b"PK\x03\x04")
    (item,) = _read(path)
    assert isinstance(item, ArticleRecord) and "unknown input kind" in item.error


def test_directory_reads_known_kinds_recursively_and_skips_others(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(STORY)
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "Story two about a visit."}) + "\n")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    assert len(_read(tmp_path)) == 2


def test_missing_path_is_misuse_and_raises(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match="does not exist"):
        _read(tmp_path / "nope.txt")


def test_html_page_gives_text_title_date_and_url(samples_dir: Path) -> None:
    (doc,) = _read(samples_dir / "07-statement.html")
    assert isinstance(doc, Document)
    assert doc.title and "restraint" in doc.title
    assert doc.published == dt.date(2024, 10, 16)
    assert doc.url == "https://example.org/2024/10/16/korea-restraint"
    assert "Home" not in doc.text and "urged North Korea" in doc.text


def test_missing_publication_date_warns(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (doc,) = _read(tmp_path / "a.txt")
    assert any("no publication date" in w for w in doc.warnings)

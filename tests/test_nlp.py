"""The nlp stage: the model loader's checks and sentence boundaries at line breaks."""

from __future__ import annotations

import pytest

from communique.errors import ModelNotInstalledError
from communique.stages.nlp import PINNED_MODEL, load_model


def test_pinned_model_loads_with_its_meta_checked() -> None:
    nlp = load_model(PINNED_MODEL)
    assert nlp.meta["version"] == "3.8.0" and nlp.lang == "en"


def test_missing_model_says_what_to_install() -> None:
    with pytest.raises(ModelNotInstalledError, match="pip install en-core-web-xx"):
        load_model("en_core_web_xx")


def test_heading_lines_end_sentences_but_hard_wraps_do_not() -> None:
    nlp = load_model(PINNED_MODEL)
    text = "Ghana said it was ready.\nTalks in Accra\nThe minister said talks\ncould resume soon."
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert sentences == [
        "Ghana said it was ready.", "Talks in Accra", "The minister said talks\ncould resume soon."
    ]


def test_sentence_of_a_span_is_spacys_sentence() -> None:
    from communique.stages.nlp import sentence_of

    doc = load_model(PINNED_MODEL)("Ghana voted. Togo and Benin met in Lome on Monday. Mali left.")
    for span in (doc[0:1], doc[3:6], doc[9:11], doc[-2:]):
        assert sentence_of(span) == span.sent

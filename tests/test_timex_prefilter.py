"""The dates stage's speed-ups change nothing: the rule prefilter never drops a match, and the
grouped lexicon alternations match what the flat ones did. Sentences are invented."""

from __future__ import annotations

import re

import pytest

from communique.stages.timex_lexicon import (
    CASE_SENSITIVE,
    TimexLexicon,
    _alternation,
    default_lexicon,
)
from communique.stages.timex_prefilter import DIGIT, FOLD, TextAtoms, derive_needs
from communique.stages.timex_recognize import find_candidates

#: at least one sentence for every rule of timex.yaml (checked below), with case and spacing
#: variants and a few characters that IGNORECASE folds to ASCII letters
SENTENCES = [
    "The treaty was signed on Tuesday, March 4, 2003, in the capital.",
    "Elections were held on the 12th of June, 1998, and again on 3 Sept. 2001.",
    "The filing is dated 2011-07-19; a copy was posted on 3/15/2009.",
    "The ferry resumed service on Aug. 9 after repairs, and the vote is set for October the third.",
    "Talks opened on 21 November in the port city and closed in early September 1987.",
    "The plant will reopen in May of next year, the minister said last December.",
    "Output fell to pre-1990 levels in fiscal 1994, the year 2000 and in nineteen ninety-six.",
    "Growth slowed in the 1980s, in the '90s and through the nineties, unlike the 19th century.",
    "Harvests failed next spring and in the winter of 2001; late summer was dry.",
    "Profit rose in the third quarter of 2010 and the first half, beating the latest quarter.",
    "Sales in the 1999 quarter trailed the year-earlier period by a wide margin.",
    "The next day the envoy left; that same week and the following year talks stalled.",
    "By late afternoon, and earlier in the week, the border was closed over the weekend.",
    "Prices rose last week and will fall at the end of next month, analysts said.",
    "Yesterday morning the army moved; the day after tomorrow it will withdraw tonight.",
    "Shelling resumed late evening yesterday, this morning and again last night.",
    "The summit is set for next Tuesday evening, Wed. or Christmas Eve, not Labor Day 2004.",
    "Marchers gathered on May Day and on Thanksgiving as in New  Year's Day rallies.",
    "The blast came at about 7:30 p.m. EST, a second at 3 am and a third at 14:45 GMT.",
    "The curfew starts at midnight and ends at noon; the bells rang at five o'clock.",
    "Two years ago the mine closed; a few days later it reopened, six months from now it may not.",
    "The ceasefire held for three and a half years after a 10-day war lasting several weeks.",
    "In recent weeks, and for months before, the talks stalled for decades-long reasons.",
    "Inspectors visit every two weeks and each year, twice a month and three times a year.",
    "Vendors close on Sundays and every Friday night, and every March the port floods.",
    "The weekly newspaper and the daily bulletin appear annually or hourly.",
    "Right now the rebels hold the town; recently they lost it, and at the moment they wait.",
    "The mission ends in the near future, currently planned for the short term.",
    # characters IGNORECASE folds to ASCII letters: Kelvin sign, long s, dotless and dotted i
    "The siege lasted two wee\u212as and \u017feveral months; tw\u0131ce a year, T\u0130MES.",
    "NEXT WEEK THE COUNCIL MEETS; TEN YEARS AGO IT DID NOT, AT NOON ON 4 JULY 1990.",
    "No date at all in this sentence about a harbour and its cranes.",
    "",
]


@pytest.fixture(scope="module")
def lexicon() -> TimexLexicon:
    return default_lexicon()


def test_every_rule_has_a_sentence(lexicon: TimexLexicon) -> None:
    unmatched = [
        rule.name for rule in lexicon.rules
        if not any(rule.regex.search(sentence) for sentence in SENTENCES)
    ]
    assert unmatched == []


def test_needs_hold_for_every_match(lexicon: TimexLexicon) -> None:
    """What the prefilter requires is present in the sentence and inside the match itself."""
    for rule in lexicon.rules:
        for sentence in SENTENCES:
            for match in rule.regex.finditer(sentence):
                assert TextAtoms(sentence).allows(rule.needs), (rule.name, sentence)
                assert TextAtoms(match.group(0)).allows(rule.needs), (rule.name, match.group(0))


def test_filtered_candidates_equal_unfiltered(lexicon: TimexLexicon) -> None:
    text = " ".join(SENTENCES)
    for sentence in [*SENTENCES, text, text.upper(), text.lower()]:
        with_filter = find_candidates(sentence, lexicon)
        without = find_candidates(sentence, lexicon, prefilter=False)
        assert [(c.start, c.end, c.rule.name, c.groups) for c in with_filter] == [
            (c.start, c.end, c.rule.name, c.groups) for c in without
        ]


def test_rules_without_their_words_are_skipped(lexicon: TimexLexicon) -> None:
    rules = {rule.name: rule for rule in lexicon.rules}
    plain = TextAtoms("The harbour reopened and the cranes moved again.")
    assert not plain.allows(rules["month"].needs)  # no month name
    assert not plain.allows(rules["oclock"].needs)
    assert not plain.allows(rules["year"].needs)  # no digit
    assert not TextAtoms("may and march are verbs here").allows(rules["month"].needs)
    assert TextAtoms("It rained in May.").allows(rules["month"].needs)
    assert (DIGIT,) in [tuple(clause) for clause in rules["year"].needs]


def test_nothing_certain_means_always_run() -> None:
    assert derive_needs(re.compile(r"(?<![\w\-])(?:.|\s)+")) == ()
    assert derive_needs(re.compile(r"(?:week|)s", re.I)) == (frozenset({("i", "s")}),)
    needs = derive_needs(re.compile(r"(?:(?P<a>early)\s+)?(?-i:May)\s+\d", re.I))
    assert set(needs) == {frozenset({("c", "May")}), frozenset({DIGIT})}


def test_fold_covers_every_character_ignorecase_maps_to_ascii() -> None:
    """Python's re matches a few non-ASCII characters to ASCII letters (the Kelvin sign to k);
    the prefilter folds exactly those, so a folded literal is present whenever a rule matches."""
    everything = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    folded = set(re.findall("[a-z]", everything, re.IGNORECASE))
    for char in folded:
        target = char.translate(FOLD)
        assert target.isascii() and re.fullmatch(target, char, re.IGNORECASE), hex(ord(char))
    assert {chr(c) for c in FOLD} == folded


def _flat(words: list[str], case_sensitive: bool) -> str:
    """The alternation as it was before the grouping, for comparison."""
    parts = [r"\s+".join(re.escape(p) for p in w.split())
             for w in sorted(set(words), key=lambda w: (-len(w), w))]
    body = "|".join(parts)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def test_grouped_alternation_matches_like_the_flat_one(lexicon: TimexLexicon) -> None:
    sections = {name: list(table) for name, table in lexicon.words.items()}
    sections |= {"units": list(lexicon.units), "vague": list(lexicon.vague_numbers),
                 "floating_holidays": list(lexicon.floating_holidays)}
    every_word = [w for words in sections.values() for w in words]
    probe = " ".join([*SENTENCES, *every_word, *(w.upper() for w in every_word),
                      *(w.replace(" ", "  ") + "s" for w in every_word)])
    for name, words in sections.items():
        case = name in CASE_SENSITIVE
        for suffix in ("", r"\b", r"\s+\d"):
            grouped = re.compile(_alternation(words, case) + suffix, re.IGNORECASE)
            flat = re.compile(_flat(words, case) + suffix, re.IGNORECASE)
            assert [m.span() for m in grouped.finditer(probe)] == [
                m.span() for m in flat.finditer(probe)
            ], name


def test_blank_or_non_ascii_words_keep_the_flat_alternation() -> None:
    greek = "\u03c3\u03ae\u03bc\u03b5\u03c1\u03b1"  # a first letter with three case forms
    for words in (["", "day", "days"], ["\u00e9t\u00e9", "day"], [greek]):
        assert _alternation(words, False) == _flat(words, False)
        assert _alternation(words, True) == _flat(words, True)
    assert _alternation(["day", "days"], False) != _flat(["day", "days"], False)

"""Event trigger patterns, loaded from `data/patterns/*.yaml` (and users' files) and validated.

A pattern says: this trigger lemma, with these things hanging on it in the dependency parse,
is this CAMEO event. Keeping them as data lets analysts add the phrasing of their own corpora
without touching code; validating them against the ontology on load means a typo in a code or a
field fails at start-up with the file and line, never as a silent miss at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from communique.errors import ResourceError
from communique.resources.cameo import DATA_DIR, Ontology, default_ontology, line_of
from communique.resources.yamlfile import LineDict, LineList, load_yaml, refuse_unknown_keys

PATTERNS_DIR = DATA_DIR / "patterns"
POS_TAGS = frozenset({"VERB", "NOUN", "ADJ", "PROPN", "AUX"})
FLAGS = frozenset(
    {"reciprocal", "counterpart", "needs_target", "needs_clause", "needs_infinitive"}
)
FIELDS = frozenset(
    {"id", "code", "trigger", "pos", "prep", "complement", "subject", "target", "confidence",
     "flags", "party_code"}
)
#: what a party to the conflict means when it calls for the conflict's end (PLOVER AGREE)
PARTY_CODES = {"0256": "0356", "1056": "0356", "027": "037", "107": "037"}


@dataclass(frozen=True)
class Pattern:
    id: str
    code: str
    trigger: frozenset[str]
    pos: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    complement: frozenset[str] = frozenset()
    subject: frozenset[str] = frozenset()
    target: frozenset[str] = frozenset()
    confidence: float = 0.7
    flags: frozenset[str] = frozenset()
    party_code: str | None = None
    origin: str = ""
    order: int = 0

    @property
    def specificity(self) -> int:
        """Patterns that ask more of the parse win over bare ones on the same trigger."""
        return 4 * bool(self.complement or self.subject) + 2 * bool(self.prep) + bool(self.pos)


#: keys of a patterns file's optional `lexicon:` section (each a list of lemmas but
#: `nominalizations`, a mapping noun -> verb lemma)
LEXICON_KEYS = frozenset(
    {"light_verbs", "receiver_verbs", "support_nouns", "nominalizations", "of_agent_nouns",
     "intent_nouns", "reason_nouns", "engaged_verbs", "culpable_adjectives", "combat_nouns",
     "suffer_verbs", "naming_verbs", "doer_nouns"}
)


@dataclass(frozen=True)
class Lexicon:
    """Word classes the role finder and the matcher share, kept as data.

    - `light_verbs`: verbs that only carry their object noun; the event is the noun and the
      doer the verb's subject ("held talks", "issued a warning", "lodged a protest");
    - `receiver_verbs`: the same with the roles turned round: the subject undergoes the act,
      whose doer is the "from"/"by" object ("received a warning from", "faced criticism");
    - `support_nouns`: objects of a light verb that only announce an act in the clause after
      them ("took *steps* to ease", "made an *effort* to"): that clause's doer is the subject;
    - `nominalizations`: event noun -> the verb whose patterns it fires under a light verb;
    - `of_agent_nouns`: event nouns whose "of" object is the doer or the doer's own forces
      ("the arrival of the envoy", "the deployment of Kenyan troops": Kenya deploys);
    - `intent_nouns`: nouns whose infinitive is an act agreed, promised or planned, not done
      ("an agreement *to withdraw*": intent, AGREE);
    - `reason_nouns`: nouns of "in protest at", "in retaliation for": why another act was done;
    - `engaged_verbs`: verbs whose passive subject does the noun after "in" ("were engaged in
      fighting");
    - `culpable_adjectives`: adjectives whose "of"/"for" gerund is an act of the one they
      describe ("guilty of violating");
    - `combat_nouns`: nouns of a fight between two sides ("after days of fighting with X");
    - `suffer_verbs`: verbs whose subject undergoes what the noun under them names ("died under
      torture");
    - `naming_verbs`: verbs that, with an object and a predicate noun, only name something
      ("*calling* the step a violation"), never an act of their own (an appeal, a call);
    - `doer_nouns`: nouns that name people by the act they do ("rioters", "strikers"): as
      triggers they are their own doers, unnamed unless an actor modifies them.
    """

    light_verbs: frozenset[str] = frozenset()
    receiver_verbs: frozenset[str] = frozenset()
    support_nouns: frozenset[str] = frozenset()
    nominalizations: dict[str, str] = field(default_factory=dict)
    of_agent_nouns: frozenset[str] = frozenset()
    intent_nouns: frozenset[str] = frozenset()
    reason_nouns: frozenset[str] = frozenset()
    engaged_verbs: frozenset[str] = frozenset()
    culpable_adjectives: frozenset[str] = frozenset()
    combat_nouns: frozenset[str] = frozenset()
    suffer_verbs: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    doer_nouns: frozenset[str] = frozenset()

    def merged(self, other: Lexicon) -> Lexicon:
        """A user file adds words to the built-in classes; it never removes any."""
        words = {key: getattr(self, key) | getattr(other, key)
                 for key in LEXICON_KEYS - {"nominalizations"}}
        return Lexicon(nominalizations={**self.nominalizations, **other.nominalizations}, **words)


@dataclass(frozen=True)
class PatternSet:
    patterns: tuple[Pattern, ...]
    by_lemma: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    lexicon: Lexicon = field(default_factory=Lexicon)

    def candidates(self, lemma: str) -> tuple[Pattern, ...]:
        return self.by_lemma.get(lemma, ())

    def __len__(self) -> int:
        return len(self.patterns)


PATTERN_FIX = "fix the pattern entry (see docs/events.md)."


def _fail(path: Path, line: int, message: str) -> ResourceError:
    return ResourceError(f"{path}:{line}: {message}", PATTERN_FIX)


def _words(path: Path, line: int, value: Any, what: str, sets: dict[str, frozenset[str]]
           ) -> frozenset[str]:
    """A list of lemmas, with $NAME expanded from the file's sets; lower-cased."""
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(path, line, f"'{what}' must be a list of words.")
    words: set[str] = set()
    for item in value:
        if item.startswith("$"):
            if item[1:] not in sets:
                raise _fail(path, line, f"'{what}' refers to an undefined set {item}.")
            words |= sets[item[1:]]
        else:
            words.add(item.lower())
    return frozenset(words)


def _read_sets(path: Path, raw: Any) -> dict[str, frozenset[str]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise _fail(path, line_of(raw), "'sets' must map NAME -> [lemmas].")
    return {str(k): _words(path, line_of(raw, k), v, f"sets.{k}", {}) for k, v in raw.items()}


def _read_pattern(path: Path, raw: Any, line: int, sets: dict[str, frozenset[str]],
                  ontology: Ontology, order: int) -> Pattern:
    if not isinstance(raw, dict):
        raise _fail(path, line, "each pattern must be a mapping with id, code and trigger.")
    refuse_unknown_keys(path, line, raw, FIELDS, "pattern", PATTERN_FIX)
    pid, code = raw.get("id"), raw.get("code")
    if not isinstance(pid, str) or not pid:
        raise _fail(path, line, "a pattern needs a string 'id'.")
    if not isinstance(code, str) or code not in ontology:
        raise _fail(path, line, f"pattern {pid}: code {code!r} is not a CAMEO code (quote it).")
    trigger = _words(path, line, raw.get("trigger"), "trigger", sets)
    if not trigger:
        raise _fail(path, line, f"pattern {pid}: 'trigger' needs at least one lemma.")
    pos = frozenset(str(p).upper() for p in raw.get("pos") or [])
    if pos - POS_TAGS:
        raise _fail(path, line, f"pattern {pid}: pos must be among {sorted(POS_TAGS)}.")
    flags = frozenset(raw.get("flags") or [])
    if flags - FLAGS:
        raise _fail(path, line, f"pattern {pid}: unknown flag(s) {sorted(flags - FLAGS)}.")
    confidence = raw.get("confidence", 0.7)
    if not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        raise _fail(path, line, f"pattern {pid}: confidence must be a number in 0..1.")
    party_code = raw.get("party_code", PARTY_CODES.get(code))
    if party_code is not None and party_code not in ontology:
        raise _fail(path, line, f"pattern {pid}: party_code {party_code!r} is not a CAMEO code.")
    return Pattern(
        id=pid, code=code, trigger=trigger, pos=pos,
        prep=_words(path, line, raw.get("prep"), "prep", sets),
        complement=_words(path, line, raw.get("complement"), "complement", sets),
        subject=_words(path, line, raw.get("subject"), "subject", sets),
        target=_words(path, line, raw.get("target"), "target", sets),
        confidence=float(confidence), flags=flags, party_code=party_code,
        origin=f"{path.name}:{line}", order=order,
    )


def read_lexicon(path: Path, raw: Any, sets: dict[str, frozenset[str]]) -> Lexicon:
    """The optional `lexicon:` section of a patterns file (see Lexicon)."""
    if raw is None:
        return Lexicon()
    if not isinstance(raw, dict):
        raise _fail(path, line_of(raw), "'lexicon' must map a word class to its words.")
    unknown = sorted(set(raw) - LEXICON_KEYS)
    refuse_unknown_keys(path, line_of(raw, unknown[0]) if unknown else None, raw, LEXICON_KEYS,
                        "lexicon", PATTERN_FIX)
    nominal = raw.get("nominalizations") or {}
    if not isinstance(nominal, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and k and v for k, v in nominal.items()):
        raise _fail(path, line_of(raw, "nominalizations"),
                    "'nominalizations' must map a noun to a verb lemma.")
    words = {key: _words(path, line_of(raw, key), raw.get(key), f"lexicon.{key}", sets)
             for key in LEXICON_KEYS - {"nominalizations"}}
    return Lexicon(nominalizations={k.lower(): v.lower() for k, v in nominal.items()}, **words)


def read_pattern_file(path: Path, ontology: Ontology | None = None, start: int = 0
                      ) -> list[Pattern]:
    """Read one patterns file; every error names the file and line."""
    ontology = ontology or default_ontology()
    data = load_yaml(path)
    if not isinstance(data, LineDict) or not isinstance(data.get("patterns"), LineList):
        raise _fail(path, 1, "the file needs a top-level 'patterns:' list (and optional 'sets').")
    sets = _read_sets(path, data.get("sets"))
    items: LineList = data["patterns"]
    return [
        _read_pattern(path, raw, items.item_lines[i], sets, ontology, start + i)
        for i, raw in enumerate(items)
    ]


def read_file_lexicon(path: Path) -> Lexicon:
    """The lexicon section of one patterns file (empty when it has none)."""
    data = load_yaml(path)
    if not isinstance(data, LineDict):
        return Lexicon()
    return read_lexicon(path, data.get("lexicon"), _read_sets(path, data.get("sets")))


def build_pattern_set(patterns: Sequence[Pattern], sources: Iterable[str] = (),
                      lexicon: Lexicon | None = None) -> PatternSet:
    """Index patterns by trigger lemma; duplicate ids are an error (rule ids must be unique)."""
    seen: dict[str, str] = {}
    index: dict[str, list[Pattern]] = {}
    for pattern in patterns:
        if pattern.id in seen:
            raise ResourceError(
                f"{pattern.origin}: pattern id '{pattern.id}' is already used at "
                f"{seen[pattern.id]}.", "give each pattern its own id.")
        seen[pattern.id] = pattern.origin
        for lemma in pattern.trigger:
            index.setdefault(lemma, []).append(pattern)
    by_lemma = {
        lemma: tuple(sorted(found, key=lambda p: (-p.specificity, p.order)))
        for lemma, found in index.items()
    }
    return PatternSet(tuple(patterns), by_lemma, tuple(sources), lexicon or Lexicon())


def load_patterns(extra: Iterable[Path] = (), ontology: Ontology | None = None,
                  builtin: bool = True) -> PatternSet:
    """The built-in patterns (unless builtin=False) followed by the users' files."""
    paths = (sorted(PATTERNS_DIR.glob("*.yaml")) if builtin else []) + [Path(p) for p in extra]
    patterns: list[Pattern] = []
    lexicon = Lexicon()
    for path in paths:
        patterns.extend(read_pattern_file(path, ontology, start=len(patterns)))
        lexicon = lexicon.merged(read_file_lexicon(path))
    return build_pattern_set(patterns, (str(p) for p in paths), lexicon)


@lru_cache(maxsize=1)
def default_patterns() -> PatternSet:
    """The built-in pattern set, loaded once per process."""
    return load_patterns()

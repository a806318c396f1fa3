"""Article themes (ceasefire, negotiations, sanctions, ...) as data: `data/themes.yaml`.

A theme holds when the article's events carry one of its CAMEO code prefixes or PLOVER types, or
when its keywords occur often enough in the text. Keeping the lists as data lets analysts tune
themes to their corpus without touching code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import get_args

from communique.models import PloverType
from communique.resources.yamlfile import LineDict, load_yaml, resource_error

THEMES_FILE = Path(__file__).resolve().parent / "data" / "themes.yaml"
_FIX = "each theme is a mapping with optional lists 'cameo', 'plover' and 'keywords'."
_KEYS = {"cameo", "plover", "keywords"}


@dataclass(frozen=True)
class Theme:
    name: str
    cameo_prefixes: tuple[str, ...]
    plover_types: frozenset[str]
    keywords: re.Pattern[str] | None

    def keyword_hits(self, text: str) -> int:
        return len(self.keywords.findall(text)) if self.keywords else 0

    def matches_event(self, cameo: str, plover_type: str) -> bool:
        return plover_type in self.plover_types or cameo.startswith(self.cameo_prefixes)


@dataclass(frozen=True)
class ThemeTable:
    themes: tuple[Theme, ...]
    min_keyword_hits: int

    def assign(self, text: str, events: Iterable[tuple[str, str]]) -> list[str]:
        """Themes of an article from its text and its events' (CAMEO code, PLOVER type) pairs."""
        events = list(events)
        found = []
        for theme in self.themes:
            by_event = any(theme.matches_event(cameo, plover) for cameo, plover in events)
            if by_event or theme.keyword_hits(text) >= self.min_keyword_hits:
                found.append(theme.name)
        return found


def _keyword_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _theme(path: Path, name: str, spec: object, line: int) -> Theme:
    if not isinstance(spec, LineDict) or not set(spec) <= _KEYS:
        raise resource_error(path, line, f"theme '{name}' is malformed.", _FIX)
    lists = {key: spec.get(key) or [] for key in _KEYS}
    for key, values in lists.items():
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise resource_error(path, spec.line_of(key), f"theme '{name}': '{key}' must be a "
                                 "list of non-empty strings.", _FIX)
    unknown = set(lists["plover"]) - set(get_args(PloverType))
    if unknown:
        raise resource_error(path, spec.line_of("plover"),
                             f"theme '{name}': unknown PLOVER types {sorted(unknown)}.", _FIX)
    bad_codes = [c for c in lists["cameo"] if not re.fullmatch(r"\d{2,4}", c)]
    if bad_codes:
        raise resource_error(path, spec.line_of("cameo"),
                             f"theme '{name}': CAMEO codes must be 2-4 digits: {bad_codes}.", _FIX)
    return Theme(name, tuple(lists["cameo"]), frozenset(lists["plover"]),
                 _keyword_pattern(lists["keywords"]))


def load_themes_file(path: Path) -> ThemeTable:
    data = load_yaml(path)
    if not isinstance(data, LineDict) or not isinstance(data.get("themes"), LineDict):
        raise resource_error(path, 1, "expected a mapping with a 'themes' mapping.", _FIX)
    hits = data.get("min_keyword_hits", 2)
    if not isinstance(hits, int) or hits < 1:
        raise resource_error(path, data.line_of("min_keyword_hits"),
                             "'min_keyword_hits' must be a positive integer.", _FIX)
    themes = data["themes"]
    return ThemeTable(
        tuple(_theme(path, name, spec, themes.line_of(name)) for name, spec in themes.items()),
        hits,
    )


@lru_cache(maxsize=1)
def theme_table() -> ThemeTable:
    return load_themes_file(THEMES_FILE)

"""The CAMEO/PLOVER ontology, loaded from `data/cameo.yaml` and checked on load.

The event coder, the writers and the evaluation all need the same facts about a code (its label,
Goldstein score, quad class, PLOVER type and mode), so they live once, as data, and every consumer
asks this immutable lookup. A malformed file raises ResourceError naming the file and line, so an
edited ontology fails loudly at start-up instead of silently mis-coding.

Files are read with the project's one line-aware YAML reader (`resources.yamlfile`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from communique.errors import ResourceError
from communique.resources.yamlfile import LineDict, load_yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
CAMEO_FILE = DATA_DIR / "cameo.yaml"
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
_CODE_RE = re.compile(r"^\d{2,4}$")


def line_of(container: Any, key: Any = None) -> int:
    """The line of a key of a LineDict (or of the container itself); 0 when unknown."""
    if key is not None and isinstance(container, LineDict):
        return container.key_lines.get(key, container.line)
    return int(getattr(container, "line", 0))


@dataclass(frozen=True)
class CameoCode:
    code: str
    label: str
    goldstein: float | None
    quad: int
    plover: str | None
    mode: str | None
    context: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class Ontology:
    """CAMEO codes by code, and the PLOVER types with their modes."""

    codes: dict[str, CameoCode]
    plover_modes: dict[str, tuple[str, ...]]
    source: str

    def get(self, code: str) -> CameoCode | None:
        return self.codes.get(code)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def roots(self) -> list[str]:
        return sorted({c.root for c in self.codes.values()})


def _fail(path: Path, line: int, message: str) -> ResourceError:
    return ResourceError(f"{path}:{line}: {message}", "fix the entry in the ontology file.")


def _read_types(path: Path, raw: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise _fail(path, line_of(raw), "'plover_types' must be a mapping of type -> modes.")
    types: dict[str, tuple[str, ...]] = {}
    for name, entry in raw.items():
        line = line_of(raw, name)
        if name not in PLOVER_TYPES:
            raise _fail(path, line, f"unknown PLOVER type '{name}'.")
        modes = entry.get("modes", []) if isinstance(entry, dict) else None
        if not isinstance(modes, list) or not all(isinstance(m, str) for m in modes):
            raise _fail(path, line, f"PLOVER type '{name}' needs 'modes: [..]' (strings).")
        types[name] = tuple(modes)
    missing = set(PLOVER_TYPES) - set(types)
    if missing:
        raise _fail(path, line_of(raw), f"PLOVER types missing: {sorted(missing)}.")
    return types


def _read_code(path: Path, code: Any, entry: Any, line: int, types: dict[str, tuple[str, ...]]
               ) -> CameoCode:
    if not isinstance(code, str) or not _CODE_RE.match(code):
        raise _fail(path, line, f"CAMEO code {code!r} must be a quoted string of 2-4 digits.")
    if not isinstance(entry, dict) or not isinstance(entry.get("label"), str):
        raise _fail(path, line, f"code {code} needs a mapping with a 'label'.")
    goldstein = entry.get("goldstein")
    numeric = isinstance(goldstein, int | float) and -10 <= goldstein <= 10
    if goldstein is not None and not numeric:
        raise _fail(path, line, f"code {code}: goldstein must be a number in -10..10 or null.")
    quad = entry.get("quad")
    if quad not in (1, 2, 3, 4):
        raise _fail(path, line, f"code {code}: quad must be 1, 2, 3 or 4.")
    plover, mode = entry.get("plover"), entry.get("mode")
    if plover is not None and plover not in types:
        raise _fail(path, line, f"code {code}: unknown PLOVER type {plover!r}.")
    if mode is not None and (plover is None or mode not in types[plover]):
        raise _fail(path, line, f"code {code}: mode {mode!r} is not a mode of {plover}.")
    return CameoCode(code, entry["label"], goldstein, quad, plover, mode, entry.get("context"))


def load_ontology(path: Path = CAMEO_FILE) -> Ontology:
    """Read and validate an ontology file (see data/cameo.yaml for the format)."""
    data = load_yaml(path)
    if not isinstance(data, dict) or "codes" not in data or "plover_types" not in data:
        raise _fail(path, 1, "the file needs top-level 'plover_types' and 'codes'.")
    types = _read_types(path, data["plover_types"])
    raw_codes = data["codes"]
    if not isinstance(raw_codes, dict):
        raise _fail(path, line_of(data, "codes"), "'codes' must be a mapping.")
    codes: dict[str, CameoCode] = {}
    for code, entry in raw_codes.items():
        line = line_of(raw_codes, code)
        codes[str(code)] = _read_code(path, code, entry, line, types)
    for code in codes:
        if len(code) > 2 and code[:2] not in codes:
            raise _fail(path, line_of(raw_codes, code), f"code {code} has no root {code[:2]}.")
    return Ontology(codes=codes, plover_modes=types, source=str(path))


@lru_cache(maxsize=1)
def default_ontology() -> Ontology:
    """The built-in ontology, loaded once per process."""
    return load_ontology(CAMEO_FILE)

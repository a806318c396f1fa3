"""Reading PETRARCH/TABARI `.actors` dictionaries into the project's actor entries.

Researchers hold years of work in these files, so `--actors file.actors` reads them directly
and `communique actors import` converts them to the YAML schema. The format::

    PHRASE_WORDS_  [DEFAULT_CODE]   ; comment        a record: primary phrase, optional code
    +SYNONYM_PHRASE_                                  synonyms
    <tab>[USAGOV 20090120-20170120]                   dated codes: <date, >date, date-date
    <tab>[USAELI >170120]                             dates are YYYYMMDD or YYMMDD

Limits of a restriction are inclusive, as in PETRARCH. Comments: `#`, `;`, `<!-- -->`.
A malformed line is a ResourceError with file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from communique.models import ActorKind
from communique.resources.actors import (
    SECTORS,
    TRANSNATIONAL_ROOTS,
    ActorEntry,
    Role,
)
from communique.resources.countries import CountryTable
from communique.resources.yamlfile import resource_error

CODE_RE = re.compile(r"\[([^\]\s]+)(?:\s+([^\]]*))?\]")
ONE_DAY = dt.timedelta(days=1)
FIX = "see the PETRARCH actor dictionary format in docs/dictionaries.md."


def _strip_comments(line: str) -> str:
    line = re.sub(r"<!--.*?-->", "", line)
    for mark in ("#", ";"):
        if mark in line:
            line = line[: line.index(mark)]
    return line.rstrip()


def _phrase(raw: str) -> str:
    words = [w for w in raw.replace("_", " ").split() if w]
    return " ".join(w if (len(w) <= 3 and w.isupper() and "." not in w) else w.capitalize()
                    for w in words)


def _parse_date(text: str, path: Path, line: int) -> dt.date:
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise resource_error(path, line, f"bad date {text!r} (YYYYMMDD or YYMMDD).", FIX)
    if len(digits) == 6:
        year = int(digits[:2])
        digits = ("20" if year <= 30 else "19") + digits
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError as exc:
        raise resource_error(path, line, f"bad date {text!r}: {exc}.", FIX) from exc


def _role(code: str, restriction: str | None, path: Path, line: int,
          table: CountryTable) -> Role:
    root = code[:3]
    country = root if table.by_iso3(root) and root not in TRANSNATIONAL_ROOTS else None
    sector = code[3:6] if country and code[3:6] in SECTORS else None
    start = until = None
    text = (restriction or "").strip()
    if text.startswith("<"):
        until = _parse_date(text[1:], path, line) + ONE_DAY
    elif text.startswith(">"):
        start = _parse_date(text[1:], path, line)
    elif "-" in text:
        first, last = text.split("-", 1)
        start, until = _parse_date(first, path, line), _parse_date(last, path, line) + ONE_DAY
    elif text:
        raise resource_error(path, line, f"bad date restriction {text!r}.", FIX)
    return Role(code=code, country=country, sector=sector, start=start, until=until)


def _entry(name: str, aliases: list[str], code: str | None, roles: list[Role],
           table: CountryTable, source: str) -> ActorEntry:
    root = (code or (roles[0].code if roles else "") or "")[:3]
    kind: ActorKind
    if code and len(code) == 3 and table.by_iso3(code):
        kind = "country"
    elif root in ("IGO",):
        kind = "igo"
    elif root in TRANSNATIONAL_ROOTS:
        kind = "organization"
    else:
        kind = "person" if roles else "organization"
    country = root if table.by_iso3(root) and root not in TRANSNATIONAL_ROOTS else None
    sector = code[3:6] if code and country and code[3:6] in SECTORS else None
    return ActorEntry(name=name, kind=kind, aliases=tuple(aliases), code=code, country=country,
                      sector=sector, roles=tuple(roles), source=source)


def read_petrarch_actors(path: Path, table: CountryTable) -> list[ActorEntry]:
    """Parse a `.actors` file; every record becomes one ActorEntry."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise resource_error(path, None, f"cannot read ({exc}).", "check the path.") from exc
    entries: list[ActorEntry] = []
    current: dict | None = None

    def flush() -> None:
        if current is not None:
            entries.append(_entry(current["name"], current["aliases"], current["code"],
                                  current["roles"], table, f"{path.name}:{current['line']}"))

    for number, raw in enumerate(lines, start=1):
        line = _strip_comments(raw)
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("+"):
            if current is None:
                raise resource_error(path, number, "a synonym before any actor.", FIX)
            current["aliases"].append(_phrase(CODE_RE.sub("", stripped[1:])))
        elif line[0].isspace() and stripped.startswith("["):
            if current is None:
                raise resource_error(path, number, "a date restriction before any actor.", FIX)
            for code, restriction in CODE_RE.findall(stripped):
                current["roles"].append(_role(code.upper(), restriction, path, number, table))
        else:
            flush()
            match = CODE_RE.search(stripped)
            name = _phrase(CODE_RE.sub("", stripped))
            if not name:
                raise resource_error(path, number, f"no actor phrase in {stripped!r}.", FIX)
            current = {"name": name, "aliases": [], "line": number, "roles": [],
                       "code": match.group(1).upper() if match else None}
    flush()
    return entries


def entries_to_yaml(entries: list[ActorEntry]) -> str:
    """The project's YAML schema for converted entries (what `actors import` writes)."""
    import yaml

    out = []
    for entry in entries:
        item: dict[str, object] = {"name": entry.name, "kind": entry.kind}
        if entry.aliases:
            item["aliases"] = list(entry.aliases)
        if entry.code:
            item["code"] = entry.code
        if entry.country:
            item["country"] = entry.country
        if entry.sector:
            item["sector"] = entry.sector
        if entry.roles:
            item["roles"] = [{k: v for k, v in (("code", r.code), ("from", r.start),
                                                  ("until", r.until)) if v is not None}
                             for r in entry.roles]
        out.append(item)
    return yaml.safe_dump(out, sort_keys=False, allow_unicode=True)

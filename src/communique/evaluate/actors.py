"""Score the actors stage on the actor and recipient annotations of the PLOVER gold sentences.

Reader: `plover_gsr_cameo_manual.jsonl` lines carry `text` and `actor`/`recipient` lists of
`{"text", "code", "sector"}`; each annotation is located in the sentence by its text (the part
before an elided "..." when the annotators elided words).

Scorer: a gold annotation is *found* when an actor of the record has a mention overlapping its
span. Its *country* is right when the actor's country equals the gold code (the gold uses a few
old CAMEO roots, mapped to ISO: JAP->JPN, ITL->ITA, VTN->VNM); for transnational gold roots
(IGO, NGO, IMG, ISM, ...) when the actor has no country and a code of that root (ISM, the
Muslim identity root, accepts any state-less code). Its *sector* is right when the first three
letters of the gold sector equal the actor's sector, null equal to null; "***" (unknown) is not
scored. Annotations that are not found count as wrong in both shares.

Held-out check: every figure is also reported on two deterministic halves of the gold, split by
a hash of the sentence id (`half_of`). Half A is the one looked at while developing; half B is
not, so the gap between "country A" and "country B" estimates how much a change overfits.
Listed errors carry their half ("[A]", "[B]") so that development can stay on A.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from communique.document import Document
from communique.errors import InputNotFoundError, ResourceError
from communique.evaluate.common import (
    HALVES,
    cut_pipeline,
    half_suffixes,
    overlap,
    sha1_half,
    split_half_path,
)
from communique.evaluate.metrics import EvalReport
from communique.models import Actor, ArticleRecord

if TYPE_CHECKING:
    from communique.pipeline import Pipeline

OLD_CAMEO_ROOTS = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "SER": "SRB", "ROM": "ROU"}
TRANSNATIONAL = frozenset({"IGO", "NGO", "NGM", "IMG", "INT", "MNC", "UIS", "ISM"})


@dataclass(frozen=True)
class GoldActor:
    start: int
    end: int
    text: str
    code: str | None
    sector: str | None
    role: str  # "actor" or "recipient"


@dataclass
class GoldSentence:
    id: str
    text: str
    actors: list[GoldActor] = field(default_factory=list)


def _locate(text: str, mention: str) -> tuple[int, int] | None:
    piece = mention.split("...")[0].strip() or mention.strip()
    start = text.find(piece)
    if start < 0:
        start = text.lower().find(piece.lower())
    return (start, start + len(piece)) if start >= 0 else None


def read_gold_actors(path: Path, limit: int | None = None) -> Iterator[GoldSentence]:
    """Gold sentences with their located actor/recipient annotations."""
    if not Path(path).exists():
        raise InputNotFoundError(f"gold file not found: {path}")
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if limit is not None and number > limit:
                return
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ResourceError(f"{path}:{number}: invalid JSON ({exc}).",
                                    "fix the gold line.") from exc
            sentence = GoldSentence(id=str(row.get("id", number)), text=row["text"])
            for role in ("actor", "recipient"):
                for item in row.get(role) or []:
                    if not item.get("text") or not item.get("code"):
                        continue
                    span = _locate(sentence.text, item["text"])
                    if span is not None:
                        sentence.actors.append(GoldActor(span[0], span[1], item["text"],
                                                         item["code"], item.get("sector"), role))
            yield sentence


def _actor_at(record: ArticleRecord, start: int, end: int) -> Actor | None:
    best: tuple[int, Actor] | None = None
    for actor in record.actors:
        for m in actor.mentions:
            shared = overlap(start, end, m.start, m.end)
            if shared > 0 and (best is None or shared > best[0]):
                best = (shared, actor)
    return best[1] if best else None


def half_of(sentence_id: str) -> str:
    """'A' or 'B': a stable split of the gold by the SHA-1 of the sentence id."""
    return sha1_half(sentence_id)


#: the stages actors depend on; the others cannot change them and are left out of the run
ACTOR_STAGES = frozenset({"language", "nlp", "actors"})


def actors_pipeline(pipeline: Pipeline) -> Pipeline:
    """The pipeline cut to the stages the actors depend on (faster; an unrelated failure
    cannot turn the sentence into an error record and hide its actors)."""
    return cut_pipeline(pipeline, "actors", ACTOR_STAGES)


def _count(report: EvalReport, name: str, half: str, ok: bool) -> None:
    for key in (name + suffix for suffix in half_suffixes(half, sep=" ")):
        report.share(key).total += 1
        report.share(key).right += ok


def country_right(gold_code: str, actor: Actor | None) -> bool:
    if actor is None:
        return False
    root = OLD_CAMEO_ROOTS.get(gold_code[:3], gold_code[:3])
    if root in TRANSNATIONAL:
        if actor.country is not None:
            return False
        return root == "ISM" or (actor.code or "").startswith(root)
    return actor.country == root


#: older spellings of a sector in gold files, read as the current code
GOLD_SECTOR_SPELLINGS = {"CIV": "CVL"}


def sector_right(gold_sector: str | None, actor: Actor | None) -> bool | None:
    """None when the gold sector is unknown ("***") and so not scored."""
    if gold_sector is not None and gold_sector.startswith("*"):
        return None
    if actor is None:
        return False
    gold = gold_sector[:3].upper() if gold_sector else None
    return GOLD_SECTOR_SPELLINGS.get(gold or "", gold) == actor.sector


def evaluate_actors(gold_path: Path, pipeline: Pipeline, limit: int | None = None,
                    collect_errors: bool = False) -> EvalReport:
    """Country and sector accuracy of the actors found on the gold actor spans.

    A path ending in #A or #B scores that development half only."""
    gold_path, only = split_half_path(Path(gold_path))
    report = EvalReport(task="actors", gold_path=str(gold_path))
    for name in ("found", "country", "sector"):
        for key in (name, *(f"{name} {half}" for half in HALVES)):
            report.share(key)
    sentences = [s for s in read_gold_actors(gold_path, None)
                 if only is None or half_of(s.id) == only][: limit if limit is not None else None]
    docs = [Document(id=s.id, text=s.text) for s in sentences]
    records = actors_pipeline(pipeline).code_many(docs)
    for sentence, record in zip(sentences, records, strict=True):
        report.documents += 1
        half = half_of(sentence.id)
        for gold in sentence.actors:
            actor = _actor_at(record, gold.start, gold.end)
            _count(report, "found", half, actor is not None)
            country_ok = country_right(gold.code or "", actor)
            _count(report, "country", half, country_ok)
            sector_ok = sector_right(gold.sector, actor)
            if sector_ok is not None:
                _count(report, "sector", half, sector_ok)
            if collect_errors and (not country_ok or sector_ok is False):
                got = (f"{actor.name} country={actor.country} sector={actor.sector} "
                       f"code={actor.code}" if actor else "not found")
                report.errors.append(f"[{half}] {sentence.id} {gold.role} '{gold.text}' gold="
                                     f"{gold.code}/{gold.sector}: got {got}")
    report.notes.append("A and B: halves of the gold split by a hash of the sentence id; "
                        "A was looked at while developing, B was not.")
    report.notes.append("published dates are absent in this gold: people code by their "
                        "title in the text, else by their role today.")
    return report


evaluate = evaluate_actors

"""Pipeline: ordered stages, a requires/assigns check at build time, per-document error handling.

A document that fails in any stage becomes an error record and leaves the batch; the others go on.
Stages that can work on many documents at once (spaCy's `nlp.pipe`) offer `pipe()`; if a batch
fails there, the pipeline retries its documents one by one so that only the bad one is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice

from communique.config import Settings
from communique.document import Document, error_record
from communique.errors import CommuniqueError, PipelineError
from communique.models import ArticleRecord
from communique.stages.base import INGESTED, Stage

log = logging.getLogger(__name__)


class Pipeline:
    def __init__(self, stages: Sequence[Stage], settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.stages: tuple[Stage, ...] = tuple(stages)
        check_chain(self.stages)

    @classmethod
    def default(cls, settings: Settings | None = None) -> Pipeline:
        """The standard pipeline: language, nlp, dates, places, actors, quotes, events, tone."""
        from communique.stages import default_stages

        settings = settings or Settings()
        return cls(default_stages(settings), settings)

    @property
    def stage_names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def code(self, doc: Document) -> ArticleRecord:
        """Code one document; never raises for a bad document, returns an error record instead."""
        return next(self.code_many([doc]))

    def code_many(self, docs: Iterable[Document | ArticleRecord]) -> Iterator[ArticleRecord]:
        """Code documents in input order, in batches. Error records given in pass through."""
        items = iter(docs)
        while batch := list(islice(items, self.settings.batch_size)):
            yield from self._code_batch(batch)

    def _code_batch(self, batch: list[Document | ArticleRecord]) -> list[ArticleRecord]:
        failures: dict[int, ArticleRecord] = {}
        live = [d for d in batch if isinstance(d, Document)]
        for stage in self.stages:
            live = self._run_stage(stage, live, failures)
        coded = {id(doc): doc.to_record() for doc in live}
        out: list[ArticleRecord] = []
        for item in batch:
            if isinstance(item, ArticleRecord):
                out.append(item)
            else:
                out.append(failures.get(id(item)) or coded[id(item)])
        return out

    def _run_stage(
        self, stage: Stage, docs: list[Document], failures: dict[int, ArticleRecord]
    ) -> list[Document]:
        runnable = [d for d in docs if _speaks(stage, d)]
        runnable_ids = {id(d) for d in runnable}
        for doc in docs:
            if not _speaks(stage, doc):
                doc.warn(
                    f"language '{doc.language}' is not coded: stage '{stage.name}' skipped "
                    f"(coded languages: {', '.join(sorted(stage.languages or ()))})."
                )
        pipe: Callable[[list[Document]], list[Document]] | None = getattr(stage, "pipe", None)
        if pipe is not None and len(runnable) > 1:
            try:
                pipe(runnable)
                return docs
            except Exception:  # noqa: BLE001 - isolate the bad document below, one by one
                log.warning("stage %s failed on a batch; retrying one by one", stage.name)
        kept: list[Document] = []
        for doc in docs:
            if id(doc) in runnable_ids:
                try:
                    stage(doc)
                except Exception as exc:  # noqa: BLE001 - one bad document never stops a batch
                    failures[id(doc)] = _failure_record(doc, stage, exc)
                    continue
            kept.append(doc)
        return kept


def _speaks(stage: Stage, doc: Document) -> bool:
    return stage.languages is None or doc.language is None or doc.language in stage.languages


def _failure_record(doc: Document, stage: Stage, exc: Exception) -> ArticleRecord:
    if isinstance(exc, CommuniqueError):
        message = str(exc)
    else:
        log.exception("stage %s failed on document %s", stage.name, doc.id)
        message = (
            f"[E599] internal error in stage '{stage.name}': {type(exc).__name__}: {exc}. "
            "Fix: please report it with the document."
        )
    return error_record(
        doc.id,
        message,
        title=doc.title,
        url=doc.url,
        published=doc.published.isoformat() if doc.published else None,
    )


def check_chain(stages: Sequence[Stage]) -> None:
    """Raise PipelineError unless every stage's requirements are assigned by ingest or earlier."""
    available = set(INGESTED)
    names: set[str] = set()
    for stage in stages:
        if stage.name in names:
            raise PipelineError(f"stage '{stage.name}' appears twice.", "list each stage once.")
        names.add(stage.name)
        missing = set(stage.requires) - available
        if missing:
            raise PipelineError(
                f"stage '{stage.name}' requires {sorted(missing)}, which no earlier stage assigns.",
                "put the stages that assign them before it.",
            )
        available |= set(stage.assigns)

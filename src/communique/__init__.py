"""communique: political event data from news, coded in CAMEO and PLOVER, with its evidence.

    >>> from communique import code
    >>> record = code("Russia said on Monday it was open to talks.", published="2024-12-09")
"""

from __future__ import annotations

import datetime as dt
import functools

from communique.config import Settings, load_settings
from communique.document import Document
from communique.errors import CommuniqueError
from communique.models import SCHEMA_VERSION, ArticleRecord, record_json_schema
from communique.pipeline import Pipeline

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "ArticleRecord",
    "CommuniqueError",
    "Document",
    "Pipeline",
    "Settings",
    "__version__",
    "code",
    "load_settings",
    "record_json_schema",
]


@functools.lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    return Pipeline.default(Settings())


def code(
    text: str,
    published: str | dt.date | None = None,
    *,
    title: str | None = None,
    doc_id: str | None = None,
    pipeline: Pipeline | None = None,
) -> ArticleRecord:
    """Code one text into an article record (the default pipeline is built once and reused)."""
    from communique.document import error_record
    from communique.stages.ingest import make_document, parse_published, stable_id

    pipeline = pipeline or _default_pipeline()
    when = published if isinstance(published, dt.date) else parse_published(published, "<text>")
    try:
        doc = make_document(
            text, "<text>", pipeline.settings.max_chars, doc_id=doc_id, title=title, published=when
        )
    except CommuniqueError as exc:
        return error_record(doc_id or stable_id(text), str(exc), title=title)
    return pipeline.code(doc)

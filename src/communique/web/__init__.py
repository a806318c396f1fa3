"""The HTTP API and the offline dashboard over a communique store (`communique serve`)."""

from __future__ import annotations

from communique.web.app import create_app

__all__ = ["create_app"]

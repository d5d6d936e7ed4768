"""The privacy office's web service: FastAPI app factory and the REST API under /api/v1.

A thin layer over :mod:`cityprivacy.govern`, like the CLI: each route parses its input,
calls the office in one unit of work (one transaction) for the caller, and renders the
answer; every error has the body ``{"error": {"code", "message", "field"}}``.
"""

from __future__ import annotations

from cityprivacy.web.app import API_PREFIX, OPENAPI_URL, create_app

__all__ = ["API_PREFIX", "OPENAPI_URL", "create_app"]

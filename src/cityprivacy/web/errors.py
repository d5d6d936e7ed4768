"""Every error the API answers, in one envelope: ``{"error": {"code", "message", "field"}}``.

The one place where the exception tree of :mod:`cityprivacy.errors` meets HTTP:

==========================  ======  ==================
error                       status  code
==========================  ======  ==================
AuthenticationError         401     unauthorized
RuleViolationError          422     rule_violation
WorkflowError               409     workflow_error
ConflictError               409     conflict
NotFoundError               404     not_found
PermissionDeniedError       403     forbidden
ConfigurationError          503     not_configured
InputError, unknown type    422     invalid_input
request validation          422     invalid_input
other CityPrivacyError      400     bad_request
unexpected                  500     internal_error
==========================  ======  ==================

``field`` names the input at fault when there is one: the office's messages start with it
(``"record_count: must not be negative"``), and FastAPI's validation errors carry its
location. Messages never quote input values; an unexpected error is logged by type and
place only (its message could hold a value from the request).
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from cityprivacy.errors import (
    CityPrivacyError,
    ConfigurationError,
    ConflictError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    RuleViolationError,
    UnknownEntityError,
    WorkflowError,
)

__all__ = [
    "ERROR_RESPONSES",
    "AuthenticationError",
    "ErrorBody",
    "ErrorEnvelope",
    "error_response",
    "install_error_handlers",
    "status_for",
]

log = logging.getLogger("cityprivacy.web")


class AuthenticationError(PermissionDeniedError):
    """No token, or one that does not authenticate (HTTP 401, never which of the two)."""


class ErrorBody(BaseModel):
    code: str
    message: str
    field: str | None = None


class ErrorEnvelope(BaseModel):
    """The body of every error response."""

    error: ErrorBody


_STATUS: tuple[tuple[type[BaseException], int, str], ...] = (
    (AuthenticationError, 401, "unauthorized"),
    (RuleViolationError, 422, "rule_violation"),
    (WorkflowError, 409, "workflow_error"),
    (ConflictError, 409, "conflict"),
    (NotFoundError, 404, "not_found"),
    (PermissionDeniedError, 403, "forbidden"),
    (ConfigurationError, 503, "not_configured"),
    (UnknownEntityError, 422, "invalid_input"),
    (InputError, 422, "invalid_input"),
    (CityPrivacyError, 400, "bad_request"),
)
_HTTP_CODES = {401: "unauthorized", 404: "not_found", 405: "method_not_allowed"}
_FIELD = re.compile(r"^([A-Za-z_][A-Za-z0-9_.]*): ")

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorEnvelope, "description": description}
    for status, description in (
        (401, "No valid API token (`Authorization: Bearer cp_...`)"),
        (403, "The caller's role may not do this"),
        (404, "No such record, or one outside the caller's agency"),
        (409, "The record changed meanwhile, or is not in a state that allows this"),
        (422, "Invalid input (the field is named), or refused by a citywide rule"),
    )
}
"""The error responses every API route documents in the OpenAPI schema."""


def status_for(error: BaseException) -> tuple[int, str]:
    """The HTTP status and error code for ``error``."""
    for kind, status, code in _STATUS:
        if isinstance(error, kind):
            return status, code
    return 500, "internal_error"


def error_response(
    status: int, code: str, message: str, field: str | None = None, **headers: str
) -> JSONResponse:
    body = ErrorEnvelope(error=ErrorBody(code=code, message=message, field=field))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers or None)


def _field_of(error: CityPrivacyError) -> str | None:
    if isinstance(error, UnknownEntityError):
        return "categories"  # the API's only input of taxonomy keys
    if isinstance(error, InputError | ConflictError):
        match = _FIELD.match(str(error))
        return match.group(1) if match else None
    return None


async def _office_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, CityPrivacyError)
    status, code = status_for(exc)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    field, message = _field_of(exc), str(exc)
    if field is not None and not message.startswith(f"{field}:"):
        message = f"{field}: {message}"
    return error_response(status, code, message, field, **headers)


def _location(loc: tuple[int | str, ...]) -> str:
    parts = [str(p) for p in loc]
    if len(parts) > 1 and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    return ".".join(parts) or "body"


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = list(exc.errors())
    first = problems[0] if problems else {"loc": ("body",), "msg": "invalid request"}
    field = _location(tuple(first.get("loc", ("body",))))
    message = f"{field}: {first.get('msg', 'invalid')}"
    if len(problems) > 1:
        message += f" (and {len(problems) - 1} more problem{'s' * (len(problems) > 2)})"
    return error_response(422, "invalid_input", message, field)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 400:  # FastAPI could not read the body at all (not UTF-8...)
        return error_response(422, "invalid_input", "body: not readable as JSON", "body")
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    headers = dict(exc.headers or {})
    return error_response(exc.status_code, code, str(exc.detail), None, **headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    log.error(
        "unexpected %s at %s on %s %s", type(exc).__name__, where, request.method, request.url.path
    )
    return error_response(500, "internal_error", "an unexpected error occurred; it was logged")


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error with the envelope."""
    app.add_exception_handler(CityPrivacyError, _office_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)

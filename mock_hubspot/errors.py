"""HubSpot's error body and the exception handlers that produce it."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from mock_hubspot.store.errors import InvalidRequest, ObjectNotFound

INVALID_AUTHENTICATION = "INVALID_AUTHENTICATION"
OBJECT_NOT_FOUND = "OBJECT_NOT_FOUND"
VALIDATION_ERROR = "VALIDATION_ERROR"
RATE_LIMITS = "RATE_LIMITS"
INTERNAL_ERROR = "INTERNAL_ERROR"


def error_body(message: str, category: str, **extra: Any) -> dict[str, Any]:
    return {
        "status": "error",
        "message": message,
        "correlationId": str(uuid.uuid4()),
        "category": category,
        **extra,
    }


def error_response(
    status_code: int,
    message: str,
    category: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    return JSONResponse(
        error_body(message, category, **extra), status_code=status_code, headers=headers
    )


class HubSpotError(Exception):
    def __init__(
        self,
        status_code: int,
        message: str,
        category: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message
        self.category = category
        self.headers = headers


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HubSpotError)
    async def hubspot_error(_: Request, exc: HubSpotError) -> JSONResponse:
        return error_response(exc.status_code, exc.message, exc.category, exc.headers)

    @app.exception_handler(InvalidRequest)
    async def invalid_request(_: Request, exc: InvalidRequest) -> JSONResponse:
        return error_response(400, exc.message, VALIDATION_ERROR)

    @app.exception_handler(ObjectNotFound)
    async def not_found(_: Request, exc: ObjectNotFound) -> JSONResponse:
        return error_response(404, exc.message, OBJECT_NOT_FOUND)

    @app.exception_handler(RequestValidationError)
    async def validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        return error_response(400, f"Invalid input: {problems}", VALIDATION_ERROR)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        category = OBJECT_NOT_FOUND if exc.status_code == 404 else VALIDATION_ERROR
        return error_response(exc.status_code, str(exc.detail), category)

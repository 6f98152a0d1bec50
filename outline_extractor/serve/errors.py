"""Errors as JSON (CONTRACT §7): {"error": {"type": str, "message": str}}, never a stack trace."""

from __future__ import annotations

import json


class ApiError(Exception):
    def __init__(self, status: int, type: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.type = type
        self.message = message


def error_body(type: str, message: str) -> bytes:
    return json.dumps({"error": {"type": type, "message": message}}, ensure_ascii=False).encode("utf-8")


#: status → error type for the errors Starlette raises itself (404, 405, a broken multipart body)
HTTP_ERROR_TYPES = {
    400: "BadRequest",
    401: "Unauthorized",
    404: "NotFound",
    405: "MethodNotAllowed",
    413: "PayloadTooLarge",
    422: "InvalidParameters",
    503: "ServiceUnavailable",
}


def validation_message(errors: list[dict]) -> str:
    """FastAPI's validation errors in one line: `query.depth: Input should be …; …`."""
    parts = []
    for error in errors:
        where = ".".join(str(piece) for piece in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid parameters"

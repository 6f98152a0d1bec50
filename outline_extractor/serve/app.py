"""The FastAPI app: the HTTP API of CONTRACT §7 and the web page.

Routes read the request, hand a `jobs.Job` to the worker pool and send back its answer. The
document comes as a multipart upload (field `file`), as JSON {"text": …}, or as a raw body
(any other content type, read like an upload).
"""


import json
import logging
import os
import secrets
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import APIKeyHeader
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..models import Document
from . import jobs
from .errors import HTTP_ERROR_TYPES, ApiError, error_body, validation_message
from .limits import BodyLimit, BodyTooLarge
from .pool import ParseTimeout, Pool, WorkerLost

STATIC = Path(__file__).parent / "static"
API_KEY_ENV = "OUTLINE_EXTRACTOR_API_KEY"
log = logging.getLogger("outline_extractor.serve")


@dataclass
class Settings:
    max_body_bytes: int = 20 * 1024 * 1024
    #: seconds a parse may take before the request is answered 503
    parse_timeout: float = 30.0
    #: None: no key asked for. Default: $OUTLINE_EXTRACTOR_API_KEY when set and not empty
    api_key: Optional[str] = field(default_factory=lambda: os.environ.get(API_KEY_ENV) or None)
    #: "process" (default: both cores, a stuck parse cannot stall the server) or "thread"
    pool: str = "process"
    workers: Optional[int] = None


class Format(str, Enum):
    json = "json"
    outline = "outline"
    markdown = "markdown"
    tree = "tree"


class CheckKind(str, Enum):
    auto = "auto"
    speech = "speech"
    gongwen = "gongwen"


#: status of an error a job reports; anything else it reports is unusable input (400)
_ERROR_STATUS = {"InvalidParameters": 422}

_DOCUMENT_BODY = {
    "requestBody": {
        "required": True,
        "description": "The document: a file upload (multipart field `file`: .txt in any encoding the "
        "reader knows, .docx, .html, .pdf), JSON {\"text\": …}, or the file's bytes as the raw body.",
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
            "application/json": {
                "schema": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}
            },
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}

_ERRORS = {
    status: {
        "description": description,
        "content": {"application/json": {"example": {"error": {"type": HTTP_ERROR_TYPES[status], "message": "…"}}}},
    }
    for status, description in (
        (400, "unreadable input (binary, undecodable, corrupt) or a malformed body"),
        (401, "the server asks for an API key (X-API-Key) and none or a wrong one came"),
        (413, "the body is over the size limit"),
        (422, "bad parameters, or no document in the body"),
        (503, "the parse took longer than the time limit"),
    )
}

Depth = Annotated[Optional[int], Query(ge=1, description="keep levels 1..N only")]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    pool = Pool(settings.pool, settings.workers)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        pool.start()
        yield
        pool.stop()

    app = _new_fastapi(lifespan)
    app.state.settings = settings
    app.state.pool = pool
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    _add_error_handlers(app)
    app.include_router(_api_router(settings, pool))
    app.include_router(_health_router())
    app.include_router(_page_router())
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _new_fastapi(lifespan) -> FastAPI:
    """A FastAPI whose /docs page loads Swagger UI from the app itself (fastapi-offline ships
    the assets), so it works offline; without that package /docs loads them from a CDN."""
    details = dict(
        title="outline-extractor",
        version=__version__,
        description="The numbered outline (提纲), agenda and metadata of Chinese official texts, as JSON.",
        lifespan=lifespan,
        redoc_url=None,
    )
    try:
        from fastapi_offline import FastAPIOffline
    except ImportError:
        return FastAPI(**details)
    return FastAPIOffline(**details)


def _api_router(settings: Settings, pool: Pool) -> APIRouter:
    key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description=f"needed when {API_KEY_ENV} is set")

    def require_key(given: Annotated[Optional[str], Depends(key_header)]) -> None:
        expected = settings.api_key
        if expected is None:
            return
        if given is None or not secrets.compare_digest(given.encode(), expected.encode()):
            raise ApiError(401, "Unauthorized", "a valid X-API-Key header is needed")

    router = APIRouter(prefix="/v1", dependencies=[Depends(require_key)], responses=_ERRORS)

    async def answer(job_fields: dict, request: Request) -> Response:
        document = await _read_document(request)
        job = jobs.Job(**document, **job_fields)
        try:
            result = await pool.run(job, settings.parse_timeout)
        except ParseTimeout:
            raise ApiError(503, "Timeout", f"the document took longer than {settings.parse_timeout:g} s to parse") from None
        except WorkerLost:
            raise ApiError(503, "WorkerLost", "the worker parsing the document stopped; try again") from None
        if result.error is not None:
            type_, message = result.error
            raise ApiError(_ERROR_STATUS.get(type_, 400), type_, message)
        return Response(result.body, media_type=result.media_type)

    @router.post("/parse", openapi_extra=_DOCUMENT_BODY, summary="The document's outline")
    async def parse(
        request: Request,
        format: Annotated[Format, Query(description="json (Document JSON), outline (【提纲】), markdown, tree")] = Format.json,
        depth: Depth = None,
        items: Annotated[bool, Query(description="text formats: also show inline items (一是…)")] = False,
        with_text: Annotated[
            bool,
            Query(description="json only: answer {document, text, text_lines}: the Document JSON, the normalised "
            "text its spans point into, and the input line where each line of that text starts"),
        ] = False,
    ) -> Response:
        """Document JSON (CONTRACT §2) or the text of another format."""
        return await answer(dict(action="parse", format=format.value, depth=depth, items=items, with_text=with_text), request)

    @router.post("/header", openapi_extra=_DOCUMENT_BODY, summary="The text with its 【提纲】 line on top")
    async def header(request: Request, depth: Depth = None) -> Response:
        """A document without an outline comes back unchanged."""
        return await answer(dict(action="header", depth=depth), request)

    @router.post("/check", openapi_extra=_DOCUMENT_BODY, summary="Numbering proofreading findings")
    async def check(
        request: Request,
        select: Annotated[Optional[str], Query(description="only these rule codes, comma-separated")] = None,
        ignore: Annotated[Optional[str], Query(description="skip these rule codes, comma-separated")] = None,
        kind: Annotated[Optional[CheckKind], Query(description="the conventions to check against")] = None,
        max_heading_length: Annotated[Optional[int], Query(ge=1, description="longest heading title, in characters")] = None,
    ) -> Response:
        """The findings of CONTRACT §6 as a JSON list."""
        options = {
            "select": _codes(select),
            "ignore": _codes(ignore),
            "kind": kind.value if kind else None,
            "max_heading_length": max_heading_length,
        }
        options = {name: value for name, value in options.items() if value is not None}
        return await answer(dict(action="check", check_options=options or None), request)

    @router.get("/schema", summary="The JSON Schema of the Document JSON")
    async def schema() -> JSONResponse:
        return JSONResponse(Document.model_json_schema())

    return router


def _page_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/")
    async def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    return router


def _health_router() -> APIRouter:
    router = APIRouter()

    @router.get("/healthz", summary="Liveness: answers while documents are being parsed")
    async def healthz() -> dict:
        return {"status": "ok", "version": __version__}

    return router


async def _read_document(request: Request) -> dict:
    """The document from the body: {"data", "filename"} for a file, {"text"} for JSON."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        # leaving the block closes the upload (and deletes what Starlette spooled of it)
        async with request.form(max_files=1, max_fields=8) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise ApiError(422, "InvalidParameters", "the multipart body needs a file in the field 'file'")
            return {"data": await upload.read(), "filename": _base_name(upload.filename)}
    body = await request.body()
    if not body:
        raise ApiError(422, "InvalidParameters", 'send a file (multipart field "file") or JSON {"text": …}')
    if content_type == "application/json":
        return {"text": _json_text(body)}
    return {"data": body, "filename": None}


def _json_text(body: bytes) -> str:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError(400, "BadRequest", f"the body is not valid JSON ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise ApiError(422, "InvalidParameters", 'the JSON body must be an object with a string "text"')
    return data["text"]


def _codes(listed: Optional[str]) -> Optional[set[str]]:
    if listed is None:
        return None
    return {code.strip() for code in listed.split(",") if code.strip()}


def _base_name(filename: str | None) -> str | None:
    """The client's file name without any folders it may carry."""
    if not filename:
        return None
    return filename.replace("\\", "/").rsplit("/", 1)[-1] or None


def _add_error_handlers(app: FastAPI) -> None:
    def error(status: int, type_: str, message: str) -> Response:
        return Response(error_body(type_, message), status_code=status, media_type="application/json")

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return error(exc.status, exc.type, exc.message)

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, exc: BodyTooLarge) -> Response:
        return error(413, "PayloadTooLarge", str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error(422, "InvalidParameters", validation_message(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        return error(exc.status_code, HTTP_ERROR_TYPES.get(exc.status_code, "HTTPError"), message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return error(500, "InternalError", "the server could not handle this request")

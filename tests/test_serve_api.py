"""The HTTP API (CONTRACT §7) through FastAPI's TestClient: every endpoint and every error status."""

import threading
import time

import pytest

pytest.importorskip("fastapi", reason="the serve extra (fastapi) is not installed")
pytest.importorskip("multipart", reason="the serve extra (python-multipart) is not installed")

from fastapi.testclient import TestClient  # noqa: E402

from outline_extractor import __version__  # noqa: E402
from outline_extractor.serve import jobs  # noqa: E402
from outline_extractor.serve.app import Settings, create_app  # noqa: E402

from .conftest import FIXTURES  # noqa: E402
from .docx_builder import DocxBuilder  # noqa: E402
from .test_readers import speech_docx  # noqa: E402

SPEECH = (FIXTURES / "county_speech.txt").read_text(encoding="utf-8")
#: the first three headings of county_speech.txt, as its text prints them
FIRST_HEADINGS = ["一、", "一是", "二是"]


def client(**settings) -> TestClient:
    settings.setdefault("pool", "thread")
    settings.setdefault("api_key", None)
    return TestClient(create_app(Settings(**settings)), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def api():
    with client() as c:
        yield c


def markers(document: dict) -> list[str]:
    found = []

    def walk(nodes):
        for node in nodes:
            found.append(node["marker"])
            walk(node["children"])

    walk(document["outline"])
    return found


def assert_error(response, status: int, type_: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"type", "message"} and error["message"]
    assert "Traceback" not in response.text and "/work/" not in response.text and "site-packages" not in response.text
    if type_ is not None:
        assert error["type"] == type_
    return error


# ---- the endpoints --------------------------------------------------------------------------


def test_healthz(api):
    response = api.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": __version__}


def test_parse_json_text(api):
    response = api.post("/v1/parse", json={"text": SPEECH})
    assert response.status_code == 200
    document = response.json()
    assert document["schema_version"] == "1"
    assert document["title"] == "在全县优化营商环境暨重点项目攻坚推进会议上的讲话"
    assert markers(document)[:3] == FIRST_HEADINGS


def test_parse_upload_in_gbk_keeps_only_the_file_name(api):
    upload = {"file": ("C:\\Users\\someone\\县长讲话.txt", SPEECH.encode("gb18030"), "text/plain")}
    document = api.post("/v1/parse", files=upload).json()
    assert document["source"]["encoding"] == "gb18030"
    assert document["source"]["path"] == "县长讲话.txt"
    assert markers(document)[:3] == FIRST_HEADINGS


def test_parse_raw_body(api):
    response = api.post("/v1/parse", content=SPEECH.encode("utf-8"), headers={"content-type": "text/plain"})
    assert markers(response.json())[:3] == FIRST_HEADINGS


def test_parse_formats(api):
    outline = api.post("/v1/parse", params={"format": "outline", "depth": 1}, json={"text": SPEECH})
    assert outline.headers["content-type"].startswith("text/plain")
    line = outline.text.strip()
    assert line.startswith("【提纲】一、提高站位、统一思想，深刻认识优化营商环境的极端重要性。二、")
    assert "一是" not in line  # depth 1: the top level only
    markdown = api.post("/v1/parse", params={"format": "markdown"}, json={"text": SPEECH})
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert "一、提高站位" in markdown.text
    tree = api.post("/v1/parse", params={"format": "tree"}, json={"text": SPEECH})
    assert "一是要从服务发展大局的高度来认识" in tree.text


def test_parse_depth_prunes_json(api):
    document = api.post("/v1/parse", params={"depth": 1}, json={"text": SPEECH}).json()
    assert document["outline"] and all(not node["children"] for node in document["outline"])


def test_parse_with_text_gives_the_text_the_spans_point_into(api):
    page = api.post("/v1/parse", params={"with_text": "true"}, json={"text": SPEECH}).json()
    assert set(page) == {"document", "text", "text_lines"}
    text, lines = page["text"], page["text_lines"]
    assert len(lines) == text.count("\n") + 1
    assert lines == sorted(lines) and lines[0] >= 1
    input_lines = SPEECH.splitlines()
    for node in page["document"]["outline"]:
        assert text[node["span"]["start"] :].startswith(node["marker"])
        # the input line the span names holds the same heading
        assert node["marker"] in input_lines[node["span"]["line"] - 1]


def test_schema(api):
    schema = api.get("/v1/schema").json()
    assert schema["title"] == "Document"
    assert {"Node", "Span", "Diagnostic", "AgendaItem"} <= set(schema["$defs"])


def test_openapi_and_offline_docs(api):
    openapi = api.get("/openapi.json").json()
    assert {"/v1/parse", "/v1/header", "/v1/check", "/v1/schema", "/healthz"} <= set(openapi["paths"])
    body = openapi["paths"]["/v1/parse"]["post"]["requestBody"]["content"]
    assert {"multipart/form-data", "application/json"} <= set(body)
    docs = api.get("/docs")
    assert docs.status_code == 200
    pytest.importorskip("fastapi_offline", reason="without fastapi-offline /docs loads Swagger UI from a CDN")
    assert "cdn." not in docs.text and "https://" not in docs.text
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert f"/static-offline-docs/{asset}" in docs.text
        assert api.get(f"/static-offline-docs/{asset}").status_code == 200


def test_page_and_its_assets(api):
    page = api.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'lang="zh-CN"' in page.text and "提纲提取" in page.text
    assert "http://" not in page.text and "https://" not in page.text  # no CDN
    for asset in ("/static/app.js", "/static/app.css"):
        response = api.get(asset)
        assert response.status_code == 200 and len(response.text) > 500


def test_header():
    with client() as api:
        response = api.post("/v1/header", json={"text": SPEECH})
    assert response.status_code == 200
    first, rest = response.text.split("\n", 1)
    assert first.startswith("【提纲】一、提高站位")
    assert SPEECH.strip() in rest


def test_check():
    gap = "关于工作的意见\n一、加强领导。要抓好落实。\n二、完善制度。要抓好落实。\n四、强化考核。要抓好落实。\n"
    with client() as api:
        response = api.post("/v1/check", json={"text": gap})
    assert response.status_code == 200
    findings = response.json()
    assert {"path", "line", "col", "severity", "code", "message", "fix"} <= set(findings[0])
    assert any(finding["code"] == "ordinal-gap" and finding["line"] == 4 for finding in findings)
    with client() as api:
        ignored = api.post("/v1/check", params={"ignore": "ordinal-gap"}, json={"text": gap})
        assert ignored.status_code == 200
        assert all(finding["code"] != "ordinal-gap" for finding in ignored.json())
        assert_error(api.post("/v1/check", params={"select": "no-such-rule"}, json={"text": gap}), 422)
        assert_error(api.post("/v1/check", params={"kind": "poem"}, json={"text": gap}), 422)


# ---- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["speech.docx", "plan.pdf", "notice.html"])
def test_every_verb_reads_every_upload_format(api, name):
    """A .docx, a PDF and an HTML page, uploaded: each verb answers from the text the reader
    took out of the file (the header too: its text with the 【提纲】 line on top)."""
    data = speech_docx() if name == "speech.docx" else (FIXTURES / "formats" / name).read_bytes()
    upload = {"file": (name, data)}
    outline = api.post("/v1/parse", params={"format": "outline"}, files=upload)
    assert outline.status_code == 200 and outline.text.startswith("【提纲】一、")
    header = api.post("/v1/header", files=upload)
    assert header.status_code == 200, header.text
    first, rest = header.text.split("\n", 1)
    assert first == outline.text.strip()
    assert "<" not in rest and "一、" in rest
    check = api.post("/v1/check", files=upload)
    assert check.status_code == 200 and isinstance(check.json(), list)


def test_check_reads_a_docx_upload_by_paragraph():
    gap = DocxBuilder()
    for paragraph in ("关于工作的意见", "一、加强领导", "二、完善制度", "四、强化考核"):
        gap.paragraph(paragraph)
    with client() as api:
        findings = api.post("/v1/check", files={"file": ("gap.docx", gap.bytes())}).json()
    assert [(f["line"], f["code"], f["fix"]) for f in findings] == [(4, "ordinal-gap", "四、 → 三、")]


def test_unreadable_input_is_400(api):
    png = {"file": ("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "text/plain")}
    error = assert_error(api.post("/v1/parse", files=png), 400, "InputError")
    assert "PNG" in error["message"]


def test_malformed_json_is_400(api):
    assert_error(api.post("/v1/parse", content=b'{"text": ', headers={"content-type": "application/json"}), 400)


@pytest.mark.parametrize(
    ("params", "body"),
    [
        ({"format": "xml"}, {"json": {"text": SPEECH}}),
        ({"depth": 0}, {"json": {"text": SPEECH}}),
        ({"depth": "two"}, {"json": {"text": SPEECH}}),
        ({}, {"json": {"txt": SPEECH}}),
        ({}, {"json": ["a list"]}),
        ({}, {"content": b""}),
        ({}, {"files": {"document": ("a.txt", b"x")}}),
    ],
)
def test_bad_parameters_are_422(api, params, body):
    assert_error(api.post("/v1/parse", params=params, **body), 422, "InvalidParameters")


def test_unknown_route_and_method_are_json(api):
    assert_error(api.get("/v2/nothing"), 404)
    assert_error(api.get("/v1/parse"), 405)


def test_unexpected_failure_is_500_without_trace(monkeypatch):
    def broken(job):
        raise RuntimeError("/srv/secret/path/module.py exploded")

    monkeypatch.setitem(jobs._ACTIONS, "parse", broken)
    with client() as api:
        error = assert_error(api.post("/v1/parse", json={"text": SPEECH}), 500, "InternalError")
    assert "secret" not in error["message"]


# ---- the size limit -----------------------------------------------------------------------------


def test_size_limit_declared_length():
    with client(max_body_bytes=1000) as api:
        assert_error(api.post("/v1/parse", content=b"x" * 1001, headers={"content-type": "text/plain"}), 413)
        upload = {"file": ("big.txt", "一、加强领导。".encode() * 200)}
        assert_error(api.post("/v1/parse", files=upload), 413, "PayloadTooLarge")
        assert api.post("/v1/parse", content="一、加强领导。".encode() * 40).status_code == 200  # 880 bytes


def test_size_limit_answers_a_chunked_body_with_413():
    def chunks():
        for _ in range(50):
            yield b"x" * 100

    with client(max_body_bytes=1000) as api:
        response = api.post("/v1/parse", content=chunks(), headers={"content-type": "text/plain"})
    assert "content-length" not in response.request.headers
    assert_error(response, 413, "PayloadTooLarge")


def test_size_limit_stops_reading_at_the_limit():
    """The middleware itself: the read that crosses the limit fails; the rest is never read."""
    import asyncio

    from outline_extractor.serve.limits import BodyLimit, BodyTooLarge

    reads = []

    async def receive():
        reads.append(1)
        return {"type": "http.request", "body": b"x" * 100, "more_body": True}

    async def app(scope, receive, send):
        while (await receive())["more_body"]:
            pass

    scope = {"type": "http", "headers": [(b"content-type", b"text/plain")]}
    with pytest.raises(BodyTooLarge):
        asyncio.run(BodyLimit(app, max_bytes=1000)(scope, receive, None))
    assert len(reads) == 11


# ---- the API key ------------------------------------------------------------------------------


def test_api_key(monkeypatch):
    monkeypatch.setenv("OUTLINE_EXTRACTOR_API_KEY", "s3cret-key")
    with client(api_key=Settings().api_key) as api:
        assert_error(api.post("/v1/parse", json={"text": SPEECH}), 401, "Unauthorized")
        assert_error(api.post("/v1/parse", json={"text": SPEECH}, headers={"X-API-Key": "wrong"}), 401)
        assert_error(api.get("/v1/schema"), 401)
        ok = api.post("/v1/parse", json={"text": SPEECH}, headers={"X-API-Key": "s3cret-key"})
        assert ok.status_code == 200 and markers(ok.json())[:3] == FIRST_HEADINGS
        assert api.get("/healthz").status_code == 200  # health and the page need no key
        assert api.get("/").status_code == 200


def test_no_key_asked_when_the_variable_is_empty(monkeypatch):
    monkeypatch.setenv("OUTLINE_EXTRACTOR_API_KEY", "")
    assert Settings().api_key is None


# ---- the time limit and the event loop -------------------------------------------------------------


def _distinct_copies(times: int) -> str:
    """The speech repeated with each line made distinct, so duplicate removal cannot shorten
    the work (SPEECH * n parses in a few ms: its copies are dropped)."""
    return "\n".join(f"{line}（{n}）" for n, line in enumerate(SPEECH.splitlines() * times))


def test_parse_time_limit_is_503_and_the_server_lives_on():
    # a parse of tens of milliseconds: far past the limit, whatever the thread switch interval
    with client(parse_timeout=0.000001) as api:
        error = assert_error(api.post("/v1/parse", json={"text": _distinct_copies(20)}), 503, "Timeout")
        assert "took longer" in error["message"]
        assert api.get("/healthz").json()["status"] == "ok"


def test_process_pool_kills_a_worker_past_the_time_limit():
    """With worker processes, the stuck worker is killed and the next request is served."""
    import os

    big = _distinct_copies(300)  # a few tenths of a second
    with client(pool="process", workers=1) as api:
        settings, pool = api.app.state.settings, api.app.state.pool
        assert markers(api.post("/v1/parse", json={"text": SPEECH}).json())[:3] == FIRST_HEADINGS  # worker warm
        stuck = pool.worker_pids()
        settings.parse_timeout = 0.05
        assert_error(api.post("/v1/parse", params={"format": "outline"}, json={"text": big}), 503, "Timeout")
        settings.parse_timeout = 30.0
        assert markers(api.post("/v1/parse", json={"text": SPEECH}).json())[:3] == FIRST_HEADINGS
        assert pool.worker_pids() and not set(pool.worker_pids()) & set(stuck)
    for pid in stuck:
        try:
            os.waitpid(pid, os.WNOHANG)  # reap it if it is our child
        except ChildProcessError:
            pass
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        pytest.fail(f"worker {pid} still runs after its job timed out")


def test_process_pool_parses_and_healthz_answers_during_a_big_parse():
    """The default pool (worker processes): /healthz answers, quickly, while a large document
    is being parsed."""
    # about 2.5 MB of UTF-8, copies made distinct so duplicate removal cannot shorten the work
    big = "\n".join(f"{line}（{n}）" for n, line in enumerate(SPEECH.splitlines() * 300))
    with client(pool="process", workers=1) as api:
        assert markers(api.post("/v1/parse", json={"text": SPEECH}).json())[:3] == FIRST_HEADINGS
        big_parse = {}

        def parse_big():
            big_parse["sent"] = time.perf_counter()
            big_parse["status"] = api.post("/v1/parse", params={"format": "outline"}, json={"text": big}).status_code
            big_parse["done"] = time.perf_counter()

        worker = threading.Thread(target=parse_big)
        worker.start()
        during = []  # (asked, answered) of each health check while the big parse runs
        while worker.is_alive() and len(during) < 500:
            asked = time.perf_counter()
            assert api.get("/healthz").status_code == 200
            during.append((asked, time.perf_counter()))
            time.sleep(0.02)
        worker.join(timeout=60)
    assert big_parse["status"] == 200
    inside = [(a, b) for a, b in during if big_parse["sent"] + 0.05 < a and b < big_parse["done"]]
    assert inside, "no health check was answered while the big document was parsed"
    assert max(b - a for a, b in inside) < 0.5


def test_jobs_answer_is_plain_data():
    """What crosses the process boundary: a job and its answer pickle."""
    import pickle

    answer = jobs.run(jobs.Job(action="parse", text=SPEECH, format="outline"))
    assert pickle.loads(pickle.dumps(answer)) == answer
    assert answer.body.startswith("【提纲】一、")
    refused = jobs.run(jobs.Job(action="parse", data=b"\x00\x01\x02" * 100))
    assert refused.error is not None and refused.error[0] == "InputError"


# ---- the serve verb ------------------------------------------------------------------------------


def test_serve_binds_loopback_by_default(monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from outline_extractor.cli import app

    from outline_extractor.serve import server

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **options: calls.append(options))
    monkeypatch.setattr(server, "check_address", lambda host, port: None)  # port 8000 may be taken here
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 0, result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8000
    CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", "8080"])
    assert (calls[1]["host"], calls[1]["port"]) == ("0.0.0.0", 8080)


def test_serve_on_a_port_in_use_is_one_line_and_exit_2():
    import socket

    from typer.testing import CliRunner

    from outline_extractor.cli import app

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.stderr == f"outline-extractor: error: cannot listen on 127.0.0.1:{port} (Address already in use)\n"


def test_serve_without_the_extra_is_one_line_and_exit_2(monkeypatch):
    import sys

    from typer.testing import CliRunner

    from outline_extractor.cli import app

    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn now fails
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 2
    assert "pip install 'outline-extractor[serve]'" in result.output
    assert "Traceback" not in result.output

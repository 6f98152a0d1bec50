"""header: the 【提纲】 line on top, to stdout or in place, every other byte kept."""

import io
import json

import pytest
from typer.testing import CliRunner

from outline_extractor import InputError, parse_file
from outline_extractor.archive.batch import Options, run_batch
from outline_extractor.archive.header import docx_with_header, header_for_text
from outline_extractor.cli import app

NOTICE = "关于做好防汛工作的通知\n各乡镇：\n一、加强组织领导\n要明确责任。\n二、做好物资储备\n（一）储备沙袋。\n（二）储备船只。\n"
HEADER = "【提纲】一、加强组织领导。二、做好物资储备。（一）储备沙袋。（二）储备船只。"
PLAIN = "今天天气很好，大家都来了。\n会议到此结束。\n"


def invoke(*args):
    return CliRunner().invoke(app, list(args))


def test_header_for_text_inserts_and_replaces():
    assert header_for_text(NOTICE) == HEADER + "\n" + NOTICE
    stale = "【提纲】一、旧的标题。\n" + NOTICE
    assert header_for_text(stale) == HEADER + "\n" + NOTICE
    assert header_for_text(header_for_text(NOTICE)) == HEADER + "\n" + NOTICE
    assert header_for_text(NOTICE, depth=1) == "【提纲】一、加强组织领导。二、做好物资储备。\n" + NOTICE
    assert header_for_text(PLAIN) is None
    assert header_for_text("\ufeff" + NOTICE) == "\ufeff" + HEADER + "\n" + NOTICE
    assert header_for_text("\n\n【提纲】旧。\r\n" + NOTICE) == "\n\n" + HEADER + "\r\n" + NOTICE


def test_gbk_crlf_in_place_keeps_every_other_byte_twice(tmp_path):
    path = tmp_path / "notice.txt"
    original = NOTICE.replace("\n", "\r\n").encode("gbk")
    path.write_bytes(original)
    first = invoke("header", "--in-place", str(path))
    assert first.exit_code == 0 and first.stdout == ""
    written = path.read_bytes()
    assert written == (HEADER + "\r\n").encode("gbk") + original
    second = invoke("header", "--in-place", str(path))
    assert second.exit_code == 0
    assert path.read_bytes() == written


def test_bom_and_utf16_are_kept(tmp_path):
    for name, bom, codec in (("u8.txt", b"\xef\xbb\xbf", "utf-8"), ("u16.txt", b"\xff\xfe", "utf-16-le")):
        path = tmp_path / name
        path.write_bytes(bom + NOTICE.encode(codec))
        assert invoke("header", "-i", str(path)).exit_code == 0
        assert path.read_bytes() == bom + (HEADER + "\n" + NOTICE).encode(codec)


def test_utf16_without_a_byte_order_mark_is_refused_in_place(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(NOTICE.encode("utf-16-le"))
    result = invoke("header", "-i", str(path))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"outline-extractor: error: {path}: cannot write text back in utf-16 without a byte-order mark; not written"
    assert path.read_bytes() == NOTICE.encode("utf-16-le")


def test_stale_header_replaced_not_stacked(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("【提纲】一、旧的。\n" + NOTICE, encoding="utf-8")
    invoke("header", "-i", str(path))
    assert path.read_text(encoding="utf-8") == HEADER + "\n" + NOTICE


def test_no_outline_no_header_and_a_note(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(PLAIN, encoding="utf-8")
    result = invoke("header", "-i", str(path))
    assert result.exit_code == 0
    assert path.read_text(encoding="utf-8") == PLAIN
    assert "no outline" in result.stderr
    shown = invoke("header", str(path))
    assert shown.stdout == PLAIN and "【提纲】" not in shown.stdout


def test_stdin():
    result = CliRunner().invoke(app, ["header", "-"], input=NOTICE)
    assert result.exit_code == 0 and result.stdout == HEADER + "\n" + NOTICE
    refused = CliRunner().invoke(app, ["header", "-", "--in-place"], input=NOTICE)
    assert refused.exit_code == 2 and "stdin cannot be written in place" in refused.stderr


def test_stdout_keeps_the_file_untouched(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_bytes(NOTICE.encode("gbk"))
    result = invoke("header", str(path))
    assert result.exit_code == 0
    assert result.stdout == HEADER + "\n" + NOTICE
    assert path.read_bytes() == NOTICE.encode("gbk")


@pytest.mark.parametrize(
    "name, data",
    [("page.html", "<!DOCTYPE html><html><body><p>一、加强领导</p></body></html>".encode()),
     ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
     # a saved fragment of a page, named .txt: its tags make it HTML, as `parse` reads it
     ("fragment.txt", "<div><p>一、加强领导</p><p>内容。</p><p>二、做好储备</p><p>内容。</p><br/></div>".encode())],
)
def test_pdf_and_html_refused_in_place(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    result = invoke("header", "--in-place", str(path))
    assert result.exit_code == 2
    assert "cannot take a header in place" in result.stderr and "without --in-place" in result.stderr
    assert path.read_bytes() == data


def test_unreadable_input_is_one_error_line(tmp_path):
    result = invoke("header", str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "no such file" in result.stderr


def _docx(paragraphs):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _paragraphs(data):
    import docx

    return [(p.text, p.style.name) for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_docx_gets_a_first_paragraph_in_the_body_style():
    body = [("关于做好防汛工作的通知", "Title"), ("一、加强组织领导", "Body Text"), ("要明确责任。", "Body Text")]
    data = _docx(body)
    once = docx_with_header(data, "【提纲】一、加强组织领导。")
    assert _paragraphs(once) == [("【提纲】一、加强组织领导。", "Body Text"), *body]
    assert docx_with_header(once, "【提纲】一、加强组织领导。") == once
    replaced = docx_with_header(once, "【提纲】一、新的。")
    assert _paragraphs(replaced) == [("【提纲】一、新的。", "Body Text"), *body]


def test_docx_in_place_through_the_reader(tmp_path):
    data = _docx([("一、加强组织领导", None), ("二、做好物资储备", None)])
    path = tmp_path / "notice.docx"
    path.write_bytes(data)
    try:
        parse_file(path)
    except InputError:
        pytest.skip("this build's reader does not read .docx yet")
    assert invoke("header", "-i", str(path)).exit_code == 0
    assert _paragraphs(path.read_bytes())[0][0] == "【提纲】一、加强组织领导。二、做好物资储备。"


def test_batch_header_writes_every_file_and_records_refusals(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(4):
        (folder / f"n{index}.txt").write_bytes(NOTICE.replace("\n", "\r\n").encode("gbk"))
    (folder / "plain.txt").write_text(PLAIN, encoding="utf-8")
    (folder / "page.html").write_text("<html><body><p>一、加强领导</p><p>二、落实</p></body></html>", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(folder)], out, jobs=2, options=Options(header=True))
    assert summary.headers == {"written": 4, "no-outline": 1}
    assert summary.errors == 1
    found = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["error"]["type"] for r in found if "error" in r] == ["HeaderError"]
    for index in range(4):
        assert (folder / f"n{index}.txt").read_bytes().startswith((HEADER + "\r\n").encode("gbk"))
    assert (folder / "plain.txt").read_text(encoding="utf-8") == PLAIN
    again = run_batch([str(folder)], tmp_path / "again.jsonl", jobs=1, options=Options(header=True))
    assert again.headers == {"unchanged": 4, "no-outline": 1}



@pytest.mark.parametrize("name", ["plan.pdf", "notice.html"])
def test_pdf_and_html_to_stdout_are_the_read_text_with_its_header(name):
    from .conftest import FIXTURES

    path = FIXTURES / "formats" / name
    result = invoke("header", str(path))
    assert result.exit_code == 0, result.stderr
    first, rest = result.stdout.split("\n", 1)
    assert first == invoke("parse", "-f", "outline", str(path)).stdout.strip()
    plan = (FIXTURES / "formats" / "plan.txt").read_text(encoding="utf-8")
    assert "<" not in rest and "— 1 —" not in rest
    assert rest.splitlines()[:3] == plan.splitlines()[:3]


def test_in_place_through_a_symbolic_link_writes_its_target(tmp_path):
    target = tmp_path / "notice.txt"
    target.write_text(NOTICE, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert invoke("header", "-i", str(link)).exit_code == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == HEADER + "\n" + NOTICE

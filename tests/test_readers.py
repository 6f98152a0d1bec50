"""Readers for .docx, HTML and PDF: each gives the outline the same text gives as .txt."""

import io
import zipfile

import pytest

from outline_extractor import parse_bytes, parse_file, parse_text
from outline_extractor.reader import InputError
from outline_extractor.readers import detect_format, read_bytes, read_path

from .conftest import FIXTURES
from .docx_builder import DocxBuilder, Lvl

FORMATS = FIXTURES / "formats"


def headings(document):
    return [(node.level, node.marker, node.title) for root in document.outline for node in root.walk() if node.kind == "heading"]


# --- choosing the reader ------------------------------------------------------------------------

def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "data,path,expected",
    [
        (_zip({"word/document.xml": b"<x/>"}), "a.bin", "docx"),  # content beats the extension
        (_zip({"xl/workbook.xml": b"<x/>"}), "a.docx", "docx"),  # no document.xml: extension decides
        (_zip({"xl/workbook.xml": b"<x/>"}), "a.zip", "text"),  # and the text reader refuses it
        (b"%PDF-1.4\n...", "a.txt", "pdf"),
        (b"<!DOCTYPE html><html><body>x</body></html>", None, "html"),
        (b"\xef\xbb\xbf  <html lang=zh>", "a.txt", "html"),
        (b"<head><meta charset=utf-8></head>", None, "html"),
        ("一、总体要求\n<p>不是网页</p>".encode(), "a.txt", "text"),
        ("一、总体要求".encode(), "a.htm", "html"),  # no tags: the extension decides
        ("一、总体要求".encode(), None, "text"),
    ],
)
def test_detect_format(data, path, expected):
    assert detect_format(data, path) == expected


# --- .docx --------------------------------------------------------------------------------------

CN_LEVELS = [Lvl("chineseCounting", "%1、"), Lvl("chineseCounting", "（%2）"), Lvl("decimal", "%3.")]

#: What the .docx below shows in Word, typed out by hand.
SPEECH_AS_TEXT = """关于做好社区服务工作的讲话
同志们：
一、提高认识
做好社区服务工作，关系群众切身利益。
（一）认清形势
当前社区服务需求日益多样。
（二）把握重点
要抓住群众最关心的问题。
二、突出重点任务
（一）建好服务阵地
时间
任务
三月
完成站点排查
（二）带好服务队伍
具体安排见下图。
（此处附服务站点分布图）
三、强化工作保障
（一）加强领导。各单位主要负责同志要亲自抓。
请各单位认真落实。
"""


def speech_docx() -> bytes:
    """Automatic 一、 and （一） levels, a heading numbered through its style, a restart of （一）
    under 二、, a table, a text box, typed numbers after the automatic ones, a bullet, a header."""
    b = DocxBuilder()
    main = b.add_list([Lvl("chineseCounting", "%1、", style="SectionTitle"), *CN_LEVELS[1:]])
    section_style = b.add_numbered_style("SectionTitle", main)
    bullets = b.add_list([Lvl("bullet", "\u2022")])
    b.header("内部资料 注意保存")
    b.paragraph("关于做好社区服务工作的讲话")
    b.paragraph("同志们：")
    b.paragraph("提高认识", main, 0)
    b.paragraph("做好社区服务工作，关系群众切身利益。")
    b.paragraph("认清形势", main, 1)
    b.paragraph("当前社区服务需求日益多样。")
    b.paragraph("把握重点", main, 1)
    b.paragraph("要抓住群众最关心的问题。")
    b.paragraph("突出重点任务", style=section_style)  # numbered through its style only
    b.paragraph("建好服务阵地", main, 1)  # restarts at （一） under 二、
    b.table([["时间", "任务"], ["三月", "完成站点排查"]])
    b.paragraph("带好服务队伍", main, 1)
    anchor = b.paragraph("具体安排见下图。")
    b.text_box(anchor, "（此处附服务站点分布图）")
    b.paragraph("三、强化工作保障")  # typed, as in documents that mix the two
    b.paragraph("（一）加强领导。各单位主要负责同志要亲自抓。")
    b.paragraph("请各单位认真落实。", bullets, 0)
    return b.bytes()


def test_docx_text_is_what_word_shows():
    raw = read_bytes(speech_docx(), path="speech.docx")
    assert raw.format == "docx"
    assert raw.text == SPEECH_AS_TEXT
    assert [d.message for d in raw.diagnostics if d.code == "cruft-removed"] == ["left out of the .docx: 1 页眉 paragraph(s)"]


def test_docx_outline_equals_the_text_outline():
    from_docx = parse_bytes(speech_docx(), path="speech.docx")
    from_text = parse_text(SPEECH_AS_TEXT)
    assert headings(from_docx) == headings(from_text)
    assert [(level, marker) for level, marker, _ in headings(from_docx)] == [
        (1, "一、"), (2, "（一）"), (2, "（二）"), (1, "二、"), (2, "（一）"), (2, "（二）"), (1, "三、"), (2, "（一）"),
    ]
    assert from_docx.source.format == "docx" and from_text.source.format == "text"


def markers(levels: list[Lvl], paragraphs: list[int], start_overrides=None) -> list[str]:
    """The marker Word shows before each paragraph (given by its level) of one list."""
    b = DocxBuilder()
    num = b.add_list(levels, start_overrides)
    for index, ilvl in enumerate(paragraphs):
        b.paragraph(f"段{index}", num, ilvl)
    lines = read_bytes(b.bytes(), path="x.docx").text.splitlines()
    return [line[: line.index("段")] for line in lines]


@pytest.mark.parametrize(
    "fmt,text,start,expected",
    [
        ("decimal", "%1.", 1, ["1.", "2.", "3."]),
        ("chineseCounting", "%1、", 9, ["九、", "十、", "十一、"]),
        ("chineseCountingThousand", "（%1）", 19, ["（十九）", "（二十）", "（二十一）"]),
        ("japaneseCounting", "%1、", 1, ["一、", "二、", "三、"]),
        ("ideographTraditional", "%1、", 1, ["甲、", "乙、", "丙、"]),
        ("decimalEnclosedCircle", "%1", 1, ["①", "②", "③"]),
        ("decimalFullWidth", "%1．", 1, ["１．", "２．", "３．"]),
        ("lowerLetter", "%1)", 25, ["y)", "z)", "aa)"]),
        ("upperLetter", "%1.", 1, ["A.", "B.", "C."]),
        ("lowerRoman", "(%1)", 3, ["(iii)", "(iv)", "(v)"]),
        ("upperRoman", "%1.", 8, ["VIII.", "IX.", "X."]),
        ("bullet", "\u25cf", 1, ["", "", ""]),
        ("none", "", 1, ["", "", ""]),
        ("chineseCounting", "第%1章", 1, ["第一章 ", "第二章 ", "第三章 "]),
    ],
)
def test_number_formats(fmt, text, start, expected):
    assert markers([Lvl(fmt, text, start)], [0, 0, 0]) == expected


def test_multilevel_text_and_restarts():
    levels = [Lvl("decimal", "%1"), Lvl("decimal", "%1.%2"), Lvl("decimal", "%1.%2.%3", restart=0)]
    # level 3 never restarts (lvlRestart 0); level 2 restarts after each level 1
    assert markers(levels, [0, 1, 2, 2, 0, 1, 2]) == ["1 ", "1.1 ", "1.1.1 ", "1.1.2 ", "2 ", "2.1 ", "2.1.3 "]


def test_lists_over_one_abstract_share_the_count_and_start_override_restarts_it():
    b = DocxBuilder()
    first = b.add_list(CN_LEVELS)
    plain = b.add_list([], abstract=first)  # another numId over the same abstract list
    again = b.add_list([], {0: 1}, abstract=first)  # the same list started afresh
    b.paragraph("甲", first, 0)
    b.paragraph("乙", first, 1)
    b.paragraph("丙", plain, 0)  # goes on from 一、
    b.paragraph("丁", again, 0)  # restarts at 一、
    b.paragraph("戊", first, 0)  # the shared count goes on from there
    b.paragraph("己", first, 1)
    b.paragraph("庚", again, 0)  # the override restarts once, not at every use
    assert read_bytes(b.bytes()).text.splitlines() == ["一、甲", "（一）乙", "二、丙", "一、丁", "二、戊", "（一）己", "三、庚"]


# --- HTML ---------------------------------------------------------------------------------------

def test_html_page_outline_equals_the_text_outline():
    page = parse_file(FORMATS / "notice.html")
    text = parse_file(FORMATS / "plan.txt")
    assert page.source.format == "html"
    assert headings(page) == headings(text) and len(headings(page)) == 19
    assert page.title == text.title == "关于推进社区服务提质增效的实施方案"
    raw = read_path(FORMATS / "notice.html").text
    assert "工作事项 牵头单位 完成时限" in raw  # a table row is a line of text
    for furniture in ("政务公开", "相关链接", "区民政局召开社区工作推进会", "网站标识码"):
        assert furniture not in raw


def test_html_charset_from_meta_and_from_the_bytes():
    html = (FORMATS / "notice.html").read_text(encoding="utf-8")
    gbk = html.replace("charset=utf-8", "charset=gb2312").encode("gbk")
    raw = read_bytes(gbk, path="gbk.html")
    assert raw.encoding == "gb18030" and "一、总体要求" in raw.text
    stale = html.replace("charset=utf-8", "charset=gb2312").encode("utf-8")  # meta says GB2312, bytes are UTF-8
    assert "一、总体要求" in read_bytes(stale, path="stale.html").text


# --- PDF ----------------------------------------------------------------------------------------

def test_pdf_outline_equals_the_text_outline():
    pdf = parse_file(FORMATS / "plan.pdf")
    text = parse_file(FORMATS / "plan.txt")
    assert pdf.source.format == "pdf"
    assert headings(pdf) == headings(text) and len(headings(pdf)) == 19
    raw = read_path(FORMATS / "plan.pdf").text
    assert "—" not in raw and "某区社区服务工作文件" not in raw  # page numbers and running header gone


def test_pdf_furniture_rules():
    from outline_extractor.readers.pdf import drop_furniture

    body = ["一、总体要求", "坚持问题导向。", "二、主要任务", "抓好落实。"]
    pages = [["文件标题页眉", line, f"— {n} —"] for n, line in enumerate(body, 1)]
    kept, dropped = drop_furniture(pages)
    assert kept == [[line] for line in body] and dropped == 8


# --- bad input ----------------------------------------------------------------------------------

def test_malformed_numbering_xml_is_a_damaged_docx():
    b = DocxBuilder()
    b.paragraph("一段", b.add_list([Lvl("decimal", "%1.")]), 0)
    source = zipfile.ZipFile(io.BytesIO(b.bytes()))
    members = {info.filename: source.read(info) for info in source.infolist()}
    members["word/numbering.xml"] = members["word/numbering.xml"].replace(b'w:ilvl="0"', b'w:ilvl="x"', 1)
    with pytest.raises(InputError, match="m.docx: damaged .docx"):
        read_bytes(_zip(members), path="m.docx")


def _pdf(draw, **options) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, **options)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _scan(pdf):
    pdf.rect(50, 50, 300, 300, fill=1)
    pdf.drawString(280, 20, "- 1 -")  # a page number stamped over the scan


def _text(pdf):
    pdf.drawString(72, 720, "Section 1 General")


BAD_INPUTS = [
    ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable .docx"),
    ("nodoc.docx", _zip({"word/styles.xml": b"<x/>"}), "not a readable .docx"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "save it as .docx"),
    ("empty.html", b"<html><body><script>var a=1;</script></body></html>", "no text after extraction"),
]


@pytest.mark.parametrize("name,data,cause", BAD_INPUTS)
def test_bad_input_is_one_line_naming_file_and_cause(name, data, cause):
    with pytest.raises(InputError) as info:
        read_bytes(data, path=name)
    assert str(info.value).startswith(f"{name}: ") and cause in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    "make,cause",
    [
        (lambda: _pdf(_scan), "without a text layer"),
        (lambda: _pdf(_text, encrypt="secret"), "encrypted"),
        (lambda: _pdf(_text)[:300], "not a readable PDF"),
    ],
)
def test_unreadable_pdfs(make, cause):
    with pytest.raises(InputError, match=cause):
        read_bytes(make(), path="x.pdf")


def test_cli_goes_on_past_a_bad_file(tmp_path):
    from typer.testing import CliRunner

    from outline_extractor.cli import app

    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    good = tmp_path / "speech.docx"
    good.write_bytes(speech_docx())
    result = CliRunner().invoke(app, ["parse", "-f", "outline", str(bad), str(good), str(FORMATS / "plan.pdf")])
    assert result.exit_code == 2
    assert result.stdout.count("【提纲】一、提高认识。") == 1 and result.stdout.count("【提纲】一、总体要求。") == 1
    assert result.stderr.strip().count("\n") == 0 and "bad.docx: not a readable .docx" in result.stderr
    assert "Traceback" not in result.stderr


# --- text input faults found by fuzzing (issue 9) ------------------------------------------------

SPEECH = "同志们：\n一、提高政治站位。\n二、聚焦关键环节。\n" * 20


@pytest.mark.parametrize(
    "case,data,expected_warning",
    [
        ("stray NULs in text", (SPEECH[:30] + "\x00\x00" + SPEECH[30:]).encode("utf-8"), "2 stray control"),
        ("UTF-16LE without BOM", SPEECH.encode("utf-16-le"), None),
        ("UTF-16BE without BOM", SPEECH.encode("utf-16-be"), None),
    ],
)
def test_text_that_looked_binary(case, data, expected_warning):
    raw = read_bytes(data, path="x.txt")
    assert raw.text.replace("\x00", "") == SPEECH and "\x00" not in raw.text
    warnings = [d.message for d in raw.diagnostics if d.severity == "warning"]
    assert (expected_warning in warnings[0]) if expected_warning else warnings == []


def test_mostly_control_bytes_is_still_binary():
    with pytest.raises(InputError, match="binary"):
        read_bytes(bytes(range(0, 32)) * 50 + SPEECH.encode("utf-8"), path="x.bin")


def test_parse_text_takes_lone_surrogates():
    text = SPEECH + "文末\udcff乱码\ud800。\n"
    document = parse_text(text)
    assert "\ufffd" in document.text and [d.message for d in document.diagnostics if d.code == "encoding"] == [
        "2 lone surrogate(s) that no encoding can write replaced with U+FFFD"
    ]
    assert document.model_dump_json()  # serialisable


@pytest.mark.parametrize("name", ["notice.html", "plan.pdf", "speech.docx"])
def test_damaged_files_parse_or_give_one_line_error(name):
    """Byte flips, truncations, spliced garbage and control bytes: a tree or an InputError."""
    import random

    data = speech_docx() if name == "speech.docx" else (FORMATS / name).read_bytes()
    rng = random.Random(name)
    for _ in range(25):
        mutated = bytearray(data)
        at = rng.randrange(len(mutated))
        kind = rng.choice(["flip", "truncate", "splice", "control"])
        if kind == "flip":
            mutated[at] = rng.randrange(256)
        elif kind == "truncate":
            del mutated[at:]
        else:
            mutated[at:at] = bytes(rng.randrange(32 if kind == "control" else 256) for _ in range(20))
        try:
            parse_bytes(bytes(mutated), path=name)
        except InputError as error:
            assert str(error).startswith(f"{name}: ") and "\n" not in str(error)


def test_a_gbk_page_with_a_bad_byte_says_so():
    page = ('<html><head><meta charset="gbk"><title>通知</title></head><body>'
            "<p>一、总体要求。坚持稳中求进。</p><p>二、主要任务。抓好落实。</p></body></html>")
    data = page.encode("gbk").replace("抓好".encode("gbk"), b"\xff\xff")
    document = parse_bytes(data, path="page.html")
    warnings = [d.message for d in document.diagnostics if d.code == "encoding" and d.severity == "warning"]
    assert len(warnings) == 1 and "replaced with U+FFFD" in warnings[0]
    assert [h.marker for h in document.headings()] == ["一、", "二、"]

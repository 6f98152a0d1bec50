"""`check`: each rule on a document written for it, the fixer's byte-for-byte promise, the
command line and the settings file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from outline_extractor.check import CheckOptions, RULES, check_bytes, check_text
from outline_extractor.check.fix import FixRefused, fix_bytes
from outline_extractor.cli import app

from .conftest import FIXTURES
from .docx_builder import DocxBuilder, Lvl

# Each case: rule code, kind, document, the (line, col) of every finding of that code, and
# the fix of the first one (None: not fixable). Columns count characters from 1.
CASES = [
    ("ordinal-gap", "gongwen",
     "关于做好秋季防火工作的通知\n\n各乡镇：\n　　一、总体要求\n　　内容。\n　　二、重点任务\n　　内容。\n　　四、保障措施\n　　内容。\n",
     [(8, 3)], "四、 → 三、"),
    ("ordinal-gap", "gongwen",
     "通知\n一、总体要求\n二、重点任务\n二、保障措施\n", [(4, 1)], "二、 → 三、"),
    ("list-start", "speech",
     "在全县工作会议上的讲话\n\n同志们：\n二、关于形势\n内容。\n三、关于任务\n内容。\n", [(4, 1)], None),
    ("mixed-style", "speech",
     "讲话\n同志们：\n一、关于学习\n1.读原著\n2、学原文\n3.悟原理\n", [(5, 1)], "2、 → 2."),
    ("mixed-style", "speech",  # the odd one is the first: the list's usual form wins
     "讲话\n同志们：\n一、关于学习\n　　1、读原著\n　　2.学原文\n　　3.悟原理\n", [(4, 3)], "1、 → 1."),
    ("mixed-ordinal-set", "speech",
     "讲话\n同志们：\n首先，要加强学习。\n其次，要改进作风。\n第三，要狠抓落实。\n", [(5, 1)], None),
    ("mixed-ordinal-set", "speech",  # inline, in one paragraph
     "讲话\n同志们：\n抓作风，首先，要加强学习；其次，要改进作风；第三，要狠抓落实。\n", [(3, 23)], None),
    ("mixed-ordinal-set", "speech",
     "讲话\n同志们：\n其一，要加强学习。\n二是要改进作风。\n三是要狠抓落实。\n", [(4, 1)], None),
    ("marker-punctuation", "gongwen",
     "通知\n一.总体要求\n（一）、加强领导。\n(二)压实责任。\n二、工作安排\n（一）分工\n1、第一阶段。\n2．第二阶段。\n（二）时间\n①.三月。\n②四月。\n",
     [(2, 1), (3, 1), (4, 1), (7, 1), (10, 1)], "一. → 一、"),
    ("marker-punctuation", "speech",
     "讲话\n同志们：\n第一、要加强学习。\n第二，要改进作风。\n一、关于形势\n（１）经济\n（２）社会\n",
     [(3, 1), (6, 1), (7, 1)], "第一、 → 第一，"),
    ("level-skip", "gongwen",
     "通知\n一、总体要求\n1.加强领导。\n2.压实责任。\n二、任务\n（一）分工\n（二）时间\n", [(3, 1)], None),
    ("count-mismatch", "speech",
     "讲话\n同志们：\n今天我讲三点意见。\n一、提高认识\n二、加强领导\n三、压实责任\n四、狠抓落实\n", [(3, 4)], None),
    ("heading-end", "gongwen",
     "通知\n一、总体要求。\n二、重点任务\n三、保障措施\n", [(2, 1)], None),
    ("heading-length", "gongwen",
     "通知\n一、关于进一步加强和改进新形势下基层党组织建设推动全面从严治党向纵深发展的若干具体措施和工作要求\n各级党组织要结合实际，认真抓好贯彻落实。\n二、保障措施\n各地要加强组织领导。\n",
     [(2, 1)], None),
    ("lone-subitem", "gongwen",
     "通知\n一、总体要求\n（一）加强领导。\n二、重点任务\n（一）分工。\n（二）时间。\n", [(3, 1)], None),
    ("renumbered-reference", "gongwen",
     "通知\n一、总体要求\n具体安排见第四部分。\n二、重点任务\n内容。\n四、保障措施\n内容。\n", [(3, 6)], None),
]


@pytest.mark.parametrize("code,kind,text,where,fix", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_reports_its_mistake_where_it_is(code, kind, text, where, fix):
    findings = check_text(text, path="doc.txt", options=CheckOptions(kind=kind))
    mine = [f for f in findings if f.code == code]
    assert [(f.line, f.col) for f in mine] == where
    assert mine[0].fix == fix
    assert mine[0].severity == next(rule.severity for rule in RULES if rule.code == code)


def test_every_rule_has_a_case_and_a_readme_row():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### The rules"):readme.index("### Fixing")]
    for rule in RULES:
        assert rule.code in {case[0] for case in CASES}, rule.code
        fixable = "yes" if rule.fixable else "no"
        assert f"| `{rule.code}` | {rule.severity} | {fixable} | {rule.summary} | {rule.rationale} |" in table, rule.code
    assert table.count("\n| `") == len(RULES)


def test_a_list_begun_inside_a_paragraph_starts_at_one():
    text = "讲话\n同志们：\n今年要抓好三项工作：一是加强学习，提高本领。\n二是改进作风，狠抓落实。\n三是严明纪律，守住底线。\n"
    assert "list-start" not in {f.code for f in check_text(text)}


def test_findings_are_sorted_and_formatted_like_a_linter():
    text = "通知\n一.总体要求\n二、任务\n四、保障\n"
    findings = check_text(text, path="a.txt", options=CheckOptions(kind="gongwen"))
    assert [f.as_text() for f in findings] == [
        "a.txt:2:1: warning marker-punctuation 一.: a Chinese numeral takes 、 (GB/T 15834)",
        "a.txt:4:1: error ordinal-gap 四、 follows number 2: 三 missing",
    ]


def test_clean_document_has_no_findings():
    text = "通知\n一、总体要求\n（一）加强领导。\n1.分工。\n2.时间。\n（二）压实责任。\n二、重点任务\n（一）分工。\n（二）时间。\n"
    assert check_text(text, options=CheckOptions(kind="gongwen")) == []


def test_kind_decides_the_convention():
    text = "讲话\n同志们：\n一、关于学习\n1、读原著\n2、学原文\n"
    assert check_text(text, options=CheckOptions(kind="speech")) == []
    codes = [f.code for f in check_text(text, options=CheckOptions(kind="gongwen"))]
    assert codes == ["level-skip", "marker-punctuation", "marker-punctuation"]


def test_auto_kind_reads_the_document_type():
    notice = "关于做好防汛工作的通知\n\n各区县：\n一、总体要求\n1、加强领导\n2、压实责任\n"
    speech = "在防汛工作会议上的讲话\n\n同志们：\n一、总体要求\n1、加强领导\n2、压实责任\n"
    assert {f.code for f in check_text(notice)} >= {"marker-punctuation"}
    assert "marker-punctuation" not in {f.code for f in check_text(speech)}


def test_select_and_ignore():
    text = "通知\n一.总体要求\n二、任务\n四、保障\n"
    only = check_text(text, options=CheckOptions(select={"ordinal-gap"}))
    assert [f.code for f in only] == ["ordinal-gap"]
    rest = check_text(text, options=CheckOptions(ignore={"ordinal-gap"}))
    assert "ordinal-gap" not in {f.code for f in rest} and rest


def test_renumbering_uses_the_numerals_of_the_run_past_ten():
    heads = "".join(f"{n}、标题\n" for n in "一二三四五六七八九十") + "十二、标题\n十三、标题\n"
    result = fix_bytes(("通知\n" + heads).encode("utf-8"), path="a.txt")
    assert [(e.old, e.new) for e in result.edits] == [("十二、", "十一、"), ("十三、", "十二、")]
    arabic = "通知\n一、总体\n" + "".join(f"{n}.标题\n" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12)) + "二、保障\n"
    result = fix_bytes(arabic.encode("utf-8"), path="a.txt")
    assert [(e.old, e.new) for e in result.edits] == [("12.", "11.")]


# --- the fixer -------------------------------------------------------------------------------

FIXABLE_DOCS = [case for case in CASES if case[4] is not None]


@pytest.mark.parametrize("code,kind,text,where,fix", FIXABLE_DOCS, ids=[c[0] for c in FIXABLE_DOCS])
def test_fixed_document_rechecks_clean_for_the_rule(code, kind, text, where, fix):
    options = CheckOptions(kind=kind)
    result = fix_bytes(text.encode("utf-8"), path="doc.txt", options=options)
    assert result.changed
    assert [f for f in check_bytes(result.after, path="doc.txt", options=options) if f.code == code] == []


# Segments of a 公文 written for the test: (text before, marker as written, marker after --fix).
_SEGMENTS = [
    ("关于做好2026年防汛工作的通知\r\n\r\n各区县人民政府：\r\n\u3000\u3000", "一.", "一、"),
    ("总体要求  \r\n\t坚持人民至上，见第四部分。\r\n\u3000\u3000", "二、", "二、"),
    ("重点任务\r\n", "（一）、", "（一）"),
    ("加强监测预警。\r\n", "(二)", "（二）"),
    ("压实责任。\r\n\u3000\u3000", "四、", "三、"),
    ("保障措施\r\n", "１．", "1."),
    ("经费保障。\r\n", "２．", "2."),
    ("人员保障。\r\n\r\n某某市人民政府办公室\r\n2026年5月8日\r\n", "", ""),
]


@pytest.mark.parametrize("encoding,bom", [("gbk", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")])
def test_fix_changes_only_the_markers_byte_for_byte(encoding, bom):
    before = bom + "".join(text + old for text, old, _ in _SEGMENTS).encode(encoding)
    expected = bom + "".join(text + new for text, _, new in _SEGMENTS).encode(encoding)
    result = fix_bytes(before, path="tongzhi.txt", options=CheckOptions(kind="gongwen"))
    assert result.after == expected
    assert [f.code for f in result.references] == ["renumbered-reference"]


def test_fix_keeps_big5_bytes():
    before = "關於做好防汛工作的通知\r\n一、總體要求\r\n二、重點任務\r\n四、保障措施\r\n".encode("cp950")
    result = fix_bytes(before, path="a.txt")
    assert result.after == before.replace("四、".encode("cp950"), "三、".encode("cp950"))


def test_circled_numbers_renumber_in_their_series():
    text = "讲话\n同志们：\n一、关于学习\n①读原著\n②学原文\n④悟原理\n"
    result = fix_bytes(text.encode(), path="a.txt")
    assert result.after.decode() == text.replace("④", "③")


def test_fix_refuses_pdf_and_html():
    with pytest.raises(FixRefused, match="PDF is check-only"):
        fix_bytes(b"%PDF-1.7 ...", path="a.pdf")
    with pytest.raises(FixRefused, match="HTML is check-only"):
        fix_bytes("<html><body>一、总体</body></html>".encode(), path="a.html")
    with pytest.raises(FixRefused, match="not a .docx"):
        fix_bytes(b"PK\x03\x04 ...", path="a.docx")


def test_unfixable_findings_stay():
    text = "讲话\n同志们：\n今天我讲三点意见。\n一、提高认识\n二、加强领导\n三、压实责任\n四、狠抓落实\n"
    result = fix_bytes(text.encode(), path="a.txt")
    assert not result.changed
    assert [f.code for f in check_bytes(result.after)] == ["count-mismatch"]


# --- command line ----------------------------------------------------------------------------

runner = CliRunner()
_GAP = "通知\n一、总体要求\n具体见第四部分。\n二、任务\n四、保障\n"


def test_cli_text_output_and_exit_codes(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(_GAP, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("通知\n一、总体要求\n二、任务\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(bad), str(good)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == [
        f"{bad}:3:4: warning renumbered-reference 第四部分 may refer to 四、, renumbered 三、 by --fix: check the reference",
        f"{bad}:5:1: error ordinal-gap 四、 follows number 2: 三 missing",
    ]
    assert runner.invoke(app, ["check", str(good)]).exit_code == 0
    assert runner.invoke(app, ["check", str(tmp_path / "missing.txt")]).exit_code == 2
    assert runner.invoke(app, ["check", "--select", "no-such-rule", str(good)]).exit_code == 2


def test_cli_json_output(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(_GAP, encoding="utf-8")
    result = runner.invoke(app, ["check", "--format", "json", "--select", "ordinal-gap", str(bad)])
    assert json.loads(result.stdout) == [
        {"path": str(bad), "line": 5, "col": 1, "severity": "error", "code": "ordinal-gap",
         "message": "四、 follows number 2: 三 missing", "fix": "四、 → 三、"}
    ]


def test_cli_diff_changes_nothing_and_fix_rewrites(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(_GAP, encoding="utf-8")
    diff = runner.invoke(app, ["check", "--diff", str(bad)])
    assert diff.exit_code == 1
    assert "-四、保障\n+三、保障" in diff.stdout
    assert bad.read_text(encoding="utf-8") == _GAP
    fixed = runner.invoke(app, ["check", "--fix", str(bad)])
    assert bad.read_text(encoding="utf-8") == _GAP.replace("四、保障", "三、保障")
    assert fixed.exit_code == 0  # the reference is a warning; nothing at error level is left
    assert "renumbered-reference" in fixed.stdout


def test_fix_that_cannot_be_written_leaves_the_file_whole(tmp_path, monkeypatch):
    """--fix writes a temporary file and renames it: a full disk mid-write changes nothing."""
    import errno
    import os

    bad = tmp_path / "bad.txt"
    bad.write_text(_GAP, encoding="utf-8")

    def full_disk(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    result = runner.invoke(app, ["check", "--fix", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}: cannot write (No space left on device)" in result.stderr
    assert bad.read_text(encoding="utf-8") == _GAP
    assert [p.name for p in tmp_path.iterdir()] == ["bad.txt"]  # no temporary file left behind


def test_settings_from_the_nearest_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.outline-extractor.check]\nignore = ["ordinal-gap"]\nkind = "gongwen"\n', encoding="utf-8"
    )
    folder = tmp_path / "drafts" / "2026"
    folder.mkdir(parents=True)
    (tmp_path / "drafts" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    doc = folder / "a.txt"
    doc.write_text("讲话\n同志们：\n一、总体\n1、学习\n2、工作\n二、任务\n四、保障\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(doc)])
    codes = [line.split()[2] for line in result.stdout.splitlines()]
    assert codes == ["level-skip", "marker-punctuation", "marker-punctuation"]  # gongwen from the settings; no gap
    assert result.exit_code == 0
    flags = runner.invoke(app, ["check", "--ignore", "marker-punctuation,level-skip", "--kind", "speech", str(doc)])
    assert [line.split()[2] for line in flags.stdout.splitlines()] == ["ordinal-gap"]


def test_bad_settings_are_a_usage_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.outline-extractor.check]\nkind = "poem"\n', encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("通知\n一、总体\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(doc)])
    assert result.exit_code == 2
    assert "pyproject.toml" in result.stderr


def test_readme_example_run_is_current(tmp_path, monkeypatch):
    """The README's example: the notice below, checked, diffed and fixed."""
    monkeypatch.chdir(tmp_path)
    Path("tongzhi.txt").write_text(
        "关于做好2026年防汛工作的通知\n\n各区县人民政府：\n一、总体要求\n坚持人民至上，具体分工见第四部分。\n二、重点任务\n"
        "（一）、加强监测预警。\n（二）压实防汛责任。\n四、保障措施\n1、经费保障。\n2、人员保障。\n",
        encoding="utf-8",
    )
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme[readme.index("$ outline-extractor check tongzhi.txt"):]
    example = example[:example.index("```")]
    runs = example.split("$ outline-extractor ")[1:]
    assert len(runs) == 3
    for run in runs:
        command, _, expected = run.partition("\n")
        result = runner.invoke(app, command.split())
        assert result.stdout == expected, command


def test_fix_applies_only_the_selected_rules():
    text = "通知\n一.总体要求\n二、任务\n四、保障\n"
    only_punctuation = CheckOptions(select={"marker-punctuation"})
    result = fix_bytes(text.encode(), path="a.txt", options=only_punctuation)
    assert result.after.decode() == text.replace("一.", "一、")
    result = fix_bytes(text.encode(), path="a.txt", options=CheckOptions(ignore={"marker-punctuation"}))
    assert result.after.decode() == text.replace("四、", "三、")


# --- .docx, PDF, HTML --------------------------------------------------------------------------


def _tongzhi_docx() -> bytes:
    """Automatic 一、 (Word's numbering, no text), then typed markers: 二、 split across two
    runs, a doubled （一）、, a gap 四、."""
    b = DocxBuilder()
    automatic = b.add_list([Lvl("chineseCounting", "%1、")])
    b.paragraph("关于做好防汛工作的通知")
    b.paragraph("总体要求", automatic)
    b.paragraph("二").add_run("、重点任务")
    b.paragraph("（一）、").add_run("加强领导。")
    b.paragraph("（二）压实责任。")
    b.paragraph("四、").add_run("保障措施")
    return b.bytes()


def test_docx_fix_rewrites_typed_numbers_in_their_runs():
    import io
    import zipfile

    before = _tongzhi_docx()
    result = fix_bytes(before, path="tongzhi.docx", options=CheckOptions(kind="gongwen"))
    old = zipfile.ZipFile(io.BytesIO(before))
    new = zipfile.ZipFile(io.BytesIO(result.after))
    assert [i.filename for i in new.infolist()] == [i.filename for i in old.infolist()]
    for name in old.namelist():
        if name != "word/document.xml":
            assert new.read(name) == old.read(name), name
    expected = old.read("word/document.xml").replace(
        "<w:t>（一）、</w:t>".encode(), "<w:t>（一）</w:t>".encode()
    ).replace("<w:t>四、</w:t>".encode(), "<w:t>三、</w:t>".encode())
    assert new.read("word/document.xml") == expected
    findings = check_bytes(before, path="tongzhi.docx", options=CheckOptions(kind="gongwen"))
    assert [(f.line, f.code, f.fix) for f in findings] == [
        (4, "marker-punctuation", "（一）、 → （一）"),
        (6, "ordinal-gap", "四、 → 三、"),
    ]


_GAPPED = ["关于做好防汛工作的通知", "一、总体要求", "内容。", "二、重点任务", "内容。", "四、保障措施", "内容。"]


def _gapped_pdf() -> bytes:
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, invariant=1)
    pdf.setFont("STSong-Light", 12)
    for row, line in enumerate(_GAPPED):
        pdf.drawString(72, 760 - row * 20, line)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_cli_checks_docx_pdf_and_html(tmp_path):
    """Each format the readers know: the finding on the reader's line (a .docx: its paragraph)."""
    files = {
        "tongzhi.docx": _tongzhi_docx(),
        "tongzhi.pdf": _gapped_pdf(),
        "tongzhi.html": ("<html><head><meta charset=\"utf-8\"><title>通知</title></head><body>"
                         + "".join(f"<p>{line}</p>" for line in _GAPPED) + "</body></html>").encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        result = CliRunner().invoke(app, ["check", "--select", "ordinal-gap", str(tmp_path / name)])
        assert result.exit_code == 1, (name, result.output)
        assert result.stdout == f"{tmp_path / name}:6:1: error ordinal-gap 四、 follows number 2: 三 missing\n", name


def test_list_start_finds_the_levels_refusal_by_its_constant():
    """list-start picks the refusals of levels.py by BEGINS_NO_LIST: the reason must keep
    starting with it, or the rule goes silent."""
    from outline_extractor import parse_text
    from outline_extractor.levels import BEGINS_NO_LIST

    document = parse_text("讲话\n同志们：\n二、关于形势\n内容。\n三、关于任务\n内容。\n")
    assert [r.marker for r in document.refused_markers if r.reason.startswith(BEGINS_NO_LIST)] == ["二、", "三、"]


def test_stdin_is_named_dash_in_findings_and_stdin_in_errors():
    result = CliRunner().invoke(app, ["check", "--format", "json", "-"], input="通知\n一、总体要求\n二、任务\n四、保障\n")
    assert result.exit_code == 1 and json.loads(result.stdout)[0]["path"] == "-"
    empty = CliRunner().invoke(app, ["check", "-"], input="")
    assert (empty.exit_code, empty.stderr) == (2, "outline-extractor: error: <stdin>: empty file\n")

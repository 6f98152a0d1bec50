import json
import os
import subprocess
import sys

import pytest

from typer.testing import CliRunner

from outline_extractor.cli import app

runner = CliRunner()
SPEECH = "同志们：\n一、提高认识\n一是认清形势。\n二、狠抓落实\n"


def invoke(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def write(tmp_path, name="speech.txt", text=SPEECH, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_parse_json_by_default(tmp_path):
    result = invoke("parse", write(tmp_path))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == "1"
    assert [n["marker"] for n in data["outline"]] == ["一、", "二、"]
    assert result.stderr == ""


def test_parse_outline_from_stdin():
    result = invoke("parse", "-", "-f", "outline", input=SPEECH)
    assert result.exit_code == 0
    assert result.stdout == "【提纲】一、提高认识。一是认清形势。二、狠抓落实。\n"


def test_formats_and_depth(tmp_path):
    path = write(tmp_path)
    assert invoke("parse", path, "-f", "markdown", "--depth", "1").stdout == "- 一、提高认识\n- 二、狠抓落实\n"
    tree = invoke("parse", path, "-f", "tree").stdout.splitlines()
    assert tree[1:] == ["├── 一、提高认识", "│   └── 一是认清形势", "└── 二、狠抓落实"]


def test_output_file(tmp_path):
    out = tmp_path / "out.txt"
    result = invoke("parse", write(tmp_path), "-f", "outline", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("【提纲】一、提高认识。")


def test_several_paths_give_a_json_array(tmp_path):
    a, b = write(tmp_path, "a.txt"), write(tmp_path, "b.txt", "一、甲\n二、乙\n", "gbk")
    data = json.loads(invoke("parse", a, b).stdout)
    assert [d["source"]["encoding"] for d in data] == ["utf-8", "gb18030"]


def test_one_line_json(tmp_path):
    result = invoke("parse", write(tmp_path), "--indent", "0")
    assert result.stdout.count("\n") == 1


def test_schema():
    result = invoke("schema")
    schema = json.loads(result.stdout)
    assert result.exit_code == 0
    assert {"schema_version", "source", "outline", "diagnostics", "agenda", "meta"} <= set(schema["properties"])


def test_missing_file_is_exit_2_with_one_line(tmp_path):
    result = invoke("parse", str(tmp_path / "absent.txt"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "absent.txt: no such file" in result.stderr


def test_unusable_inputs(tmp_path):
    empty = write(tmp_path, "empty.txt", "")
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\x00\x01\x02\x03" * 100)
    for path, cause in ((empty, "empty file"), (str(binary), "binary"), (str(tmp_path), "directory")):
        result = invoke("parse", path)
        assert result.exit_code == 2, path
        assert cause in result.stderr and "Traceback" not in result.stderr


def test_one_bad_path_among_good_ones(tmp_path):
    result = invoke("parse", write(tmp_path), str(tmp_path / "absent.txt"), "-f", "outline")
    assert result.exit_code == 2
    assert result.stdout.startswith("【提纲】")
    assert "absent.txt" in result.stderr


def test_bad_usage_is_exit_2(tmp_path):
    assert invoke("parse", write(tmp_path), "-f", "yaml").exit_code == 2
    assert invoke("parse", write(tmp_path), "--depth", "0").exit_code == 2


def test_user_cruft_patterns_file(tmp_path):
    patterns = tmp_path / "cruft.txt"
    patterns.write_text("# site footers\n青松范文网.{0,10}\n", encoding="utf-8")
    path = write(tmp_path, text="青松范文网独家首发\n" + SPEECH)
    plain = json.loads(invoke("parse", path).stdout)
    cleaned = json.loads(invoke("parse", path, "--cruft", str(patterns)).stdout)
    assert "cruft-removed" not in [d["code"] for d in plain["diagnostics"]]
    assert "cruft-removed" in [d["code"] for d in cleaned["diagnostics"]]


def test_bad_cruft_pattern_is_exit_2(tmp_path):
    patterns = tmp_path / "cruft.txt"
    patterns.write_text("([unclosed\n", encoding="utf-8")
    result = invoke("parse", write(tmp_path), "--cruft", str(patterns))
    assert result.exit_code == 2 and "bad pattern" in result.stderr


def test_items_print_in_document_order(tmp_path):
    text = "一、总体要求\n一是加强领导；二是完善制度；三是强化督查。\n主要措施：1.加快审批；2.优化服务。\n二、保障措施\n"
    result = invoke("parse", write(tmp_path, text=text), "-f", "markdown", "--items")
    assert result.stdout.splitlines() == [
        "- 一、总体要求", "  - 一是加强领导", "  - 二是完善制度", "  - 三是强化督查",
        "    - 1、加快审批", "    - 2、优化服务", "- 二、保障措施",
    ]


# --- stdout that cannot be written: run as a process, as a shell would -----------------------

COMMAND = [sys.executable, "-m", "outline_extractor", "parse"]


def _run(path, **streams):
    return subprocess.run([*COMMAND, path], stderr=subprocess.PIPE, text=True, timeout=60, **streams)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_stdout_on_a_full_disk_is_one_line_and_exit_2(tmp_path):
    with open("/dev/full", "w") as full:
        result = _run(write(tmp_path), stdout=full)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["outline-extractor: error: cannot write the output: No space left on device"]


def test_closed_stdout_is_one_line_and_exit_2(tmp_path):
    # the shell's >&- : the process starts with no descriptor 1
    result = subprocess.run(
        ["sh", "-c", '"$@" >&-', "sh", *COMMAND, write(tmp_path)], stderr=subprocess.PIPE, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["outline-extractor: error: cannot write the output: stdout is closed"]


def test_a_reader_that_goes_away_is_silent(tmp_path):
    process = subprocess.Popen([*COMMAND, write(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # closed before the command writes: its write meets a broken pipe
    error = process.stderr.read()
    assert process.wait(timeout=60) != 0
    assert error == b""

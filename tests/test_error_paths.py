"""What the user sees when the output cannot be written: one line on stderr, exit 2, never a
traceback (a real process: the interpreter's own flush at exit is part of the path)."""

import os
import subprocess
import sys

import pytest

GAP = "通知\n一、总体要求\n内容。\n二、重点任务\n内容。\n四、保障措施\n内容。\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("verb", ["check", "header"])
def test_a_full_disk_on_stdout_is_one_line_and_exit_2(tmp_path, verb):
    path = tmp_path / "gap.txt"
    path.write_text(GAP, encoding="utf-8")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "outline_extractor", verb, str(path)],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines()[-1] == "outline-extractor: error: cannot write the output: No space left on device"
    assert "Traceback" not in done.stderr and str(path) not in done.stderr.splitlines()[-1]

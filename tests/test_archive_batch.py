"""batch: one record per input, error records, workers, timeout, resume after a kill."""

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from typer.testing import CliRunner

from outline_extractor.archive.batch import Options, expand_inputs, read_done, run_batch
from outline_extractor.archive import pool as pool_module
from outline_extractor.archive.pool import run_pool
from outline_extractor.archive.records import error_outcome
from outline_extractor.cli import app

SPEECHES = [
    "在全县安全生产工作会议上的讲话\n同志们：\n一、提高认识\n要认清形势。\n二、狠抓落实\n（一）压实责任。\n（二）强化督查。\n",
    "关于做好防汛工作的通知\n各乡镇：\n一、加强组织领导\n二、做好物资储备\n三、严格值班值守\n",
    "主持词\n同志们：\n今天的会议有三项议程：一是传达文件；二是通报情况；三是部署工作。\n下面进行第一项议程。\n",
]


def make_archive(folder, count=30, unreadable=2):
    """`count` documents (the speeches above, each with its own number) and `unreadable` broken files."""
    folder.mkdir(exist_ok=True)
    for index in range(count):
        text = SPEECHES[index % len(SPEECHES)] + f"第{index}号文件。\n"
        encoding = "gbk" if index % 5 == 0 else "utf-8"
        (folder / f"doc{index:03d}.txt").write_bytes(text.encode(encoding))
    for index in range(unreadable):
        (folder / f"broken{index}.bin").write_bytes(bytes(range(256)) * 4)  # control bytes: not text
    return folder


def read_lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def records(path):
    return [json.loads(line) for line in read_lines(path)]


def test_one_record_per_document_and_error_records(tmp_path):
    folder = make_archive(tmp_path / "in")
    result = CliRunner().invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out.jsonl"), "--jobs", "1"])
    assert result.exit_code == 1  # some records are errors
    found = records(tmp_path / "out.jsonl")
    assert len(found) == 32
    assert len({r["source"]["path"] for r in found}) == 32
    errors = [r for r in found if "error" in r]
    assert sorted(os.path.basename(r["source"]["path"]) for r in errors) == ["broken0.bin", "broken1.bin"]
    assert all(r["error"]["type"] == "InputError" and r["source"]["sha256"] for r in errors)
    parsed = [r for r in found if "error" not in r]
    assert all(r["schema_version"] == "1" for r in parsed)
    first = next(r for r in parsed if r["source"]["path"].endswith("doc001.txt"))
    assert [n["marker"] for n in first["outline"]] == ["一、", "二、", "三、"]
    assert "32 documents, 2 errors" in result.stderr
    assert result.stdout == ""


def test_a_folder_of_every_format_side_by_side(tmp_path):
    """.txt, .docx, .html and .pdf in one folder (and a FIFO, which must not block the run):
    each read by its reader, the same outline from each, the FIFO an error record."""
    from .conftest import FIXTURES
    from .test_readers import SPEECH_AS_TEXT, speech_docx

    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "speech.docx").write_bytes(speech_docx())
    (folder / "speech.txt").write_text(SPEECH_AS_TEXT, encoding="utf-8")
    for name in ("plan.pdf", "notice.html", "plan.txt"):
        (folder / name).write_bytes((FIXTURES / "formats" / name).read_bytes())
    os.mkfifo(folder / "pipe")
    result = CliRunner().invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out.jsonl"), "--jobs", "1"])
    assert result.exit_code == 1
    found = {os.path.basename(r["source"]["path"]): r for r in records(tmp_path / "out.jsonl")}
    assert found.pop("pipe")["error"]["message"].endswith("pipe: not a regular file")
    assert {name: r["source"]["format"] for name, r in found.items()} == {
        "speech.docx": "docx", "speech.txt": "text", "plan.pdf": "pdf", "notice.html": "html", "plan.txt": "text",
    }

    def markers(record, nodes=None):
        nodes = record["outline"] if nodes is None else nodes
        return [m for n in nodes for m in [n["marker"], *markers(record, n["children"])]]

    assert markers(found["speech.docx"]) == markers(found["speech.txt"])
    assert markers(found["plan.pdf"]) == markers(found["notice.html"]) == markers(found["plan.txt"])
    assert len(markers(found["plan.txt"])) > 10


def test_exit_0_when_no_error(tmp_path):
    folder = make_archive(tmp_path / "in", count=4, unreadable=0)
    result = CliRunner().invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out.jsonl"), "-j", "1"])
    assert result.exit_code == 0
    assert len(read_lines(tmp_path / "out.jsonl")) == 4


def test_two_workers_give_the_same_lines(tmp_path):
    folder = make_archive(tmp_path / "in")
    run_batch([str(folder)], tmp_path / "one.jsonl", jobs=1)
    summary = run_batch([str(folder)], tmp_path / "two.jsonl", jobs=2)
    assert summary.documents == 32 and summary.errors == 2
    assert sorted(read_lines(tmp_path / "one.jsonl")) == sorted(read_lines(tmp_path / "two.jsonl"))


def test_timeout_0_means_no_limit(tmp_path):
    folder = make_archive(tmp_path / "in", count=6, unreadable=0)
    assert run_batch([str(folder)], tmp_path / "a.jsonl", jobs=2, options=Options(timeout=0)).errors == 0
    assert run_batch([str(folder)], tmp_path / "b.jsonl", jobs=1, options=Options(timeout=0)).errors == 0


def test_missing_file_and_glob(tmp_path):
    folder = make_archive(tmp_path / "in", count=3, unreadable=0)
    paths = expand_inputs([str(folder / "*.txt"), str(folder / "nothere.txt")])
    assert [os.path.basename(p) for p in paths] == ["doc000.txt", "doc001.txt", "doc002.txt", "nothere.txt"]
    run_batch(paths, tmp_path / "out.jsonl", jobs=1)
    missing = records(tmp_path / "out.jsonl")[-1]
    assert missing["source"] == {"path": paths[-1], "sha256": None}
    assert "no such file" in missing["error"]["message"]


def test_stdin_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["batch", "-", "-o", str(tmp_path / "out.jsonl")], input="一、总体要求\n")
    assert result.exit_code == 2
    assert result.stderr == "outline-extractor: error: batch reads files, folders and globs, not stdin (-); for one document on stdin use `parse -`\n"
    assert not (tmp_path / "out.jsonl").exists()


def test_recursive_and_out_file_not_an_input(tmp_path):
    folder = make_archive(tmp_path / "in", count=2, unreadable=0)
    make_archive(folder / "sub", count=1, unreadable=0)
    (folder / ".hidden").write_text("一、隐藏\n", encoding="utf-8")
    out = folder / "out.jsonl"
    assert run_batch([str(folder)], out, jobs=1).documents == 2  # not sub/, .hidden
    assert run_batch([str(folder)], out, jobs=1, recursive=True).documents == 3


def test_resume_repairs_a_half_written_line(tmp_path):
    folder = make_archive(tmp_path / "in")
    full = tmp_path / "full.jsonl"
    run_batch([str(folder)], full, jobs=1)
    lines = read_lines(full)
    cut = tmp_path / "cut.jsonl"
    cut.write_text("\n".join(lines[:12]) + "\n" + lines[12][: len(lines[12]) // 2], encoding="utf-8")
    summary = run_batch([str(folder)], cut, jobs=2, resume=True)
    assert summary.skipped == 12 and summary.documents == 20
    assert sorted(read_lines(cut)) == sorted(lines)


def test_resume_redoes_a_changed_file_and_drops_its_old_record(tmp_path):
    folder = make_archive(tmp_path / "in", count=3, unreadable=0)
    out = tmp_path / "out.jsonl"
    run_batch([str(folder)], out, jobs=1)
    (folder / "doc001.txt").write_text("一、新的标题\n二、另一个\n", encoding="utf-8")
    assert run_batch([str(folder)], out, jobs=1, resume=True).documents == 1
    found = records(out)
    assert Counter(r["source"]["path"] for r in found).most_common(1)[0][1] == 1
    changed = next(r for r in found if r["source"]["path"].endswith("doc001.txt"))
    assert [n["title"] for n in changed["outline"]] == ["新的标题", "另一个"]


def long_documents(folder, count=30):
    """Documents long enough (~30 ms each) that a run can be stopped half-way."""
    folder.mkdir()
    body = "".join(f"{n}、第{n}项工作要抓紧抓实，确保落到实处。\n" for n in range(1, 400))
    for index in range(count):
        (folder / f"long{index:02d}.txt").write_text(f"工作报告{index}\n" + body * 2, encoding="utf-8")
    return folder


def start_batch(folder, out, **popen):
    command = [sys.executable, "-m", "outline_extractor", "batch", str(folder), "-o", str(out), "-j", "2", "-q"]
    process = subprocess.Popen(command, **popen)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 5):
        time.sleep(0.01)
    return command, process


def test_kill_minus_9_then_resume(tmp_path):
    """A real kill of a running batch; the resumed OUT equals an uninterrupted run."""
    folder = long_documents(tmp_path / "in")
    full, out = tmp_path / "full.jsonl", tmp_path / "out.jsonl"
    run_batch([str(folder)], full, jobs=1)
    command, process = start_batch(folder, out, stderr=subprocess.DEVNULL)
    workers = _children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert workers and _all_gone(workers), "workers outlive a killed batch"
    done_before = out.read_bytes().count(b"\n")
    assert done_before < 30, "the run ended before the kill; make the documents longer"
    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True, check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert sorted(read_lines(out)) == sorted(read_lines(full))


def test_ctrl_c_stops_cleanly(tmp_path):
    """SIGINT to the whole process group, as a terminal's Ctrl-C sends it."""
    folder = long_documents(tmp_path / "in")
    out = tmp_path / "out.jsonl"

    def default_sigint():
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    _, process = start_batch(folder, out, stderr=subprocess.PIPE, text=True, start_new_session=True,
                             preexec_fn=default_sigint)
    workers = _children(process.pid)
    os.killpg(process.pid, signal.SIGINT)
    stderr = process.communicate(timeout=20)[1]
    assert process.returncode == 130
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert _all_gone(workers)
    lines = read_lines(out)
    assert 0 < len(lines) < 30 and all(json.loads(line)["outline"] for line in lines)


def _children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(child) for child in handle.read().split()]
    except OSError:  # not Linux: nothing to check
        return [0]


def _all_gone(pids, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = [pid for pid in pids if pid and os.path.exists(f"/proc/{pid}")
                 and "Z" not in open(f"/proc/{pid}/stat").read().split()[2]]
        if not alive:
            return True
        time.sleep(0.05)
    for pid in alive:  # do not leave them running
        os.kill(pid, signal.SIGKILL)
    return False


def test_error_records_resume_too(tmp_path):
    folder = make_archive(tmp_path / "in", count=2, unreadable=1)
    out = tmp_path / "out.jsonl"
    run_batch([str(folder)], out, jobs=1)
    assert set(read_done(out)) == {str(p) for p in folder.iterdir()}
    assert run_batch([str(folder)], out, jobs=1, resume=True).documents == 0


# --- workers that hang or die: a test `work` function, imported by the spawned workers ---

def misbehaving_work(path):
    if "hang" in path:
        time.sleep(60)
    if "crash" in path:
        os._exit(3)
    return error_outcome(path, None, "Fine", path)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_hung_and_dead_workers_cost_one_record_each(tmp_path, monkeypatch, method):
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    monkeypatch.setattr(pool_module, "_start_method", lambda: multiprocessing.get_context(method))
    paths = [f"doc{i}" for i in range(6)] + ["hang-me", "crash-me"] + [f"late{i}" for i in range(4)]
    outcomes = []
    started = time.monotonic()
    run_pool(paths, misbehaving_work, outcomes.append, jobs=2, timeout=0.5)  # start-up is not counted
    assert time.monotonic() - started < 20
    kinds = {o.path: json.loads(o.line)["error"]["type"] for o in outcomes}
    assert sorted(kinds) == sorted(paths)
    assert kinds["hang-me"] == "Timeout" and kinds["crash-me"] == "WorkerDied"
    assert Counter(kinds.values())["Fine"] == 10


def test_in_process_timeout(tmp_path, monkeypatch):
    """The alarm fires inside the parser, under its catch-all `except Exception`: still a Timeout."""
    from outline_extractor.archive import records as records_module

    folder = make_archive(tmp_path / "in", count=3, unreadable=0)
    real = records_module.parse_bytes

    def slow(data, path, **options):
        if path.endswith("doc001.txt"):
            time.sleep(5)
        return real(data, path=path, **options)

    monkeypatch.setattr(records_module, "parse_bytes", slow)
    started = time.monotonic()
    summary = run_batch([str(folder)], tmp_path / "out.jsonl", jobs=1, options=Options(timeout=0.3))
    assert time.monotonic() - started < 4
    assert summary.errors == 1 and summary.documents == 3
    timed_out = [r for r in records(tmp_path / "out.jsonl") if "error" in r]
    assert timed_out[0]["error"]["type"] == "Timeout" and timed_out[0]["source"]["sha256"]


def test_unwritable_out_is_one_error_line(tmp_path):
    folder = make_archive(tmp_path / "in", count=1, unreadable=0)
    result = CliRunner().invoke(app, ["batch", str(folder), "-o", str(tmp_path / "no" / "out.jsonl")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "cannot write" in result.stderr

"""recache: patterns built from the cache file behave as re.compile's; any trouble with the
file falls back to compiling, silently."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from outline_extractor import recache

ROOT = Path(__file__).resolve().parent.parent

PATTERNS = [
    (r"第(?P<num>[一二三四五六七八九十]{1,3})(?:[，,、：:]|是(?=[^一二三四五六七八九十]))", 0),
    (r"^\s*(?P<n>\d+)[.．](?!\d)", re.MULTILINE),
    (r"[\u4e00-\u9fff]{2,4}(?:会议|大会)", 0),
    (r"abc|ABD", re.IGNORECASE),
    (r"(a)(?P<b>b)?\1", 0),
    (rb"^(?:\xef\xbb\xbf)?\s*<(?:html|head)[\s>/]", re.I | re.S),
]
SAMPLES = ["第一，我们", "第十二是要\n", "  3. 标题\n12．x", "召开常委会议", "xabdx ABC", "abba aba aa", ""]


@pytest.fixture
def fresh_cache(monkeypatch, tmp_path):
    """The module as a new process sees it, its file in tmp_path."""
    monkeypatch.setenv(recache.ENV, str(tmp_path))
    monkeypatch.setattr(recache, "_entries", None)
    monkeypatch.setattr(recache, "_new", {})
    monkeypatch.setattr(recache, "_used", set())
    monkeypatch.setattr(recache, "_patterns", {})
    return tmp_path


def _new_process(monkeypatch):
    """Forget what this process read and computed, as the next process would."""
    recache.save()
    monkeypatch.setattr(recache, "_entries", None)
    monkeypatch.setattr(recache, "_new", {})
    monkeypatch.setattr(recache, "_used", set())
    monkeypatch.setattr(recache, "_patterns", {})


def _same_behaviour(compiled: re.Pattern[str], pattern: str, flags: int) -> None:
    expected = re.compile(pattern, flags)
    assert compiled == expected  # compares the engine's code too
    assert (compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex) == (
        expected.pattern, expected.flags, expected.groups, expected.groupindex)
    for text in SAMPLES if isinstance(pattern, str) else [s.encode() for s in SAMPLES + ["<HTML>", "\ufeff <head/>"]]:
        assert [m.span() + m.groups() for m in compiled.finditer(text)] == [
            m.span() + m.groups() for m in expected.finditer(text)]


def test_a_cache_hit_behaves_as_re_compile(fresh_cache, monkeypatch):
    for pattern, flags in PATTERNS:
        _same_behaviour(recache.compile(pattern, flags), pattern, flags)
    _new_process(monkeypatch)
    assert Path(recache.path()).is_file()
    for pattern, flags in PATTERNS:
        _same_behaviour(recache.compile(pattern, flags), pattern, flags)
    assert not recache._new  # every one came from the file


def test_a_bad_pattern_raises_as_in_re(fresh_cache):
    with pytest.raises(re.error):
        recache.compile("(unclosed")


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # truncated
    lambda data: data[:40] + bytes([data[40] ^ 0xFF]) + data[41:],  # a flipped byte
    lambda data: b"",
    lambda data: b"not a cache file at all",
])
def test_a_damaged_file_is_ignored(fresh_cache, monkeypatch, damage):
    pattern, flags = PATTERNS[0]
    recache.compile(pattern, flags)
    _new_process(monkeypatch)
    file = Path(recache.path())
    file.write_bytes(damage(file.read_bytes()))
    _same_behaviour(recache.compile(pattern, flags), pattern, flags)
    assert recache._new  # compiled afresh, to be written again
    _new_process(monkeypatch)
    _same_behaviour(recache.compile(pattern, flags), pattern, flags)
    assert not recache._new  # the file was rewritten whole


def test_another_pythons_file_is_not_read(fresh_cache, monkeypatch):
    pattern, flags = PATTERNS[1]
    recache.compile(pattern, flags)
    _new_process(monkeypatch)
    ours = recache.path()
    assert recache._read(ours)
    monkeypatch.setattr(recache, "_IDENTITY", ("another Python", "3.99.0"))
    assert recache.path() != ours  # another file name
    assert recache._read(ours) == {}  # and the interpreter written inside is checked too


def test_a_file_others_may_write_is_not_read(fresh_cache, monkeypatch):
    pattern, flags = PATTERNS[0]
    recache.compile(pattern, flags)
    _new_process(monkeypatch)
    file = Path(recache.path())
    assert recache._read(str(file))
    file.chmod(0o666)
    assert recache._read(str(file)) == {}  # its patterns decide what the parser finds
    file.chmod(0o600)
    assert recache._read(str(file))


def test_an_unwritable_or_disabled_cache_still_compiles(monkeypatch, tmp_path):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    for setting in (str(blocked / "cache"), "off"):
        monkeypatch.setenv(recache.ENV, setting)
        monkeypatch.setattr(recache, "_entries", None)
        monkeypatch.setattr(recache, "_new", {})
        for pattern, flags in PATTERNS:
            _same_behaviour(recache.compile(pattern, flags), pattern, flags)
        recache.save()  # silent
    assert recache.path() is None  # "off"
    assert blocked.read_text() == ""


def test_remembered_results_come_back_equal(fresh_cache, monkeypatch):
    calls = []

    @recache.remember
    def analyse(pattern, chars=()):
        calls.append(pattern)
        return {"first": set(pattern[:1]), "chars": frozenset(chars), "n": len(pattern)}

    analyse("甲乙", chars=["a", "b"])
    _new_process(monkeypatch)
    result = analyse("甲乙", chars=("a", "b"))
    assert result == {"first": {"甲"}, "chars": frozenset("ab"), "n": 2}
    assert calls == ["甲乙"]  # the second answer came from the file
    result["first"].add("x")  # each answer is its own copy
    assert analyse("甲乙", chars=("a", "b"))["first"] == {"甲"}

    @recache.remember
    def flags_of(pattern):
        calls.append(pattern)
        return pattern.flags

    compiled = re.compile("x", re.MULTILINE)
    assert flags_of(compiled) == flags_of(compiled) == compiled.flags  # not kept: computed each time
    assert calls[1:] == [compiled, compiled]


_WRITER = """
import sys
from outline_extractor import recache
for i in range(int(sys.argv[1]), int(sys.argv[1]) + 40):
    recache.compile(f"(?P<n>[一二三]{{1,{i}}})x|y{i}")
"""


def test_concurrent_writers_leave_a_whole_file(tmp_path):
    env = {**os.environ, recache.ENV: str(tmp_path)}
    writers = [subprocess.Popen([sys.executable, "-c", _WRITER, str(start)], env=env, cwd=ROOT) for start in range(1, 400, 40)]
    assert all(writer.wait() == 0 for writer in writers)
    (file,) = [name for name in tmp_path.iterdir() if not name.name.startswith(".")]
    entries = recache._read(str(file))
    assert entries  # a whole file: checksum and interpreter check out
    assert not [name for name in tmp_path.iterdir() if name.name.endswith(".tmp")]
    for pattern, flags in entries:
        assert recache._sre.compile(pattern, *__import__("marshal").loads(entries[pattern, flags])) == re.compile(pattern, flags)


def test_a_pattern_compiled_in_this_process_is_not_compiled_again(fresh_cache, monkeypatch):
    pattern, flags = PATTERNS[0]
    first = recache.compile(pattern, flags)
    monkeypatch.setattr(recache, "_compile_fresh", None)  # calling it again would raise
    monkeypatch.setattr(recache, "_entries", {})  # nor read from the file
    assert recache.compile(pattern, flags) is first


def test_a_result_computed_in_this_process_is_not_computed_again(fresh_cache):
    calls = []

    @recache.remember
    def doubled(text: str) -> str:
        calls.append(text)
        return text * 2

    assert doubled("一、") == doubled("一、") == "一、一、"
    assert calls == ["一、"]


def test_no_home_turns_the_cache_off(monkeypatch):
    """`~` that cannot be expanded stays `~`: a relative place would be the working folder."""
    monkeypatch.delenv(recache.ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(recache.os.path, "expanduser", lambda path: path)
    assert recache.directory() is None
    monkeypatch.setenv(recache.ENV, "relative/folder")
    assert recache.directory() is None


def test_results_of_an_older_module_are_dropped_when_the_file_is_written(fresh_cache, monkeypatch):
    @recache.remember
    def tripled(text: str) -> str:
        return text * 3

    name = f"{tripled.__module__}.{tripled.__qualname__}"
    tripled("二")
    _new_process(monkeypatch)
    assert any(key[0] == name for key in recache._read(recache.path()) if len(key) == 4)
    monkeypatch.setitem(recache._versions, name, -1)  # the module has changed since
    recache.compile("三是")  # something new to write
    _new_process(monkeypatch)
    assert not any(key[0] == name for key in recache._read(recache.path()) if len(key) == 4)


def test_a_folder_others_may_write_is_not_read(fresh_cache, monkeypatch):
    pattern, flags = PATTERNS[0]
    recache.compile(pattern, flags)
    _new_process(monkeypatch)
    assert recache._read(recache.path())
    fresh_cache.chmod(0o777)
    assert recache._read(recache.path()) == {}  # another user could put a file of theirs there
    fresh_cache.chmod(0o700)
    assert recache._read(recache.path())


def test_a_home_that_does_not_exist_is_not_made(monkeypatch, tmp_path):
    monkeypatch.delenv(recache.ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "nonexistent"))
    assert recache.directory() is None
    monkeypatch.setenv("HOME", str(tmp_path))
    assert recache.directory() == str(tmp_path / ".cache" / "outline-extractor")

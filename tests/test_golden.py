"""Golden files: every fixtures/NAME.txt against its NAME.json, NAME.outline.txt, NAME.md and
NAME.tree.txt, and against the hand-made NAME.gt.tsv / NAME.items.tsv written before the
parser ever ran on it (and NAME.agenda.tsv for host scripts).

After a deliberate change: OUTLINE_EXTRACTOR_REGEN=1 python -m pytest tests/test_golden.py,
read the diff line by line, then run the tests again without the variable.
"""

import os
from pathlib import Path

import pytest

from outline_extractor import parse_file, render
from outline_extractor.evaluate import predicted_headings, read_agenda, read_ground_truth, score_headings
from outline_extractor.styles import marker_key

from .conftest import FIXTURES, ROOT

REGENERATE = os.environ.get("OUTLINE_EXTRACTOR_REGEN") == "1"
DOCUMENTS = sorted(FIXTURES.glob("*.txt"))
DOCUMENTS = [p for p in DOCUMENTS if not p.name.endswith((".outline.txt", ".tree.txt"))]
GOLDEN = {
    ".json": lambda d: render(d, "json"),
    ".outline.txt": lambda d: render(d, "outline"),
    ".md": lambda d: render(d, "markdown"),
    ".tree.txt": lambda d: render(d, "tree"),
}


def parse_fixture(path: Path):
    cwd = os.getcwd()
    os.chdir(ROOT)  # source.path is recorded relative to the project
    try:
        return parse_file(path.relative_to(ROOT))
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("suffix", GOLDEN)
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_golden(path, suffix):
    golden = path.with_name(path.stem + suffix)
    output = GOLDEN[suffix](parse_fixture(path)) + "\n"
    if REGENERATE:
        golden.write_text(output, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}; regenerate and read it"
    assert output == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_hand_made_ground_truth(path):
    gt = path.with_name(path.stem + ".gt.tsv")
    document = parse_fixture(path)
    expected = [(h.depth, marker_key(h.marker), h.title) for h in read_ground_truth(gt)]
    assert [(h.depth, marker_key(h.marker), h.title) for h in predicted_headings(document)] == expected
    items = path.with_name(path.stem + ".items.tsv")
    if items.exists():
        rows = [line.split("\t") for line in items.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
        expected_items = [(int(line), marker_key(marker), title) for line, marker, title in rows]
        found = [(n.span.line, marker_key(n.marker), n.title) for n in document.nodes() if n.kind == "item"]
        assert found == expected_items
    agenda = path.with_name(path.stem + ".agenda.tsv")
    if agenda.exists():
        assert [(a.ordinal, a.title) for a in document.agenda] == read_agenda(agenda)


def test_every_fixture_has_ground_truth():
    assert len(DOCUMENTS) >= 6
    assert all(p.with_name(p.stem + ".gt.tsv").exists() for p in DOCUMENTS)


def test_regenerate_flag_is_off():
    assert not REGENERATE, "OUTLINE_EXTRACTOR_REGEN is set: goldens were rewritten; read the diff and rerun without it"

"""Scoring against hand-made ground truth (CONTRACT §4).

`NAME.gt.tsv`: one heading a line, `depth<TAB>marker<TAB>title`, `#` comments.
`NAME.agenda.tsv`: `ordinal<TAB>title` per declared agenda item.

Headings are matched in order (longest common subsequence of normalised (marker, title)
pairs); precision, recall and F1 count those pairs, depth accuracy is the share of matched
pairs whose depth also matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .models import Document
from .styles import marker_key

_TITLE_STOPS = re.compile(r"[。！？；：!?;:]")


@dataclass(frozen=True)
class Heading:
    depth: int
    marker: str
    title: str

    @property
    def key(self) -> tuple[str, str]:
        return normalize_marker(self.marker), normalize_title(self.title)


@dataclass
class Score:
    expected: int = 0
    predicted: int = 0
    matched: int = 0
    depth_ok: int = 0
    missed: list[Heading] = field(default_factory=list)
    extra: list[Heading] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def depth_accuracy(self) -> float:
        return self.depth_ok / self.matched if self.matched else 1.0

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.predicted += other.predicted
        self.matched += other.matched
        self.depth_ok += other.depth_ok


def normalize_marker(marker: str) -> str:
    """Full-width to half-width, brackets to (), a trailing 、 . ， , dropped: 1． = 1. = 1、."""
    return marker_key(marker)


def normalize_title(title: str) -> str:
    return re.sub(r"\s+", "", title)


def read_ground_truth(path: str | Path) -> list[Heading]:
    headings = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        while len(parts) < 3:
            parts.append("")
        headings.append(Heading(int(parts[0]), parts[1], parts[2]))
    return headings


def read_agenda(path: str | Path) -> list[tuple[int, str]]:
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ordinal, _, title = line.partition("\t")
        rows.append((int(ordinal), title))
    return rows


def predicted_headings(document: Document) -> list[Heading]:
    return [Heading(node.level, node.marker, node.title) for node in document.headings()]


def score_headings(expected: list[Heading], predicted: list[Heading]) -> Score:
    pairs = _lcs([h.key for h in expected], [h.key for h in predicted])
    score = Score(expected=len(expected), predicted=len(predicted), matched=len(pairs))
    score.depth_ok = sum(expected[i].depth == predicted[j].depth for i, j in pairs)
    matched_expected = {i for i, _ in pairs}
    matched_predicted = {j for _, j in pairs}
    score.missed = [h for i, h in enumerate(expected) if i not in matched_expected]
    score.extra = [h for j, h in enumerate(predicted) if j not in matched_predicted]
    return score


def score_agenda(expected: list[tuple[int, str]], document: Document) -> Score:
    exp = [Heading(1, str(n), t) for n, t in expected]
    got = [Heading(1, str(item.ordinal), item.title) for item in document.agenda]
    return score_headings(exp, got)


def _lcs(a: list, b: list) -> list[tuple[int, int]]:
    """Index pairs of a longest common subsequence of a and b."""
    n, m = len(a), len(b)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = table[i], table[i + 1]
        for j in range(m - 1, -1, -1):
            row[j] = below[j + 1] + 1 if a[i] == b[j] else max(below[j], row[j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if a[i] == b[j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs

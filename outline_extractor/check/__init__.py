"""`outline-extractor check`: numbering proofreading for writers, in the manner of a linter.

    from outline_extractor.check import check_bytes, CheckOptions
    for finding in check_bytes(data, path="speech.txt"):
        print(finding.as_text())

Each finding is `path:line:col: severity code message` (CONTRACT §6); lines and columns are
1-based, columns count characters. The rules are the rows of `rules.RULES`; `fix` rewrites
markers (`fix.fix_bytes`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..models import Document
from ..pipeline import parse_raw, parse_text
from ..readers import read_bytes
from . import docx
from .context import Context
from .conventions import document_kind
from .rules import FIXABLE, RULE_BY_CODE, RULES, Rule
from .source import InputText

__all__ = ["CheckOptions", "Finding", "RULES", "check_bytes", "check_text", "unknown_codes"]


class Finding(BaseModel):
    """One finding, in the JSON form of CONTRACT §6."""

    path: str | None
    line: int
    col: int
    severity: Literal["info", "warning", "error"]
    code: str
    message: str
    fix: str | None = Field(default=None, description="what --fix does here, e.g. 四、 → 三、; null when it cannot fix it")

    def as_text(self) -> str:
        return f"{self.path or '-'}:{self.line}:{self.col}: {self.severity} {self.code} {self.message}"


class CheckOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    select: set[str] | None = Field(default=None, description="only these rule codes (None: all)")
    ignore: set[str] = Field(default_factory=set)
    kind: Literal["speech", "gongwen", "auto"] = "auto"
    max_heading_length: int = Field(default=40, ge=1)

    def selected(self) -> set[str]:
        chosen = set(RULE_BY_CODE) if self.select is None else set(self.select)
        return chosen - self.ignore


def unknown_codes(codes: set[str]) -> set[str]:
    return {code for code in codes if code not in RULE_BY_CODE}


def check_bytes(data: bytes, *, path: str | None = None, options: CheckOptions | None = None) -> list[Finding]:
    """Findings for a document given as bytes (any format the readers know). Raises
    InputError for unusable input."""
    return findings_of(analyse_bytes(data, path=path, options=options), path, options)


def check_text(text: str, *, path: str | None = None, options: CheckOptions | None = None) -> list[Finding]:
    """Findings for a document given as a string."""
    return findings_of(analyse_text(text, path=path, options=options), path, options)


def analyse_bytes(data: bytes, *, path: str | None = None, options: CheckOptions | None = None) -> Context:
    raw = read_bytes(data, path=path)
    document = parse_raw(raw)
    if raw.format == "text":
        return _context(document, InputText.of(raw.text), options)
    if raw.format == "docx":
        return _context(document, InputText.of(docx.typed_lines(data)), options, by_content=True)
    return _context(document, None, options)  # HTML, PDF: lines are the reader's, columns 1


def analyse_text(text: str, *, path: str | None = None, options: CheckOptions | None = None) -> Context:
    return _context(parse_text(text, path=path), InputText.of(text), options)


def _context(
    document: Document, source: InputText | None, options: CheckOptions | None, by_content: bool = False
) -> Context:
    options = options or CheckOptions()
    return Context(document, source, document_kind(document, options.kind), options.max_heading_length, by_content)


def findings_of(ctx: Context, path: str | None, options: CheckOptions | None) -> list[Finding]:
    selected = (options or CheckOptions()).selected()
    found = []
    for rule in RULES:
        if rule.code not in selected or ctx.kind not in rule.kinds:
            continue
        for hit in rule.check(ctx):
            found.append(_finding(rule, hit, ctx, path, selected))
    found.sort(key=lambda f: (f.line, f.col, f.code))
    return found


def _finding(rule: Rule, hit, ctx: Context, path: str | None, selected: set[str]) -> Finding:
    fix = None
    if rule.fixable and hit.node is not None:
        new = ctx.rewritten(hit.node, selected & FIXABLE)
        if new is not None:
            fix = f"{ctx.printed(hit.node)} → {new}"
    return Finding(path=path, line=hit.line, col=hit.col, severity=rule.severity, code=rule.code, message=hit.message, fix=fix)

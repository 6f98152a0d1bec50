"""What every reader returns, and the one error they raise for unusable input."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..models import Diagnostic

Format = Literal["text", "docx", "html", "pdf"]


class InputError(Exception):
    """Unusable input: the CLI prints `str(error)` on one line and exits with code 2."""


@dataclass
class RawText:
    """The text the normaliser takes: paragraphs or lines separated by newlines."""

    text: str
    encoding: str
    sha256: str
    path: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    format: Format = "text"

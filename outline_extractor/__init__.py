"""outline-extractor: the numbered outline of Chinese speeches, host scripts, reports and 公文.

    from outline_extractor import parse_file, render
    document = parse_file("speech.txt")
    print(render(document, "outline"))
"""

from .models import AgendaItem, Diagnostic, Document, Node, Span
from .pipeline import parse_bytes, parse_file, parse_text
from .readers import InputError
from .render import FORMATS, render

__version__ = "0.1.0"

__all__ = [
    "AgendaItem",
    "Diagnostic",
    "Document",
    "FORMATS",
    "InputError",
    "Node",
    "Span",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "render",
]

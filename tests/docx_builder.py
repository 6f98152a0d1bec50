"""Small .docx files made with python-docx inside the tests, with Word's automatic numbering.

python-docx has no API for numbering definitions, so the parts are written as WordprocessingML
through its oxml layer: an abstractNum per list (levels: numFmt, lvlText, start, lvlRestart,
pStyle back-link), a num pointing to it (with lvlOverride/startOverride when asked), and a
numPr on the paragraph or on its style.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls


_MORE_NAMESPACES = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


@dataclass
class Lvl:
    fmt: str
    text: str
    start: int = 1
    restart: int | None = None
    style: str | None = None  # a paragraph style id this level is linked to


class DocxBuilder:
    def __init__(self) -> None:
        self.document = docx.Document()
        self.numbering = self.document.part.numbering_part.element
        self._ids = 900  # above the ids of the lists in python-docx's template

    def add_list(self, levels: list[Lvl], start_overrides: dict[int, int] | None = None, abstract: str | None = None) -> str:
        """A list definition; returns its numId. `abstract` reuses another list's abstractNum."""
        self._ids += 1
        number = str(self._ids)
        if abstract is None:
            abstract = number
            xml = "".join(self._lvl(i, lvl) for i, lvl in enumerate(levels))
            element = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract}">{xml}</w:abstractNum>')
            self.numbering.insert(0, element)  # abstractNums come before nums
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
            for i, v in (start_overrides or {}).items()
        )
        self.numbering.append(
            parse_xml(f'<w:num {nsdecls("w")} w:numId="{number}"><w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>')
        )
        return number

    @staticmethod
    def _lvl(ilvl: int, lvl: Lvl) -> str:
        restart = f'<w:lvlRestart w:val="{lvl.restart}"/>' if lvl.restart is not None else ""
        style = f'<w:pStyle w:val="{lvl.style}"/>' if lvl.style else ""
        return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{lvl.start}"/><w:numFmt w:val="{lvl.fmt}"/>{restart}{style}'
                f'<w:lvlText w:val="{lvl.text}"/><w:lvlJc w:val="left"/></w:lvl>')

    def add_numbered_style(self, name: str, num_id: str) -> str:
        """A paragraph style carrying numbering (numId only: the level comes from the pStyle link)."""
        style = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num_id}"/></w:numPr>'))
        return style.style_id

    def paragraph(self, text: str, num_id: str | None = None, ilvl: int = 0, style: str | None = None):
        p = self.document.add_paragraph(text, style=style)
        if num_id is not None:
            p._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
            )
        return p

    def table(self, rows: list[list[str]]) -> None:
        table = self.document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text

    def text_box(self, paragraph, text: str) -> None:
        """A text box anchored in `paragraph`, written as Word does: a DrawingML shape with a VML
        fallback copy of the same text."""
        content = f'<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
        run = parse_xml(
            f'<w:r {nsdecls("w", "wp", "a")} {_MORE_NAMESPACES}>'
            '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
            f'<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
            f'</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>'
            '</mc:AlternateContent></w:r>'
        )
        paragraph._p.append(run)

    def header(self, text: str) -> None:
        self.document.sections[0].header.paragraphs[0].text = text

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()

"""The consulted text as a person downloads it: plain lines in, a .txt or a .docx out.

A line is (kind, text): "title", "preamble", "heading" (第一章 总则) or "paragraph" (an article's
first paragraph starts with its label, as in the printed law).
"""

from dataclasses import dataclass
from io import BytesIO


@dataclass(frozen=True)
class Line:
    kind: str
    text: str


def as_text(lines: list[Line]) -> str:
    """UTF-8 text with a blank line between blocks, Windows line ends (Notepad on a contact point's PC)."""
    blocks = [line.text if line.kind != "heading" else f"\n{line.text}" for line in lines]
    return "\r\n".join(block.replace("\n", "\r\n") for block in blocks) + "\r\n"


def as_docx(lines: list[Line]) -> bytes:
    import docx  # python-docx: only when a Word file is asked for
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    normal.font.name = "Times New Roman"
    # East Asian text needs its font named separately, or Word falls back to a Latin font's metrics.
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    for line in lines:
        if line.kind == "title":
            paragraph = document.add_heading(line.text, level=0)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif line.kind == "heading":
            paragraph = document.add_heading(line.text, level=1)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            paragraph = document.add_paragraph(line.text)
            paragraph.paragraph_format.first_line_indent = Pt(24)
    out = BytesIO()
    document.save(out)
    return out.getvalue()

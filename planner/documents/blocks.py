"""A document as plain blocks (headings, paragraphs, lists, tables), written out as Markdown, PDF or Word.

Documents that need no layout of their own (a job advert, a sift guide) are built once as blocks
and rendered with the PDP's fonts, table styles and metadata, so every format says the same.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Union

from planner.documents import markdown as md
from planner.documents import pdf as pdf_export
from planner.documents import word as word_export
from planner.errors import PlannerError


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[float, ...] = ()


Block = Union[Heading, Paragraph, Bullets, Table]


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    author: str
    subject: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    @property
    def person(self) -> str:
        # The PDP's PDF set-up reads report.person for the author and fallback fonts.
        return self.author


def to_markdown(doc: Document) -> bytes:
    """The document as UTF-8 Markdown, every table cell escaped."""
    lines = [f"# {md._inline(doc.title)}", "", md._block(doc.subtitle), ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines += md._heading(block.text, block.level + 1)
        elif isinstance(block, Paragraph):
            lines += [md._block(block.text), ""]
        elif isinstance(block, Bullets):
            lines += [f"- {md._inline(item)}" for item in block.items] + [""]
        else:
            lines += md._table(block.headings, block.rows)
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


def to_pdf(doc: Document) -> bytes:
    """The document as an A4 PDF with its title, author, language (en-GB) and bookmarks.

    Raises:
        PlannerError: the PDF could not be drawn.
    """
    try:
        pdf = _document_class()(doc)
        pdf.add_page()
        pdf.start_section(doc.title, level=0)
        pdf.set_font(pdf_export.FONT, "B", 18)
        pdf.set_text_color(*pdf_export.ACCENT)
        pdf.multi_cell(0, 8.5, doc.title, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_font(pdf_export.FONT, "", 9)
        pdf.set_text_color(*pdf_export.MUTED)
        pdf.multi_cell(0, 4.8, doc.subtitle, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_text_color(*pdf_export.INK)
        pdf.ln(2)
        pdf_export._rule(pdf)
        pdf.ln(3)
        for block in doc.blocks:
            if isinstance(block, Heading):
                pdf_export._heading(pdf, block.text, level=block.level - 1)
            elif isinstance(block, Paragraph):
                pdf_export._paragraph(pdf, block.text)
            elif isinstance(block, Bullets):
                pdf_export._bullets(pdf, block.items)
            else:
                widths = block.widths_mm or tuple(pdf.epw / len(block.headings) for _ in block.headings)
                pdf_export._table(pdf, list(block.headings), [list(r) for r in block.rows], widths)
        return bytes(pdf.output())
    except (ValueError, RuntimeError) as exc:
        raise PlannerError(
            "The PDF could not be made. Download the Word or Markdown version instead, and tell the "
            f"team that looks after KIM Pathways ({exc})."
        ) from exc


@functools.cache
def _document_class() -> type:
    base = pdf_export._document_class()

    class BlockDocument(base):  # type: ignore[misc, valid-type]
        def __init__(self, doc: Document) -> None:
            super().__init__(doc)
            self.set_title(doc.title)
            self.set_author(doc.author)
            self.set_subject(doc.subject)
            self.set_keywords(doc.subject)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(pdf_export.FONT, size=7.5)
            self.set_text_color(*pdf_export.MUTED)
            self.cell(self.epw * 0.75, 5, pdf_export._one_line(self.report.title, 100))
            self.cell(self.epw * 0.25, 5, f"Page {self.page_no()} of {{nb}}", align="R")
            self.set_text_color(*pdf_export.INK)
            self.set_font(pdf_export.FONT, size=pdf_export.BODY_SIZE)

    return BlockDocument


def to_docx(doc: Document) -> bytes:
    """The document as an editable Word file: Title and Heading styles, tables with header rows.

    Raises:
        PlannerError: the Word file could not be made.
    """
    try:
        return _write_docx(doc)
    except (ValueError, RuntimeError) as exc:
        raise PlannerError(
            "The Word document could not be made. Download the PDF or Markdown version instead, and "
            f"tell the team that looks after KIM Pathways ({exc})."
        ) from exc


def _write_docx(doc: Document) -> bytes:
    import io

    import docx
    from docx.shared import Cm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    word_export._set_fonts(document)
    word_export._set_language(document)
    properties = document.core_properties
    properties.title = doc.title
    properties.author = doc.author
    properties.subject = doc.subject
    properties.language = "en-GB"
    document.add_heading(doc.title, level=0)
    document.add_paragraph(doc.subtitle)
    for block in doc.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            document.add_paragraph(block.text)
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        else:
            widths_cm: Sequence[float] = tuple(w / 10 for w in block.widths_mm)
            word_export._table(document, block.headings, block.rows, widths_cm)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def cells(values: Sequence[Any]) -> tuple[str, ...]:
    """A table row as text."""
    return tuple("" if v is None else str(v) for v in values)

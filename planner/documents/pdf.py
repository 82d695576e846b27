"""Any Document as a printable A4 PDF (fpdf2): bookmarks, header rows, alt text, language and page numbers.

The look is a Civil Service appraisal form's: DejaVu Sans (shipped, with a monochrome symbol
font as fallback when the system has one), dark blue headings, shaded header rows.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from planner.documents.failure import made_or_explained
from planner.documents.model import (
    Block,
    Bullets,
    CommentBox,
    Document,
    Heading,
    Image,
    Label,
    PageBreak,
    Pairs,
    Paragraph,
    SignOff,
    Table,
)

FONT_DIR = Path(__file__).resolve().parents[2] / "data" / "fonts"
FONT = "DejaVu"

# Colour emoji fonts (CBDT) cannot be embedded by fpdf2; a monochrome symbol font can. None
# is shipped: Symbola is used if the system has it (Debian: fonts-symbola), else DejaVu's own
# symbols; a character no font has is left out, and fpdf2 logs a warning (no error).
FALLBACK_FONTS = (
    Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"),
    Path("/usr/share/fonts/truetype/ancient-scripts/Symbola.ttf"),
)

INK = (11, 12, 12)
MUTED = (80, 90, 95)
ACCENT = (0, 48, 120)
RULE = (177, 180, 182)
HEADING_FILL = (222, 232, 243)
STRIPE = (246, 248, 250)

BODY_SIZE = 10
TABLE_SIZE = 8.5
MARGIN = 18

CHARS_PER_MM = 14
"""A table row must fit on one page (fpdf2 raises otherwise), so a cell keeps at most this many
characters per millimetre of its column's width (about 25 lines of text)."""

SIGNATURES_MM = 42
"""The height of the signature lines."""


def fits_in_cell(text: str, width_mm: float) -> bool:
    """Whether a printed table cell of this width shows the text whole (else it is cut short)."""
    return len(text) <= width_mm * CHARS_PER_MM


def render_pdf(doc: Document, instead: str = "the Word or Markdown version") -> bytes:
    """The document as an A4 PDF with its title, author, language (en-GB) and a bookmark per heading.

    Args:
        doc: the document.
        instead: the other downloads to suggest if the PDF cannot be drawn.

    Raises:
        ExportError: the PDF could not be drawn (the message says what to try).
    """
    return made_or_explained("The PDF", instead, lambda: _draw(doc))


def _draw(doc: Document) -> bytes:
    pdf = _document_class()(doc)
    pdf.add_page()
    _title(pdf, doc)
    _blocks(pdf, doc.blocks)
    return bytes(pdf.output())


@functools.cache
def _document_class() -> type:
    # Defined on first use so that importing this module does not import fpdf2.
    from fpdf import FPDF, ViewerPreferences

    class PrintedDocument(FPDF):
        def __init__(self, doc: Document) -> None:
            super().__init__(orientation="portrait", unit="mm", format="A4")
            self.footer_text = doc.footer_text
            self.set_margins(MARGIN, MARGIN, MARGIN)
            self.set_auto_page_break(True, margin=MARGIN)
            self.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
            self.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
            self._add_fallback_font("".join(doc.texts()))
            self.set_font(FONT, size=BODY_SIZE)
            self.set_text_color(*INK)
            self.set_draw_color(*RULE)
            self.set_title(doc.title)
            self.set_author(doc.author)
            self.set_subject(doc.subject)
            self.set_creator("KIM Pathways")
            self.set_keywords(doc.keywords or doc.subject)
            self.set_lang("en-GB")
            self.page_mode = "USE_OUTLINES"
            # Readers show the title, not the file name, in the window and to screen readers (PDF/UA).
            self.viewer_preferences = ViewerPreferences(display_doc_title=True)

        def _add_fallback_font(self, text: str) -> None:
            # Reading a 3 MB symbol font takes a tenth of a second: only when DejaVu lacks a glyph.
            covered = getattr(self.fonts[FONT.lower()], "cmap", {})
            if all(ord(ch) in covered for ch in set(text) if ord(ch) > 127):
                return
            fallbacks = [path for path in FALLBACK_FONTS if path.exists()][:1]
            if fallbacks:
                self.add_font("Symbols", "", fallbacks[0])
                self.set_fallback_fonts(["Symbols"], exact_match=False)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(FONT, size=7.5)
            self.set_text_color(*MUTED)
            self.cell(self.epw * 0.75, 5, _one_line(self.footer_text, 100))
            self.cell(self.epw * 0.25, 5, f"Page {self.page_no()} of {{nb}}", align="R")
            self.set_text_color(*INK)
            self.set_font(FONT, size=BODY_SIZE)

    return PrintedDocument


def _title(pdf: Any, doc: Document) -> None:
    pdf.start_section(doc.first_heading, level=0)
    pdf.set_font(FONT, "B", 20)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 9, doc.first_heading, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(*INK)
    if doc.lead:
        pdf.set_font(FONT, "", 12)
        pdf.multi_cell(0, 6.5, _fit(doc.lead, 250), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, "", 8.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 4.5, doc.subtitle, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(*INK)
    pdf.ln(2)
    _rule(pdf)
    pdf.ln(4)


def _blocks(pdf: Any, blocks: Sequence[Block]) -> None:
    drawn: bytes | None = None  # a picture drawn early, for the heading before it to know its height
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            drawn = following.draw() if isinstance(following, Image) else None
            _heading(pdf, block, _height(pdf, following, drawn) if drawn else 0)
        elif isinstance(block, Paragraph):
            _paragraph(pdf, block.text, muted=block.muted)
        elif isinstance(block, Label):
            _label(pdf, block.text)
        elif isinstance(block, Bullets):
            _bullets(pdf, block.items)
        elif isinstance(block, Table):
            _table(pdf, block)
        elif isinstance(block, Pairs):
            _pairs(pdf, block)
        elif isinstance(block, Image):
            _image(pdf, block, drawn or block.draw())
            drawn = None
        elif isinstance(block, CommentBox):
            _comment_box(pdf, block)
        elif isinstance(block, SignOff):
            _sign_off(pdf, block)
        elif isinstance(block, PageBreak):
            _page_break(pdf, block)
        else:
            _blocks(pdf, block.blocks)


def _page_is_empty(pdf: Any) -> bool:
    return bool(pdf.get_y() <= pdf.t_margin + 1)


def _heading(pdf: Any, block: Heading, picture_mm: float) -> None:
    # A heading stays with the picture after it, and with keep_with_mm of what follows that.
    keep_with = block.keep_with_mm + picture_mm
    # Start a new page rather than leave a heading alone at the foot of one (unless the page
    # is still empty: what must follow is then longer than a page, and breaks anyway).
    if not _page_is_empty(pdf) and pdf.get_y() + 12 + keep_with > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(3 if block.level <= 1 else 1.5)
    pdf.start_section(block.text, level=block.level)
    pdf.set_font(FONT, "B", 13 if block.level <= 1 else 11)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 7, block.text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, size=BODY_SIZE)
    pdf.ln(1)


def _label(pdf: Any, text: str) -> None:
    if pdf.get_y() + 15 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(1)
    pdf.set_font(FONT, "B", 9.5)
    pdf.multi_cell(0, 5, _one_line(text, 160), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, size=BODY_SIZE)


def _paragraph(pdf: Any, text: str, muted: bool = False) -> None:
    if muted:
        pdf.set_font(FONT, size=9)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 4.6, text, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_text_color(*INK)
        pdf.set_font(FONT, size=BODY_SIZE)
    else:
        pdf.set_font(FONT, size=BODY_SIZE)
        pdf.multi_cell(0, 5.2, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(1.5)


def _bullets(pdf: Any, lines: Sequence[str]) -> None:
    pdf.set_font(FONT, size=BODY_SIZE)
    for line in lines:
        pdf.set_x(pdf.l_margin + 1)
        pdf.cell(5, 5.2, "•")
        pdf.multi_cell(pdf.epw - 6, 5.2, line, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(0.8)
    pdf.ln(1)


def _table(pdf: Any, block: Table) -> None:
    from fpdf.fonts import FontFace

    count = len(block.headings)
    widths = block.widths_mm if len(block.widths_mm) == count else (pdf.epw / count,) * count
    pdf.set_font(FONT, size=TABLE_SIZE)
    head = FontFace(emphasis="BOLD", fill_color=HEADING_FILL, color=INK)
    with pdf.table(col_widths=tuple(widths), headings_style=head, text_align="LEFT", line_height=4.1,
                   padding=(1.3, 1.5), cell_fill_color=STRIPE, cell_fill_mode="ROWS",
                   v_align="TOP", repeat_headings=1) as table:
        for texts in (block.headings, *block.rows):
            row = table.row()
            for index, text in enumerate(texts):
                row.cell(_fit(text, widths[index] * CHARS_PER_MM, block.cut_mark),
                         align="CENTER" if index in block.centred else "LEFT")
    pdf.set_font(FONT, size=BODY_SIZE)
    pdf.ln(3)


def _pairs(pdf: Any, block: Pairs) -> None:
    from fpdf.fonts import FontFace

    pdf.set_font(FONT, size=9)
    label = FontFace(emphasis="BOLD", fill_color=HEADING_FILL)
    with pdf.table(col_widths=block.widths_mm, first_row_as_headings=False, text_align="LEFT",
                   line_height=4.6, padding=(1.1, 2), borders_layout="HORIZONTAL_LINES",
                   v_align="TOP") as table:
        for name, value in block.pairs:
            row = table.row()
            row.cell(name, style=label)
            row.cell(_fit(value, 1000))
    pdf.set_font(FONT, size=BODY_SIZE)
    pdf.ln(3)


def _height(pdf: Any, block: Block | None, png: bytes) -> float:
    if not isinstance(block, Image):
        return 0
    return float(min(block.width_mm, pdf.epw) * _png_ratio(png))


def _image(pdf: Any, block: Image, png: bytes) -> None:
    width = min(block.width_mm, pdf.epw)
    pdf.image(io.BytesIO(png), x=pdf.l_margin + (pdf.epw - width) / 2, w=width,
              h=_height(pdf, block, png), alt_text=block.alt_text, title=block.title)
    pdf.ln(3)


def _comment_box(pdf: Any, block: CommentBox) -> None:
    pdf.set_draw_color(*MUTED)
    pdf.rect(pdf.l_margin, pdf.get_y(), pdf.epw, block.height_mm)
    pdf.set_draw_color(*RULE)
    pdf.set_y(pdf.get_y() + block.height_mm + 4)


def _sign_off(pdf: Any, block: SignOff) -> None:
    if pdf.get_y() + SIGNATURES_MM > pdf.page_break_trigger:
        pdf.add_page()
    gutter = 10
    count = max(len(block.signatories), 1)
    column = (pdf.epw - gutter * (count - 1)) / count
    top = pdf.get_y() + 1
    pdf.set_draw_color(*MUTED)
    for index, signatory in enumerate(block.signatories):
        x = pdf.l_margin + index * (column + gutter)
        pdf.set_xy(x, top)
        pdf.set_font(FONT, "B", 9.5)
        pdf.cell(column, 6, signatory)
        for line, name in enumerate(block.fields):
            y = top + 15 + line * 11
            pdf.set_xy(x, y - 4.5)
            pdf.set_font(FONT, size=9)
            pdf.cell(22, 5, name)
            given = block.value(index, line)
            if given:
                pdf.set_xy(x + 23, y - 4.5)
                pdf.cell(column - 23, 5, _fit(" ".join(given.split()), (column - 23) / 1.8))
            pdf.line(x + 22, y, x + column, y)
    pdf.set_draw_color(*RULE)
    pdf.set_font(FONT, size=BODY_SIZE)
    pdf.set_xy(pdf.l_margin, top + SIGNATURES_MM)


def _page_break(pdf: Any, block: PageBreak) -> None:
    if _page_is_empty(pdf):
        return
    if block.room_mm is None or pdf.get_y() + block.room_mm > pdf.page_break_trigger:
        pdf.add_page()


def _rule(pdf: Any) -> None:
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.6)
    y = pdf.get_y()
    pdf.line(pdf.l_margin, y, pdf.l_margin + pdf.epw, y)
    pdf.set_line_width(0.2)
    pdf.set_draw_color(*RULE)


def _fit(text: str, limit: float, mark: str = "…") -> str:
    limit = int(limit)
    return text if len(text) <= limit else text[: limit - len(mark)].rstrip() + mark


def _one_line(text: str, limit: int) -> str:
    return _fit(" ".join(text.split()), limit)


def _png_ratio(png: bytes) -> float:
    # Width and height sit at fixed places in a PNG's IHDR chunk.
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    return height / width if width else 0.5

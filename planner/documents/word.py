"""Any Document as an editable Word file (python-docx): real heading styles, header rows, alt text.

The set-up every document shares (A4, margins, Arial, British English, properties, the footer
with page numbers) is written once, here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from planner.documents.failure import made_or_explained
from planner.documents.model import (
    Bullets,
    CommentBox,
    Document,
    Heading,
    Image,
    Label,
    PageBreak,
    Pairs,
    Paragraph,
    PrintOnly,
    SignOff,
    Table,
)

LANGUAGE = "en-GB"
FONT_NAME = "Arial"
ACCENT = "003078"
MUTED = "505A5F"
HEADING_FILL = "DEE8F3"
MARGIN_MM = 20
TEXT_WIDTH_MM = 170
"""The width between Word's margins; a Document's widths are for a printed page of PRINTED_WIDTH_MM."""
PRINTED_WIDTH_MM = 174


def render_docx(doc: Document, instead: str = "the PDF or Markdown version") -> bytes:
    """The document as a Word file: A4, British English, Title and Heading styles, tables whose
    header rows repeat on each page, pictures with alternative text, page numbers in the footer.

    Args:
        doc: the document.
        instead: the other downloads to suggest if the Word file cannot be made.

    Raises:
        ExportError: the Word file could not be made (the message says what to try).
    """
    return made_or_explained("The Word document", instead, lambda: _write(doc))


def _write(doc: Document) -> bytes:
    document = new_document(doc)
    document.add_heading(doc.first_heading, level=0)
    if doc.lead:
        _muted(document.add_paragraph(doc.lead), size=13, colour=None)
    _muted(document.add_paragraph(doc.subtitle), size=9)
    break_before = False
    for block in doc.blocks:
        if isinstance(block, PageBreak):
            break_before = True
            continue
        if isinstance(block, Heading):
            heading = document.add_heading(block.text, level=min(max(block.level, 1), 3))
            heading.paragraph_format.page_break_before = break_before
        elif break_before:
            document.add_page_break()
        break_before = False
        if isinstance(block, Paragraph):
            paragraph = document.add_paragraph(block.text)
            if block.muted:
                _muted(paragraph, size=9.5)
        elif isinstance(block, Label):
            document.add_paragraph().add_run(block.text).bold = True
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Pairs):
            _pairs(document, block)
        elif isinstance(block, Image):
            _picture(document, block)
        elif isinstance(block, CommentBox):
            _comment_box(document, block)
        elif isinstance(block, SignOff):
            _sign_off(document, block)
        elif not isinstance(block, (Heading, PrintOnly)):
            raise ValueError(f"a Word document cannot show a {type(block).__name__}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def new_document(doc: Document) -> Any:
    """A blank Word document set up as every KIM Pathways document is: A4, margins, fonts,
    British English, the document's properties and its footer (the footer text and page numbers)."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    _set_language(document)
    _set_fonts(document)
    props = document.core_properties
    props.title = doc.title
    props.author = doc.author
    props.subject = doc.subject
    props.language = LANGUAGE
    props.keywords = doc.keywords or doc.subject
    props.comments = "Prepared with KIM Pathways"
    props.last_modified_by = doc.author
    _footer(section, doc.footer_text)
    return document


def _set_language(document: Any) -> None:
    # The default run language lives in the styles part's docDefaults; spelling and
    # screen readers use it. Set it there once rather than on every run.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_props = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_props.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_props.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


def _set_fonts(document: Any) -> None:
    # Arial is the usual typeface of Civil Service documents; headings use it too, in dark blue.
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet"):
        style = document.styles[name]
        style.font.name = FONT_NAME
        # East Asian and complex-script text keep their own font slots; set them so Word
        # does not fall back to the theme font for the rest of the run.
        fonts = style.element.rPr.rFonts
        for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(slot), FONT_NAME)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme), None)
        if name not in ("Normal", "List Bullet"):
            style.font.color.rgb = RGBColor.from_string(ACCENT)
    for name, size in (("Normal", 11), ("Title", 24), ("Heading 1", 15), ("Heading 2", 12), ("Heading 3", 11)):
        document.styles[name].font.size = Pt(size)


def _footer(section: Any, text: str) -> None:
    # The footer's text, then "Page N of M" from Word's own PAGE and NUMPAGES fields.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.text = f"{text}    Page "
    numbers = [paragraph.add_run("1"), paragraph.add_run(" of "), paragraph.add_run("1")][::2]
    _muted(paragraph, size=8)
    for run, field in zip(numbers, ("PAGE", "NUMPAGES")):
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), field)
        run._r.addprevious(simple)
        simple.append(run._r)


def _muted(paragraph: Any, size: float, colour: str | None = MUTED) -> Any:
    from docx.shared import Pt, RGBColor

    for run in paragraph.runs:
        run.font.size = Pt(size)
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)
    return paragraph


def _word_widths(widths_mm: Sequence[float]) -> tuple[float, ...]:
    # The printed page's widths, scaled to Word's narrower text width when they would not fit.
    total = sum(widths_mm)
    scale = TEXT_WIDTH_MM / total if total > TEXT_WIDTH_MM else 1
    return tuple(width * scale for width in widths_mm)


def _table(document: Any, block: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = document.add_table(rows=1, cols=len(block.headings))
    table.style = "Table Grid"
    table.autofit = False
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, heading in zip(header.cells, block.headings):
        cell.text = heading
        cell.paragraphs[0].runs[0].bold = True
        _shade(cell)
    for values in block.rows:
        for cell, value in zip(table.add_row().cells, values):
            cell.text = str(value)
    widths = block.widths_mm if len(block.widths_mm) == len(block.headings) else \
        (PRINTED_WIDTH_MM / len(block.headings),) * len(block.headings)
    _widths(table, _word_widths(widths))
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if index in block.centred:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _small(table, 9)
    document.add_paragraph()


def _pairs(document: Any, block: Pairs) -> None:
    table = document.add_table(rows=len(block.pairs), cols=2)
    table.style = "Table Grid"
    for row, (name, value) in zip(table.rows, block.pairs):
        row.cells[0].text, row.cells[1].text = name, value
        row.cells[0].paragraphs[0].runs[0].bold = True
        _shade(row.cells[0])
    _widths(table, _word_widths(block.widths_mm))
    _small(table, 10)
    document.add_paragraph()


def _picture(document: Any, block: Image) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    width = _word_widths((block.width_mm, PRINTED_WIDTH_MM - block.width_mm))[0]
    document.add_picture(io.BytesIO(block.draw()), width=Mm(width))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Alternative text for screen readers: the picture's docPr description.
    inline = document.inline_shapes[-1]._inline
    inline.docPr.set("descr", block.alt_text)
    inline.docPr.set("title", block.title)


def _comment_box(document: Any, block: CommentBox) -> None:
    from docx.shared import Mm

    box = document.add_table(rows=1, cols=1)
    box.style = "Table Grid"
    box.rows[0].height = Mm(block.height_mm * 60 / 55)
    box.rows[0].cells[0].text = ""
    document.add_paragraph()


def _sign_off(document: Any, block: SignOff) -> None:
    from docx.shared import Cm

    table = document.add_table(rows=1 + len(block.fields), cols=1 + len(block.signatories))
    table.style = "Table Grid"
    header = table.rows[0].cells
    for cell, signatory in zip(header[1:], block.signatories):
        cell.text = signatory
        cell.paragraphs[0].runs[0].bold = True
        _shade(cell)
    _shade(header[0])
    for field, (row, name) in enumerate(zip(table.rows[1:], block.fields)):
        row.height = Cm(1.2)
        row.cells[0].text = name
        row.cells[0].paragraphs[0].runs[0].bold = True
        for who, cell in enumerate(row.cells[1:]):
            cell.text = block.value(who, field)
    column = (TEXT_WIDTH_MM - 30) / max(len(block.signatories), 1)
    _widths(table, (30, *(column for _ in block.signatories)))


def _widths(table: Any, widths_mm: Sequence[float]) -> None:
    # Word reads the cell widths, LibreOffice the table grid: set both.
    from docx.shared import Mm

    table.autofit = False
    _cell_margins(table)
    _rows_stay_whole(table)
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)


def _cell_margins(table: Any) -> None:
    # Room around the text in every cell (in twentieths of a point), so text never touches a rule.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 45), ("left", 85), ("bottom", 45), ("right", 85)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.append(margins)


def _rows_stay_whole(table: Any) -> None:
    # A row is never split across two pages; the table itself may break between rows.
    from docx.oxml import OxmlElement

    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _repeat_as_header(row: Any) -> None:
    # Word repeats a row marked tblHeader at the top of every page the table runs onto.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _shade(cell: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), HEADING_FILL)
    cell._tc.get_or_add_tcPr().append(shading)


def _small(table: Any, size: float) -> None:
    from docx.shared import Pt

    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)

"""The PDP as an editable Word document (python-docx), with real headings and tables."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from planner.documents import layout
from planner.documents.report import PdpReport
from planner.errors import PlannerError

LANGUAGE = "en-GB"
FONT_NAME = "Arial"
ACCENT = "003078"
HEADING_FILL = "DEE8F3"
CHART_WIDTH_CM = 13


def pdp_docx(report: PdpReport) -> bytes:
    """The PDP as a Word document the person and their line manager can edit.

    Args:
        report: the plan's content, from build_report.

    Returns:
        The .docx file's bytes: A4, British English, Heading styles, tables with header rows
        that repeat on each page, the skill chart with alternative text, and a comments and
        sign-off section.

    Raises:
        PlannerError: the document could not be made (the message says what to try).
    """
    try:
        return _write(report)
    except (ValueError, RuntimeError) as exc:
        raise PlannerError(
            "The Word document could not be made. Download the PDF or Markdown version instead, "
            f"and tell the team that looks after KIM Pathways ({exc})."
        ) from exc


def _write(report: PdpReport) -> bytes:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    _set_language(document)
    _set_fonts(document)
    _properties(document, report)
    _footer(section, report)

    document.add_heading(layout.HEADING, level=0)
    _muted(document.add_paragraph(report.person), size=13, colour=None)
    _muted(document.add_paragraph(layout.subtitle(report)), size=9)
    _details(document, report)

    document.add_heading(layout.SUMMARY, level=1)
    for sentence in report.summary:
        document.add_paragraph(sentence, style="List Bullet")

    document.add_heading(layout.SKILLS, level=1)
    _chart(document, report)
    headings, rows = layout.columns(report.skill_table)
    _table(document, headings, rows, widths_cm=(5.6, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9), centre_from=1)

    document.add_heading(layout.GAPS, level=1)
    headings, rows = layout.columns(report.gap_table)
    if rows:
        _table(document, headings, rows, widths_cm=(1.2, 3.2, 1.2, 7.2, 2.2, 2.0))
    else:
        document.add_paragraph(layout.NO_GAPS)

    document.add_heading(layout.PLAN, level=1)
    rows = [layout.plan_cells(item) for item in report.items]
    if rows:
        _table(document, list(layout.PLAN_HEADINGS), rows, widths_cm=(4.0, 2.0, 3.0, 2.2, 2.2, 1.9, 1.7))
    else:
        document.add_paragraph(layout.NO_ITEMS)
    done = layout.evidence(report)
    if done:
        document.add_heading(layout.EVIDENCE, level=2)
        for objective, evidence in done:
            document.add_paragraph().add_run(objective).bold = True
            document.add_paragraph(evidence)

    document.add_heading(layout.REVIEWS, level=1)
    for date in report.review_dates:
        document.add_paragraph(date, style="List Bullet")
    if not report.review_dates:
        document.add_paragraph(layout.NO_REVIEWS)

    _comments_and_sign_off(document)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _properties(document: Any, report: PdpReport) -> None:
    props = document.core_properties
    props.title = report.title
    props.author = report.person
    props.subject = layout.HEADING
    props.language = LANGUAGE
    props.keywords = "personal development plan, PDP, knowledge and information management"
    props.comments = "Prepared with KIM Pathways"
    props.last_modified_by = report.person


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

    for name in ("Normal", "Title", "Heading 1", "Heading 2", "List Bullet"):
        font = document.styles[name].font
        font.name = FONT_NAME
        # East Asian and complex-script text keep their own font slots; set them so Word
        # does not fall back to the theme font for the rest of the run.
        fonts = document.styles[name].element.rPr.rFonts
        for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(slot), FONT_NAME)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme), None)
        if name != "Normal" and name != "List Bullet":
            font.color.rgb = RGBColor.from_string(ACCENT)
    document.styles["Normal"].font.size = Pt(11)
    document.styles["Title"].font.size = Pt(24)
    document.styles["Heading 1"].font.size = Pt(15)
    document.styles["Heading 2"].font.size = Pt(12)


def _footer(section: Any, report: PdpReport) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.text = f"{layout.HEADING}: {report.person}"
    _muted(paragraph, size=8)


def _muted(paragraph: Any, size: float, colour: str | None = "505A5F") -> Any:
    from docx.shared import Pt, RGBColor

    for run in paragraph.runs:
        run.font.size = Pt(size)
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)
    return paragraph


def _details(document: Any, report: PdpReport) -> None:

    pairs = layout.details(report)
    table = document.add_table(rows=len(pairs), cols=2)
    table.style = "Table Grid"
    for row, (name, value) in zip(table.rows, pairs):
        row.cells[0].text, row.cells[1].text = name, value
        row.cells[0].paragraphs[0].runs[0].bold = True
        _shade(row.cells[0])
    _widths(table, (4.2, 12.8))
    _small(table, 10)
    document.add_paragraph()


def _chart(document: Any, report: PdpReport) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    document.add_picture(io.BytesIO(layout.skill_chart_png(report)), width=Cm(CHART_WIDTH_CM))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Alternative text for screen readers: the picture's docPr description.
    inline = document.inline_shapes[-1]._inline
    inline.docPr.set("descr", layout.chart_description(report))
    inline.docPr.set("title", "Skill profile chart")


def _table(
    document: Any,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_cm: Sequence[float],
    centre_from: int | None = None,
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    table.autofit = False
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, heading in zip(header.cells, headings):
        cell.text = heading
        cell.paragraphs[0].runs[0].bold = True
        _shade(cell)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.text = str(value)
    if len(widths_cm) == len(headings):
        _widths(table, widths_cm)
    if centre_from is not None:
        for row in table.rows:
            for cell in row.cells[centre_from:]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _small(table, 9)
    document.add_paragraph()


def _comments_and_sign_off(document: Any) -> None:
    from docx.shared import Cm

    # Comments and signatures are filled in by hand at the meeting: they get a page together.
    document.add_heading(layout.COMMENTS, level=1).paragraph_format.page_break_before = True
    _muted(document.add_paragraph(layout.COMMENTS_PROMPT), size=9)
    box = document.add_table(rows=1, cols=1)
    box.style = "Table Grid"
    box.rows[0].height = Cm(6)
    box.rows[0].cells[0].text = ""
    document.add_paragraph()

    document.add_heading(layout.SIGN_OFF, level=1)
    document.add_paragraph(layout.SIGN_OFF_TEXT)
    table = document.add_table(rows=1 + len(layout.SIGNATURE_FIELDS), cols=1 + len(layout.SIGNATORIES))
    table.style = "Table Grid"
    header = table.rows[0].cells
    for cell, signatory in zip(header[1:], layout.SIGNATORIES):
        cell.text = signatory
        cell.paragraphs[0].runs[0].bold = True
        _shade(cell)
    _shade(header[0])
    for row, field in zip(table.rows[1:], layout.SIGNATURE_FIELDS):
        row.height = Cm(1.2)
        row.cells[0].text = field
        row.cells[0].paragraphs[0].runs[0].bold = True
    _widths(table, (3.0, 7.0, 7.0))


def _widths(table: Any, widths_cm: Sequence[float]) -> None:
    # Word reads the cell widths, LibreOffice the table grid: set both.
    from docx.shared import Cm

    table.autofit = False
    _cell_margins(table)
    _rows_stay_whole(table)
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


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

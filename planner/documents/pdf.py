"""The PDP as a printable A4 PDF in the style of a Civil Service appraisal form (fpdf2)."""

from __future__ import annotations

import dataclasses
import functools
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from planner.documents import layout
from planner.documents.report import PdpReport
from planner.errors import PlannerError

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

# A table row must fit on one page (fpdf2 raises otherwise), so a cell keeps at most this
# many characters per millimetre of its column's width (about 25 lines of text); the plan
# prints the rest of a cut objective in full below its table.
CHARS_PER_MM = 14
MORE = " … (in full below)"

# Column widths in millimetres (the page is 174 mm between margins), wide enough for the
# longest heading word and for "30 September 2025" to break only between words.
PLAN_WIDTHS = (44, 21, 32, 21, 21, 18, 17)
SKILL_WIDTHS = (66, 18, 18, 18, 18, 18, 18)
GAP_WIDTHS = (12, 34, 13, 74, 21, 20)
CHART_WIDTH = 140


def pdp_pdf(report: PdpReport) -> bytes:
    """The PDP as an A4 PDF to print, sign and hand to a line manager.

    Args:
        report: the plan's content, from build_report.

    Returns:
        The PDF file's bytes, with title, author and language set and a bookmark per section.

    Raises:
        PlannerError: the document could not be drawn (the message says what to try).
    """
    try:
        return _draw(report)
    except (ValueError, RuntimeError) as exc:
        raise PlannerError(
            "The PDF could not be made. Download the Word or Markdown version instead, and "
            f"tell the team that looks after KIM Pathways ({exc})."
        ) from exc


def _draw(report: PdpReport) -> bytes:
    pdf = _document_class()(report)
    pdf.add_page()
    _title(pdf, report)
    _details(pdf, report)
    _summary(pdf, report)
    _skills(pdf, report)
    _gaps(pdf, report)
    _plan(pdf, report)
    _reviews(pdf, report)
    _comments_and_sign_off(pdf)
    return bytes(pdf.output())


@functools.cache
def _document_class() -> type:
    # Defined on first use so that importing this module does not import fpdf2.
    from fpdf import FPDF, ViewerPreferences

    class PdpDocument(FPDF):
        def __init__(self, report: PdpReport) -> None:
            super().__init__(orientation="portrait", unit="mm", format="A4")
            self.report = report
            self.set_margins(MARGIN, MARGIN, MARGIN)
            self.set_auto_page_break(True, margin=MARGIN)
            self.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
            self.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
            self._add_fallback_font(report)
            self.set_font(FONT, size=BODY_SIZE)
            self.set_text_color(*INK)
            self.set_draw_color(*RULE)
            self.set_title(report.title)
            self.set_author(report.person)
            self.set_subject(layout.HEADING)
            self.set_creator("KIM Pathways")
            self.set_keywords("personal development plan, PDP, knowledge and information management")
            self.set_lang("en-GB")
            self.page_mode = "USE_OUTLINES"
            # Readers show the title, not the file name, in the window and to screen readers (PDF/UA).
            self.viewer_preferences = ViewerPreferences(display_doc_title=True)

        def _add_fallback_font(self, report: PdpReport) -> None:
            # Reading a 3 MB symbol font takes a tenth of a second: only when DejaVu lacks a glyph.
            covered = self.fonts[FONT.lower()].cmap
            text = json.dumps(dataclasses.asdict(report), ensure_ascii=False, default=str)
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
            self.cell(self.epw / 2, 5, _one_line(f"{layout.HEADING}: {self.report.person}", 70))
            self.cell(self.epw / 2, 5, f"Page {self.page_no()} of {{nb}}", align="R")
            self.set_text_color(*INK)
            self.set_font(FONT, size=BODY_SIZE)

    return PdpDocument


# --- Sections --------------------------------------------------------------------------------


def _title(pdf: Any, report: PdpReport) -> None:
    pdf.start_section(layout.HEADING, level=0)
    pdf.set_font(FONT, "B", 20)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 9, layout.HEADING, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, "", 12)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 6.5, _fit(report.person, 200), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, "", 8.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 4.5, layout.subtitle(report), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(*INK)
    pdf.ln(2)
    _rule(pdf)
    pdf.ln(4)


def _details(pdf: Any, report: PdpReport) -> None:
    from fpdf.fonts import FontFace

    pdf.set_font(FONT, size=9)
    label = FontFace(emphasis="BOLD", fill_color=HEADING_FILL)
    with pdf.table(col_widths=(40, 140), first_row_as_headings=False, text_align="LEFT",
                   line_height=4.6, padding=(1.1, 2), borders_layout="HORIZONTAL_LINES",
                   v_align="TOP") as table:
        for name, value in layout.details(report):
            row = table.row()
            row.cell(name, style=label)
            row.cell(_fit(value, 400))
    pdf.ln(3)


def _summary(pdf: Any, report: PdpReport) -> None:
    _heading(pdf, layout.SUMMARY)
    _bullets(pdf, report.summary)


def _skills(pdf: Any, report: PdpReport) -> None:
    png = layout.skill_chart_png(report)
    width = min(CHART_WIDTH, pdf.epw)
    height = width * _png_ratio(png)
    # The chart and its table (a row is about 11 mm) belong together on one page.
    _heading(pdf, layout.SKILLS, keep_with=height + 14 + 11 * len(report.skill_table))
    pdf.image(io.BytesIO(png), x=pdf.l_margin + (pdf.epw - width) / 2, w=width, h=height,
              alt_text=layout.chart_description(report), title="Skill profile")
    pdf.ln(3)
    headings, rows = layout.columns(report.skill_table)
    _table(pdf, headings, rows, SKILL_WIDTHS, centre_from=1)


def _gaps(pdf: Any, report: PdpReport) -> None:
    _heading(pdf, layout.GAPS)
    if not report.gap_table:
        _paragraph(pdf, layout.NO_GAPS)
        return
    headings, rows = layout.columns(report.gap_table)
    _table(pdf, headings, rows, GAP_WIDTHS, centre_columns={2, 5})


def _plan(pdf: Any, report: PdpReport) -> None:
    _heading(pdf, layout.PLAN)
    if not report.items:
        _paragraph(pdf, layout.NO_ITEMS)
        return
    rows, in_full = [], []
    for number, item in enumerate(report.items, start=1):
        cells = layout.plan_cells(item)
        if any(len(text) > width * CHARS_PER_MM for text, width in zip(cells, PLAN_WIDTHS)):
            in_full.append((number, item))
        rows.append(cells)
    _table(pdf, list(layout.PLAN_HEADINGS), rows, PLAN_WIDTHS, more=MORE)
    for number, item in in_full:
        _subheading(pdf, f"Objective {number} in full")
        _paragraph(pdf, item.objective)
        if item.activity:
            _paragraph(pdf, f"Activity: {item.activity}")
        if len(item.indicators) > PLAN_WIDTHS[1] * CHARS_PER_MM:
            _paragraph(pdf, f"Indicators: {item.indicators}")
    done = layout.evidence(report)
    if done:
        _heading(pdf, layout.EVIDENCE, level=1)
        for objective, evidence in done:
            _subheading(pdf, _one_line(objective, 160))
            _paragraph(pdf, evidence)


def _reviews(pdf: Any, report: PdpReport) -> None:
    _heading(pdf, layout.REVIEWS)
    if report.review_dates:
        _bullets(pdf, report.review_dates)
    else:
        _paragraph(pdf, layout.NO_REVIEWS)


def _comments_and_sign_off(pdf: Any) -> None:
    box = 55
    signatures = 42
    _heading(pdf, layout.COMMENTS, keep_with=box + signatures + 30)
    pdf.set_font(FONT, size=8.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 4.5, layout.COMMENTS_PROMPT, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(*INK)
    pdf.ln(1.5)
    pdf.set_draw_color(*MUTED)
    pdf.rect(pdf.l_margin, pdf.get_y(), pdf.epw, box)
    pdf.set_y(pdf.get_y() + box + 4)

    _heading(pdf, layout.SIGN_OFF)
    _paragraph(pdf, layout.SIGN_OFF_TEXT)
    gutter = 10
    column = (pdf.epw - gutter) / 2
    top = pdf.get_y() + 1
    for index, signatory in enumerate(layout.SIGNATORIES):
        x = pdf.l_margin + index * (column + gutter)
        pdf.set_xy(x, top)
        pdf.set_font(FONT, "B", 9.5)
        pdf.cell(column, 6, signatory)
        for line, field in enumerate(layout.SIGNATURE_FIELDS):
            y = top + 15 + line * 11
            pdf.set_xy(x, y - 4.5)
            pdf.set_font(FONT, size=9)
            pdf.cell(22, 5, field)
            pdf.line(x + 22, y, x + column, y)
    pdf.set_draw_color(*RULE)
    pdf.set_y(top + signatures)


# --- Building blocks -------------------------------------------------------------------------


def _heading(pdf: Any, text: str, level: int = 0, keep_with: float = 25) -> None:
    # Start a new page rather than leave a heading alone at the foot of one (unless the page
    # is still empty: what must follow is then longer than a page, and breaks anyway).
    if pdf.get_y() > pdf.t_margin + 1 and pdf.get_y() + 12 + keep_with > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(3 if level == 0 else 1.5)
    pdf.start_section(text, level=level + 1)
    pdf.set_font(FONT, "B", 13 if level == 0 else 11)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, size=BODY_SIZE)
    pdf.ln(1)


def _subheading(pdf: Any, text: str) -> None:
    if pdf.get_y() + 15 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(1)
    pdf.set_font(FONT, "B", 9.5)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, size=BODY_SIZE)


def _paragraph(pdf: Any, text: str) -> None:
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


def _table(
    pdf: Any,
    headings: list[str],
    rows: list[list[str]],
    widths: Sequence[float],
    centre_from: int | None = None,
    centre_columns: set[int] = frozenset(),
    more: str = "…",
) -> None:
    from fpdf.fonts import FontFace

    if len(widths) != len(headings):
        widths = [pdf.epw / len(headings)] * len(headings)  # columns changed: equal widths still print
    limits = [width * CHARS_PER_MM for width in widths]
    centred = set(centre_columns) | (set(range(centre_from, len(headings))) if centre_from else set())
    pdf.set_font(FONT, size=TABLE_SIZE)
    head = FontFace(emphasis="BOLD", fill_color=HEADING_FILL, color=INK)
    with pdf.table(col_widths=tuple(widths), headings_style=head, text_align="LEFT", line_height=4.1,
                   padding=(1.3, 1.5), cell_fill_color=STRIPE, cell_fill_mode="ROWS",
                   v_align="TOP", repeat_headings=1) as table:
        for cells in [headings, *rows]:
            row = table.row()
            for index, text in enumerate(cells):
                row.cell(_fit(text, limits[index], more), align="CENTER" if index in centred else "LEFT")
    pdf.set_font(FONT, size=BODY_SIZE)
    pdf.ln(3)


def _rule(pdf: Any) -> None:
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.6)
    y = pdf.get_y()
    pdf.line(pdf.l_margin, y, pdf.l_margin + pdf.epw, y)
    pdf.set_line_width(0.2)
    pdf.set_draw_color(*RULE)


def _fit(text: str, limit: float, more: str = "…") -> str:
    limit = int(limit)
    return text if len(text) <= limit else text[: limit - len(more)].rstrip() + more


def _one_line(text: str, limit: int) -> str:
    return _fit(" ".join(text.split()), limit)


def _png_ratio(png: bytes) -> float:
    # Width and height sit at fixed places in a PNG's IHDR chunk.
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    return height / width if width else 0.5

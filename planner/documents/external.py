"""A portfolio against a professional body's framework (CILIP, ARA, IRMS) as Markdown, PDF or Word."""

from __future__ import annotations

from planner.documents import cpd, markdown, pdf, word
from planner.documents.evidence import evidence_blocks
from planner.documents.model import Block, Bullets, Document, Heading, Pairs, Paragraph, Table, cells
from planner.domain import external, wording
from planner.domain.evidence import FrameworkEvidence
from planner.domain.external import AreaPortfolio, Portfolio

DETAIL_WIDTHS = (45, 129)
COVERAGE_WIDTHS = (62, 18, 22, 24, 24, 24)
AREA_WIDTHS = (20, 86, 26, 14, 28)
AREA_HEADINGS = ("Indicator", "Statement", "Rating", "Met", "Evidence")


def portfolio_document(p: Portfolio, evidence: FrameworkEvidence | None = None) -> Document:
    """The portfolio as a Document for any format: details, purpose, summary, each area, what is missing, and
    the STAR evidence of the self-assessment against the framework (when `evidence` is given)."""
    ef = p.framework
    assessed = wording.long_date(p.assessed_on) if p.assessed_on else "Ratings not saved as an assessment yet"
    details = (
        ("Name", p.person),
        ("Professional body", ef.body),
        ("Framework", ef.name),
        ("Assessment", assessed),
        ("Areas with evidence", f"{p.covered} of {p.total} ({round(p.coverage * 100)}%)"),
        ("Prepared on", wording.long_date(p.prepared_on)),
    )
    body: list[Block] = [Pairs(details, DETAIL_WIDTHS)]
    body += [Heading("Purpose")]
    body += [Paragraph(ef.purpose)] if ef.purpose else []
    body += [Paragraph(ef.note)] if ef.note else []
    body += [Heading("Summary"), Bullets(tuple(external.summary(p)))]
    coverage = external.coverage_table(p)
    body += [
        Heading("Coverage by area"),
        Table(tuple(coverage[0]), tuple(cells(list(row.values())) for row in coverage), COVERAGE_WIDTHS),
        Heading("Evidence by area"),
    ]
    for area in p.areas:
        body += _area(area)
    body += [Heading("Areas still to cover")]
    todo = [_next_step(a) for a in p.areas if not a.covered]
    body += [Bullets(tuple(todo))] if todo else [Paragraph("Every area has at least one indicator met with evidence.")]
    body += evidence_blocks(evidence) if evidence is not None else []
    body += cpd_section(p)
    subtitle = (
        f"Evidence from a self-assessment against the Government KIM Professional Skills Framework, "
        f"mapped to the {ef.name}. Prepared with KIM Pathways on {wording.long_date(p.prepared_on)}."
    )
    return Document(title=p.title, subtitle=subtitle, author=p.person, subject=p.portfolio_title,
                    blocks=tuple(body))


def cpd_section(p: Portfolio) -> list[Block]:
    """The portfolio's CPD part, when it carries the log: the entries of the period, totals, the 12 months
    against CILIP's 20 hours, and the reflective statement (as the CPD log's own download has them)."""
    if p.cpd is None:
        return []
    return [Heading("Continuing professional development (CPD)"), Pairs(tuple(cpd.details(p.cpd)), DETAIL_WIDTHS),
            *cpd.log_blocks(p.cpd, level=2)]


def _area(a: AreaPortfolio) -> list[Block]:
    covered = "Covered: at least one indicator is met with evidence." if a.covered else "Not covered yet."
    rows = tuple(
        (i.code, i.statement, i.rating, "Yes" if i.met else "No", "Written" if i.has_evidence else "Not written")
        for i in a.indicators
    )
    out: list[Block] = [Heading(a.area.name, level=2)]
    out += [Paragraph(f"{a.area.description} {covered}".strip())]
    out += [Table(AREA_HEADINGS, rows, AREA_WIDTHS)]
    for i in a.indicators:
        if i.has_evidence:
            out += [Heading(f"Evidence for {i.code}", level=3), Paragraph(i.evidence)]
    if a.missing:
        out += [Paragraph("Still needed:"), Bullets(tuple(a.missing))]
    return out


def _next_step(a: AreaPortfolio) -> str:
    met = [i.code for i in a.indicators if i.met]
    if met:
        return f"{a.area.name}: write evidence for {', '.join(met)}, which you already meet."
    codes = ", ".join(i.code for i in a.indicators)
    return f"{a.area.name}: meet one of {codes} (a rating of 3 or more) and write evidence for it."


def portfolio_markdown(p: Portfolio, evidence: FrameworkEvidence | None = None) -> bytes:
    """The portfolio as UTF-8 Markdown, every cell escaped."""
    return markdown.render_markdown(portfolio_document(p, evidence))


def portfolio_pdf(p: Portfolio, evidence: FrameworkEvidence | None = None) -> bytes:
    """The portfolio as an A4 PDF with the PDP's fonts, bookmarks and metadata.

    Raises:
        ExportError: the PDF could not be drawn.
    """
    return pdf.render_pdf(portfolio_document(p, evidence))


def portfolio_docx(p: Portfolio, evidence: FrameworkEvidence | None = None) -> bytes:
    """The portfolio as an editable Word document with real headings and tables.

    Raises:
        ExportError: the Word document could not be made.
    """
    return word.render_docx(portfolio_document(p, evidence))

"""The PDP as Markdown: the same content as the PDF, as plain text anyone can edit or paste."""

from __future__ import annotations

import re
from collections.abc import Sequence

from planner.documents import layout
from planner.documents.report import PdpReport

# Characters that would otherwise start emphasis, links, code, HTML or a table cell.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#$])")  # $ too: many viewers render $...$ as maths


def pdp_markdown(report: PdpReport) -> bytes:
    """The PDP as a Markdown document.

    Args:
        report: the plan's content, from build_report.

    Returns:
        UTF-8 bytes of GitHub-flavoured Markdown, ending with a newline.
    """
    lines: list[str] = [f"# {_inline(report.title)}", "", _inline(layout.subtitle(report)), ""]
    lines += _table(["Detail", "Value"], [[name, value] for name, value in layout.details(report)])

    lines += _heading(layout.SUMMARY)
    lines += [f"- {_inline(sentence)}" for sentence in report.summary] + [""]

    lines += _heading(layout.SKILLS)
    lines += [_inline(layout.chart_description(report)), ""]
    headings, rows = layout.columns(report.skill_table)
    lines += _table(headings, rows)

    lines += _heading(layout.GAPS)
    headings, rows = layout.columns(report.gap_table)
    lines += _table(headings, rows) if rows else [layout.NO_GAPS, ""]

    lines += _heading(layout.PLAN)
    rows = [layout.plan_cells(item) for item in report.items]
    lines += _table(list(layout.PLAN_HEADINGS), rows) if rows else [layout.NO_ITEMS, ""]
    done = layout.evidence(report)
    if done:
        lines += _heading(layout.EVIDENCE, level=3)
        for objective, evidence in done:
            lines += [f"**{_inline(objective)}**", "", _block(evidence), ""]

    lines += _heading(layout.REVIEWS)
    if report.review_dates:
        lines += [f"- {date}" for date in report.review_dates] + [""]
    else:
        lines += [layout.NO_REVIEWS, ""]

    lines += _heading(layout.COMMENTS)
    lines += [f"_{layout.COMMENTS_PROMPT}_", "", "> ", "> ", "> ", ""]

    lines += _heading(layout.SIGN_OFF)
    lines += [layout.SIGN_OFF_TEXT, ""]
    for signatory in layout.SIGNATORIES:
        lines += [f"**{signatory}**", ""]
        lines += [f"- {field}: ______________________________" for field in layout.SIGNATURE_FIELDS]
        lines += [""]
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


def cell(text: str) -> str:
    """Text made safe for one Markdown table cell: escaped, with line breaks as <br>."""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(_inline(line) for line in lines).strip()


def _heading(text: str, level: int = 2) -> list[str]:
    return ["#" * level + " " + _inline(text), ""]


def _table(headings: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(cell(h) for h in headings) + " |",
           "|" + "|".join(" --- " for _ in headings) + "|"]
    out += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return out + [""]


def _inline(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _block(text: str) -> str:
    # Keeps the person's line breaks: two trailing spaces make a Markdown line break.
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "  \n".join(_SPECIAL.sub(r"\\\1", line.strip()) for line in lines)

"""The "Evidence against the framework" section, as the PDP and the professional-bodies portfolio both print it."""

from __future__ import annotations

from planner.documents.model import Block, Heading, Label, Paragraph
from planner.domain.evidence import HEADING, FrameworkEvidence

KEEP_WITH_MM = 30
"""An indicator's heading keeps its rating and the start of its first STAR part with it on a printed page."""


def evidence_blocks(evidence: FrameworkEvidence, level: int = 1) -> list[Block]:
    """The section: where the evidence comes from, then each indicator's ratings and the STAR parts written.

    Args:
        evidence: the self-assessment's evidence (planner.domain.evidence.evidence_of).
        level: the section heading's level; each indicator's heading is one below it.
    """
    blocks: list[Block] = [Heading(HEADING, level=level)]
    if not evidence.indicators:
        return [*blocks, Paragraph(evidence.about)]
    blocks.append(Paragraph(evidence.about, muted=True))
    for indicator in evidence.indicators:
        # Each part as a paragraph, never a table cell: a long example is printed in full.
        blocks += [Heading(indicator.title, level=level + 1, keep_with_mm=KEEP_WITH_MM),
                   Paragraph(indicator.ratings_line)]
        for part, text in indicator.star:
            blocks += [Label(part), Paragraph(text)]
    return blocks

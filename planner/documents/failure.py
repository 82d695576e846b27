"""The one way a document that could not be made is told to a person: what failed and what to try."""

from __future__ import annotations

from collections.abc import Callable

from planner.errors import PlannerError


class ExportError(PlannerError):
    """A document could not be made; the message names the format and the other files to use."""


def made_or_explained(what: str, instead: str, make: Callable[[], bytes]) -> bytes:
    """The bytes `make` returns, or an ExportError in plain English if drawing the file failed.

    Args:
        what: the file in words, such as "The PDF" or "The Word document".
        instead: the other downloads to suggest, such as "the Word or Markdown version".
        make: draws the file.

    Raises:
        ExportError: the drawing library refused the content (a ValueError or RuntimeError).
    """
    try:
        return make()
    except (ValueError, RuntimeError) as exc:
        raise ExportError(
            f"{what} could not be made. Download {instead} instead, and tell the team that looks after "
            f"KIM Pathways ({exc})."
        ) from exc

"""Dates and lists written the way GOV.UK writes them."""

from __future__ import annotations

from datetime import date


def long_date(value: date | None) -> str:
    """A date such as '2 June 2025' (no leading zero), or '' for no date."""
    return f"{value.day} {value:%B %Y}" if value else ""

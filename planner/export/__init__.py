"""Exports of plans and records as bytes: PDF, Word, Markdown, CSV, JSON and iCalendar."""

"""The documents the app writes: PDF, Word, Markdown, spreadsheets, calendars and the charts inside them."""

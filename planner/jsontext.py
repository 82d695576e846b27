"""Reading JSON text from bytes, with every way it can fail said once, in plain English.

Both the person files (planner.store) and every uploaded or shipped file (planner.io) are JSON,
and a reader of either must say the same thing about the same fault: not UTF-8, not valid JSON,
nested or numbered past what Python's reader can take. It sits at the top of planner, beside
errors.py, because the store may import only the domain and errors, and reading bytes is no
rule of the domain; it imports nothing of planner, so every layer may use it.
"""

from __future__ import annotations

import json
from typing import Any


class NotJSON(ValueError):
    """Bytes that are not readable JSON.

    Attributes:
        reason: what is wrong, as words that follow "it" or "the file", such as
            "is not valid JSON at line 1, column 2 (Expecting value)".
    """

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def parse_json(data: bytes) -> Any:
    """The value of UTF-8 JSON text (a byte order mark is allowed).

    Args:
        data: the bytes of the text.

    Returns:
        The parsed value.

    Raises:
        NotJSON: the bytes are not UTF-8, not valid JSON, nested too deeply for the reader, or hold
            a whole number too long to read.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotJSON("is not text (UTF-8), so it cannot be JSON") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotJSON(f"is not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})") from None
    except RecursionError:
        # Lists or objects nested thousands deep: no JSON reader here can follow them.
        raise NotJSON("is nested too deeply to read") from None
    except ValueError:
        # Python refuses to convert whole numbers of more than 4,300 digits (a guard against slowness).
        raise NotJSON("holds a number too long to read") from None

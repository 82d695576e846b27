"""Work out the formulas of a spreadsheet the app writes, as Excel would, for the few functions it uses.

openpyxl reads a formula but cannot calculate it; this evaluates IF, AND, COUNT and SUMPRODUCT over cells,
ranges, numbers, text and comparisons, treating an empty cell as Excel does (0 in a sum or a comparison,
not counted by COUNT). Anything else is refused, so a formula the app starts writing differently fails loudly.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

_TOKEN = re.compile(
    r'\s*(?:(?P<text>"[^"]*")|(?P<range>\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+)|(?P<cell>\$?[A-Z]+\$?\d+)'
    r'|(?P<number>\d+(?:\.\d+)?)|(?P<function>IF|AND|COUNT|SUMPRODUCT)(?=\()|(?P<compare><>|>=|<=|=|>|<)'
    r'|(?P<punct>[(),]))'
)
_OPERATORS = {"=": "==", "<>": "!=", ">=": ">=", "<=": "<=", ">": ">", "<": "<"}


def _place(ref: str) -> tuple[int, int]:
    letters, digits = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", ref).groups()  # type: ignore[union-attr]
    return int(digits), column_index_from_string(letters)


def evaluate(sheet: Worksheet, ref: str) -> Any:
    """The value of the cell `ref` (such as "K5"): its formula worked out, or the value it holds."""
    value = sheet[ref].value
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    python, at = [], 0
    source = value[1:]
    while at < len(source):
        match = _TOKEN.match(source, at)
        if match is None or match.end() == at:
            raise ValueError(f"cannot work out {value!r} from position {at}")
        at = match.end()
        kind, token = next((k, t) for k, t in match.groupdict().items() if t is not None)
        if kind == "range":
            python.append(f"_range({token.split(':')[0]!r}, {token.split(':')[1]!r})")
        elif kind == "cell":
            python.append(f"_cell({token!r})")
        elif kind == "compare":
            python.append(_OPERATORS[token])
        elif kind == "function":
            python.append(f"_{token.lower()}")
        else:
            python.append(token)

    def _cell(name: str) -> Any:
        held = evaluate(sheet, name.replace("$", ""))
        return 0 if held is None else held

    def _range(start: str, end: str) -> list[Any]:
        (r1, c1), (r2, c2) = _place(start), _place(end)
        return [sheet[f"{get_column_letter(c)}{r}"].value for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]

    def _number(held: Any) -> float:
        return held if isinstance(held, (int, float)) and not isinstance(held, bool) else 0

    namespace = {
        "_cell": _cell, "_range": _range,
        "_if": lambda test, yes, no="": yes if test else no,
        "_and": lambda *tests: all(tests),
        "_count": lambda cells: sum(1 for c in cells if isinstance(c, (int, float)) and not isinstance(c, bool)),
        "_sumproduct": lambda left, right: sum(_number(a) * _number(b) for a, b in zip(left, right, strict=True)),
    }
    return eval(" ".join(python), {"__builtins__": {}}, namespace)  # only the formulas the app itself writes

"""Cells of every file Wijkpunt exports (CSV and XLSX) stay data: never a formula.

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return as a formula (OWASP "CSV injection"): a tenant who chooses the e-mail address
``=HYPERLINK("http://x")@example.org`` would get a live link into the letting service's sheet.

- CSV: such a text gets a leading ``'`` (spreadsheets show it as text). A text that already
  starts with ``'`` followed by one of those characters (or a second ``'``) gets one more, so
  that ``read_cell`` gives back exactly what was exported. ``'t Hof`` is left alone.
- XLSX: a text is written as a text cell (never a formula, whatever it starts with), marked
  "quote prefix" so it stays text when somebody edits it in Excel; nothing is added to it.
- Numbers (a floor of -1, a longitude of -3.5) stay numbers in both: a number is no formula.

Every exporter writes through ``csv_cells`` / ``xlsx_cell``; the registry import reads every
text through ``read_cell``, so an exported file imports back unchanged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def safe_cell(text: str) -> str:
    """A text for a CSV cell that no spreadsheet reads as a formula (see the module)."""
    first = text[:1]
    if first in FORMULA_START or (first == QUOTE and text[1:2] in (*FORMULA_START, QUOTE)):
        return QUOTE + text
    return text


def read_cell(text: str) -> str:
    """The text a cell written by ``safe_cell`` stood for (also: a spreadsheet's own quote
    prefix, as in ``'+32 470 12 34 56``, is not part of the value)."""
    if text[:1] == QUOTE and text[1:2] in (*FORMULA_START, QUOTE):
        return text[1:]
    return text


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def csv_cell(value: Any) -> str:
    """One value as CSV text: numbers as they are, every text made safe."""
    if value is None:
        return ""
    if _is_number(value):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return safe_cell(str(value))


def csv_cells(values: Iterable[Any]) -> list[str]:
    return [csv_cell(v) for v in values]


def xlsx_cell(sheet, value: Any) -> Any:
    """One value for an openpyxl (write-only) sheet: a text becomes a text cell, never a
    formula; numbers, dates and empty cells are left to openpyxl."""
    if value is None or _is_number(value) or isinstance(value, dt.date):
        return value
    text = str(value)
    if text[:1] not in FORMULA_START:
        return text
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl makes any text that starts with "=" a formula
    cell.quotePrefix = True
    return cell

"""One parsed row and the parsing of its cells (dates, numbers, yes/no, national numbers)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from wijkpunt.core.spreadsheet import read_cell
from wijkpunt.housing.importing.columns import (
    EXCEL_EPOCH,
    FALSE_WORDS,
    FLOOR_WORDS,
    NATIONAL_NUMBER_VALUE,
    TRUE_WORDS,
)


class Row:
    """One parsed row: ``values`` holds the fields whose column is in the file and whose
    cell could be read; ``bad`` the fields that have a problem (their value is left out, so a
    later check never reports a second problem for the same cell)."""

    __slots__ = ("source", "line", "values", "ok", "bad")

    def __init__(self, source: str, line: int):
        self.source = source
        self.line = line
        self.values: dict[str, Any] = {}
        self.ok = True
        self.bad: set[str] = set()

    def has(self, *names: str) -> bool:
        """Every one of these fields has a value (checks that need them can run)."""
        return all(self.values.get(name) not in (None, "") for name in names)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


def _text(value: Any) -> str:
    """A cell as text. A quote that kept an exported text from becoming a formula
    (``core.spreadsheet``) is not part of the value."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return read_cell(str(value).strip())


_DATE_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_DATE_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(value: Any) -> dt.date:
    """YYYY-MM-DD, DD/MM/YYYY (also with - or .), or a real spreadsheet date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 < value < 100000:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = _text(value)
    if " " in text:  # "2024-03-01 00:00:00"
        text = text.split(" ", 1)[0]
    if m := _DATE_YMD.match(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DATE_DMY.match(text):
        day, month, year = (int(g) for g in m.groups())
    else:
        raise ValueError(text)
    return dt.date(year, month, day)


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError(text)


def parse_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(value)
        return int(value)
    text = _text(value)
    if re.fullmatch(r"-?\d+([.,]0+)?", text):
        return int(re.split(r"[.,]", text)[0])
    raise ValueError(text)


def parse_decimal(value: Any) -> Decimal:
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = Decimal(str(value))
    else:
        try:
            number = Decimal(_text(value).replace(",", "."))
        except InvalidOperation as exc:
            raise ValueError(value) from exc
    if not number.is_finite():
        raise ValueError(value)
    return number.quantize(Decimal("0.000001"))


def looks_like_national_number(value: Any) -> bool:
    """An 11-digit value with the check digits of a Belgian national register number."""
    m = NATIONAL_NUMBER_VALUE.match(_text(value))
    if not m:
        return False
    digits = "".join(m.groups())
    base, check = int(digits[:9]), int(digits[9:])
    return check in (97 - base % 97, 97 - (2000000000 + base) % 97)


BUILDING_NEEDS = ("estate", "street", "number", "postcode", "city")


def knows_building(row: Row) -> bool:
    """The row's building can be told (and checked): its address is complete and its
    building reference, if any, could be read."""
    return row.has(*BUILDING_NEEDS) and "building_ref" not in row.bad


def building_key(row: Row) -> tuple:
    v = row.values
    if v.get("building_ref"):
        return ("ref", v["building_ref"])
    return ("address", *address_key(row))


def address_key(row: Row) -> tuple:
    v = row.values
    return (v["street"].lower(), v["number"].lower(), v["postcode"].lower())


def _int_between(low: int, high: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        number = parse_int(value)
        if not low <= number <= high:
            raise ValueError(value)
        return number

    return parse


def _floor(value: Any) -> int:
    word = FLOOR_WORDS.get(_text(value).lower())
    if word is not None:
        return word
    return _int_between(-3, 60)(value)


def _decimal_between(low: int, high: int) -> Callable[[Any], Decimal]:
    def parse(value: Any) -> Decimal:
        number = parse_decimal(value)
        if not low <= number <= high:
            raise ValueError(value)
        return number

    return parse


def _cmp(value: Any) -> Any:
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.000001"))
    if isinstance(value, float):
        return Decimal(str(value)).quantize(Decimal("0.000001"))
    if isinstance(value, str):
        return value.strip()
    return value


def _d(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _shown(value: Any) -> str:
    if value is None or value == "":
        return _("an empty value")
    if isinstance(value, dt.date):
        return _d(value)
    return f"“{value}”"

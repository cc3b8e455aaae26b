"""Belgian phone numbers as people type them: +32 470 12 34 56, 0470/12.34.56, 056 11 22 33."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SEPARATORS = re.compile(r"[\s./\-()]+")
# Zones with a one-digit area code: Brussels, Antwerp, Liège, Ghent.
ONE_DIGIT_ZONES = {"2", "3", "4", "9"}

INVALID = _(
    "This is not a Belgian phone number we can use. Type it like this: 0470 12 34 56 "
    "(mobile) or 056 12 34 56 (landline). From abroad: +32 470 12 34 56."
)


def national_digits(value: str) -> str | None:
    """The number as 9 or 10 digits starting with 0, or None when it is not Belgian."""
    raw = SEPARATORS.sub("", value or "")
    if raw.startswith("+32"):
        raw = "0" + raw[3:]
    elif raw.startswith("0032"):
        raw = "0" + raw[4:]
    if raw.startswith("00"):
        # "0032 0470 ..." and "+32 (0)470 ..." are common ways of writing it.
        raw = raw[1:]
    if not raw.isdigit() or not raw.startswith("0") or raw.startswith("00"):
        return None
    if raw.startswith("04") and len(raw) == 10 and raw[2] in "56789":
        return raw  # mobile: 045x-049x
    if len(raw) == 9 and not raw.startswith("04" + "0"):
        return raw  # landline
    return None


def normalise_belgian_phone(value: str) -> str:
    """The number written the usual Belgian way, or ValidationError with a clear message."""
    value = (value or "").strip()
    if not value:
        return ""
    digits = national_digits(value)
    if digits is None:
        raise ValidationError(INVALID, code="invalid_phone")
    if len(digits) == 10:
        return f"{digits[:4]} {digits[4:6]} {digits[6:8]} {digits[8:]}"
    if digits[1] in ONE_DIGIT_ZONES:
        return f"{digits[:2]} {digits[2:5]} {digits[5:7]} {digits[7:]}"
    return f"{digits[:3]} {digits[3:5]} {digits[5:7]} {digits[7:]}"


def tel_uri(value: str) -> str:
    """A tel: link for a Belgian number (international form), or "" when it is not one."""
    digits = national_digits(value or "")
    if digits is None:
        raw = SEPARATORS.sub("", value or "")
        return f"tel:{raw}" if re.fullmatch(r"\+?\d{6,15}", raw) else ""
    return "tel:+32" + digits[1:]

"""One strict parser for whole numbers that arrive as text: query parameters, Open311 ids and
``address_id``, ``limit`` and ``offset``.

``str.isdigit()`` is true for "²" and for Arabic-Indic digits, and ``int()`` accepts some of
those and refuses others; a number past 2^63 passes Python but overflows the database. Here a
number is ASCII digits only and below 2^63 (so it always fits a 64-bit column), nothing
else: no sign, no spaces, no underscores, no superscripts."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination

MAX_DIGITS = 19  # 2^63 - 1 has 19 digits; the bit length check below does the rest
ASCII_DIGITS = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")

# Every list of the REST API returns at most this many items per page (``limit`` above it is
# lowered to it); the offset of a page is at most MAX_OFFSET.
MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
MAX_OFFSET = 10**9
MAX_INT = 2**63 - 1


class NotANumber(ValueError):
    """The text is not a whole number made of ASCII digits within the allowed range."""


def parse_int(value, *, minimum: int = 0, maximum: int | None = None) -> int:
    """The whole number in ``value`` (a str, or an int that is not a bool), else NotANumber.

    Nothing but ASCII digits: no spaces, sign, underscore, other scripts' digits."""
    if isinstance(value, bool):
        raise NotANumber(value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and ASCII_DIGITS.fullmatch(value):
        number = int(value)
    else:
        raise NotANumber(value)
    if number < minimum or (maximum is not None and number > maximum):
        raise NotANumber(value)
    if number.bit_length() > 63:
        raise NotANumber(value)
    return number


def is_id(value) -> bool:
    """Does ``value`` look like a database id (a positive whole number in ASCII digits)?"""
    try:
        parse_int(value, minimum=1)
    except NotANumber:
        return False
    return True


class StrictIntegerField(serializers.IntegerField):
    """An integer in a request body: a JSON number without a fraction, or a text of ASCII
    digits. Not a bool, not "²", not "٣", not "1_000", nothing past 2^63."""

    def to_internal_value(self, data):
        if isinstance(data, float) and data.is_integer() and abs(data) < 2**53:
            data = int(data)
        try:
            value = parse_int(data, minimum=-(2**63))
        except NotANumber:
            self.fail("invalid")
        self.run_validators(value)
        return value


class StrictPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """An object by its id, with the id checked by ``parse_int`` first."""

    def to_internal_value(self, data):
        try:
            data = parse_int(data, minimum=1)
        except NotANumber:
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


class Pagination(LimitOffsetPagination):
    """``limit`` and ``offset`` for every list of the REST API: whole numbers in ASCII digits,
    ``limit`` from 1 (above MAX_PAGE_SIZE it is lowered to MAX_PAGE_SIZE), ``offset`` from 0
    to MAX_OFFSET. Anything else is a 400 with the reason, never a 500 nor silently ignored."""

    default_limit = DEFAULT_PAGE_SIZE
    max_limit = MAX_PAGE_SIZE

    def get_limit(self, request) -> int:
        raw = request.query_params.get(self.limit_query_param)
        if raw in (None, ""):
            return self.default_limit
        try:
            return min(parse_int(raw, minimum=1), self.max_limit)
        except NotANumber:
            raise serializers.ValidationError(
                {"limit": [_("Give a whole number from 1 to %(max)s.") % {"max": MAX_PAGE_SIZE}]}
            ) from None

    def get_offset(self, request) -> int:
        raw = request.query_params.get(self.offset_query_param)
        if raw in (None, ""):
            return 0
        try:
            return parse_int(raw, minimum=0, maximum=MAX_OFFSET)
        except NotANumber:
            raise serializers.ValidationError(
                {"offset": [_("Give a whole number from 0 to %(max)s.") % {"max": MAX_OFFSET}]}
            ) from None

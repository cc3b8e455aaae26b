"""Checking rows: every cell of a row, then the rows of a file against each other."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkpunt.housing.importing.columns import (
    DWELLING_TYPES,
    LANGUAGES,
    MAX_LENGTHS,
    RELATIONS,
)
from wijkpunt.housing.importing.values import (
    Row,
    _cmp,
    _d,
    _decimal_between,
    _floor,
    _int_between,
    _shown,
    _text,
    address_key,
    building_key,
    knows_building,
    parse_bool,
    parse_date,
)


class RowChecks:
    """The row phase of ``RegistryImport`` (a mixin: it adds problems to the import)."""

    # provided by RegistryImport
    dwelling_rows: list[Row]
    resident_rows: list[Row]

    if TYPE_CHECKING:

        def problem(
            self, row: Row | None, column_field: str, message: str, source: str = ""
        ) -> None: ...

    # -- cell parsing helpers --
    def _str(self, row: Row, raw: dict, name: str, *, required: bool = False) -> None:
        if name not in raw:
            return
        text = _text(raw[name])
        if required and not text:
            self.problem(row, name, _("This field is required."))
            return
        limit = MAX_LENGTHS.get(name)
        if limit and len(text) > limit:
            self.problem(
                row,
                name,
                _("At most %(limit)s characters (now %(n)s).") % {"limit": limit, "n": len(text)},
            )
            return
        row.values[name] = text

    def _typed(
        self, row, raw, name, parser, message, *, blank_is=None, keep_blank=False, params=None
    ):
        if name not in raw:
            return
        value = raw[name]
        if _text(value) == "":
            if keep_blank:  # a blank cell keeps the current value (fields that cannot be empty)
                return
            row.values[name] = blank_is
            return
        try:
            row.values[name] = parser(value)
        except (ValueError, TypeError, OverflowError):
            self.problem(row, name, str(message) % {"value": _text(value), **(params or {})})

    def _choice(self, row: Row, raw: dict, name: str, choices: dict, message) -> None:
        """A value from a fixed list (case-insensitive); anything else is a problem."""
        text = _text(raw.get(name))
        if not text:
            return
        value = choices.get(text.lower())
        if value is None:
            self.problem(row, name, str(message) % {"value": text})
        else:
            row.values[name] = str(value)

    def _parse_dwelling(self, row: Row, raw: dict) -> None:
        self._str(row, raw, "dwelling_ref", required=True)
        self._str(row, raw, "estate", required=True)
        self._str(row, raw, "building_ref")
        self._str(row, raw, "building_name")
        self._str(row, raw, "street", required=True)
        self._str(row, raw, "number", required=True)
        self._str(row, raw, "unit")
        self._str(row, raw, "postcode", required=True)
        self._str(row, raw, "city", required=True)
        self._choice(
            row,
            raw,
            "dwelling_type",
            DWELLING_TYPES,
            gettext_lazy(
                "%(value)s is not a known type. Use appartement, huis, studio, duplex "
                "or serviceflat."
            ),
        )
        self._typed(
            row,
            raw,
            "bedrooms",
            _int_between(0, 12),
            gettext_lazy("%(value)s is not a number of bedrooms between 0 and 12."),
            keep_blank=True,
        )
        self._typed(
            row,
            raw,
            "floor",
            _floor,
            gettext_lazy("%(value)s is not a floor between -3 and 60."),
            keep_blank=True,
        )
        bool_msg = gettext_lazy("%(value)s is not yes or no. Use ja or nee.")
        self._typed(row, raw, "has_lift", parse_bool, bool_msg, keep_blank=True)
        self._typed(row, raw, "adapted", parse_bool, bool_msg, keep_blank=True)
        self._typed(
            row,
            raw,
            "latitude",
            _decimal_between(-90, 90),
            gettext_lazy(
                "%(value)s is not a latitude (a number between -90 and 90, e.g. 50.8123)."
            ),
        )
        self._typed(
            row,
            raw,
            "longitude",
            _decimal_between(-180, 180),
            gettext_lazy(
                "%(value)s is not a longitude (a number between -180 and 180, e.g. 3.2701)."
            ),
        )
        # household
        self._str(row, raw, "household_ref")
        # a reference that has a problem of its own still means "there is a household"
        has_household = bool(row.get("household_ref")) or "household_ref" in row.bad
        self._str(row, raw, "household_name", required=has_household)
        if has_household and "household_name" not in raw:
            self.problem(
                row, "household_ref", _("A new household needs a name (column gezinsnaam).")
            )
        if "language" in raw and _text(raw["language"]):
            lang = LANGUAGES.get(_text(raw["language"]).lower())
            if lang is None:
                self.problem(
                    row,
                    "language",
                    _("%(value)s is not a language Wijkpunt writes in. Use nl, fr or en.")
                    % {"value": _text(raw["language"])},
                )
            else:
                row.values["language"] = lang
        self._str(row, raw, "phone")
        self._email(row, raw)
        # tenancy
        self._str(row, raw, "tenancy_ref")
        date_msg = gettext_lazy("%(value)s is not a valid date. Use DD/MM/YYYY or YYYY-MM-DD.")
        self._typed(row, raw, "start_date", parse_date, date_msg)
        self._typed(row, raw, "end_date", parse_date, date_msg)
        self._typed(row, raw, "probation_end", parse_date, date_msg)
        tenancy_given = any(
            row.get(f) or f in row.bad
            for f in ("tenancy_ref", "start_date", "end_date", "probation_end")
        )
        # The checks below run whatever the cells above found (a problem elsewhere in the
        # row never hides one here); a cell that has a problem is not reported twice.
        if tenancy_given and not has_household:
            self.problem(
                row,
                "household_ref" if "household_ref" in raw else "tenancy_ref",
                _("A tenancy needs a household: fill in gezin_ref."),
            )
        if has_household:
            if not row.get("tenancy_ref") and "tenancy_ref" not in row.bad:
                self.problem(
                    row, "tenancy_ref", _("A household on a dwelling needs a tenancy reference.")
                )
            if not row.get("start_date") and "start_date" not in row.bad:
                self.problem(row, "start_date", _("A household on a dwelling needs a start date."))
        start, end, probation = row.get("start_date"), row.get("end_date"), row.get("probation_end")
        if start and end and end < start:
            self.problem(
                row,
                "end_date",
                _("The end (%(end)s) is before the start (%(start)s).")
                % {"end": _d(end), "start": _d(start)},
            )
        if start and probation and probation < start:
            self.problem(
                row,
                "probation_end",
                _("The probation ends (%(end)s) before the tenancy starts (%(start)s).")
                % {"end": _d(probation), "start": _d(start)},
            )

    def _email(self, row: Row, raw: dict) -> None:
        if "email" not in raw:
            return
        text = _text(raw["email"])
        if text:
            try:
                validate_email(text)
            except ValidationError:
                self.problem(
                    row, "email", _("%(value)s is not a valid e-mail address.") % {"value": text}
                )
                return
        row.values["email"] = text.lower()

    def _parse_resident(self, row: Row, raw: dict) -> None:
        self._str(row, raw, "resident_ref", required=True)
        self._str(row, raw, "household_ref", required=True)
        self._str(row, raw, "first_name", required=True)
        self._str(row, raw, "last_name", required=True)
        self._choice(
            row,
            raw,
            "relation",
            RELATIONS,
            gettext_lazy(
                "%(value)s is not a known relation. Use hoofdhuurder, partner, kind or ander."
            ),
        )
        year = dt.date.today().year
        self._typed(
            row,
            raw,
            "birth_year",
            _int_between(1900, year),
            gettext_lazy("%(value)s is not a year of birth between 1900 and %(year)s."),
            params={"year": year},
        )
        self._str(row, raw, "phone")
        self._email(row, raw)

    # -- cross-row checks within the file --
    def check_rows(self) -> None:
        seen_dwelling: dict[str, Row] = {}
        seen_tenancy: dict[str, Row] = {}
        buildings: dict[tuple, Row] = {}
        address_ref: dict[tuple, tuple[str, Row]] = {}
        slots: dict[tuple, Row] = {}
        households: dict[str, Row] = {}
        open_by_household: dict[str, Row] = {}
        # Every row takes part, also a row with a problem in another cell: a check needs only
        # the cells it compares (a cell with a problem has no value and is left out).
        for row in self.dwelling_rows:
            ref = row.get("dwelling_ref")
            if ref:
                if ref in seen_dwelling:
                    self.problem(
                        row,
                        "dwelling_ref",
                        _("Dwelling %(ref)s is also on line %(line)s.")
                        % {"ref": ref, "line": seen_dwelling[ref].line},
                    )
                seen_dwelling.setdefault(ref, row)
            if knows_building(row):
                self._check_building_rows(row, buildings, address_ref, slots)
            href = row.get("household_ref")
            if href:
                first_h = households.get(href)
                if first_h is None:
                    households[href] = row
                else:
                    for f in ("household_name", "language", "phone", "email"):
                        if (
                            f in row.values
                            and f in first_h.values
                            and row.values[f] != (first_h.values[f])
                        ):
                            self.problem(
                                row,
                                f,
                                _(
                                    "Household %(ref)s is on line %(line)s with %(other)s. "
                                    "A household needs the same details on every line."
                                )
                                % {
                                    "ref": href,
                                    "line": first_h.line,
                                    "other": _shown(first_h.values[f]),
                                },
                            )
                tref = row.get("tenancy_ref")
                if tref:
                    if tref in seen_tenancy:
                        self.problem(
                            row,
                            "tenancy_ref",
                            _("Tenancy %(ref)s is also on line %(line)s.")
                            % {"ref": tref, "line": seen_tenancy[tref].line},
                        )
                    seen_tenancy.setdefault(tref, row)
                if not row.get("end_date") and "end_date" not in row.bad:
                    if href in open_by_household:
                        self.problem(
                            row,
                            "household_ref",
                            _(
                                "Household %(ref)s also has an open tenancy on line %(line)s. "
                                "Fill in the end date of the tenancy that has ended."
                            )
                            % {"ref": href, "line": open_by_household[href].line},
                        )
                    open_by_household.setdefault(href, row)
        seen_resident: dict[str, Row] = {}
        for row in self.resident_rows:
            ref = row.get("resident_ref")
            if not ref:
                continue
            if ref in seen_resident:
                self.problem(
                    row,
                    "resident_ref",
                    _("Resident %(ref)s is also on line %(line)s.")
                    % {"ref": ref, "line": seen_resident[ref].line},
                )
            seen_resident.setdefault(ref, row)

    def _check_building_rows(
        self,
        row: Row,
        buildings: dict[tuple, Row],
        address_ref: dict[tuple, tuple[str, Row]],
        slots: dict[tuple, Row],
    ) -> None:
        """One building, the same on every line; one dwelling per address and unit."""
        key = building_key(row)
        first = buildings.setdefault(key, row)
        if first is not row:
            for f in (
                "estate",
                "street",
                "number",
                "postcode",
                "city",
                "building_name",
                "latitude",
                "longitude",
            ):
                if (
                    f in row.values
                    and f in first.values
                    and _cmp(row.values[f]) != _cmp(first.values[f])
                ):
                    self.problem(
                        row,
                        f,
                        _(
                            "The same building is on line %(line)s with %(other)s here. "
                            "Every dwelling of a building needs the same building details."
                        )
                        % {"line": first.line, "other": _shown(first.values[f])},
                    )
        address = address_key(row)
        if row.get("building_ref"):
            other = address_ref.get(address)
            if other and other[0] != row.values["building_ref"]:
                self.problem(
                    row,
                    "building_ref",
                    _(
                        "Building %(ref)s has the same address as building %(other)s on "
                        "line %(line)s."
                    )
                    % {
                        "ref": row.values["building_ref"],
                        "other": other[0],
                        "line": other[1].line,
                    },
                )
            address_ref.setdefault(address, (row.values["building_ref"], row))
        if "unit" in row.bad:
            return
        slot = (key, row.get("unit", "").lower())
        if slot in slots and slots[slot] is not row:
            self.problem(
                row,
                "unit" if "unit" in row.values else "dwelling_ref",
                _("Line %(line)s has another dwelling with the same address and unit.")
                % {"line": slots[slot].line},
            )
        slots.setdefault(slot, row)

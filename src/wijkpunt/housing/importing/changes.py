"""What an import changes, in words a person checks before confirming:
"Gezin Peeters (H-1): telefoon 0470 11 22 33 → 0471 22 33 44".

The preview names the record (its name and the source's reference) and the column as the file
calls it, with the value in Wijkpunt and the value in the file. It is built while the plan is
made, in the language of the person who uploaded the file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from wijkpunt.housing.importing.columns import DWELLING_COLUMNS, RESIDENT_COLUMNS
from wijkpunt.housing.models import Building, Dwelling, Household, Resident, Tenancy

CHANGES_KEPT = 1000  # the report keeps the first ones; the counts cover them all

# model field -> the import column it comes from (when the names differ)
SOURCE_FIELD = {
    (Building, "name"): "building_name",
    (Building, "external_ref"): "building_ref",
    (Dwelling, "external_ref"): "dwelling_ref",
    (Dwelling, "building"): "building_ref",
    (Household, "name"): "household_name",
    (Household, "external_ref"): "household_ref",
    (Tenancy, "external_ref"): "tenancy_ref",
    (Resident, "external_ref"): "resident_ref",
    (Resident, "household"): "household_ref",
}


def column_name(model, field: str, headers: dict[str, str]) -> str:
    """The column as the file names it (or, when it is not in the file, its Dutch name)."""
    source = SOURCE_FIELD.get((model, field), field)
    if source in headers:
        return headers[source]
    columns = RESIDENT_COLUMNS if model is Resident else DWELLING_COLUMNS
    if source in columns:
        return columns[source][0]
    return str(model._meta.get_field(field).verbose_name)


def shown_value(model, field: str, value: Any) -> str:
    """A value as a person reads it: dates as 31/12/2025, yes/no, labels instead of codes."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    try:
        choices = dict(model._meta.get_field(field).flatchoices)
    except Exception:  # noqa: BLE001 - "building", "household": not a model field with choices
        choices = {}
    if value in choices:
        return str(choices[value])
    return str(value)


class ChangeLog:
    """The changes of one plan: the first ``CHANGES_KEPT`` as dicts for the report, and the
    total."""

    def __init__(self) -> None:
        self.items: list[dict] = []
        self.total = 0

    def add(
        self,
        *,
        model,
        subject: str,
        field: str,
        old: Any,
        new: Any,
        headers: dict[str, str],
        household_id: int | None = None,
        shown: tuple[str, str] | None = None,
    ) -> None:
        self.total += 1
        if len(self.items) >= CHANGES_KEPT:
            return
        if shown is None:
            shown = (shown_value(model, field, old), shown_value(model, field, new))
        old_text, new_text = shown
        self.items.append(
            {
                "entity": model._meta.model_name,
                "subject": subject,
                "column": column_name(model, field, headers),
                "old": old_text,
                "new": new_text,
                "household_id": household_id,
            }
        )


def format_change(change: dict) -> str:
    """ "Gezin Peeters (H-1): telefoon 0470 11 22 33 → 0471 22 33 44" """
    return _("%(subject)s: %(column)s %(old)s → %(new)s") % change

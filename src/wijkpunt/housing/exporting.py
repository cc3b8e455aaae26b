"""Writing the registry in the import format (docs/import-format.md), as CSV or XLSX.

A CSV export uses ``;`` and UTF-8 with a byte order mark, so Excel in Belgium opens it with the
right columns and accents; an XLSX export has real dates. Rows are read from the database in
chunks and written as they come, so memory stays bounded. No cell becomes a formula
(``core.spreadsheet``), and the import reads every exported value back unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import IO, Any

from django.db.models import Q
from django.utils import timezone

from wijkpunt.core.spreadsheet import csv_cell, csv_cells, xlsx_cell
from wijkpunt.housing.importing import DWELLING_COLUMNS, RESIDENT_COLUMNS, reference
from wijkpunt.housing.models import Dwelling, Household, Resident, Tenancy

CHUNK = 2000
CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)

DWELLING_FIELDS = list(DWELLING_COLUMNS)
RESIDENT_FIELDS = list(RESIDENT_COLUMNS)
DWELLING_HEADERS = [DWELLING_COLUMNS[f][0] for f in DWELLING_FIELDS]
RESIDENT_HEADERS = [RESIDENT_COLUMNS[f][0] for f in RESIDENT_FIELDS]

TYPE_WORDS = {
    "apartment": "appartement",
    "house": "huis",
    "studio": "studio",
    "duplex": "duplex",
    "senior": "serviceflat",
}
LANGUAGE_WORDS = {"nl-be": "nl", "fr": "fr", "en": "en"}
RELATION_WORDS = {"head": "hoofdhuurder", "partner": "partner", "child": "kind", "other": "ander"}


class _Writer:
    """One interface over a CSV text stream and an XLSX write-only sheet."""

    def __init__(self, fileobj: IO[bytes], fmt: str, sheet: str, headers: list[str]):
        self.fmt = fmt
        self.fileobj = fileobj
        if fmt == CSV:
            self.text = io.TextIOWrapper(fileobj, encoding="utf-8-sig", newline="")
            self.csv = csv.writer(self.text, delimiter=";")
            self.csv.writerow(csv_cells(headers))
        elif fmt == XLSX:
            from openpyxl import Workbook

            self.workbook = Workbook(write_only=True)
            self.sheet = self.workbook.create_sheet(sheet)
            self.sheet.append([xlsx_cell(self.sheet, h) for h in headers])
        else:
            raise ValueError(f"Unknown format {fmt!r}")

    def row(self, values: list[Any]) -> None:
        if self.fmt == CSV:
            self.csv.writerow([_csv_value(v) for v in values])
        else:
            self.sheet.append([_xlsx_value(v, self.sheet) for v in values])

    def close(self) -> None:
        if self.fmt == CSV:
            self.text.flush()
            self.text.detach()
        else:
            self.workbook.save(self.fileobj)


def _csv_value(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return csv_cell(value)


def _xlsx_value(value: Any, sheet) -> Any:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.date):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell
    if isinstance(value, Decimal):  # coordinates stay numbers
        return float(value)
    return xlsx_cell(sheet, value)


def _chunked(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def dwelling_ids(estate_ids: Sequence[int] | None) -> list[int]:
    qs = Dwelling.objects.filter(active=True)
    if estate_ids is not None:
        qs = qs.filter(building__estate_id__in=estate_ids)
    return list(
        qs.order_by(
            "building__estate__name", "building__street", "building__number", "unit", "pk"
        ).values_list("pk", flat=True)
    )


def current_tenancies(ids: list[int]) -> dict[int, Tenancy]:
    """Per dwelling the tenancy that runs today, or else the next one that has not ended."""
    today = timezone.localdate()
    chosen: dict[int, Tenancy] = {}
    qs = (
        Tenancy.objects.filter(dwelling_id__in=ids)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("household")
        .order_by("dwelling_id", "start_date", "pk")
    )
    for tenancy in qs:
        current = chosen.get(tenancy.dwelling_id)
        if current is None or current.start_date > today or tenancy.start_date <= today:
            chosen[tenancy.dwelling_id] = tenancy
    return chosen


def write_dwellings(
    fileobj: IO[bytes], *, fmt: str, estate_ids: Sequence[int] | None = None
) -> tuple[int, set[int]]:
    """The dwellings file. Returns the number of rows and the households in it."""
    writer = _Writer(fileobj, fmt, "woningen", DWELLING_HEADERS)
    households: set[int] = set()
    rows = 0
    for chunk in _chunked(dwelling_ids(estate_ids)):
        dwellings = Dwelling.objects.filter(pk__in=chunk).select_related("building__estate")
        by_pk = {d.pk: d for d in dwellings}
        tenancies = current_tenancies(chunk)
        for pk in chunk:
            d = by_pk[pk]
            b = d.building
            t = tenancies.get(pk)
            h: Household | None = t.household if t else None
            values = {
                "dwelling_ref": reference(Dwelling, d.pk, d.external_ref),
                "estate": b.estate.name,
                "building_ref": b.external_ref or "",
                "building_name": b.name,
                "street": b.street,
                "number": b.number,
                "unit": d.unit,
                "postcode": b.postcode,
                "city": b.city,
                "dwelling_type": TYPE_WORDS.get(d.dwelling_type, d.dwelling_type),
                "bedrooms": d.bedrooms,
                "floor": d.floor,
                "has_lift": d.has_lift,
                "adapted": d.adapted,
                "latitude": b.latitude,
                "longitude": b.longitude,
                "household_ref": reference(Household, h.pk, h.external_ref) if h else "",
                "household_name": h.name if h else "",
                "language": LANGUAGE_WORDS.get(h.language, h.language) if h else "",
                "phone": h.phone if h else "",
                "email": h.email if h else "",
                "tenancy_ref": reference(Tenancy, t.pk, t.external_ref) if t else "",
                "start_date": t.start_date if t else None,
                "end_date": t.end_date if t else None,
                "probation_end": t.probation_end if t else None,
            }
            writer.row([values[f] for f in DWELLING_FIELDS])
            rows += 1
            if h:
                households.add(h.pk)
    writer.close()
    return rows, households


def write_residents(
    fileobj: IO[bytes], *, fmt: str, estate_ids: Sequence[int] | None = None
) -> tuple[int, set[int]]:
    """The residents file: the people in the households that live in the estates (all
    residents when no estate is given). Returns the number of rows and the households."""
    qs = Resident.objects.filter(moved_out_on__isnull=True)
    if estate_ids is not None:
        today = timezone.localdate()
        qs = qs.filter(
            Q(household__tenancies__end_date__isnull=True)
            | Q(household__tenancies__end_date__gte=today),
            household__tenancies__dwelling__building__estate_id__in=estate_ids,
        ).distinct()
    ids = list(qs.order_by("household_id", "pk").values_list("pk", flat=True))
    writer = _Writer(fileobj, fmt, "bewoners", RESIDENT_HEADERS)
    households: set[int] = set()
    rows = 0
    for chunk in _chunked(ids):
        by_pk = {r.pk: r for r in Resident.objects.filter(pk__in=chunk).select_related("household")}
        for pk in chunk:
            r = by_pk[pk]
            values = {
                "resident_ref": reference(Resident, r.pk, r.external_ref),
                "household_ref": reference(Household, r.household_id, r.household.external_ref),
                "first_name": r.first_name,
                "last_name": r.last_name,
                "relation": RELATION_WORDS.get(r.relation, r.relation),
                "birth_year": r.birth_year,
                "phone": r.phone,
                "email": r.email,
            }
            writer.row([values[f] for f in RESIDENT_FIELDS])
            rows += 1
            households.add(r.household_id)
    writer.close()
    return rows, households

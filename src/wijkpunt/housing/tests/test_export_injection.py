"""Exports never turn a tenant's text into a formula (CSV and XLSX, every exporter), and an
exported file imports back unchanged."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wijkpunt.core.spreadsheet import FORMULA_START, csv_cell, read_cell, safe_cell
from wijkpunt.housing.actions import export_registry
from wijkpunt.housing.models import Household, ImportJob, Resident
from wijkpunt.housing.tests.conftest import run

HYPERLINK_EMAIL = '=HYPERLINK("http://x")@example.org'


@pytest.mark.parametrize(
    "text",
    [
        "=1+2",
        "+32 470 12 34 56",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "'=1",
        "''",
        "'t Hof",
        "Gezin Peeters",
        "",
        "-",
    ],
)
def test_every_text_comes_back_exactly_and_never_starts_a_formula(text):
    cell = safe_cell(text)
    assert read_cell(cell) == text
    assert cell[:1] not in FORMULA_START


def test_numbers_stay_numbers():
    assert csv_cell(-1) == "-1" and csv_cell(-3.5) == "-3.5" and csv_cell("-1") == "'-1"


def _dangerous(personas):
    household = personas.household
    household.email = HYPERLINK_EMAIL
    household.phone = "+32 470 12 34 56"
    household.name = '=HYPERLINK("http://x","Klik")'
    household.save()
    Resident.objects.filter(first_name="Jef").update(
        first_name="+32 470 …", last_name="-Peeters", email="=2+5@example.org"
    )


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_csv_exports_neutralise_formula_cells(personas):
    _dangerous(personas)
    for residents in (False, True):
        out = io.BytesIO()
        export_registry(fileobj=out, fmt="csv", user=personas.letting, residents=residents)
        cells = [c for row in _csv_rows(out.getvalue()) for c in row]
        assert not [c for c in cells if c[:1] in FORMULA_START], cells
    dwellings = io.BytesIO()
    export_registry(fileobj=dwellings, fmt="csv", user=personas.letting)
    cells = [c for row in _csv_rows(dwellings.getvalue()) for c in row]
    assert f"'{HYPERLINK_EMAIL}" in cells and "'+32 470 12 34 56" in cells


def test_xlsx_exports_write_texts_as_text_never_as_formulas(personas):
    _dangerous(personas)
    for residents in (False, True):
        out = io.BytesIO()
        export_registry(fileobj=out, fmt="xlsx", user=personas.letting, residents=residents)
        book = load_workbook(io.BytesIO(out.getvalue()))
        cells = [c for row in book.active.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        texts = [c.value for c in cells]
        if residents:
            assert "+32 470 …" in texts and "=2+5@example.org" in texts
        else:
            assert HYPERLINK_EMAIL in texts  # the value itself, unchanged, as text
            assert -1 not in texts  # (no basement here; numbers are checked below)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_file_with_such_values_imports_back_unchanged(personas, fmt):
    _dangerous(personas)
    personas.dwelling.floor = -1
    personas.dwelling.save()
    before_household = Household.objects.values("name", "phone").get(pk=personas.household.pk)
    for residents in (False, True):
        out = io.BytesIO()
        export_registry(fileobj=out, fmt=fmt, user=personas.letting, residents=residents)
        if not residents:
            # The e-mail is not a valid address: the import refuses it (as it should), so this
            # round trip uses an address that is valid and still starts with "=".
            Household.objects.filter(pk=personas.household.pk).update(email="=2+5@example.org")
            out = io.BytesIO()
            export_registry(fileobj=out, fmt=fmt, user=personas.letting)
        report = run(out.getvalue(), name=f"export.{fmt}")
        assert report["ok"], report["problems"]
        # Nothing changes (residents entered by hand only take their WP-R reference).
        changed = {kind: counts.get("updated", 0) for kind, counts in report["counts"].items()}
        assert not any(v for k, v in changed.items() if k != "residents"), report["counts"]
    household = Household.objects.get(pk=personas.household.pk)
    assert {"name": household.name, "phone": household.phone} == before_household
    assert household.email == "=2+5@example.org"
    personas.dwelling.refresh_from_db()
    assert personas.dwelling.floor == -1
    jef = Resident.objects.get(last_name="-Peeters")
    assert (jef.first_name, jef.email) == ("+32 470 …", "=2+5@example.org")


def test_the_import_problems_file_neutralises_formula_cells(personas, staff_client):
    job = ImportJob.objects.create(
        original_name="=cmd.csv",
        created_by=personas.letting,
        report={
            "problems": [
                {"source": "=cmd.csv", "line": 2, "column": "@email", "message": "+bad"},
            ]
        },
    )
    staff_client.force_login(personas.letting)
    response = staff_client.get(
        reverse("housing:import_problems", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="nl-be"
    )
    assert response.status_code == 200
    rows = _csv_rows(response.content)
    assert rows[0] == ["Bestand", "Regel", "Kolom", "Probleem"]
    assert rows[1] == ["'=cmd.csv", "2", "'@email", "'+bad"]


def test_every_exporter_writes_through_the_one_helper():
    """A module that writes CSV or XLSX (csv.writer, openpyxl's Workbook) imports
    core.spreadsheet: a new exporter cannot forget it."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    writes = re.compile(r"csv\.(writer|DictWriter)\(|\bWorkbook\(")
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and writes.search(text := path.read_text(encoding="utf-8"))
        and "wijkpunt.core.spreadsheet" not in text
    ]
    assert offenders == []

"""Reading registry files: CSV with ; or , , BOM, cp1252, XLSX, Dutch and English headers."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from wijkpunt.housing.importing import (
    ImportFileError,
    inspect_file,
    looks_like_national_number,
    parse_bool,
    parse_date,
)
from wijkpunt.housing.models import Dwelling, Household, Tenancy

from .conftest import DWELLING_HEADER, DWELLING_ROWS, dwelling_csv, messages, run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_semicolon_csv_with_bom(personas):
    report = run(b"\xef\xbb\xbf" + dwelling_csv(*DWELLING_ROWS))
    assert report["ok"], report["problems"]
    assert report["counts"]["dwellings"]["created"] == 3
    d = Dwelling.objects.get(external_ref="W-10")
    assert (d.unit, d.bedrooms, d.floor, d.has_lift, d.adapted) == ("1.1", 2, 1, True, False)
    assert d.building == personas.building  # matched by gebouw_ref B-1
    t = Tenancy.objects.get(external_ref="T-11")
    assert t.start_date == dt.date(2025, 9, 1)
    assert t.probation_end == dt.date(2027, 8, 31)
    assert Household.objects.get(external_ref="H-11").language == "fr"


def test_comma_csv_with_english_headers(personas):
    header = (
        "dwelling_ref,estate,street,number,unit,postcode,city,type,bedrooms,floor,lift,adapted,"
        "household_ref,household_name,language,phone,email,tenancy_ref,start_date,end_date,"
        "probation_end"
    )
    row = (
        'W-20,lindenplein,Kerkstraat,4,,8560,Testgem,house,3,0,no,yes,H-20,"Gezin Wouters, '
        'Jan",en,,,T-20,2022-05-01,,'
    )
    report = run(dwelling_csv(row, header=header))
    assert report["ok"], report["problems"]
    assert Household.objects.get(external_ref="H-20").name == "Gezin Wouters, Jan"
    dwelling = Dwelling.objects.get(external_ref="W-20")
    assert dwelling.dwelling_type == "house" and dwelling.adapted is True
    assert dwelling.building.estate == personas.estate  # estate found by its slug


def test_cp1252_csv_falls_back(personas):
    row = (
        "W-30;Lindenplein;;Rue de l'Église;2;;8560;Testgem;studio;0;0;nee;nee;H-30;"
        "Gezin Brontë;fr;;;T-30;01/01/2024;;"
    )
    report = run(dwelling_csv(row, encoding="cp1252"))
    assert report["ok"], report["problems"]
    assert Household.objects.get(external_ref="H-30").name == "Gezin Brontë"
    assert Dwelling.objects.get(external_ref="W-30").building.street == "Rue de l'Église"


def test_xlsx_with_real_dates_and_a_residents_sheet(personas):
    wb = Workbook()
    ws = wb.active
    ws.title = "woningen"
    ws.append(DWELLING_HEADER.split(";"))
    ws.append(
        [
            "W-40",
            "Lindenplein",
            None,
            "Kerkstraat",
            8,
            "0.1",
            8560,
            "Testgem",
            "appartement",
            2.0,
            0,
            True,
            "nee",
            "H-40",
            "Gezin Mertens",
            "nl",
            None,
            None,
            "T-40",
            dt.datetime(2023, 4, 1),
            None,
            dt.date(2025, 3, 31),
        ]
    )
    residents = wb.create_sheet("bewoners")
    residents.append(
        ["bewoner_ref", "gezin_ref", "voornaam", "achternaam", "relatie", "geboortejaar"]
    )
    residents.append(["R-40", "H-40", "Lotte", "Mertens", "hoofdhuurder", 1985])
    residents.append(["R-41", "H-40", "Mila", "Mertens", "kind", 2015])
    buffer = io.BytesIO()
    wb.save(buffer)
    report = run(buffer.getvalue(), name="register.xlsx")
    assert report["ok"], report["problems"]
    assert report["kinds"] == ["dwellings", "residents"]
    tenancy = Tenancy.objects.get(external_ref="T-40")
    assert tenancy.start_date == dt.date(2023, 4, 1)
    assert tenancy.probation_end == dt.date(2025, 3, 31)
    dwelling = Dwelling.objects.get(external_ref="W-40")
    assert dwelling.building.number == "8" and dwelling.building.postcode == "8560"
    assert dwelling.bedrooms == 2 and dwelling.has_lift is True
    household = Household.objects.get(external_ref="H-40")
    assert sorted(household.residents.values_list("relation", flat=True)) == ["child", "head"]


def test_blank_lines_are_skipped_and_line_numbers_follow_the_file(personas):
    blank = ";" * 21
    bad = "W-50;Lindenplein;;Kerkstraat;9;;8560;Testgem;;;;;;;;;;;;31/02/2024;;"
    report = run(dwelling_csv(DWELLING_ROWS[0], blank, "", bad))
    assert messages(report) == [
        "Line 5, column startdatum: 31/02/2024 is not a valid date. Use DD/MM/YYYY or YYYY-MM-DD.",
        "Line 5, column gezin_ref: A tenancy needs a household: fill in gezin_ref.",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-01", dt.date(2024, 3, 1)),
        ("01/03/2024", dt.date(2024, 3, 1)),
        ("1/3/2024", dt.date(2024, 3, 1)),
        ("01.03.2024", dt.date(2024, 3, 1)),
        (dt.datetime(2024, 3, 1, 0, 0), dt.date(2024, 3, 1)),
        (45352, dt.date(2024, 3, 1)),
    ],
)
def test_dates(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/2024", "2024-13-01", "morgen", "03/2024"])
def test_bad_dates(value):
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ja", True),
        ("Nee", False),
        ("yes", True),
        ("no", False),
        ("1", True),
        ("0", False),
        ("waar", True),
        ("onwaar", False),
        (True, True),
        (1.0, True),
    ],
)
def test_booleans(value, expected):
    assert parse_bool(value) is expected


def test_national_number_values_are_recognised():
    assert looks_like_national_number("85.07.30-033.28")
    assert looks_like_national_number("85073003328")
    assert not looks_like_national_number("85073003329")  # wrong check digits
    assert not looks_like_national_number("0470 11 22 33")


def test_inspect_estimates_rows_and_refuses_unknown_files():
    kinds, rows = inspect_file(io.BytesIO(dwelling_csv(*DWELLING_ROWS)), "a.csv")
    assert kinds == ["dwellings"] and rows == 3
    with pytest.raises(ImportFileError, match="not recognised"):
        inspect_file(io.BytesIO(b"naam;adres\nJan;Kerkstraat 1\n"), "a.csv")
    with pytest.raises(ImportFileError, match="empty"):
        inspect_file(io.BytesIO(b""), "a.csv")
    with pytest.raises(ImportFileError, match="cannot be opened"):
        inspect_file(io.BytesIO(b"PK\x03\x04 this is no workbook"), "a.xlsx")
    with pytest.raises(ImportFileError, match="not a CSV or XLSX"):
        inspect_file(io.BytesIO(b"\xd0\xcf\x11\xe0\x00\x00old excel"), "a.xls")

"""Every problem in a file is reported with its line and column; nothing is written then."""

from __future__ import annotations

import pytest
from django.utils import translation

from wijkpunt.housing.models import Building, Dwelling, Estate, Household, Resident, Tenancy

from .conftest import DWELLING_HEADER, DWELLING_ROWS, dwelling_csv, messages, run

pytestmark = pytest.mark.django_db

RESIDENT_HEADER = "bewoner_ref;gezin_ref;voornaam;achternaam;relatie;geboortejaar;telefoon;email"


def row(**changes) -> str:
    """A valid dwelling row (W-60 with household H-60 and tenancy T-60), with changes."""
    values = dict(
        zip(
            DWELLING_HEADER.split(";"),
            [
                "W-60",
                "Lindenplein",
                "B-1",
                "Lindenplein",
                "1",
                "2.1",
                "8560",
                "Testgem",
                "appartement",
                "2",
                "2",
                "ja",
                "nee",
                "H-60",
                "Gezin Goossens",
                "nl",
                "",
                "",
                "T-60",
                "01/01/2024",
                "",
                "",
            ],
            strict=True,
        )
    )
    values.update(changes)
    return ";".join(values.values())


def snapshot() -> tuple:
    return tuple(
        m.objects.count() for m in (Estate, Building, Dwelling, Household, Tenancy, Resident)
    )


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_the_dutch_message_names_line_and_column(personas):
    fine = [
        row(woning_ref=f"W-6{i}", gezin_ref=f"H-6{i}", huur_ref=f"T-6{i}", bus=f"2.{i}")
        for i in range(9)
    ]
    bad = row(
        woning_ref="W-99", gezin_ref="H-99", huur_ref="T-99", bus="9.9", startdatum="31/02/2024"
    )
    with translation.override("nl-be"):
        report = run(dwelling_csv(*DWELLING_ROWS, *fine, bad), dry_run=True)
        assert messages(report) == [
            "Regel 14, kolom startdatum: 31/02/2024 is geen geldige datum. Gebruik DD/MM/JJJJ "
            "of JJJJ-MM-DD."
        ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"woning_ref": ""}, "Line 2, column woning_ref: This field is required."),
        ({"straat": ""}, "Line 2, column straat: This field is required."),
        (
            {"startdatum": "2024-02-30"},
            "Line 2, column startdatum: 2024-02-30 is not a valid date. Use DD/MM/YYYY or "
            "YYYY-MM-DD.",
        ),
        (
            {"einddatum": "01/01/2023"},
            "Line 2, column einddatum: The end (01/01/2023) is before the start (01/01/2024).",
        ),
        (
            {"proefperiode_einde": "01/01/2020"},
            "Line 2, column proefperiode_einde: The probation ends (01/01/2020) before the "
            "tenancy starts (01/01/2024).",
        ),
        ({"lift": "misschien"}, "Line 2, column lift: misschien is not yes or no. Use ja or nee."),
        (
            {"slaapkamers": "veel"},
            "Line 2, column slaapkamers: veel is not a number of bedrooms between 0 and 12.",
        ),
        (
            {"slaapkamers": "14"},
            "Line 2, column slaapkamers: 14 is not a number of bedrooms between 0 and 12.",
        ),
        ({"verdieping": "99"}, "Line 2, column verdieping: 99 is not a floor between -3 and 60."),
        (
            {"type": "kasteel"},
            "Line 2, column type: kasteel is not a known type. Use appartement, huis, studio, "
            "duplex or serviceflat.",
        ),
        (
            {"taal": "Turks"},
            "Line 2, column taal: Turks is not a language Wijkpunt writes in. Use nl, fr or en.",
        ),
        (
            {"email": "geen-adres"},
            "Line 2, column email: geen-adres is not a valid e-mail address.",
        ),
        ({"gezinsnaam": ""}, "Line 2, column gezinsnaam: This field is required."),
        (
            {"huur_ref": ""},
            "Line 2, column huur_ref: A household on a dwelling needs a tenancy reference.",
        ),
        (
            {"startdatum": ""},
            "Line 2, column startdatum: A household on a dwelling needs a start date.",
        ),
        (
            {"gezin_ref": "", "gezinsnaam": ""},
            "Line 2, column gezin_ref: A tenancy needs a household: fill in gezin_ref.",
        ),
        ({"huisnummer": "1" * 21}, "Line 2, column huisnummer: At most 20 characters (now 21)."),
    ],
)
def test_row_problems(personas, changes, expected):
    before = snapshot()
    report = run(dwelling_csv(row(**changes)))
    assert messages(report) == [expected]
    assert not report["ok"]
    assert snapshot() == before


def test_cross_row_problems_in_the_file(personas):
    content = dwelling_csv(
        row(),
        row(woning_ref="W-61", bus="2.2", gezin_ref="H-61", huur_ref="T-61"),  # fine
        row(bus="2.3", gezin_ref="H-62", huur_ref="T-62"),  # W-60 again
        row(woning_ref="W-63", bus="2.4", gezin_ref="H-63", huur_ref="T-60"),  # tenancy twice
        row(woning_ref="W-64", bus="2.5", gezin_ref="H-60"),  # household twice, both open
        row(woning_ref="W-65", bus="2.1", gezin_ref="H-65", huur_ref="T-65"),  # same unit
        row(woning_ref="W-66", bus="2.6", gezin_ref="H-66", huur_ref="T-66", postcode="8500"),
        row(woning_ref="W-67", bus="2.7", gezin_ref="H-67", huur_ref="T-67", gezinsnaam="X"),
    )
    report = run(content)
    got = messages(report)
    assert "Line 4, column woning_ref: Dwelling W-60 is also on line 2." in got
    assert "Line 5, column huur_ref: Tenancy T-60 is also on line 2." in got
    assert any(
        m.startswith("Line 6, column gezin_ref: Household H-60 also has an open tenancy on line 2.")
        for m in got
    )
    assert "Line 7, column bus: Line 2 has another dwelling with the same address and unit." in got
    assert any(m.startswith("Line 8, column postcode: The same building is on line 2") for m in got)
    assert not any(m.startswith("Line 3") for m in got)
    assert not Dwelling.objects.filter(external_ref__startswith="W-6").exists()


def test_household_details_must_agree_between_lines(personas):
    content = dwelling_csv(
        row(einddatum="31/12/2024"),
        row(
            woning_ref="W-61",
            bus="2.2",
            huur_ref="T-61",
            gezinsnaam="Gezin Anders",
            startdatum="01/01/2025",
        ),
    )
    assert messages(run(content)) == [
        "Line 3, column gezinsnaam: Household H-60 is on line 2 with “Gezin Goossens”. A "
        "household needs the same details on every line."
    ]


def test_second_open_tenancy_on_a_dwelling_in_wijkpunt(personas):
    # W-1 already has open tenancy T-1 for household H-1 in Wijkpunt
    content = dwelling_csv(row(woning_ref="W-1", bus="0.1", gezin_ref="H-70", huur_ref="T-70"))
    assert messages(run(content)) == [
        "Line 2, column huur_ref: Dwelling W-1 already has an open tenancy in Wijkpunt (T-1). A "
        "dwelling has one open tenancy: add the end date of T-1 to the file first."
    ]


def test_tenancy_cannot_move_to_another_dwelling(personas):
    content = dwelling_csv(row(huur_ref="T-2"))
    assert messages(run(content)) == [
        "Line 2, column huur_ref: Tenancy T-2 belongs to dwelling W-2 in Wijkpunt, not W-60.",
        "Line 2, column huur_ref: Tenancy T-2 belongs to household H-2 in Wijkpunt, not H-60.",
    ]


def test_building_reference_against_another_building_at_that_address(personas):
    content = dwelling_csv(row(gebouw_ref="B-77"))  # the address of B-1
    assert messages(run(content)) == [
        "Line 2, column gebouw_ref: Wijkpunt already has building B-1 at this address; the "
        "file calls it B-77."
    ]


def test_all_or_nothing(personas):
    before = snapshot()
    good = [
        row(woning_ref=f"W-8{i}", bus=f"8.{i}", gezin_ref=f"H-8{i}", huur_ref=f"T-8{i}")
        for i in range(5)
    ]
    report = run(
        dwelling_csv(
            *good, row(woning_ref="W-89", bus="8.9", gezin_ref="H-89", huur_ref="T-89", lift="?")
        )
    )
    assert len(report["problems"]) == 1 and report["problems"][0]["line"] == 7
    assert snapshot() == before
    assert run(dwelling_csv(*good))["ok"]
    assert Dwelling.objects.filter(external_ref__startswith="W-8").count() == 5


def test_national_register_number_column_is_refused(personas):
    for header in ("rijksregisternummer", "INSZ", "national_number", "Rijksregister nr"):
        report = run(
            dwelling_csv(row() + ";85.07.30-033.28", header=DWELLING_HEADER + ";" + header)
        )
        assert not report["ok"]
        assert "national register number" in report["problems"][0]["message"]
    assert not Dwelling.objects.filter(external_ref="W-60").exists()


def test_national_register_numbers_in_an_unnamed_column_are_refused(personas):
    report = run(dwelling_csv(row() + ";85.07.30-033.28", header=DWELLING_HEADER + ";opmerking"))
    assert any(
        "holds national register numbers (line 2)" in p["message"] for p in report["problems"]
    )
    report = run(dwelling_csv(row() + ";belt graag na 18u", header=DWELLING_HEADER + ";opmerking"))
    assert report["ok"]
    assert report["notices"] == ["register.csv: column opmerking is not used."]


def test_missing_required_columns(personas):
    report = run(b"woning_ref;straat\nW-1;Kerkstraat\n")
    assert messages(report) == ["These columns are missing: wijk, huisnummer, postcode, gemeente."]


def test_residents_problems(personas):
    content = "\n".join(
        [
            RESIDENT_HEADER,
            "R-1;H-1;An;Peeters;hoofdhuurder;1980;;",
            "R-2;H-404;Jan;Nergens;kind;2010;;",
            "R-3;H-1;Jef;Peeters;neef;1979;;",
            "R-4;H-1;Lien;Peeters;kind;1850;;",
            "R-1;H-1;An;Peeters;hoofdhuurder;1980;;",
        ]
    ).encode()
    assert messages(run(content)) == [
        "Line 4, column relatie: neef is not a known relation. Use hoofdhuurder, partner, kind "
        "or ander.",
        f"Line 5, column geboortejaar: 1850 is not a year of birth between 1900 and "
        f"{__import__('datetime').date.today().year}.",
        "Line 6, column bewoner_ref: Resident R-1 is also on line 2.",
        "Line 3, column gezin_ref: Household H-404 is not in Wijkpunt and not in the dwellings "
        "file.",
    ]

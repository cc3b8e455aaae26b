"""One check reports every problem of a file: a problem in one cell never hides a problem that a
later check (between rows, or against Wijkpunt's database) would find. Correcting what the
first check reported and checking again finds nothing new."""

from __future__ import annotations

import pytest
from django.utils import translation

from wijkpunt.housing.models import Dwelling, Household, Tenancy

from .conftest import DWELLING_HEADER, dwelling_csv, run
from .test_import_validation import row, snapshot

pytestmark = pytest.mark.django_db

# Each defect: changes to a valid row, and the problems (column, start of the message) that
# one check must report for it. Most combine a cell problem with a problem that only a later
# phase finds: the rows of the file against each other, or the file against the database.
# (The fixtures hold dwellings W-1 and W-2 of building B-1, tenancies T-1 and T-2 of
# households H-1 and H-2; row() is W-60 of B-1, household H-60, tenancy T-60.)
DEFECTS = {
    "bad date, and a tenancy without household": (
        {"startdatum": "31/02/2024", "gezin_ref": "", "gezinsnaam": ""},
        [("startdatum", "31/02/2024 is not a valid date"), ("gezin_ref", "A tenancy needs")],
    ),
    "bad number, and a dwelling twice in the file": (
        {"slaapkamers": "veel", "woning_ref": "W-60"},
        [
            ("slaapkamers", "veel is not a number of bedrooms"),
            ("woning_ref", "Dwelling W-60 is also on line 2."),
        ],
    ),
    "bad yes/no, and a tenancy of another dwelling and household": (
        {"lift": "misschien", "huur_ref": "T-2"},
        [
            ("lift", "misschien is not yes or no"),
            ("huur_ref", "Tenancy T-2 belongs to dwelling W-2"),
            ("huur_ref", "Tenancy T-2 belongs to household H-2"),
        ],
    ),
    "bad language, and a second open tenancy in Wijkpunt": (
        {"taal": "Turks", "woning_ref": "W-1", "bus": "0.1"},
        [
            ("taal", "Turks is not a language"),
            ("huur_ref", "Dwelling W-1 already has an open tenancy in Wijkpunt (T-1)"),
        ],
    ),
    "bad e-mail, and a building reference Wijkpunt knows by another name": (
        {"email": "geen-adres", "gebouw_ref": "B-77"},
        [
            ("email", "geen-adres is not a valid e-mail address"),
            ("gebouw_ref", "Building B-77 has the same address as building B-1 on line 2"),
            ("gebouw_ref", "Wijkpunt already has building B-1 at this address"),
        ],
    ),
    "a building whose details differ in two columns": (
        {"postcode": "8500", "gemeente": "Elders"},
        [
            ("postcode", "The same building is on line 2"),
            ("gemeente", "The same building is on line 2"),
        ],
    ),
    "a household twice, with other details, both open": (
        {"gezin_ref": "H-60", "gezinsnaam": "Gezin X", "taal": "fr"},
        [
            ("gezinsnaam", "Household H-60 is on line 2"),
            ("taal", "Household H-60 is on line 2"),
            ("gezin_ref", "Household H-60 also has an open tenancy on line 2"),
        ],
    ),
    "a reference too long, and the start date missing": (
        {"huur_ref": "T" * 65, "startdatum": ""},
        [
            ("huur_ref", "At most 64 characters"),
            ("startdatum", "A household on a dwelling needs a start date."),
        ],
    ),
}


def valid(i: int) -> dict:
    return {"woning_ref": f"W-7{i}", "bus": f"7.{i}", "gezin_ref": f"H-7{i}", "huur_ref": f"T-7{i}"}


def problems(report: dict) -> list[tuple[int, str, str]]:
    return sorted((p["line"], p["column"], p["message"]) for p in report["problems"])


def file_with(defective: set[int]) -> bytes:
    """Line 2 is a valid row; line 3 + i holds defect i when i is in ``defective``."""
    rows = [row()]
    for i, (changes, _expected) in enumerate(DEFECTS.values()):
        rows.append(row(**{**valid(i), **changes}) if i in defective else row(**valid(i)))
    return dwelling_csv(*rows)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("name", list(DEFECTS))
def test_each_defect_reports_all_its_problems_in_one_check(personas, name):
    i = list(DEFECTS).index(name)
    report = run(file_with({i}), dry_run=True)
    got = problems(report)
    expected = DEFECTS[name][1]
    assert len(got) == len(expected), got
    for (line, column, message), (want_column, want_start) in zip(
        got, sorted(expected, key=lambda e: (e[0], e[1])), strict=True
    ):
        assert line == 3 + i
        assert column == want_column
        assert message.startswith(want_start), message


def test_all_defects_together_report_exactly_the_union(personas):
    """What each defect reports alone, they report together: no phase waits for another."""
    alone: list[tuple[int, str, str]] = []
    for i in range(len(DEFECTS)):
        alone += problems(run(file_with({i}), dry_run=True))
    before = snapshot()
    together = run(file_with(set(range(len(DEFECTS)))), dry_run=False)
    assert problems(together) == sorted(alone)
    assert not together["ok"] and not together.get("applied")
    assert snapshot() == before  # all or nothing


def test_the_corrected_file_has_no_new_problem(personas):
    """Correct exactly the cells the check named (here: drop the defects) and check again."""
    first = run(file_with(set(range(len(DEFECTS)))), dry_run=True)
    assert len(first["problems"]) == sum(len(e) for _c, e in DEFECTS.values())
    second = run(file_with(set()), dry_run=True)
    assert second["ok"], second["problems"]


def test_national_numbers_in_an_unused_column_do_not_hide_the_other_problems(personas):
    header = DWELLING_HEADER + ";opmerking"
    content = dwelling_csv(
        row(**valid(1)) + ";85.07.30-033.28",  # a valid national register number
        row(**{**valid(2), "huur_ref": "T-2"}) + ";",
        header=header,
    )
    report = run(content, dry_run=True)
    messages = [(p["line"], p["column"], p["message"]) for p in report["problems"]]
    assert messages[0][:2] == (None, "")
    assert messages[0][2].startswith("Column opmerking holds national register numbers (line 2)")
    assert messages[1:] == [
        (3, "huur_ref", "Tenancy T-2 belongs to dwelling W-2 in Wijkpunt, not W-72."),
        (3, "huur_ref", "Tenancy T-2 belongs to household H-2 in Wijkpunt, not H-72."),
    ]


def test_every_repeated_column_and_every_missing_column_at_once(personas):
    header = DWELLING_HEADER.replace(";straat;", ";rijksregisternummer;")
    report = run(dwelling_csv(header=header), dry_run=True)
    assert [p["message"] for p in report["problems"]] == [
        "Column rijksregisternummer looks like a national register number. Wijkpunt does not "
        "keep national register numbers: remove this column and upload the file again.",
        "These columns are missing: straat.",
    ]
    header = DWELLING_HEADER.replace("type;slaapkamers;verdieping", "type;type;verdieping;bus")
    report = run(dwelling_csv(header=header), dry_run=True)
    assert [p["message"] for p in report["problems"]] == [
        "Column type appears twice.",
        "Column bus appears twice.",
    ]


def test_nothing_is_written_by_a_check_with_problems(personas):
    before = (Dwelling.objects.count(), Household.objects.count(), Tenancy.objects.count())
    run(file_with(set(range(len(DEFECTS)))), dry_run=False)
    assert (Dwelling.objects.count(), Household.objects.count(), Tenancy.objects.count()) == before

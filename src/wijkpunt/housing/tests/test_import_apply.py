"""A real import: created / updated / unchanged, update by reference, idempotent re-import,
tenancy events, residents, estates, the audit entry, and the export round trip."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from wijkpunt.audit.models import AuditEntry
from wijkpunt.housing.actions import export_registry
from wijkpunt.housing.models import (
    Building,
    Dwelling,
    Estate,
    Resident,
    Tenancy,
    TenancyEvent,
)

from .conftest import DWELLING_ROWS, dwelling_csv, run

pytestmark = pytest.mark.django_db

RESIDENTS = (
    b"bewoner_ref;gezin_ref;voornaam;achternaam;relatie;geboortejaar;telefoon;email\n"
    b"R-10;H-10;Els;Claes;hoofdhuurder;1979;0470 11 22 33;els@example.org\n"
    b"R-11;H-10;Tom;Claes;partner;1977;;\n"
    b"R-12;H-1;Lore;Peeters;kind;2012;;\n"
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def all_zero_changes(report) -> bool:
    return all(c["created"] == 0 and c["updated"] == 0 for c in report["counts"].values())


def test_import_then_reimport_is_idempotent(personas):
    content = dwelling_csv(*DWELLING_ROWS)
    first = run(content, user=personas.letting)
    assert first["ok"] and first["applied"]
    assert first["counts"]["buildings"] == {"created": 1, "updated": 0, "unchanged": 1}
    assert first["counts"]["dwellings"] == {"created": 3, "updated": 0, "unchanged": 0}
    assert first["counts"]["households"] == {"created": 2, "updated": 0, "unchanged": 0}
    assert first["counts"]["tenancies"] == {"created": 2, "updated": 0, "unchanged": 0}
    assert first["estates_created"] == ["Vlasbloem"]
    assert Estate.objects.get(name="Vlasbloem").slug == "vlasbloem"
    second = run(content, user=personas.letting)
    assert second["ok"] and all_zero_changes(second)
    assert second["counts"]["dwellings"]["unchanged"] == 3
    assert Dwelling.objects.filter(external_ref__in=["W-10", "W-11", "W-12"]).count() == 3
    assert TenancyEvent.objects.filter(kind="imported").count() == 2  # not one more


def test_dry_run_writes_nothing_but_counts(personas):
    before = (Building.objects.count(), Dwelling.objects.count(), Estate.objects.count())
    report = run(dwelling_csv(*DWELLING_ROWS), dry_run=True)
    assert report["ok"] and not report["applied"]
    assert report["counts"]["dwellings"]["created"] == 3
    assert "Estate Vlasbloem does not exist yet and will be created (line 4)." in report["notices"]
    assert (Building.objects.count(), Dwelling.objects.count(), Estate.objects.count()) == before
    assert not AuditEntry.objects.filter(action="import").exists()


def test_update_by_reference_and_tenancy_events(personas):
    run(dwelling_csv(*DWELLING_ROWS), user=personas.letting)
    changed = (
        DWELLING_ROWS[0]
        .replace("appartement;2;1;ja", "appartement;3;1;ja")
        .replace("01/02/2021;;", "01/02/2021;30/06/2025;")
    )
    report = run(dwelling_csv(changed, *DWELLING_ROWS[1:]), user=personas.coordinator)
    assert report["counts"]["dwellings"] == {"created": 0, "updated": 1, "unchanged": 2}
    assert report["counts"]["tenancies"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert Dwelling.objects.get(external_ref="W-10").bedrooms == 3
    tenancy = Tenancy.objects.get(external_ref="T-10")
    assert tenancy.end_date == dt.date(2025, 6, 30)
    events = list(tenancy.events.order_by("id"))
    assert [e.kind for e in events] == ["imported", "ended"]
    assert events[0].changes["start_date"] == [None, "2021-02-01"]
    assert events[1].changes == {"end_date": [None, "2025-06-30"]}
    assert events[1].by == personas.coordinator
    # a new household moves in: the dwelling was known, so the tenancy "started"
    new = (
        changed.replace("H-10;Gezin Claes", "H-12;Gezin Jacobs")
        .replace("T-10;01/02/2021;30/06/2025;", "T-12;01/07/2025;;")
        .replace("claes@example.org", "jacobs@example.org")
    )
    report = run(dwelling_csv(new, *DWELLING_ROWS[1:]))
    assert report["ok"], report["problems"]
    assert Tenancy.objects.get(external_ref="T-12").events.get().kind == "started"
    # moving the start date is a change
    moved = new.replace("T-12;01/07/2025", "T-12;15/07/2025")
    run(dwelling_csv(moved, *DWELLING_ROWS[1:]))
    event = Tenancy.objects.get(external_ref="T-12").events.order_by("id").last()
    assert event.kind == "changed"
    assert event.changes == {"start_date": ["2025-07-01", "2025-07-15"]}


def test_an_ended_tenancy_frees_the_dwelling_in_the_same_file(personas):
    content = dwelling_csv(
        "W-1;Lindenplein;B-1;Lindenplein;1;0.1;8560;Testgem;appartement;2;0;nee;nee;H-1;"
        "Gezin Peeters;nl;0470 00 00 01;;T-1;01/03/2020;31/01/2026;",
    )
    assert run(content)["ok"]
    content = dwelling_csv(
        "W-1;Lindenplein;B-1;Lindenplein;1;0.1;8560;Testgem;appartement;2;0;nee;nee;H-5;"
        "Gezin Nguyen;en;;;T-5;01/02/2026;;",
    )
    assert run(content)["ok"]
    assert (
        Tenancy.objects.filter(dwelling=personas.dwelling, end_date__isnull=True).get().external_ref
        == "T-5"
    )


def test_columns_that_are_absent_are_left_alone(personas):
    personas.building.latitude = "50.812300"
    personas.building.save()
    content = (
        b"woning_ref;wijk;gebouw_ref;straat;huisnummer;bus;postcode;gemeente\n"
        b"W-1;Lindenplein;B-1;Lindenplein;1;0.1;8560;Testgem\n"
    )
    report = run(content)
    assert report["counts"]["dwellings"] == {"created": 0, "updated": 0, "unchanged": 1}
    personas.building.refresh_from_db()
    assert str(personas.building.latitude) == "50.812300"
    assert personas.dwelling.tenancies.get().end_date is None


def test_residents_file_creates_and_updates_by_reference(personas):
    run(dwelling_csv(*DWELLING_ROWS))
    report = run(RESIDENTS, name="bewoners.csv")
    assert report["ok"], report["problems"]
    assert report["counts"]["residents"] == {"created": 3, "updated": 0, "unchanged": 0}
    assert Resident.objects.get(external_ref="R-12").household == personas.household
    again = run(
        RESIDENTS.replace(b"R-11;H-10;Tom;Claes;partner", b"R-11;H-1;Tom;Claes;ander"), name="b.csv"
    )
    assert again["counts"]["residents"] == {"created": 0, "updated": 1, "unchanged": 2}
    tom = Resident.objects.get(external_ref="R-11")
    assert (tom.household, tom.relation) == (personas.household, "other")


def test_one_audit_entry_per_import(personas):
    run(dwelling_csv(*DWELLING_ROWS), user=personas.letting)
    entry = AuditEntry.objects.get(action="import")
    assert entry.actor == personas.letting and entry.object_type == "registry"
    assert "dwellings: +3" in entry.purpose


def test_export_round_trip_csv_and_xlsx(personas):
    run(dwelling_csv(*DWELLING_ROWS))
    run(RESIDENTS, name="bewoners.csv")
    for fmt in ("csv", "xlsx"):
        dwellings, residents = io.BytesIO(), io.BytesIO()
        rows = export_registry(fileobj=dwellings, fmt=fmt, user=personas.letting)
        assert rows == Dwelling.objects.count() == 5
        export_registry(fileobj=residents, fmt=fmt, user=personas.letting, residents=True)
        report = run(dwellings.getvalue(), name=f"w.{fmt}")
        assert report["ok"], report["problems"]
        assert all_zero_changes(report), report["counts"]
        report = run(residents.getvalue(), name=f"b.{fmt}")
        assert report["ok"], report["problems"]
        if fmt == "csv":  # the three residents entered by hand take their WP-R reference
            assert report["counts"]["residents"] == {"created": 0, "updated": 3, "unchanged": 3}
        else:
            assert all_zero_changes(report), report["counts"]
    jef = Resident.objects.get(first_name="Jef")
    assert jef.external_ref == f"WP-R{jef.pk}"
    assert Resident.objects.count() == 6  # nobody twice


def test_export_per_estate_is_audited_per_household(personas):
    out = io.BytesIO()
    rows = export_registry(
        fileobj=out, fmt="xlsx", user=personas.letting, estates=[personas.other_estate]
    )
    assert rows == 1
    sheet = load_workbook(io.BytesIO(out.getvalue()), read_only=True).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "woning_ref" and values[1][0] == "W-2"
    assert values[1][values[0].index("startdatum")].date() == dt.date(2025, 9, 1)
    entries = AuditEntry.objects.filter(action="export")
    assert list(entries.values_list("household_id", flat=True)) == [personas.other_household.pk]
    assert entries.get().actor == personas.letting

"""The preview of an import says which record and which field a change touches, with the
value in Wijkpunt and the value in the file: "Gezin Peeters (H-1): telefoon 0470 … → 0471 …"."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from wijkpunt.audit.models import AuditEntry
from wijkpunt.housing.importing import format_change
from wijkpunt.housing.models import Household, ImportJob, ImportJobStatus, Resident
from wijkpunt.housing.reports import render_report_text

from .conftest import dwelling_csv, run
from .test_import_validation import row

pytestmark = pytest.mark.django_db

RESIDENT_HEADER = "bewoner_ref;gezin_ref;voornaam;achternaam;relatie;geboortejaar;telefoon;email"

# W-1 (building B-1, unit 0.1, 2 bedrooms) with household H-1 "Gezin Peeters", phone
# 0470 00 00 01, and open tenancy T-1 since 01/03/2020: the fixtures' own data.
CHANGED = row(
    woning_ref="W-1",
    bus="0.1",
    slaapkamers="3",
    verdieping="",
    lift="",
    aangepast="",
    type="",
    gezin_ref="H-1",
    gezinsnaam="Gezin Peeters",
    telefoon="0471 22 33 44",
    huur_ref="T-1",
    startdatum="01/03/2020",
    einddatum="31/12/2026",
)


def changes(report: dict) -> list[str]:
    return [format_change(c) for c in report["changes"]]


def test_the_preview_names_household_field_old_and_new_value(personas):
    with translation.override("nl-be"):
        report = run(dwelling_csv(CHANGED), dry_run=True)
    assert report["ok"], report["problems"]
    assert changes(report) == [
        "Woning W-1: slaapkamers 2 → 3",
        "Gezin Peeters (H-1): telefoon 0470 00 00 01 → 0471 22 33 44",
        "Huurovereenkomst T-1 (gezin H-1): einddatum – → 31/12/2026",
    ]
    assert report["changes_total"] == 3
    assert report["counts"]["households"]["updated"] == 1


def test_the_preview_speaks_the_language_of_the_person_who_uploaded(personas):
    with translation.override("fr"):
        report = run(dwelling_csv(CHANGED), dry_run=True)
        assert changes(report)[0] == "Logement W-1 : slaapkamers 2 → 3"
        assert changes(report)[1].startswith("Gezin Peeters (H-1) : telefoon")
    with translation.override("en"):
        report = run(dwelling_csv(CHANGED), dry_run=True)
        assert changes(report)[2] == "Tenancy T-1 (household H-1): einddatum – → 31/12/2026"


def test_the_column_is_named_as_in_the_file(personas):
    header = (
        "dwelling_ref;estate;building_ref;street;number;unit;postcode;city;dwelling_type;"
        "bedrooms;floor;has_lift;adapted;household_ref;household_name;language;phone;email;"
        "tenancy_ref;start_date;end_date;probation_end"
    )
    content = dwelling_csv(CHANGED, header=header)
    with translation.override("en"):
        report = run(content, dry_run=True)
    assert changes(report)[1] == "Gezin Peeters (H-1): phone 0470 00 00 01 → 0471 22 33 44"


def test_resident_changes_name_the_person_and_the_move(personas):
    jef = Resident.objects.get(first_name="Jef")
    content = f"{RESIDENT_HEADER}\nWP-R{jef.pk};H-2;Jef;Peeters;partner;1979;;\n".encode()
    with translation.override("nl-be"):
        report = run(content, name="bewoners.csv", dry_run=True)
    assert report["ok"], report["problems"]
    got = changes(report)
    assert f"Jef Peeters (WP-R{jef.pk}): gezin_ref H-1 → H-2" in got
    assert f"Jef Peeters (WP-R{jef.pk}): geboortejaar – → 1979" in got


def test_a_file_without_changes_previews_none(personas):
    with translation.override("nl-be"):
        run(dwelling_csv(CHANGED), dry_run=False)
        report = run(dwelling_csv(CHANGED), dry_run=True)
    assert report["ok"] and report["changes"] == [] and report["changes_total"] == 0


def test_the_command_line_report_lists_the_changes(personas):
    with translation.override("nl-be"):
        text = render_report_text(run(dwelling_csv(CHANGED), dry_run=True))
    assert "- Gezin Peeters (H-1): telefoon 0470 00 00 01 → 0471 22 33 44" in text


@pytest.mark.parametrize("who", ["letting", "coordinator"])
def test_the_job_page_shows_the_changes_and_audits_the_households(
    personas, staff_client, media, who
):
    staff_client.force_login(getattr(personas, who))
    staff_client.post(
        reverse("housing:registry"),
        {"file": SimpleUploadedFile("register.csv", dwelling_csv(CHANGED))},
        HTTP_ACCEPT_LANGUAGE="nl-BE",
    )
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.VALIDATED
    before = AuditEntry.objects.filter(action="view", object_type="household").count()
    response = staff_client.get(
        reverse("housing:import_job", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="nl-BE"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Wat er verandert" in page
    assert "<strong>Gezin Peeters (H-1)</strong>: telefoon" in page
    assert "0470 00 00 01" in page and "0471 22 33 44" in page
    entries = AuditEntry.objects.filter(action="view", object_type="household")
    assert entries.count() == before + 1
    household = Household.objects.get(external_ref="H-1")
    assert entries.latest("pk").household_id == household.pk


@pytest.mark.parametrize("who", ["technician", "social_worker", "tenant"])
def test_the_preview_is_refused_to_others(personas, staff_client, media, who):
    staff_client.force_login(personas.letting)
    staff_client.post(
        reverse("housing:registry"),
        {"file": SimpleUploadedFile("register.csv", dwelling_csv(CHANGED))},
    )
    job = ImportJob.objects.get()
    staff_client.force_login(getattr(personas, who))
    response = staff_client.get(
        reverse("housing:import_job", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="nl-BE"
    )
    assert response.status_code == 403
    assert b"0470 00 00 01" not in response.content

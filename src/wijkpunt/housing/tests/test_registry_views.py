"""The registry pages: upload → check → confirm → done, progress, export, and who may."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wijkpunt.audit.models import AuditEntry
from wijkpunt.housing.models import Dwelling, ImportJob, ImportJobStatus

from .conftest import DWELLING_ROWS, dwelling_csv

pytestmark = pytest.mark.django_db

ALLOWED = ["letting", "coordinator", "admin"]
REFUSED = [
    "technician",
    "woonconsulent",
    "ocmw_reception",
    "social_worker",
    "budget_worker",
    "buurtwerker",
    "partner_worker",
    "tenant",
    "other_tenant",
    "outsider",
]


def upload(client, content: bytes, name: str = "register.csv"):
    return client.post(reverse("housing:registry"), {"file": SimpleUploadedFile(name, content)})


def make_job(personas, media, **fields) -> ImportJob:
    job = ImportJob(original_name="groot.csv", created_by=personas.letting, **fields)
    job.file.save("groot.csv", io.BytesIO(dwelling_csv(*DWELLING_ROWS)), save=False)
    job.save()
    return job


@pytest.mark.parametrize("who", ALLOWED)
def test_allowed_people_see_the_page(personas, staff_client, who):
    staff_client.force_login(getattr(personas, who))
    response = staff_client.get(reverse("housing:registry"))
    assert response.status_code == 200
    assert b'type="file"' in response.content and b'accept=".csv,.xlsx' in response.content


def test_superuser_may(personas, staff_client, django_user_model):
    root = django_user_model.objects.create_superuser("root@example.org", "x", full_name="Root")
    staff_client.force_login(root)
    assert staff_client.get(reverse("housing:registry")).status_code == 200
    assert (
        staff_client.get(
            reverse("housing:export"), {"format": "csv", "contents": "dwellings"}
        ).status_code
        == 200
    )


@pytest.mark.parametrize("who", REFUSED)
def test_everyone_else_gets_403(personas, staff_client, media, who):
    job = make_job(personas, media, status=ImportJobStatus.VALIDATED, report={"ok": True})
    staff_client.force_login(getattr(personas, who))
    for url in (
        reverse("housing:registry"),
        reverse("housing:import_job", args=[job.pk]),
        reverse("housing:import_progress", args=[job.pk]),
        reverse("housing:import_problems", args=[job.pk]),
        reverse("housing:export") + "?format=csv&contents=dwellings",
    ):
        assert staff_client.get(url).status_code == 403, url
    assert upload(staff_client, dwelling_csv(*DWELLING_ROWS)).status_code == 403
    assert staff_client.post(reverse("housing:import_confirm", args=[job.pk])).status_code == 403
    job.refresh_from_db()
    assert job.status == ImportJobStatus.VALIDATED
    assert not Dwelling.objects.filter(external_ref="W-10").exists()
    assert not AuditEntry.objects.filter(action="export").exists()


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("housing:registry"))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_upload_check_confirm_done(personas, staff_client, media):
    staff_client.force_login(personas.letting)
    response = upload(staff_client, dwelling_csv(*DWELLING_ROWS))
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("housing:import_job", args=[job.pk])
    assert job.status == ImportJobStatus.VALIDATED and job.file
    page = staff_client.get(response["Location"]).content.decode()
    assert "Nu importeren" in page
    assert not Dwelling.objects.filter(external_ref="W-10").exists()
    response = staff_client.post(reverse("housing:import_confirm", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJobStatus.DONE and not job.file  # the file is gone
    assert Dwelling.objects.filter(external_ref="W-10").exists()
    page = staff_client.get(reverse("housing:import_job", args=[job.pk])).content.decode()
    assert "Geïmporteerd" in page
    assert AuditEntry.objects.get(action="import").actor == personas.letting
    # a second confirmation does nothing
    staff_client.post(reverse("housing:import_confirm", args=[job.pk]))
    assert AuditEntry.objects.filter(action="import").count() == 1


def test_problems_are_shown_and_nothing_can_be_confirmed(personas, staff_client, media):
    staff_client.force_login(personas.coordinator)
    bad = DWELLING_ROWS[0].replace("01/02/2021", "31/02/2021")
    upload(staff_client, dwelling_csv(bad, *DWELLING_ROWS[1:]))
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.FAILED
    page = staff_client.get(reverse("housing:import_job", args=[job.pk])).content.decode()
    assert "31/02/2021 is geen geldige datum" in page
    assert "Nu importeren" not in page
    staff_client.post(reverse("housing:import_confirm", args=[job.pk]))
    assert not Dwelling.objects.filter(external_ref="W-11").exists()
    download = staff_client.get(reverse("housing:import_problems", args=[job.pk]))
    assert download["Content-Type"].startswith("text/csv")
    assert "2;startdatum;31/02/2021 is geen geldige datum" in download.content.decode("utf-8-sig")


def test_cancel_removes_the_file(personas, staff_client, media):
    staff_client.force_login(personas.letting)
    upload(staff_client, dwelling_csv(*DWELLING_ROWS))
    job = ImportJob.objects.get()
    stored = media / job.file.name
    assert stored.exists()
    staff_client.post(reverse("housing:import_cancel", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJobStatus.FAILED and not stored.exists()
    staff_client.post(reverse("housing:import_confirm", args=[job.pk]))
    assert not Dwelling.objects.filter(external_ref="W-10").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("register.txt", b"woning_ref;wijk\n", "Upload een .csv- of .xlsx-bestand"),
        ("register.csv", b"", "Dit bestand is leeg"),
        ("register.xlsx", b"PK\x03\x04 kapot", "Dit Excel-bestand kan niet geopend worden"),
        ("register.csv", b"naam;adres\nJan;Kerkstraat 1\n", "Dit bestand wordt niet herkend"),
        ("register.csv", b"woning_ref;insz\nW-1;85073003328\n", "rijksregisternummer"),
        (
            "register.xlsx",
            b"\xd0\xcf\x11\xe0\x00\x00\x00\x00oud",
            "Dit Excel-bestand kan niet geopend worden",
        ),
    ],
)
def test_bad_uploads_get_a_clear_form_error(personas, staff_client, media, name, content, message):
    staff_client.force_login(personas.letting)
    response = upload(staff_client, content, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_too_large(personas, staff_client, media, settings):
    settings.IMPORT_MAX_BYTES = 100
    staff_client.force_login(personas.letting)
    response = upload(staff_client, dwelling_csv(*DWELLING_ROWS))
    assert response.status_code == 400
    assert "Dit bestand is te groot" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_no_file(personas, staff_client):
    staff_client.force_login(personas.letting)
    response = staff_client.post(reverse("housing:registry"), {})
    assert response.status_code == 400
    assert "Kies een bestand" in response.content.decode()


def test_large_files_run_in_the_background(
    personas, staff_client, media, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_BACKGROUND_ROWS = 2
    staff_client.force_login(personas.letting)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        upload(staff_client, dwelling_csv(*DWELLING_ROWS))
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.VALIDATING and len(callbacks) == 1
    page = staff_client.get(reverse("housing:import_job", args=[job.pk])).content.decode()
    assert "<progress" in page and 'hx-trigger="every 2s"' in page
    assert reverse("housing:import_progress", args=[job.pk]) in page
    assert "Vernieuwen" in page  # works without JavaScript
    callbacks[0]()  # the worker picks up the task (immediate backend in tests)
    job.refresh_from_db()
    assert job.status == ImportJobStatus.VALIDATED and job.processed_rows == 3
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("housing:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJobStatus.DONE
    assert Dwelling.objects.filter(external_ref="W-12").exists()


def test_progress_fragment(personas, staff_client, media):
    job = make_job(
        personas, media, status=ImportJobStatus.RUNNING, total_rows=20000, processed_rows=5000
    )
    staff_client.force_login(personas.letting)
    url = reverse("housing:import_progress", args=[job.pk])
    response = staff_client.get(url, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "HX-Refresh" not in response
    assert 'max="20000" value="5000"' in html and "25%" in html
    assert f'hx-get="{url}"' in html
    job.status = ImportJobStatus.DONE
    job.save()
    response = staff_client.get(url, HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    assert "hx-trigger" not in response.content.decode()


def test_export_download_is_audited(personas, staff_client):
    staff_client.force_login(personas.letting)
    response = staff_client.get(
        reverse("housing:export"),
        {"format": "csv", "contents": "dwellings", "estate": "lindenplein"},
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert content.startswith("woning_ref;wijk;")
    assert "W-1;Lindenplein" in content and "W-2" not in content
    assert list(
        AuditEntry.objects.filter(action="export").values_list("household_id", flat=True)
    ) == [personas.household.pk]
    response = staff_client.get(
        reverse("housing:export"), {"format": "xlsx", "contents": "residents"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEntry.objects.filter(action="export").count() == 3  # + both households


def test_export_bad_input(personas, staff_client):
    staff_client.force_login(personas.letting)
    for params in (
        {"format": "pdf", "contents": "dwellings"},
        {"format": "csv", "contents": "x"},
        {"format": "csv", "contents": "dwellings", "estate": "bestaat-niet"},
    ):
        assert staff_client.get(reverse("housing:export"), params).status_code == 400
    assert not AuditEntry.objects.filter(action="export").exists()


def test_unknown_job_is_404(personas, staff_client):
    staff_client.force_login(personas.letting)
    assert staff_client.get(reverse("housing:import_job", args=[999])).status_code == 404


def test_problem_download_never_holds_a_formula(personas, staff_client, media):
    staff_client.force_login(personas.letting)
    upload(staff_client, dwelling_csv(DWELLING_ROWS[0].replace("01/02/2021", "=1+1")))
    job = ImportJob.objects.get()
    content = staff_client.get(reverse("housing:import_problems", args=[job.pk])).content
    assert ";'=1+1 is geen geldige datum" in content.decode("utf-8-sig")


def test_a_crash_fails_the_job_with_a_clear_message(personas, staff_client, media, monkeypatch):
    from wijkpunt.housing import actions

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(actions, "import_registry", broken)
    staff_client.force_login(personas.letting)
    upload(staff_client, dwelling_csv(*DWELLING_ROWS))
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.FAILED and not job.file
    page = staff_client.get(reverse("housing:import_job", args=[job.pk])).content.decode()
    assert "Er ging iets mis bij het lezen van dit bestand" in page
    assert "disk full" not in page


def test_a_stalled_background_import_can_be_cancelled(personas, staff_client, media):
    import datetime as dt

    from django.utils import timezone

    job = make_job(personas, media, status=ImportJobStatus.RUNNING, total_rows=5000)
    staff_client.force_login(personas.letting)
    page = staff_client.get(reverse("housing:import_progress", args=[job.pk])).content.decode()
    assert "Er is niets bewaard" not in page
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - dt.timedelta(minutes=11))
    page = staff_client.get(reverse("housing:import_progress", args=[job.pk])).content.decode()
    assert "Er is niets bewaard" in page
    staff_client.post(reverse("housing:import_cancel", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJobStatus.FAILED

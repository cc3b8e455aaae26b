"""The sociale kaart in the configuration site: read-mostly pages and the HSDS import page."""

from __future__ import annotations

import json

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wijkpunt.directory import demo_data
from wijkpunt.directory.models import Service, TaxonomyTerm
from wijkpunt.testing import make_personas, rolled_back

from .helpers import service

IMPORT = reverse("admin:directory_service_import")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        personas = make_personas()
        demo_data.generate()
        yield personas


@pytest.fixture
def as_admin(world, db, staff_client):
    staff_client.force_login(world.admin)  # the administrator role, not a superuser
    return staff_client


def upload(name: str, data) -> SimpleUploadedFile:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return SimpleUploadedFile(name, raw, content_type="application/json")


def test_every_page_of_the_directory_models_opens_and_imported_records_are_read_only(as_admin):
    for model in admin.site._registry:
        if model._meta.app_label != "directory":
            continue
        info = f"admin:directory_{model._meta.model_name}"
        assert as_admin.get(reverse(f"{info}_changelist")).status_code == 200, info
        first = model._default_manager.first()
        if first is not None:
            change = as_admin.get(reverse(f"{info}_change", args=[first.pk]))
            assert change.status_code == 200, info
    assert as_admin.get(reverse("admin:directory_service_add")).status_code == 403
    listed = as_admin.get(reverse("admin:directory_service_changelist")).content.decode()
    assert "Een HSDS-bestand importeren" in listed


def test_the_taxonomy_of_needs_is_configuration(as_admin):
    term = TaxonomyTerm.objects.get(code="taal")
    page = as_admin.get(reverse("admin:directory_taxonomyterm_change", args=[term.pk]))
    assert page.status_code == 200 and "Cours de langue" in page.content.decode()


def test_an_uploaded_file_is_imported_with_a_summary(as_admin):
    response = as_admin.post(IMPORT, {"file": upload("kaart.json", [service("Uit de admin")])})
    assert response.status_code == 200
    html = response.content.decode()
    assert "De sociale kaart is geïmporteerd." in html
    assert "Diensten: 1 nieuw, 0 gewijzigd, 0 ongewijzigd" in html
    assert Service.objects.filter(name="Uit de admin").exists()


def test_a_wrong_file_lists_every_problem_with_its_path_and_imports_nothing(as_admin):
    first = service("Fout een", hours=(("XX", "09:00", "10:00"),))
    second = service("Fout twee")
    second["service_at_locations"][0]["location"]["longitude"] = "drie"
    response = as_admin.post(IMPORT, {"file": upload("fout.json", [first, second])})
    assert response.status_code == 400
    html = response.content.decode()
    assert "2 problemen: er is niets geïmporteerd" in html
    assert "<code>services[0].schedules[0].byday</code>: onbekende dag XX" in html
    assert "<code>services[1].service_at_locations[0].location.longitude</code>: geen getal" in html
    assert not Service.objects.filter(name__startswith="Fout").exists()
    not_json = as_admin.post(IMPORT, {"file": upload("x.json", b"{kapot")})
    assert "Het bestand is geen geldige JSON" in not_json.content.decode()
    nothing = as_admin.post(IMPORT, {})
    assert "Kies het bestand om te importeren." in nothing.content.decode()


@pytest.mark.parametrize("persona", ["coordinator", "social_worker", "tenant"])
def test_only_administrators_open_the_import(world, db, staff_client, persona):
    staff_client.force_login(getattr(world, persona))
    response = staff_client.post(IMPORT, {"file": upload("kaart.json", [service("Stiekem")])})
    assert response.status_code in (302, 403)
    assert not Service.objects.filter(name="Stiekem").exists()

"""QR posters carry a short address a person can type (/m/K7P3Q), reachable from the estate
page's buildings and common spaces; the address never changes and leads to the public form."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse

from wijkpunt.housing import actions
from wijkpunt.housing.models import (
    SHORT_CODE_ALPHABET,
    SHORT_CODE_LENGTH,
    Building,
    CommonSpace,
    ShortCode,
)
from wijkpunt.housing.shortcodes import normalise_code

pytestmark = pytest.mark.django_db

NL = {"HTTP_ACCEPT_LANGUAGE": "nl-BE"}


def dutch(user):
    """Pin the page language: staff read Wijkpunt in their profile's language."""
    user.language = "nl-be"
    user.save(update_fields=["language"])
    return user


@pytest.fixture
def space(personas):
    return CommonSpace.objects.create(estate=personas.estate, name="Speeltuin", kind="playground")


def test_the_alphabet_has_no_look_alikes():
    for pair in ("0O", "1IL", "2Z", "5S", "8B"):
        assert not set(pair) & set(SHORT_CODE_ALPHABET), pair
    assert len(set(SHORT_CODE_ALPHABET)) == len(SHORT_CODE_ALPHABET)
    assert len(SHORT_CODE_ALPHABET) ** SHORT_CODE_LENGTH > 9_000_000


def test_every_place_has_one_stable_unique_code(personas, space):
    codes = set()
    for building in Building.objects.all():
        code = actions.short_code_for(building=building)
        assert re.fullmatch(f"[{SHORT_CODE_ALPHABET}]{{{SHORT_CODE_LENGTH}}}", code)
        assert actions.short_code_for(building=building) == code  # stable
        codes.add(code)
    codes.add(actions.short_code_for(common_space=space))
    assert len(codes) == Building.objects.count() + 1
    assert ShortCode.objects.count() == len(codes)


def test_a_taken_code_is_never_given_twice(personas, monkeypatch):
    first, second = Building.objects.all()[:2]
    taken = actions.short_code_for(building=first)
    ShortCode.objects.filter(building=second).delete()
    tries = iter([taken, taken, "KKKKK"])
    monkeypatch.setattr("wijkpunt.housing.shortcodes.random_code", lambda: next(tries))
    assert actions.short_code_for(building=second) == "KKKKK"


def test_the_migration_gives_existing_places_a_code(personas, space):
    ShortCode.objects.all().delete()
    migration = importlib.import_module("wijkpunt.housing.migrations.0003_short_codes_for_posters")
    migration.give_every_place_a_code(apps, None)
    assert ShortCode.objects.filter(building__isnull=False).count() == Building.objects.count()
    assert ShortCode.objects.filter(common_space=space).count() == 1
    before = dict(ShortCode.objects.values_list("pk", "code"))
    migration.give_every_place_a_code(apps, None)  # running it again changes nothing
    assert dict(ShortCode.objects.values_list("pk", "code")) == before


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{code}/", " {dashed} "])
def test_the_short_address_leads_to_the_public_form(client, personas, typed):
    code = actions.short_code_for(building=personas.building)
    text = typed.format(code=code, lower=code.lower(), dashed=f"{code[:3]}-{code[3:]}")
    response = client.get(f"/m/{text}", **NL)
    assert response.status_code == 302
    assert response["Location"].startswith("/melden/")
    form = client.get(response["Location"], **NL)
    assert form.status_code == 200
    assert personas.building.address in form.content.decode()


def test_a_common_space_code_leads_to_its_form(client, personas, space):
    code = actions.short_code_for(common_space=space)
    response = client.get(f"/m/{code}", follow=True, **NL)
    assert response.status_code == 200
    assert "Speeltuin" in response.content.decode()


def test_normalising_what_people_type():
    assert normalise_code(" k7p-3q.") == "K7P3Q"
    assert normalise_code("K7P 3Q") == "K7P3Q"
    assert normalise_code("²³") == ""


def test_unknown_codes_are_404_then_the_address_waits(client, personas, settings):
    settings.INTAKE_SHORT_CODE_MISSES = (3, 600)
    for _ in range(3):
        assert client.get("/m/QQQQQ", **NL).status_code == 404
    response = client.get("/m/QQQQQ", **NL)
    assert response.status_code == 429 and response["Retry-After"] == "600"
    code = actions.short_code_for(building=personas.building)
    assert client.get(f"/m/{code}", **NL).status_code == 429  # also a real one, for a while


def test_behind_a_proxy_the_wait_is_per_real_client(client, personas, settings):
    """Everyone comes from the proxy's address: one person trying codes must not make the
    posters of the whole city wait."""
    settings.INTAKE_SHORT_CODE_MISSES = (3, 600)
    settings.WIJKPUNT_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1", **NL}
    for _ in range(4):
        client.get("/m/QQQQQ", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert client.get("/m/QQQQQ", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 429
    code = actions.short_code_for(building=personas.building)
    other = client.get(f"/m/{code}", HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    assert other.status_code == 302


@pytest.mark.parametrize("who", ["technician", "woonconsulent", "buurtwerker", "coordinator"])
def test_the_poster_prints_the_short_address_in_its_qr_code(staff_client, personas, who):
    staff_client.force_login(dutch(getattr(personas, who)))
    response = staff_client.get(
        reverse("intake_staff:poster_building", args=[personas.building.pk]), **NL
    )
    assert response.status_code == 200
    html = response.content.decode()
    code = ShortCode.objects.get(building=personas.building).code
    assert f"testserver/m/{code}</a>" in html  # typed without https://
    assert f"Kort adres van deze affiche: {code}." in html
    assert "Geen scanner? Typ dit adres:" in html
    # the same poster again: the same address
    again = staff_client.get(
        reverse("intake_staff:poster_building", args=[personas.building.pk]), **NL
    )
    assert f"/m/{code}" in again.content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [("tenant", 403), ("outsider", 403), ("social_worker", 404)]
)
def test_others_get_no_poster_of_the_other_estate(staff_client, personas, who, status):
    other = Building.objects.get(estate=personas.other_estate)
    staff_client.force_login(getattr(personas, who))
    response = staff_client.get(reverse("intake_staff:poster_building", args=[other.pk]), **NL)
    assert response.status_code == status
    assert not ShortCode.objects.filter(building=other).exists()


@pytest.mark.parametrize("who", ["technician", "woonconsulent", "social_worker"])
def test_the_estate_page_links_every_building_and_space_to_its_poster(
    staff_client, personas, space, who
):
    staff_client.force_login(dutch(getattr(personas, who)))
    response = staff_client.get(reverse("workspace:estate", args=[personas.estate.slug]), **NL)
    assert response.status_code == 200
    html = response.content.decode()
    for building in Building.objects.filter(estate=personas.estate):
        url = reverse("intake_staff:poster_building", args=[building.pk])
        assert f'href="{url}">QR-affiche afdrukken' in html
    url = reverse("intake_staff:poster_space", args=[space.pk])
    assert f'href="{url}">QR-affiche afdrukken' in html

"""Former residents: staff see a household while it lives in their estates; after its tenancy
ends only the letting service does, for FORMER_TENANT_DAYS, and then nobody (the rule is
``housing.access.visible_households``; every page, search and the API use it)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkpunt.api.tests.conftest import make_signal
from wijkpunt.housing import access
from wijkpunt.housing.models import Dwelling, Household, Resident, Tenancy
from wijkpunt.workspace.tests.helpers import STAFF

NL = {"HTTP_ACCEPT_LANGUAGE": "nl-be"}


def _household(personas, name: str, first: str, *, ended_days_ago: int | None) -> Household:
    today = timezone.localdate()
    dwelling = Dwelling.objects.create(building=personas.building, unit=f"9.{first}")
    household = Household.objects.create(name=name, phone="0499 55 44 33")
    Tenancy.objects.create(
        dwelling=dwelling,
        household=household,
        start_date=dt.date(2015, 1, 1),
        end_date=today - dt.timedelta(days=ended_days_ago) if ended_days_ago is not None else None,
    )
    Resident.objects.create(
        household=household, first_name=first, last_name="Vermeulen", birth_year=1961
    )
    return household


@pytest.fixture
def former(personas):
    """Moved out 30 days ago, and another household that left 400 days ago."""
    return {
        "recent": _household(personas, "Gezin Vermeulen", "Quinten", ended_days_ago=30),
        "long_gone": _household(personas, "Gezin Oudewater", "Rosalie", ended_days_ago=400),
    }


@pytest.mark.parametrize("persona", STAFF)
def test_only_the_letting_service_sees_a_former_household_and_only_for_the_set_period(
    personas, former, persona
):
    user = getattr(personas, persona)
    visible = set(access.visible_households(user).values_list("pk", flat=True))
    assert (former["recent"].pk in visible) is (persona == "letting")
    assert former["long_gone"].pk not in visible
    # The household that lives there now stays visible to every registry role.
    assert (personas.household.pk in visible) is (persona != "partner_worker")


def test_the_period_is_a_setting(personas, former, settings):
    settings.FORMER_TENANT_DAYS = 20
    visible = access.visible_households(personas.letting)
    assert not visible.filter(pk=former["recent"].pk).exists()
    settings.FORMER_TENANT_DAYS = 500
    assert access.visible_households(personas.letting).filter(pk=former["long_gone"].pk).exists()


def test_a_household_about_to_move_in_is_seen_by_the_staff_of_the_estate(personas):
    today = timezone.localdate()
    household = Household.objects.create(name="Gezin Nieuwkomer")
    Tenancy.objects.create(
        dwelling=Dwelling.objects.create(building=personas.building, unit="5.5"),
        household=household,
        start_date=today + dt.timedelta(days=20),
    )
    assert access.visible_households(personas.technician).filter(pk=household.pk).exists()


def test_the_letting_service_sees_the_former_household_page_with_a_banner(
    personas, former, staff_client
):
    staff_client.force_login(personas.letting)
    response = staff_client.get(reverse("households:file", args=[former["recent"].pk]), **NL)
    assert response.status_code == 200
    html = response.content.decode()
    ended = timezone.localdate() - dt.timedelta(days=30)
    assert "Quinten Vermeulen" in html
    assert 'id="former-tenant"' in html
    assert f"Voormalige huurder sinds {ended.day}-{ended.month}-{ended.year}." in html
    assert "eindafrekening" in html
    # What the closing matters do not need is not shown any more.
    assert "1961" not in html and "Geboortejaar" not in html
    # A household that lives there has no banner.
    response = staff_client.get(reverse("households:file", args=[personas.household.pk]), **NL)
    assert response.status_code == 200
    assert 'id="former-tenant"' not in response.content.decode()
    assert "Geboortejaar" in response.content.decode()


@pytest.mark.parametrize("persona", [p for p in STAFF if p != "letting"])
def test_others_get_not_found_for_a_former_household(personas, former, staff_client, persona):
    staff_client.force_login(getattr(personas, persona))
    for household in former.values():
        response = staff_client.get(reverse("households:file", args=[household.pk]), **NL)
        assert response.status_code == 404


def test_nobody_opens_a_long_gone_household(personas, former, staff_client):
    staff_client.force_login(personas.letting)
    response = staff_client.get(reverse("households:file", args=[former["long_gone"].pk]), **NL)
    assert response.status_code == 404


@pytest.mark.parametrize("persona", STAFF)
def test_search_finds_a_former_household_only_for_the_letting_service(
    personas, former, staff_client, persona
):
    staff_client.force_login(getattr(personas, persona))
    response = staff_client.get(reverse("workspace:search"), {"q": "Vermeulen"}, **NL)
    assert response.status_code == 200
    html = response.content.decode()
    assert ("Gezin Vermeulen" in html) is (persona == "letting")
    assert "Gezin Oudewater" not in html
    response = staff_client.get(reverse("workspace:search"), {"q": "Rosalie"}, **NL)
    assert "Gezin Oudewater" not in response.content.decode()


@pytest.mark.parametrize("persona", ["technician", "coordinator", "woonconsulent", "admin"])
def test_the_intake_household_search_does_not_find_former_households(
    personas, former, staff_client, persona
):
    staff_client.force_login(getattr(personas, persona))
    response = staff_client.get(reverse("intake_staff:new"), {"q": "Vermeulen"}, **NL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gezin Vermeulen" not in html
    assert "Geen gezin gevonden" in html


def test_the_api_hides_a_former_households_reporter(personas, former, settings):
    from rest_framework.test import APIClient

    settings.STAFF_REQUIRE_MFA = False
    resident = former["recent"].residents.get()
    signal = make_signal(
        personas,
        "De deur van de berging klemt",
        reporter=None,
        household=former["recent"],
        dwelling=former["recent"].tenancies.get().dwelling,
        reporter_name=resident.full_name,
    )
    api = APIClient()
    api.force_login(personas.technician)
    response = api.get(f"/api/v1/signals/{signal.pk}/", HTTP_ACCEPT_LANGUAGE="nl-be")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Quinten" not in body and "0499 55 44 33" not in body
    api.force_login(personas.letting)
    response = api.get(f"/api/v1/signals/{signal.pk}/", HTTP_ACCEPT_LANGUAGE="nl-be")
    assert response.status_code == 200
    assert "Quinten" in response.content.decode()

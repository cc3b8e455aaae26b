"""The sociale kaart in the staff workspace: who may open it, the search form, a service's
page."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkpunt.directory import demo_data
from wijkpunt.housing.models import Building
from wijkpunt.testing import make_personas, rolled_back

from .helpers import TERM, demo_service

SEARCH = reverse("directory:search")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        personas = make_personas()
        Building.objects.filter(pk=personas.building.pk).update(latitude=50.8092, longitude=3.1858)
        demo_data.generate()
        yield personas


@pytest.fixture
def as_staff(world, db, staff_client):
    staff_client.force_login(world.social_worker)
    return staff_client


def detail_url(name: str) -> str:
    return reverse("directory:service", args=[demo_service(name)["id"]])


@pytest.mark.parametrize(
    "persona",
    [
        "technician",
        "woonconsulent",
        "letting",
        "coordinator",
        "ocmw_reception",
        "social_worker",
        "budget_worker",
        "buurtwerker",
        "partner_worker",
        "admin",
    ],
)
def test_staff_of_every_partner_organisation_may_search_and_open_a_service(
    world, db, staff_client, persona
):
    staff_client.force_login(getattr(world, persona))
    page = staff_client.get(SEARCH)
    assert page.status_code == 200
    assert '<h1 class="utrecht-heading-1">Sociale kaart</h1>' in page.content.decode()
    detail = staff_client.get(detail_url("Schuldbemiddeling"))
    assert detail.status_code == 200
    assert "Schuldbemiddeling Leie en Mandel" in detail.content.decode()


@pytest.mark.parametrize("persona", ["tenant", "other_tenant", "outsider"])
def test_tenants_and_people_without_a_role_may_not(world, db, staff_client, persona):
    staff_client.force_login(getattr(world, persona))
    for url in (SEARCH, detail_url("Schuldbemiddeling")):
        response = staff_client.get(url)
        assert response.status_code == 403
        assert "Schuldbemiddeling Leie en Mandel" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(world, db, client):
    response = client.get(SEARCH)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_first_visit_lists_the_active_services_by_name(as_staff):
    html = as_staff.get(SEARCH).content.decode()
    assert "35 diensten gevonden" in html  # the demo's 37 but the closed and the stopped one
    assert "Energiesnoeiers" not in html
    assert html.count("data-directory-hit") == 20  # a page
    assert 'href="?page=2"' in html


def test_a_search_keeps_what_was_typed_and_shows_what_a_referral_needs(as_staff, world):
    params = {
        "q": "budget",
        "need": TERM["schulden"],
        "language": "fr",
        "estate": world.estate.slug,
        "within_km": "2,5",
        "open": "op",
        "day": "1",
        "time": "10:00",
    }
    html = as_staff.get(SEARCH, params).content.decode()
    assert "1 dienst gevonden" in html
    assert "Binnen 2,5 km van Lindenplein, dichtstbijzijnde eerst." in html
    assert "Budgetbegeleiding en budgetbeheer" in html
    assert "Vlasbloemstraat 14, 8560 Wevelgem" in html
    assert re.search(r"\(0,\d km\)", html)
    assert 'href="tel:056499020"' in html
    assert "di, do 09:00–12:00" in html and "Frans" in html
    # What was typed is still there.
    assert 'value="budget"' in html and 'value="2,5"' in html and 'value="10:00"' in html
    assert f'<option value="{TERM["schulden"]}" selected>' in html
    assert '<option value="fr" selected>' in html
    assert f'<option value="{world.estate.slug}" selected>' in html
    assert (
        'value="op" class="utrecht-radio-button utrecht-radio-button--html-input" '
        'id="id_open_2" checked' in html
    )


def test_wrong_input_is_explained_in_dutch_and_kept(as_staff, world):
    response = as_staff.get(
        SEARCH,
        {"within_km": "ver", "open": "op", "need": "geen-term", "time": "25:61", "q": "x" * 201},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kijk dit eerst na" in html
    assert "Geef een afstand in kilometer, bijvoorbeeld 2 of 2,5." in html
    assert "Kies een hulpvraag uit de lijst." in html
    assert "Geef een uur als UU:MM, bijvoorbeeld 14:30." in html
    assert "Kies de dag waarop de dienst open moet zijn." in html
    assert 'value="ver"' in html and 'value="25:61"' in html
    assert "data-directory-hit" not in html
    distance_alone = as_staff.get(SEARCH, {"within_km": "3"}).content.decode()
    assert "Kies de wijk om de afstand vanaf te meten." in distance_alone
    no_points = as_staff.get(SEARCH, {"estate": world.other_estate.slug}).content.decode()
    assert "Kies een van je wijken." in no_points  # the social worker does not work there


def test_an_estate_without_coordinates_cannot_measure_a_distance(world, db, staff_client):
    staff_client.force_login(world.coordinator)
    html = staff_client.get(SEARCH, {"estate": world.other_estate.slug}).content.decode()
    assert "De gebouwen van deze wijk hebben geen coördinaten: kies een andere wijk." in html


def test_open_now_and_closed_services(as_staff):
    html = as_staff.get(SEARCH, {"q": "Moorsele", "inactive": "on"}).content.decode()
    assert "Sociale kruidenier De Mand Moorsele" in html
    assert "tijdelijk gesloten" in html
    assert "Gesloten wegens verbouwing tot 1 maart." in html
    assert (
        "Sociale kruidenier De Mand Moorsele"
        not in as_staff.get(SEARCH, {"q": "Moorsele"}).content.decode()
    )


def test_a_service_page_says_where_when_and_in_which_languages(as_staff):
    html = as_staff.get(detail_url("Nachtopvang De Haven")).content.decode()
    assert '<h1 class="utrecht-heading-1">Nachtopvang De Haven' in html
    assert "ma–zo 21:00–08:00" in html
    assert "Havenkant 7, 8500 Kortrijk" in html
    assert "Arabisch" in html and "Opvang en crisis" in html
    assert "Meerderjarigen zonder onderdak." in html


def test_a_service_that_stopped_or_is_closed_warns_before_a_referral(as_staff):
    stopped = as_staff.get(detail_url("Energiesnoeiers: gratis energiescan")).content.decode()
    assert "Deze dienst bestaat niet meer: verwijs niemand door." in stopped
    closed = as_staff.get(detail_url("Sociale kruidenier De Mand Moorsele")).content.decode()
    assert "Deze dienst is tijdelijk gesloten: verwijs nu niemand door." in closed


def test_an_unknown_service_is_not_found(as_staff):
    assert as_staff.get(reverse("directory:service", args=["geen-id"])).status_code == 404
    unknown = "00000000-0000-4000-8000-000000000000"
    assert as_staff.get(reverse("directory:service", args=[unknown])).status_code == 404


def test_the_workspace_navigation_leads_to_the_directory(as_staff):
    html = as_staff.get(SEARCH).content.decode()
    assert f'<a href="{SEARCH}" aria-current="page">Sociale kaart</a>' in html
    home = as_staff.get(reverse("workspace:home")).content.decode()
    assert f'<a href="{SEARCH}">Sociale kaart</a>' in home


def test_the_search_page_costs_the_same_queries_for_one_result_or_a_page(as_staff, world):
    counts = []
    for params in ({}, {"q": "Nachtopvang"}, {"estate": world.estate.slug, "open": "nu"}):
        with CaptureQueriesContext(connection) as ctx:
            assert as_staff.get(SEARCH, params).status_code == 200
        counts.append(len(ctx.captured_queries))
    # A distance costs two queries more: the estate chosen, and where its buildings are.
    assert counts[0] == counts[1] and counts[2] == counts[0] + 2, counts


def test_no_input_of_the_search_form_gives_a_server_error(as_staff, world):
    import random

    rng = random.Random(11)
    odd = ["", " ", "\x00", "x" * 300, "²", "٣", "-1", "0", "1e9", "nan", "2,5", "2.5.5",
           "25:99", "13:30", "7", "op", "nu", world.estate.slug, TERM["taal"], "fr", "on",
           "99999999999999999999999", "<script>", "'; DROP TABLE x; --"]  # fmt: skip
    fields = ["q", "need", "language", "estate", "within_km", "open", "day", "time",
              "inactive", "page"]  # fmt: skip
    for _ in range(40):
        params = {name: rng.choice(odd) for name in rng.sample(fields, rng.randint(1, 6))}
        response = as_staff.get(SEARCH, params)
        assert response.status_code == 200, params
        assert "<script>" not in response.content.decode()
    for value in ("x", "\x00", "../..", "0" * 40):
        assert as_staff.get(f"{SEARCH}{value}/").status_code == 404

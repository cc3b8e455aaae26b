import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkpunt.audit.models import AuditAction, AuditEntry
from wijkpunt.housing.models import Building, CommonSpace, Dwelling
from wijkpunt.workspace.tests.helpers import (
    NON_STAFF,
    add_building,
    add_dwellings,
    add_household,
    fill_estate,
)

URL = reverse("workspace:estate", args=["lindenplein"])
OTHER_URL = reverse("workspace:estate", args=["beukenhof"])

SEE_NAMES = (
    "technician",
    "woonconsulent",
    "letting",
    "coordinator",
    "ocmw_reception",
    "social_worker",
    "budget_worker",
    "buurtwerker",
    "admin",
)


@pytest.mark.parametrize("persona", SEE_NAMES)
def test_staff_who_see_households_see_names_and_it_is_audited(personas, staff_client, persona):
    user = getattr(personas, persona)
    staff_client.force_login(user)
    response = staff_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gezin Peeters" in html
    assert reverse("households:file", args=[personas.household.pk]) in html
    entries = AuditEntry.objects.filter(actor=user, purpose="estate overview")
    assert [(e.household_id, e.action) for e in entries] == [
        (personas.household.pk, AuditAction.VIEW)
    ]


def test_partner_worker_sees_the_estate_but_no_names(personas, staff_client):
    staff_client.force_login(personas.partner_worker)
    response = staff_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gezin Peeters" not in html
    assert "/werk/huishoudens/" not in html
    assert response.context["dwellings"][0].household_name is None
    assert not AuditEntry.objects.filter(actor=personas.partner_worker).exists()


@pytest.mark.parametrize(
    "persona", ["woonconsulent", "ocmw_reception", "social_worker", "buurtwerker", "partner_worker"]
)
def test_estates_outside_the_roles_are_not_found(personas, staff_client, persona):
    staff_client.force_login(getattr(personas, persona))
    assert staff_client.get(OTHER_URL).status_code == 404


def test_unknown_estate_is_not_found(personas, staff_client):
    staff_client.force_login(personas.coordinator)
    assert staff_client.get(reverse("workspace:estate", args=["nergens"])).status_code == 404


@pytest.mark.parametrize("persona", NON_STAFF)
def test_non_staff_are_refused(personas, staff_client, persona):
    staff_client.force_login(getattr(personas, persona))
    response = staff_client.get(URL)
    assert response.status_code == 403
    assert "Gezin Peeters" not in response.content.decode()


def test_anonymous_goes_to_login(personas, client):
    assert client.get(URL).status_code == 302


def test_buildings_with_figures_coordinates_and_common_spaces(personas, staff_client):
    Building.objects.filter(pk=personas.building.pk).update(
        latitude="50.812345", longitude="3.412345"
    )
    add_dwellings(personas.building, 2)
    CommonSpace.objects.create(
        estate=personas.estate, name="Ontmoetingsruimte", kind="meeting_room"
    )
    staff_client.force_login(personas.technician)
    response = staff_client.get(URL)
    building = response.context["buildings"][0]
    assert (building.figures.dwellings, building.figures.occupied, building.figures.vacant) == (
        3,
        1,
        2,
    )
    html = response.content.decode()
    assert "50.812345" in html
    assert "Ontmoetingsruimte" in html


def test_vacant_dwellings_show_as_vacant(personas, staff_client):
    add_dwellings(personas.building, 1, bedrooms=3)
    staff_client.force_login(personas.technician)
    response = staff_client.get(URL + "?vacant=on")
    rows = response.context["dwellings"]
    assert len(rows) == 1
    assert rows[0].current_household_id is None
    assert response.context["page"].paginator.count == 1


def test_filters(personas, staff_client):
    second = add_building(personas.estate, street="Eikenlaan", number="4")
    add_dwellings(second, 2, bedrooms=3, adapted=True)
    add_dwellings(second, 1, bedrooms=1)
    staff_client.force_login(personas.letting)

    def count(query: str) -> int:
        response = staff_client.get(URL + query)
        assert response.status_code == 200
        return response.context["page"].paginator.count

    assert count("") == 4
    assert count(f"?building={second.pk}") == 3
    assert count("?adapted=on") == 2
    assert count("?bedrooms=3") == 2
    assert count("?bedrooms=2") == 1
    assert count(f"?building={personas.building.pk}&vacant=on") == 0


@pytest.mark.parametrize(
    "query",
    ["?bedrooms=veel", "?bedrooms=99", "?building=999999", "?building=abc", "?page=zzz"],
)
def test_bad_filters_give_a_clear_message_not_an_error(personas, staff_client, query):
    staff_client.force_login(personas.letting)
    response = staff_client.get(URL + query)
    assert response.status_code == 200
    # The invalid filter is left out: all dwellings are listed.
    assert response.context["page"].paginator.count == 1
    if "page" not in query:
        assert response.context["form"].errors


def test_a_building_of_another_estate_is_refused_as_filter(personas, staff_client):
    staff_client.force_login(personas.coordinator)
    other_building = personas.other_dwelling.building
    response = staff_client.get(URL + f"?building={other_building.pk}")
    assert "building" in response.context["form"].errors
    assert "Beukenhof 7" not in response.content.decode()


def test_pagination_50_per_page_and_audit_only_the_page(personas, staff_client):
    fill_estate(personas.estate, dwellings=70, occupied=60)
    staff_client.force_login(personas.woonconsulent)
    response = staff_client.get(URL)
    assert len(response.context["dwellings"]) == 50
    shown = {d.current_household_id for d in response.context["dwellings"]} - {None}
    audited = set(
        AuditEntry.objects.filter(actor=personas.woonconsulent).values_list(
            "household_id", flat=True
        )
    )
    assert audited == shown
    response = staff_client.get(URL + "?page=2")
    assert len(response.context["dwellings"]) == 21
    assert 'rel="prev"' in response.content.decode()


def test_page_links_keep_the_filters(personas, staff_client):
    fill_estate(personas.estate, dwellings=60, occupied=0)
    staff_client.force_login(personas.letting)
    html = staff_client.get(URL + "?vacant=on").content.decode()
    assert "?vacant=on&amp;page=2" in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_the_page(personas, staff_client):
    staff_client.force_login(personas.coordinator)
    staff_client.get(URL)
    small = _queries(staff_client, URL)
    fill_estate(personas.estate, dwellings=60, occupied=45)
    for _ in range(3):
        add_building(personas.estate)
    CommonSpace.objects.create(estate=personas.estate, name="Tuin", kind="garden")
    large = _queries(staff_client, URL)
    assert large == small
    assert large <= 20


def test_inactive_dwelling_is_marked_not_in_use(personas, staff_client):
    Dwelling.objects.create(building=personas.building, unit="9.9", active=False)
    staff_client.force_login(personas.technician)
    response = staff_client.get(URL)
    assert "buiten gebruik" in response.content.decode()


def test_ended_tenancy_is_not_shown_as_occupant(personas, staff_client):
    import datetime as dt

    home = add_dwellings(personas.building, 1)[0]
    add_household(home, "Gezin Oud", start=dt.date(2010, 1, 1), end=dt.date(2015, 1, 1))
    staff_client.force_login(personas.woonconsulent)
    html = staff_client.get(URL).content.decode()
    assert "Gezin Oud" not in html

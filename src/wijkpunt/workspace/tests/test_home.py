import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkpunt.housing.models import Estate
from wijkpunt.workspace.tests.helpers import NON_STAFF, STAFF, add_household, fill_estate

URL = reverse("workspace:home")


@pytest.mark.parametrize("persona", STAFF)
def test_every_staff_member_gets_their_overview(personas, staff_client, persona):
    staff_client.force_login(getattr(personas, persona))
    response = staff_client.get(URL)
    assert response.status_code == 200
    assert [e.slug for e in response.context["estates"]]  # everybody covers an estate
    assert 'aria-current="page"' in response.content.decode()


@pytest.mark.parametrize("persona", NON_STAFF)
def test_tenants_and_people_without_a_role_are_refused(personas, staff_client, persona):
    staff_client.force_login(getattr(personas, persona))
    response = staff_client.get(URL)
    assert response.status_code == 403
    assert "Lindenplein" not in response.content.decode()


def test_anonymous_goes_to_login(db, client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_staff_need_their_second_factor_first(personas, client, settings):
    settings.STAFF_REQUIRE_MFA = True
    client.force_login(personas.coordinator)
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_estates_are_the_ones_the_roles_cover(personas, staff_client):
    staff_client.force_login(personas.buurtwerker)
    slugs = [e.slug for e in staff_client.get(URL).context["estates"]]
    assert slugs == ["lindenplein"]
    staff_client.force_login(personas.coordinator)
    slugs = [e.slug for e in staff_client.get(URL).context["estates"]]
    assert slugs == ["beukenhof", "lindenplein"]


def test_key_figures_per_estate(personas, staff_client):
    fill_estate(personas.estate, dwellings=5, occupied=3)
    today = timezone.localdate()
    # A tenancy that ended is not current: its dwelling counts as vacant.
    from wijkpunt.workspace.tests.helpers import add_building, add_dwellings

    ended = add_dwellings(add_building(personas.estate), 1)[0]
    add_household(ended, "Gezin Vertrokken", end=today - dt.timedelta(days=3))
    # A dwelling that is no longer in use is not counted.
    add_dwellings(add_building(personas.estate), 1, active=False)
    # One new tenant in probation in Beukenhof besides Yilmaz.
    new_home = add_dwellings(add_building(personas.other_estate), 1)[0]
    add_household(
        new_home,
        "Gezin Nieuw",
        start=today - dt.timedelta(days=30),
        probation_end=today + dt.timedelta(days=700),
    )

    staff_client.force_login(personas.coordinator)
    estates = {e.slug: e.figures for e in staff_client.get(URL).context["estates"]}
    linden = estates["lindenplein"]
    assert (linden.buildings, linden.dwellings, linden.occupied, linden.vacant) == (4, 7, 4, 3)
    assert linden.households == 4
    assert linden.in_probation == 0
    beuken = estates["beukenhof"]
    assert (beuken.dwellings, beuken.occupied, beuken.vacant, beuken.households) == (2, 2, 0, 2)
    expected_probation = 2 if personas.other_household.tenancies.get().in_probation else 1
    assert beuken.in_probation == expected_probation


def test_new_estate_badge_with_opening_date(personas, staff_client):
    Estate.objects.filter(pk=personas.other_estate.pk).update(opens_on=dt.date(2026, 9, 1))
    staff_client.force_login(personas.letting)
    html = staff_client.get(URL).content.decode()
    assert "utrecht-status-badge" in html
    assert "2026" in html


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("coordinator", True),
        ("letting", True),
        ("woonconsulent", True),
        ("admin", True),
        ("technician", False),
        ("social_worker", False),
        ("buurtwerker", False),
        ("partner_worker", False),
    ],
)
def test_probation_figure_only_for_tenancy_roles(personas, staff_client, persona, shown):
    staff_client.force_login(getattr(personas, persona))
    response = staff_client.get(URL)
    assert response.context["show_probation"] is shown
    assert ("proefperiode" in response.content.decode().lower()) is shown


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_figures_take_a_fixed_number_of_queries(
    personas, staff_client, django_assert_max_num_queries
):
    staff_client.force_login(personas.coordinator)
    staff_client.get(URL)  # warm up session and content types
    before = _count_queries(staff_client, URL)
    for i in range(6):
        estate = Estate.objects.create(name=f"Wijk {i}", slug=f"wijk-{i}")
        personas.housing.estates.add(estate)
        fill_estate(estate, dwellings=4, occupied=2)
    after = _count_queries(staff_client, URL)
    assert after == before
    # 12 for the figures; the five blocks of "what needs you now" read at most two each
    # (their first rows with what they show, and a count).
    with django_assert_max_num_queries(12 + 2 * 5):
        staff_client.get(URL)

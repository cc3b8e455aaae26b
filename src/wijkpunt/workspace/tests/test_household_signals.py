"""The household page lists the household's signals that the reader may see, newest first,
with reference, status and a link to the signal page (need-to-know in the query)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkpunt.api.tests.conftest import make_signal
from wijkpunt.signalling.models import Signal

NL = {"HTTP_ACCEPT_LANGUAGE": "nl-be"}


@pytest.fixture
def household_signals(personas):
    repair = make_signal(
        personas, "De verwarming valt telkens uit", "herstelling", household=personas.household
    )
    debt = make_signal(
        personas,
        "We krijgen brieven van een deurwaarder",
        "financiele-zorgen",
        household=personas.household,
    )
    # The repair is the older one.
    Signal.objects.filter(pk=repair.pk).update(created_at=timezone.now() - dt.timedelta(days=3))
    return {"repair": repair, "debt": debt}


def _page(client, personas):
    response = client.get(reverse("households:file", args=[personas.household.pk]), **NL)
    assert response.status_code == 200
    return response.content.decode()


def test_a_technician_sees_the_repair_not_the_debt_signal(
    personas, staff_client, household_signals
):
    staff_client.force_login(personas.technician)
    html = _page(staff_client, personas)
    repair, debt = household_signals["repair"], household_signals["debt"]
    assert repair.reference in html
    assert reverse("inbox:signal", args=[repair.pk]) in html
    assert debt.reference not in html
    assert 'Meldingen van dit gezin <span class="wp-muted">(1)</span>' in html


def test_a_budget_worker_sees_the_debt_signal_with_its_status_not_the_repair(
    personas, staff_client, household_signals
):
    staff_client.force_login(personas.budget_worker)
    html = _page(staff_client, personas)
    table = html[html.find('id="household-signals"') :]
    debt, repair = household_signals["debt"], household_signals["repair"]
    assert debt.reference in table
    assert debt.get_status_display() in table
    assert repair.reference not in table


def test_newest_first(personas, staff_client, household_signals):
    newer = make_signal(
        personas, "Het raam sluit niet", "herstelling", household=personas.household
    )
    staff_client.force_login(personas.technician)
    html = _page(staff_client, personas)
    table = html[html.find('id="household-signals"') :]
    assert 0 < table.find(newer.reference) < table.find(household_signals["repair"].reference)


def test_a_household_without_visible_signals_says_so(personas, staff_client):
    staff_client.force_login(personas.technician)
    html = _page(staff_client, personas)
    assert "Geen meldingen van dit gezin die u mag zien." in html

"""The configuration site audits every page that shows a household's personal data
(``audit.admin.AuditedAdmin``): lists, search, change, history, autocomplete, delete pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkpunt.audit.actions import record_list_read
from wijkpunt.audit.models import AuditAction, AuditEntry
from wijkpunt.housing.models import Dwelling, Household, Tenancy

NL = {"HTTP_ACCEPT_LANGUAGE": "nl-be"}


@pytest.fixture
def admin(personas, staff_client):
    staff_client.force_login(personas.admin)
    return staff_client


def _entries(user, **filters):
    return list(
        AuditEntry.objects.filter(actor=user, **filters).values_list("household_id", "purpose")
    )


def test_record_list_read_writes_one_entry_per_household_and_skips_none(personas, rf):
    request = rf.get("/werk/zoeken/?q=peeters")
    request.user = personas.coordinator
    request.resolver_match = None
    ids = [personas.household.pk, None, personas.household.pk, personas.other_household.pk]
    assert record_list_read(request=request, object_type="household", household_ids=ids) == 2
    assert sorted(h for h, _ in _entries(personas.coordinator)) == sorted(
        [personas.household.pk, personas.other_household.pk]
    )
    assert record_list_read(request=request, object_type="household", household_ids=[None]) == 0


def test_the_household_autocomplete_is_audited(personas, admin):
    url = reverse("admin:autocomplete")
    response = admin.get(
        url,
        {"app_label": "housing", "model_name": "tenancy", "field_name": "household", "term": "Pee"},
        **NL,
    )
    assert response.status_code == 200
    assert "Gezin Peeters" in response.content.decode()
    assert _entries(personas.admin, action=AuditAction.SEARCH) == [
        (personas.household.pk, "admin autocomplete")
    ]


def test_the_tenant_account_autocomplete_is_audited(personas, admin):
    response = admin.get(
        reverse("admin:autocomplete"),
        {"app_label": "housing", "model_name": "resident", "field_name": "user", "term": "Peeters"},
        **NL,
    )
    assert response.status_code == 200
    assert "An Peeters" in response.content.decode()
    assert (personas.household.pk, "admin autocomplete") in _entries(personas.admin)


def test_a_search_in_the_household_list_is_audited_as_a_search(personas, admin):
    response = admin.get(reverse("admin:housing_household_changelist"), {"q": "Peeters"}, **NL)
    assert response.status_code == 200
    assert _entries(personas.admin, action=AuditAction.SEARCH) == [
        (personas.household.pk, "admin search")
    ]


def test_the_delete_page_of_a_dwelling_audits_the_tenancies_it_lists(personas, admin):
    response = admin.get(
        reverse("admin:housing_dwelling_delete", args=[personas.dwelling.pk]), **NL
    )
    assert response.status_code == 200
    assert "Gezin Peeters" in response.content.decode()
    assert (personas.household.pk, "admin delete") in _entries(personas.admin)


def test_the_history_page_is_audited(personas, admin):
    response = admin.get(
        reverse("admin:housing_household_history", args=[personas.household.pk]), **NL
    )
    assert response.status_code == 200
    assert _entries(personas.admin) == [(personas.household.pk, "admin history")]


def test_an_unknown_record_writes_nothing(personas, admin):
    response = admin.get(reverse("admin:housing_household_history", args=[999999]), **NL)
    assert response.status_code == 302
    assert not AuditEntry.objects.exists()


def test_the_administrator_does_not_see_former_residents_in_the_admin(personas, admin):
    today = timezone.localdate()
    gone = Household.objects.create(name="Gezin Vertrokken")
    Tenancy.objects.create(
        dwelling=Dwelling.objects.create(building=personas.building, unit="7.7"),
        household=gone,
        start_date=dt.date(2010, 1, 1),
        end_date=today - dt.timedelta(days=40),
    )
    response = admin.get(reverse("admin:housing_household_changelist"), **NL)
    assert response.status_code == 200
    assert "Gezin Vertrokken" not in response.content.decode()
    response = admin.get(reverse("admin:housing_household_change", args=[gone.pk]), **NL)
    assert response.status_code == 302  # "not found" in the admin's own way
    # A household being registered (no tenancy yet) can be found, to give it a tenancy.
    new = Household.objects.create(name="Gezin Nieuw")
    response = admin.get(reverse("admin:housing_household_change", args=[new.pk]), **NL)
    assert response.status_code == 200


def test_routing_rules_never_offer_a_resident_as_the_person(personas, admin):
    response = admin.get(reverse("admin:signalling_routingrule_add"), **NL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "An Peeters" not in html and "Elif Yilmaz" not in html
    assert "Tom Technieker" in html

"""'Mijn woning': a tenant sees their own home, household and who to contact."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkpunt.accounts.models import User
from wijkpunt.audit.models import AuditEntry
from wijkpunt.housing.models import Household, Resident, Tenancy
from wijkpunt.partners.models import Role, StaffRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def en(personas):
    for user in (personas.tenant, personas.other_tenant):
        user.language = "en"
        user.save()
    return personas


def test_anonymous_is_sent_to_log_in(client, personas):
    for name in ("portal:home", "portal:details"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_tenant_sees_own_home_and_household(client, en, django_assert_max_num_queries):
    client.force_login(en.tenant)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Lindenplein 1 box 0.1, 8560 Testgem" in html
    assert "Apartment" in html and "Ground floor" in html
    assert "An" in html and "Jef" in html
    assert "1 March 2020" in html
    assert "probation" not in html  # their probation ended long ago (none recorded)
    # Never the other household.
    assert "Beukenhof" not in html
    assert "Yilmaz" not in html and "Elif" not in html


def test_other_tenant_sees_theirs_with_probation_explained(client, en):
    client.force_login(en.other_tenant)
    html = client.get(reverse("portal:home")).content.decode()
    assert "Beukenhof 7 box 1.2, 8560 Testgem" in html
    assert "Floor 1" in html
    assert "Your probation period runs until 31 August 2027." in html
    assert "Lindenplein" not in html and "Peeters" not in html and "Jef" not in html


def test_partners_of_the_estate_with_what_they_help_with(client, en):
    en.housing.email = "info@woonmaatschappij.example"
    en.housing.address = "Marktplein 3, 8560 Testgem"
    en.housing.opening_hours = "Monday to Friday 9:00-12:00"
    en.housing.save()
    client.force_login(en.tenant)
    html = client.get(reverse("portal:home")).content.decode()
    for org in (en.housing, en.ocmw, en.community, en.other_partner):
        assert org.name in html
    assert "Repairs in your home" in html
    assert "Worries about money" in html
    assert "Activities in your neighbourhood" in html
    assert 'href="tel:+3256000000"' in html
    assert 'href="mailto:info@woonmaatschappij.example"' in html
    assert "Marktplein 3, 8560 Testgem" in html
    assert "Monday to Friday 9:00-12:00" in html
    # Named contact people: the woonconsulent of this estate and the buurtwerker.
    assert "Your tenant consultant: <strong>Wendy Woonconsulent</strong>" in html
    assert "Your community worker: <strong>Bea Buurtwerker</strong>" in html
    # Other staff are not listed, and never a personal phone or e-mail address.
    assert "Tom Technieker" not in html and "Mo Maatschappelijk" not in html
    assert en.woonconsulent.email not in html


def test_estate_with_only_the_housing_company(client, en):
    client.force_login(en.other_tenant)
    html = client.get(reverse("portal:home")).content.decode()
    assert en.housing.name in html
    assert en.ocmw.name not in html and en.community.name not in html
    # The woonconsulent works in the other estate only.
    assert "Wendy Woonconsulent" not in html


def test_consultant_assigned_to_the_estate_comes_before_general_ones(client, en):
    general = User.objects.create_user(email="wc2@example.org", full_name="Gert Algemeen")
    StaffRole.objects.create(user=general, organisation=en.housing, role=Role.TENANT_CONSULTANT)
    client.force_login(en.tenant)
    html = client.get(reverse("portal:home")).content.decode()
    assert "Wendy Woonconsulent" in html
    assert "Gert Algemeen" not in html
    # In the other estate nobody is assigned by name: the general one is shown.
    client.force_login(en.other_tenant)
    assert "Gert Algemeen" in client.get(reverse("portal:home")).content.decode()


def test_tenant_without_tenancy_gets_a_helpful_page(client, en):
    household = Household.objects.create(name="Gezin Janssens")
    user = User.objects.create_user(email="jo@example.org", full_name="Jo Janssens", language="en")
    Resident.objects.create(household=household, first_name="Jo", last_name="Janssens", user=user)
    client.force_login(user)
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "We do not see a current rental contract for you" in html
    assert en.housing.name in html and 'href="tel:+3256000000"' in html
    assert "Lindenplein" not in html


def test_ended_tenancy_is_not_shown_as_current(client, en):
    Tenancy.objects.filter(household=en.household).update(
        end_date=timezone.localdate() - dt.timedelta(days=1)
    )
    client.force_login(en.tenant)
    html = client.get(reverse("portal:home")).content.decode()
    assert "We do not see a current rental contract for you" in html


def test_future_tenancy_welcomes_the_new_tenant(client, en):
    tenancy = Tenancy.objects.get(household=en.other_household)
    start = timezone.localdate() + dt.timedelta(days=20)
    Tenancy.objects.filter(pk=tenancy.pk).update(start_date=start, probation_end=None)
    client.force_login(en.other_tenant)
    html = client.get(reverse("portal:home")).content.decode()
    assert "Your new home" in html
    assert "Beukenhof 7" in html
    assert "Your rental contract starts on" in html


def test_members_who_moved_out_are_not_listed(client, en):
    Resident.objects.filter(first_name="Jef").update(
        moved_out_on=timezone.localdate() - dt.timedelta(days=3)
    )
    client.force_login(en.tenant)
    html = client.get(reverse("portal:home")).content.decode()
    assert "Jef" not in html


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
        "outsider",
    ],
)
def test_staff_and_outsiders_are_refused(staff_client, personas, persona):
    staff_client.force_login(getattr(personas, persona))
    for name in ("portal:home", "portal:details"):
        response = staff_client.get(reverse(name))
        assert response.status_code == 403
        html = response.content.decode()
        assert "Lindenplein 1" not in html and "Peeters" not in html


def test_staff_refusal_points_to_the_workspace(staff_client, personas):
    staff_client.force_login(personas.woonconsulent)
    html = staff_client.get(reverse("portal:home")).content.decode()
    assert reverse("core:home") in html


def test_own_household_read_is_not_audited_as_a_staff_read(client, personas):
    client.force_login(personas.tenant)
    client.get(reverse("portal:home"))
    assert not AuditEntry.objects.filter(action="view").exists()


def test_home_page_is_dutch_for_a_dutch_tenant(client, personas):
    client.force_login(personas.tenant)
    html = client.get(reverse("portal:home")).content.decode()
    assert 'lang="nl-be"' in html
    assert "Mijn woning" in html
    assert "Wie kan u helpen" in html

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkpunt.audit.models import AuditAction, AuditEntry
from wijkpunt.housing.models import Household, Resident, TenancyEvent, TenancyEventKind


def url(household) -> str:
    return reverse("households:file", args=[household.pk])


# A partner outside the housing company opens the file with a reason on record: here, its
# organisation's own client relationship (households/tests covers every reason and refusal).
PARTNERS = {"ocmw_reception", "social_worker", "budget_worker", "buurtwerker"}


@pytest.fixture
def clients_of_the_partners(personas):
    from wijkpunt.households.models import FileReason, ReasonKind

    until = timezone.now() + dt.timedelta(days=30)
    for org, user in (
        (personas.ocmw, personas.social_worker),
        (personas.community, personas.buurtwerker),
    ):
        FileReason.objects.create(
            household=personas.household,
            kind=ReasonKind.CLIENT,
            organisation=org,
            user=user,
            stated_reason="Cliënt",
            until=until,
        )


SEES_PEETERS = (
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


@pytest.mark.parametrize("persona", SEES_PEETERS)
def test_staff_of_the_estate_see_the_household_and_the_read_is_audited(
    personas, staff_client, persona, clients_of_the_partners
):
    user = getattr(personas, persona)
    staff_client.force_login(user)
    response = staff_client.get(url(personas.household))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gezin Peeters" in html
    assert "Jef Peeters" in html
    assert "0470 00 00 01" in html
    assert "Lindenplein 1" in html
    entry = AuditEntry.objects.get(actor=user)
    reason = "client" if persona in PARTNERS else "housing"
    assert (entry.action, entry.household_id, entry.purpose) == (
        AuditAction.VIEW,
        personas.household.pk,
        f"household file: {reason}",
    )


@pytest.mark.parametrize(
    "persona",
    [
        "partner_worker",
        "woonconsulent",  # limited to Lindenplein
        "ocmw_reception",
        "social_worker",
        "budget_worker",
        "buurtwerker",
    ],
)
def test_households_outside_the_roles_are_not_found(personas, staff_client, persona):
    user = getattr(personas, persona)
    staff_client.force_login(user)
    response = staff_client.get(url(personas.other_household))
    assert response.status_code == 404
    assert "Yilmaz" not in response.content.decode()
    assert not AuditEntry.objects.filter(actor=user).exists()


def test_partner_worker_sees_no_household_at_all(personas, staff_client):
    staff_client.force_login(personas.partner_worker)
    assert staff_client.get(url(personas.household)).status_code == 404


@pytest.mark.parametrize("persona", ["tenant", "other_tenant", "outsider"])
def test_non_staff_get_not_found_even_for_their_own_household(personas, staff_client, persona):
    staff_client.force_login(getattr(personas, persona))
    assert staff_client.get(url(personas.household)).status_code == 404
    assert staff_client.get(url(personas.other_household)).status_code == 404


def test_anonymous_goes_to_login(personas, client):
    response = client.get(url(personas.household))
    assert response.status_code == 302


def test_unknown_household_is_not_found(personas, staff_client):
    staff_client.force_login(personas.coordinator)
    assert staff_client.get("/werk/huishoudens/999999/").status_code == 404


def test_languages_contact_residents_and_age(personas, staff_client, clients_of_the_partners):
    Household.objects.filter(pk=personas.household.pk).update(
        other_language="Turks", email="gezin@example.org", preferred_contact="phone"
    )
    Resident.objects.filter(first_name="Jef").update(birth_year=1980)
    staff_client.force_login(personas.social_worker)
    response = staff_client.get(url(personas.household))
    html = response.content.decode()
    assert "Turks" in html
    assert "gezin@example.org" in html
    age = dt.date.today().year - 1980
    assert f"{age}" in html
    residents = {r.first_name: r for r in response.context["residents"]}
    assert residents["An"].user_id == personas.tenant.pk
    assert residents["Jef"].user_id is None


def test_estate_link_only_when_the_estate_is_covered(personas, staff_client):
    staff_client.force_login(personas.technician)
    html = staff_client.get(url(personas.household)).content.decode()
    assert reverse("workspace:estate", args=["lindenplein"]) in html


@pytest.mark.parametrize("persona", ["woonconsulent", "letting", "coordinator", "admin"])
def test_tenancy_history_for_tenancy_roles(personas, staff_client, persona):
    tenancy = personas.household.tenancies.get()
    TenancyEvent.objects.create(
        tenancy=tenancy,
        kind=TenancyEventKind.CHANGED,
        by=personas.letting,
        changes={"probation_end": [None, "2022-03-01"]},
    )
    staff_client.force_login(getattr(personas, persona))
    response = staff_client.get(url(personas.household))
    assert response.context["show_tenancies"] is True
    html = response.content.decode()
    assert "Vera Verhuur" in html  # who made the change
    assert "01-03-2022" in html
    assert [t.pk for t in response.context["tenancies"]] == [tenancy.pk]


@pytest.mark.parametrize(
    "persona", ["technician", "ocmw_reception", "social_worker", "budget_worker", "buurtwerker"]
)
def test_no_tenancy_history_for_other_roles(
    personas, staff_client, persona, clients_of_the_partners
):
    TenancyEvent.objects.create(
        tenancy=personas.household.tenancies.get(),
        kind=TenancyEventKind.CHANGED,
        by=personas.letting,
        changes={"end_date": [None, "2030-01-01"]},
    )
    staff_client.force_login(getattr(personas, persona))
    response = staff_client.get(url(personas.household))
    assert response.status_code == 200
    assert response.context["show_tenancies"] is False
    html = response.content.decode()
    assert "Vera Verhuur" not in html
    assert "2030" not in html
    assert "tenancies-title" not in html


def test_probation_badge(personas, staff_client):
    staff_client.force_login(personas.letting)
    tenancy = personas.other_household.tenancies.get()
    html = staff_client.get(url(personas.other_household)).content.decode()
    assert ("in proefperiode" in html) is tenancy.in_probation


def test_query_count_is_bounded(personas, staff_client, django_assert_max_num_queries):
    staff_client.force_login(personas.coordinator)
    tenancy = personas.household.tenancies.get()
    for _ in range(5):
        TenancyEvent.objects.create(
            tenancy=tenancy, kind=TenancyEventKind.CHANGED, by=personas.admin
        )
    # The household, the reason to open its file, residents, tenancies with their events, the
    # signals the reader may see (categories, then signals), whether it still lives in the
    # reader's estates, the timeline (the signals, referrals, consents and shared entries that
    # decide what it shows, then count and page), the consents and the referrals.
    with django_assert_max_num_queries(25):
        assert staff_client.get(url(personas.household)).status_code == 200

"""The generated demo: volumes, consistency of the registry, accounts and privacy of data."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

import pytest
from allauth.mfa.models import Authenticator

from wijkpunt.accounts.models import User
from wijkpunt.demo import data
from wijkpunt.demo.generate import delete_demo_data, generate
from wijkpunt.demo.tests.conftest import TODAY
from wijkpunt.housing import access as housing_access
from wijkpunt.housing.models import (
    Building,
    CommonSpace,
    Dwelling,
    Estate,
    Household,
    Resident,
    Tenancy,
    TenancyEvent,
    TenancyEventKind,
)
from wijkpunt.partners.models import Organisation, OrganisationKind, Role, StaffRole, Team

PHONE = re.compile(r"^0470 00 \d\d \d\d$")


def _domain_ok(email: str) -> bool:
    return email == "" or email.rsplit("@", 1)[1] in data.DEMO_EMAIL_DOMAINS


def test_volumes(demo):
    assert Estate.objects.count() == 4
    assert Estate.objects.filter(is_new=True).count() == 3
    assert Dwelling.objects.count() >= 450
    wallaysplein = Estate.objects.get(slug="wallaysplein")
    assert not wallaysplein.is_new
    assert 150 <= Dwelling.objects.filter(building__estate=wallaysplein).count() <= 200
    assert Household.objects.count() >= 400
    assert Resident.objects.count() > Household.objects.count()
    assert CommonSpace.objects.filter(estate=wallaysplein, kind="meeting_room").exists()
    assert Organisation.objects.filter(kind=OrganisationKind.OTHER).count() >= 3
    assert Team.objects.filter(organisation__kind=OrganisationKind.OCMW).count() == 3
    assert demo.counts["dwellings"] == Dwelling.objects.count()


def test_occupancy_is_high_in_the_old_estate_and_lower_in_the_new_ones(demo):
    rates = {}
    for estate in Estate.objects.all():
        dwellings = Dwelling.objects.filter(building__estate=estate).count()
        let = Tenancy.objects.current(TODAY).filter(dwelling__building__estate=estate).count()
        rates[estate.slug] = let / dwellings
    assert 0.86 <= rates["wallaysplein"] <= 0.94
    for slug in ("vlashof", "leiemeersen", "kapelleveld"):
        assert rates[slug] < rates["wallaysplein"]
    # One new estate has opened and is partly let; one has not opened yet.
    assert 0 < rates["leiemeersen"] < 0.7
    kapelleveld = Estate.objects.get(slug="kapelleveld")
    assert kapelleveld.opens_on > TODAY
    assert rates["kapelleveld"] == 0


def test_every_household_has_a_tenancy_and_dwellings_never_overlap(demo):
    assert not Household.objects.filter(tenancies__isnull=True).exists()
    by_dwelling = defaultdict(list)
    for tenancy in Tenancy.objects.order_by("start_date"):
        by_dwelling[tenancy.dwelling_id].append(tenancy)
    for tenancies in by_dwelling.values():
        open_ones = [t for t in tenancies if t.end_date is None]
        assert len(open_ones) <= 1
        for before, after in zip(tenancies, tenancies[1:], strict=False):
            assert before.end_date is not None
            assert before.end_date < after.start_date
    # There is history: tenancies that ended.
    assert Tenancy.objects.filter(end_date__isnull=False).count() > 50


def test_tenancy_history_and_probation(demo):
    for tenancy in Tenancy.objects.prefetch_related("events"):
        kinds = [e.kind for e in tenancy.events.all()]
        assert TenancyEventKind.STARTED in kinds
        assert (TenancyEventKind.ENDED in kinds) == (tenancy.end_date is not None)
        if tenancy.probation_end:
            assert tenancy.probation_end.year == tenancy.start_date.year + 2
            assert tenancy.probation_end > tenancy.start_date
    new_current = Tenancy.objects.current(TODAY).filter(dwelling__building__estate__is_new=True)
    assert new_current.exists()
    assert all(t.probation_end and t.probation_end >= TODAY for t in new_current)
    assert TenancyEvent.objects.filter(changes__internal_move=True).exists()


def test_households_are_diverse_and_plausible(demo):
    languages = set(Household.objects.values_list("language", flat=True))
    assert languages == {"nl-be", "fr", "en"}
    home = set(
        Household.objects.exclude(other_language="").values_list("other_language", flat=True)
    )
    assert {"Arabisch", "Turks", "Pools", "Roemeens", "Tigrinya", "Dari"} <= home
    sizes = {h.residents.filter(moved_out_on__isnull=True).count() for h in Household.objects.all()}
    assert {1, 2, 3, 4, 5} <= sizes
    assert max(sizes) <= 6
    assert not Resident.objects.filter(birth_year__isnull=True).exists()
    heads = Resident.objects.filter(relation="head")
    assert heads.count() == Household.objects.count()
    assert all(TODAY.year - r.birth_year >= 18 for r in heads)


def test_contact_details_are_fictitious(demo):
    for email in [
        *User.objects.values_list("email", flat=True),
        *Household.objects.values_list("email", flat=True),
        *Resident.objects.values_list("email", flat=True),
        *Organisation.objects.values_list("email", flat=True),
        *Team.objects.values_list("email", flat=True),
    ]:
        assert _domain_ok(email), email
    for phone in [
        *Household.objects.exclude(phone="").values_list("phone", flat=True),
        *Resident.objects.exclude(phone="").values_list("phone", flat=True),
    ]:
        assert PHONE.match(phone), phone
    assert all(b.postcode == "8560" for b in Building.objects.all())
    assert all(
        50.7 < float(b.latitude) < 50.9 and 3.1 < float(b.longitude) < 3.3
        for b in Building.objects.all()
    )


def test_one_demo_account_per_role(demo):
    roles = set(
        StaffRole.objects.filter(user__is_demo=True, active=True).values_list("role", flat=True)
    )
    assert roles == set(Role.values)
    for account in data.STAFF_ACCOUNTS:
        user = User.objects.get(email=f"{account.local_part}@{data.DEMO_ACCOUNT_DOMAIN}")
        assert user.is_demo
        assert user.check_password(data.DEMO_PASSWORD)
        assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    admin = User.objects.get(email=f"beheerder@{data.DEMO_ACCOUNT_DOMAIN}")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.filter(is_superuser=True).exclude(pk=admin.pk).exists()


def test_staff_roles_are_scoped(demo):
    def user(local: str) -> User:
        return User.objects.get(email=f"{local}@{data.DEMO_ACCOUNT_DOMAIN}")

    def slugs(local: str) -> set[str]:
        return set(housing_access.visible_estates(user(local)).values_list("slug", flat=True))

    assert slugs("woonconsulent") == {"wallaysplein", "vlashof"}
    assert slugs("buurtwerker") == {"wallaysplein"}
    assert slugs("coordinator") == {"wallaysplein", "vlashof", "leiemeersen", "kapelleveld"}
    # A partner outside the three core partners sees no household in the registry.
    assert not housing_access.visible_households(user("partner")).exists()
    # The woonconsulent sees households of her estates only.
    visible = housing_access.visible_households(user("woonconsulent"))
    assert visible.exists()
    assert (
        not visible.filter(tenancies__dwelling__building__estate__slug="leiemeersen")
        .exclude(tenancies__dwelling__building__estate__slug__in=["wallaysplein", "vlashof"])
        .exists()
    )


def test_demo_tenants(demo):
    expected = {
        "huurder": ("nl-be", "wallaysplein"),
        "locataire": ("fr", "wallaysplein"),
        "tenant": ("en", "vlashof"),
    }
    for local, (language, estate) in expected.items():
        user = User.objects.get(email=f"{local}@{data.DEMO_ACCOUNT_DOMAIN}")
        assert user.is_demo and user.is_tenant
        assert user.language == language
        assert user.check_password(data.DEMO_PASSWORD)
        household = housing_access.tenant_household(user)
        tenancy = household.tenancies.current(TODAY).get()
        assert tenancy.dwelling.building.estate.slug == estate
    english = User.objects.get(email=f"tenant@{data.DEMO_ACCOUNT_DOMAIN}")
    tenancy = housing_access.tenant_household(english).tenancies.get()
    assert tenancy.probation_end >= TODAY
    # Other tenants use the portal too, in several languages, with a current tenancy.
    portal = User.objects.filter(is_demo=True, resident__isnull=False)
    assert portal.count() > 10
    assert set(portal.values_list("language", flat=True)) == {"nl-be", "fr", "en"}
    for user in portal.select_related("resident"):
        assert user.resident.household.tenancies.current(TODAY).exists()
        assert user.resident.email == user.email


def test_same_seed_same_demo(db, locmem_cache):
    delete_demo_data()  # the module's shared demo, if loaded

    def snapshot():
        return (
            list(Household.objects.order_by("external_ref").values_list("name", "language")),
            list(Tenancy.objects.order_by("external_ref").values_list("start_date", "end_date")),
        )

    # The registry alone (no signals): what the seed decides is the same either way.
    generate(today=TODAY, seed=7, with_totp=False, extensions=False)
    first = snapshot()
    delete_demo_data()
    assert not Household.objects.exists()
    generate(today=TODAY, seed=7, with_totp=False, extensions=False)
    assert snapshot() == first
    delete_demo_data()
    generate(today=TODAY, seed=8, with_totp=False, extensions=False)
    assert snapshot() != first


# Each day is a whole demo (seconds): `make test` tries one day per database run.
@pytest.mark.parametrize(
    "today",
    [
        pytest.param(dt.date(2027, 2, 28), marks=pytest.mark.once("sqlite")),
        pytest.param(dt.date(2030, 1, 1), marks=pytest.mark.once("postgres")),
    ],
)
def test_generates_consistent_data_on_other_days(db, locmem_cache, today):
    delete_demo_data()  # the module's shared demo, if loaded
    result = generate(today=today, with_totp=False)
    assert result.counts["dwellings"] >= 450
    assert not Household.objects.filter(tenancies__isnull=True).exists()
    opens = sorted(Estate.objects.filter(is_new=True).values_list("opens_on", flat=True))
    assert opens[0] < today < opens[-1]

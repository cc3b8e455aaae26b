"""Personas for tests: one person per role, each in their organisation, and two tenants.

    def test_something(personas, client):
        client.force_login(personas.technician)

Estates: ``personas.estate`` (Wallaysplein-like, every partner works there) and
``personas.other_estate`` (only the housing company works there).
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass, field

from wijkpunt.accounts.models import User
from wijkpunt.housing.models import Building, Dwelling, Estate, Household, Resident, Tenancy
from wijkpunt.partners.models import Organisation, OrganisationKind, Role, StaffRole, Team

PASSWORD = "correct horse battery staple"


# The day the tests' shared demo is generated for: its openings and probations are fixed.
DEMO_TODAY = dt.date(2026, 11, 25)


@contextmanager
def rolled_back(django_db_blocker):
    """For a module- or session-scoped fixture: data made inside lives in one transaction
    that is rolled back afterwards; each test still runs in its own savepoint inside it."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@dataclass
class Personas:
    housing: Organisation
    ocmw: Organisation
    community: Organisation
    other_partner: Organisation
    estate: Estate
    other_estate: Estate
    building: Building
    dwelling: Dwelling
    other_dwelling: Dwelling
    household: Household
    other_household: Household
    tenant: User
    other_tenant: User
    technician: User
    woonconsulent: User
    letting: User
    coordinator: User
    ocmw_reception: User
    social_worker: User
    budget_worker: User
    buurtwerker: User
    partner_worker: User
    admin: User
    outsider: User
    extra: dict = field(default_factory=dict)

    def staff(self) -> dict[str, User]:
        return {
            "technician": self.technician,
            "woonconsulent": self.woonconsulent,
            "letting": self.letting,
            "coordinator": self.coordinator,
            "ocmw_reception": self.ocmw_reception,
            "social_worker": self.social_worker,
            "budget_worker": self.budget_worker,
            "buurtwerker": self.buurtwerker,
            "partner_worker": self.partner_worker,
            "admin": self.admin,
        }


def _user(email: str, name: str, **extra) -> User:
    return User.objects.create_user(email=email, password=PASSWORD, full_name=name, **extra)


def _staff(email, name, org, role, team=None, estates=()) -> User:
    user = _user(email, name)
    staff_role = StaffRole.objects.create(user=user, organisation=org, role=role, team=team)
    if estates:
        staff_role.estates.set(estates)
    return user


def make_personas() -> Personas:
    estate = Estate.objects.create(name="Lindenplein", slug="lindenplein", municipality="Testgem")
    other = Estate.objects.create(
        name="Beukenhof", slug="beukenhof", municipality="Testgem", is_new=True
    )
    housing = Organisation.objects.create(
        name="Woonmaatschappij Test", kind=OrganisationKind.HOUSING_COMPANY, phone="056 00 00 00"
    )
    ocmw = Organisation.objects.create(
        name="OCMW Testgem", kind=OrganisationKind.OCMW, phone="056 11 11 11"
    )
    community = Organisation.objects.create(
        name="Buurtwerk Testgem", kind=OrganisationKind.COMMUNITY_WORK
    )
    other_partner = Organisation.objects.create(name="CAW Test", kind=OrganisationKind.OTHER)
    housing.estates.set([estate, other])
    ocmw.estates.set([estate])
    community.estates.set([estate])
    other_partner.estates.set([estate])
    tech_team = Team.objects.create(organisation=housing, name="Technische dienst")
    social_team = Team.objects.create(organisation=ocmw, name="Sociale dienst")

    building = Building.objects.create(
        estate=estate,
        street="Lindenplein",
        number="1",
        postcode="8560",
        city="Testgem",
        external_ref="B-1",
    )
    other_building = Building.objects.create(
        estate=other,
        street="Beukenhof",
        number="7",
        postcode="8560",
        city="Testgem",
        external_ref="B-2",
    )
    dwelling = Dwelling.objects.create(
        building=building, unit="0.1", external_ref="W-1", bedrooms=2
    )
    other_dwelling = Dwelling.objects.create(
        building=other_building, unit="1.2", external_ref="W-2", bedrooms=1, floor=1
    )
    household = Household.objects.create(
        name="Gezin Peeters", external_ref="H-1", phone="0470 00 00 01"
    )
    other_household = Household.objects.create(
        name="Gezin Yilmaz", external_ref="H-2", language="fr"
    )
    Tenancy.objects.create(
        dwelling=dwelling, household=household, start_date=dt.date(2020, 3, 1), external_ref="T-1"
    )
    Tenancy.objects.create(
        dwelling=other_dwelling,
        household=other_household,
        start_date=dt.date(2025, 9, 1),
        probation_end=dt.date(2027, 8, 31),
        external_ref="T-2",
    )

    tenant = _user("an.peeters@example.org", "An Peeters")
    Resident.objects.create(
        household=household, first_name="An", last_name="Peeters", user=tenant, email=tenant.email
    )
    Resident.objects.create(
        household=household, first_name="Jef", last_name="Peeters", relation="partner"
    )
    other_tenant = _user("elif.yilmaz@example.org", "Elif Yilmaz", language="fr")
    Resident.objects.create(
        household=other_household, first_name="Elif", last_name="Yilmaz", user=other_tenant
    )

    return Personas(
        housing=housing,
        ocmw=ocmw,
        community=community,
        other_partner=other_partner,
        estate=estate,
        other_estate=other,
        building=building,
        dwelling=dwelling,
        other_dwelling=other_dwelling,
        household=household,
        other_household=other_household,
        tenant=tenant,
        other_tenant=other_tenant,
        technician=_staff(
            "tech@example.org", "Tom Technieker", housing, Role.TECHNICIAN, tech_team
        ),
        woonconsulent=_staff(
            "wc@example.org",
            "Wendy Woonconsulent",
            housing,
            Role.TENANT_CONSULTANT,
            estates=[estate],
        ),
        letting=_staff("verhuur@example.org", "Vera Verhuur", housing, Role.LETTING),
        coordinator=_staff("coord@example.org", "Koen Coördinator", housing, Role.COORDINATOR),
        ocmw_reception=_staff("onthaal@example.org", "Olga Onthaal", ocmw, Role.OCMW_RECEPTION),
        social_worker=_staff(
            "mw@example.org", "Mo Maatschappelijk", ocmw, Role.SOCIAL_WORKER, social_team
        ),
        budget_worker=_staff("budget@example.org", "Bart Budget", ocmw, Role.BUDGET_WORKER),
        buurtwerker=_staff(
            "buurtwerk@example.org", "Bea Buurtwerker", community, Role.COMMUNITY_WORKER
        ),
        partner_worker=_staff(
            "caw@example.org", "Pieter Partner", other_partner, Role.PARTNER_WORKER
        ),
        admin=_staff("admin@example.org", "Ada Admin", housing, Role.ADMINISTRATOR),
        outsider=_user("nobody@example.org", "Nora Niemand"),
    )


def make_report(
    personas,
    text: str = "De kraan in de keuken lekt",
    slug: str | None = "herstelling",
    *,
    urgent: bool | None = None,
    **kw,
):
    """A signal through the real intake (``signalling.actions.create_signal``): the one report
    builder of the tests. By default the tenant reports it through the portal in the given
    category. The triage engine's suggestion is overruled where a test needs certainty:
    ``slug=None`` puts it at the triage desk; ``urgent`` fixes the flag (True/False; None
    keeps what the intake decided)."""
    from wijkpunt.signalling import actions
    from wijkpunt.signalling.models import Category, Channel, Signal

    kw.setdefault("reporter", personas.tenant)
    kw.setdefault("channel", Channel.PORTAL)
    category = Category.objects.get(slug=slug) if slug else None
    signal = actions.create_signal(text=text, category=category, **kw).signal
    changes: dict = {}
    if urgent is not None:
        changes["urgent"] = urgent
    if slug is None:
        changes.update(category=None, needs_triage=True)
    if changes:
        Signal.objects.filter(pk=signal.pk).update(**changes)
        signal.refresh_from_db()
    return signal

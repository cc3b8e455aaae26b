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

from django.contrib.auth.hashers import make_password

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


# (persona, e-mail, name, organisation, role, team) of the staff personas.
STAFF_PERSONAS = (
    ("technician", "tech@example.org", "Tom Technieker", "housing", Role.TECHNICIAN, "tech"),
    ("woonconsulent", "wc@example.org", "Wendy Woonconsulent", "housing",
     Role.TENANT_CONSULTANT, None),
    ("letting", "verhuur@example.org", "Vera Verhuur", "housing", Role.LETTING, None),
    ("coordinator", "coord@example.org", "Koen Coördinator", "housing", Role.COORDINATOR, None),
    ("ocmw_reception", "onthaal@example.org", "Olga Onthaal", "ocmw", Role.OCMW_RECEPTION, None),
    ("social_worker", "mw@example.org", "Mo Maatschappelijk", "ocmw", Role.SOCIAL_WORKER,
     "social"),
    ("budget_worker", "budget@example.org", "Bart Budget", "ocmw", Role.BUDGET_WORKER, None),
    ("buurtwerker", "buurtwerk@example.org", "Bea Buurtwerker", "community",
     Role.COMMUNITY_WORKER, None),
    ("partner_worker", "caw@example.org", "Pieter Partner", "other_partner",
     Role.PARTNER_WORKER, None),
    ("admin", "admin@example.org", "Ada Admin", "housing", Role.ADMINISTRATOR, None),
)  # fmt: skip


def make_personas() -> Personas:
    """The test world: two estates, four partner organisations, two households, two tenants,
    one staff member per role and an outsider. Made with one insert per table (every test
    that needs personas pays for it, on PostgreSQL a round trip per query)."""
    estate, other = Estate.objects.bulk_create(
        [
            Estate(name="Lindenplein", slug="lindenplein", municipality="Testgem"),
            Estate(name="Beukenhof", slug="beukenhof", municipality="Testgem", is_new=True),
        ]
    )
    housing, ocmw, community, other_partner = Organisation.objects.bulk_create(
        [
            Organisation(
                name="Woonmaatschappij Test",
                kind=OrganisationKind.HOUSING_COMPANY,
                phone="056 00 00 00",
            ),
            Organisation(name="OCMW Testgem", kind=OrganisationKind.OCMW, phone="056 11 11 11"),
            Organisation(name="Buurtwerk Testgem", kind=OrganisationKind.COMMUNITY_WORK),
            Organisation(name="CAW Test", kind=OrganisationKind.OTHER),
        ]
    )
    works_in = Organisation.estates.through
    works_in.objects.bulk_create(
        [
            works_in(organisation=org, estate=place)
            for org, places in (
                (housing, (estate, other)),
                (ocmw, (estate,)),
                (community, (estate,)),
                (other_partner, (estate,)),
            )
            for place in places
        ]
    )
    tech_team, social_team = Team.objects.bulk_create(
        [
            Team(organisation=housing, name="Technische dienst"),
            Team(organisation=ocmw, name="Sociale dienst"),
        ]
    )
    building, other_building = Building.objects.bulk_create(
        [
            Building(
                estate=estate,
                street="Lindenplein",
                number="1",
                postcode="8560",
                city="Testgem",
                external_ref="B-1",
            ),
            Building(
                estate=other,
                street="Beukenhof",
                number="7",
                postcode="8560",
                city="Testgem",
                external_ref="B-2",
            ),
        ]
    )
    dwelling, other_dwelling = Dwelling.objects.bulk_create(
        [
            Dwelling(building=building, unit="0.1", external_ref="W-1", bedrooms=2),
            Dwelling(building=other_building, unit="1.2", external_ref="W-2", bedrooms=1, floor=1),
        ]
    )
    household, other_household = Household.objects.bulk_create(
        [
            Household(name="Gezin Peeters", external_ref="H-1", phone="0470 00 00 01"),
            Household(name="Gezin Yilmaz", external_ref="H-2", language="fr"),
        ]
    )
    Tenancy.objects.bulk_create(
        [
            Tenancy(
                dwelling=dwelling,
                household=household,
                start_date=dt.date(2020, 3, 1),
                external_ref="T-1",
            ),
            Tenancy(
                dwelling=other_dwelling,
                household=other_household,
                start_date=dt.date(2025, 9, 1),
                probation_end=dt.date(2027, 8, 31),
                external_ref="T-2",
            ),
        ]
    )

    password = make_password(PASSWORD)
    people = [
        ("an.peeters@example.org", "An Peeters", None),
        ("elif.yilmaz@example.org", "Elif Yilmaz", "fr"),
        *((email, name, None) for _key, email, name, *_rest in STAFF_PERSONAS),
        ("nobody@example.org", "Nora Niemand", None),
    ]
    users = User.objects.bulk_create(
        [
            User(
                email=email,
                full_name=name,
                password=password,
                **({"language": language} if language else {}),
            )
            for email, name, language in people
        ]
    )
    tenant, other_tenant, *staff_users, outsider = users
    Resident.objects.bulk_create(
        [
            Resident(
                household=household,
                first_name="An",
                last_name="Peeters",
                user=tenant,
                email=tenant.email,
            ),
            Resident(
                household=household, first_name="Jef", last_name="Peeters", relation="partner"
            ),
            Resident(
                household=other_household, first_name="Elif", last_name="Yilmaz", user=other_tenant
            ),
        ]
    )
    organisations = {
        "housing": housing,
        "ocmw": ocmw,
        "community": community,
        "other_partner": other_partner,
    }
    teams = {"tech": tech_team, "social": social_team, None: None}
    roles = StaffRole.objects.bulk_create(
        [
            StaffRole(user=user, organisation=organisations[org], role=role, team=teams[team])
            for user, (_key, _email, _name, org, role, team) in zip(
                staff_users, STAFF_PERSONAS, strict=True
            )
        ]
    )
    # The tenant consultant works in Lindenplein only; the others in all their estates.
    consultant = next(r for r in roles if r.role == Role.TENANT_CONSULTANT)
    consultant.estates.through.objects.create(staffrole=consultant, estate=estate)
    by_key = {key: user for (key, *_rest), user in zip(STAFF_PERSONAS, staff_users, strict=True)}
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
        outsider=outsider,
        technician=by_key["technician"],
        woonconsulent=by_key["woonconsulent"],
        letting=by_key["letting"],
        coordinator=by_key["coordinator"],
        ocmw_reception=by_key["ocmw_reception"],
        social_worker=by_key["social_worker"],
        budget_worker=by_key["budget_worker"],
        buurtwerker=by_key["buurtwerker"],
        partner_worker=by_key["partner_worker"],
        admin=by_key["admin"],
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


# What a test's hand-over of a household's signal rests on (a hand-over is a referral).
HANDOVER = {
    "basis": "legal",
    "legal_ground": "gdpr_9_2_h",
    "basis_note": "Organieke wet OCMW, art. 60: sociale dienstverlening.",
}

"""What a tenant sees in their portal. Everything starts from the tenant's own resident
record (``housing.access.tenant_resident``): a tenant never reaches another household."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkpunt.housing.access import tenant_resident
from wijkpunt.housing.models import Dwelling, Estate, Household, Resident, Tenancy
from wijkpunt.partners.models import Organisation, OrganisationKind, Role, StaffRole
from wijkpunt.portal.phone import tel_uri

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# What each kind of partner helps tenants with, in plain words.
HELPS_WITH: dict[str, StrOrPromise] = {
    OrganisationKind.HOUSING_COMPANY: _(
        "Repairs in your home, your rent, your rental contract, and problems with neighbours."
    ),
    OrganisationKind.OCMW: _(
        "Worries about money or bills, care and help at home, and social help."
    ),
    OrganisationKind.COMMUNITY_WORK: _(
        "Activities in your neighbourhood, meeting your neighbours and living together."
    ),
    OrganisationKind.OTHER: _("Other help in your neighbourhood."),
}
KIND_ORDER: list[str] = [
    OrganisationKind.HOUSING_COMPANY,
    OrganisationKind.OCMW,
    OrganisationKind.COMMUNITY_WORK,
    OrganisationKind.OTHER,
]
# The people a tenant may ask for by name (name only: no personal phone or e-mail).
CONTACT_ROLES: dict[str, StrOrPromise] = {
    Role.TENANT_CONSULTANT: _("Your tenant consultant"),
    Role.COMMUNITY_WORKER: _("Your community worker"),
}


@dataclass
class ContactPerson:
    label: str
    name: str


@dataclass
class PartnerContact:
    organisation: Organisation
    helps_with: str
    phone_uri: str
    people: list[ContactPerson] = field(default_factory=list)


@dataclass
class TenantHome:
    resident: Resident
    household: Household
    tenancy: Tenancy | None
    upcoming: Tenancy | None
    dwelling: Dwelling | None
    estate: Estate | None
    members: list[str]
    partners: list[PartnerContact]


def _contact_people(
    organisations: list[Organisation], estate: Estate | None, working_here: set[int]
) -> dict:
    """Per organisation: the tenant consultants / community workers for this estate. Staff
    assigned to the estate by name come first; without them, those who cover every estate of
    their organisation."""
    if estate is None or not organisations:
        return {}
    roles = (
        StaffRole.objects.filter(
            organisation__in=organisations,
            role__in=list(CONTACT_ROLES),
            active=True,
            user__is_active=True,
        )
        .filter(Q(estates=estate) | Q(estates__isnull=True))
        .select_related("user")
        .prefetch_related("estates")
        .distinct()
        .order_by("user__full_name")
    )
    explicit: dict[int, list[StaffRole]] = {}
    general: dict[int, list[StaffRole]] = {}
    for role in roles:
        assigned = [e.pk for e in role.estates.all()]
        bucket = explicit if estate.pk in assigned else general
        bucket.setdefault(role.organisation_id, []).append(role)
    result: dict[int, list[ContactPerson]] = {}
    for org in organisations:
        chosen = explicit.get(org.pk) or (general.get(org.pk) if org.pk in working_here else [])
        chosen = chosen or []
        result[org.pk] = [
            ContactPerson(label=str(CONTACT_ROLES[r.role]), name=r.user.full_name) for r in chosen
        ]
    return result


def partner_contacts(estate: Estate | None) -> list[PartnerContact]:
    """The partners working in the tenant's estate; without an estate, the housing company."""
    working_here: set[int] = set()
    if estate is not None:
        organisations = list(estate.organisations.all())
        working_here = {o.pk for o in organisations}
    else:
        organisations = list(Organisation.objects.filter(kind=OrganisationKind.HOUSING_COMPANY))
    if estate is not None and not any(
        o.kind == OrganisationKind.HOUSING_COMPANY for o in organisations
    ):
        organisations += list(Organisation.objects.filter(kind=OrganisationKind.HOUSING_COMPANY))
    organisations.sort(
        key=lambda o: (KIND_ORDER.index(o.kind) if o.kind in KIND_ORDER else 99, o.name)
    )
    people = _contact_people(organisations, estate, working_here)
    return [
        PartnerContact(
            organisation=org,
            helps_with=org.description
            or str(HELPS_WITH.get(org.kind, HELPS_WITH[OrganisationKind.OTHER])),
            phone_uri=tel_uri(org.phone),
            people=people.get(org.pk, []),
        )
        for org in organisations
    ]


def tenant_home(user) -> TenantHome | None:
    """The tenant's own home, household and contacts; None when the user is not a tenant."""
    resident = tenant_resident(user)
    if resident is None:
        return None
    household = resident.household
    today = timezone.localdate()
    tenancies = Tenancy.objects.filter(household=household).select_related(
        "dwelling__building__estate"
    )
    tenancy = tenancies.current(today).order_by("-start_date").first()
    upcoming = None
    if tenancy is None:
        upcoming = tenancies.filter(start_date__gt=today).order_by("start_date").first()
    chosen = tenancy or upcoming
    dwelling = chosen.dwelling if chosen else None
    estate = dwelling.building.estate if dwelling else None
    members = [
        r.first_name
        for r in household.residents.filter(
            Q(moved_out_on__isnull=True) | Q(moved_out_on__gt=today)
        ).order_by("pk")
    ]
    return TenantHome(
        resident=resident,
        household=household,
        tenancy=tenancy,
        upcoming=upcoming,
        dwelling=dwelling,
        estate=estate,
        members=members,
        partners=partner_contacts(estate),
    )

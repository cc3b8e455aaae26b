"""The only way to a protected housing object.

- A tenant sees their own household and dwelling.
- Staff see the households living in the estates their roles cover; partner workers outside
  the three core partners see no registry data (they get what a referral shares, later).
- Tenancy history (contract dates, probation) is for the housing company's tenant-facing
  roles and coordinators.
- Every read of a household's personal data is written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from wijkpunt.audit.actions import AuditAction, record
from wijkpunt.housing.models import Building, Dwelling, Estate, Household, Resident, Tenancy
from wijkpunt.partners import access as partners
from wijkpunt.partners.models import OrganisationKind, Role

# Roles that may look up households in the estates they cover.
REGISTRY_ROLES = {r for r in Role.values if r != Role.PARTNER_WORKER}
# Roles that may see tenancy history and probation.
TENANCY_ROLES = {Role.TENANT_CONSULTANT, Role.LETTING, Role.COORDINATOR, Role.ADMINISTRATOR}


def tenant_resident(user) -> Resident | None:
    if not user or not user.is_authenticated:
        return None
    try:
        return user.resident
    except Resident.DoesNotExist:
        return None


@dataclass(frozen=True)
class TenantPlace:
    """Where a tenant lives now, as ids. The dwelling, building and estate are None when the
    household has no current tenancy."""

    resident_id: int
    household_id: int
    tenancy_id: int | None
    dwelling_id: int | None
    building_id: int | None
    estate_id: int | None


def tenant_place(user) -> TenantPlace | None:
    """The tenant's resident record, household and current home in one query, remembered on
    the user object for the rest of the request; None for someone who is not a tenant.

    This runs on every request of a tenant that takes in or checks a signal, so it is one
    plain SQL statement (the ORM spends more time building this four-table join than the
    database spends answering it)."""
    if not user or not user.is_authenticated:
        return None
    if "_tenant_place" in user.__dict__:
        return user.__dict__["_tenant_place"]
    today = connection.ops.adapt_datefield_value(timezone.localdate())
    with connection.cursor() as cursor:
        cursor.execute(_TENANT_PLACE_SQL, [today, today, user.pk])
        row = cursor.fetchone()
    place = TenantPlace(*row) if row else None
    user.__dict__["_tenant_place"] = place
    return place


_TENANT_PLACE_SQL = f"""
SELECT r.id, r.household_id, t.id, t.dwelling_id, d.building_id, b.estate_id
FROM {Resident._meta.db_table} r
LEFT JOIN {Tenancy._meta.db_table} t
  ON t.household_id = r.household_id
  AND t.start_date <= %s AND (t.end_date IS NULL OR t.end_date >= %s)
LEFT JOIN {Dwelling._meta.db_table} d ON d.id = t.dwelling_id
LEFT JOIN {Building._meta.db_table} b ON b.id = d.building_id
WHERE r.user_id = %s
ORDER BY t.start_date DESC NULLS LAST, t.id DESC
LIMIT 1
"""  # noqa: S608 - table names from the models, values as parameters


def tenant_household(user) -> Household | None:
    resident = tenant_resident(user)
    return resident.household if resident else None


def visible_estates(user) -> QuerySet[Estate]:
    if not user or not user.is_authenticated:
        return Estate.objects.none()
    return Estate.objects.filter(pk__in=partners.estate_ids(user))


def registry_estate_ids(user) -> set[int]:
    return partners.estate_ids(user, roles=REGISTRY_ROLES)


def visible_buildings(user) -> QuerySet[Building]:
    return Building.objects.filter(estate_id__in=partners.estate_ids(user))


def visible_dwellings(user) -> QuerySet[Dwelling]:
    """Dwellings (not personal data) in the estates a staff member covers; a tenant's own."""
    if not user or not user.is_authenticated:
        return Dwelling.objects.none()
    estates = partners.estate_ids(user)
    q = Q(building__estate_id__in=estates)
    household = tenant_household(user)
    if household is not None:
        q |= Q(tenancies__household=household)
    return Dwelling.objects.filter(q).distinct() if household else Dwelling.objects.filter(q)


def visible_households(user) -> QuerySet[Household]:
    """Households whose personal data the user may read."""
    if not user or not user.is_authenticated:
        return Household.objects.none()
    estates = registry_estate_ids(user)
    q = Q(pk__in=[])
    if estates:
        q |= Exists(
            Tenancy.objects.filter(
                household=OuterRef("pk"), dwelling__building__estate_id__in=estates
            )
        )
    household = tenant_household(user)
    if household is not None:
        q |= Q(pk=household.pk)
    return Household.objects.filter(q)


def can_see_tenancies(user, household: Household | None = None) -> bool:
    if household is not None and tenant_household(user) == household:
        return True
    return bool(partners.role_names(user) & TENANCY_ROLES)


def get_household_for(
    user, pk: int, *, request: HttpRequest | None = None, purpose: str = ""
) -> Household:
    """The household, if the user may read it; records the read in the audit log."""
    try:
        household = visible_households(user).get(pk=pk)
    except (Household.DoesNotExist, ValueError, TypeError):
        raise Http404("No such household") from None
    record(
        actor=user,
        action=AuditAction.VIEW,
        object_type="household",
        object_id=household.pk,
        household_id=household.pk,
        purpose=purpose,
        request=request,
    )
    return household


def get_dwelling_for(user, pk: int) -> Dwelling:
    try:
        return visible_dwellings(user).select_related("building__estate").get(pk=pk)
    except (Dwelling.DoesNotExist, ValueError, TypeError):
        raise Http404("No such dwelling") from None


def get_estate_for(user, slug: str) -> Estate:
    try:
        return visible_estates(user).get(slug=slug)
    except Estate.DoesNotExist:
        raise Http404("No such estate") from None


def can_manage_registry(user) -> bool:
    """May import and export the registry: letting service, coordinators and administrators
    of the housing company."""
    if not user or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(
        r.organisation.kind == OrganisationKind.HOUSING_COMPANY
        and r.role in {Role.LETTING, Role.COORDINATOR, Role.ADMINISTRATOR}
        for r in partners.active_roles(user)
    )

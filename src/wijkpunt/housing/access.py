"""The only way to a protected housing object.

- A tenant sees their own household and dwelling.
- Staff see the households living in the estates their roles cover; partner workers outside
  the three core partners see no registry data (they get what a referral shares, later).
- Tenancy history (contract dates, probation) is for the housing company's tenant-facing
  roles and coordinators.
- Every read of a household's personal data is written to the audit log.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest

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

"""The only way to a protected housing object.

- A tenant sees their own household and dwelling.
- Staff see the households living in the estates their roles cover (a tenancy there that has
  not ended: current, or signed and about to start); partner workers outside the three core
  partners see no registry data (they get what a referral shares, later).
- Former residents: once a household's tenancy has ended, only the letting service of those
  estates still sees it, for ``settings.FORMER_TENANT_DAYS`` days after the end date, for the
  closing matters (final rent account, deposit, handover of the dwelling). Nobody else finds
  it, in any list, search, page or the API; after that period nobody does.
- Tenancy history (contract dates, probation) is for the housing company's tenant-facing
  roles and coordinators.
- Every read of a household's personal data is written to the audit log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from wijkpunt.audit.actions import record_read
from wijkpunt.housing.models import Building, Dwelling, Estate, Household, Resident, Tenancy
from wijkpunt.partners import access as partners
from wijkpunt.partners.models import OrganisationKind, Role

# Roles that may look up households in the estates they cover.
REGISTRY_ROLES = {r for r in Role.values if r != Role.PARTNER_WORKER}
# The role that keeps former residents for the closing matters of their tenancy.
FORMER_TENANT_ROLES = {Role.LETTING}
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


def former_tenant_estate_ids(user) -> set[int]:
    """Estates in which the user keeps former residents (the letting service)."""
    return partners.estate_ids(user, roles=FORMER_TENANT_ROLES)


def former_tenant_cutoff(today: dt.date | None = None) -> dt.date:
    """Tenancies that ended on or after this day are still kept for closing matters."""
    today = today or timezone.localdate()
    return today - dt.timedelta(days=settings.FORMER_TENANT_DAYS)


def _living_in(estates: set[int], today: dt.date) -> QuerySet[Tenancy]:
    """Tenancies in these estates that have not ended (current, or about to start)."""
    return Tenancy.objects.filter(dwelling__building__estate_id__in=estates).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )


def visible_households(user) -> QuerySet[Household]:
    """Households whose personal data the user may read: those living in the user's estates,
    former residents for the letting service within ``FORMER_TENANT_DAYS``, a tenant's own."""
    if not user or not user.is_authenticated:
        return Household.objects.none()
    today = timezone.localdate()
    estates = registry_estate_ids(user)
    q = Q(pk__in=[])
    if estates:
        q |= Q(Exists(_living_in(estates, today).filter(household=OuterRef("pk"))))
    former = former_tenant_estate_ids(user)
    if former:
        q |= Q(
            Exists(
                Tenancy.objects.filter(
                    household=OuterRef("pk"),
                    dwelling__building__estate_id__in=former,
                    end_date__gte=former_tenant_cutoff(today),
                )
            )
        )
    household = tenant_household(user)
    if household is not None:
        q |= Q(pk=household.pk)
    return Household.objects.filter(q)


@dataclass(frozen=True)
class FormerTenancy:
    """A household the user sees only as a former resident: since when, and until when the
    letting service keeps it."""

    ended_on: dt.date
    kept_until: dt.date


def former_tenancy(user, household: Household) -> FormerTenancy | None:
    """None when the household lives in one of the user's estates (or is the tenant's own);
    otherwise when its last tenancy there ended and how long it is kept (two queries)."""
    if tenant_household(user) == household:
        return None
    today = timezone.localdate()
    estates = registry_estate_ids(user)
    if estates and _living_in(estates, today).filter(household=household).exists():
        return None
    ended = (
        Tenancy.objects.filter(
            household=household,
            dwelling__building__estate_id__in=former_tenant_estate_ids(user),
            end_date__isnull=False,
        )
        .order_by("-end_date")
        .values_list("end_date", flat=True)
        .first()
    )
    if ended is None:
        return None
    return FormerTenancy(
        ended_on=ended, kept_until=ended + dt.timedelta(days=settings.FORMER_TENANT_DAYS)
    )


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
    record_read(
        request=request,
        actor=user,
        object_type="household",
        object_id=household.pk,
        household_id=household.pk,
        purpose=purpose,
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

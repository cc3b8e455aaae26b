"""What a caller of the API may point a signal at (dwelling, building, common space)."""

from __future__ import annotations

from django.db.models import QuerySet

from wijkpunt.housing import access as housing
from wijkpunt.housing.models import Building, CommonSpace, Dwelling, Estate, Tenancy
from wijkpunt.partners import access as partners


def is_tenant(user) -> bool:
    return housing.tenant_place(user) is not None


def _own_dwelling_ids(user) -> list[int]:
    place = housing.tenant_place(user)
    if place is None:
        return []
    return list(
        Tenancy.objects.current()
        .filter(household_id=place.household_id)
        .values_list("dwelling_id", flat=True)
    )


def usable_dwellings(user) -> QuerySet[Dwelling]:
    """A tenant: their own home; staff: the dwellings in the estates they cover."""
    if partners.has_staff_role(user):
        return housing.visible_dwellings(user)
    return Dwelling.objects.filter(pk__in=_own_dwelling_ids(user))


def usable_buildings(user) -> QuerySet[Building]:
    if partners.has_staff_role(user):
        return housing.visible_buildings(user)
    return Building.objects.filter(dwellings__pk__in=_own_dwelling_ids(user)).distinct()


def usable_estates(user) -> QuerySet[Estate]:
    if partners.has_staff_role(user):
        return housing.visible_estates(user)
    return Estate.objects.filter(buildings__dwellings__pk__in=_own_dwelling_ids(user)).distinct()


def usable_common_spaces(user) -> QuerySet[CommonSpace]:
    return CommonSpace.objects.filter(estate__in=usable_estates(user))

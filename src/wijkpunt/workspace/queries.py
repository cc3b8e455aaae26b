"""Reads for the staff workspace. Every list is built from a fixed number of queries, however
many estates, buildings or dwellings there are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict, cast

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Concat
from django.utils import timezone

from wijkpunt.housing import access as housing
from wijkpunt.housing.models import (
    Building,
    CommonSpace,
    Dwelling,
    Estate,
    Household,
    Resident,
    Tenancy,
    TenancyEvent,
)
from wijkpunt.workspace.textsearch import Fold, is_number_term, split_terms

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def current_tenancies(on: dt.date | None = None) -> QuerySet[Tenancy]:
    return Tenancy.objects.current(on)


def occupied_exists(on: dt.date | None = None) -> Exists:
    """For a Dwelling queryset: is somebody renting it today?"""
    return Exists(current_tenancies(on).filter(dwelling=OuterRef("pk")))


@dataclass
class Figures:
    buildings: int = 0
    dwellings: int = 0
    occupied: int = 0
    households: int = 0
    in_probation: int = 0

    @property
    def vacant(self) -> int:
        return self.dwellings - self.occupied


if TYPE_CHECKING:
    # what the workspace's pages read from the objects these functions return

    class _WithFigures(TypedDict):
        figures: Figures

    class _HouseholdDetails(TypedDict):
        resident_list: list[Resident]
        current_tenancy_list: list[Tenancy]
        tenancy_list: list[Tenancy]

    EstateWithFigures = WithAnnotations[Estate, _WithFigures]
    BuildingWithFigures = WithAnnotations[Building, _WithFigures]
    HouseholdWithDetails = WithAnnotations[Household, _HouseholdDetails]


def estates_with_figures(estates: QuerySet[Estate]) -> list[EstateWithFigures]:
    """The estates, each with ``.figures``: three queries in all.

    Dwellings count when they are in use; a dwelling is vacant when it is in use and nobody
    rents it today. Households are those with a current tenancy in the estate."""
    today = timezone.localdate()
    rows = list(estates.annotate(building_count=Count("buildings")).order_by("name"))
    ids = [e.pk for e in rows]
    figures = {e.pk: Figures(buildings=e.building_count) for e in rows}
    if ids:
        dwelling_rows = (
            Dwelling.objects.filter(building__estate_id__in=ids, active=True)
            .annotate(is_occupied=occupied_exists(today))
            .values("building__estate_id")
            .annotate(total=Count("pk"), occupied=Count("pk", filter=Q(is_occupied=True)))
            .order_by()
        )
        for row in dwelling_rows:
            f = figures[row["building__estate_id"]]
            f.dwellings, f.occupied = row["total"], row["occupied"]
        tenancy_rows = (
            current_tenancies(today)
            .filter(dwelling__building__estate_id__in=ids)
            .values("dwelling__building__estate_id")
            .annotate(
                households=Count("household_id", distinct=True),
                probation=Count("pk", filter=Q(probation_end__gte=today)),
            )
            .order_by()
        )
        for row in tenancy_rows:
            f = figures[row["dwelling__building__estate_id"]]
            f.households, f.in_probation = row["households"], row["probation"]
    result = cast("list[EstateWithFigures]", rows)
    for estate in result:
        estate.figures = figures[estate.pk]
    return result


def buildings_with_figures(estate: Estate) -> list[BuildingWithFigures]:
    """The estate's buildings, each with ``.figures`` (dwellings, occupied, vacant): two
    queries."""
    buildings = list(Building.objects.filter(estate=estate).order_by("street", "number"))
    figures = {b.pk: Figures() for b in buildings}
    rows = (
        Dwelling.objects.filter(building__estate=estate, active=True)
        .annotate(is_occupied=occupied_exists())
        .values("building_id")
        .annotate(total=Count("pk"), occupied=Count("pk", filter=Q(is_occupied=True)))
        .order_by()
    )
    for row in rows:
        f = figures[row["building_id"]]
        f.dwellings, f.occupied = row["total"], row["occupied"]
    result = cast("list[BuildingWithFigures]", buildings)
    for building in result:
        building.figures = figures[building.pk]
    return result


def common_spaces(estate: Estate) -> QuerySet[CommonSpace]:
    return CommonSpace.objects.filter(estate=estate).select_related("building").order_by("name")


def dwellings_of_estate(
    estate: Estate,
    *,
    building: Building | None = None,
    vacant_only: bool = False,
    adapted_only: bool = False,
    bedrooms: int | None = None,
) -> QuerySet[Dwelling]:
    """The estate's dwellings with ``current_household_id`` (None when vacant)."""
    today = timezone.localdate()
    current = current_tenancies(today).filter(dwelling=OuterRef("pk")).order_by("-start_date")
    qs = (
        Dwelling.objects.filter(building__estate=estate)
        .select_related("building")
        .annotate(current_household_id=Subquery(current.values("household_id")[:1]))
        .order_by("building__street", "building__number", "unit", "pk")
    )
    if building is not None:
        qs = qs.filter(building=building)
    if vacant_only:
        qs = qs.filter(active=True, current_household_id__isnull=True)
    if adapted_only:
        qs = qs.filter(adapted=True)
    if bedrooms is not None:
        qs = qs.filter(bedrooms=bedrooms)
    return qs


def visible_household_names(user, household_ids: list[int]) -> dict[int, str]:
    """Names of those households the user may see (one query, none when they see none)."""
    ids = [hid for hid in household_ids if hid is not None]
    if not ids or not housing.registry_estate_ids(user):
        return {}
    return dict(housing.visible_households(user).filter(pk__in=ids).values_list("pk", "name"))


# --- Household page ---------------------------------------------------------------------------


def household_details(household: Household, *, with_tenancies: bool) -> HouseholdWithDetails:
    """Loads residents, current tenancy and (when allowed) the whole tenancy history."""
    details = cast("HouseholdWithDetails", household)
    details.resident_list = list(
        Resident.objects.filter(household=household).order_by(
            F("moved_out_on").asc(nulls_first=True), "relation", "first_name"
        )
    )
    details.current_tenancy_list = list(
        current_tenancies()
        .filter(household=household)
        .select_related("dwelling__building__estate")
        .order_by("-start_date")
    )
    details.tenancy_list = []
    if with_tenancies:
        details.tenancy_list = list(
            Tenancy.objects.filter(household=household)
            .select_related("dwelling__building__estate")
            .prefetch_related(
                Prefetch(
                    "events",
                    queryset=TenancyEvent.objects.select_related("by").order_by("at", "pk"),
                )
            )
            .order_by("-start_date", "-pk")
        )
    return details


HOUSEHOLD_SIGNALS_CAP = 500


def household_signals(user, household: Household) -> list:
    """The household's signals this user may see (``signalling.access.visible_signals``: the
    need-to-know filter is part of the query), newest first: at most a few hundred ids, then
    the rows shown."""
    from wijkpunt.signalling.access import visible_signals

    return list(
        visible_signals(user)
        .filter(household=household)
        .select_related("category")
        .order_by("-created_at", "-pk")[:HOUSEHOLD_SIGNALS_CAP]
    )


# --- Search -----------------------------------------------------------------------------------

ADDRESS_TEXT = ("street", "number", "postcode", "city")


def _address_text(prefix: str) -> Concat:
    parts: list = []
    for name in ADDRESS_TEXT:
        parts += [F(f"{prefix}building__{name}"), Value(" ")]
    parts.append(F(f"{prefix}unit"))
    return Concat(*parts)


def _number_q(prefix: str, term: str) -> Q:
    return (
        Q(**{f"{prefix}building__number__iexact": term})
        | Q(**{f"{prefix}building__postcode": term})
        | Q(**{f"{prefix}unit__iexact": term})
    )


def search_households(user, query: str) -> QuerySet[Household]:
    """Households the user may see whose name, residents or current address match every word.

    A word that is a number ("1", "12a", "8560") must be the house number, postcode or unit;
    other words may be part of a name or address. Matching is case- and accent-insensitive
    (see ``textsearch``)."""
    terms = split_terms(query)
    qs = housing.visible_households(user)
    if not terms:
        return qs.none()
    today = timezone.localdate()
    current = current_tenancies(today).filter(household=OuterRef("pk"))
    residents = Resident.objects.filter(household=OuterRef("pk")).annotate(
        folded=Fold(Concat(F("first_name"), Value(" "), F("last_name")))
    )
    addresses = current.annotate(folded=Fold(_address_text("dwelling__")))
    qs = qs.annotate(folded_name=Fold(F("name")))
    for term in terms:
        if is_number_term(term):
            qs = qs.filter(Exists(current.filter(_number_q("dwelling__", term))))
        else:
            qs = qs.filter(
                Q(folded_name__contains=term)
                | Exists(residents.filter(folded__contains=term))
                | Exists(addresses.filter(folded__contains=term))
            )
    return qs.annotate(
        current_dwelling_id=Subquery(current.order_by("-start_date").values("dwelling_id")[:1])
    ).order_by("name", "pk")


def search_dwellings(user, query: str) -> QuerySet[Dwelling]:
    """Dwellings (not personal data) in the user's estates whose address matches every word,
    with ``is_occupied``: the vacancy look-up."""
    terms = split_terms(query)
    qs = housing.visible_dwellings(user)
    if not terms:
        return qs.none()
    qs = qs.annotate(folded_address=Fold(_address_text("")))
    for term in terms:
        if is_number_term(term):
            qs = qs.filter(_number_q("", term))
        else:
            qs = qs.filter(folded_address__contains=term)
    return (
        qs.select_related("building__estate")
        .annotate(is_occupied=occupied_exists())
        .order_by("building__street", "building__number", "unit", "pk")
    )


def dwellings_by_id(ids: list[int]) -> dict[int, Dwelling]:
    ids = [i for i in ids if i is not None]
    if not ids:
        return {}
    return Dwelling.objects.select_related("building__estate").in_bulk(ids)

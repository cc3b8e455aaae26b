"""Small builders for workspace tests."""

from __future__ import annotations

import datetime as dt
import itertools

from wijkpunt.housing.models import Building, Dwelling, Estate, Household, Resident, Tenancy

_counter = itertools.count(100)


def add_building(estate: Estate, *, street: str | None = None, number: str | None = None):
    n = next(_counter)
    return Building.objects.create(
        estate=estate,
        street=street or f"Teststraat {n}",
        number=number or str(n),
        postcode="8560",
        city="Testgem",
    )


def add_dwellings(building: Building, count: int, **extra) -> list[Dwelling]:
    return Dwelling.objects.bulk_create(
        [Dwelling(building=building, unit=f"{next(_counter)}", **extra) for _ in range(count)]
    )


def add_household(
    dwelling: Dwelling,
    name: str,
    *,
    residents: tuple[tuple[str, str], ...] = (),
    start: dt.date = dt.date(2021, 1, 1),
    end: dt.date | None = None,
    probation_end: dt.date | None = None,
) -> Household:
    household = Household.objects.create(name=name)
    Tenancy.objects.create(
        dwelling=dwelling,
        household=household,
        start_date=start,
        end_date=end,
        probation_end=probation_end,
    )
    for first, last in residents:
        Resident.objects.create(household=household, first_name=first, last_name=last)
    return household


def fill_estate(estate: Estate, *, dwellings: int, occupied: int) -> list[Household]:
    """One more building with ``dwellings`` dwellings, of which ``occupied`` rented."""
    building = add_building(estate)
    homes = add_dwellings(building, dwellings)
    households = Household.objects.bulk_create(
        [Household(name=f"Gezin Test {i}") for i in range(occupied)]
    )
    Tenancy.objects.bulk_create(
        [
            Tenancy(dwelling=d, household=h, start_date=dt.date(2022, 1, 1))
            for d, h in zip(homes, households, strict=False)
        ]
    )
    return households


STAFF = (
    "technician",
    "woonconsulent",
    "letting",
    "coordinator",
    "ocmw_reception",
    "social_worker",
    "budget_worker",
    "buurtwerker",
    "partner_worker",
    "admin",
)
NON_STAFF = ("tenant", "outsider")

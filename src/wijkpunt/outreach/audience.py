"""Audience: "these households" — of estates, buildings or a list, living there on a date
(from the tenancies) — with the count before anything is sent.

Surveys, announcements, activities, agreements and onboarding all ask the same question; this
is the one place that answers it. One query, however many households."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from wijkpunt.housing.models import Tenancy


@dataclass(frozen=True)
class Member:
    """One household of an audience, with where it lives on the audience's date."""

    household_id: int
    estate_id: int
    building_id: int
    dwelling_id: int
    language: str
    email: str
    name: str


@dataclass(frozen=True)
class Audience:
    """Households living, on ``on``, in ``estate_ids`` or ``building_ids`` (either may be
    empty; a building counts when its estate is not already named) or named in
    ``household_ids``."""

    on: dt.date
    estate_ids: tuple[int, ...] = ()
    building_ids: tuple[int, ...] = ()
    household_ids: tuple[int, ...] = ()

    @classmethod
    def of(
        cls,
        *,
        on: dt.date,
        estates: Iterable = (),
        buildings: Iterable = (),
        households: Iterable = (),
    ) -> Audience:
        def ids(items: Iterable) -> tuple[int, ...]:
            return tuple(sorted({getattr(i, "pk", i) for i in items}))

        return cls(
            on=on,
            estate_ids=ids(estates),
            building_ids=ids(buildings),
            household_ids=ids(households),
        )

    def tenancies(self) -> QuerySet[Tenancy]:
        """The current tenancies on the date, one per household (the most recent start)."""
        where = Q()
        if self.estate_ids:
            where |= Q(dwelling__building__estate_id__in=self.estate_ids)
        if self.building_ids:
            where |= Q(dwelling__building_id__in=self.building_ids)
        if self.household_ids:
            where |= Q(household_id__in=self.household_ids)
        if not where:
            return Tenancy.objects.none()
        return (
            Tenancy.objects.current(self.on)
            .filter(where)
            .order_by("household_id", "-start_date", "-pk")
        )

    def members(self) -> Iterator[Member]:
        seen: set[int] = set()
        rows = self.tenancies().values_list(
            "household_id",
            "dwelling__building__estate_id",
            "dwelling__building_id",
            "dwelling_id",
            "household__language",
            "household__email",
            "household__name",
        )
        for row in rows.iterator(chunk_size=2000):
            if row[0] in seen:
                continue
            seen.add(row[0])
            yield Member(*row)

    def count(self) -> int:
        return self.tenancies().values("household_id").distinct().count()

    def household_ids_qs(self) -> QuerySet:
        return self.tenancies().values("household_id").distinct()

"""Reads of the household file that are more than one line."""

from __future__ import annotations

from django.utils import timezone

from wijkpunt.housing.models import Household, Tenancy


def current_address(household: Household) -> str:
    """The address of the dwelling the household rents today ("" when none): what a partner
    needs to pick the right household."""
    today = timezone.localdate()
    tenancy = (
        Tenancy.objects.current(today)
        .filter(household=household)
        .select_related("dwelling__building")
        .order_by("-start_date")
        .first()
    )
    return tenancy.dwelling.address if tenancy else ""

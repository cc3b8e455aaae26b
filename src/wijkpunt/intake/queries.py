"""Reads for the intake: where a tenant lives, the places of a QR poster, and possible
duplicates (for residents only the public bits; for staff through ``visible_signals``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core import signing
from django.db.models import QuerySet
from django.utils import timezone

from wijkpunt.housing.access import tenant_household
from wijkpunt.housing.models import Building, CommonSpace, Dwelling, Estate, Tenancy
from wijkpunt.signalling.access import visible_signals
from wijkpunt.signalling.models import OPEN_STATUSES, Signal, Where

DUPLICATE_DAYS = 30
POINT_SALT = "wijkpunt.intake.report-point"


@dataclass(frozen=True)
class Home:
    """Where a tenant lives today (any part may be missing)."""

    dwelling: Dwelling | None
    building: Building | None
    estate: Estate | None

    def common_spaces(self) -> QuerySet[CommonSpace]:
        if self.estate is None:
            return CommonSpace.objects.none()
        return CommonSpace.objects.filter(estate=self.estate).order_by("name")


def tenant_home(user) -> Home:
    household = tenant_household(user)
    tenancy = None
    if household is not None:
        tenancy = (
            Tenancy.objects.current()
            .filter(household=household)
            .select_related("dwelling__building__estate")
            .order_by("-start_date")
            .first()
        )
    if tenancy is None:
        return Home(None, None, None)
    dwelling = tenancy.dwelling
    return Home(dwelling, dwelling.building, dwelling.building.estate)


# --- Report points: a building or common space reached through a QR poster -----------------
#
# The token in /melden/<token>/ is ``django.core.signing.dumps({"b": id})`` (or ``{"s": id}``
# for a common space) with its own salt: permanent (no timestamp), unguessable, and no table
# to keep. A poster stays valid while SECRET_KEY (or one of SECRET_KEY_FALLBACKS) signs it.


@dataclass(frozen=True)
class ReportPoint:
    building: Building | None
    common_space: CommonSpace | None

    @property
    def estate(self) -> Estate:
        if self.common_space is not None:
            return self.common_space.estate
        assert self.building is not None  # a point is a common space or a building
        return self.building.estate

    @property
    def key(self) -> str:
        if self.common_space is not None:
            return f"s{self.common_space.pk}"
        assert self.building is not None
        return f"b{self.building.pk}"

    def label(self) -> str:
        if self.common_space is not None:
            return self.common_space.name
        assert self.building is not None
        return self.building.address


def point_token(*, building: Building | None = None, common_space: CommonSpace | None = None):
    if common_space is not None:
        return signing.dumps({"s": common_space.pk}, salt=POINT_SALT)
    assert building is not None, "a point token needs a building or a common space"
    return signing.dumps({"b": building.pk}, salt=POINT_SALT)


def point_for_token(token: str) -> ReportPoint | None:
    """The building or common space of a poster, or None for a wrong or stale token."""
    try:
        data = signing.loads(token, salt=POINT_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    try:
        if "s" in data:
            space = CommonSpace.objects.select_related("estate", "building").get(pk=int(data["s"]))
            return ReportPoint(building=space.building, common_space=space)
        if "b" in data:
            building = Building.objects.select_related("estate").get(pk=int(data["b"]))
            return ReportPoint(building=building, common_space=None)
    except (CommonSpace.DoesNotExist, Building.DoesNotExist, TypeError, ValueError):
        return None
    return None


# --- Possible duplicates -----------------------------------------------------------------


def _recent_open(since_days: int = DUPLICATE_DAYS) -> QuerySet[Signal]:
    since = timezone.now() - dt.timedelta(days=since_days)
    return Signal.objects.filter(status__in=OPEN_STATUSES, created_at__gte=since)


@dataclass(frozen=True)
class PublicDuplicate:
    """What a resident may see of someone else's report: never text, name or dwelling."""

    category: str
    created_at: dt.datetime
    status: str


def duplicates_for_resident(signal: Signal, limit: int = 5) -> list[PublicDuplicate]:
    """Other open reports about the same shared place (building or common space) in the same
    category, only in categories explicitly public (``Category.public``: a repair, a common
    space; never welfare, money or safety), and never their words. Reports about someone's
    own home are never shown to others."""
    if signal.category_id is None or signal.where == Where.DWELLING:
        return []
    qs = _recent_open().exclude(pk=signal.pk).exclude(where=Where.DWELLING)
    qs = qs.filter(category_id=signal.category_id, category__public=True)
    if signal.common_space_id:
        qs = qs.filter(common_space_id=signal.common_space_id)
    elif signal.building_id:
        qs = qs.filter(building_id=signal.building_id)
    else:
        return []
    if signal.reporter_id:
        qs = qs.exclude(reporter_id=signal.reporter_id)
    rows = qs.select_related("category").order_by("-created_at")[:limit]
    # every row has the signal's category (filtered on it above)
    return [
        PublicDuplicate(s.category.label(), s.created_at, s.status)
        for s in rows
        if s.category is not None
    ]


def duplicates_for_staff(
    user,
    *,
    category_id: int | None,
    building_id: int | None,
    common_space_id: int | None = None,
    exclude_pk: int | None = None,
    limit: int = 10,
) -> list[Signal]:
    """Open signals of the last 30 days in the same building (or common space) and category
    that this staff member may see."""
    if not category_id or not (building_id or common_space_id):
        return []
    since = timezone.now() - dt.timedelta(days=DUPLICATE_DAYS)
    qs = visible_signals(user).filter(
        status__in=OPEN_STATUSES, created_at__gte=since, category_id=category_id
    )
    if common_space_id:
        qs = qs.filter(common_space_id=common_space_id)
    elif building_id:  # one of the two is given (checked above)
        qs = qs.filter(building_id=building_id)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return list(
        qs.select_related("category", "building", "common_space").order_by("-created_at")[:limit]
    )

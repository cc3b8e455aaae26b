"""Reads of the sociale kaart: the search, a service's page, the HSDS API's lists.

``search_services`` answers in two queries whatever the number of results: one selects the
matching services (need, language, opening hours, text, status in SQL; distance as a bounding
box in SQL, then the exact great-circle distance in Python on the few candidates), the other
loads the page's services with their organisation, places, phones, opening hours and
languages, each as a JSON list made by the database (a correlated subquery per list)."""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    BooleanField,
    Exists,
    F,
    FloatField,
    JSONField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, JSONObject
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _

from wijkpunt.directory.languages import language_name
from wijkpunt.directory.models import (
    WEEKDAYS,
    Frequency,
    Language,
    LocationType,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    ServiceTaxonomy,
    TaxonomyTerm,
)
from wijkpunt.housing.models import Building, Estate

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
PER_PAGE = 20
# A need includes the terms below it, this many levels deep.
TERM_DEPTH = 3


class JSONList(Aggregate):
    """The rows of a group as one JSON array (SQLite ``json_group_array``, PostgreSQL
    ``jsonb_agg``)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra)


def _json_list(queryset: QuerySet, group: str, **fields: Any) -> Subquery:
    """A correlated subquery: the rows of ``queryset`` (filtered on OuterRef) as JSON."""
    rows = (
        queryset.order_by()
        .values(group)
        .annotate(rows=JSONList(JSONObject(**fields)))
        .values("rows")
    )
    return Subquery(rows, output_field=JSONField())


# --- Geometry -----------------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, km: float) -> tuple[tuple[Decimal, Decimal], ...]:
    """Latitude and longitude ranges that hold every point within ``km`` of (lat, lon)."""
    dlat = km / KM_PER_DEGREE
    dlon = km / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    return (
        (Decimal(str(round(lat - dlat, 6))), Decimal(str(round(lat + dlat, 6)))),
        (Decimal(str(round(lon - dlon, 6))), Decimal(str(round(lon + dlon, 6)))),
    )


def estate_point(estate: Estate) -> tuple[float, float] | None:
    """Where an estate is: the middle of its buildings that have coordinates."""
    middle = Building.objects.filter(
        estate=estate, latitude__isnull=False, longitude__isnull=False
    ).aggregate(lat=Avg("latitude"), lon=Avg("longitude"))
    if middle["lat"] is None or middle["lon"] is None:
        return None
    return float(middle["lat"]), float(middle["lon"])


# --- Filters ------------------------------------------------------------------------------------


def _speaks(code: str) -> Q:
    """A language code, with or without a region ("nl" finds "nl-be"): a range, so that the
    index of the codes serves ("." sorts right after "-")."""
    code = code.lower()
    return Q(code=code) | Q(code__gt=f"{code}-", code__lt=f"{code}.")


def _valid_on(day: dt.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


# Opening hours at a moment, for one schedule ``h``: on one of its days from opens_at up to
# (not including) closes_at, between its dates; or, when it closes at or before it opens (it
# closes the next day: 22:00–02:00; 00:00–00:00 is the whole day), since the day before.
# Written as SQL (both databases read it alike): this condition is the search's most
# complicated part, and the ORM took longer to put it together than the database to run it.
_HOURS_SQL = (
    "h.freq <> 'MONTHLY' AND ("
    "(h.byday LIKE %s AND h.opens_at <= %s AND (h.closes_at > %s OR h.closes_at <= h.opens_at)"
    " AND (h.valid_from IS NULL OR h.valid_from <= %s)"
    " AND (h.valid_to IS NULL OR h.valid_to >= %s))"
    " OR (h.byday LIKE %s AND h.closes_at <= h.opens_at AND h.closes_at > %s"
    " AND (h.valid_from IS NULL OR h.valid_from <= %s)"
    " AND (h.valid_to IS NULL OR h.valid_to >= %s)))"
)


# Table names of the models; every value is a parameter.
_OPEN_SQL = (
    f"(EXISTS (SELECT 1 FROM {Schedule._meta.db_table} h"  # noqa: S608
    f" WHERE h.service_id = {Service._meta.db_table}.id AND {_HOURS_SQL})"
    f" OR EXISTS (SELECT 1 FROM {ServiceAtLocation._meta.db_table} p"
    f" INNER JOIN {Schedule._meta.db_table} h ON h.service_at_location_id = p.id"
    f" WHERE p.service_id = {Service._meta.db_table}.id AND {_HOURS_SQL}))"
)


def open_at_condition(moment: dt.datetime) -> RawSQL:
    """Services open at ``moment`` (local time): by their own schedules or those of one of
    their places. Each EXISTS starts from the service: an index look-up."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    day, at = local.date(), local.time().replace(microsecond=0)
    yesterday = day - dt.timedelta(days=1)
    ops = connection.ops
    time_param = ops.adapt_timefield_value(at)
    params = [
        f"%{WEEKDAYS[day.weekday()]}%",
        time_param,
        time_param,
        ops.adapt_datefield_value(day),
        ops.adapt_datefield_value(day),
        f"%{WEEKDAYS[yesterday.weekday()]}%",
        time_param,
        ops.adapt_datefield_value(yesterday),
        ops.adapt_datefield_value(yesterday),
    ]
    return RawSQL(_OPEN_SQL, params + params, output_field=BooleanField())  # noqa: S611


def is_open(schedules: Iterable[dict], moment: dt.datetime) -> bool:
    """The same rule as ``open_at_condition``, on schedules loaded as dicts (for the pages)."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    day, at = local.date(), local.time().replace(microsecond=0)
    yesterday = day - dt.timedelta(days=1)

    def valid(s: dict, on: dt.date) -> bool:
        return (s["valid_from"] is None or s["valid_from"] <= on) and (
            s["valid_to"] is None or s["valid_to"] >= on
        )

    for s in schedules:
        opens, closes = s["opens_at"], s["closes_at"]
        if s["freq"] == Frequency.MONTHLY or opens is None or closes is None:
            continue
        days = s["byday"].split(",")
        overnight = closes <= opens
        today = WEEKDAYS[day.weekday()] in days and opens <= at and (at < closes or overnight)
        if today and valid(s, day):
            return True
        before = WEEKDAYS[yesterday.weekday()] in days and overnight and at < closes
        if before and valid(s, yesterday):
            return True
    return False


@dataclass
class SearchQuery:
    """What a search asks for; every part optional."""

    need: uuid.UUID | None = None
    language: str = ""
    near: tuple[float, float] | None = None
    within_km: float | None = None
    open_at: dt.datetime | None = None
    text: str = ""
    include_inactive: bool = False


def terms_under(term_id: uuid.UUID | str) -> QuerySet:
    """A need and the needs below it (TERM_DEPTH levels deep), as a subquery of ids."""
    condition = Q(pk=term_id)
    path = "parent"
    for _level in range(TERM_DEPTH):
        condition |= Q(**{f"{path}_id": term_id})
        path += "__parent"
    return TaxonomyTerm.objects.filter(condition).values("pk")


def conditions(query: SearchQuery) -> list[Q | RawSQL]:
    """What a service must meet, but the distance (which needs its places).

    A need and a language are subqueries of service ids that the database works out once
    (through the index of the terms, of the language codes), not questions asked per service:
    the planner then starts from the most selective. Opening hours are asked per service (an
    index look-up each): most services have opening hours, so a list of all the open ones
    would cost a pass over every schedule."""
    found: list[Q | RawSQL] = []
    if not query.include_inactive:
        found.append(Q(status=ServiceStatus.ACTIVE))
    if query.need is not None:
        found.append(
            Q(
                pk__in=ServiceTaxonomy.objects.filter(term__in=terms_under(query.need)).values(
                    "service_id"
                )
            )
        )
    if query.language:
        speaks = _speaks(query.language)
        found.append(
            Q(pk__in=Language.objects.filter(speaks, service__isnull=False).values("service_id"))
            | Q(
                pk__in=ServiceAtLocation.objects.filter(
                    location__in=Language.objects.filter(speaks, location__isnull=False).values(
                        "location_id"
                    )
                ).values("service_id")
            )
        )
    if query.open_at is not None:
        found.append(open_at_condition(query.open_at))
    for word in query.text.split()[:8]:
        found.append(
            Q(name__icontains=word)
            | Q(alternate_name__icontains=word)
            | Q(description__icontains=word)
            | Q(organization__name__icontains=word)
        )
    return found


def matching_services(query: SearchQuery) -> QuerySet[Service]:
    """The services that match everything but the distance."""
    return Service.objects.filter(*conditions(query))


def _selection(query: SearchQuery) -> list[tuple[uuid.UUID, float | None]]:
    """Query 1: (service id, distance in km or None), in the order shown."""
    if query.near is None:
        ids = matching_services(query).order_by("name", "pk").values_list("pk", flat=True)
        return [(pk, None) for pk in ids]
    lat, lon = query.near
    where = conditions(query)
    latitude = "service_at_locations__location__latitude"
    longitude = "service_at_locations__location__longitude"
    if query.within_km is not None:
        (lat_low, lat_high), (lon_low, lon_high) = bounding_box(lat, lon, query.within_km)
        where.append(
            Q(
                **{
                    f"{latitude}__range": (lat_low, lat_high),
                    f"{longitude}__range": (lon_low, lon_high),
                }
            )
        )
    # One row per place of each service (the filter's join is the one read); coordinates as
    # floats, not Decimals (thousands of rows when nothing but the estate is asked).
    rows = (
        Service.objects.filter(*where)
        .order_by()
        .values_list("pk", "name", Cast(latitude, FloatField()), Cast(longitude, FloatField()))
    )
    nearest: dict[uuid.UUID, float | None] = {}
    names: dict[uuid.UUID, str] = {}
    for pk, name, place_lat, place_lon in rows:
        names[pk] = name
        distance = None
        if place_lat is not None and place_lon is not None:
            distance = haversine_km(lat, lon, float(place_lat), float(place_lon))
            if query.within_km is not None and distance > query.within_km:
                distance = None
        known = nearest.get(pk)
        if pk not in nearest or (distance is not None and (known is None or distance < known)):
            nearest[pk] = distance
    if query.within_km is not None:
        nearest = {pk: d for pk, d in nearest.items() if d is not None}
    return sorted(
        nearest.items(),
        key=lambda item: (item[1] is None, item[1] or 0.0, names[item[0]].casefold(), item[0]),
    )


# --- The page's services ------------------------------------------------------------------------


@dataclass
class Place:
    name: str
    address: str
    latitude: float | None
    longitude: float | None
    distance_km: float | None = None


@dataclass
class PhoneLine:
    number: str
    description: str = ""


@dataclass
class HoursLine:
    days: str
    hours: str
    note: str = ""


@dataclass
class Hit:
    id: uuid.UUID
    name: str
    organization: str
    description: str
    status: str
    status_label: str
    is_referrable: bool
    alert: str
    distance_km: float | None
    place: Place | None
    places: list[Place]
    phones: list[PhoneLine]
    hours: list[HoursLine]
    languages: list[str]
    open_now: bool


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    page: int
    pages: int
    per_page: int
    query: SearchQuery = field(default_factory=SearchQuery)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


SCHEDULE_FIELDS = {
    "id": "id",
    "freq": "freq",
    "byday": "byday",
    "opens_at": "opens_at",
    "closes_at": "closes_at",
    "valid_from": "valid_from",
    "valid_to": "valid_to",
    "description": "description",
    "position": "position",
}
PHONE_FIELDS = {"number": "number", "description": "description", "position": "position"}
LANGUAGE_FIELDS = {"code": "code", "name": "name", "position": "position"}


def _cards_queryset(ids: list[uuid.UUID]) -> QuerySet:
    """Query 2: what the cards show — the services' own fields, their organisation's name,
    and JSON lists of their places (with the address), phones, opening hours and languages."""
    outer = OuterRef("pk")
    return (
        Service.objects.filter(pk__in=ids)
        .order_by()
        .values("pk", "name", "description", "status", "alert")
        .annotate(
            organization_name=F("organization__name"),
            j_places=_json_list(
                ServiceAtLocation.objects.filter(service=outer),
                "service",
                position="position",
                location_id="location_id",
                name="location__name",
                latitude="location__latitude",
                longitude="location__longitude",
                address_1="location__addresses__address_1",
                address_2="location__addresses__address_2",
                postal_code="location__addresses__postal_code",
                city="location__addresses__city",
                address_type="location__addresses__address_type",
                address_position="location__addresses__position",
            ),
            j_phones=_json_list(Phone.objects.filter(service=outer), "service", **PHONE_FIELDS),
            j_place_phones=_json_list(
                Phone.objects.filter(service_at_location__service=outer),
                "service_at_location__service",
                **PHONE_FIELDS,
            ),
            j_location_phones=_json_list(
                Phone.objects.filter(location__service_at_locations__service=outer),
                "location__service_at_locations__service",
                **PHONE_FIELDS,
            ),
            j_org_phones=_json_list(
                Phone.objects.filter(organization=OuterRef("organization")),
                "organization",
                **PHONE_FIELDS,
            ),
            j_schedules=_json_list(
                Schedule.objects.filter(service=outer), "service", **SCHEDULE_FIELDS
            ),
            j_place_schedules=_json_list(
                Schedule.objects.filter(service_at_location__service=outer),
                "service_at_location__service",
                **SCHEDULE_FIELDS,
            ),
            j_languages=_json_list(
                Language.objects.filter(service=outer), "service", **LANGUAGE_FIELDS
            ),
            j_location_languages=_json_list(
                Language.objects.filter(location__service_at_locations__service=outer),
                "location__service_at_locations__service",
                **LANGUAGE_FIELDS,
            ),
        )
    )


def _prep_id(pk: uuid.UUID):
    return Service._meta.pk.get_db_prep_value(pk, connection)


@functools.lru_cache(maxsize=256)
def _cards_statement(vendor: str, count: int) -> tuple[str, tuple, tuple[int, ...]]:
    """The SQL of query 2 for ``count`` services, made by the ORM once per database and page
    size (putting it together costs more than running it): the statement, its parameters and
    where the services' ids go in them."""
    stand_ins = [uuid.UUID(int=n + 1) for n in range(count)]
    sql, params = _cards_queryset(stand_ins).query.sql_with_params()
    prepared = [_prep_id(pk) for pk in stand_ins]
    slots = tuple(next(i for i, p in enumerate(params) if p == want) for want in prepared)
    return sql, tuple(params), slots


def _cards(ids: list[uuid.UUID]) -> dict[uuid.UUID, dict]:
    sql, template, slots = _cards_statement(connection.vendor, len(ids))
    params = list(template)
    for slot, pk in zip(slots, ids, strict=True):
        params[slot] = _prep_id(pk)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    cards = {}
    for row in rows:
        for name in names:
            if name.startswith("j_"):
                value = row[name]
                row[name] = json.loads(value) if isinstance(value, str | bytes) else value or []
        pk = row["pk"]
        cards[pk if isinstance(pk, uuid.UUID) else uuid.UUID(str(pk))] = row
    return cards


def _rows(value) -> list[dict]:
    return sorted(value or [], key=lambda row: (row.get("position") or 0, str(row.get("id", ""))))


def _time(value) -> dt.time | None:
    if not value:
        return None
    return dt.time.fromisoformat(value) if isinstance(value, str) else value


def _date(value) -> dt.date | None:
    if not value:
        return None
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _float(value) -> float | None:
    return None if value is None else float(value)


def schedule_dicts(rows: Iterable[dict]) -> list[dict]:
    """Schedules from JSON with their times and dates as Python values."""
    return [
        {
            **row,
            "opens_at": _time(row.get("opens_at")),
            "closes_at": _time(row.get("closes_at")),
            "valid_from": _date(row.get("valid_from")),
            "valid_to": _date(row.get("valid_to")),
            "byday": row.get("byday") or "",
            "freq": row.get("freq") or "",
            "description": row.get("description") or "",
        }
        for row in rows
    ]


def _day_span(days: list[int]) -> str:
    """0,1,2,3,4 → "ma–vr"; 0,2,4 → "ma, wo, vr" (in the active language)."""
    parts: list[str] = []
    run: list[int] = []
    for day in [*sorted(days), None]:
        if day is not None and run and day == run[-1] + 1:
            run.append(day)
            continue
        if run:
            names = [str(WEEKDAYS_ABBR[d]) for d in run]
            if len(run) >= 3:
                parts.append(f"{names[0]}–{names[-1]}")
            else:
                parts.extend(names)
        run = [day] if day is not None else []
    return ", ".join(parts)


def hours_lines(schedules: Iterable[dict]) -> list[HoursLine]:
    """Opening hours as a reader reads them: "ma–vr 09:00–12:00"."""
    lines = []
    for s in schedules:
        note = s.get("description") or ""
        if s.get("valid_to"):
            until = _("until %(date)s") % {"date": s["valid_to"].strftime("%d-%m-%Y")}
            note = f"{note} ({until})" if note else until
        if s["freq"] == Frequency.MONTHLY or not s["byday"]:
            if note or s["byday"]:
                lines.append(HoursLine(days=s["byday"], hours="", note=note))
            continue
        days = _day_span([WEEKDAYS.index(d) for d in s["byday"].split(",") if d in WEEKDAYS])
        hours = ""
        if s["opens_at"] is not None and s["closes_at"] is not None:
            hours = f"{s['opens_at']:%H:%M}–{s['closes_at']:%H:%M}"
        lines.append(HoursLine(days=days, hours=hours, note=note))
    return lines


def _places(card: dict, near: tuple[float, float] | None) -> list[Place]:
    by_location: dict[str, dict] = {}
    for row in sorted(
        card["j_places"],
        key=lambda r: (
            r.get("position") or 0,
            r.get("address_type") != LocationType.PHYSICAL,
            r.get("address_position") or 0,
        ),
    ):
        by_location.setdefault(str(row["location_id"]), row)
    places = []
    for row in by_location.values():
        lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
        city = " ".join(p for p in (row.get("postal_code"), row.get("city")) if p)
        address = ", ".join(p for p in (row.get("address_1"), row.get("address_2"), city) if p)
        distance = (
            haversine_km(near[0], near[1], lat, lon)
            if near is not None and lat is not None and lon is not None
            else None
        )
        places.append(Place(row.get("name") or "", address, lat, lon, distance))
    return places


def _hit(card: dict, distance: float | None, near, now: dt.datetime) -> Hit:
    places = _places(card, near)
    located = [p for p in places if p.distance_km is not None]
    place = min(located, key=lambda p: p.distance_km or 0.0) if located else None
    place = place or (places[0] if places else None)
    # The service's own phones; else those of its places, its buildings, its organisation.
    phones = next(
        (
            _rows(card[name])
            for name in ("j_phones", "j_place_phones", "j_location_phones", "j_org_phones")
            if card[name]
        ),
        [],
    )
    schedules = schedule_dicts(_rows(card["j_schedules"]) + _rows(card["j_place_schedules"]))
    languages: list[str] = []
    for row in _rows(card["j_languages"]) + _rows(card["j_location_languages"]):
        name = language_name(row["code"], row.get("name") or "")
        if name not in languages:
            languages.append(name)
    seen_numbers: set[str] = set()
    phone_lines = []
    for row in phones:
        if row["number"] not in seen_numbers:
            seen_numbers.add(row["number"])
            phone_lines.append(PhoneLine(row["number"], row.get("description") or ""))
    status = card["status"]
    return Hit(
        id=uuid.UUID(str(card["pk"])),
        name=card["name"],
        organization=card["organization_name"],
        description=card["description"],
        status=status,
        status_label=str(ServiceStatus(status).label),
        is_referrable=status == ServiceStatus.ACTIVE,
        alert=card["alert"],
        distance_km=distance,
        place=place,
        places=places,
        phones=phone_lines,
        hours=hours_lines(schedules),
        languages=languages,
        open_now=is_open(schedules, now),
    )


def search_services(
    query: SearchQuery, *, page: int = 1, per_page: int = PER_PAGE, now: dt.datetime | None = None
) -> SearchResult:
    """One page of the services that match ``query``: nearest first when ``query.near`` is
    given (services without a known place last), else by name. Two queries."""
    selected = _selection(query)
    total = len(selected)
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    shown = selected[(page - 1) * per_page : page * per_page]
    cards = _cards([pk for pk, _distance in shown]) if shown else {}
    now = now or timezone.now()
    hits = [_hit(cards[pk], distance, query.near, now) for pk, distance in shown if pk in cards]
    return SearchResult(
        hits=hits, total=total, page=page, pages=pages, per_page=per_page, query=query
    )


# --- A service's page ---------------------------------------------------------------------------


def service_page(service_id: uuid.UUID) -> Service | None:
    """A service with everything its page shows (a fixed number of queries)."""
    return (
        Service.objects.filter(pk=service_id)
        .select_related("organization", "organization__parent")
        .prefetch_related(*FULL_SERVICE)
        .first()
    )


# What a full HSDS service holds, for prefetch_related.
FULL_SERVICE: tuple[str | Prefetch, ...] = (
    "phones__languages",
    "schedules",
    "languages",
    "organization__phones__languages",
    Prefetch(
        "service_at_locations",
        queryset=ServiceAtLocation.objects.select_related("location"),
    ),
    "service_at_locations__phones",
    "service_at_locations__schedules",
    "service_at_locations__location__addresses",
    "service_at_locations__location__phones__languages",
    "service_at_locations__location__schedules",
    "service_at_locations__location__languages",
    Prefetch(
        "taxonomy_links",
        queryset=ServiceTaxonomy.objects.select_related("term", "term__taxonomy"),
    ),
)


def schedule_rows(schedules: Iterable[Schedule]) -> list[dict]:
    return [
        {
            "freq": s.freq,
            "byday": s.byday,
            "opens_at": s.opens_at,
            "closes_at": s.closes_at,
            "valid_from": s.valid_from,
            "valid_to": s.valid_to,
            "description": s.description,
        }
        for s in schedules
    ]


# --- The HSDS API's lists -----------------------------------------------------------------------


def hsds_services(
    *,
    text: str = "",
    term: uuid.UUID | None = None,
    taxonomy: uuid.UUID | None = None,
    organization: uuid.UUID | None = None,
    modified_after: dt.datetime | None = None,
) -> QuerySet[Service]:
    """Every service of the directory (every status: the consumer reads the status), by
    name, filtered as the HSDS API's ``/services`` asks."""
    services: QuerySet[Service] = Service.objects.select_related("organization")
    if text:
        services = matching_services(SearchQuery(text=text, include_inactive=True)).select_related(
            "organization"
        )
    if term is not None:
        services = services.filter(
            pk__in=ServiceTaxonomy.objects.filter(term__in=terms_under(term)).values("service_id")
        )
    if taxonomy is not None:
        services = services.filter(
            Exists(
                ServiceTaxonomy.objects.filter(service=OuterRef("pk"), term__taxonomy_id=taxonomy)
            )
        )
    if organization is not None:
        services = services.filter(organization_id=organization)
    if modified_after is not None:
        services = services.filter(last_modified__gte=modified_after)
    return services.order_by("name", "pk")


def hsds_organizations(*, text: str = "") -> QuerySet[Organization]:
    organizations = Organization.objects.prefetch_related("phones__languages")
    for word in text.split()[:8]:
        organizations = organizations.filter(
            Q(name__icontains=word)
            | Q(alternate_name__icontains=word)
            | Q(description__icontains=word)
        )
    return organizations.order_by("name", "pk")


def hsds_terms(
    *,
    text: str = "",
    taxonomy: uuid.UUID | None = None,
    parent: uuid.UUID | None = None,
    top_only: bool = False,
) -> QuerySet[TaxonomyTerm]:
    terms = TaxonomyTerm.objects.select_related("taxonomy")
    for word in text.split()[:8]:
        terms = terms.filter(
            Q(name__icontains=word)
            | Q(name_fr__icontains=word)
            | Q(name_en__icontains=word)
            | Q(code__icontains=word)
        )
    if taxonomy is not None:
        terms = terms.filter(taxonomy_id=taxonomy)
    if parent is not None:
        terms = terms.filter(parent_id=parent)
    if top_only:
        terms = terms.filter(parent__isnull=True)
    return terms.order_by("position", "name", "pk")


def language_choices() -> list[tuple[str, str]]:
    """(code, name) of every language some service or place speaks, by name."""
    codes = set(Language.objects.order_by().values_list("code", flat=True).distinct())
    named = {(code.split("-")[0], language_name(code.split("-")[0])) for code in codes}
    return sorted(named, key=lambda pair: pair[1].casefold())


def needs() -> list[tuple[TaxonomyTerm, int]]:
    """Every term with its depth, broader terms before the terms below them."""
    terms = list(TaxonomyTerm.objects.select_related("taxonomy").order_by("position", "name"))
    children: dict[Any, list[TaxonomyTerm]] = {}
    for term in terms:
        children.setdefault(term.parent_id, []).append(term)
    ordered: list[tuple[TaxonomyTerm, int]] = []

    def walk(parent_id, depth: int) -> None:
        for term in children.get(parent_id, []):
            if depth > TERM_DEPTH + 1 or any(t is term for t, _d in ordered):
                continue
            ordered.append((term, depth))
            walk(term.pk, depth + 1)

    walk(None, 0)
    return ordered

"""directory.search: a realistic search of the sociale kaart, next to the raw SQL of the same
selection.

Seeds *n* services (5,000 when ``--size`` is left at the command's default) of 500
organisations, each at its own place within about 15 km of Wevelgem (with an address), with a
phone, one or two weekly opening hours, one to four languages and one or two needs of
Wijkpunt's taxonomy, with ``bulk_create``.

Then it asks ``directory.queries.search_services`` what a social worker asks: a service for
debts (the need "schulden" and the needs under it), where French is spoken, within 5 km of the
estate, open on Tuesday at 10:00 — one page of 20, with everything a result card shows. The
baseline is the hand-written SQL of the same selection on a cursor (the same filters and the
same bounding box, the exact distance in Python on its rows, nearest first, the same page of
ids). Both 100 times, alternating; p95 of each.

Figures: ``directory.search`` (p95 ratio, target <= 3), ``directory.search.p95`` (ms, target
<= 50) and ``directory.search.queries`` (queries for a page of 5 and of 20, target: constant)."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
import uuid

DEFAULT_COMMAND_SIZE = 20000  # the bench command's default: means "the 5,000"
ROUNDS = 100
CENTRE = (50.8092, 3.1858)  # Wallaysplein, Wevelgem
LANGUAGES = ["fr", "en", "ar", "tr", "ru", "uk", "ro", "pl", "bg", "es", "fa", "ps", "so"]
HOURS = [("09:00", "12:00"), ("13:00", "16:30"), ("08:30", "17:00"), ("18:00", "21:00")]
DAYS = ["MO,TU,WE,TH,FR", "MO,WE,FR", "TU,TH", "TU", "WE", "SA", "MO,TU,WE,TH,FR,SA,SU"]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def seed(size: int, rng: random.Random | None = None) -> None:
    from django.utils import timezone

    from wijkpunt.directory.models import (
        Address,
        Language,
        Location,
        Organization,
        Phone,
        Schedule,
        Service,
        ServiceAtLocation,
        ServiceTaxonomy,
        TaxonomyTerm,
    )

    rng = rng or random.Random(2026)
    now = timezone.now()
    terms = list(TaxonomyTerm.objects.values_list("pk", flat=True))

    def new_id() -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    organizations = [
        Organization(id=new_id(), name=f"Bench organisatie {n}", created_at=now, updated_at=now)
        for n in range(max(1, size // 10))
    ]
    services, locations, addresses, places, phones = [], [], [], [], []
    schedules, languages, links = [], [], []
    for n in range(size):
        service = Service(
            id=new_id(),
            organization=organizations[n % len(organizations)],
            name=f"Dienst {n:05d}",
            description="Hulp en advies voor bewoners van de wijk.",
            status="active" if rng.random() < 0.9 else rng.choice(["inactive", "defunct"]),
            last_modified=now,
            created_at=now,
            updated_at=now,
        )
        services.append(service)
        location = Location(
            id=new_id(),
            organization=service.organization,
            name=f"Locatie {n:05d}",
            latitude=round(CENTRE[0] + rng.uniform(-0.12, 0.12), 6),
            longitude=round(CENTRE[1] + rng.uniform(-0.2, 0.2), 6),
            created_at=now,
            updated_at=now,
        )
        locations.append(location)
        addresses.append(
            Address(
                id=new_id(),
                location=location,
                address_1=f"Benchstraat {n}",
                city="Wevelgem",
                postal_code="8560",
            )
        )
        places.append(ServiceAtLocation(id=new_id(), service=service, location=location))
        phones.append(Phone(id=new_id(), service=service, number=f"056 {n:06d}"))
        for position in range(rng.choice([1, 1, 2])):
            opens, closes = rng.choice(HOURS)
            schedules.append(
                Schedule(
                    id=new_id(),
                    service=service,
                    freq="WEEKLY",
                    byday=rng.choice(DAYS),
                    opens_at=dt.time.fromisoformat(opens),
                    closes_at=dt.time.fromisoformat(closes),
                    position=position,
                )
            )
        spoken = ["nl", *rng.sample(LANGUAGES, rng.randint(0, 3))]
        languages.extend(
            Language(id=new_id(), service=service, code=code, position=i)
            for i, code in enumerate(spoken)
        )
        links.extend(
            ServiceTaxonomy(id=new_id(), service=service, term_id=term, position=i)
            for i, term in enumerate(rng.sample(terms, rng.choice([1, 1, 2])))
        )
    for model, rows in (
        (Organization, organizations),
        (Service, services),
        (Location, locations),
        (Address, addresses),
        (ServiceAtLocation, places),
        (Phone, phones),
        (Schedule, schedules),
        (Language, languages),
        (ServiceTaxonomy, links),
    ):
        model.objects.bulk_create(rows, batch_size=1000)


def realistic_query():
    from django.utils import timezone

    from wijkpunt.directory.defaults import TERMS
    from wijkpunt.directory.queries import SearchQuery

    debts = next(uuid.UUID(term_id) for term_id, code, *_ in TERMS if code == "schulden")
    tuesday = timezone.make_aware(dt.datetime(2026, 11, 24, 10, 0))
    return SearchQuery(need=debts, language="fr", near=CENTRE, within_km=5, open_at=tuesday)


# The same selection by hand: active, the need or a need under it, French spoken by the
# service or at its place, open at the moment, a place in the box; the exact distance in
# Python. (Terms two levels deep cover Wijkpunt's taxonomy.)
RAW_SQL = """
SELECT s.id, s.name, l.latitude, l.longitude
FROM directory_service s
JOIN directory_serviceatlocation sal ON sal.service_id = s.id
JOIN directory_location l ON l.id = sal.location_id
WHERE s.status = 'active'
  AND l.latitude BETWEEN %s AND %s AND l.longitude BETWEEN %s AND %s
  AND EXISTS (
    SELECT 1 FROM directory_servicetaxonomy st
    JOIN directory_taxonomyterm t ON t.id = st.term_id
    WHERE st.service_id = s.id AND (t.id = %s OR t.parent_id = %s))
  AND (EXISTS (SELECT 1 FROM directory_language g WHERE g.service_id = s.id AND g.code = %s)
    OR EXISTS (SELECT 1 FROM directory_language g
               JOIN directory_serviceatlocation p ON p.location_id = g.location_id
               WHERE p.service_id = s.id AND g.code = %s))
  AND (EXISTS (SELECT 1 FROM directory_schedule h WHERE h.service_id = s.id
               AND h.freq = 'WEEKLY' AND h.byday LIKE %s
               AND h.opens_at <= %s AND (h.closes_at > %s OR h.closes_at <= h.opens_at))
    OR EXISTS (SELECT 1 FROM directory_schedule h
               JOIN directory_serviceatlocation p ON p.id = h.service_at_location_id
               WHERE p.service_id = s.id
               AND h.freq = 'WEEKLY' AND h.byday LIKE %s
               AND h.opens_at <= %s AND (h.closes_at > %s OR h.closes_at <= h.opens_at)))
"""


def raw_search(query, per_page: int) -> list:
    from django.db import connection

    from wijkpunt.directory.queries import bounding_box, haversine_km

    lat, lon = query.near
    (lat_low, lat_high), (lon_low, lon_high) = bounding_box(lat, lon, query.within_km)
    need = query.need.hex if connection.vendor == "sqlite" else query.need
    at = query.open_at.time().strftime("%H:%M:%S")
    params = [
        lat_low,
        lat_high,
        lon_low,
        lon_high,
        need,
        need,
        query.language,
        query.language,
        "%TU%",
        at,
        at,
        "%TU%",
        at,
        at,
    ]
    with connection.cursor() as cursor:
        cursor.execute(RAW_SQL, params)
        rows = cursor.fetchall()
    nearest: dict = {}
    for pk, name, place_lat, place_lon in rows:
        distance = haversine_km(lat, lon, float(place_lat), float(place_lon))
        if distance <= query.within_km and (pk not in nearest or distance < nearest[pk][0]):
            nearest[pk] = (distance, name)
    ordered = sorted(nearest.items(), key=lambda item: (item[1][0], item[1][1]))
    return [pk for pk, _ in ordered[:per_page]]


def run(size: int) -> list[dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wijkpunt.directory.queries import search_services

    if size == DEFAULT_COMMAND_SIZE:
        size = 5000
    start = time.perf_counter()
    seed(size)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    seed_s = time.perf_counter() - start
    query = realistic_query()

    def wijkpunt(per_page: int = 20) -> list:
        result = search_services(query, per_page=per_page)
        return [(hit.id, hit.phones, hit.hours, hit.languages, hit.place) for hit in result.hits]

    found = [row[0] for row in wijkpunt()]
    by_hand = [uuid.UUID(str(pk)) for pk in raw_search(query, 20)]
    assert found == by_hand, (found, by_hand)
    assert found, "the search finds services"
    for _ in range(5):  # warm up
        wijkpunt()
        raw_search(query, 20)
    value_times, raw_times = [], []
    for _ in range(ROUNDS):
        t = time.perf_counter()
        wijkpunt()
        value_times.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        raw_search(query, 20)
        raw_times.append((time.perf_counter() - t) * 1000)
    counts = {}
    for per_page in (5, 20):
        with CaptureQueriesContext(connection) as ctx:
            wijkpunt(per_page)
        counts[per_page] = len(ctx.captured_queries)
    value, base = _p95(value_times), _p95(raw_times)
    ratio = value / base if base else float("inf")
    return [
        {
            "n": size,
            "value": round(value, 2),
            "unit": "ms p95",
            "baseline": round(base, 2),
            "ratio": round(ratio, 2),
            "target": "<= 3",
            "met": ratio <= 3,
            "median": round(statistics.median(value_times), 2),
            "baseline_median": round(statistics.median(raw_times), 2),
            "found": len(found),
            "seed_s": round(seed_s, 1),
        },
        {
            "bench": "directory.search.p95",
            "n": size,
            "value": round(value, 2),
            "unit": "ms",
            "baseline": round(base, 2),
            "ratio": round(ratio, 2),
            "target": "<= 50",
            "met": value <= 50,
        },
        {
            "bench": "directory.search.queries",
            "n": size,
            "value": counts[20],
            "unit": "queries",
            "baseline": counts[5],
            "ratio": round(counts[20] / counts[5], 2),
            "target": "constant",
            "met": counts[20] == counts[5],
            "page_sizes": [5, 20],
        },
    ]


BENCHMARKS = {"directory.search": run}

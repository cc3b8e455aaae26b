"""signals.inbox: the first page of a filtered staff queue, next to the raw SQL of that page.

Seeds *n* signals (1,000,000 on PostgreSQL and 100,000 on SQLite when ``--size`` is left at the
command's default) over 10 estates, 200 buildings, every category, status, channel and a few
owners, seven in ten from a household (so that a page also writes its households to the audit
log, as in real use), with one ``INSERT ... SELECT`` over a number series (``generate_series``
on PostgreSQL, a recursive CTE on SQLite): about 20 s for a million rows instead of many
minutes of ``bulk_create``. 85 % of the signals are closed, as in a real year.

Then, logged in as a technician of the housing company, it asks the inbox for "My estates",
open, category *herstelling*, sorted by deadline (urgent first, then the resolution deadline)
through the real view (Django's test client: URL routing, middleware, session, need-to-know
filter, template) and, as the baseline, runs the raw SQL of the same page directly on a cursor:
one SELECT of the page's rows joined with everything a row shows, with its LIMIT. (The view
itself reads the signals table alone and loads the related rows with one small query per
kind, which spares the planner eight joins.) Both 50 times, alternating; p95 of each.

Figures: ``signals.inbox`` (p95 ratio, target <= 3), ``signals.inbox.p95`` (ms, target <= 50)
and ``signals.inbox.queries`` (queries for a page of 10 and of 50 rows, target: constant)."""

from __future__ import annotations

import statistics
import time

DEFAULT_COMMAND_SIZE = 20000  # the bench command's default: means "choose per database"
ROUNDS = 50

TEXTS = [
    "De kraan in de keuken lekt al een week",
    "Geen warm water meer sinds gisteren",
    "De verwarming doet het niet, het is koud in de woning",
    "Schimmel op de muur van de slaapkamer",
    "De lift is weer kapot, mijn moeder kan niet naar beneden",
    "De voordeur van het gebouw sluit niet meer",
    "Stopcontact in de badkamer geeft vonken",
    "Lawaai van de buren tot diep in de nacht",
    "De gang ligt vol vuilzakken",
    "Ik heb mijn buurman al dagen niet gezien",
    "Ik kan de huur deze maand niet betalen",
    "Ik heb schulden en de deurwaarder komt langs",
    "Onze woning is te klein geworden voor het gezin",
    "Er wordt gedeald in de kelder",
    "Idee: een buurtfeest op het plein in juni",
    "Ik wil mijn huurcontract laten aanpassen",
    "Het raam in de living sluit niet goed, het tocht",
    "Rioolgeur in de badkamer",
    "De bel en de parlofoon werken niet",
    "Lekkage van het dak bij regen",
]
CHANNELS = ["portal", "phone", "visit", "counter", "email", "qr", "staff"]
OPEN = ["new", "triaged", "assigned", "in_progress", "waiting_resident", "waiting_partner"]
ORG_FOR = {
    "herstelling": "housing",
    "huur-en-betaling": "housing",
    "overlast": "housing",
    "gemeenschappelijke-delen": "housing",
    "welzijn-en-zorg": "ocmw",
    "financiele-zorgen": "ocmw",
    "woonsituatie": "housing",
    "veiligheid": "housing",
    "samenleven": "community",
    "administratie": "housing",
}


def _case(expr: str, values: list) -> str:
    """``CASE expr WHEN 0 THEN v0 ... END`` — a lookup that works on SQLite and PostgreSQL."""
    parts = []
    for n, v in enumerate(values):
        literal = "NULL" if v is None else (f"'{v}'" if isinstance(v, str) else str(int(v)))
        parts.append(f"WHEN {n} THEN {literal}")
    return f"(CASE {expr} {' '.join(parts)} END)"


def seed(size: int) -> dict:
    """Personas, 10 estates with 200 buildings, and ``size`` signals."""
    from django.db import connection

    from wijkpunt.housing.models import Building, Estate, Household
    from wijkpunt.signalling.models import Category
    from wijkpunt.testing import make_personas

    p = make_personas()
    estates = [p.estate, p.other_estate] + [
        Estate.objects.create(name=f"Bench wijk {n}", slug=f"bench-wijk-{n}") for n in range(8)
    ]
    p.housing.estates.set(estates)
    buildings = list(Building.objects.all())
    for n in range(200 - len(buildings)):
        estate = estates[n % len(estates)]
        buildings.append(
            Building.objects.create(
                estate=estate,
                street=f"Benchstraat {n // 20}",
                number=str(n),
                postcode="8560",
                city="Wevelgem",
                latitude=50.8 + n / 10000,
                longitude=3.18 + n / 10000,
            )
        )
    # Seven in ten signals come from a household (the rest: public form, workers, neighbours):
    # a page of them writes its households to the audit log, as in real use.
    households = Household.objects.bulk_create(
        Household(name=f"Gezin Bench {n}", external_ref=f"BENCH-{n}") for n in range(len(buildings))
    )
    categories = list(Category.objects.order_by("pk"))
    orgs = {"housing": p.housing.pk, "ocmw": p.ocmw.pk, "community": p.community.pk}
    tech_team = p.technician.staff_roles.get().team_id
    herstelling = next(c.pk for c in categories if c.slug == "herstelling")

    vendor = connection.vendor
    i = "s.i"
    b = f"({i} * 7919 % {len(buildings)})"
    c = f"({i} * 31 % {len(categories)})"
    category = _case(c, [x.pk for x in categories])
    open_status = _case(f"({i} % {len(OPEN)})", OPEN)
    open_or_closed = f"(CASE WHEN {i} * 13 % 100 < 85 THEN 'closed' ELSE {open_status} END)"
    text = _case(f"({i} % {len(TEXTS)})", TEXTS)
    channel = _case(f"({i} % {len(CHANNELS)})", CHANNELS)
    estate = _case(b, [x.estate_id for x in buildings])
    building = _case(b, [x.pk for x in buildings])
    household = f"(CASE WHEN {i} % 10 < 7 THEN {_case(b, [h.pk for h in households])} END)"
    repair = f"{category} = {herstelling}"
    team = f"(CASE WHEN {repair} AND {i} % 2 = 0 THEN {tech_team} ELSE NULL END)"
    person = f"(CASE WHEN {repair} AND {i} % 20 = 0 THEN {p.technician.pk} ELSE NULL END)"
    minutes_ago = f"({i} * 104729 % 1576800)"  # spread over three years
    due_minutes = f"({i} * 17 % 28800 - 8000)"  # due between ~5 days ago and ~14 days ahead
    if vendor == "postgresql":
        created = f"(now() - {minutes_ago} * interval '1 minute')"
        due = f"(now() + {due_minutes} * interval '1 minute')"
        series = f"(SELECT CAST(g AS BIGINT) AS i FROM generate_series(1, {size}) AS g) AS s"
        prefix = ""
    else:
        created = f"datetime('now', '-' || {minutes_ago} || ' minutes')"
        due = f"datetime('now', ({due_minutes}) || ' minutes')"
        series = "g AS s"
        prefix = (
            f"WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < {size}) "
        )
    org = _case(c, [orgs[ORG_FOR.get(x.slug, "housing")] for x in categories])
    sql = f"""
        {prefix}INSERT INTO signalling_signal (
            text, language, category_id, urgent, reported_urgent, status, channel, "where",
            estate_id, building_id, household_id, location_text, reporter_name, reporter_email,
            reporter_phone,
            anonymous, for_neighbour, owner_organisation_id, owner_team_id, owner_user_id,
            suggested_urgent, suggestion_confidence, suggested_urgent_confidence,
            suggested_owner, needs_triage, category_confirmed, danger_answer,
            first_response_due, resolution_due, created_at, updated_at)
        SELECT
            {text}, 'nl-be', {category},
            ({i} * 7 % 100 < 3), FALSE, {open_or_closed}, {channel},
            'building', {estate}, {building}, {household},
            '', '', '', '', FALSE, FALSE, {org}, {team}, {person},
            FALSE, 0.9, 0.05, '', FALSE, TRUE, '',
            {due}, {due}, {created}, {created}
        FROM {series}
    """  # noqa: S608 - every value is generated above, nothing comes from outside
    with connection.cursor() as cursor:
        cursor.execute(sql)
        if vendor == "postgresql":
            cursor.execute("ANALYZE signalling_signal")
        else:
            cursor.execute("ANALYZE")
    return {"personas": p, "herstelling": herstelling}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def run(size: int) -> list[dict]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from wijkpunt.inbox import queries

    if size == DEFAULT_COMMAND_SIZE:
        size = 1_000_000 if connection.vendor == "postgresql" else 100_000
    start = time.perf_counter()
    data = seed(size)
    seed_s = time.perf_counter() - start
    technician = data["personas"].technician
    params = {"queue": "estates", "category": data["herstelling"], "sort": "deadline"}

    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(
        STAFF_REQUIRE_MFA=False,
        ALLOWED_HOSTS=["testserver"],
        DEBUG=False,
        STORAGES={**settings.STORAGES, "staticfiles": static},
    ):
        client = Client()
        client.force_login(technician)

        def view() -> int:
            response = client.get("/werk/meldingen/", params)
            assert response.status_code == 200, response.status_code
            return response.content.count(b"data-inbox-row ")

        # The same page's SQL, as the view builds it.
        from wijkpunt.accounts.models import User

        user = User.objects.get(pk=technician.pk)
        filters = queries.Filters(
            queue="estates", category_ids=[data["herstelling"]], sort="deadline"
        )
        # One statement that returns everything the page shows (the rows joined with their
        # category, estate, building, common space and owners), as a hand-written page would.
        qs = queries.rows(queries.signals_for(user, filters), joined=True)[: queries.PAGE_SIZE + 1]
        sql, sql_params = qs.query.sql_with_params()

        def raw() -> int:
            with connection.cursor() as cursor:
                cursor.execute(sql, sql_params)
                return len(cursor.fetchall())

        for _ in range(5):  # warm up caches and the connection
            view()
            raw()
        view_times, raw_times = [], []
        for _ in range(ROUNDS):
            t = time.perf_counter()
            view()
            view_times.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            rows = raw()
            raw_times.append((time.perf_counter() - t) * 1000)
        assert rows == queries.PAGE_SIZE + 1, rows

        counts = {}
        original = queries.PAGE_SIZE
        try:
            for page_size in (10, 50):
                queries.PAGE_SIZE = page_size
                with CaptureQueriesContext(connection) as ctx:
                    shown = view()
                assert shown == page_size, shown
                counts[page_size] = len(ctx.captured_queries)
        finally:
            queries.PAGE_SIZE = original

    value, base = _p95(view_times), _p95(raw_times)
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
            "median": round(statistics.median(view_times), 2),
            "baseline_median": round(statistics.median(raw_times), 2),
            "seed_s": round(seed_s, 1),
        },
        {
            "bench": "signals.inbox.p95",
            "n": size,
            "value": round(value, 2),
            "unit": "ms",
            "baseline": round(base, 2),
            "ratio": round(ratio, 2),
            "target": "<= 50",
            "met": value <= 50,
        },
        {
            "bench": "signals.inbox.queries",
            "n": size,
            "value": counts[50],
            "unit": "queries",
            "baseline": counts[10],
            "ratio": round(counts[50] / counts[10], 2),
            "target": "constant",
            "met": counts[50] == counts[10],
            "page_sizes": [10, 50],
        },
    ]


BENCHMARKS = {"signals.inbox": run}

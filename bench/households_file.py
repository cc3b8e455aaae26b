"""households.file: the household file of a household with 2,000 timeline entries across five
organisations, as a partner who may see a third of them, next to the raw SQL that selects the
same visible entries.

Seeds the personas, a fifth organisation, one household with *n* entries (2,000 by default)
spread over five organisations and the sensitivities (a third of them social entries of the
OCMW or shared ones: what the OCMW's social worker sees), and makes the household a client of
the OCMW. Then, logged in as the social worker, it asks for the file through the real view
(Django's test client: routing, middleware, session, the reason to open it, need-to-know in
the query, the audit entry, the template) and, as the baseline, runs on a cursor the SQL of the
same visible entries the page shows (its first page, with the count the pager needs). Both 50
times, alternating; p95 of each.

Figures: ``households.file`` (p95 ratio, target <= 3), ``households.file.p95`` (ms, target <=
100) and ``households.file.queries`` (queries with 200 and with *n* entries: constant)."""

from __future__ import annotations

import datetime as dt
import statistics
import time

DEFAULT_COMMAND_SIZE = 20000  # the bench command's default: means 2,000 entries
ROUNDS = 50


def seed(size: int) -> dict:
    from django.utils import timezone

    from wijkpunt.households.models import (
        EntryKind,
        FileReason,
        ReasonKind,
        Sensitivity,
        TimelineEntry,
    )
    from wijkpunt.partners.models import Organisation, OrganisationKind
    from wijkpunt.testing import make_personas

    p = make_personas()
    fifth = Organisation.objects.create(name="Thuiszorg Test", kind=OrganisationKind.OTHER)
    orgs = [p.housing, p.ocmw, p.community, p.other_partner, fifth]
    kinds = [Sensitivity.HOUSING, Sensitivity.SOCIAL, Sensitivity.COMMUNITY, Sensitivity.SOCIAL]
    now = timezone.now()
    entries = []
    for i in range(size):
        org = orgs[i % 5]
        if i % 3 == 0:  # a third: what the OCMW's social worker sees
            org, sensitivity = (p.ocmw, Sensitivity.SOCIAL) if i % 2 else (org, Sensitivity.SHARED)
        else:
            sensitivity = kinds[i % 4] if org != p.ocmw else Sensitivity.COMMUNITY
            if org == p.ocmw:
                org = p.community
        entries.append(
            TimelineEntry(
                household=p.household,
                kind=EntryKind.CONTACT,
                contact_mode="phone",
                organisation=org,
                sensitivity=sensitivity,
                author=p.woonconsulent,
                at=now - dt.timedelta(hours=i),
                title=f"Gesprek {i}",
                note="Een korte notitie over wat er besproken werd.",
            )
        )
    TimelineEntry.objects.bulk_create(entries, batch_size=1000)
    FileReason.objects.create(
        household=p.household,
        kind=ReasonKind.CLIENT,
        organisation=p.ocmw,
        user=p.social_worker,
        stated_reason="Cliënt van de sociale dienst",
        until=now + dt.timedelta(days=30),
    )
    return {"personas": p}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def run(size: int) -> list[dict]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from wijkpunt.accounts.models import User
    from wijkpunt.households import access
    from wijkpunt.households.models import TimelineEntry
    from wijkpunt.households.views import ENTRIES_PER_PAGE

    if size == DEFAULT_COMMAND_SIZE:
        size = 2000
    data = seed(size)
    p = data["personas"]
    url = f"/werk/huishoudens/{p.household.pk}/"
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(
        STAFF_REQUIRE_MFA=False,
        ALLOWED_HOSTS=["testserver"],
        DEBUG=False,
        STORAGES={**settings.STORAGES, "staticfiles": static},
    ):
        client = Client()
        client.force_login(p.social_worker)

        def view() -> int:
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response.content.count(b'class="hh-entry ')

        user = User.objects.get(pk=p.social_worker.pk)
        visible = access.visible_entries(user, p.household)
        page_sql, page_params = visible[:ENTRIES_PER_PAGE].query.sql_with_params()
        count_sql, count_params = visible.order_by().values("pk").query.sql_with_params()
        count_sql = f"SELECT COUNT(*) FROM ({count_sql}) AS c"  # noqa: S608 - generated above
        seen = visible.count()

        def raw() -> int:
            with connection.cursor() as cursor:
                cursor.execute(count_sql, count_params)
                cursor.fetchone()
                cursor.execute(page_sql, page_params)
                return len(cursor.fetchall())

        for _ in range(5):
            view()
            raw()
        view_times, raw_times = [], []
        for _ in range(ROUNDS):
            t = time.perf_counter()
            shown = view()
            view_times.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            rows = raw()
            raw_times.append((time.perf_counter() - t) * 1000)
        assert shown == rows == ENTRIES_PER_PAGE, (shown, rows)

        with CaptureQueriesContext(connection) as ctx:
            view()
        many = len(ctx.captured_queries)
        TimelineEntry.objects.filter(
            pk__in=list(
                TimelineEntry.objects.filter(household=p.household)
                .order_by("at")
                .values_list("pk", flat=True)[: size - 200]
            )
        ).delete()
        with CaptureQueriesContext(connection) as ctx:
            view()
        few = len(ctx.captured_queries)

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
            "visible": seen,
        },
        {
            "bench": "households.file.p95",
            "n": size,
            "value": round(value, 2),
            "unit": "ms",
            "target": "<= 100",
            "met": value <= 100,
        },
        {
            "bench": "households.file.queries",
            "n": size,
            "value": many,
            "unit": "queries",
            "baseline": few,
            "target": "constant",
            "met": many == few,
        },
    ]


BENCHMARKS = {"households.file": run}

"""surveys.results: the results page of a closed wave with 50,000 responses to 30 questions,
next to the raw SQL aggregate of the same figures.

Seeds personas, two estates with ten buildings, a survey of 30 questions (10 five-point scales
with "no opinion", 8 single choices, 4 multiple choices with two ticks each, 4 ratings 0–10,
2 numbers, 2 open questions) and *n* responses (50,000 when ``--size`` is left at the
command's default) with one ``INSERT ... SELECT`` per question over a number series — about
1.6 million answers.

Then, logged in as the coordinator, it asks for the results page of the whole wave through
the real view (Django's test client: routing, middleware, session, access, template):

- ``surveys.results.first``: the first request, with nothing cached — the three GROUP BY
  queries, adding the cells into groups, suppression and the page — next to the baseline, the
  same three GROUP BY statements run bare on a cursor (the raw SQL aggregate of the figures);
  aim ≤ 3× and ≤ 300 ms;
- ``surveys.results``: warm requests (the closed wave's figures come from the cache), p95 and
  p50 of 30, next to the same baseline; aim ≤ 3× and ≤ 300 ms."""

from __future__ import annotations

import datetime as dt
import statistics
import time

DEFAULT_COMMAND_SIZE = 20000  # the bench command's default: means 50,000
ROUNDS = 30


def _series(size: int, vendor: str) -> tuple[str, str]:
    if vendor == "postgresql":
        return "", f"generate_series(1, {size}) AS s(i)"
    return (
        f"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {size}) ",
        "s",
    )


def seed(size: int) -> dict:
    from django.db import connection
    from django.utils import timezone

    from wijkpunt.housing.models import Building
    from wijkpunt.surveys.models import Choice, Question, Section, Survey, Wave, WaveStatus
    from wijkpunt.testing import make_personas

    p = make_personas()
    buildings = [p.building]
    for n in range(9):
        estate = p.estate if n < 5 else p.other_estate
        buildings.append(
            Building.objects.create(
                estate=estate, street=f"Benchstraat {n}", number=str(n), postcode="8560", city="X"
            )
        )
    survey = Survey.objects.create(title={"nl-be": "Bench"}, organisation=p.housing)
    section = Section.objects.create(survey=survey, name="alles")
    plan = (
        [("scale5", 6)] * 10
        + [("single", 4)] * 8
        + [("multiple", 5)] * 4
        + [("rating10", 11)] * 4
        + [("number", 60)] * 2
        + [("long_text", 0)] * 2
    )
    questions = []
    for n, (kind, options) in enumerate(plan):
        q = Question.objects.create(
            survey=survey, section=section, name=f"q{n}", kind=kind, position=n,
            label={"nl-be": f"Vraag {n}"},
        )  # fmt: skip
        if kind == "scale5":
            Choice.objects.bulk_create(
                [
                    Choice(question=q, value=str(s), score=s, position=s, label={"nl-be": str(s)})
                    for s in range(1, 6)
                ]
                + [Choice(question=q, value="nvt", position=6, label={"nl-be": "Geen mening"})]
            )
        elif kind in ("single", "multiple"):
            Choice.objects.bulk_create(
                Choice(question=q, value=f"c{c}", position=c, label={"nl-be": f"Keuze {c}"})
                for c in range(options)
            )
        questions.append((q.pk, kind, options))
    today = timezone.localdate()
    wave = Wave.objects.create(
        survey=survey,
        name="Bench",
        opens_on=today - dt.timedelta(days=30),
        closes_on=today - dt.timedelta(days=1),
        status=WaveStatus.CLOSED,
    )
    wave.estates.add(p.estate, p.other_estate)

    vendor = connection.vendor
    uuid = "gen_random_uuid()" if vendor == "postgresql" else "lower(hex(randomblob(16)))"
    prefix, series = _series(size, vendor)
    b = f"(s.i * 7 % {len(buildings)})"
    building = "CASE " + " ".join(f"WHEN {b} = {n} THEN {x.pk}" for n, x in enumerate(buildings))
    estate = "CASE " + " ".join(
        f"WHEN {b} = {n} THEN {x.estate_id}" for n, x in enumerate(buildings)
    )
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_r")
        cursor.execute(
            f"CREATE TEMPORARY TABLE bench_r AS {prefix}SELECT {uuid} AS id, s.i AS i, "  # noqa: S608
            f"{estate} END AS estate_id, {building} END AS building_id FROM {series}"
        )
        cursor.execute(
            "INSERT INTO surveys_response (id, wave_id, estate_id, building_id, language) "  # noqa: S608
            f"SELECT id, {wave.pk}, estate_id, building_id, 'nl-be' FROM bench_r"
        )
        insert = "INSERT INTO surveys_answer (id, response_id, question_id, choice, number, text) "
        for n, (qid, kind, options) in enumerate(questions):
            pick = f"((bench_r.i * {n * 2 + 3} + bench_r.i / 7 + {n}) % {options or 1})"
            if kind == "scale5":
                value = f"CASE WHEN {pick} = 5 THEN 'nvt' ELSE CAST({pick} + 1 AS TEXT) END"
                cols = f"{value}, NULL, ''"
            elif kind == "single":
                cols = f"'c' || CAST({pick} AS TEXT), NULL, ''"
            elif kind == "multiple":
                cols = f"'c' || CAST({pick} AS TEXT), NULL, ''"
                cursor.execute(
                    f"{insert} SELECT {uuid}, id, {qid}, 'c' || CAST((({pick}) + 1) % {options} "  # noqa: S608
                    f"AS TEXT), NULL, '' FROM bench_r"
                )
            elif kind in ("rating10", "number"):
                cols = f"'', {pick}, ''"
            else:
                cols = "'', NULL, 'Een opmerking van een bewoner'"
            where = " WHERE bench_r.i % 3 = 0" if kind == "long_text" else ""
            cursor.execute(f"{insert} SELECT {uuid}, id, {qid}, {cols} FROM bench_r{where}")  # noqa: S608
        cursor.execute("DROP TABLE bench_r")
        cursor.execute("ANALYZE")
    return {"personas": p, "wave": wave}


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(q * len(ordered))) - 1)]


def run(size: int) -> list[dict]:
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from wijkpunt.surveys import results
    from wijkpunt.surveys.definition import load
    from wijkpunt.surveys.models import Answer

    if size == DEFAULT_COMMAND_SIZE:
        size = 50_000
    start = time.perf_counter()
    data = seed(size)
    seed_s = time.perf_counter() - start
    wave = data["wave"]
    answers = Answer.objects.filter(response__wave=wave).count()

    # The baseline: the figures' three GROUP BY statements, bare on a cursor.
    definition = load(wave.survey)
    questions = definition.questions()
    counted = [q.pk for q in questions if q.kind not in ("short_text", "long_text")]
    multiple = [q.pk for q in questions if q.kind in ("multiple", "short_text", "long_text")]
    ids = ", ".join(map(str, counted))
    multi = ", ".join(map(str, multiple))
    statements = [
        "SELECT estate_id, building_id, COUNT(*) FROM surveys_response "  # noqa: S608
        f"WHERE wave_id = {wave.pk} GROUP BY estate_id, building_id",
        "SELECT a.question_id, a.choice, a.number, r.estate_id, r.building_id, COUNT(*) "  # noqa: S608
        "FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id "
        f"WHERE r.wave_id = {wave.pk} AND a.question_id IN ({ids}) "
        "GROUP BY a.question_id, a.choice, a.number, r.estate_id, r.building_id",
        "SELECT a.question_id, r.estate_id, r.building_id, COUNT(DISTINCT a.response_id) "  # noqa: S608
        "FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id "
        f"WHERE r.wave_id = {wave.pk} AND a.question_id IN ({multi}) "
        "GROUP BY a.question_id, r.estate_id, r.building_id",
    ]

    def raw() -> int:
        rows = 0
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                rows += len(cursor.fetchall())
        return rows

    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    url = f"/werk/bevragingen/golven/{wave.pk}/resultaten/"
    with override_settings(
        STAFF_REQUIRE_MFA=False,
        ALLOWED_HOSTS=["testserver"],
        DEBUG=False,
        STORAGES={**settings.STORAGES, "staticfiles": static},
    ):
        client = Client()
        client.force_login(data["personas"].coordinator)

        def view() -> None:
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        raw()  # warm the database's buffers for both
        raw_times = []
        for _ in range(5):
            t = time.perf_counter()
            raw()
            raw_times.append((time.perf_counter() - t) * 1000)
        cold_times = []
        for _ in range(3):
            cache.delete(results.cache_key(wave))
            t = time.perf_counter()
            view()
            cold_times.append((time.perf_counter() - t) * 1000)
        warm_times = []
        for _ in range(ROUNDS):
            t = time.perf_counter()
            view()
            warm_times.append((time.perf_counter() - t) * 1000)
    base = statistics.median(raw_times)
    first = statistics.median(cold_times)
    p95, p50 = _pct(warm_times, 0.95), statistics.median(warm_times)
    common = {"n": size, "answers": answers, "seed_s": round(seed_s, 1)}
    return [
        {
            **common,
            "value": round(first, 1),
            "unit": "ms first request (median of 3, nothing cached)",
            "baseline": round(base, 1),
            "ratio": round(first / base, 2),
            "target": "<= 3 and <= 300 ms",
            "met": first / base <= 3 and first <= 300,
            "figure": "surveys.results.first",
        },
        {
            **common,
            "value": round(p95, 1),
            "unit": "ms p95 (warm)",
            "baseline": round(base, 1),
            "ratio": round(p95 / base, 2),
            "target": "<= 3 and <= 300 ms",
            "met": p95 / base <= 3 and p95 <= 300,
            "median": round(p50, 1),
            "figure": "surveys.results",
        },
    ]


BENCHMARKS = {"surveys.results": run}

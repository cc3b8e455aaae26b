"""Searching the sociale kaart: each filter alone and together, opening hours at their edges,
distances in order, and a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import math
import uuid

import pytest
from django.utils import timezone

from wijkpunt.directory import queries
from wijkpunt.directory.models import Schedule, Service
from wijkpunt.directory.queries import SearchQuery, search_services
from wijkpunt.housing.models import Building
from wijkpunt.testing import make_personas, rolled_back

from .helpers import TERM, load, service

ESTATE = (50.8092, 3.1858)  # the middle of the personas' estate's building
DAILY = "MO,TU,WE,TH,FR,SA,SU"
WORKDAYS = "MO,TU,WE,TH,FR"


def north(km: float) -> tuple[float, float]:
    return round(ESTATE[0] + km / queries.KM_PER_DEGREE, 6), ESTATE[1]


def north_east(km_each: float) -> tuple[float, float]:
    dlon = km_each / (queries.KM_PER_DEGREE * math.cos(math.radians(ESTATE[0])))
    return round(ESTATE[0] + km_each / queries.KM_PER_DEGREE, 6), round(ESTATE[1] + dlon, 6)


def at(day: str, hour: str) -> dt.datetime:
    """A moment in Wijkpunt's time zone: at("2026-11-23", "10:00") is a Monday."""
    naive = dt.datetime.fromisoformat(f"{day}T{hour}")
    return timezone.make_aware(naive, timezone.get_current_timezone())


MONDAY, TUESDAY, SUMMER_MONDAY = "2026-11-23", "2026-11-24", "2026-07-06"

SERVICES = [
    ("Schuldhulp Dichtbij", 0.5, ("schuldbemiddeling",), ("nl", "fr"),
     ((WORKDAYS, "09:00", "12:00"),), {}),
    ("Budget Verder", 3.0, ("budgetbeheer",), ("nl", "ar"), (("TU", "13:00", "16:00"),), {}),
    ("Taalles Avond", 1.5, ("taal",), ("nl", "en"), (("MO,WE", "18:30", "21:30"),), {}),
    ("Nachtopvang Test", 1.9, ("opvang",), ("nl", "fr"), ((DAILY, "21:00", "08:00"),), {}),
    ("Zomer Speelplein", 1.0, ("jeugdwerk",), ("nl",),
     (("MO,TU,WE,TH,FR", "09:00", "17:00", "2026-07-01", "2026-08-31"),), {}),
    ("Gesloten Kruidenier", 0.8, ("voedsel",), ("nl", "fr"), ((WORKDAYS, "09:00", "17:00"),),
     {"status": "temporarily closed"}),
    ("Telefoonlijn", None, ("geestelijke-gezondheid",), ("nl",), ((DAILY, "19:00", "23:00"),), {}),
    ("Ver Weg", 25.0, ("schulden",), ("nl", "fr"), (("MO,TU,WE,TH,FR", "09:00", "17:00"),), {}),
    ("Arabisch Huis", 1.2, ("welzijn",), ("nl",), (("MO,TU,WE,TH,FR", "09:00", "17:00"),),
     {"place_languages": ("ar",)}),
    ("Hoekje", "corner", ("welzijn",), ("nl",), (("SA", "10:00", "12:00"),), {}),
]  # fmt: skip


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        personas = make_personas()
        Building.objects.filter(pk=personas.building.pk).update(
            latitude=ESTATE[0], longitude=ESTATE[1]
        )
        records = []
        for name, km, needs, languages, hours, extra in SERVICES:
            if km is None:
                lat = lon = None
            elif km == "corner":  # 1.9 km north and 1.9 km east: in the box, 2.7 km away
                lat, lon = north_east(1.9)
            else:
                lat, lon = north(km)
            extra = dict(extra)
            records.append(
                service(
                    name, lat=lat, lon=lon, needs=needs, languages=languages, hours=hours, **extra
                )
            )
        load(*records)
        yield personas


def names(**kwargs) -> list[str]:
    result = search_services(SearchQuery(**kwargs), per_page=50)
    return [hit.name for hit in result.hits]


def need(code: str) -> uuid.UUID:
    return uuid.UUID(TERM[code])


def test_without_filters_every_active_service_by_name(world, db):
    assert names() == sorted(n for n, *_ in SERVICES if n != "Gesloten Kruidenier")
    assert "Gesloten Kruidenier" in names(include_inactive=True)


def test_a_need_finds_its_services_and_those_of_the_needs_under_it(world, db):
    assert names(need=need("schulden")) == ["Budget Verder", "Schuldhulp Dichtbij", "Ver Weg"]
    assert names(need=need("budgetbeheer")) == ["Budget Verder"]
    assert names(need=need("gezondheid")) == ["Telefoonlijn"]
    assert names(need=need("huisvesting")) == []


def test_a_language_is_spoken_by_the_service_or_at_its_place(world, db):
    assert names(language="ar") == ["Arabisch Huis", "Budget Verder"]
    assert names(language="en") == ["Taalles Avond"]
    assert names(language="tr") == []


def test_nearest_first_and_services_without_a_place_last(world, db):
    result = search_services(SearchQuery(near=ESTATE), per_page=50)
    assert [hit.name for hit in result.hits] == [
        "Schuldhulp Dichtbij",
        "Zomer Speelplein",
        "Arabisch Huis",
        "Taalles Avond",
        "Nachtopvang Test",
        "Hoekje",
        "Budget Verder",
        "Ver Weg",
        "Telefoonlijn",
    ]
    distances = [hit.distance_km for hit in result.hits]
    assert distances[0] == pytest.approx(0.5, abs=0.01)
    assert distances[5] == pytest.approx(2.69, abs=0.02)
    assert distances[-1] is None
    assert result.hits[0].place.address == "Schuldhulp Dichtbijstraat 1, 8560 Wevelgem"


def test_within_a_distance_counts_the_great_circle_not_the_box(world, db):
    assert names(near=ESTATE, within_km=2) == [
        "Schuldhulp Dichtbij",
        "Zomer Speelplein",
        "Arabisch Huis",
        "Taalles Avond",
        "Nachtopvang Test",
    ]  # "Hoekje" is inside the box around the estate, but 2.7 km away
    assert names(near=ESTATE, within_km=0.4) == []
    assert "Ver Weg" in names(near=ESTATE, within_km=30)


def test_open_at_a_moment_includes_the_opening_and_excludes_the_closing_minute(world, db):
    weekday = ["Arabisch Huis", "Schuldhulp Dichtbij", "Ver Weg"]
    assert names(open_at=at(MONDAY, "09:00")) == weekday
    assert names(open_at=at(MONDAY, "11:59")) == weekday
    assert names(open_at=at(MONDAY, "12:00")) == ["Arabisch Huis", "Ver Weg"]
    assert names(open_at=at(TUESDAY, "14:00")) == ["Arabisch Huis", "Budget Verder", "Ver Weg"]
    assert names(open_at=at("2026-11-28", "11:00")) == ["Hoekje"]  # a Saturday


def test_opening_hours_past_midnight_belong_to_the_day_they_start(world, db):
    assert names(open_at=at(MONDAY, "22:30")) == ["Nachtopvang Test", "Telefoonlijn"]
    assert names(open_at=at(TUESDAY, "03:00")) == ["Nachtopvang Test"]
    assert names(open_at=at(TUESDAY, "07:59")) == ["Nachtopvang Test"]
    assert names(open_at=at(TUESDAY, "08:00")) == []
    assert names(open_at=at(MONDAY, "20:59")) == ["Taalles Avond", "Telefoonlijn"]


def test_opening_hours_count_only_between_their_dates(world, db):
    assert "Zomer Speelplein" in names(open_at=at(SUMMER_MONDAY, "10:00"))
    assert "Zomer Speelplein" in names(open_at=at("2026-08-31", "16:59"))  # the last day
    assert "Zomer Speelplein" not in names(open_at=at("2026-09-01", "10:00"))
    assert "Zomer Speelplein" not in names(open_at=at("2026-06-30", "10:00"))


def test_words_are_looked_for_in_name_description_and_organisation(world, db):
    assert names(text="opvang") == ["Nachtopvang Test"]
    assert names(text="beschrijving avond") == ["Taalles Avond"]
    assert "Ver Weg" in names(text="testorganisatie")
    assert names(text="xyzzy") == []


def test_every_filter_together(world, db):
    assert names(
        need=need("schulden"),
        language="fr",
        near=ESTATE,
        within_km=5,
        open_at=at(MONDAY, "10:00"),
        text="schuldhulp",
    ) == ["Schuldhulp Dichtbij"]
    assert names(need=need("schulden"), language="ar", near=ESTATE, within_km=2) == []


def test_a_search_is_two_queries_whatever_it_finds(world, db, django_assert_num_queries):
    everything = SearchQuery(near=ESTATE)
    with django_assert_num_queries(2):
        result = search_services(everything, per_page=50)
        shown = [(h.phones, h.hours, h.languages, h.place) for h in result.hits]
    assert len(shown) == 9
    narrow = SearchQuery(
        need=need("schulden"), language="fr", near=ESTATE, within_km=5, open_at=at(MONDAY, "10:00")
    )
    with django_assert_num_queries(2):
        assert len(search_services(narrow).hits) == 1
    with django_assert_num_queries(1):
        assert search_services(SearchQuery(text="xyzzy")).hits == []


def test_a_result_card_holds_what_staff_need_to_refer(world, db):
    hit = search_services(SearchQuery(text="Schuldhulp"), now=at(MONDAY, "10:00")).hits[0]
    assert hit.organization == "Testorganisatie"
    assert [p.number for p in hit.phones] == ["056 00 00 01"]
    assert [(line.days, line.hours) for line in hit.hours] == [("ma–vr", "09:00–12:00")]
    assert hit.languages == ["Nederlands", "Frans"]
    assert hit.open_now and hit.is_referrable
    closed = search_services(SearchQuery(text="Gesloten", include_inactive=True)).hits[0]
    assert not closed.is_referrable and closed.status_label == "tijdelijk gesloten"


def test_pages_of_results(world, db):
    first = search_services(SearchQuery(near=ESTATE), per_page=4)
    assert (first.total, first.pages, first.has_next, first.has_previous) == (9, 3, True, False)
    last = search_services(SearchQuery(near=ESTATE), page=99, per_page=4)
    assert last.page == 3 and [h.name for h in last.hits] == ["Telefoonlijn"]


def test_the_python_and_the_sql_opening_rule_agree_all_week(world, db):
    schedules = {}
    for s in Schedule.objects.filter(service__isnull=False):
        schedules.setdefault(s.service_id, []).append(s)
    start = at(MONDAY, "00:00")
    for quarter in range(0, 7 * 24 * 4, 11):  # every 2 h 45 min of a week
        moment = start + dt.timedelta(minutes=15 * quarter)
        in_sql = set(
            queries.matching_services(
                SearchQuery(open_at=moment, include_inactive=True)
            ).values_list("pk", flat=True)
        )
        in_python = {
            pk
            for pk, rows in schedules.items()
            if queries.is_open(queries.schedule_rows(rows), moment)
        }
        assert in_sql == in_python, moment


def test_the_estate_point_is_the_middle_of_its_buildings(world, db):
    assert queries.estate_point(world.estate) == pytest.approx(ESTATE)
    assert queries.estate_point(world.other_estate) is None
    assert Service.objects.count() == len(SERVICES)

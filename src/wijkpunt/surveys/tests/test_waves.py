"""Wave pages: who may see and do what, a new wave and its targets, the roster as of the
opening day, opening and closing with confirmation, and the live response rates per estate,
building and channel."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wijkpunt.audit.models import AuditEntry
from wijkpunt.housing.models import Building, Dwelling, Household, Tenancy
from wijkpunt.surveys import actions, monitoring
from wijkpunt.surveys.models import (
    Channel,
    Choice,
    Question,
    Section,
    Survey,
    SurveyCode,
    Wave,
    WaveStatus,
)
from wijkpunt.testing import make_personas, rolled_back

pytestmark = pytest.mark.django_db


def add_households(building: Building, n: int, *, start: dt.date, end=None, tag="h") -> None:
    for i in range(n):
        dwelling = Dwelling.objects.create(building=building, unit=f"{tag}{i}")
        household = Household.objects.create(name=f"Gezin {tag}{i}")
        Tenancy.objects.create(
            dwelling=dwelling, household=household, start_date=start, end_date=end
        )


def make_survey(organisation) -> Survey:
    survey = Survey.objects.create(
        title={"nl-be": "Bewonersbevraging", "fr": "Enquête"},
        languages=["nl-be", "fr"],
        organisation=organisation,
    )
    section = Section.objects.create(survey=survey, name="dienst")
    q = Question.objects.create(
        survey=survey, section=section, name="tevreden", kind="scale5", required=True,
        label={"nl-be": "Bent u tevreden over de dienstverlening?", "fr": "Êtes-vous satisfait ?"},
    )  # fmt: skip
    Choice.objects.bulk_create(
        Choice(question=q, value=str(s), score=s, position=s, label={"nl-be": f"Score {s}"})
        for s in range(1, 6)
    )
    Question.objects.create(
        survey=survey, section=section, name="opmerking", kind="long_text", position=1,
        label={"nl-be": "Wat wilt u nog zeggen?"},
    )  # fmt: skip
    return survey


def new_wave(survey, estates, *, opens_on, days=21, buildings=(), name="Najaar") -> Wave:
    wave = Wave.objects.create(
        survey=survey, name=name, opens_on=opens_on, closes_on=opens_on + dt.timedelta(days=days)
    )
    wave.estates.set(estates)
    wave.buildings.set(buildings)
    return wave


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        p = make_personas()
        today = timezone.localdate()
        long_ago = today - dt.timedelta(days=900)
        tower = Building.objects.create(
            estate=p.estate, street="Torenstraat", number="3", postcode="8560", city="Testgem"
        )
        add_households(tower, 5, start=long_ago, tag="t")
        add_households(p.building, 2, start=long_ago, tag="b")
        survey = make_survey(p.community)
        draft = new_wave(survey, [p.estate], opens_on=today)
        both = new_wave(survey, [p.estate, p.other_estate], opens_on=today, name="Beide")
        running = new_wave(survey, [p.estate], opens_on=today, name="Lopend")
        actions.open_wave(wave=running)
        yield {
            "p": p,
            "today": today,
            "tower": tower,
            "survey": survey,
            "draft": draft,
            "both": both,
            "running": running,
            # personas' household (building 1) + 2 in building 1 + 5 in the tower
            "roster": 8,
        }


@pytest.fixture
def staff(client, settings):
    settings.STAFF_REQUIRE_MFA = False
    return client


def _as(client: Client, user) -> Client:
    client.force_login(user)
    return client


def test_who_may_see_and_do_what_on_the_wave_pages(world, settings):
    settings.STAFF_REQUIRE_MFA = False
    p, draft, running = world["p"], world["draft"], world["running"]
    survey = world["survey"]
    pages = {
        "new": reverse("surveys:wave_new", args=[survey.pk]),
        "wave": reverse("surveys:wave", args=[draft.pk]),
        "edit": reverse("surveys:wave_edit", args=[draft.pk]),
        "open": reverse("surveys:wave_open", args=[draft.pk]),
        "close": reverse("surveys:wave_close", args=[running.pk]),
        "rates": reverse("surveys:wave_rates", args=[running.pk]),
        "door": reverse("surveys:door", args=[running.pk]),
        "paper": reverse("surveys:paper", args=[running.pk]),
        "both": reverse("surveys:wave", args=[world["both"].pk]),
    }
    # 404: may not see the wave (or the survey) at all; 403: sees it, may not do this.
    expected = {
        "coordinator": dict.fromkeys(pages, 200) | {"door": 200, "paper": 200},
        "buurtwerker": dict.fromkeys(pages, 200) | {"both": 404},
        "woonconsulent": dict.fromkeys(pages, 200)
        | {"new": 403, "edit": 403, "open": 403, "close": 403, "both": 404},
        "admin": dict.fromkeys(pages, 200) | {"door": 403, "paper": 403},
        "technician": dict.fromkeys(pages, 404),
        "social_worker": dict.fromkeys(pages, 404),
        "tenant": dict.fromkeys(pages, 403),
        "outsider": dict.fromkeys(pages, 403),
    }
    wrong = []
    for persona, statuses in expected.items():
        client = _as(Client(), getattr(p, persona))
        for page, status in statuses.items():
            got = client.get(pages[page]).status_code
            if got != status:
                wrong.append(f"{persona} {page}: {got}, expected {status}")
    assert wrong == []
    anonymous = Client().get(pages["wave"])
    assert anonymous.status_code == 302 and "/accounts/" in anonymous["Location"]


def test_a_new_wave_reaches_only_what_the_user_covers(world, staff):
    p, survey = world["p"], world["survey"]
    client = _as(staff, p.buurtwerker)
    url = reverse("surveys:wave_new", args=[survey.pk])
    page = client.get(url).content.decode()
    # Buildings are grouped per estate; the buurtwerker works in one estate only.
    assert p.estate.name in page and p.other_estate.name not in page
    assert "Torenstraat 3" in page and 'value="5"' in page  # the smallest group's default
    other_building = Building.objects.get(estate=p.other_estate)
    refused = client.post(
        url,
        {
            "name": "Voorjaar",
            "buildings": [other_building.pk],
            "opens_on": "2027-03-01",
            "closes_on": "2027-03-21",
            "min_group_size": "5",
        },
    )
    assert refused.status_code == 400
    assert 'value="Voorjaar"' in refused.content.decode()
    assert not Wave.objects.filter(name="Voorjaar").exists()
    garbage = client.post(
        url, {"name": "Voorjaar", "estates": ["x"], "opens_on": "morgen", "min_group_size": "veel"}
    )
    assert garbage.status_code == 400 and "Vul een datum in" in garbage.content.decode()
    backwards = client.post(
        url,
        {
            "name": "Voorjaar",
            "estates": [p.estate.pk],
            "opens_on": "2027-03-21",
            "closes_on": "2027-03-01",
            "min_group_size": "4",
        },
    )
    text = backwards.content.decode()
    assert backwards.status_code == 400
    assert "De ronde stopt voor ze start." in text and "minstens 5" in text
    assert not Wave.objects.filter(name="Voorjaar").exists()
    made = client.post(
        url,
        {
            "name": "Voorjaar",
            "buildings": [world["tower"].pk],
            "opens_on": "2027-03-01",
            "closes_on": "2027-03-21",
            "min_group_size": "6",
        },
    )
    wave = Wave.objects.get(name="Voorjaar")
    assert made.status_code == 302 and made["Location"] == reverse("surveys:wave", args=[wave.pk])
    assert list(wave.estates.all()) == [p.estate]
    assert list(wave.buildings.all()) == [world["tower"]]
    assert wave.min_group_size == 6 and wave.created_by == p.buurtwerker
    assert AuditEntry.objects.filter(object_type="survey-wave", object_id=str(wave.pk)).exists()
    detail = client.get(made["Location"]).content.decode()
    assert "Deze ronde bereikt 5 gezinnen." in detail


def test_a_coordinator_mixes_a_whole_estate_and_one_building_of_another(world, staff):
    p = world["p"]
    client = _as(staff, p.coordinator)
    other_building = Building.objects.get(estate=p.other_estate)
    Building.objects.create(  # a second one, not in the wave
        estate=p.other_estate, street="Beukenhof", number="9", postcode="8560", city="Testgem"
    )
    client.post(
        reverse("surveys:wave_new", args=[world["survey"].pk]),
        {
            "name": "Gemengd",
            "estates": [p.estate.pk],
            "buildings": [other_building.pk],
            "opens_on": world["today"].isoformat(),
            "closes_on": (world["today"] + dt.timedelta(days=7)).isoformat(),
            "min_group_size": "5",
        },
    )
    wave = Wave.objects.get(name="Gemengd")
    assert set(wave.estates.all()) == {p.estate, p.other_estate}
    assert actions.audience_of(wave).count() == world["roster"] + 1  # + the other household
    # Changing it shows the whole estate ticked and the single building ticked.
    form = client.get(reverse("surveys:wave_edit", args=[wave.pk])).content.decode()
    ticked = set(re.findall(r'name="(estates|buildings)" value="(\d+)"[^>]*checked', form))
    assert ticked == {("estates", str(p.estate.pk)), ("buildings", str(other_building.pk))}
    detail = client.get(reverse("surveys:wave", args=[wave.pk])).content.decode()
    whole = re.search(r"Hele wijken</dt><dd>(.*?)</dd>", detail, re.S)
    single = re.search(r"Alleen deze gebouwen</dt><dd>(.*?)</dd>", detail, re.S)
    assert whole and single
    assert p.estate.name in whole.group(1) and p.other_estate.name not in whole.group(1)
    assert "Beukenhof 7" in single.group(1) and "Lindenplein 1" not in single.group(1)


def test_the_roster_is_who_lives_there_on_the_opening_day(world, staff):
    p, today = world["p"], world["today"]
    opens = today + dt.timedelta(days=10)
    street = Building.objects.create(
        estate=p.estate, street="Nieuwstraat", number="9", postcode="8560", city="Testgem"
    )
    long_ago = today - dt.timedelta(days=900)
    add_households(street, 3, start=long_ago, tag="stay")
    add_households(street, 1, start=long_ago, end=opens - dt.timedelta(days=3), tag="gone")
    add_households(street, 1, start=today + dt.timedelta(days=5), tag="early")  # before opening
    add_households(street, 1, start=opens + dt.timedelta(days=10), tag="late")  # after opening
    wave = new_wave(world["survey"], [p.estate], opens_on=opens, buildings=[street])
    client = _as(staff, p.coordinator)
    detail = client.get(reverse("surveys:wave", args=[wave.pk])).content.decode()
    assert "Deze ronde bereikt 4 gezinnen." in detail
    confirm = client.get(reverse("surveys:wave_open", args=[wave.pk])).content.decode()
    assert "Deze ronde bereikt 4 gezinnen." in confirm
    assert Wave.objects.get(pk=wave.pk).status == WaveStatus.DRAFT  # asking changes nothing
    opened = client.post(reverse("surveys:wave_open", args=[wave.pk]), follow=True)
    assert "De ronde is gestart: 4 gezinnen kregen een code." in opened.content.decode()
    assert SurveyCode.objects.filter(wave=wave).count() == 4
    names = set(SurveyCode.objects.filter(wave=wave).values_list("household__name", flat=True))
    assert names == {"Gezin stay0", "Gezin stay1", "Gezin stay2", "Gezin early0"}
    # Fixed at opening: it can no longer be changed, nor opened again.
    edit = client.get(reverse("surveys:wave_edit", args=[wave.pk]), follow=True)
    assert "de wijken en data liggen vast" in edit.content.decode()
    again = client.post(reverse("surveys:wave_open", args=[wave.pk]), follow=True)
    assert "al gestart of afgesloten" in again.content.decode()
    assert SurveyCode.objects.filter(wave=wave).count() == 4


def test_a_wave_nobody_lives_in_does_not_open_and_says_why(world, staff):
    p = world["p"]
    empty = Building.objects.create(
        estate=p.estate, street="Leegstraat", number="1", postcode="8560", city="Testgem"
    )
    wave = new_wave(world["survey"], [p.estate], opens_on=world["today"], buildings=[empty])
    client = _as(staff, p.coordinator)
    page = client.post(reverse("surveys:wave_open", args=[wave.pk]), follow=True)
    assert "Op die datum woont er niemand in deze wijken of gebouwen." in page.content.decode()
    assert Wave.objects.get(pk=wave.pk).status == WaveStatus.DRAFT


def test_closing_asks_first_then_closes_and_the_rates_stop_refreshing(world, staff):
    p, running = world["p"], world["running"]
    client = _as(staff, p.buurtwerker)
    page = client.get(reverse("surveys:wave", args=[running.pk])).content.decode()
    assert 'hx-trigger="every 20s"' in page
    assert reverse("surveys:door", args=[running.pk]) in page
    confirm = client.get(reverse("surveys:wave_close", args=[running.pk]))
    assert "De ronde afsluiten?" in confirm.content.decode()
    closed = client.post(reverse("surveys:wave_close", args=[running.pk]), follow=True)
    text = closed.content.decode()
    assert "De ronde is afgesloten." in text
    assert Wave.objects.get(pk=running.pk).status == WaveStatus.CLOSED
    assert "hx-trigger" not in text
    assert reverse("surveys:door", args=[running.pk]) not in text
    entries = AuditEntry.objects.filter(object_type="survey-wave", object_id=str(running.pk))
    assert entries.filter(purpose__startswith="survey wave closed").exists()


def _use(code: SurveyCode, channel: str) -> None:
    actions.submit(code=code, channel=channel, answers={"tevreden": "4"}, language="nl-be")


QUERIES_OF_THE_RATES = 10  # session, user, roles (4), the wave (2), figures, layout


def test_rates_per_estate_building_and_channel_from_the_codes(
    world, staff, django_assert_max_num_queries
):
    p, running, tower = world["p"], world["running"], world["tower"]
    in_tower = list(SurveyCode.objects.filter(wave=running, building=tower))
    in_first = list(SurveyCode.objects.filter(wave=running, building=p.building))
    _use(in_tower[0], Channel.ONLINE)
    _use(in_tower[1], Channel.PAPER)
    _use(in_tower[2], Channel.DOOR)
    _use(in_first[0], Channel.PORTAL)
    rates = monitoring.rates(running)
    assert (rates.total.used, rates.total.roster) == (4, world["roster"])
    assert [(r.label, r.used, r.roster) for r in rates.estates] == [(p.estate.name, 4, 8)]
    by_building = {r.key: (r.used, r.roster) for r in rates.buildings}
    # A building of fewer households than the smallest group has no row of its own ("1 of 1"
    # would say who answered): it is counted with the estate's other small ones.
    assert by_building == {str(tower.pk): (3, 5), f"small-{p.estate.pk}": (1, 3)}
    assert {r.key: r.used for r in rates.channels} == {
        "online": 1, "portal": 1, "paper": 1, "door": 1,
    }  # fmt: skip
    assert rates.buildings[1].bar == "60.0%" or rates.buildings[0].bar == "60.0%"
    client = _as(staff, p.woonconsulent)
    client.get(reverse("surveys:wave_rates", args=[running.pk]))  # the session, warmed up
    # Refreshed every 20 s by everyone watching: a fixed number of queries, one for figures.
    with django_assert_max_num_queries(QUERIES_OF_THE_RATES):
        partial = client.get(reverse("surveys:wave_rates", args=[running.pk])).content.decode()
    assert "4 van de 8 gezinnen antwoordden (50%)." in partial
    assert "<caption" in partial and 'scope="row"' in partial
    tower_row = re.search(rf'data-rate="{tower.pk}">(.*?)</tr>', partial, re.S)
    assert tower_row is not None
    cells = re.findall(r"<td[^>]*>(?:<span[^>]*>)?([^<]*)<", tower_row.group(1))
    assert cells[:2] == ["3 van 5", "60%"]
    assert 'width="60.0%"' in tower_row.group(1)
    # No time anywhere: no clock and no date in the figures.
    assert not re.search(r"\d{1,2}:\d{2}", partial)


@pytest.mark.once("sqlite")
def test_a_rate_of_nothing_is_zero_and_bars_never_overflow():
    rate = monitoring.Rate(label="x", roster=0, used=0)
    assert rate.percent == 0.0 and rate.bar == "0.0%"
    assert monitoring.Rate(label="y", roster=3, used=3).bar == "100.0%"

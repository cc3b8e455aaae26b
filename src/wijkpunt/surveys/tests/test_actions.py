"""The survey core: a wave's roster and codes, one answer per code, the ballot box, closing,
and who sees a wave."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from wijkpunt.housing.models import Building, Dwelling, Household, Tenancy
from wijkpunt.surveys import access, actions, answers, codes, definition
from wijkpunt.surveys.models import (
    Answer,
    Ballot,
    Channel,
    Choice,
    Question,
    Response,
    Section,
    Survey,
    SurveyCode,
    Wave,
    WaveStatus,
)
from wijkpunt.surveys.workflow import TransitionError
from wijkpunt.testing import make_personas, rolled_back

pytestmark = pytest.mark.django_db


def _households(
    building: Building, n: int, *, start: dt.date, end: dt.date | None = None, tag: str = ""
):
    made = []
    for i in range(n):
        dwelling = Dwelling.objects.create(building=building, unit=f"{tag}{i}")
        household = Household.objects.create(name=f"Gezin {building.number}-{i}", language="fr")
        Tenancy.objects.create(dwelling=dwelling, household=household, start_date=start,
                               end_date=end)  # fmt: skip
        made.append(household)
    return made


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        p = make_personas()
        today = timezone.localdate()
        big = Building.objects.create(
            estate=p.estate, street="Grote blok", number="1", postcode="8560", city="Testgem"
        )
        small = Building.objects.create(
            estate=p.estate, street="Kleine blok", number="2", postcode="8560", city="Testgem"
        )
        long_ago = today - dt.timedelta(days=900)
        living_big = _households(big, 7, start=long_ago)
        living_small = _households(small, 2, start=long_ago)
        _households(big, 1, start=long_ago, end=today - dt.timedelta(days=10), tag="x")  # moved out
        _households(small, 1, start=today + dt.timedelta(days=30), tag="x")  # moves in later
        survey = Survey.objects.create(title={"nl-be": "Bevraging"}, organisation=p.community)
        section = Section.objects.create(survey=survey, name="dienst")
        q = Question.objects.create(
            survey=survey, section=section, name="tevreden", kind="scale5", required=True,
            label={"nl-be": "Bent u tevreden?"},
        )  # fmt: skip
        for score in range(1, 6):
            Choice.objects.create(question=q, value=str(score), score=score,
                                  label={"nl-be": str(score)}, position=score)  # fmt: skip
        Question.objects.create(
            survey=survey, section=section, name="opmerking", kind="long_text",
            label={"nl-be": "Opmerking"}, position=1,
        )  # fmt: skip
        yield {
            "p": p,
            "big": big,
            "small": small,
            # the personas' own household lives in the estate too
            "living": [*living_big, *living_small, p.household],
            "survey": survey,
            "today": today,
        }


def p_lang(world) -> str:
    return world["p"].household.language


def _wave(world, **extra) -> Wave:
    wave = Wave.objects.create(
        survey=world["survey"],
        name="Najaar",
        opens_on=world["today"],
        closes_on=world["today"] + dt.timedelta(days=21),
        **extra,
    )
    wave.estates.add(world["p"].estate)
    return wave


def _answer(code: SurveyCode, score: str, channel=Channel.ONLINE, *, capture) -> None:
    cleaned, errors = answers.clean(
        definition.load(code.wave.survey), {"tevreden": [score], "opmerking": ["Goed zo"]}
    )
    assert not errors
    with capture(execute=True):
        actions.submit(code=code, channel=channel, answers=cleaned, language="nl-be")


def test_the_roster_is_who_lives_there_on_the_opening_day_one_code_each(world):
    wave = _wave(world)
    assert actions.audience_of(wave).count() == len(world["living"])
    made = actions.open_wave(wave=wave)
    rows = list(SurveyCode.objects.filter(wave=wave))
    assert made == len(rows) == len(world["living"])
    assert {c.household_id for c in rows} == {h.pk for h in world["living"]}
    assert {c.language for c in rows} == {"fr", p_lang(world)}
    assert all(codes.looks_like_a_code(c.code) for c in rows)
    assert len({c.code for c in rows}) == len(rows)
    assert {c.building_id for c in rows} == {
        world["big"].pk,
        world["small"].pk,
        world["p"].building.pk,
    }
    wave.refresh_from_db()
    assert wave.status == WaveStatus.OPEN
    with pytest.raises(TransitionError):
        actions.open_wave(wave=wave)


def test_a_code_counts_once_in_any_case_and_any_channel(world, django_capture_on_commit_callbacks):
    wave = _wave(world)
    actions.open_wave(wave=wave)
    code = SurveyCode.objects.filter(wave=wave).first()
    typed = codes.display(code.code).lower().replace("-", " - ")
    found = actions.find_code(typed)
    assert found.pk == code.pk
    _answer(found, "4", Channel.PAPER, capture=django_capture_on_commit_callbacks)
    code.refresh_from_db()
    assert (code.used, code.channel) == (True, Channel.PAPER)
    with pytest.raises(actions.CodeRefused) as refused:
        actions.find_code(code.code)
    assert refused.value.reason == "used"
    # the same paper form entered again, or answered online meanwhile: refused, nothing saved
    with pytest.raises(actions.CodeRefused):
        _answer(found, "2", Channel.ONLINE, capture=django_capture_on_commit_callbacks)
    assert (
        Ballot.objects.filter(wave=wave).count() + Response.objects.filter(wave=wave).count() == 1
    )
    with pytest.raises(actions.CodeRefused) as unknown:
        actions.find_code("ACDE-FGHJ")
    assert unknown.value.reason == "unknown"


def test_the_ballot_box_mixes_only_groups_big_enough(world, django_capture_on_commit_callbacks):
    wave = _wave(world)
    actions.open_wave(wave=wave)
    big = list(SurveyCode.objects.filter(wave=wave, building=world["big"]))
    small = list(SurveyCode.objects.filter(wave=wave, building=world["small"]))
    for code in small:  # two households of the small building answer first
        _answer(code, "1", capture=django_capture_on_commit_callbacks)
    for code in big[:4]:
        _answer(code, "5", capture=django_capture_on_commit_callbacks)
    # nobody's answer has left the box: no building has five answers yet
    assert Response.objects.filter(wave=wave).count() == 0
    _answer(big[4], "5", capture=django_capture_on_commit_callbacks)
    # the big building's five move together, shuffled; the small building's two wait
    assert Response.objects.filter(wave=wave, building=world["big"]).count() == 5
    assert Ballot.objects.filter(wave=wave).count() == 2
    actions.close_wave(wave=wave)
    assert Ballot.objects.filter(wave=wave).count() == 0
    # at closing the small building's answers keep their estate but lose their building
    rows = list(Response.objects.filter(wave=wave).values_list("estate_id", "building_id"))
    assert sorted(rows, key=str) == sorted(
        [(world["p"].estate.pk, world["big"].pk)] * 5 + [(world["p"].estate.pk, None)] * 2,
        key=str,
    )
    assert Answer.objects.filter(response__wave=wave, question__name="tevreden").count() == 7
    with pytest.raises(actions.CodeRefused) as closed:
        actions.find_code(big[5].code)
    assert closed.value.reason == "closed"


def test_answers_of_a_small_estate_keep_neither_estate_nor_building(
    world, django_capture_on_commit_callbacks
):
    wave = _wave(world, min_group_size=8)
    actions.open_wave(wave=wave)
    for code in SurveyCode.objects.filter(wave=wave)[:6]:
        _answer(code, "3", capture=django_capture_on_commit_callbacks)
    assert Response.objects.filter(wave=wave).count() == 0
    actions.close_wave(wave=wave)
    assert set(Response.objects.filter(wave=wave).values_list("estate_id", "building_id")) == {
        (None, None)
    }


def test_a_wave_is_seen_by_those_covering_all_its_estates(world):
    p = world["p"]
    here = _wave(world)
    both = _wave(world)
    both.estates.add(p.other_estate)
    # the buurtwerker works only in the first estate; the coordinator (housing) in both
    assert set(access.visible_waves(p.buurtwerker, "results")) >= {here}
    assert both not in set(access.visible_waves(p.buurtwerker, "results"))
    assert {here, both} <= set(access.visible_waves(p.coordinator, "publish"))
    for persona in (p.tenant, p.technician, p.social_worker, p.partner_worker, p.outsider):
        assert not access.visible_waves(persona, "monitor").exists()
        with pytest.raises(Http404):
            access.get_wave_for(persona, here.pk, "monitor")
    # a woonconsulent may watch the rates but not publish
    assert access.get_wave_for(p.woonconsulent, here.pk, "monitor") == here
    with pytest.raises(PermissionDenied):
        access.get_wave_for(p.woonconsulent, here.pk, "publish")

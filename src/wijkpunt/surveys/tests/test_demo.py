"""The demo's surveys: the seed's survey with every kind of question, a closed wave full of
answers in Wallaysplein and Vlashof (small buildings kept to their estate), its published
result with follow-up actions, an open wave with unused codes, and their removal."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest
from django.db.models import Count

from wijkpunt.followup.models import Action, ActionEvent, ActionStatus
from wijkpunt.housing.models import Building, Resident
from wijkpunt.surveys import definition
from wijkpunt.surveys import demo_data as D
from wijkpunt.surveys import demo_texts as T
from wijkpunt.surveys.models import (
    MIN_GROUP_FLOOR,
    Answer,
    Ballot,
    Channel,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyCode,
    Wave,
    WaveStatus,
)

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def demo(shared_demo):
    """The run's one demo (see the root conftest)."""
    return shared_demo


def _survey() -> Survey:
    survey = Survey.objects.get(form_id="bewonersbevraging")
    assert survey.title == T.TITLE
    return survey


def _waves(survey: Survey) -> tuple[Wave, Wave]:
    return (
        Wave.objects.get(survey=survey, status=WaveStatus.CLOSED),
        Wave.objects.get(survey=survey, status=WaveStatus.OPEN),
    )


def test_the_seed_survey_has_every_kind_of_question_in_three_languages(demo):
    survey = _survey()
    assert survey.organisation == demo.organisations["community"]
    assert survey.languages == ["nl-be", "fr", "en"]
    assert survey.is_locked  # it has answers: its questions can no longer change
    loaded = definition.load(survey)
    items = loaded.all_items()
    assert {q.kind for q in items} == set(QuestionKind.values)
    assert len(loaded.sections) >= 4
    assert any(s.show_if for s in loaded.sections)
    assert any(q.show_if for q in items if q.grid is None)
    assert any(q.show_if for q in items if q.grid is not None)  # a grid row of its own
    assert any(q.max_choices and q.kind == QuestionKind.MULTIPLE for q in items)
    assert any(q.allow_other for q in items)
    assert any(q.show_faces for q in items if q.kind == QuestionKind.SCALE5)
    numbers = [q for q in items if q.kind == QuestionKind.NUMBER]
    assert all(q.min_value is not None and q.max_value is not None for q in numbers)
    grids = [q for q in items if q.kind == QuestionKind.GRID]
    assert all(len(g.rows) >= 3 and g.rows[0].choices for g in grids)
    assert {"herstellingen", "bereikbaarheid", "huur", "buurtwerker", "samenleven"} <= {
        q.theme for q in items
    }
    # Every text a respondent reads is there in the three languages.
    for q in items:
        assert set(q.label) >= {"nl-be", "fr", "en"} and all(q.label.values()), q.name
        for c in q.choices:
            assert all(c.label.get(code) for code in ("nl-be", "fr", "en")), (q.name, c.value)
    scale = next(q for q in items if q.kind == QuestionKind.SCALE5 and q.grid is None)
    assert sorted(c.score for c in scale.choices if c.score) == [1, 2, 3, 4, 5]
    assert any(c.score is None for c in scale.choices)  # "no opinion"


def test_the_closed_wave_has_answers_in_both_estates_and_small_buildings_keep_only_the_estate(
    demo,
):
    closed, _open = _waves(_survey())
    wallaysplein, vlashof = demo.estates["wallaysplein"], demo.estates["vlashof"]
    assert set(closed.estates.all()) == {wallaysplein, vlashof}
    assert (demo.today - closed.opens_on).days >= 150
    assert closed.results_published_at is not None
    assert closed.results_published_at.date() < demo.today
    assert not Ballot.objects.filter(wave=closed).exists()

    used = SurveyCode.objects.filter(wave=closed, used=True)
    responses = Response.objects.filter(wave=closed)
    assert responses.count() == used.count() >= 100
    assert set(used.values_list("channel", flat=True)) == set(Channel.values)
    by_estate = Counter(responses.values_list("estate__slug", flat=True))
    assert by_estate["wallaysplein"] >= 40 and by_estate["vlashof"] >= 15
    # Response rates against the roster: about half of each estate answered.
    for estate in (wallaysplein, vlashof):
        roster = SurveyCode.objects.filter(wave=closed, estate=estate).count()
        assert 0.35 < used.filter(estate=estate).count() / roster < 0.85

    answered = dict(
        used.values_list("building_id").annotate(n=Count("pk")).values_list("building_id", "n")
    )
    small = {b for b, n in answered.items() if n < MIN_GROUP_FLOOR}
    large = {b for b, n in answered.items() if n >= MIN_GROUP_FLOOR}
    assert small and large
    # Among them an apartment block, not only single houses.
    assert Building.objects.get(estate=vlashof, name=D.QUIET_BLOCK[1]).pk in small
    kept = set(responses.exclude(building=None).values_list("building_id", flat=True))
    assert kept == large
    for building in large:
        assert responses.filter(building_id=building).count() == answered[building]
    assert responses.filter(building=None).exclude(estate=None).count() == sum(
        answered[b] for b in small
    )


def test_the_answers_differ_per_estate_and_some_open_answers_hold_names_and_numbers(demo):
    closed, _open = _waves(_survey())
    questions = {q.name: q for q in Question.objects.filter(survey=closed.survey)}

    def share_yes(slug: str, name: str) -> float:
        rows = Answer.objects.filter(
            response__wave=closed, response__estate__slug=slug, question=questions[name]
        )
        return rows.filter(choice="yes").count() / rows.count()

    assert share_yes("wallaysplein", "q_buurtwerker_known") > share_yes(
        "vlashof", "q_buurtwerker_known"
    )
    scores = Counter(
        Answer.objects.filter(
            response__wave=closed, question=questions["g_repairs_speed"]
        ).values_list("choice", flat=True)
    )
    assert len(scores) >= 5  # the whole scale is used, "no opinion" too or not
    assert (
        Answer.objects.filter(response__wave=closed, question=questions["q_contact_how"])
        .exclude(text="")
        .exists()
    )  # "other, namely"
    texts = list(
        Answer.objects.filter(response__wave=closed, question__kind=QuestionKind.LONG_TEXT)
        .exclude(text="")
        .values_list("text", flat=True)
    )
    assert len(texts) >= 10
    assert any(re.search(r"0470 00 \d\d \d\d", t) for t in texts)
    assert {r.language for r in Response.objects.filter(wave=closed)} >= {"nl-be", "fr"}


def test_the_open_wave_is_open_in_wallaysplein_with_a_few_answers_and_unused_codes(demo):
    _closed, opened = _waves(_survey())
    assert list(opened.estates.all()) == [demo.estates["wallaysplein"]]
    assert opened.opens_on < demo.today < opened.closes_on
    codes = SurveyCode.objects.filter(wave=opened)
    used = codes.filter(used=True).count()
    assert 5 <= used <= D.OPEN_ANSWERS
    assert codes.filter(used=False).count() > 100
    # The demo tenants of Wallaysplein can still answer it in their portal.
    tenants = Resident.objects.filter(user__in=demo.tenants.values()).values("household_id")
    mine = codes.filter(household_id__in=tenants)
    assert mine.count() == 2 and not mine.filter(used=True).exists()
    waiting = Ballot.objects.filter(wave=opened).count()
    assert waiting + Response.objects.filter(wave=opened).count() == used


def test_the_published_result_has_follow_up_actions_in_every_status(demo):
    closed, _open = _waves(_survey())
    made = Action.objects.filter(wave=closed)
    assert made.count() == len(T.ACTIONS)
    assert Counter(made.values_list("status", flat=True)) == {
        ActionStatus.IN_PROGRESS: 3,
        ActionStatus.DONE: 1,
        ActionStatus.PLANNED: 1,
        ActionStatus.DROPPED: 1,
    }
    assert {a.organisation for a in made} == {
        demo.organisations["housing"],
        demo.organisations["community"],
    }
    assert made.exclude(question=None).count() >= 5
    assert all(a.question.survey_id == closed.survey_id for a in made.exclude(question=None))
    assert ActionEvent.objects.filter(action__in=made, kind="note", public=True).exists()
    for action in made:
        events = list(action.events.order_by("at", "pk"))
        assert events[0].kind == "created"
        assert closed.results_published_at < events[0].at <= events[-1].at < demo.now
        assert action.notice_pending_since is None  # residents were told back then


@pytest.mark.once("sqlite")
def test_what_is_answered_follows_the_seed(demo):
    closed, _open = _waves(_survey())
    survey = definition.load(closed.survey)
    codes = list(SurveyCode.objects.filter(wave=closed))
    slugs = {e.pk: e.slug for e in closed.estates.all()}

    def plan(seed: int):
        return D.plan_answers(
            random.Random(seed), survey, codes, portal=set(), emails=set(), estate_slugs=slugs
        )

    assert plan(1) == plan(1)
    assert plan(1) != plan(2)


# Removing the whole demo takes seconds; the command's --reset test runs it on PostgreSQL.
@pytest.mark.once("sqlite")
def test_reset_removes_the_surveys_and_actions(demo):
    from wijkpunt.demo.generate import delete_demo_data

    removed = delete_demo_data()
    assert removed["surveys"] == 1 and removed["survey waves"] == 2
    assert removed["follow-up actions"] == len(T.ACTIONS)
    assert not Survey.objects.exists()
    assert not Response.objects.exists() and not Answer.objects.exists()
    assert not Action.objects.exists()

"""The demo's surveys (``wijkpunt demo`` calls ``generate`` after the registry; ``--reset``
calls ``delete`` first).

The seed's "Bewonersbevraging dienstverlening en buurtwerking" (texts in ``demo_texts``),
owned by Buurtwerk Wevelgem, with:

- a **closed wave** in Wallaysplein and Vlashof, about half a year before the demo's today:
  opened with ``actions.open_wave`` (the roster of that day), answered by about half of the
  households through ``actions.submit`` — online with the code, in the portal, on paper and
  door to door — with answers that differ per estate (Wallaysplein: repairs slow, community
  work well known; Vlashof: a new estate where neighbours and the community work are still
  strangers, and the first statement of charges puzzled many), a few open answers with names
  and phone numbers (for the masking), and buildings where fewer than five households answered
  (every single house, and one apartment block of Vlashof), whose responses keep only their
  estate. Closed with ``actions.close_wave`` (real mixing), results published three weeks later;
- six **follow-up actions** ("you said, we did") linked to its questions and themes, owned by
  the housing company or the community work, one done, three in progress, one planned, one
  dropped, with progress notes, dated after the publication;
- an **open wave** in Wallaysplein, opened nine days ago, with a few answers; the demo tenants'
  households have not answered it yet, so they find it in their portal.

Deterministic for a seed and a day: what is answered and by whom follows
``random.Random(seed)``; only the codes (``secrets``) and the order of the mixed responses
(the ballot box's shuffle) are random, as they must be."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from wijkpunt.followup import actions as followup
from wijkpunt.followup.models import Action, ActionEvent, ActionStatus
from wijkpunt.housing.models import Building, Estate, Resident
from wijkpunt.partners.models import Organisation
from wijkpunt.surveys import actions, answers, definition
from wijkpunt.surveys import demo_texts as T
from wijkpunt.surveys.models import (
    Channel,
    Choice,
    Question,
    QuestionKind,
    Section,
    Survey,
    SurveyCode,
    Wave,
)

CLOSED_DAYS_AGO = 180
CLOSED_WEEKS = 4
PUBLISHED_AFTER_DAYS = 21
OPEN_DAYS_AGO = 9
OPEN_WEEKS = 4
OPEN_ANSWERS = 14
# The apartment block where too few households answered (its responses keep only the estate).
QUIET_BLOCK = ("vlashof", "Gebouw Zwingel")
QUIET_BLOCK_ANSWERS = 4


@dataclass(frozen=True)
class Profile:
    """How an estate answers: the share that answers, mean scores (1–5) of scale questions and
    grid rows, the share saying "no opinion", yes-shares, mean marks (0–10), weights of
    single choices and chances of each multiple choice."""

    rate: float
    scale: dict[str, float]
    no_opinion: dict[str, float]
    yes: dict[str, float]
    marks: dict[str, float]
    single: dict[str, dict[str, float]]
    multiple: dict[str, dict[str, float]]
    door_share: float  # of households without e-mail, visited rather than on paper
    text_share: dict[str, float] = field(default_factory=dict)


PROFILES: dict[str, Profile] = {
    "wallaysplein": Profile(
        rate=0.58,
        scale={
            "q_reach": 2.9,
            "q_rent_clear": 3.2,
            "q_consultant": 3.8,
            "g_repairs_speed": 2.2,
            "g_repairs_quality": 3.3,
            "g_repairs_informed": 2.3,
            "g_community_activities": 3.9,
            "g_community_room": 3.7,
            "g_community_worker": 4.2,
            "g_living_safe": 3.0,
            "g_living_neighbours": 3.8,
            "g_living_clean": 2.4,
            "g_living_quiet": 2.7,
        },
        no_opinion={"q_consultant": 0.05, "g_community_room": 0.15, "g_community_activities": 0.1},
        yes={
            "q_contact": 0.72,
            "q_repair_asked": 0.64,
            "q_took_part": 0.55,
            "q_buurtwerker_known": 0.74,
        },
        marks={"q_service_score": 5.9, "q_area_score": 6.3},
        single={
            "q_years_here": {"lt1": 8, "1to5": 27, "5to15": 35, "gt15": 30},
            "q_consultant_known": {"name": 38, "seen": 30, "no": 32},
            "q_repair_wait": {"week": 18, "month": 37, "longer": 30, "waiting": 15},
            "q_help": {"yes": 18, "maybe": 37, "no": 45},
        },
        multiple={
            "q_contact_how": {
                "phone": 0.6,
                "office": 0.45,
                "email": 0.2,
                "portal": 0.12,
                "visit": 0.25,
            },
            "q_news": {"letter": 0.62, "email": 0.25, "portal": 0.12, "sms": 0.3, "board": 0.35},
            "q_activities": {
                "party": 0.6,
                "coffee": 0.45,
                "neighbours_day": 0.35,
                "garden": 0.15,
                "children": 0.25,
                "meeting": 0.2,
            },
        },
        door_share=0.45,
        text_share={"q_one_word": 0.35, "q_ideas": 0.18, "q_remarks": 0.25},
    ),
    "vlashof": Profile(
        rate=0.65,
        scale={
            "q_reach": 3.4,
            "q_rent_clear": 2.5,
            "q_consultant": 3.9,
            "g_repairs_speed": 2.9,
            "g_repairs_quality": 2.9,
            "g_repairs_informed": 2.7,
            "g_community_activities": 3.1,
            "g_community_room": 3.0,
            "g_community_worker": 3.7,
            "g_living_safe": 3.9,
            "g_living_neighbours": 2.3,
            "g_living_clean": 3.7,
            "g_living_quiet": 3.8,
        },
        no_opinion={"q_consultant": 0.1, "g_community_room": 0.55, "g_community_activities": 0.35},
        yes={
            "q_contact": 0.85,
            "q_repair_asked": 0.7,
            "q_took_part": 0.2,
            "q_buurtwerker_known": 0.28,
        },
        marks={"q_service_score": 6.7, "q_area_score": 7.3},
        single={
            "q_years_here": {"lt1": 100},
            "q_consultant_known": {"name": 30, "seen": 25, "no": 45},
            "q_repair_wait": {"week": 25, "month": 40, "longer": 20, "waiting": 15},
            "q_help": {"yes": 26, "maybe": 44, "no": 30},
        },
        multiple={
            "q_contact_how": {
                "phone": 0.45,
                "office": 0.2,
                "email": 0.45,
                "portal": 0.3,
                "visit": 0.3,
            },
            "q_news": {"letter": 0.4, "email": 0.45, "portal": 0.3, "sms": 0.35, "board": 0.15},
            "q_activities": {
                "party": 0.2,
                "coffee": 0.3,
                "neighbours_day": 0.7,
                "garden": 0.1,
                "children": 0.3,
                "meeting": 0.1,
            },
        },
        door_share=0.2,
        text_share={"q_one_word": 0.3, "q_ideas": 0.22, "q_remarks": 0.25},
    ),
}


OPEN_ANSWERS_BY_QUESTION = {"q_one_word": T.ONE_WORD, "q_ideas": T.IDEAS, "q_remarks": T.REMARKS}


# --- The survey -------------------------------------------------------------------------------


def create_survey(*, organisation: Organisation, by, at: dt.datetime) -> Survey:
    """The seed's survey from ``demo_texts``, in bulk (a handful of queries)."""
    survey = Survey.objects.create(
        title=T.TITLE,
        intro=T.INTRO,
        thanks=T.THANKS,
        languages=list(T.LANGUAGES),
        form_id="bewonersbevraging",
        organisation=organisation,
        created_by=by,
        created_at=at,
    )
    sections = Section.objects.bulk_create(
        [
            Section(
                survey=survey,
                position=i,
                name=spec["name"],
                title=spec["title"],
                show_if=spec.get("show_if", {}),
            )
            for i, spec in enumerate(T.SECTIONS, start=1)
        ]
    )
    position = 0
    tops: list[tuple[Question, dict[str, Any]]] = []
    for section, spec in zip(sections, T.SECTIONS, strict=True):
        for q in spec["questions"]:
            position += 1 + len(q.get("rows", ()))
            tops.append(
                (
                    Question(
                        survey=survey,
                        section=section,
                        position=position,
                        name=q["name"],
                        kind=q["kind"],
                        label=q["label"],
                        hint=q.get("hint", {}),
                        required=q.get("required", False),
                        show_if=q.get("show_if", {}),
                        max_choices=q.get("max_choices"),
                        allow_other=q.get("allow_other", False),
                        show_faces=q.get("show_faces", False),
                        min_value=q.get("min_value"),
                        max_value=q.get("max_value"),
                        theme=q.get("theme", ""),
                    ),
                    q,
                )
            )
    Question.objects.bulk_create([q for q, _ in tops])
    rows: list[Question] = []
    choices: list[Choice] = []
    for question, spec in tops:
        for i, row in enumerate(spec.get("rows", ()), start=1):
            name, label, *show_if = row
            rows.append(
                Question(
                    survey=survey,
                    section=question.section,
                    grid=question,
                    position=question.position - len(spec["rows"]) + i,
                    name=name,
                    kind=QuestionKind.SCALE5,
                    label=label,
                    show_if=show_if[0] if show_if else {},
                    theme=question.theme,
                )
            )
        for i, (value, label, score) in enumerate(spec.get("choices", ()), start=1):
            choices.append(
                Choice(question=question, position=i, value=value, label=label, score=score)
            )
    Question.objects.bulk_create(rows)
    Choice.objects.bulk_create(choices)
    return survey


# --- Answers ------------------------------------------------------------------------------------


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, int(math.floor(value + 0.5))))


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]


def raw_answers(
    rng: random.Random, survey: definition.SurveyDef, profile: Profile, language: str
) -> dict[str, list[str]]:
    """What one respondent fills in, as a form would post it. A respondent's mood moves all
    their scores together; ``answers.clean`` drops what their earlier answers hide."""
    mood = rng.gauss(0, 0.7)
    raw: dict[str, list[str]] = {}
    for q in survey.questions():
        name = q.name
        if q.kind == QuestionKind.SCALE5:
            if rng.random() < profile.no_opinion.get(name, 0.03):
                raw[name] = ["no_opinion"]
            elif rng.random() < 0.96:
                score = _clamp(profile.scale[name] + mood + rng.gauss(0, 0.85), 1, 5)
                raw[name] = [str(score)]
        elif q.kind == QuestionKind.RATING10:
            if q.required or rng.random() < 0.92:
                mark = _clamp(profile.marks[name] + 1.5 * mood + rng.gauss(0, 1.4), 0, 10)
                raw[name] = [str(mark)]
        elif q.kind == QuestionKind.NUMBER:
            if rng.random() < 0.9:
                raw[name] = [str(rng.choices(range(1, 8), weights=[30, 25, 16, 14, 9, 4, 2])[0])]
        elif q.kind == QuestionKind.SINGLE:
            if name in profile.yes:
                raw[name] = ["yes" if rng.random() < profile.yes[name] else "no"]
            elif name in profile.single and (q.required or rng.random() < 0.95):
                raw[name] = [_pick(rng, profile.single[name])]
        elif q.kind == QuestionKind.MULTIPLE:
            chances = profile.multiple[name]
            chosen = [value for value, p in chances.items() if rng.random() < p]
            if not chosen:
                chosen = [max(chances, key=lambda v: chances[v] + rng.random() * 0.3)]
            rng.shuffle(chosen)
            chosen = chosen[: q.max_choices or len(chosen)]
            if q.allow_other and rng.random() < 0.05 and len(chosen) < (q.max_choices or 9):
                chosen.append(definition.OTHER)
                raw[answers.other_key(name)] = [
                    {"nl-be": "Via de buurtwerker", "fr": "Par une voisine", "en": "Via a friend"}[
                        language
                    ]
                ]
            raw[name] = chosen
        elif q.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT) and (
            rng.random() < profile.text_share.get(name, 0.1)
        ):
            raw[name] = [rng.choice(OPEN_ANSWERS_BY_QUESTION[name][language])]
    return raw


@dataclass(frozen=True)
class Planned:
    """One household's answer: which code, through which channel, in which language."""

    code_id: int
    channel: str
    language: str
    raw: dict[str, list[str]]


def plan_answers(
    rng: random.Random,
    survey: definition.SurveyDef,
    codes: list[SurveyCode],
    *,
    portal: set[int],
    emails: set[int],
    rate: float | None = None,
    quiet_building: int | None = None,
    limit: int | None = None,
    skip: frozenset[int] | set[int] = frozenset(),
    estate_slugs: dict[int, str],
) -> list[Planned]:
    """Who answers (households in ``codes``' order, by their estate's rate), how and what."""
    planned: list[Planned] = []
    quiet = 0
    for code in sorted(codes, key=lambda c: c.household_id):
        if code.household_id in skip:
            continue
        profile = PROFILES[estate_slugs[code.estate_id]]
        if rng.random() >= (profile.rate if rate is None else rate):
            continue
        if code.building_id == quiet_building:
            quiet += 1
            if quiet > QUIET_BLOCK_ANSWERS:
                continue
        if code.household_id in portal:
            channel = _pick(rng, {Channel.PORTAL: 65, Channel.ONLINE: 20, Channel.PAPER: 15})
        elif code.household_id in emails:
            channel = _pick(rng, {Channel.ONLINE: 62, Channel.PAPER: 28, Channel.DOOR: 10})
        elif rng.random() < profile.door_share:
            channel = Channel.DOOR
        else:
            channel = Channel.PAPER
        language = code.language if code.language in T.LANGUAGES else "nl-be"
        planned.append(
            Planned(code.pk, channel, language, raw_answers(rng, survey, profile, language))
        )
        if limit is not None and len(planned) >= limit:
            break
    return planned


def submit_all(
    survey: definition.SurveyDef, codes: list[SurveyCode], planned: list[Planned]
) -> int:
    """Each planned answer cleaned like a form's and submitted with its code."""
    by_pk = {c.pk: c for c in codes}
    for p in planned:
        cleaned, errors = answers.clean(survey, p.raw)
        if errors:  # pragma: no cover - the plan follows the definition
            raise ValueError(f"demo answer refused: {errors}")
        actions.submit(
            code=by_pk[p.code_id], channel=p.channel, answers=cleaned, language=p.language
        )
    return len(planned)


# --- Waves ------------------------------------------------------------------------------------


def _season(day: dt.date) -> str:
    name = {12: "Winter", 1: "Winter", 2: "Winter", 3: "Voorjaar", 4: "Voorjaar", 5: "Voorjaar"}
    return f"{name.get(day.month, 'Zomer' if day.month < 9 else 'Najaar')} {day.year}"


def _open(survey: Survey, estates: list[Estate], *, opens: dt.date, weeks: int, by) -> Wave:
    wave = Wave.objects.create(
        survey=survey,
        name=_season(opens),
        opens_on=opens,
        closes_on=opens + dt.timedelta(weeks=weeks),
        created_by=by,
        created_at=_aware(opens - dt.timedelta(days=14)),
    )
    wave.estates.set(estates)
    actions.open_wave(wave=wave, by=by, today=opens)
    return wave


def _publish_results(*, wave: Wave, by, at: dt.datetime) -> None:
    """Publish a closed wave's results as the coordinator does (the residents are told), then
    date it ``at``, as if it had happened then."""
    from wijkpunt.outreach.models import Delivery, Message
    from wijkpunt.surveys.actions_results import KIND, publish_results

    publish_results(wave=wave, by=by)
    Wave.objects.filter(pk=wave.pk).update(results_published_at=at)
    Message.objects.filter(kind=KIND, ref=str(wave.pk)).update(created_at=at)
    Delivery.objects.filter(message__kind=KIND, message__ref=str(wave.pk)).update(created_at=at)


def _aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


# --- Follow-up --------------------------------------------------------------------------------


def _follow_up(demo, wave: Wave, published: dt.datetime, rng: random.Random) -> list[Action]:
    """The actions of ``demo_texts.ACTIONS``, through the follow-up module's own writes, then
    dated in the months after publication. Residents were told of each change then: no news
    waits to be sent."""
    questions = {q.name: q for q in Question.objects.filter(survey_id=wave.survey_id)}
    coordinator = demo.staff.get("coordinator")
    consultant = demo.staff.get("woonconsulent") or coordinator
    buurtwerker = demo.staff.get("buurtwerker") or coordinator
    made: list[Action] = []
    for spec in T.ACTIONS:
        by = buurtwerker if spec["owner"] == "community" else coordinator
        if spec["key"] == "consultant":
            by = consultant
        day = published + dt.timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 5))
        action = followup.create_action(
            by=by,
            organisation=demo.organisations[spec["owner"]],
            estates=[demo.estates[slug] for slug in spec["estates"]],
            title=spec["title"],
            description=spec["description"],
            said=spec["said"],
            wave=wave,
            question=questions.get(spec["question"]),
            theme=spec["theme"],
        )
        dated: list[tuple[int, dt.datetime]] = [(action.events.get().pk, day)]
        status = spec["status"]
        steps = {
            ActionStatus.DONE: [ActionStatus.IN_PROGRESS, ActionStatus.DONE],
            ActionStatus.IN_PROGRESS: [ActionStatus.IN_PROGRESS],
            ActionStatus.DROPPED: [ActionStatus.DROPPED],
            ActionStatus.PLANNED: [],
        }[status]
        notes = list(spec["notes"])
        for step in steps:
            day += dt.timedelta(days=rng.randint(12, 30), hours=rng.randint(0, 4))
            event = followup.change_status(
                action=action, by=by, status=step, reason=spec.get("reason")
            )
            dated.append((event.pk, day))
            if step == ActionStatus.IN_PROGRESS and notes:
                day += dt.timedelta(days=rng.randint(10, 25), hours=rng.randint(0, 4))
                note = followup.add_note(action=action, by=by, text=notes.pop(0), public=True)
                dated.append((note.pk, day))
        if rng.random() < 0.7:  # an internal note of the team
            day += dt.timedelta(days=rng.randint(2, 9))
            note = followup.add_note(
                action=action,
                by=by,
                text={"nl-be": "Besproken op het partneroverleg; volgende stap afgesproken."},
                public=False,
            )
            dated.append((note.pk, day))
        last = min(day, demo.now - dt.timedelta(days=1))
        for pk, at in dated:
            ActionEvent.objects.filter(pk=pk).update(at=min(at, last))
        public = ActionEvent.objects.filter(action=action, public=True)
        Action.objects.filter(pk=action.pk).update(
            created_at=dated[0][1],
            updated_at=last,
            notice_pending_since=None,
            last_notice_at=max(public.values_list("at", flat=True)),
            notices_sent=public.count(),
            told_up_to=max(public.values_list("pk", flat=True)),
        )
        made.append(action)
    return made


# --- Entry points -----------------------------------------------------------------------------


def _context(codes: list[SurveyCode]) -> tuple[set[int], set[int]]:
    """Households with a portal account, and households with an e-mail address."""
    households = {c.household_id for c in codes}
    portal = set(
        Resident.objects.filter(
            household_id__in=households, user__isnull=False, moved_out_on__isnull=True
        ).values_list("household_id", flat=True)
    )
    emails = set(
        SurveyCode.objects.filter(pk__in=[c.pk for c in codes])
        .exclude(household__email="")
        .values_list("household_id", flat=True)
    )
    return portal, emails


def generate(demo) -> dict[str, int]:
    """Add the demo's survey, its two waves and its follow-up actions (module docstring)."""
    estates = [demo.estates.get("wallaysplein"), demo.estates.get("vlashof")]
    organisation = demo.organisations.get("community")
    if organisation is None or None in estates:
        return {}
    rng = random.Random(demo.seed * 7727 + 11)
    today = demo.today
    coordinator = demo.staff.get("coordinator")
    buurtwerker = demo.staff.get("buurtwerker") or coordinator
    closed_opens = today - dt.timedelta(days=CLOSED_DAYS_AGO)
    survey = create_survey(
        organisation=organisation, by=buurtwerker, at=_aware(closed_opens - dt.timedelta(days=40))
    )
    survey_def = definition.load(survey)
    slugs = {e.pk: e.slug for e in estates}

    # The closed wave.
    closed = _open(survey, estates, opens=closed_opens, weeks=CLOSED_WEEKS, by=coordinator)
    codes = list(SurveyCode.objects.filter(wave=closed).order_by("pk"))
    portal, emails = _context(codes)
    quiet = Building.objects.filter(
        estate__slug=QUIET_BLOCK[0], name=QUIET_BLOCK[1], estate__in=estates
    ).first()
    planned = plan_answers(
        rng,
        survey_def,
        codes,
        portal=portal,
        emails=emails,
        quiet_building=quiet.pk if quiet else None,
        estate_slugs=slugs,
    )
    answered = submit_all(survey_def, codes, planned)
    actions.close_wave(wave=closed, by=coordinator)
    published = _aware(closed.closes_on + dt.timedelta(days=PUBLISHED_AFTER_DAYS), 14)
    _publish_results(wave=closed, by=coordinator, at=published)
    made = _follow_up(demo, closed, published, rng)

    # The open wave: Wallaysplein, a few answers so far; the demo tenants have not answered.
    wallaysplein = estates[0]
    opened = _open(
        survey,
        [wallaysplein],
        opens=today - dt.timedelta(days=OPEN_DAYS_AGO),
        weeks=OPEN_WEEKS,
        by=buurtwerker,
    )
    open_codes = list(SurveyCode.objects.filter(wave=opened).order_by("pk"))
    portal, emails = _context(open_codes)
    tenants = set(
        Resident.objects.filter(user__in=list(demo.tenants.values())).values_list(
            "household_id", flat=True
        )
    )
    early = plan_answers(
        rng,
        survey_def,
        open_codes,
        portal=portal,
        emails=emails,
        rate=0.12,
        limit=OPEN_ANSWERS,
        skip=tenants,
        estate_slugs=slugs,
    )
    submit_all(survey_def, open_codes, early)
    # What the commit would start (the ballot box is emptied once a group is complete).
    actions.mix_ballots(wave=opened)

    channels = Counter(p.channel for p in planned)
    return {
        "surveys": 1,
        "survey waves": 2,
        "survey codes": len(codes) + len(open_codes),
        "survey answers (closed wave)": answered,
        "survey answers (open wave)": len(early),
        **{f"survey answers by {channel}": n for channel, n in sorted(channels.items())},
        "follow-up actions": len(made),
    }


def delete() -> dict[str, int]:
    """Remove the demo's surveys, their waves and answers, and the follow-up actions of the
    demo's organisations and estates (``delete_demo_data`` calls this first)."""
    from wijkpunt.demo import data

    organisations = Organisation.objects.filter(name__in=[o.name for o in data.ORGANISATIONS])
    estates = Estate.objects.filter(slug__in=[e.slug for e in data.ESTATES])
    action_ids = set(
        Action.objects.filter(
            Q(organisation__in=organisations) | Q(estates__in=estates)
        ).values_list("pk", flat=True)
    )
    Action.objects.filter(pk__in=action_ids).delete()
    surveys = Survey.objects.filter(organisation__in=organisations)
    wave_ids = set(
        Wave.objects.filter(
            Q(survey__in=surveys) | Q(estates__in=estates) | Q(buildings__estate__in=estates)
        ).values_list("pk", flat=True)
    )
    Wave.objects.filter(pk__in=wave_ids).delete()
    survey_ids = set(surveys.values_list("pk", flat=True))
    Survey.objects.filter(pk__in=survey_ids).delete()
    return {
        "surveys": len(survey_ids),
        "survey waves": len(wave_ids),
        "follow-up actions": len(action_ids),
    }

"""The demo's year of signals (``wijkpunt demo`` calls ``generate`` after the registry).

About 2,300 signals across the estates with tenants, every category and every status, with
histories that follow the workflow's transition table: reported → triaged → assigned → in
progress → (waiting) → resolved → closed, messages to residents, internal notes, hand-overs to
the OCMW or the CAW, merged duplicates, feedback (and "not solved" reopens), deadlines from the
policies, reminders and escalations where deadlines passed. Everything is written with bulk
inserts. The demo tenants get a few signals of their own, one resolved and waiting for their
answer to the satisfaction question."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from wijkpunt.accounts.models import User
from wijkpunt.housing.models import CommonSpace, Dwelling, Household, Tenancy
from wijkpunt.partners.models import StaffRole, Team
from wijkpunt.signalling import deadlines, routing, workflow
from wijkpunt.signalling import demo_texts as T
from wijkpunt.signalling.models import (
    OPEN_STATUSES,
    Category,
    Channel,
    DeadlinePolicy,
    EventKind,
    Feedback,
    RoutingRule,
    Signal,
    SignalEvent,
    Where,
)
from wijkpunt.signalling.models import SignalStatus as S
from wijkpunt.triage import service as triage

SIGNALS_PER_YEAR = 2300
DUPLICATE_SHARE = 0.04
# Most people report in the day and evening; few at night.
HOUR_WEIGHTS = [1] * 7 + [4, 8, 9, 9, 8, 6, 8, 9, 8, 7, 6, 6, 5, 4, 3, 2, 1]

CATEGORY_WEIGHTS = {
    "herstelling": 34,
    "gemeenschappelijke-delen": 14,
    "overlast": 12,
    "huur-en-betaling": 8,
    "welzijn-en-zorg": 7,
    "financiele-zorgen": 6,
    "woonsituatie": 5,
    "veiligheid": 5,
    "samenleven": 5,
    "administratie": 4,
}
# The share of textbook urgent situations (demo_texts.URGENT) per category: a demo signal is
# urgent exactly when its text is one of those, and staff triage it so.
URGENT_SHARE = {
    "veiligheid": 0.3,
    "welzijn-en-zorg": 0.15,
    "herstelling": 0.05,
    "financiele-zorgen": 0.05,
    "overlast": 0.03,
}
# Urgent signals are handled at once: after a few hours none waits, after three days they are
# closed (a demo that shows an old urgent signal untouched would teach the wrong thing).
URGENT_STATUS_BY_AGE: list[tuple[float, dict[str, float]]] = [
    (0.05, {S.NEW: 1}),
    (0.5, {S.ASSIGNED: 40, S.IN_PROGRESS: 60}),
    (3, {S.IN_PROGRESS: 45, S.RESOLVED: 35, S.CLOSED: 20}),
    (10_000, {S.CLOSED: 95, S.CANCELLED: 5}),
]
# Where a signal of a category may be handed over to, when the first owner is not the right
# one (OrganisationSpec keys). Repairs, safety and common parts stay with the housing company;
# waiting for an outside party (a contractor, the grid operator) is not a hand-over.
HANDOVER_PARTNERS = {
    "overlast": ("caw",),
    "huur-en-betaling": ("ocmw",),
    "woonsituatie": ("ocmw",),
    "welzijn-en-zorg": ("caw",),
    "financiele-zorgen": ("caw",),
}
HANDOVER_SHARE = 0.12

# Final status by age of the signal (days): (upper bound, weights).
STATUS_BY_AGE: list[tuple[float, dict[str, float]]] = [
    (2, {S.NEW: 30, S.TRIAGED: 15, S.ASSIGNED: 25, S.IN_PROGRESS: 22, S.CANCELLED: 2}),
    (
        14,
        {
            S.ASSIGNED: 12,
            S.IN_PROGRESS: 30,
            S.WAITING_RESIDENT: 10,
            S.WAITING_PARTNER: 8,
            S.RESOLVED: 18,
            S.CLOSED: 14,
            S.REOPENED: 3,
            S.CANCELLED: 3,
        },
    ),
    (
        60,
        {
            S.IN_PROGRESS: 10,
            S.WAITING_RESIDENT: 4,
            S.WAITING_PARTNER: 4,
            S.RESOLVED: 5,
            S.CLOSED: 66,
            S.REOPENED: 4,
            S.CANCELLED: 5,
        },
    ),
    (
        10_000,
        # Older than two months: nearly everything is closed; a handful linger (the overdue
        # signals a coordinator must chase), not a wall of them.
        {
            S.IN_PROGRESS: 0.4,
            S.WAITING_PARTNER: 0.3,
            S.CLOSED: 93,
            S.CANCELLED: 6.3,
        },
    ),
]

# Demo routing rules with teams (checked before the default rules by kind, 100+).
DEMO_RULES = [
    (10, "Herstellingen → technische dienst", "herstelling", "housing", "Technische dienst"),
    (11, "Veiligheid → technische dienst", "veiligheid", "housing", "Technische dienst"),
    (12, "Huur en betaling → verhuurdienst", "huur-en-betaling", "housing", "Verhuurdienst"),
    (13, "Administratie → verhuurdienst", "administratie", "housing", "Verhuurdienst"),
    (14, "Woonsituatie → woonconsulenten", "woonsituatie", "housing", "Woonconsulenten"),
    (15, "Overlast → woonconsulenten", "overlast", "housing", "Woonconsulenten"),
    (16, "Welzijn → OCMW sociale dienst", "welzijn-en-zorg", "ocmw", "Sociale dienst"),
    (17, "Financiële zorgen → budgetbegeleiding", "financiele-zorgen", "ocmw", "Budgetbegeleiding"),
    # Where no community work is active yet, the tenant consultants pick up ideas.
    (
        150,
        "Samenleven zonder buurtwerk → woonconsulenten",
        "samenleven",
        "housing",
        "Woonconsulenten",
    ),
]

WHERE_BY_CATEGORY = {
    "herstelling": [(Where.DWELLING, 80), (Where.BUILDING, 15), (Where.COMMON_SPACE, 5)],
    "gemeenschappelijke-delen": [(Where.COMMON_SPACE, 60), (Where.BUILDING, 40)],
    "overlast": [(Where.BUILDING, 70), (Where.DWELLING, 20), (Where.ESTATE, 10)],
    "veiligheid": [(Where.BUILDING, 50), (Where.COMMON_SPACE, 35), (Where.DWELLING, 15)],
    "samenleven": [(Where.ESTATE, 70), (Where.COMMON_SPACE, 30)],
}


def _pick(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]


def _lang(code: str) -> str:
    code = (code or "nl").split("-")[0]
    return code if code in ("fr", "en") else "nl"


def _genders() -> dict[str, str]:
    """First name → "f" or "m", from the demo's name lists (other names: unknown)."""
    from wijkpunt.demo.data import ORIGINS

    known: dict[str, str] = {}
    for origin in ORIGINS:
        for name in (*origin.female, *origin.elder_female):
            known[name] = "f"
        for name in (*origin.male, *origin.elder_male):
            known[name] = "m"
    return known


def _office_moment(rng: random.Random, moment: dt.datetime, now: dt.datetime) -> dt.datetime:
    """``moment`` when it falls in office hours on a working day; otherwise a moment in the
    office hours of the working day before it (people register calls at work)."""
    start, end = deadlines.office_hours()
    local = timezone.localtime(moment)
    if deadlines.is_working_day(local.date()) and start <= local.time() < end:
        return moment
    day = local.date()
    if not (deadlines.is_working_day(day) and local.time() >= end):
        day -= dt.timedelta(days=1)
    while True:
        while not deadlines.is_working_day(day):
            day -= dt.timedelta(days=1)
        opens = dt.datetime.combine(day, start)
        minutes = int((dt.datetime.combine(day, end) - opens).total_seconds() // 60) - 30
        candidate = timezone.make_aware(opens + dt.timedelta(minutes=rng.randint(0, minutes)))
        if candidate < now - dt.timedelta(minutes=10):
            return candidate
        day -= dt.timedelta(days=1)


@dataclass
class _Home:
    household: Household
    dwelling: Dwelling
    user: User | None
    name: str
    phone: str
    email: str
    language: str
    gender: str = ""  # "f", "m" or "" (unknown), from the first name


@dataclass
class _Step:
    kind: str
    offset: float  # hours after the previous step (before scaling)
    to_status: str = ""
    public: bool = False
    text: str = ""
    actor: User | None = None
    data: dict = field(default_factory=dict)
    # Done by a worker: in office hours unless the signal is urgent. Residents write any time.
    by_staff: bool = True


@dataclass
class _Draft:
    signal: Signal
    steps: list[_Step]
    feedback: list[tuple[bool, str, dt.datetime]] = field(default_factory=list)
    into: _Draft | None = None
    events: list[SignalEvent] = field(default_factory=list)


class _World:
    """What the demo needs to know, loaded once."""

    def __init__(self, demo) -> None:
        self.demo = demo
        self.categories = {c.slug: c for c in Category.objects.all()}
        self.policies = {(p.category_id, p.urgent): p for p in DeadlinePolicy.objects.all()}
        self.rules = list(
            RoutingRule.objects.filter(active=True).select_related("organisation", "team", "person")
        )
        self._routes: dict = {}
        estates = list(demo.estates.values())
        genders = _genders()
        self.homes: dict[int, list[_Home]] = defaultdict(list)
        tenancies = (
            Tenancy.objects.current()
            .filter(dwelling__building__estate__in=estates)
            .select_related("household", "dwelling__building__estate")
            .prefetch_related("household__residents")
        )
        for tenancy in tenancies:
            household = tenancy.household
            residents = [r for r in household.residents.all() if r.moved_out_on is None]
            head = next((r for r in residents if r.relation == "head"), None) or (
                residents[0] if residents else None
            )
            user = next((r.user for r in residents if r.user_id), None)
            name = f"{head.first_name} {head.last_name}" if head else household.name
            self.homes[tenancy.dwelling.building.estate_id].append(
                _Home(
                    household=household,
                    dwelling=tenancy.dwelling,
                    user=user,
                    name=name,
                    phone=(head.phone if head and head.phone else household.phone),
                    email=(head.email if head and head.email else household.email),
                    language=household.language,
                    gender=genders.get(head.first_name, "") if head else "",
                )
            )
        self.estates = [e for e in estates if self.homes.get(e.pk)]
        self.common_spaces: dict[int, list[CommonSpace]] = defaultdict(list)
        for space in CommonSpace.objects.filter(estate__in=self.estates):
            self.common_spaces[space.estate_id].append(space)
        self.staff_by_org: dict[int | None, list[User]] = defaultdict(list)
        self.staff_by_team: dict[int | None, list[User]] = defaultdict(list)
        demo_staff = {u.pk for u in demo.staff.values()}
        for role in StaffRole.objects.filter(active=True, user_id__in=demo_staff).select_related(
            "user"
        ):
            self.staff_by_org[role.organisation_id].append(role.user)
            if role.team_id:
                self.staff_by_team[role.team_id].append(role.user)
        self.organisations = demo.organisations  # by OrganisationSpec key

    def route(self, signal: Signal):
        key = (signal.category_id, signal.estate_id, signal.building_id, signal.urgent)
        if key not in self._routes:
            self._routes[key] = routing.route(signal, self.rules)
        return self._routes[key]

    def policy(self, signal: Signal):
        return self.policies.get((signal.category_id, signal.urgent)) or self.policies.get(
            (None, signal.urgent)
        )

    def worker(self, rng, signal: Signal) -> User | None:
        """Someone of the organisation that owns the signal (of its team when it has one);
        nobody when that organisation has no demo account: never a stranger to the case."""
        if signal.owner_user_id:
            return signal.owner_user
        people = self.staff_by_team.get(signal.owner_team_id) or self.staff_by_org.get(
            signal.owner_organisation_id
        )
        return rng.choice(people) if people else None


def _set_deadlines(world: _World, signal: Signal, start: dt.datetime) -> None:
    """The same computation as ``deadlines.apply_deadlines``, with the policies cached."""
    policy = world.policy(signal)
    if policy is None:
        signal.first_response_due = signal.resolution_due = None
    elif signal.urgent:
        signal.first_response_due = start + dt.timedelta(hours=policy.first_response_hours)
        signal.resolution_due = start + dt.timedelta(days=policy.resolution_days)
    else:
        signal.first_response_due = deadlines.add_working_time(
            start, dt.timedelta(hours=policy.first_response_hours)
        )
        signal.resolution_due = deadlines.add_working_days(start, policy.resolution_days)


def _text(
    rng: random.Random,
    slug: str,
    lang: str,
    channel: str,
    for_neighbour: bool,
    *,
    urgent: bool = False,
    gender: str = "",
    named: bool = True,
) -> str:
    """What the resident wrote, in their language; for a call, a visit or the counter, the
    worker's note in Dutch ("Mevr. belde: …" only for a woman whose name is known)."""
    source = T.URGENT if urgent else T.RESIDENT
    summarised = channel in T.STAFF_PREFIX and channel != Channel.EMAIL
    written = "nl" if summarised else lang
    bank = source[slug].get(written) or source[slug]["nl"]
    # texts only a woman (or a man) can write about themselves need a reporter who is one
    bank = [t for t in bank if T.REPORTER_GENDER.get(t, gender) == gender] or [
        t for t in bank if t not in T.REPORTER_GENDER
    ]
    body = rng.choice(bank).format(
        room=rng.choice(T.ROOMS),
        place=rng.choice("ABCD"),
        days=rng.randint(2, 6),
        floor=rng.choice(T.FLOORS),
        neighbour=rng.choice(T.NEIGHBOURS),
        month=rng.choice(T.MONTHS),
    )
    if channel in T.STAFF_PREFIX:
        prefixes = list(T.STAFF_PREFIX[channel])
        if channel == Channel.PHONE and named and gender:
            prefixes += T.STAFF_PREFIX_GENDER[gender]
        if channel == Channel.EMAIL:  # the worker pastes the resident's own e-mail
            body = rng.choice(T.OPENERS[lang]) + body + rng.choice(T.CLOSERS[lang])
        return rng.choice(prefixes) + body
    text = rng.choice(T.OPENERS[lang]) + body + rng.choice(T.CLOSERS[lang])
    if for_neighbour and lang == "nl":
        text = rng.choice(T.NEIGHBOUR_PREFIX) + text
    return text


def _created_at(rng: random.Random, now: dt.datetime, days_ago: float) -> dt.datetime:
    moment = now - dt.timedelta(days=days_ago)
    local = timezone.localtime(moment)
    # Most people report in the day and evening; fewer at night and in the weekend.
    hour = rng.choices(
        range(24), weights=[1] * 7 + [4, 8, 9, 9, 8, 6, 8, 9, 8, 7, 6, 6, 5, 4, 3, 2, 1]
    )[0]
    local = local.replace(hour=hour, minute=rng.randint(0, 59), second=rng.randint(0, 59))
    if local.weekday() >= 5 and rng.random() < 0.5:
        local -= dt.timedelta(days=local.weekday() - 4)
    return min(local, now - dt.timedelta(minutes=rng.randint(10, 120)))


class _Builder:
    def __init__(self, world: _World, rng: random.Random, now: dt.datetime) -> None:
        self.world = world
        self.rng = rng
        self.now = now

    # --- One signal ---------------------------------------------------------------------------

    def draft(
        self,
        *,
        age_days: float,
        slug: str | None = None,
        status: str | None = None,
        home: _Home | None = None,
        channel: str | None = None,
        estate=None,
        building=None,
        created_at: dt.datetime | None = None,
        urgent: bool | None = None,
    ) -> _Draft:
        rng, world = self.rng, self.world
        slug = slug or _pick(rng, CATEGORY_WEIGHTS)
        category = world.categories[slug]
        if home is None:
            estate = estate or rng.choice(world.estates)
            home = rng.choice(world.homes[estate.pk])
        estate = home.dwelling.building.estate
        lang = _lang(home.language)
        if channel is None:
            if home.user is not None and rng.random() < 0.7:
                channel = Channel.PORTAL
            else:
                channel = _pick(
                    rng,
                    {
                        Channel.PHONE: 34,
                        Channel.COUNTER: 14,
                        Channel.HOME_VISIT: 10,
                        Channel.EMAIL: 10,
                        Channel.QR: 12,
                        Channel.STAFF: 14,
                        Channel.API: 3,
                        Channel.OPEN311: 3,
                    },
                )
        anonymous = channel in {Channel.QR, Channel.PHONE} and rng.random() < 0.12
        for_neighbour = (
            not anonymous
            and channel != Channel.STAFF
            and rng.random() < (0.35 if slug == "welzijn-en-zorg" else 0.03)
        )
        where = _pick(rng, dict(WHERE_BY_CATEGORY.get(slug, [(Where.DWELLING, 1)])))
        spaces = world.common_spaces.get(estate.pk, [])
        if channel == Channel.QR:
            where = Where.COMMON_SPACE if spaces else Where.BUILDING
        if where == Where.COMMON_SPACE and not spaces:
            where = Where.BUILDING
        common_space = rng.choice(spaces) if where == Where.COMMON_SPACE else None
        dwelling = home.dwelling if where == Where.DWELLING else None
        building = building or (
            common_space.building
            if common_space is not None
            else (home.dwelling.building if where != Where.ESTATE else None)
        )
        if urgent is None:
            urgent = rng.random() < URGENT_SHARE.get(slug, 0)
        urgent = urgent and slug in T.URGENT
        # Residents tick "urgent" for most urgent situations, and now and then for others;
        # staff decide on the situation, not on the tick.
        reported_urgent = rng.random() < (0.7 if urgent else 0.02)
        staff_channel = channel in {
            Channel.PHONE,
            Channel.COUNTER,
            Channel.HOME_VISIT,
            Channel.EMAIL,
            Channel.STAFF,
        }
        created = created_at or _created_at(rng, self.now, age_days)
        if staff_channel and not urgent:  # a worker registers it, at work
            if created_at is None:
                created = _office_moment(rng, created, self.now)
            else:  # a second report comes after the first: the next working moment
                created = deadlines.add_working_time(
                    created, dt.timedelta(minutes=rng.randint(5, 90))
                )
        is_portal = channel == Channel.PORTAL and home.user is not None
        identified = not anonymous and channel != Channel.QR or rng.random() < 0.4
        signal = Signal(
            text=_text(
                rng,
                slug,
                lang,
                channel,
                for_neighbour,
                urgent=urgent,
                gender=home.gender,
                named=identified and not anonymous,
            ),
            # the language the resident reads: what Wijkpunt writes back in
            language={"fr": "fr", "en": "en"}.get(lang, "nl-be"),
            category=category,
            urgent=urgent,
            reported_urgent=reported_urgent,
            channel=channel,
            where=where,
            estate=estate,
            building=building,
            dwelling=dwelling,
            common_space=common_space,
            reporter=home.user if is_portal else None,
            household=None if anonymous or for_neighbour or not identified else home.household,
            reporter_name="" if anonymous or is_portal or not identified else home.name,
            reporter_phone="" if anonymous or is_portal or not identified else home.phone,
            reporter_email="" if anonymous or is_portal or not identified else home.email,
            anonymous=anonymous,
            for_neighbour=for_neighbour,
            registered_by=None,
            created_at=created,
        )
        # The suggestion the triage engine would have made.
        confident = rng.random() < 0.85
        signal.suggested_category = (
            category if confident else world.categories[_pick(rng, CATEGORY_WEIGHTS)]
        )
        # A textbook urgent situation is always suggested urgent; otherwise the model errs now
        # and then (and a person corrects it at triage).
        signal.suggested_urgent = urgent or rng.random() < 0.02
        signal.suggestion_confidence = round(
            rng.uniform(0.72, 0.99) if confident else rng.uniform(0.3, 0.7), 3
        )
        signal.needs_triage = signal.suggestion_confidence < 0.6
        signal.suggested_owner = ""
        found = world.route(signal)
        if found is not None:
            signal.owner_organisation = found.organisation
            signal.owner_team = found.team
            signal.owner_user = found.person
            signal.suggested_owner = found.team.name if found.team else str(found.organisation)
        if staff_channel:
            signal.registered_by = world.worker(rng, signal)
        _set_deadlines(world, signal, created)
        if status is None:
            table = URGENT_STATUS_BY_AGE if urgent else STATUS_BY_AGE
            if urgent:  # by the moment it was reported (a weekend report moves to Friday)
                age_days = (self.now - created).total_seconds() / 86400
            status = next(_pick(rng, w) for bound, w in table if age_days < bound)
        draft = _Draft(signal=signal, steps=[])
        self._history(draft, status, lang)
        return draft

    def duplicate_of(self, original: _Draft) -> _Draft | None:
        """A second report of the same problem, merged into the first."""
        rng, first = self.rng, original.signal
        if first.estate_id is None or first.category is None:  # every demo signal has both
            return None
        homes = [
            h
            for h in self.world.homes[first.estate_id]
            if h.dwelling.building_id == first.building_id
        ]
        if not homes or first.building_id is None:
            return None
        created = first.created_at + dt.timedelta(hours=rng.uniform(2, 72))
        if created >= self.now - dt.timedelta(hours=2):
            return None
        age = (self.now - created).total_seconds() / 86400
        draft = self.draft(
            age_days=age,
            slug=first.category.slug,
            status=S.MERGED,
            home=rng.choice(homes),
            building=first.building,
            created_at=created,
            urgent=first.urgent,  # the same problem
        )
        if draft.signal.created_at >= self.now - dt.timedelta(hours=2):
            return None
        draft.into = original
        return draft

    # --- Its history --------------------------------------------------------------------------

    def _history(self, draft: _Draft, final: str, lang: str) -> None:
        rng, world, s = self.rng, self.world, draft.signal
        assert s.category is not None  # every demo signal has its category
        steps = draft.steps
        worker = world.worker(rng, s)
        reporter = s.reporter
        steps.append(
            _Step(
                EventKind.CREATED,
                0,
                public=True,
                by_staff=s.registered_by is not None,
                actor=s.registered_by or reporter,
                data={
                    "channel": s.channel,
                    "suggestion": {
                        "category": s.suggested_category.slug if s.suggested_category else None,
                        "urgent": s.suggested_urgent,
                        "confidence": s.suggestion_confidence,
                        "owner": s.suggested_owner,
                        "explanation": [],  # filled for all signals at once, see generate()
                    },
                },
            )
        )
        if final == S.MERGED:
            steps.append(_Step(EventKind.MERGED, rng.uniform(0.5, 20), S.MERGED, public=True))
            return
        if final == S.NEW:
            if s.needs_triage:
                s.category = None
                s.owner_organisation = s.owner_team = s.owner_user = None
            return
        fast = 0.5 if s.urgent else 1.0
        triage_actor = worker
        if s.needs_triage or rng.random() < 0.5 or final == S.TRIAGED:
            steps.append(
                _Step(
                    EventKind.TRIAGED,
                    rng.uniform(0.2, 6) * fast,
                    S.TRIAGED,
                    actor=triage_actor,
                    data={
                        "category": s.category.slug,
                        "urgent": s.urgent,
                        "corrected": s.suggested_category_id != s.category_id,
                    },
                )
            )
        if final == S.TRIAGED:
            return
        if final == S.CANCELLED:
            steps.append(
                _Step(
                    EventKind.STATUS,
                    rng.uniform(2, 60),
                    S.CANCELLED,
                    public=True,
                    text=rng.choice(T.CANCEL_REASONS),
                    actor=worker,
                )
            )
            return
        self._assign(draft, worker, fast)
        if final == S.ASSIGNED:
            return
        if rng.random() < 0.5:
            self._message(draft, worker, lang, rng.uniform(1, 8))
        steps.append(
            _Step(EventKind.STATUS, rng.uniform(1, 24) * fast, S.IN_PROGRESS, True, actor=worker)
        )
        for _ in range(rng.choice([0, 1, 1, 2])):
            steps.append(
                _Step(
                    EventKind.NOTE,
                    rng.uniform(2, 30),
                    text=rng.choice(T.NOTES[s.category.slug]),
                    actor=worker,
                    data={"organisation": s.owner_organisation_id},
                )
            )
        partners = [
            key
            for key in HANDOVER_PARTNERS.get(s.category.slug, ())
            if world.organisations.get(key) is not None
            and world.organisations[key] != s.owner_organisation
        ]
        if partners and s.owner_organisation_id and rng.random() < HANDOVER_SHARE:
            self._handover(draft, worker, rng.choice(partners))
            worker = world.worker(rng, s)
        if final == S.IN_PROGRESS:
            return
        if final == S.WAITING_PARTNER:
            steps.append(
                _Step(EventKind.STATUS, rng.uniform(1, 8), S.WAITING_PARTNER, True, actor=worker)
            )
            return
        if final == S.WAITING_RESIDENT or rng.random() < 0.1:
            steps.append(
                _Step(EventKind.STATUS, rng.uniform(1, 24), S.WAITING_RESIDENT, True, actor=worker)
            )
            self._message(draft, worker, lang, 0.05)
            if final == S.WAITING_RESIDENT:
                return
            steps.append(
                _Step(
                    EventKind.REPLY,
                    rng.uniform(4, 72),
                    public=True,
                    text=rng.choice(T.REPLIES[lang]),
                    actor=reporter,
                    by_staff=False,
                )
            )
            steps.append(
                _Step(EventKind.STATUS, 0.01, S.IN_PROGRESS, False, actor=reporter, by_staff=False)
            )
        self._resolve(draft, worker)
        if final == S.RESOLVED:
            return
        reopen = final == S.REOPENED or rng.random() < 0.05
        if reopen:
            self._feedback(draft, lang, solved=False)
            if final == S.REOPENED:
                return
            steps.append(
                _Step(EventKind.STATUS, rng.uniform(2, 24), S.IN_PROGRESS, True, actor=worker)
            )
            self._resolve(draft, worker)
        answers = reporter is not None or (s.contact_email() and rng.random() < 0.6)
        if answers and rng.random() < 0.75:
            self._feedback(draft, lang, solved=True)
            return
        steps.append(
            _Step(
                EventKind.STATUS,
                rng.uniform(80, 200),
                S.CLOSED,
                True,
                text="",
                actor=worker,
            )
        )

    def _assign(self, draft: _Draft, worker, fast: float) -> None:
        s = draft.signal
        if s.owner_organisation_id is None:
            return
        draft.steps.append(
            _Step(
                EventKind.ASSIGNED,
                self.rng.uniform(0.5, 10) * fast,
                actor=worker,
                data={
                    "organisation": s.owner_organisation_id,
                    "organisation_name": str(s.owner_organisation),
                    "previous_organisation": "",
                    "team": s.owner_team_id,
                    "person": s.owner_user_id,
                },
            )
        )
        draft.steps.append(_Step(EventKind.STATUS, 0.001, S.ASSIGNED, True, actor=worker))

    def _message(self, draft: _Draft, worker, lang: str, after: float) -> None:
        text = self.rng.choice(T.MESSAGES[lang]).format(day=self.rng.choice(T.DAYS[lang]))
        draft.steps.append(_Step(EventKind.MESSAGE, after, public=True, text=text, actor=worker))

    def _handover(self, draft: _Draft, worker, key: str) -> None:
        s = draft.signal
        target = self.world.organisations[key]
        previous = s.owner_organisation
        s.owner_organisation, s.owner_team, s.owner_user = target, None, None
        draft.steps.append(
            _Step(
                EventKind.HANDOVER,
                self.rng.uniform(2, 30),
                text=self.rng.choice(T.HANDOVER_NOTES[key]),
                actor=worker,
                data={
                    "organisation": target.pk,
                    "organisation_name": str(target),
                    "previous_organisation": str(previous) if previous else "",
                    "team": None,
                    "person": None,
                },
            )
        )

    def _resolve(self, draft: _Draft, worker) -> None:
        hours = self.rng.uniform(4, 200) * (0.3 if draft.signal.urgent else 1)
        draft.steps.append(_Step(EventKind.STATUS, hours, S.RESOLVED, True, actor=worker))

    def _feedback(self, draft: _Draft, lang: str, *, solved: bool) -> None:
        bank = T.FEEDBACK_GOOD if solved else T.FEEDBACK_BAD
        comment = self.rng.choice(bank[lang])
        by = draft.signal.reporter
        draft.steps.append(
            _Step(
                EventKind.FEEDBACK,
                self.rng.uniform(2, 96),
                public=True,
                text=comment,
                actor=by,
                data={"solved": solved},
                by_staff=False,
            )
        )
        draft.steps.append(
            _Step(
                EventKind.STATUS,
                0.001,
                S.CLOSED if solved else S.REOPENED,
                True,
                actor=by,
                by_staff=False,
            )
        )

    # --- Timing and derived fields --------------------------------------------------------------

    def _times(self, draft: _Draft, scale: float) -> list[dt.datetime]:
        """When each step happens: workers act in office hours (working time), except on an
        urgent signal; residents at any time."""
        s = draft.signal
        at, times = s.created_at, []
        for step in draft.steps:
            delta = dt.timedelta(hours=step.offset * scale)
            if step.by_staff and not s.urgent and step.kind != EventKind.CREATED:
                at = deadlines.add_working_time(at, delta)
            else:
                at = at + delta
            times.append(at)
        return times

    def finish(self, draft: _Draft) -> None:
        """Place the steps in time (before now), and set status, timestamps and deadlines."""
        s, rng = draft.signal, self.rng
        total = sum(step.offset for step in draft.steps)
        room = (self.now - s.created_at).total_seconds() / 3600 * 0.95
        scale = min(1.0, room / total) if total > 0 else 1.0
        latest = self.now - dt.timedelta(minutes=5)
        for _attempt in range(10):
            times = self._times(draft, scale)
            if times[-1] <= latest:
                break
            scale *= 0.5
        else:
            # Not enough office hours since it was reported (a Friday evening, say): the
            # workers have not got further than what fits before now.
            kept = sum(1 for at in times if at <= latest)
            draft.steps, times = draft.steps[:kept], times[:kept]
        status: str = S.NEW
        for step, at in zip(draft.steps, times, strict=True):
            before = status
            if step.to_status:
                workflow.check_transition(status, step.to_status)
                status = step.to_status
                self._status_effects(s, status, before, at)
            elif step.kind == EventKind.MESSAGE and s.first_response_at is None:
                s.first_response_at = at
            if step.kind == EventKind.FEEDBACK:
                draft.feedback.append((step.data["solved"], step.text, at))
            public = step.public
            if step.kind == EventKind.STATUS:
                public = status in workflow.PUBLIC_STATUSES and step.public
            draft.events.append(
                SignalEvent(
                    kind=step.kind,
                    at=at,
                    actor=step.actor,
                    public=public,
                    text=step.text,
                    from_status=before if step.to_status else "",
                    to_status=step.to_status,
                    data=dict(step.data),
                )
            )
        s.status = status
        # Past the intake a person has looked at it: the resident may read its category.
        s.category_confirmed = s.category_id is not None and status != S.NEW
        self._deadline_events(draft, rng)

    def _status_effects(self, s: Signal, status: str, previous: str, at: dt.datetime) -> None:
        if previous in workflow.PAUSED_STATUSES and s.paused_at is not None:
            waited = at - s.paused_at
            if s.resolution_due:
                s.resolution_due += waited
            s.paused_at = None
        if status in workflow.PAUSED_STATUSES:
            s.paused_at = at
        if s.first_response_at is None and status not in {S.NEW, S.TRIAGED, S.MERGED}:
            s.first_response_at = at
        if status == S.RESOLVED:
            s.resolved_at = at
        elif status == S.CLOSED:
            s.closed_at = at
        elif status == S.REOPENED:
            s.resolved_at = s.closed_at = None
            s.reminded_at = s.resolution_reminded_at = s.escalated_at = None
            _set_deadlines(self.world, s, at)
        if status not in {S.NEW}:
            s.needs_triage = False

    def _deadline_events(self, draft: _Draft, rng) -> None:
        s, now = draft.signal, self.now
        extra = []
        if (
            s.first_response_due
            and (s.first_response_at or now) > s.first_response_due - dt.timedelta(hours=2)
            and s.first_response_due - dt.timedelta(hours=2) > s.created_at
            and s.status != S.MERGED
        ):
            at = s.first_response_due - dt.timedelta(hours=2)
            if at < now:
                s.reminded_at = at
                extra.append(
                    SignalEvent(kind=EventKind.REMINDER, at=at, data={"deadline": "first_response"})
                )
        if s.resolution_due and s.first_response_at and s.status not in {S.MERGED, S.CANCELLED}:
            # Ahead of the resolution deadline (about the default eight working hours; clock
            # hours when urgent), for what was still open then.
            at = s.resolution_due - (dt.timedelta(hours=8) if s.urgent else dt.timedelta(days=1))
            if s.first_response_at < at < now and (s.resolved_at or now) > at:
                s.resolution_reminded_at = at
                extra.append(
                    SignalEvent(kind=EventKind.REMINDER, at=at, data={"deadline": "resolution"})
                )
        if s.is_open and s.paused_at is None and s.resolution_due and s.resolution_due < now:
            at = min(s.resolution_due + dt.timedelta(minutes=rng.randint(1, 300)), now)
            s.escalated_at = at
            extra.append(
                SignalEvent(
                    kind=EventKind.ESCALATED,
                    at=at,
                    data={"deadline": "resolution", "due": s.resolution_due.isoformat()},
                )
            )
        draft.events.extend(extra)
        draft.events.sort(key=lambda e: e.at)


def _add_rules(demo) -> int:
    orgs = demo.organisations
    created = 0
    for position, name, slug, org_key, team_name in DEMO_RULES:
        org = orgs.get(org_key)
        if org is None:
            continue
        team = Team.objects.filter(organisation=org, name=team_name).first()
        _, made = RoutingRule.objects.get_or_create(
            name=name,
            organisation=org,
            defaults={
                "position": position,
                "category": Category.objects.get(slug=slug),
                "team": team,
            },
        )
        created += made
    return created


def generate(demo) -> dict[str, int]:
    """Add a year of signals to the demo (see the module's docstring)."""
    rng = random.Random(demo.seed * 7919 + 3)
    now = demo.now
    rules = _add_rules(demo)
    world = _World(demo)
    if not world.estates:
        return {"signals": 0}
    builder = _Builder(world, rng, now)
    drafts: list[_Draft] = []
    for _ in range(SIGNALS_PER_YEAR):
        age = rng.random() ** 1.15 * 365
        drafts.append(builder.draft(age_days=age))
    drafts.extend(_tenant_drafts(demo, world, builder))
    for draft in drafts:
        builder.finish(draft)
    duplicates = []
    for draft in drafts:
        if (
            draft.signal.building_id
            and draft.signal.status != S.NEW
            and rng.random() < (DUPLICATE_SHARE)
        ):
            dup = builder.duplicate_of(draft)
            if dup is not None:
                builder.finish(dup)
                duplicates.append(dup)

    _explain_suggestions([*drafts, *duplicates])
    Signal.objects.bulk_create([d.signal for d in drafts], batch_size=500)
    for dup in duplicates:
        assert dup.into is not None  # duplicate_of sets it
        dup.signal.merged_into = dup.into.signal
    Signal.objects.bulk_create([d.signal for d in duplicates], batch_size=500)
    events: list[SignalEvent] = []
    feedback: list[Feedback] = []
    for draft in [*drafts, *duplicates]:
        for event in draft.events:
            event.signal = draft.signal
            if event.kind == EventKind.MERGED and draft.into is not None:
                event.data = {**event.data, "into": draft.into.signal.pk}
            events.append(event)
        for solved, comment, at in draft.feedback:
            feedback.append(
                Feedback(
                    signal=draft.signal,
                    solved=solved,
                    comment=comment,
                    by=draft.signal.reporter,
                    created_at=at,
                )
            )
        if draft.into is not None:
            merged_at = next(e.at for e in draft.events if e.kind == EventKind.MERGED)
            events.append(
                SignalEvent(
                    signal=draft.into.signal,
                    kind=EventKind.MERGED,
                    at=merged_at,
                    actor=draft.events[-1].actor,
                    data={"merged": draft.signal.pk},
                )
            )
    SignalEvent.objects.bulk_create(events, batch_size=1000)
    Feedback.objects.bulk_create(feedback, batch_size=1000)
    statuses = Counter(d.signal.status for d in [*drafts, *duplicates])
    return {
        "signals": len(drafts) + len(duplicates),
        "signal events": len(events),
        "signals open": sum(n for st, n in statuses.items() if st in OPEN_STATUSES),
        "routing rules (demo)": rules,
    }


# What each demo tenant has reported: (category, final status, age in days).
TENANT_SIGNALS: dict[str, list[tuple[str, str, float]]] = {
    "huurder": [
        ("herstelling", S.RESOLVED, 4),
        ("gemeenschappelijke-delen", S.IN_PROGRESS, 2),
        ("overlast", S.WAITING_RESIDENT, 6),
        ("herstelling", S.CLOSED, 70),
        ("samenleven", S.NEW, 0.2),
    ],
    "locataire": [
        ("herstelling", S.RESOLVED, 3),
        ("huur-en-betaling", S.ASSIGNED, 1),
        ("gemeenschappelijke-delen", S.CLOSED, 40),
    ],
    "tenant": [
        ("herstelling", S.RESOLVED, 5),
        ("administratie", S.IN_PROGRESS, 3),
        ("herstelling", S.CLOSED, 90),
    ],
}


def _explain_suggestions(drafts: list[_Draft]) -> None:
    """The words of each text that point to its suggested category, as the triage engine
    names them at intake (the signal page shows them)."""
    created = [(d.signal, e) for d in drafts for e in d.events if e.kind == EventKind.CREATED]
    words = triage.explain_many(
        [
            (
                s.text,
                s.suggested_category.slug if s.suggested_category else None,
                s.suggested_urgent,
            )
            for s, _ in created
        ]
    )
    for (_signal, event), terms in zip(created, words, strict=True):
        event.data["suggestion"]["explanation"] = terms


def _tenant_drafts(demo, world: _World, builder: _Builder) -> list[_Draft]:
    drafts = []
    homes = {h.user.pk: h for homes in world.homes.values() for h in homes if h.user is not None}
    for key, plans in TENANT_SIGNALS.items():
        user = demo.tenants.get(key)
        home = homes.get(user.pk) if user is not None else None
        if home is None:
            continue
        for slug, status, age in plans:
            draft = builder.draft(
                age_days=age, slug=slug, status=status, home=home, channel=Channel.PORTAL
            )
            signal = draft.signal
            signal.needs_triage = False
            if signal.category is None:
                signal.category = world.categories[slug]
                found = world.route(signal)
                if found is not None:
                    signal.owner_organisation, signal.owner_team = found.organisation, found.team
                    signal.owner_user = found.person
            drafts.append(draft)
    return drafts

"""Every page, as every member of staff: no household's personal data without an audit entry.

The walk resolves the project's URL configuration (every pattern, also ones added later), fills
path parameters with the ids of a small data set, and adds every page of the configuration site
for every registered model: list, search, add, change/view, delete confirmation ("delete
selected" too), history, and the autocomplete behind every ``autocomplete_fields``. It requests
each as each staff persona (and a superuser) and fails when a 200 answer shows a marker of a
household — a resident's name, phone number or e-mail address that occurs nowhere else — while
that request wrote no audit entry for that household by that person.

So a new page that shows household data and forgets to call ``audit.actions.record_read`` /
``record_list_read`` (or an admin without ``audit.admin.AuditedAdmin``) fails here without
anybody having to add it to this test."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.db.models import Model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from wijkpunt.audit import personal_data
from wijkpunt.audit.models import AuditEntry
from wijkpunt.testing import make_personas, rolled_back


@dataclass
class Marker:
    """A household whose data, when shown, must be audited."""

    key: str
    household_id: int
    strings: tuple[str, ...]


@dataclass
class World:
    personas: object
    superuser: object
    markers: list[Marker]
    ids: dict[type, list] = field(default_factory=dict)
    slugs: list[str] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    category_slugs: list[str] = field(default_factory=list)


# Households that occur nowhere else: their surnames and phone numbers are the markers.
MARKER_HOUSEHOLDS = (
    # key, surname, first name, phone, estate ("estate" or "other_estate"), ended days ago
    ("current", "Zwanenburg", "Xaveria", "0486 71 93 28", "estate", None),
    ("other_estate", "Quackelbeen", "Ysolde", "0487 62 84 19", "other_estate", None),
    ("former", "Wuytack", "Ulrike", "0488 53 75 10", "estate", 30),
    ("long_gone", "Verstrepen", "Tibo", "0489 44 66 01", "estate", 400),
)


def _build_world() -> World:
    from allauth.account.models import EmailAddress

    from wijkpunt.accounts.models import User
    from wijkpunt.core.models import OutboxMessage
    from wijkpunt.housing.models import (
        Building,
        CommonSpace,
        Dwelling,
        Household,
        ImportJob,
        Resident,
        Tenancy,
    )
    from wijkpunt.intake.queries import point_token
    from wijkpunt.signalling import actions
    from wijkpunt.signalling.models import Category, Channel, Feedback, Signal, SignalEvent

    personas = make_personas()
    superuser = User.objects.create_superuser(
        email="root@example.org", password="x-" * 8, full_name="Root Beheer"
    )
    today = timezone.localdate()
    repair = Category.objects.get(slug="herstelling")
    welfare = Category.objects.get(slug="welzijn-en-zorg")
    markers = []
    signals = []
    for key, surname, first, phone, estate_attr, ended in MARKER_HOUSEHOLDS:
        estate = getattr(personas, estate_attr)
        building = Building.objects.filter(estate=estate).first()
        dwelling = Dwelling.objects.create(building=building, unit=f"M-{key}")
        email = f"{first.lower()}.{surname.lower()}@example.org"
        household = Household.objects.create(name=f"Gezin {surname}", phone=phone, email=email)
        Tenancy.objects.create(
            dwelling=dwelling,
            household=household,
            start_date=dt.date(2016, 5, 1),
            end_date=today - dt.timedelta(days=ended) if ended is not None else None,
        )
        user = User.objects.create_user(
            email=email, password="x-" * 8, full_name=f"{first} {surname}"
        )
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        Resident.objects.create(
            household=household,
            first_name=first,
            last_name=surname,
            phone=phone,
            email=email,
            birth_year=1953,
            user=user,
        )
        Resident.objects.create(
            household=household, first_name="Kind", last_name=surname, birth_year=2014
        )
        markers.append(Marker(key, household.pk, (surname, phone)))
        for category, text in (
            (repair, "De kraan in de keuken druppelt al een week"),
            (welfare, "Ik voel mij erg alleen sinds de winter"),
        ):
            signals.append(
                actions.create_signal(
                    text=text,
                    channel=Channel.PORTAL,
                    reporter=user,
                    household=household,
                    dwelling=dwelling,
                    category=category,
                    reporter_phone=phone,
                ).signal
            )
        OutboxMessage.objects.create(
            to=email, subject="Uw melding", body=f"Beste {first} {surname}, dank u."
        )
    actions.add_note(signal=signals[0], user=personas.technician, text="Loodgieter gebeld")
    Feedback.objects.create(signal=signals[0], solved=True, by=signals[0].reporter)
    ImportJob.objects.create(original_name="register.csv", created_by=personas.letting)
    space = CommonSpace.objects.create(
        estate=personas.estate, building=personas.building, name="Fietsenberging"
    )
    world = World(personas=personas, superuser=superuser, markers=markers)
    # A survey with a section and a question: the pages of the survey builder.
    from wijkpunt.surveys.models import Question, Section, Survey

    survey = Survey.objects.create(title={"nl-be": "Bevraging"}, organisation=personas.housing)
    section = Section.objects.create(survey=survey, name="s")
    Question.objects.create(
        survey=survey, section=section, name="q", kind="short_text", label={"nl-be": "Vraag"}
    )
    for model in (Survey, Section, Question):
        world.ids[model] = list(model.objects.order_by("-pk").values_list("pk", flat=True)[:1])
    for model in (Household, Signal, SignalEvent, Feedback, Building, CommonSpace, ImportJob):
        world.ids[model] = list(model.objects.order_by("-pk").values_list("pk", flat=True)[:12])
    world.ids[OutboxMessage] = list(OutboxMessage.objects.values_list("pk", flat=True)[:4])
    from wijkpunt.outreach.models import LetterBatch

    batch = LetterBatch.objects.create(kind="outreach.reach", ref="all", params={"up_to": 0})
    world.ids[LetterBatch] = [batch.pk]
    _add_household_file(world)
    world.slugs = [personas.estate.slug, personas.other_estate.slug]
    world.tokens = [point_token(building=personas.building), point_token(common_space=space)]
    world.category_slugs = ["herstelling"]
    _add_survey_wave(world)
    return world


def _add_household_file(world: World) -> None:
    """A contact and a consent in the file of the personas' household, so that the pages of
    its entries and consents are walked (with its own pk; a wrong pair answers 404)."""
    from wijkpunt.households import timeline
    from wijkpunt.households.models import Consent, Referral, TimelineEntry

    personas = world.personas
    timeline.add(
        household=personas.household,
        kind="contact",
        contact_mode="phone",
        organisation=personas.housing,
        sensitivity="housing",
        author=personas.woonconsulent,
        title="Huurachterstand besproken",
    )
    Consent.objects.create(
        household=personas.household,
        purpose="share",
        decision="given",
        organisation=personas.ocmw,
        scope=Consent.scope_of(["housing"]),
        method="signed",
        recorded_by=personas.woonconsulent,
        recorded_by_organisation=personas.housing,
    )
    referral = Referral.objects.create(
        household=personas.household,
        from_organisation=personas.community,
        sent_by=personas.buurtwerker,
        to_organisation=personas.ocmw,
        need="Hulp bij schulden",
        sensitivity="community",
        basis="legal",
        legal_ground="gdpr_9_2_h",
        basis_note="Organieke wet OCMW, art. 60",
        shared_fields=Referral.fields_of(["contact"]),
    )
    timeline.add(
        household=personas.household,
        kind="referral",
        organisation=personas.community,
        sensitivity="community",
        author=personas.buurtwerker,
        title="Doorverwezen naar OCMW Testgem",
        referral=referral,
    )
    world.ids[TimelineEntry] = list(TimelineEntry.objects.values_list("pk", flat=True)[:2])
    world.ids[Consent] = list(Consent.objects.values_list("pk", flat=True)[:1])
    world.ids[Referral] = [referral.pk]
    # A case meeting of the OCMW with community work, the household on its agenda and a task.
    from wijkpunt.households.models import AgendaItem, CaseMeeting, MeetingParticipant, MeetingTask

    meeting = CaseMeeting.objects.create(
        title="Casusoverleg",
        organisation=personas.ocmw,
        created_by=personas.social_worker,
        legal_basis="Decreet integrale jeugdhulp",
        purpose="Plan",
        procedure="Zo",
        starts_at=timezone.now(),
        place="OCMW",
    )
    for user, org in (
        (personas.social_worker, personas.ocmw),
        (personas.buurtwerker, personas.community),
    ):
        MeetingParticipant.objects.create(
            meeting=meeting, user=user, organisation=org, acknowledged_at=timezone.now()
        )
    AgendaItem.objects.create(
        meeting=meeting,
        household=personas.household,
        basis_note="Zorg",
        added_by=personas.social_worker,
    )
    task = MeetingTask.objects.create(
        meeting=meeting,
        household=personas.household,
        title="Huisbezoek",
        organisation=personas.ocmw,
        due_on=timezone.localdate(),
        created_by=personas.social_worker,
    )
    world.ids[CaseMeeting] = [meeting.pk]
    world.ids[MeetingTask] = [task.pk]


def _add_survey_wave(world: World) -> None:
    """A survey with an open wave in the personas' estate, so the survey pages are walked."""
    from wijkpunt.surveys import actions as survey_actions
    from wijkpunt.surveys.models import Survey, Wave

    personas = world.personas
    today = timezone.localdate()
    survey = Survey.objects.get(pk=world.ids[Survey][0])  # the builder's, with a question
    wave = Wave.objects.create(
        survey=survey, name="Najaar", opens_on=today, closes_on=today + dt.timedelta(days=21)
    )
    wave.estates.add(personas.estate)
    survey_actions.open_wave(wave=wave)
    world.ids[Wave] = [wave.pk]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with rolled_back(django_db_blocker):
        yield _build_world()


# --- Filling in the URL patterns -------------------------------------------------------------

# Which objects fill ``<int:pk>`` of these views. A view not listed here is tried with the ids
# of every kind of object in the data set, so a new page is walked without being added here.
PK_MODELS = {
    "households:": "housing.Household",
    "referrals:": "households.Referral",
    "meetings:": "households.CaseMeeting",
    "inbox:": "signalling.Signal",
    "intake_staff:done": "signalling.Signal",
    "intake_staff:attachment": "signalling.Attachment",
    "intake_staff:poster_building": "housing.Building",
    "intake_staff:poster_space": "housing.CommonSpace",
    "intake_portal:": "signalling.Signal",
    "api:signal": "signalling.Signal",
    "housing:import": "housing.ImportJob",
    "core:outbox_message": "core.OutboxMessage",
    "surveys:survey": "surveys.Survey",
    "surveys:preview": "surveys.Survey",
    "surveys:new_version": "surveys.Survey",
    "surveys:section": "surveys.Survey",
    "surveys:question": "surveys.Survey",
    "outreach:batch": "outreach.LetterBatch",
    "surveys:wave_new": "surveys.Survey",
    "surveys:wave": "surveys.Wave",  # and every other wave page: wave_edit, wave_open, …
    "surveys:door": "surveys.Wave",
    "surveys:paper": "surveys.Wave",
    "surveys:results": "surveys.Wave",  # and results_export, results_report, …
    "surveys:xlsform_export": "surveys.Survey",
}
# Which objects fill other integer parameters, by the parameter's name.
PARAM_MODELS = {
    "section": "surveys.Section",
    "question": "surveys.Question",
    "entry": "households.TimelineEntry",
    "consent": "households.Consent",
    "task": "households.MeetingTask",
}
# Query strings that make a page show what it is for (exports need their choices).
EXTRA_QUERIES = {
    "housing:export": [
        "format=csv&contents=residents",
        "format=csv&contents=dwellings",
        "format=xlsx&contents=residents",
    ],
    "api:signals": ["limit=50"],
    "surveys:results_export": ["inhoud=antwoorden", "inhoud=cijfers"],
}
SEARCH_TERM = "Gezin"  # every household's name: a search that finds them all
SKIP = {
    "account_logout",  # ends the session the walk runs in
    "core:set_language",
}


def _int_candidates(world: World, name: str) -> list:
    from django.apps import apps

    for prefix, label in PK_MODELS.items():
        if name.startswith(prefix):
            return world.ids.get(apps.get_model(label), [])
    return sorted({pk for ids in world.ids.values() for pk in ids})


def _values_for(world: World, name: str, param: str, kind: str) -> list:
    if kind == "int" and param in PARAM_MODELS:
        return world.ids.get(_model(PARAM_MODELS[param]), [])
    if kind == "int":
        return _int_candidates(world, name)
    if kind == "slug":
        return world.slugs
    if param == "fmt":
        return ["csv"] if name == "surveys:results_export" else ["json"]
    if param == "service_code":
        return world.category_slugs
    if param in {"request_id"}:
        return world.ids.get(_model("signalling.Signal"), [])
    if param == "token":
        return world.tokens
    return ["x"]


def _model(label: str) -> type[Model]:
    from django.apps import apps

    return apps.get_model(label)


def _patterns(resolver=None, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # walked model by model below
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, ns)
        elif entry.name:
            yield f"{namespace}{entry.name}", entry


def _params(pattern: URLPattern) -> dict[str, str]:
    converters = getattr(pattern.pattern, "converters", {})
    kinds = {
        name: type(conv).__name__.replace("Converter", "").lower()
        for name, conv in converters.items()
    }
    for group in pattern.pattern.regex.groupindex:
        kinds.setdefault(group, "str")
    return kinds


def site_urls(world: World) -> Iterator[tuple[str, str]]:
    """(view name, URL) for every named pattern outside the configuration site."""
    seen = set()
    for name, pattern in _patterns():
        if name in SKIP or name in seen:
            continue
        seen.add(name)
        params = _params(pattern)
        choices = [
            [(p, v) for v in _values_for(world, name, p, kind)] for p, kind in params.items()
        ]
        for combo in itertools.product(*choices):
            try:
                url = reverse(name, kwargs=dict(combo))
            except Exception:  # noqa: BLE001, S112 - a combination the pattern does not take
                continue
            yield name, url
            for query in EXTRA_QUERIES.get(name, []):
                yield name, f"{url}?{query}"


def admin_urls(
    world: World, *, deletions_only_of_others=False
) -> Iterator[tuple[str, str, dict | None]]:
    """(name, URL, POST data or None) for every page of every registered model admin; with
    ``deletions_only_of_others``, of a model without personal data only what deleting it
    would show."""
    for model, model_admin in admin.site._registry.items():
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        if deletions_only_of_others and not personal_data.is_personal(model):
            for pk in model._default_manager.order_by("-pk").values_list("pk", flat=True)[:1]:
                yield f"{info}_delete", reverse(f"{info}_delete", args=[pk]), None
            continue
        personal = personal_data.is_personal(model)
        yield f"{info}_changelist", reverse(f"{info}_changelist"), None
        if model_admin.get_search_fields(None):
            yield (
                f"{info}_changelist",
                reverse(f"{info}_changelist") + f"?q={SEARCH_TERM}",
                None,
            )
        yield f"{info}_add", reverse(f"{info}_add"), None
        # The newest records (the marker households' own come last in the data set): four of
        # a model known to carry personal data, one of the others (their forms, and what
        # deleting one would take along, are alike for each; a model missing from
        # audit.personal_data is still walked page by page, and fails here).
        count = 4 if personal else 1
        pks = list(model._default_manager.order_by("-pk").values_list("pk", flat=True)[:count])
        for pk in pks:
            for view in ("change", "delete", "history"):
                yield f"{info}_{view}", reverse(f"{info}_{view}", args=[pk]), None
        if pks:
            data = {"action": "delete_selected", "_selected_action": [str(pk) for pk in pks]}
            yield f"{info}_changelist delete_selected", reverse(f"{info}_changelist"), data
        # The autocomplete behind every autocomplete field, of the admin and its inlines.
        for owner in [model_admin, *model_admin.inlines]:
            for field_name in owner.autocomplete_fields:
                source = owner.model._meta
                yield (
                    "admin:autocomplete",
                    reverse("admin:autocomplete")
                    + f"?app_label={source.app_label}&model_name={source.model_name}"
                    + f"&field_name={field_name}&term=",
                    None,
                )


# --- Reading an answer --------------------------------------------------------------------------


def body_text(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            " ".join("" if v is None else str(v) for v in row)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    if kind.startswith(("image/", "application/pdf", "application/octet-stream")):
        return ""
    return content.decode("utf-8", errors="replace")


@dataclass
class Walk:
    problems: list[str] = field(default_factory=list)
    ok: set[str] = field(default_factory=set)  # view names answered 200 at least once
    requests: int = 0


def _check(walk: Walk, world: World, user, name: str, url: str, response, before: int) -> str:
    """Checks one answer; returns its text ("" unless 200)."""
    walk.requests += 1
    if response.status_code != 200:
        return ""
    walk.ok.add(name)
    text = body_text(response)
    shown = [m for m in world.markers if any(s in text for s in m.strings)]
    if not shown:
        return text
    audited = set(
        AuditEntry.objects.filter(pk__gt=before, actor=user).values_list("household_id", flat=True)
    )
    for marker in shown:
        if marker.household_id not in audited:
            walk.problems.append(
                f"{name} {url}: shows household {marker.key!r} without an audit entry"
            )
    return text


def _last_entry() -> int:
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


_SEARCH_FORM = re.compile(r"""name=["']q["']""")


def walk_as(
    world: World, user, *, admin_pages: bool, only: str = "", site: bool = True, **admin_options
) -> Walk:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl-be")
    client.force_login(user)
    walk = Walk()
    refused: set[str] = set()
    for name, url in site_urls(world) if site else ():
        if name in refused or not name.startswith(only):
            continue
        before = _last_entry()
        response = client.get(url)
        if response.status_code in (403, 405):
            # POST only, or a page this person may not use at all (a record they may not
            # see answers 404): the other records would be refused alike.
            refused.add(name)
            continue
        text = _check(walk, world, user, name, url, response, before)
        if _SEARCH_FORM.search(text):
            before = _last_entry()
            searched = f"{url}{'&' if '?' in url else '?'}q={SEARCH_TERM}"
            _check(walk, world, user, name, searched, client.get(searched), before)
    if admin_pages:
        for name, url, data in admin_urls(world, **admin_options):
            if not name.startswith(only):
                continue
            before = _last_entry()
            response = client.post(url, data) if data is not None else client.get(url)
            _check(walk, world, user, name, url, response, before)
    else:
        before = _last_entry()
        _check(walk, world, user, "admin:index", "/admin/", client.get("/admin/"), before)
    return walk


# --- The tests -----------------------------------------------------------------------------------

STAFF = (
    "technician",
    "woonconsulent",
    "letting",
    "coordinator",
    "ocmw_reception",
    "social_worker",
    "budget_worker",
    "buurtwerker",
    "partner_worker",
    "admin",
)


@pytest.fixture
def walking(world, db, settings):
    settings.STAFF_REQUIRE_MFA = False
    return world


# Pages each persona must reach, so that a walk that fills in nothing cannot pass unnoticed.
REACHED = {
    "coordinator": (
        "households:file",
        "workspace:estate",
        "workspace:search",
        "inbox:home",
        "inbox:map",
        "inbox:signal",
        "intake_staff:new",
        "intake_staff:done",
        "api:signals",
        "api:signal",
        "surveys:home",
        "surveys:survey",
        "surveys:question",
        "surveys:preview_frame",
        "surveys:wave",
        "surveys:wave_rates",
        "surveys:door",
    ),
    "letting": ("housing:export", "housing:registry", "households:file"),
    "social_worker": ("inbox:signal", "households:file", "meetings:detail", "referrals:list"),
    "admin": ("admin:housing_household_change", "admin:signalling_signal_change"),
}


# Each persona walks on one database (``make test`` runs both side by side, see the root
# conftest): the walk checks Wijkpunt's own rule (every page with household data is audited),
# which does not depend on the engine; what does (queries, constraints) is tested on both.
# The administrator and the coordinator, who reach the most pages, walk on SQLite (the
# quicker engine, so that both suites end together).
_RUN_OF = {"admin": "sqlite", "coordinator": "sqlite"}
_WALKS = [
    pytest.param(
        persona,
        marks=(pytest.mark.once(_RUN_OF.get(persona, "postgres" if i % 2 else "sqlite")),),
    )
    for i, persona in enumerate(STAFF)
]


@pytest.mark.parametrize("persona", _WALKS)
def test_no_page_shows_household_data_without_an_audit_entry(walking, persona):
    user = getattr(walking.personas, persona)
    walk = walk_as(walking, user, admin_pages=persona == "admin")
    assert walk.problems == [], "\n".join(walk.problems)
    for name in REACHED.get(persona, ()):
        assert name in walk.ok, name


def test_no_configuration_page_shows_household_data_unaudited_even_to_a_superuser(walking):
    # The administrator persona walked every page already; a superuser sees more records
    # (former residents too) on the pages of the models with personal data.
    walk = walk_as(
        walking, walking.superuser, admin_pages=True, site=False, deletions_only_of_others=True
    )
    assert walk.problems == [], "\n".join(walk.problems)
    # The walk reached the pages that matter (a walk that reaches nothing proves nothing).
    for name in (
        "admin:housing_household_changelist",
        "admin:housing_household_change",
        "admin:housing_household_delete",
        "admin:housing_household_history",
        "admin:housing_tenancy_change",
        "admin:accounts_user_change",
        "admin:signalling_signal_change",
        "admin:housing_estate_delete",
        "admin:autocomplete",
        "admin:housing_household_changelist delete_selected",
    ):
        assert name in walk.ok, name


def test_the_walk_fails_on_a_page_that_forgets_to_audit(walking, monkeypatch):
    """The check itself can fail: with the household page's audit switched off, the walk
    names that page."""
    from wijkpunt.households import access

    monkeypatch.setattr(access, "record_read", lambda **kwargs: None)
    walk = walk_as(walking, walking.personas.coordinator, admin_pages=False, only="households:")
    assert any(p.startswith("households:file ") for p in walk.problems), walk.problems


def test_the_walk_fails_on_an_admin_page_that_forgets_to_audit(walking, monkeypatch):
    """Likewise for the configuration site: a model missing from audit.personal_data."""
    households = dict(personal_data.HOUSEHOLD_OF)
    del households["housing.household"]
    monkeypatch.setattr(personal_data, "HOUSEHOLD_OF", households)
    walk = walk_as(
        walking, walking.superuser, admin_pages=True, site=False, only="admin:housing_household"
    )
    failing = {p.split(" ")[0] for p in walk.problems}
    assert {
        "admin:housing_household_changelist",
        "admin:housing_household_change",
        "admin:housing_household_history",
    } <= failing, walk.problems

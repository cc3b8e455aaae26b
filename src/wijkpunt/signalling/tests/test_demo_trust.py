"""The demo earns trust: rules that hold for *every* demo signal, checked over the whole
generated year (not over one example).

- textbook urgent situations are urgent, suggested and triaged so, and handled at once;
- a hand-over goes to a partner that fits the category, and its reason names that partner;
- only people of the organisation that owns a signal act on it (no CAW worker on a boiler);
- workers act in office hours (weekdays 8:00–18:00) unless the signal is urgent;
- "Mevr." is a woman, "Dhr." a man, "my husband died" is written by a woman;
- a French- or English-speaking household writes, and is written to, in its language."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from django.utils import timezone

from wijkpunt.demo.data import ORIGINS
from wijkpunt.partners.models import StaffRole
from wijkpunt.signalling import demo_texts as T
from wijkpunt.signalling.models import Channel, EventKind, Signal, SignalEvent, SignalStatus

pytestmark = pytest.mark.django_db(transaction=False)

# Written here, apart from the demo's phrase banks: words that make a situation urgent.
URGENT_MARKERS = (
    "ruik gas",
    "sent le gaz",
    "smell gas",
    "vonken",
    "étincelles",
    "sparks",
    "het vriest",
    "il gèle",
    "freezing",
    "op de elektriciteitskast",
    "rook uit",
    "fumée",
    "smoke is coming",
    "met een mes",
    "un couteau",
    "a knife",
    "heeft een mes",
    "gevochten",
    "niet gezien",
    "plus vu",
    "not seen my neighbour",
    "niemand doet open",
    "is gevallen",
    "est tombé",
    "fell in the hallway",
    "er niet meer zijn",
    "af te sluiten",
    "couper l'électricité",
    "cut off my electricity",
)
# Categories whose signals stay with the housing company: never handed over to a partner.
NO_HANDOVER = {"herstelling", "veiligheid", "gemeenschappelijke-delen", "administratie"}
FEMALE_ONLY = ("mijn man is overleden", "très seule", "mon mari")
MALE_ONLY = ("sinds mijn vrouw er niet meer is",)
RESIDENT_WRITTEN = {Channel.PORTAL, Channel.QR, Channel.API, Channel.OPEN311}


@pytest.fixture
def demo(shared_demo):
    """The run's one demo (see the root conftest)."""
    return shared_demo


@pytest.fixture
def histories(demo):
    events = defaultdict(list)
    for e in SignalEvent.objects.order_by("at", "id").iterator():
        events[e.signal_id].append(e)
    return events


@pytest.fixture
def staff_orgs(demo):
    orgs = defaultdict(set)
    for user_id, org_id in StaffRole.objects.values_list("user_id", "organisation_id"):
        orgs[user_id].add(org_id)
    return orgs


def genders() -> dict[str, str]:
    known = {}
    for origin in ORIGINS:
        known.update(dict.fromkeys((*origin.female, *origin.elder_female), "f"))
        known.update(dict.fromkeys((*origin.male, *origin.elder_male), "m"))
    return known


def template_regex(template: str) -> re.Pattern:
    parts = re.split(r"\{[a-z]+\}", template)
    return re.compile(".+?".join(re.escape(p) for p in parts))


def languages_of(text: str) -> set[str]:
    """The languages of the demo templates this text was made from."""
    found = set()
    for bank in (T.RESIDENT, T.URGENT):
        for by_lang in bank.values():
            for lang, templates in by_lang.items():
                if any(template_regex(t).search(text) for t in templates):
                    found.add(lang)
    return found


def is_marked_urgent(text: str) -> bool:
    lower = text.lower()
    return any(marker in lower for marker in URGENT_MARKERS)


def test_the_markers_are_not_in_any_calm_text():
    for by_lang in T.RESIDENT.values():
        for templates in by_lang.values():
            for template in templates:
                assert not is_marked_urgent(template), template
    for by_lang in T.URGENT.values():
        for templates in by_lang.values():
            for template in templates:
                assert is_marked_urgent(template), template


def test_textbook_urgent_situations_are_urgent_and_triaged_so(demo, histories):
    now = demo.now
    checked = 0
    for signal in Signal.objects.all().iterator():
        urgent_text = is_marked_urgent(signal.text)
        assert signal.urgent == urgent_text, (signal.pk, signal.text, signal.urgent)
        if signal.urgent:
            checked += 1
            assert signal.suggested_urgent, signal.pk
            age = now - signal.created_at
            if age.total_seconds() > 2 * 3600:
                assert signal.status not in {SignalStatus.NEW, SignalStatus.TRIAGED}, signal.pk
            if age.days > 3:
                assert not signal.is_open, (signal.pk, signal.status)
        for e in histories[signal.pk]:
            if e.kind == EventKind.TRIAGED:
                assert e.data["urgent"] == signal.urgent, (signal.pk, e.pk)
    assert checked > 50


def test_hand_overs_go_to_a_partner_that_fits_and_say_so(demo, histories):
    from wijkpunt.signalling.demo_data import HANDOVER_PARTNERS

    keys = {org.pk: key for key, org in demo.organisations.items()}
    short = {org.pk: org.short_name or org.name for org in demo.organisations.values()}
    count = 0
    for signal in Signal.objects.select_related("category").iterator():
        for e in histories[signal.pk]:
            if e.kind != EventKind.HANDOVER:
                continue
            count += 1
            slug = signal.category.slug
            target = e.data["organisation"]
            assert slug not in NO_HANDOVER, (signal.pk, slug)
            assert keys[target] in HANDOVER_PARTNERS[slug], (signal.pk, slug, keys[target])
            assert short[target] in e.text, (signal.pk, e.text)
            for other, name in short.items():
                if other != target and name in ("OCMW", "CAW"):
                    assert name not in e.text, (signal.pk, e.text)
    assert count > 10


def test_only_people_of_the_owning_organisation_act_on_a_signal(demo, histories, staff_orgs):
    caw = demo.organisations["caw"].pk
    for signal in Signal.objects.select_related("category").iterator():
        history = histories[signal.pk]
        assigned = next((e for e in history if e.kind == EventKind.ASSIGNED), None)
        owner = assigned.data["organisation"] if assigned else signal.owner_organisation_id
        for e in history:
            if e.actor_id in staff_orgs and e.kind != EventKind.CREATED:
                assert owner in staff_orgs[e.actor_id], (signal.pk, e.kind, e.actor_id, owner)
                if signal.category and signal.category.slug == "herstelling":
                    assert caw not in staff_orgs[e.actor_id], (signal.pk, e.pk)
            if e.kind == EventKind.HANDOVER:
                owner = e.data["organisation"]
        assert owner == signal.owner_organisation_id or signal.status == SignalStatus.NEW


def test_workers_act_in_office_hours_unless_urgent(demo, histories, staff_orgs):
    checked = 0
    for signal in Signal.objects.filter(urgent=False).iterator():
        for e in histories[signal.pk]:
            if e.actor_id not in staff_orgs:
                continue
            local = timezone.localtime(e.at)
            assert local.weekday() < 5, (signal.pk, e.kind, local)
            assert 8 <= local.hour < 18 or (local.hour == 18 and local.minute == 0), (
                signal.pk,
                e.kind,
                local,
            )
            checked += 1
    assert checked > 5000


def test_genders_agree_with_first_names(demo):
    known = genders()
    checked = 0
    for signal in Signal.objects.select_related("reporter").iterator():
        name = signal.reporter.full_name if signal.reporter else signal.reporter_name
        first = name.split()[0] if name else ""
        gender = known.get(first, "")
        lower = signal.text.lower()
        if signal.text.startswith("Mevr. "):
            assert gender == "f", (signal.pk, name, signal.text)
            checked += 1
        if signal.text.startswith("Dhr. "):
            assert gender == "m", (signal.pk, name, signal.text)
            checked += 1
        if any(p in lower for p in FEMALE_ONLY) and first:
            assert gender != "m", (signal.pk, name, signal.text)
        if any(p in lower for p in MALE_ONLY) and first:
            assert gender != "f", (signal.pk, name, signal.text)
    assert checked > 20


def test_households_write_and_are_written_to_in_their_language(demo, histories):
    checked = 0
    for signal in Signal.objects.select_related("household", "reporter").iterator():
        household = signal.household
        if household is None and signal.reporter_id:
            resident = getattr(signal.reporter, "resident", None)
            household = resident.household if resident else None
        if household is None:
            continue
        lang = household.language.split("-")[0]
        assert signal.language.split("-")[0] == lang, signal.pk
        if signal.channel in RESIDENT_WRITTEN and not signal.for_neighbour:
            assert languages_of(signal.text) == {lang}, (signal.pk, lang, signal.text)
            checked += 1
        for e in histories[signal.pk]:
            if e.kind == EventKind.MESSAGE:
                bank = [template_regex(t) for t in T.MESSAGES[lang]]
                assert any(p.search(e.text) for p in bank), (signal.pk, lang, e.text)
            if e.kind in {EventKind.REPLY, EventKind.FEEDBACK} and e.text:
                bank = (
                    T.REPLIES[lang]
                    if e.kind == EventKind.REPLY
                    else (T.FEEDBACK_GOOD[lang] + T.FEEDBACK_BAD[lang])
                )
                assert e.text in bank, (signal.pk, lang, e.text)
    assert checked > 300

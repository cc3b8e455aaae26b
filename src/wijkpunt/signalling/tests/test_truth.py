"""What one resident writes stays theirs; the resident hears once; staff hear about replies;
urgent alerts reach only who may see the category; every status change is checked."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from wijkpunt.partners.models import Role, StaffRole
from wijkpunt.signalling import actions, tasks, workflow
from wijkpunt.signalling.models import Feedback, Signal, SignalStatus
from wijkpunt.signalling.queries import feedback_pending
from wijkpunt.signalling.reminders import StaffDirectory
from wijkpunt.testing import make_report

B_WORDS = "Nog altijd kapot, Bram van 2.4 hier, mijn zoon zit vast boven"


def merged_pair(personas, run):
    first = make_report(personas, "De lift in blok A staat stil", where="building")
    second = make_report(
        personas, "Lift kapot, ik kan niet naar beneden", reporter=personas.other_tenant
    )
    with run(execute=True):
        actions.merge(duplicate=second, into=first, user=personas.technician)
        actions.change_status(signal=first, user=personas.technician, status="assigned")
        actions.change_status(signal=first, user=personas.technician, status="resolved")
    first.refresh_from_db()
    second.refresh_from_db()
    return first, second


def test_what_reporter_b_writes_is_never_shown_to_reporter_a(
    client, personas, django_capture_on_commit_callbacks
):
    first, second = merged_pair(personas, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.give_feedback(
            signal=second, user=personas.other_tenant, solved=False, comment=B_WORDS
        )
        actions.resident_reply(signal=second, user=personas.other_tenant, text=B_WORDS)
    first.refresh_from_db()
    assert first.status == SignalStatus.REOPENED
    # Portal: A's page has none of B's words; B's page has them.
    client.force_login(personas.tenant)
    page = client.get(reverse("intake_portal:detail", args=[first.pk]))
    assert page.status_code == 200
    assert "Bram" not in page.content.decode()
    assert "Your answer" not in page.content.decode()
    # API: the same.
    api = APIClient()
    api.force_authenticate(personas.tenant)
    detail = api.get(f"/api/v1/signals/{first.pk}/")
    assert detail.status_code == 200
    assert "Bram" not in detail.content.decode()
    # E-mails: nobody but B is ever sent B's words (staff get a notice without them).
    assert mail.outbox, "the reopening is announced"
    assert all("Bram" not in m.body for m in mail.outbox)
    client.force_login(personas.other_tenant)
    own = client.get(reverse("intake_portal:detail", args=[second.pk]))
    assert own.status_code == 200 and "Bram" in own.content.decode()
    # Staff of the shared job read B's answer on the signal they work on.
    assert first.events.filter(kind="feedback", public=False, text=B_WORDS).exists()


def test_leaked_answers_from_before_stay_hidden(
    client, personas, django_capture_on_commit_callbacks
):
    """A feedback event another reporter left on the kept report before this fix (public, no
    owner recorded) is not shown either."""
    first, _second = merged_pair(personas, django_capture_on_commit_callbacks)
    first.events.create(
        kind="feedback", actor=personas.other_tenant, public=True, text=B_WORDS, data={}
    )
    client.force_login(personas.tenant)
    page = client.get(reverse("intake_portal:detail", args=[first.pk]))
    assert page.status_code == 200 and "Bram" not in page.content.decode()


def test_is_it_solved_is_asked_once_per_reporter(
    client, personas, django_capture_on_commit_callbacks
):
    first, second = merged_pair(personas, django_capture_on_commit_callbacks)
    assert feedback_pending(first) and feedback_pending(second)
    actions.give_feedback(signal=second, user=personas.other_tenant, solved=True)
    first.refresh_from_db()
    assert first.status == SignalStatus.CLOSED
    assert not feedback_pending(second) and feedback_pending(first)
    # The rule is in the action: a second answer is refused whatever the channel.
    with pytest.raises(ValidationError):
        actions.give_feedback(signal=second, user=personas.other_tenant, solved=False)
    client.force_login(personas.other_tenant)
    page = client.get(reverse("intake_portal:detail", args=[second.pk])).content.decode()
    assert "Is the problem solved?" not in page
    refused = client.post(reverse("intake_portal:feedback", args=[second.pk]), {"solved": "no"})
    assert refused.status_code == 400
    client.force_login(personas.tenant)
    assert (
        client.post(
            reverse("intake_portal:feedback", args=[first.pk]), {"solved": "yes"}
        ).status_code
        == 302
    )
    assert not feedback_pending(first)
    assert Feedback.objects.filter(signal=first).count() == 2
    page = client.get(reverse("intake_portal:detail", args=[first.pk])).content.decode()
    assert "Is the problem solved?" not in page


def test_a_status_change_with_a_message_sends_one_email(
    personas, django_capture_on_commit_callbacks
):
    signal = make_report(personas)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(
            signal=signal,
            user=personas.technician,
            status="in_progress",
            message="De technieker komt donderdag.",
        )
    to_tenant = [m for m in mail.outbox if personas.tenant.email in m.to]
    assert len(to_tenant) == 1
    assert "De technieker komt donderdag." in to_tenant[0].body
    # In the tenant's language (Dutch, pinned by the personas).
    assert "We zijn ermee bezig." in to_tenant[0].body


def test_staff_hear_when_a_resident_replies(personas, django_capture_on_commit_callbacks):
    signal = make_report(personas)
    actions.assign(
        signal=signal,
        user=personas.coordinator,
        organisation=personas.housing,
        person=personas.technician,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.resident_reply(signal=signal, user=personas.tenant, text="Ik ben thuis vanaf 9u.")
    assert [m.to for m in mail.outbox] == [[personas.technician.email]]
    assert signal.reference in mail.outbox[0].subject
    assert "Ik ben thuis" not in mail.outbox[0].body
    # Without a person: the team (the technician is in the technical team).
    Signal.objects.filter(pk=signal.pk).update(owner_user=None)
    team = StaffRole.objects.get(user=personas.technician).team
    Signal.objects.filter(pk=signal.pk).update(owner_team=team)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.resident_reply(signal=signal, user=personas.tenant, text="Nog iets.")
    assert [m.to for m in mail.outbox] == [[personas.technician.email]]


def test_a_reply_on_a_merged_report_reaches_who_handles_the_kept_one(
    personas, django_capture_on_commit_callbacks
):
    first, second = merged_pair(personas, django_capture_on_commit_callbacks)
    Signal.objects.filter(pk=first.pk).update(owner_user=personas.technician)
    Signal.objects.filter(pk=second.pk).update(owner_user=None, owner_team=None)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.resident_reply(signal=second, user=personas.other_tenant, text="Nog steeds.")
    assert [m.to for m in mail.outbox] == [[personas.technician.email]]
    assert first.reference in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("call", "status", "target"),
    [
        ("assign", SignalStatus.NEW, SignalStatus.ASSIGNED),
        ("reply", SignalStatus.WAITING_RESIDENT, SignalStatus.IN_PROGRESS),
        ("merge", SignalStatus.NEW, SignalStatus.MERGED),
        ("change", SignalStatus.NEW, SignalStatus.IN_PROGRESS),
    ],
)
def test_every_status_change_goes_through_the_transition_table(
    personas, monkeypatch, call, status, target
):
    signal = make_report(personas)
    other = make_report(personas, "Nog een lek")
    Signal.objects.filter(pk=signal.pk).update(status=status)
    signal.refresh_from_db()
    table = dict(workflow.TRANSITIONS)
    table[status] = table[status] - {target}
    monkeypatch.setattr(workflow, "TRANSITIONS", table)
    with pytest.raises(workflow.TransitionError):
        if call == "assign":
            actions.assign(signal=signal, user=personas.coordinator, organisation=personas.housing)
        elif call == "reply":
            actions.resident_reply(signal=signal, user=personas.tenant, text="Hier ben ik.")
        elif call == "merge":
            actions.merge(duplicate=signal, into=other, user=personas.technician)
        else:
            actions.change_status(signal=signal, user=personas.technician, status=target)
    signal.refresh_from_db()
    assert signal.status == status


# --- Who hears about an urgent signal ---------------------------------------------------------


def _ocmw_coordinator(personas):
    from wijkpunt.accounts.models import User

    user = User.objects.create_user(email="ocmw-coord@example.org", full_name="Odette Coördinator")
    StaffRole.objects.create(user=user, organisation=personas.ocmw, role=Role.COORDINATOR)
    return user


def _alerted(signal_pk) -> set[str]:
    mail.outbox.clear()
    tasks.alert_urgent_signal.enqueue(signal_pk)
    return {address for m in mail.outbox for address in m.to}


@pytest.mark.parametrize(
    ("slug", "may", "may_not"),
    [
        ("welzijn-en-zorg", {"ocmw-coord@example.org"}, {"coord@example.org"}),
        ("financiele-zorgen", {"ocmw-coord@example.org"}, {"coord@example.org"}),
        ("herstelling", {"coord@example.org"}, {"ocmw-coord@example.org"}),
    ],
)
def test_an_unowned_urgent_signal_alerts_only_coordinators_who_may_see_it(
    personas, slug, may, may_not
):
    _ocmw_coordinator(personas)
    signal = make_report(personas, "Mijn buurvrouw ligt op de grond", slug, urgent=True)
    Signal.objects.filter(pk=signal.pk).update(
        owner_organisation=None, owner_team=None, owner_user=None
    )
    alerted = _alerted(signal.pk)
    assert may <= alerted
    assert not (may_not & alerted)


def test_team_members_are_alerted_only_when_their_role_may_see_the_category(personas):
    """The budget worker sits in the social team but may not see welfare reports."""
    team = StaffRole.objects.get(user=personas.social_worker).team
    StaffRole.objects.filter(user=personas.budget_worker).update(team=team)
    team.email = "sociale-dienst@example.org"
    team.save()
    signal = make_report(personas, "Mijn buurman is al dagen niet gezien", "welzijn-en-zorg")
    Signal.objects.filter(pk=signal.pk).update(
        urgent=True, owner_organisation=personas.ocmw, owner_team=team, owner_user=None
    )
    alerted = _alerted(signal.pk)
    assert personas.social_worker.email in alerted
    assert personas.budget_worker.email not in alerted
    # The team's shared mailbox is read by all of them: not for a role-restricted category.
    assert "sociale-dienst@example.org" not in alerted
    # A repair in the same team's hands reaches the whole team and its mailbox.
    repair = make_report(personas, "De verwarming is uitgevallen", "herstelling")
    Signal.objects.filter(pk=repair.pk).update(owner_organisation=personas.ocmw, owner_team=team)
    assert "sociale-dienst@example.org" in _alerted(repair.pk)


def test_reminders_and_escalations_reach_only_who_may_see_it(personas):
    _ocmw_coordinator(personas)
    signal = make_report(personas, "Ik heb schulden bij de energieleverancier", "financiele-zorgen")
    Signal.objects.filter(pk=signal.pk).update(owner_organisation=None)
    loaded = Signal.objects.select_related("owner_team", "owner_user", "category").get(pk=signal.pk)
    found = {email for email, _language in StaffDirectory().coordinators(loaded)}
    assert "ocmw-coord@example.org" in found
    assert personas.coordinator.email not in found and personas.admin.email not in found


SLUGS = [
    "herstelling",
    "huur-en-betaling",
    "overlast",
    "gemeenschappelijke-delen",
    "welzijn-en-zorg",
    "financiele-zorgen",
    "woonsituatie",
    "veiligheid",
    "samenleven",
    "administratie",
]


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("owner", ["routed", "unowned", "team"])
def test_everyone_who_hears_about_a_signal_may_see_it(personas, slug, owner):
    """For every category and owner situation: each person an alert, reminder or escalation
    goes to can open the signal (``visible_signals``, the rule of every screen)."""
    from wijkpunt.accounts.models import User
    from wijkpunt.signalling.access import visible_signals

    _ocmw_coordinator(personas)
    # A mixed team: a role that may see it next to roles that may not.
    team = StaffRole.objects.get(user=personas.social_worker).team
    StaffRole.objects.filter(user__in=[personas.budget_worker, personas.ocmw_reception]).update(
        team=team
    )
    signal = make_report(personas, "Er is iets ernstigs aan de hand", slug, urgent=True)
    if owner == "unowned":
        Signal.objects.filter(pk=signal.pk).update(
            owner_organisation=None, owner_team=None, owner_user=None
        )
    elif owner == "team":
        Signal.objects.filter(pk=signal.pk).update(
            owner_organisation=personas.ocmw, owner_team=team, owner_user=None
        )
    loaded = (
        Signal.objects.select_related("owner_user", "owner_team", "category")
        .prefetch_related("category__visible_to_organisations")
        .get(pk=signal.pk)
    )
    directory = StaffDirectory()
    addresses = {e for e, _lang in directory.owners(loaded) + directory.coordinators(loaded)}
    people = {u.email: u for u in User.objects.filter(email__in=addresses)}
    assert addresses, "somebody hears about it"
    for email in addresses:
        if email not in people:  # a team's shared address
            assert not loaded.category.visible_to_roles
            continue
        user = people[email]
        assert visible_signals(user).filter(pk=signal.pk).exists(), (slug, owner, email)

"""Deadline reminders and escalation: who hears it, once, and the worker's scheduler."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from wijkpunt.core.management.commands import worker
from wijkpunt.core.models import WorkerHeartbeat
from wijkpunt.signalling import actions, deadlines
from wijkpunt.signalling.models import (
    Category,
    Channel,
    DeadlinePolicy,
    EventKind,
    Signal,
    SignalStatus,
)
from wijkpunt.signalling.reminders import FIRST_RESPONSE, RESOLUTION, check_deadlines
from wijkpunt.testing import make_report

BRUSSELS = ZoneInfo("Europe/Brussels")
# A Monday morning without public holidays.
MONDAY = dt.datetime(2025, 3, 3, 9, 0, tzinfo=BRUSSELS)


def report(personas, slug="herstelling", text="De kraan in de keuken lekt", **kw):
    return make_report(personas, text, slug, **kw)


def set_times(signal, created, first_due, resolution_due):
    Signal.objects.filter(pk=signal.pk).update(
        created_at=created,
        first_response_due=first_due,
        resolution_due=resolution_due,
        urgent=False,  # whatever the triage engine thought of the text
    )
    signal.refresh_from_db()
    return signal


def recipients():
    return sorted(address for m in mail.outbox for address in m.to)


@pytest.fixture
def repair(personas):
    signal = report(personas)
    mail.outbox.clear()
    # First answer due Monday 17:00 (8 working hours), resolution in two weeks.
    return set_times(
        signal,
        MONDAY,
        MONDAY.replace(hour=17),
        MONDAY + dt.timedelta(days=14),
    )


def test_no_reminder_while_there_is_time(repair):
    run = check_deadlines(MONDAY)
    assert run.total == 0
    assert not mail.outbox


def test_reminder_before_the_first_answer_is_due_goes_to_the_team(personas, repair):
    # Herstelling routes to the housing company; give it to the technical team.
    team = personas.technician.staff_roles.get().team
    Signal.objects.filter(pk=repair.pk).update(owner_team=team)
    # 8 working hours allowed: the reminder comes when half of it is left.
    assert check_deadlines(MONDAY.replace(hour=12)).total == 0
    run = check_deadlines(MONDAY.replace(hour=13, minute=30))
    assert run.reminded == [repair.pk]
    repair.refresh_from_db()
    assert repair.reminded_at is not None
    event = repair.events.get(kind=EventKind.REMINDER)
    assert not event.public and event.data["deadline"] == FIRST_RESPONSE
    assert recipients() == [personas.technician.email]
    assert repair.reference in mail.outbox[0].subject
    assert "Herinnering" in mail.outbox[0].subject  # Dutch for staff
    # Never twice.
    mail.outbox.clear()
    again = check_deadlines(MONDAY.replace(hour=11))
    assert again.total == 0 and not mail.outbox
    assert repair.events.filter(kind=EventKind.REMINDER).count() == 1


def test_reminder_goes_to_the_person_handling_it(personas, repair):
    Signal.objects.filter(pk=repair.pk).update(owner_user=personas.letting)
    check_deadlines(MONDAY.replace(hour=14))
    assert recipients() == [personas.letting.email]


def test_reminder_without_team_goes_to_organisation_staff_in_the_estate(personas, repair):
    check_deadlines(MONDAY.replace(hour=14))
    got = set(recipients())
    assert personas.technician.email in got and personas.coordinator.email in got
    # Other organisations never hear about it.
    assert personas.social_worker.email not in got
    assert personas.buurtwerker.email not in got


def test_welfare_reminder_respects_need_to_know_roles(personas):
    signal = report(personas, "welzijn-en-zorg", "Mijn buurvrouw zie ik al dagen niet")
    mail.outbox.clear()
    set_times(signal, MONDAY, MONDAY.replace(hour=17), MONDAY + dt.timedelta(days=14))
    check_deadlines(MONDAY.replace(hour=14))
    got = set(recipients())
    assert personas.social_worker.email in got
    assert personas.technician.email not in got
    # Budget workers are not in the roles of this category.
    assert personas.budget_worker.email not in got


def test_first_response_breach_escalates_to_coordinators_once(personas, repair):
    run = check_deadlines(MONDAY.replace(hour=18))
    assert run.escalated_first_response == [repair.pk]
    assert run.reminded == []
    event = repair.events.get(kind=EventKind.ESCALATED)
    assert event.data["deadline"] == FIRST_RESPONSE
    assert recipients() == [personas.coordinator.email]
    assert "Escalatie" in mail.outbox[0].subject
    # The e-mail never carries the resident's own words.
    assert "kraan" not in mail.outbox[0].body
    mail.outbox.clear()
    assert check_deadlines(MONDAY.replace(hour=19)).total == 0
    assert not mail.outbox


def test_resolution_breach_escalates_once(personas, repair):
    actions.change_status(signal=repair, user=personas.technician, status=SignalStatus.ASSIGNED)
    repair.refresh_from_db()
    assert repair.first_response_at is not None
    Signal.objects.filter(pk=repair.pk).update(resolution_due=MONDAY + dt.timedelta(days=1))
    mail.outbox.clear()
    later = MONDAY + dt.timedelta(days=2)
    run = check_deadlines(later)
    assert run.escalated_resolution == [repair.pk]
    repair.refresh_from_db()
    assert repair.escalated_at == later
    assert repair.events.get(kind=EventKind.ESCALATED).data["deadline"] == RESOLUTION
    assert personas.coordinator.email in recipients()
    assert check_deadlines(later + dt.timedelta(hours=1)).total == 0


def test_reminder_before_the_resolution_is_due_once(personas, repair):
    actions.change_status(signal=repair, user=personas.technician, status=SignalStatus.ASSIGNED)
    friday_end = dt.datetime(2025, 3, 7, 17, 0, tzinfo=BRUSSELS)
    Signal.objects.filter(pk=repair.pk).update(resolution_due=friday_end)
    mail.outbox.clear()
    # Thursday noon: 13.5 working hours left, more than the 8 of the policy.
    assert check_deadlines(dt.datetime(2025, 3, 6, 12, 0, tzinfo=BRUSSELS)).total == 0
    run = check_deadlines(dt.datetime(2025, 3, 7, 9, 0, tzinfo=BRUSSELS))
    assert run.reminded_resolution == [repair.pk] and run.reminded == []
    repair.refresh_from_db()
    assert repair.resolution_reminded_at is not None
    event = repair.events.get(kind=EventKind.REMINDER)
    assert not event.public and event.data["deadline"] == RESOLUTION
    got = set(recipients())
    assert personas.technician.email in got and personas.social_worker.email not in got
    message = mail.outbox[0]
    assert repair.reference in message.subject and "opgelost" in message.subject
    assert "kraan" not in message.body
    mail.outbox.clear()
    assert check_deadlines(dt.datetime(2025, 3, 7, 10, 0, tzinfo=BRUSSELS)).total == 0
    assert not mail.outbox
    # The breach still escalates.
    late = check_deadlines(dt.datetime(2025, 3, 7, 18, 0, tzinfo=BRUSSELS))
    assert late.escalated_resolution == [repair.pk]


def test_the_history_says_which_deadline_a_reminder_was_about(personas, repair, staff_client):
    assert check_deadlines(MONDAY.replace(hour=14)).reminded == [repair.pk]
    actions.change_status(signal=repair, user=personas.technician, status=SignalStatus.ASSIGNED)
    Signal.objects.filter(pk=repair.pk).update(resolution_due=MONDAY + dt.timedelta(days=1))
    check_deadlines(MONDAY + dt.timedelta(hours=21))
    staff_client.force_login(personas.technician)
    page = staff_client.get(reverse("inbox:signal", args=[repair.pk])).content.decode()
    assert "termijn voor het eerste antwoord" in page
    assert "termijn om op te lossen" in page


def test_a_short_resolution_time_is_reminded_half_way_at_the_earliest(personas, repair):
    actions.change_status(signal=repair, user=personas.technician, status=SignalStatus.ASSIGNED)
    policy = DeadlinePolicy.objects.get(category__slug="herstelling", urgent=False)
    policy.resolution_days = 1
    policy.remind_before_hours = 40
    policy.save()
    Signal.objects.filter(pk=repair.pk).update(resolution_due=MONDAY.replace(hour=17))
    # One working day of 8½ hours allowed: the reminder waits until 4¼ hours are left.
    assert check_deadlines(MONDAY.replace(hour=12, minute=30)).reminded_resolution == []
    assert check_deadlines(MONDAY.replace(hour=13)).reminded_resolution == [repair.pk]


def test_a_reopened_signal_is_reminded_and_escalated_again(personas, repair):
    for status in (SignalStatus.ASSIGNED, SignalStatus.RESOLVED):
        actions.change_status(signal=repair, user=personas.technician, status=status)
    Signal.objects.filter(pk=repair.pk).update(resolution_reminded_at=MONDAY, escalated_at=MONDAY)
    repair.refresh_from_db()
    actions.change_status(signal=repair, user=personas.technician, status=SignalStatus.REOPENED)
    repair.refresh_from_db()
    assert repair.resolution_reminded_at is None and repair.escalated_at is None
    due = repair.resolution_due
    run = check_deadlines(due - dt.timedelta(hours=1))
    assert run.reminded_resolution == [repair.pk]
    run = check_deadlines(due + dt.timedelta(minutes=1))
    assert run.escalated_resolution == [repair.pk]


def test_correcting_a_reopened_signal_counts_from_the_reopening(personas, repair):
    for status in (SignalStatus.ASSIGNED, SignalStatus.RESOLVED, SignalStatus.REOPENED):
        actions.change_status(signal=repair, user=personas.technician, status=status)
    reopened_at = repair.events.get(kind=EventKind.STATUS, to_status=SignalStatus.REOPENED).at
    Signal.objects.filter(pk=repair.pk).update(resolution_reminded_at=reopened_at)
    repair.refresh_from_db()
    safety = Category.objects.get(slug="veiligheid")
    actions.triage_signal(signal=repair, user=personas.technician, category=safety, urgent=False)
    repair.refresh_from_db()
    # Safety: resolved within 5 working days, counted from the reopening, not the first report.
    assert repair.resolution_due == deadlines.add_working_days(reopened_at, 5)
    assert repair.resolution_reminded_at is None and repair.escalated_at is None


def test_paused_and_closed_signals_are_left_alone(personas, repair):
    actions.change_status(signal=repair, user=personas.technician, status=SignalStatus.ASSIGNED)
    actions.change_status(
        signal=repair, user=personas.technician, status=SignalStatus.WAITING_RESIDENT
    )
    Signal.objects.filter(pk=repair.pk).update(resolution_due=MONDAY)
    assert check_deadlines(MONDAY + dt.timedelta(days=30)).total == 0
    other = report(personas, text="Deurbel kapot")
    set_times(other, MONDAY, MONDAY, MONDAY)
    actions.change_status(signal=other, user=personas.technician, status=SignalStatus.CANCELLED)
    assert check_deadlines(MONDAY + dt.timedelta(days=30)).total == 0


def test_unowned_signal_breach_goes_to_the_triage_desk_coordinators(personas):
    signal = actions.create_signal(
        text="Iets vreemds in de kelder", channel=Channel.PORTAL, reporter=personas.tenant
    ).signal
    Signal.objects.filter(pk=signal.pk).update(
        owner_organisation=None,
        owner_team=None,
        owner_user=None,
        first_response_due=MONDAY,
        resolution_due=MONDAY + dt.timedelta(days=5),
    )
    mail.outbox.clear()
    run = check_deadlines(MONDAY + dt.timedelta(hours=1))
    assert run.escalated_first_response == [signal.pk]
    assert personas.coordinator.email in recipients()


def test_a_failing_mail_server_keeps_the_marker(personas, repair, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
    run = check_deadlines(MONDAY.replace(hour=14))
    assert run.reminded == [repair.pk] and run.failed_emails >= 1
    repair.refresh_from_db()
    assert repair.reminded_at is not None


def test_many_signals_in_few_queries(personas, django_assert_max_num_queries):
    for i in range(30):
        s = report(personas, text=f"Lek nummer {i}")
        set_times(s, MONDAY, MONDAY.replace(hour=17), MONDAY + dt.timedelta(days=1))
    mail.outbox.clear()
    with django_assert_max_num_queries(40):
        run = check_deadlines(MONDAY + dt.timedelta(days=3))
    assert len(run.escalated_first_response) == 30


def test_command_prints_what_it_did(repair):
    out = StringIO()
    call_command("deadlines", "check", "--at", "2025-03-03T18:00", stdout=out)
    text = out.getvalue()
    assert "Escalated (no first answer in time): 1" in text and repair.reference in text
    assert "Reminded (resolution due soon): 0" in text
    out = StringIO()
    call_command("deadlines", "check", "--at", "2025-03-03T18:30", stdout=out)
    assert "Escalated (no first answer in time): 0" in out.getvalue()


def test_command_refuses_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("deadlines", "check", "--at", "gisteren")


# --- The scheduler in the worker --------------------------------------------------------------


def test_only_one_worker_claims_each_interval(db):
    interval = dt.timedelta(minutes=5)
    now = MONDAY
    assert worker.claim_schedule("schedule:test", interval, now=now, hostname="a")
    assert not worker.claim_schedule("schedule:test", interval, now=now, hostname="b")
    assert not worker.claim_schedule(
        "schedule:test", interval, now=now + dt.timedelta(minutes=2), hostname="b"
    )
    assert worker.claim_schedule(
        "schedule:test", interval, now=now + dt.timedelta(minutes=5), hostname="b"
    )
    assert WorkerHeartbeat.objects.get(worker_id="schedule:test").hostname == "b"


@override_settings(SIGNAL_DEADLINE_CHECK_SECONDS=60)
def test_scheduler_enqueues_the_deadline_check(personas, repair, monkeypatch):
    calls = []

    class FakeTask:
        @staticmethod
        def enqueue(*args):
            calls.append(args)

    monkeypatch.setattr("wijkpunt.signalling.reminder_tasks.check_deadlines", FakeTask)
    monkeypatch.setattr("wijkpunt.households.tasks.remind_unanswered_referrals", FakeTask)
    assert worker.run_scheduled_jobs(now=MONDAY) == [
        worker.DEADLINES_SCHEDULE,
        worker.REFERRALS_SCHEDULE,
    ]
    assert worker.run_scheduled_jobs(now=MONDAY + dt.timedelta(seconds=30)) == []
    assert worker.run_scheduled_jobs(now=MONDAY + dt.timedelta(seconds=60)) == [
        worker.DEADLINES_SCHEDULE
    ]
    assert len(calls) == 3


def test_the_task_runs_the_check(personas, repair):
    from wijkpunt.signalling.reminder_tasks import check_deadlines as task

    Signal.objects.filter(pk=repair.pk).update(first_response_due=MONDAY)
    result = task.enqueue()
    assert result.return_value["escalated_first_response"] == 1


def test_urgent_signals_are_reminded_in_clock_hours(personas):
    signal = report(personas, "veiligheid", "De toegangsdeur sluit niet meer")
    saturday = dt.datetime(2025, 3, 8, 22, 0, tzinfo=BRUSSELS)
    Signal.objects.filter(pk=signal.pk).update(
        urgent=True,
        created_at=saturday,
        first_response_due=saturday + dt.timedelta(hours=2),
        resolution_due=saturday + dt.timedelta(days=1),
    )
    mail.outbox.clear()
    # Two hours allowed: the reminder comes when one hour is left, even on a Saturday night.
    assert check_deadlines(saturday + dt.timedelta(minutes=50)).total == 0
    run = check_deadlines(saturday + dt.timedelta(minutes=70))
    assert run.reminded == [signal.pk]
    assert mail.outbox

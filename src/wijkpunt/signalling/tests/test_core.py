"""The signal core: intake, routing, deadlines, workflow, need-to-know, merging, feedback."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from wijkpunt.audit.models import AuditEntry
from wijkpunt.signalling import actions, deadlines, workflow
from wijkpunt.signalling.access import get_signal_for, visible_signals
from wijkpunt.signalling.models import Category, Channel, SignalStatus
from wijkpunt.testing import HANDOVER, make_report

BRUSSELS = ZoneInfo("Europe/Brussels")


def cat(slug):
    return Category.objects.get(slug=slug)


def report(personas, text="De kraan in de keuken lekt", slug="herstelling", **kw):
    return make_report(personas, text, slug, **kw)


def test_intake_locates_routes_and_sets_deadlines(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        signal = report(personas)
    assert signal.dwelling == personas.dwelling
    assert signal.estate == personas.estate
    assert signal.household == personas.household
    assert signal.owner_organisation == personas.housing
    assert signal.first_response_due and signal.resolution_due > signal.created_at
    assert signal.events.filter(kind="created", public=True).exists()
    # The tenant got an acknowledgement with the reference.
    assert any(signal.reference in m.subject for m in mail.outbox)


def test_intake_follows_the_reporter_to_their_current_home(personas):
    """A tenant who moved reports from the new home; one who has no current tenancy still
    belongs to their household; a neighbour's report carries no household."""
    from wijkpunt.housing.models import Dwelling, Tenancy

    old = Tenancy.objects.get(household=personas.household)
    old.end_date = dt.date(2024, 12, 31)
    old.save()
    new_home = Dwelling.objects.create(building=personas.building, unit="3.2")
    Tenancy.objects.create(
        dwelling=new_home, household=personas.household, start_date=dt.date(2025, 1, 1)
    )
    signal = report(personas)
    assert signal.dwelling == new_home
    assert (signal.building, signal.estate) == (personas.building, personas.estate)
    assert signal.household == personas.household

    Tenancy.objects.filter(household=personas.household, end_date=None).update(
        end_date=dt.date(2025, 6, 30)
    )
    from wijkpunt.accounts.models import User

    tenant = User.objects.get(pk=personas.tenant.pk)  # a new request: nothing remembered
    signal = report(personas, reporter=tenant)
    assert signal.household == personas.household
    assert (signal.dwelling, signal.estate) == (None, None)
    signal = report(personas, reporter=tenant, where="building", building=personas.building)
    assert signal.household == personas.household and signal.estate == personas.estate

    signal = report(personas, for_neighbour=True, reporter=personas.other_tenant)
    assert signal.household is None and signal.dwelling == personas.other_dwelling


def test_the_acknowledgement_is_queued_in_the_same_transaction(personas, settings):
    """With the database task backend, a signal and its acknowledgement commit together:
    when the transaction does not commit, neither exists."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from wijkpunt.signalling.models import Signal

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    signal = report(personas)
    assert DBTaskResult.objects.filter(
        task_path__endswith="acknowledge_signal", args_kwargs__args=[signal.pk]
    ).exists()

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        lost = report(personas, text="Nog een lek")
        assert DBTaskResult.objects.filter(args_kwargs__args=[lost.pk]).exists()
        raise Abort
    assert not Signal.objects.filter(pk=lost.pk).exists()
    assert not DBTaskResult.objects.filter(args_kwargs__args=[lost.pk]).exists()


def test_a_retried_submission_never_creates_a_second_signal(personas):
    first = actions.create_signal(
        text="Lift kapot", channel=Channel.API, reporter=personas.tenant, idempotency_key="abc-1"
    )
    again = actions.create_signal(
        text="Lift kapot", channel=Channel.API, reporter=personas.tenant, idempotency_key="abc-1"
    )
    assert first.created and not again.created
    assert first.signal.pk == again.signal.pk


def test_empty_text_is_refused(personas):
    with pytest.raises(ValidationError):
        actions.create_signal(text="   ", channel=Channel.PORTAL, reporter=personas.tenant)


def test_need_to_know_between_partners(personas):
    repair = report(personas)
    welfare = report(personas, "Mijn buurman heb ik al dagen niet gezien", "welzijn-en-zorg")
    debts = report(personas, "Ik heb schulden", "financiele-zorgen")
    rent = report(personas, "Ik kan de huur niet betalen", "huur-en-betaling")

    def sees(user):
        return set(visible_signals(user).values_list("pk", flat=True))

    assert sees(personas.technician) >= {repair.pk}
    assert not sees(personas.technician) & {welfare.pk, debts.pk, rent.pk}
    assert sees(personas.social_worker) >= {welfare.pk, debts.pk}
    assert repair.pk not in sees(personas.social_worker)
    assert debts.pk in sees(personas.budget_worker) and welfare.pk not in sees(
        personas.budget_worker
    )
    assert rent.pk in sees(personas.letting)
    assert not sees(personas.partner_worker)
    assert not sees(personas.outsider)
    assert sees(personas.tenant) == {repair.pk, welfare.pk, debts.pk, rent.pk}
    assert not sees(personas.other_tenant)


def test_staff_reads_are_audited_and_refusals_are_404(personas):
    from django.http import Http404

    welfare = report(personas, "Mijn buurman is gevallen", "welzijn-en-zorg")
    get_signal_for(personas.social_worker, welfare.pk, purpose="test")
    assert AuditEntry.objects.filter(object_type="signal", object_id=str(welfare.pk)).count() == 1
    with pytest.raises(Http404):
        get_signal_for(personas.technician, welfare.pk)


def test_handover_makes_the_signal_visible_to_the_receiving_partner(personas):
    signal = report(personas, "Ik zit in geldnood", "financiele-zorgen")
    assert signal.pk not in visible_signals(personas.partner_worker).values_list("pk", flat=True)
    actions.assign(
        signal=signal,
        user=personas.social_worker,
        organisation=personas.other_partner,
        note="Overdracht",
        **HANDOVER,
    )
    assert signal.pk in visible_signals(personas.partner_worker).values_list("pk", flat=True)
    signal.refresh_from_db()
    assert signal.events.filter(kind="handover").exists()


def test_workflow_refuses_a_forbidden_transition(personas):
    signal = report(personas)
    with pytest.raises(workflow.TransitionError):
        actions.change_status(signal=signal, user=personas.technician, status=SignalStatus.CLOSED)


def test_the_resident_hears_every_public_step_and_not_solved_reopens(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signal = report(personas)
        actions.assign(signal=signal, user=personas.technician, organisation=personas.housing)
        actions.change_status(signal=signal, user=personas.technician, status="in_progress")
        actions.add_note(signal=signal, user=personas.technician, text="Intern: sifon vervangen")
        actions.change_status(
            signal=signal, user=personas.technician, status="resolved", message="Sifon vervangen."
        )
    bodies = "\n".join(m.body for m in mail.outbox)
    assert "Sifon vervangen." in bodies
    assert "Intern" not in bodies
    with django_capture_on_commit_callbacks(execute=True):
        actions.give_feedback(signal=signal, user=personas.tenant, solved=False, comment="Lekt nog")
    signal.refresh_from_db()
    assert signal.status == SignalStatus.REOPENED


def test_merge_keeps_one_job_and_every_reporter_hears_back(
    personas, django_capture_on_commit_callbacks
):
    first = report(personas, "Lift kapot in blok A", where="building")
    second = report(
        personas, "De lift staat stil", where="building", reporter=personas.other_tenant
    )
    actions.merge(duplicate=second, into=first, user=personas.technician)
    second.refresh_from_db()
    assert second.status == SignalStatus.MERGED and second.merged_into == first
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.assign(signal=first, user=personas.technician, organisation=personas.housing)
    recipients = {m.to[0] for m in mail.outbox}
    assert {personas.tenant.email, personas.other_tenant.email} <= recipients
    # Each reads about their own report: their reference, their words, their link.
    theirs = next(m for m in mail.outbox if m.to == [personas.other_tenant.email])
    assert second.reference in theirs.subject and first.reference not in theirs.subject
    assert "De lift staat stil" in theirs.body and "blok A" not in theirs.body
    assert f"/mijn/meldingen/{second.pk}/" in theirs.body
    mine = next(m for m in mail.outbox if m.to == [personas.tenant.email])
    assert "blok A" in mine.body and "De lift staat stil" not in mine.body
    # A message to the first reporter is theirs alone.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_message(
            signal=first, user=personas.technician, text="We komen dinsdag bij u langs."
        )
    assert [m.to for m in mail.outbox] == [[personas.tenant.email]]
    # A status message written to the first reporter does not go to the other one.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(
            signal=first,
            user=personas.technician,
            status=SignalStatus.IN_PROGRESS,
            message="Mevrouw Peeters, de technieker belt u op.",
        )
    theirs = next(m for m in mail.outbox if m.to == [personas.other_tenant.email])
    assert "Peeters" not in theirs.body


def test_deadlines_skip_weekends_and_belgian_holidays():
    start = dt.datetime(2026, 12, 24, 16, 0, tzinfo=BRUSSELS)  # Thursday before Christmas
    due = deadlines.add_working_time(start, dt.timedelta(hours=2))
    # One hour until 17:00; Christmas (Friday 25th) and the weekend are skipped; the second
    # hour starts at 8:30 on Monday 28th.
    assert due.astimezone(BRUSSELS) == dt.datetime(2026, 12, 28, 9, 30, tzinfo=BRUSSELS)
    assert deadlines.working_time_between(start, due) == dt.timedelta(hours=2)


def test_waiting_for_the_resident_pauses_the_clock(personas):
    signal = report(personas)
    actions.assign(signal=signal, user=personas.technician, organisation=personas.housing)
    signal.refresh_from_db()
    due = signal.resolution_due
    paused_at = dt.datetime(2026, 12, 1, 9, 0, tzinfo=BRUSSELS)  # a Tuesday
    deadlines.pause(signal, at=paused_at)
    deadlines.resume(signal, at=paused_at + dt.timedelta(days=1))  # one working day later
    assert signal.resolution_due - due >= dt.timedelta(hours=8)


# --- The urgent alert --------------------------------------------------------------------------


def _alert(signal, django_capture_on_commit_callbacks):
    from wijkpunt.signalling import tasks

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.alert_urgent_signal.enqueue(signal.pk)
    return {address for m in mail.outbox for address in m.to}


def test_the_urgent_alert_respects_need_to_know(personas, django_capture_on_commit_callbacks):
    from wijkpunt.signalling.models import Signal

    signal = report(personas, "Mijn buurvrouw ligt al dagen in bed en eet niet", "welzijn-en-zorg")
    Signal.objects.filter(pk=signal.pk).update(
        owner_organisation=personas.ocmw, owner_team=None, owner_user=None, urgent=True
    )
    got = _alert(signal, django_capture_on_commit_callbacks)
    assert personas.social_worker.email in got
    # Budget workers may not see welfare signals; the housing company hears nothing either.
    assert personas.budget_worker.email not in got
    assert personas.technician.email not in got
    assert "URGENT" in mail.outbox[0].subject or "DRINGEND" in mail.outbox[0].subject


def test_an_urgent_signal_without_owner_alerts_the_coordinators(
    personas, django_capture_on_commit_callbacks
):
    from wijkpunt.signalling.models import Signal

    signal = report(personas, "Rook in de kelder", slug=None)
    Signal.objects.filter(pk=signal.pk).update(
        owner_organisation=None, owner_team=None, owner_user=None, urgent=True
    )
    got = _alert(signal, django_capture_on_commit_callbacks)
    assert personas.coordinator.email in got


def test_marking_urgent_alerts_staff_without_a_second_acknowledgement(
    personas, django_capture_on_commit_callbacks
):
    signal = report(personas, "De bel is kapot")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.triage_signal(
            signal=signal, user=personas.technician, category=cat("herstelling"), urgent=True
        )
    got = {address for m in mail.outbox for address in m.to}
    assert personas.tenant.email not in got
    assert personas.technician.email in got


def test_handing_over_an_urgent_signal_alerts_the_new_partner(
    personas, django_capture_on_commit_callbacks
):
    signal = report(
        personas, "De voordeur van blok A sluit niet meer", "veiligheid", reported_urgent=True
    )
    signal.refresh_from_db()
    assert signal.urgent
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.assign(
            signal=signal,
            user=personas.technician,
            organisation=personas.other_partner,
            note="Overdracht",
            **HANDOVER,
        )
    got = {address for m in mail.outbox for address in m.to}
    assert personas.partner_worker.email in got

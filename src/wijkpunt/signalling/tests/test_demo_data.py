"""The demo's year of signals: volumes, every state and category, histories that follow the
workflow, deadlines, and signals for the demo tenants."""

from collections import Counter, defaultdict

import pytest

from wijkpunt.signalling import workflow
from wijkpunt.signalling.models import (
    OPEN_STATUSES,
    Category,
    EventKind,
    Feedback,
    Signal,
    SignalEvent,
    SignalStatus,
)

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def demo(shared_demo):
    """The run's one demo (see the root conftest)."""
    return shared_demo


def test_volumes_and_coverage(demo):
    total = Signal.objects.count()
    assert 1500 <= total <= 3000
    statuses = Counter(Signal.objects.values_list("status", flat=True))
    assert set(statuses) == set(SignalStatus.values), statuses
    categories = set(Signal.objects.exclude(category=None).values_list("category__slug", flat=True))
    assert categories == set(Category.objects.values_list("slug", flat=True))
    channels = set(Signal.objects.values_list("channel", flat=True))
    assert {"portal", "phone", "qr", "counter", "visit"} <= channels
    assert Signal.objects.filter(urgent=True).exists()
    assert Signal.objects.filter(anonymous=True).exists()
    assert Signal.objects.filter(for_neighbour=True).exists()
    assert Signal.objects.exclude(language="nl-be").exists()
    assert SignalEvent.objects.filter(kind=EventKind.HANDOVER).exists()
    assert SignalEvent.objects.filter(kind=EventKind.NOTE).exists()
    assert SignalEvent.objects.filter(kind=EventKind.MESSAGE, public=True).exists()
    assert Feedback.objects.filter(solved=False).exists()
    assert Feedback.objects.filter(solved=True).exists()
    overdue = [s for s in Signal.objects.filter(status__in=OPEN_STATUSES) if s.is_overdue]
    assert overdue
    assert demo.counts["signals"] == total


def test_every_history_follows_the_workflow(demo):
    events = defaultdict(list)
    for e in SignalEvent.objects.order_by("at", "id").iterator():
        events[e.signal_id].append(e)
    now = demo.now
    for signal in Signal.objects.all().iterator():
        history = events[signal.pk]
        assert history and history[0].kind == EventKind.CREATED, signal.pk
        assert history[0].at == signal.created_at
        status = SignalStatus.NEW
        for e in history:
            assert e.at <= now
            if e.kind in {EventKind.TRIAGED, EventKind.STATUS, EventKind.MERGED} and e.to_status:
                assert e.from_status == status, (signal.pk, e.kind, e.from_status, status)
                workflow.check_transition(status, e.to_status)
                status = e.to_status
                assert e.public == (
                    e.to_status in workflow.PUBLIC_STATUSES and e.kind != EventKind.TRIAGED
                ) or (e.to_status == SignalStatus.IN_PROGRESS and not e.public), e.pk
            if e.kind == EventKind.NOTE:
                assert not e.public
        assert status == signal.status, signal.pk
        # Fields that follow from the status.
        if signal.status == SignalStatus.MERGED:
            assert signal.merged_into_id and signal.merged_into.status != SignalStatus.MERGED
        if signal.status in {SignalStatus.RESOLVED, SignalStatus.CLOSED}:
            assert signal.resolved_at
        if signal.status == SignalStatus.CLOSED:
            assert signal.closed_at
        if signal.status == SignalStatus.WAITING_RESIDENT:
            assert signal.paused_at
        else:
            assert signal.paused_at is None
        answered = {
            SignalStatus.NEW,
            SignalStatus.TRIAGED,
            SignalStatus.MERGED,
            SignalStatus.CANCELLED,
        }
        if signal.status not in answered:
            assert signal.first_response_at, signal.pk
        if signal.category_id:
            assert signal.first_response_due and signal.resolution_due


def test_open_signals_have_owners_from_routing(demo):
    open_signals = Signal.objects.filter(status__in=OPEN_STATUSES).exclude(category=None)
    assert not open_signals.filter(owner_organisation=None).exists()
    repairs = Signal.objects.filter(category__slug="herstelling", status="assigned")
    if repairs.exists():
        assert repairs.exclude(owner_team=None).exists()
    assert Signal.objects.filter(owner_team__name="Technische dienst").exists()


def test_welfare_signals_stay_out_of_the_technical_service(demo):
    from wijkpunt.signalling.access import visible_signals

    technician = demo.staff["technieker"]
    assert not visible_signals(technician).filter(category__slug="welzijn-en-zorg").exists()
    social = demo.staff["maatschappelijkwerker"]
    assert visible_signals(social).filter(category__slug="welzijn-en-zorg").exists()


def test_demo_tenants_have_signals(demo):
    for key in ("huurder", "locataire", "tenant"):
        user = demo.tenants[key]
        own = Signal.objects.filter(reporter=user)
        assert own.count() >= 3, key
        assert own.filter(status=SignalStatus.RESOLVED).exists(), key
        assert len(set(own.values_list("status", flat=True))) >= 3, key


def test_escalations_and_reminders_are_consistent(demo):
    for signal in Signal.objects.exclude(escalated_at=None):
        assert signal.events.filter(kind=EventKind.ESCALATED).exists()
    for signal in Signal.objects.exclude(reminded_at=None)[:200]:
        assert signal.events.filter(kind=EventKind.REMINDER).exists()
    # Running the deadline check right after loading the demo does not flood anyone (the
    # demo's signals are made up to the afternoon of its day).
    from wijkpunt.signalling.reminders import check_deadlines

    run = check_deadlines(now=demo.now)
    assert len(run.escalated_resolution) <= 5

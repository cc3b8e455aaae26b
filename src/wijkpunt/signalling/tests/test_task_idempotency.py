"""A task that runs twice sends nothing twice: a worker can die (or lose its database) after a
mail left and before the task was marked done; the task then runs again."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from wijkpunt.core.taskqueue import ResilientWorker
from wijkpunt.signalling import actions
from wijkpunt.signalling.models import Category, Channel, EventKind, Signal, SignalEvent
from wijkpunt.signalling.reminders import check_deadlines

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def db_tasks(settings):
    """Tasks go to the database queue, as in production."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def worker(worker_id="w1"):
    return ResilientWorker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def run_twice(task_name: str) -> list[DBTaskResult]:
    """Run each queued task ``task_name``, then once more as if its worker had died before
    marking it done (the lease expired and the task was put back in the queue)."""
    rows = list(DBTaskResult.objects.filter(task_path__endswith=f".{task_name}"))
    assert rows, task_name
    for row in rows:
        for worker_id in ("w1", "w2"):
            DBTaskResult.objects.filter(pk=row.pk).update(status=TaskResultStatus.READY)
            row.refresh_from_db()
            row.claim(worker_id)
            worker(worker_id).run_task(row)
            row.refresh_from_db()
            assert row.status == TaskResultStatus.SUCCESSFUL, row.traceback
    return rows


def report(personas, text="De kraan in de keuken lekt", **kw):
    kw.setdefault("reporter", personas.tenant)
    return actions.create_signal(
        text=text, channel=Channel.PORTAL, category=Category.objects.get(slug="herstelling"), **kw
    ).signal


def to(address):
    return [m for m in mail.outbox if address in m.to]


def test_the_acknowledgement_run_twice_is_sent_once(personas, db_tasks):
    signal = report(personas)
    mail.outbox.clear()
    run_twice("acknowledge_signal")
    (message,) = to(personas.tenant.email)
    assert signal.reference in message.subject
    assert SignalEvent.objects.filter(signal=signal, kind=EventKind.NOTIFIED).count() == 1


def test_the_residents_news_run_twice_is_sent_once(personas, db_tasks):
    signal = report(personas)
    actions.send_message(signal=signal, user=personas.technician, text="We komen dinsdag.")
    mail.outbox.clear()
    run_twice("notify_resident")
    (message,) = to(personas.tenant.email)
    assert "We komen dinsdag." in message.body


def test_an_urgent_alert_run_twice_alerts_each_person_once(personas, db_tasks):
    signal = report(personas, text="Er is brand in de kelder, veel rook", reported_urgent=True)
    Signal.objects.filter(pk=signal.pk).update(urgent=True)
    if not DBTaskResult.objects.filter(task_path__endswith=".alert_urgent_signal").exists():
        from wijkpunt.signalling import tasks

        tasks.alert_urgent_signal.enqueue(signal.pk)
    mail.outbox.clear()
    run_twice("alert_urgent_signal")
    addresses = [a for m in mail.outbox for a in m.to]
    assert addresses and len(addresses) == len(set(addresses))
    # A new alert (a hand-over) is a new task: it alerts again.
    from wijkpunt.signalling import tasks

    DBTaskResult.objects.all().delete()
    tasks.alert_urgent_signal.enqueue(signal.pk)
    mail.outbox.clear()
    row = DBTaskResult.objects.get()
    row.claim("w3")
    worker("w3").run_task(row)
    assert sorted(a for m in mail.outbox for a in m.to) == sorted(addresses)


def test_a_reminder_run_twice_is_sent_once(personas):
    signal = report(personas)
    monday = dt.datetime(2025, 3, 3, 9, 0, tzinfo=BRUSSELS)
    Signal.objects.filter(pk=signal.pk).update(
        urgent=False,
        first_response_due=monday.replace(hour=17),
        resolution_due=monday + dt.timedelta(days=14),
    )
    mail.outbox.clear()
    first = check_deadlines(monday.replace(hour=14))
    again = check_deadlines(monday.replace(hour=14))
    assert first.reminded == [signal.pk] and again.reminded == []
    assert first.emails >= 1 and again.emails == 0
    assert len(mail.outbox) == first.emails

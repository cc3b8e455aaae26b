"""The background worker survives a database outage, and a task abandoned by a dead worker
runs again (the lease). The same with real processes, ``kill -9`` and a real PostgreSQL
restart: tests/faults/."""

import datetime as dt
import logging

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from wijkpunt.core import taskqueue
from wijkpunt.core.models import WorkerHeartbeat
from wijkpunt.core.taskqueue import ResilientWorker, backoff_delays, requeue_abandoned_tasks
from wijkpunt.core.tests import tasks_for_tests


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.TASK_LEASE_SECONDS = 60
    settings.TASK_MAX_ATTEMPTS = 3


@pytest.fixture
def no_real_disconnect(monkeypatch):
    """The worker closes its connections (as it should in production), which would end the
    test's own transaction: not here."""
    monkeypatch.setattr(taskqueue, "close_connections", lambda: None)
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


@pytest.fixture
def sleeps(monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr(taskqueue.time, "sleep", slept.append)
    return slept


def worker(worker_id="w-live", batch=True):
    return ResilientWorker(
        queue_names=["*"],
        interval=0,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def running(task_result_id, *, worker_ids, started_ago):
    DBTaskResult.objects.filter(pk=task_result_id).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=worker_ids,
        started_at=timezone.now() - dt.timedelta(seconds=started_ago),
    )


def status(task_result_id):
    return DBTaskResult.objects.get(pk=task_result_id).status


# --- The lease ---------------------------------------------------------------------------------


def test_a_task_whose_worker_stopped_beating_goes_back_in_the_queue(db, db_tasks):
    dead = tasks_for_tests.slow_first_attempt.enqueue(0).id
    alive = tasks_for_tests.slow_first_attempt.enqueue(0).id
    young = tasks_for_tests.slow_first_attempt.enqueue(0).id
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w-dead", last_seen=now - dt.timedelta(seconds=61))
    WorkerHeartbeat.objects.create(worker_id="w-alive", last_seen=now - dt.timedelta(seconds=5))
    running(dead, worker_ids=["w-dead"], started_ago=300)
    running(alive, worker_ids=["w-alive"], started_ago=300)  # a long task, worker still there
    running(young, worker_ids=["w-new"], started_ago=10)  # claimed before its first beat

    assert requeue_abandoned_tasks() == [dead]
    assert status(dead) == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=dead).started_at is None
    assert status(alive) == status(young) == TaskResultStatus.RUNNING
    assert requeue_abandoned_tasks() == []  # nothing twice


def test_a_task_that_keeps_killing_its_worker_is_given_up(db, db_tasks, caplog):
    poison = tasks_for_tests.slow_first_attempt.enqueue(0).id
    running(poison, worker_ids=["a", "b", "c"], started_ago=300)  # TASK_MAX_ATTEMPTS = 3
    with caplog.at_level(logging.ERROR):
        assert requeue_abandoned_tasks() == []
    row = DBTaskResult.objects.get(pk=poison)
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == taskqueue.ABANDONED
    assert "claimed 3 times" in row.traceback
    assert "abandoned 3 times" in caplog.text


def test_a_restarted_worker_releases_what_it_held_before(db, db_tasks, no_real_disconnect):
    """A worker restarted with the same --worker-id runs nothing yet: its RUNNING tasks are
    leftovers of the process that died, and go back in the queue at once."""
    held = tasks_for_tests.slow_first_attempt.enqueue(0).id
    running(held, worker_ids=["w-fixed"], started_ago=1)
    worker("w-fixed").run()
    row = DBTaskResult.objects.get(pk=held)
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.worker_ids == ["w-fixed", "w-fixed"]
    assert row.return_value == 2


def test_the_heartbeat_loop_beats_and_requeues(db, db_tasks, monkeypatch, no_real_disconnect):
    dead = tasks_for_tests.slow_first_attempt.enqueue(0).id
    running(dead, worker_ids=["w-dead"], started_ago=300)

    class OneRound:
        def is_set(self):
            return WorkerHeartbeat.objects.filter(worker_id="w-beat").exists()

        def wait(self, seconds):
            pass

    taskqueue.heartbeat_loop("w-beat", OneRound())
    assert WorkerHeartbeat.objects.filter(worker_id="w-beat").exists()
    assert status(dead) == TaskResultStatus.READY


# --- A database outage -------------------------------------------------------------------------


def test_backoff_doubles_from_half_a_second_to_thirty_with_jitter():
    delays = backoff_delays()
    got = [next(delays) for _ in range(9)]
    bases = [0.5, 1, 2, 4, 8, 16, 30, 30, 30]
    for value, base in zip(got, bases, strict=True):
        assert base * 0.75 <= value <= min(30, base * 1.25)


def test_the_worker_rides_out_an_outage(
    db, db_tasks, monkeypatch, sleeps, no_real_disconnect, caplog
):
    """The database refuses connections for a while: the worker logs it, backs off, reconnects
    and then runs the queued task, instead of crashing."""
    queued = tasks_for_tests.slow_first_attempt.enqueue(0).id
    outage = {"claims": 2, "pings": 3, "down": False}
    real_get_locked = DBTaskResult.objects.none().__class__.get_locked

    def get_locked(self):
        if outage["claims"]:
            outage["claims"] -= 1
            outage["down"] = True
            raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')
        return real_get_locked(self)

    real_ping = taskqueue.ping

    def ping():
        if outage["down"] and outage["pings"]:
            outage["pings"] -= 1
            raise OperationalError("Connection refused")
        real_ping()

    monkeypatch.setattr("django_tasks_db.models.DBTaskResultQuerySet.get_locked", get_locked)
    monkeypatch.setattr(taskqueue, "ping", ping)
    with caplog.at_level(logging.INFO, logger="wijkpunt.core.taskqueue"):
        worker().run()
    assert status(queued) == TaskResultStatus.SUCCESSFUL
    # Two losses: the first waits 0.5, 1, 2 s (three refused pings), the second reconnects at once.
    waits = [s for s in sleeps if s]  # the worker's own poll interval is 0 here
    assert len(waits) == 3
    for value, base in zip(waits, [0.5, 1, 2], strict=True):
        assert base * 0.75 <= value <= base * 1.25
    assert caplog.text.count("lost the database") == 2
    assert "reconnected to the database" in caplog.text


def test_a_task_interrupted_by_an_outage_runs_again(db, db_tasks, sleeps, no_real_disconnect):
    """Not marked failed: the outage was not the task's fault. After reconnecting, the worker
    puts it back in the queue and runs it again."""
    queued = tasks_for_tests.lose_the_database_once.enqueue().id
    worker().run()
    row = DBTaskResult.objects.get(pk=queued)
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == 2 and row.worker_ids == ["w-live", "w-live"]


def test_a_task_that_fails_by_itself_is_still_a_failure(db, db_tasks, no_real_disconnect):
    queued = tasks_for_tests.fails.enqueue().id
    worker().run()
    row = DBTaskResult.objects.get(pk=queued)
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "builtins.ValueError"


def test_the_heartbeat_resumes_after_an_outage(
    db, db_tasks, monkeypatch, no_real_disconnect, caplog
):
    """Beats that fail while the database is away are logged once; the next beat that
    reaches the database is written (and said so)."""
    real_beat = taskqueue.beat
    calls = {"n": 0}

    def beat(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] <= 3:
            raise OperationalError("Connection refused")
        real_beat(*args, **kwargs)

    class Rounds:
        def is_set(self):
            return calls["n"] >= 4

        def wait(self, seconds):
            pass

    monkeypatch.setattr(taskqueue, "beat", beat)
    with caplog.at_level(logging.WARNING, logger="wijkpunt.core.taskqueue"):
        taskqueue.heartbeat_loop("w-back", Rounds())
    assert WorkerHeartbeat.objects.filter(worker_id="w-back").exists()
    assert caplog.text.count("heartbeat failed") == 1
    assert "heartbeat written again" in caplog.text

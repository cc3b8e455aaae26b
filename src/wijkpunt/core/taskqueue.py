"""Running background tasks so that none is lost: the worker rides out a database outage,
and a task abandoned by a dead worker runs again.

Tasks live in the database (``django_tasks_db``'s ``DBTaskResult``). A worker *claims* a task
by setting it RUNNING with its own id appended to ``worker_ids``. Two things can leave a task
RUNNING with nobody running it, and both are handled here:

1. **The database goes away** (a PostgreSQL restart, a failover, a network cut). The worker
   does not crash: ``ResilientWorker`` catches the connection error, closes the broken
   connections, waits (0.5 s doubling to 30 s, with jitter) until the database answers again
   and carries on. A task that was interrupted by the outage is put back in the queue by the
   worker itself once the database is back, so it runs again.
2. **The worker dies** (``kill -9``, out of memory, the machine stops). Each worker writes a
   heartbeat every ``WORKER_HEARTBEAT_SECONDS`` (15 s). A RUNNING task is *leased* to the
   worker that claimed it last for as long as that worker's heartbeat is younger than
   ``TASK_LEASE_SECONDS`` (60 s). Every live worker looks every half lease for RUNNING tasks
   whose lease expired and puts them back in the queue (``requeue_abandoned_tasks``). A task
   that was claimed ``TASK_MAX_ATTEMPTS`` times without finishing is marked FAILED instead of
   being tried forever.

A task may therefore run more than once; Wijkpunt's tasks are idempotent (the e-mails use
``send_templated_mail(once=…)``, reminders set their marker in the transaction of their
history event). See docs/durability.md."""

from __future__ import annotations

import datetime as dt
import logging
import random
import socket
import threading
import time

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import InterfaceError, OperationalError, connections
from django.utils import timezone
from django_tasks_db.compat import TaskContext, TaskResultStatus, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# What a database that restarts, fails over or is unreachable raises (psycopg and sqlite3
# errors arrive wrapped in these). Integrity or programming errors are bugs, not outages.
TRANSIENT_DATABASE_ERRORS = (OperationalError, InterfaceError)
BACKOFF_START_SECONDS = 0.5
BACKOFF_MAX_SECONDS = 30.0
ABANDONED = "wijkpunt.core.taskqueue.TaskAbandoned"


def task_lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.TASK_LEASE_SECONDS)


def heartbeat_seconds() -> float:
    return float(settings.WORKER_HEARTBEAT_SECONDS)


def close_connections() -> None:
    """Close every database connection of this thread, broken ones included."""
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except Exception:  # noqa: BLE001 - a broken connection may fail to close; drop it
            conn.connection = None


def ping() -> None:
    """One round trip to the database; raises when it does not answer."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")


def backoff_delays(start: float = BACKOFF_START_SECONDS, cap: float = BACKOFF_MAX_SECONDS):
    """0.5 s, 1 s, 2 s, … up to 30 s, each with ±25 % jitter so that workers that lost the
    database together do not all knock at the same moment."""
    delay = start
    while True:
        yield min(cap, delay * random.uniform(0.75, 1.25))  # noqa: S311 - jitter, not security
        delay = min(cap, delay * 2)


def beat(worker_id: str, *, hostname: str, started: dt.datetime) -> None:
    """Write this worker's heartbeat (its lease on the task it runs)."""
    from wijkpunt.core.models import WorkerHeartbeat

    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"last_seen": now, "hostname": hostname[:200]},
        create_defaults={"last_seen": now, "hostname": hostname[:200], "started_at": started},
    )


def requeue_abandoned_tasks(
    *, now: dt.datetime | None = None, worker_id: str | None = None
) -> list[str]:
    """Put RUNNING tasks whose worker is gone back in the queue; return their ids.

    Without ``worker_id``: tasks started more than a lease ago whose worker (the last one that
    claimed them) has no heartbeat within the lease. With ``worker_id``: every RUNNING task
    of that worker, which says it runs none of them (it just started, or an outage interrupted
    its task). Each task is changed in one conditional UPDATE, so a task that finished or was
    claimed again in the meantime is left alone."""
    from wijkpunt.core.models import WorkerHeartbeat

    now = now or timezone.now()
    lease = task_lease()
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    if worker_id is None:
        running = running.filter(started_at__lt=now - lease)
    rows = list(running.values_list("id", "worker_ids", "started_at"))
    if not rows:
        return []
    if worker_id is None:
        alive = set(
            WorkerHeartbeat.objects.filter(last_seen__gte=now - lease).values_list(
                "worker_id", flat=True
            )
        )
        abandoned = [r for r in rows if not r[1] or r[1][-1] not in alive]
    else:
        abandoned = [r for r in rows if r[1] and r[1][-1] == worker_id]
    requeued = []
    for pk, worker_ids, started_at in abandoned:
        same = DBTaskResult.objects.filter(
            pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at
        )
        if len(worker_ids) >= settings.TASK_MAX_ATTEMPTS:
            changed = same.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=ABANDONED,
                traceback=(
                    f"The task was claimed {len(worker_ids)} times and never finished "
                    f"(workers {', '.join(worker_ids)}); it is not tried again."
                ),
            )
            if changed:
                logger.error("Task %s was abandoned %s times: marked failed", pk, len(worker_ids))
            continue
        if same.update(status=TaskResultStatus.READY, started_at=None):
            requeued.append(str(pk))
            logger.warning(
                "Task %s was %s worker %s: back in the queue",
                pk,
                "interrupted (database lost or restart) in" if worker_id else "abandoned by",
                worker_ids[-1] if worker_ids else "?",
            )
    return requeued


class ResilientWorker(Worker):
    """``django_tasks_db``'s worker loop, which survives a database outage: it backs off and
    reconnects instead of crashing, and puts the task an outage interrupted back in the
    queue. Everything else (claiming with ``SKIP LOCKED``, signals, graceful stop on SIGTERM)
    is the library's."""

    def run(self) -> None:
        while self.running:
            try:
                # Tasks still RUNNING under this worker's id are not being run by anybody:
                # the worker restarted with the same id, or an outage interrupted them.
                requeue_abandoned_tasks(worker_id=self.worker_id)
                super().run()
                return
            except TRANSIENT_DATABASE_ERRORS as exc:
                self.running_task = False
                self.startup_delay = False
                if not self.running:
                    return
                logger.warning(
                    "Worker %s lost the database (%s: %s); reconnecting",
                    self.worker_id,
                    type(exc).__name__,
                    str(exc).strip().splitlines()[0] if str(exc).strip() else "",
                )
                self.wait_for_database()

    def wait_for_database(self) -> None:
        """Back off until the database answers again (or the worker is asked to stop)."""
        began = time.monotonic()
        for attempt, delay in enumerate(backoff_delays(), start=1):
            close_connections()
            try:
                ping()
                logger.warning(
                    "Worker %s reconnected to the database after %.1f s (%s attempts)",
                    self.worker_id,
                    time.monotonic() - began,
                    attempt,
                )
                return
            except TRANSIENT_DATABASE_ERRORS as exc:
                logger.info(
                    "Database still unavailable (%s); next try in %.1f s",
                    type(exc).__name__,
                    delay,
                )
            if not self.running:
                return
            time.sleep(delay)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """As the library's, except that a lost database is not the task's failure: the task
        stays RUNNING under this worker, the error goes up to ``run()`` (which reconnects and
        puts the task back in the queue) and the task runs again."""
        try:
            self.running_task = True
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = task.get_backend()
            task_started.send(sender=backend_type, task_result=task_result)
            if task.takes_context:
                return_value = task.call(
                    TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                )
            else:
                return_value = task.call(*task_result.args, **task_result.kwargs)
            db_task_result.set_successful(return_value)
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        except TRANSIENT_DATABASE_ERRORS:
            raise
        except BaseException as e:
            db_task_result.set_failed(e)
            try:
                sender = type(db_task_result.task.get_backend())
                task_result = db_task_result.task_result
            except (ImportError, SuspiciousOperation):
                logger.exception("Task id=%s failed unexpectedly", db_task_result.id)
            else:
                task_finished.send(sender=sender, task_result=task_result)
        finally:
            self.running_task = False
            self._run_tasks += 1


def heartbeat_loop(worker_id: str, stop: threading.Event) -> None:
    """The worker's heartbeat thread: beat every ``WORKER_HEARTBEAT_SECONDS``, and every half
    lease put the tasks of dead workers back in the queue. A database outage only skips beats
    (it is logged once, and again when the beat is back)."""
    hostname = socket.gethostname()
    started = timezone.now()
    failing = False
    last_requeue = 0.0
    while not stop.is_set():
        try:
            beat(worker_id, hostname=hostname, started=started)
            if time.monotonic() - last_requeue >= task_lease().total_seconds() / 2:
                requeue_abandoned_tasks()
                last_requeue = time.monotonic()
            if failing:
                logger.warning("Worker %s: heartbeat written again", worker_id)
            failing = False
        except TRANSIENT_DATABASE_ERRORS as exc:
            if not failing:
                logger.warning("Worker %s: heartbeat failed (%s)", worker_id, type(exc).__name__)
            failing = True
        except Exception:  # a missed beat shows up in /healthz
            logger.exception("Worker heartbeat failed")
        finally:
            close_connections()
        stop.wait(heartbeat_seconds())

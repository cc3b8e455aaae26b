"""The background worker: runs queued tasks, writes a heartbeat for /healthz (and as its lease
on the task it runs), schedules periodic work (deadline reminders and escalation of signals,
reminders of unanswered referrals), rides out database outages and puts back in the queue
the tasks of workers that died (see ``wijkpunt.core.taskqueue`` and docs/durability.md).

Several workers may run side by side: each periodic job is claimed through one atomic
``UPDATE … WHERE last_seen <= now - interval`` on a marker row, so exactly one worker
enqueues it per interval (on PostgreSQL and on SQLite alike)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading

from django.conf import settings
from django.core.management.base import CommandError
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from wijkpunt.core.taskqueue import ResilientWorker, heartbeat_loop

# The scheduler looks this often whether a periodic job is due (it runs at most once per
# its own interval across all workers).
SCHEDULER_POLL_SECONDS = 30
DEADLINES_SCHEDULE = "schedule:check_deadlines"
REFERRALS_SCHEDULE = "schedule:referral_reminders"
REFERRALS_INTERVAL = dt.timedelta(hours=1)
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
logger = logging.getLogger(__name__)


def deadline_check_interval() -> dt.timedelta:
    return dt.timedelta(seconds=int(getattr(settings, "SIGNAL_DEADLINE_CHECK_SECONDS", 300)))


def claim_schedule(
    name: str, interval: dt.timedelta, *, now: dt.datetime | None = None, hostname: str = ""
) -> bool:
    """True for exactly one caller per interval: the marker row moves forward in one atomic
    UPDATE that only matches when the previous run is at least ``interval`` ago."""
    from wijkpunt.core.models import WorkerHeartbeat

    now = now or timezone.now()
    if not WorkerHeartbeat.objects.filter(worker_id=name).exists():
        try:
            with transaction.atomic():
                WorkerHeartbeat.objects.create(
                    worker_id=name, hostname=hostname[:200], started_at=now, last_seen=_EPOCH
                )
        except IntegrityError:  # another worker created it at the same moment
            pass
    # A second of slack, so a worker polling exactly every interval is never skipped.
    threshold = now - interval + dt.timedelta(seconds=1)
    claimed = WorkerHeartbeat.objects.filter(worker_id=name, last_seen__lte=threshold).update(
        last_seen=now, hostname=hostname[:200]
    )
    return claimed == 1


def run_scheduled_jobs(*, now: dt.datetime | None = None, hostname: str = "") -> list[str]:
    """Enqueue the periodic jobs that are due and claimed by this worker."""
    enqueued = []
    if claim_schedule(DEADLINES_SCHEDULE, deadline_check_interval(), now=now, hostname=hostname):
        from wijkpunt.signalling.reminder_tasks import check_deadlines

        check_deadlines.enqueue()
        enqueued.append(DEADLINES_SCHEDULE)
    if claim_schedule(REFERRALS_SCHEDULE, REFERRALS_INTERVAL, now=now, hostname=hostname):
        from wijkpunt.households.tasks import remind_unanswered_referrals

        remind_unanswered_referrals.enqueue()
        enqueued.append(REFERRALS_SCHEDULE)
    return enqueued


class Command(DBWorkerCommand):
    help = (
        "Run Wijkpunt's background worker (all queues) with a heartbeat; it rides out "
        "database outages and runs again the tasks a dead worker left behind."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*")

    def handle(
        self,
        *args,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options,
    ) -> None:
        from wijkpunt.core.deploy import refuse_unsafe_settings

        refuse_unsafe_settings()  # production refuses demo settings
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        stop = threading.Event()
        beat = threading.Thread(target=heartbeat_loop, args=(worker_id, stop), daemon=True)
        beat.start()
        scheduler = threading.Thread(target=self._scheduler, args=(stop,), daemon=True)
        scheduler.start()
        try:
            if reload and not batch:
                if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                    worker.configure_signals()
                run_with_reloader(worker.run)
            else:
                worker.configure_signals()
                worker.run()
        finally:
            stop.set()

    @staticmethod
    def _scheduler(stop: threading.Event) -> None:
        hostname = socket.gethostname()[:200]
        poll = min(SCHEDULER_POLL_SECONDS, deadline_check_interval().total_seconds())
        stop.wait(min(5.0, poll))  # let the worker start first
        while not stop.is_set():
            try:
                close_old_connections()
                run_scheduled_jobs(hostname=hostname)
            except Exception:  # the next round tries again
                logger.exception("Scheduling periodic jobs failed")
            finally:
                connection.close()
            stop.wait(poll)

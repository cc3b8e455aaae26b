"""The background worker: runs queued tasks and writes a heartbeat for /healthz."""

from __future__ import annotations

import logging
import socket
import threading

from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

HEARTBEAT_SECONDS = 15
logger = logging.getLogger(__name__)


class Command(DBWorkerCommand):
    help = "Run Wijkpunt's background worker (all queues) with a heartbeat."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*")

    def handle(self, *args, **options) -> None:
        worker_id = options["worker_id"]
        stop = threading.Event()
        beat = threading.Thread(target=self._heartbeat, args=(worker_id, stop), daemon=True)
        beat.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()

    @staticmethod
    def _heartbeat(worker_id: str, stop: threading.Event) -> None:
        from wijkpunt.core.models import WorkerHeartbeat

        hostname = socket.gethostname()[:200]
        started = timezone.now()
        while not stop.is_set():
            try:
                close_old_connections()
                WorkerHeartbeat.objects.update_or_create(
                    worker_id=worker_id,
                    defaults={"last_seen": timezone.now(), "hostname": hostname},
                    create_defaults={
                        "last_seen": timezone.now(),
                        "hostname": hostname,
                        "started_at": started,
                    },
                )
            except Exception:  # a missed beat shows up in /healthz
                logger.exception("Worker heartbeat failed")
            finally:
                connection.close()
            stop.wait(HEARTBEAT_SECONDS)

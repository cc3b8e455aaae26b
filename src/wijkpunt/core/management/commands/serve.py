"""Serve Wijkpunt: the web server (gunicorn) and the background worker together.

``serve`` supervises both. When the worker exits without being asked to, it is started again
(after 1 s, doubling up to 30 s while it keeps dying quickly); after five quick deaths in a row
serve gives up. When the web server exits without being asked to, or serve gives up on the
worker, serve stops the other part and exits with status 1, so that a supervisor that restarts
on failure (systemd ``Restart=on-failure``) starts everything again. Ctrl+C or SIGTERM stop
both parts and exit with status 0."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

STOP_TIMEOUT_SECONDS = 25
POLL_SECONDS = 0.2
WORKER_RESTART_START_SECONDS = 1.0
WORKER_RESTART_MAX_SECONDS = 30.0
# A worker that ran this long before dying counts as healthy: the next death starts afresh.
WORKER_HEALTHY_AFTER_SECONDS = 60.0
WORKER_MAX_QUICK_DEATHS = 5


class Supervisor:
    """Run the web server and the worker; restart the worker; never end quietly when a part
    dies. ``run()`` returns the exit status: 0 when asked to stop, 1 when a part died."""

    def __init__(
        self,
        web: Sequence[str],
        worker: Sequence[str] | None,
        *,
        env: dict | None = None,
        log: Callable[[str], None] = print,
        restart_start: float = WORKER_RESTART_START_SECONDS,
        restart_max: float = WORKER_RESTART_MAX_SECONDS,
        healthy_after: float = WORKER_HEALTHY_AFTER_SECONDS,
        max_quick_deaths: int = WORKER_MAX_QUICK_DEATHS,
    ) -> None:
        self.web_command = list(web)
        self.worker_command = list(worker) if worker else None
        self.env = env
        self.log = log
        self.restart_start = restart_start
        self.restart_max = restart_max
        self.healthy_after = healthy_after
        self.max_quick_deaths = max_quick_deaths
        self.stopping = False
        self.web: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None

    def request_stop(self, *_args) -> None:
        self.stopping = True

    def _start(self, command: list[str]) -> subprocess.Popen:
        # Each part in its own process group: Ctrl+C in a terminal reaches serve only, and
        # serve asks each part once to stop (a second signal would cut a running task short).
        return subprocess.Popen(command, env=self.env, process_group=0)

    def _start_worker(self) -> subprocess.Popen:
        assert self.worker_command is not None
        return self._start(self.worker_command)

    def _sleep(self, seconds: float) -> None:
        """Sleep, but wake up when asked to stop or when the web server dies."""
        until = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < until:
            if self.web is not None and self.web.poll() is not None:
                return
            time.sleep(min(POLL_SECONDS, max(0.0, until - time.monotonic())))

    def run(self) -> int:
        self.web = self._start(self.web_command)
        if self.worker_command:
            self.worker = self._start_worker()
        worker_started = time.monotonic()
        quick_deaths = 0
        status = 0
        try:
            while not self.stopping:
                code = self.web.poll()
                if code is not None:
                    if self.stopping:
                        break
                    self.log(f"The web server exited unexpectedly (status {code}); stopping.")
                    status = 1
                    break
                if self.worker is not None and (code := self.worker.poll()) is not None:
                    if self.stopping:
                        break
                    lived = time.monotonic() - worker_started
                    quick_deaths = 0 if lived >= self.healthy_after else quick_deaths
                    quick_deaths += 1
                    if quick_deaths >= self.max_quick_deaths:
                        self.log(
                            f"The background worker exited (status {code}) {quick_deaths} "
                            "times in a row; giving up."
                        )
                        status = 1
                        break
                    delay = min(self.restart_max, self.restart_start * 2 ** (quick_deaths - 1))
                    self.log(
                        f"The background worker exited unexpectedly (status {code}); "
                        f"starting it again in {delay:.0f} s."
                    )
                    self._sleep(delay)
                    if self.stopping or self.web.poll() is not None:
                        self.worker = None
                        continue
                    self.worker = self._start_worker()
                    worker_started = time.monotonic()
                time.sleep(POLL_SECONDS)
        finally:
            self._stop_all()
        return status

    def _stop_all(self) -> None:
        parts = [p for p in (self.web, self.worker) if p is not None]
        for p in parts:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        for p in parts:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


class Command(BaseCommand):
    help = (
        "Run the web server and the background worker (stop both with Ctrl+C). Exits with "
        "status 1 when one of them dies for good."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--bind", default=os.environ.get("WIJKPUNT_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--web-workers", type=int, default=int(os.environ.get("WIJKPUNT_WEB_WORKERS", "2"))
        )
        parser.add_argument("--no-worker", action="store_true", help="Run the web server only.")

    def handle(self, *args, bind: str, web_workers: int, no_worker: bool, **options) -> None:
        from wijkpunt.core.deploy import refuse_unsafe_settings

        refuse_unsafe_settings()  # production refuses demo settings
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wijkpunt.settings"}
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        web = [
            sys.executable,
            "-m",
            "gunicorn",
            "wijkpunt.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(web_workers),
            "--threads",
            "4",
            # The workers are forked from a warm master (wsgi.py warms it up): one restarted
            # after a crash answers at once.
            "--preload",
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "20",
            # One control socket per installation, so several servers can run side by side.
            "--control-socket",
            str(settings.VAR_DIR / "gunicorn.ctl"),
        ]
        worker = None
        if not no_worker:
            worker = [sys.executable, "-m", "wijkpunt.cli", "worker", "--no-startup-delay"]

        def log(message: str) -> None:
            self.stderr.write(message)
            self.stderr.flush()

        supervisor = Supervisor(web, worker, env=env, log=log)
        signal.signal(signal.SIGINT, supervisor.request_stop)
        signal.signal(signal.SIGTERM, supervisor.request_stop)
        self.stdout.write(f"Wijkpunt runs at http://{bind}/ (Ctrl+C stops it)")
        self.stdout.flush()
        if supervisor.run() != 0:
            raise CommandError("A part of Wijkpunt stopped; see the messages above.")

"""Serve Wijkpunt: the web server (gunicorn) and the background worker together."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the web server and the background worker (stop both with Ctrl+C)."

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
        processes: list[subprocess.Popen] = []
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
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "20",
            # One control socket per installation, so several servers can run side by side.
            "--control-socket",
            str(settings.VAR_DIR / "gunicorn.ctl"),
        ]
        processes.append(subprocess.Popen(web, env=env))
        if not no_worker:
            worker = [sys.executable, "-m", "wijkpunt.cli", "worker", "--no-startup-delay"]
            processes.append(subprocess.Popen(worker, env=env))
        self.stdout.write(f"Wijkpunt runs at http://{bind}/ (Ctrl+C stops it)")

        def stop(*_args) -> None:
            for p in processes:
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while all(p.poll() is None for p in processes):
                time.sleep(0.5)
        finally:
            stop()
            for p in processes:
                try:
                    p.wait(timeout=25)
                except subprocess.TimeoutExpired:
                    p.kill()

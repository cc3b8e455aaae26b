"""The real ``wijkpunt serve`` exits 0 when it is asked to stop (SIGTERM from a supervisor,
Ctrl+C), and not 0 when a part of it dies (see also test_restart_durability.py)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

# Its servers bring their own SQLite database, whatever the suite runs on: `make test` runs it
# once.
pytestmark = pytest.mark.once("sqlite")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(tmp: Path, *extra: str) -> tuple[subprocess.Popen, int, Path]:
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp / 'serve.sqlite3'}",
        "WIJKPUNT_DEMO": "1",
        "WIJKPUNT_TESTING": "0",
        "WIJKPUNT_TASKS_IMMEDIATE": "0",
        "WIJKPUNT_VAR_DIR": str(tmp),
        "DJANGO_SETTINGS_MODULE": "wijkpunt.settings",
    }
    log = tmp / f"serve-{port}.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "wijkpunt.cli",
                "serve",
                "--bind",
                f"127.0.0.1:{port}",
                "--web-workers",
                "1",
                *extra,
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            process_group=0,  # as in a terminal: Ctrl+C goes to the whole group
        )
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("serve did not start:\n" + log.read_text())
        time.sleep(0.2)
    return process, port, log


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.fixture
def tmp():
    with tempfile.TemporaryDirectory(prefix="wijkpunt-serve-") as path:
        yield Path(path)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_asked_to_stop_serve_stops_both_parts_and_exits_0(tmp, signum):
    process, _, log = _serve(tmp)
    time.sleep(1.0)  # let the worker start
    parts = _children(process.pid)
    assert len(parts) == 2, log.read_text()
    # SIGTERM as systemd sends it to the main process; SIGINT as Ctrl+C sends it to the
    # terminal's whole process group.
    if signum == signal.SIGINT:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    assert process.wait(timeout=40) == 0, log.read_text()
    assert "terminating current task" not in log.read_text()
    for pid in parts:
        assert (
            not Path(f"/proc/{pid}").exists()
            or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
        )


def test_when_the_web_server_dies_serve_exits_1(tmp):
    process, _, log = _serve(tmp, "--no-worker")
    (master,) = _children(process.pid)
    os.kill(master, signal.SIGKILL)
    assert process.wait(timeout=40) == 1
    assert "The web server exited unexpectedly" in log.read_text()

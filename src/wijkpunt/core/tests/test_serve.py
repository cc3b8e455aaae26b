"""``wijkpunt serve`` never ends quietly when one of its parts dies: real processes stand in
for gunicorn and the worker. (``tests/faults`` runs the real ``wijkpunt serve``.)"""

import sys
import threading
import time

import pytest

from wijkpunt.core.management.commands.serve import Supervisor

PY = sys.executable


def sleeper(seconds=60):
    return [PY, "-c", f"import time; time.sleep({seconds})"]


def exits(code, after=0.0):
    return [PY, "-c", f"import sys, time; time.sleep({after}); sys.exit({code})"]


def supervisor(web, worker, **kw):
    messages: list[str] = []
    kw.setdefault("restart_start", 0.05)
    return Supervisor(web, worker, log=messages.append, **kw), messages


def stop_later(sup, seconds):
    timer = threading.Timer(seconds, sup.request_stop)
    timer.start()
    return timer


def test_the_web_server_dying_stops_the_worker_and_fails():
    sup, messages = supervisor(exits(0, after=0.3), sleeper())
    started = time.monotonic()
    assert sup.run() == 1
    assert time.monotonic() - started < 10
    assert sup.worker.poll() is not None  # the worker was stopped, not left behind
    assert "web server exited unexpectedly (status 0)" in messages[0]


def test_a_worker_that_keeps_dying_is_given_up_and_the_web_server_stopped():
    sup, messages = supervisor(sleeper(), exits(3), max_quick_deaths=4)
    assert sup.run() == 1
    assert sup.web.poll() is not None
    restarts = [m for m in messages if "starting it again" in m]
    assert len(restarts) == 3
    assert "4 times in a row; giving up" in messages[-1]


def test_the_worker_is_restarted_with_growing_pauses(tmp_path):
    """First death: back after restart_start; it keeps running after that."""
    starts = tmp_path / "starts"
    worker = [
        PY,
        "-c",
        "import pathlib, sys, time; p = pathlib.Path(sys.argv[1]); "
        "n = len(p.read_text()) if p.exists() else 0; p.write_text('x' * (n + 1)); "
        "sys.exit(1) if n < 2 else time.sleep(60)",
        str(starts),
    ]
    sup, messages = supervisor(sleeper(), worker)

    def stop_when_third_start():
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if starts.exists() and len(starts.read_text()) >= 3:
                time.sleep(0.5)
                break
            time.sleep(0.05)
        sup.request_stop()

    threading.Thread(target=stop_when_third_start, daemon=True).start()
    assert sup.run() == 0
    assert len(starts.read_text()) == 3
    assert [m.split("again in ")[1] for m in messages] == ["0 s.", "0 s."]
    assert sup.web.poll() is not None and sup.worker.poll() is not None


def test_asked_to_stop_both_stop_and_it_succeeds():
    sup, messages = supervisor(sleeper(), sleeper())
    stop_later(sup, 0.5)
    assert sup.run() == 0
    assert messages == []
    assert sup.web.poll() is not None and sup.worker.poll() is not None


@pytest.mark.parametrize("worker", [None, "sleeper"])
def test_without_a_worker_only_the_web_server_counts(worker):
    sup, _ = supervisor(exits(1, after=0.2), sleeper() if worker else None)
    assert sup.run() == 1

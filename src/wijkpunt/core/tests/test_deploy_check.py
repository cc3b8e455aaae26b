"""Production refuses demo settings: ``check --deploy`` errors, and the web application and
the worker refuse to start (outside debug, demo and test runs)."""

import os
import subprocess
import sys

import pytest

# The checks run in fresh processes without the suite's DATABASE_URL: `make test` runs them once.
pytestmark = pytest.mark.once("sqlite")

GOOD_KEY = "production-like-secret-key-" + "with-enough-entropy-" * 3


def _env(tmp_path, **extra) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("WIJKPUNT_", "PYTEST", "DJANGO_SETTINGS", "DATABASE_URL"))
    }
    env.update(
        {
            "WIJKPUNT_SECRET_KEY": GOOD_KEY,
            "WIJKPUNT_ALLOWED_HOSTS": "wijkpunt.example.be",
            "WIJKPUNT_VAR_DIR": str(tmp_path),
            "WIJKPUNT_TESTING": "0",
            "DJANGO_SETTINGS_MODULE": "wijkpunt.settings",
        }
    )
    env.update(extra)
    return env


def _run(env, *args, timeout=120):
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def _deploy_check(env):
    return _run(env, "-m", "wijkpunt.cli", "check", "--deploy", "--fail-level", "WARNING")


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    result = _deploy_check(_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    # SQLite has no database roles: said as information, not as a problem.
    output = result.stdout + result.stderr
    assert "wijkpunt.I010" in output
    assert "WARNING" not in output and "ERROR" not in output
    assert "System check identified 1 issue" in output


INSECURE = "insecure-local-development-key-not-for-production-use-0123456789"


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"WIJKPUNT_DEMO": "1"}, "wijkpunt.E001"),
        ({"WIJKPUNT_SECRET_KEY": INSECURE}, "wijkpunt.E002"),
        ({"WIJKPUNT_SECRET_KEY": "django-insecure-" + "x" * 50}, "wijkpunt.E002"),
        ({"WIJKPUNT_STAFF_REQUIRE_MFA": "0"}, "wijkpunt.E003"),
    ],
)
def test_deploy_check_fails_on_demo_settings(tmp_path, extra, code):
    result = _deploy_check(_env(tmp_path, **extra))
    assert result.returncode == 1
    assert code in result.stderr
    assert "ERRORS" in result.stderr


def test_second_factor_may_be_off_in_demo_mode_only(tmp_path):
    result = _deploy_check(_env(tmp_path, WIJKPUNT_DEMO="1", WIJKPUNT_STAFF_REQUIRE_MFA="0"))
    assert "wijkpunt.E001" in result.stderr
    assert "wijkpunt.E003" not in result.stderr


@pytest.mark.parametrize(
    "extra",
    [{"WIJKPUNT_SECRET_KEY": INSECURE}, {"WIJKPUNT_STAFF_REQUIRE_MFA": "false"}],
)
def test_worker_and_web_refuse_to_start(tmp_path, extra):
    env = _env(tmp_path, **extra)
    worker = _run(env, "-m", "wijkpunt.cli", "worker")
    assert worker.returncode != 0
    assert "Wijkpunt does not start with these settings" in worker.stderr
    assert "Traceback" not in worker.stderr
    web = _run(env, "-c", "import wijkpunt.wsgi")
    assert web.returncode != 0
    assert "Wijkpunt does not start with these settings" in web.stderr


def test_serve_refuses_before_starting_anything(tmp_path):
    env = _env(tmp_path, WIJKPUNT_STAFF_REQUIRE_MFA="0")
    result = _run(env, "-m", "wijkpunt.cli", "serve", "--bind", "127.0.0.1:0")
    assert result.returncode != 0
    assert "WIJKPUNT_STAFF_REQUIRE_MFA" in result.stderr
    assert "runs at" not in result.stdout


def test_demo_debug_and_tests_still_start(tmp_path):
    from wijkpunt.core.deploy import refuse_unsafe_settings

    refuse_unsafe_settings()  # this test run itself
    env = _env(tmp_path, WIJKPUNT_DEMO="1", WIJKPUNT_STAFF_REQUIRE_MFA="0")
    env.pop("WIJKPUNT_SECRET_KEY")
    web = _run(env, "-c", "import wijkpunt.wsgi")
    assert web.returncode == 0, web.stderr


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WIJKPUNT_", "PYTEST"))}
    env.update({"WIJKPUNT_VAR_DIR": str(tmp_path), "WIJKPUNT_TESTING": "0"})
    result = _run(env, "-m", "wijkpunt.cli", "check")
    assert result.returncode != 0
    assert "WIJKPUNT_SECRET_KEY" in result.stderr

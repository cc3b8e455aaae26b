import os
import subprocess
import sys


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("WIJKPUNT_", "PYTEST", "DJANGO_SETTINGS"))
    }
    env.update(
        {
            "WIJKPUNT_SECRET_KEY": "production-like-secret-key-" + "with-enough-entropy-" * 3,
            "WIJKPUNT_ALLOWED_HOSTS": "wijkpunt.example.be",
            "WIJKPUNT_VAR_DIR": str(tmp_path),
            "WIJKPUNT_TESTING": "0",
            "DJANGO_SETTINGS_MODULE": "wijkpunt.settings",
        }
    )
    result = subprocess.run(
        [sys.executable, "-m", "wijkpunt.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WIJKPUNT_", "PYTEST"))}
    env.update({"WIJKPUNT_VAR_DIR": str(tmp_path), "WIJKPUNT_TESTING": "0"})
    result = subprocess.run(
        [sys.executable, "-m", "wijkpunt.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "WIJKPUNT_SECRET_KEY" in result.stderr

"""Production refuses demo settings.

``wijkpunt check --deploy`` reports them as errors, and the web and worker processes call
``refuse_unsafe_settings()`` before they start: outside debug, demo and test runs they stop
with a clear message and a non-zero exit status instead of serving with a published secret
key or without the staff second factor.
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError

# Keys that are published (in this repository or in Django's own project template).
PUBLISHED_KEY_PREFIXES = ("django-insecure-",)


def secret_key_is_published() -> bool:
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return any(
        key == settings.INSECURE_SECRET_KEY or key.startswith(PUBLISHED_KEY_PREFIXES)
        for key in keys
    )


def unsafe_settings(*, for_start: bool = False) -> list[checks.CheckMessage]:
    """What makes these settings unfit for production.

    ``for_start``: the subset that stops a process from starting (demo mode itself does not:
    ``make demo`` runs with it)."""
    problems: list[checks.CheckMessage] = []
    if settings.DEMO_MODE and not for_start:
        problems.append(
            checks.Error(
                "Demo mode is on (WIJKPUNT_DEMO): the log-in page lists demo accounts and "
                "e-mails are kept in a page anyone can open.",
                hint="Unset WIJKPUNT_DEMO in production.",
                id="wijkpunt.E001",
            )
        )
    if secret_key_is_published():
        problems.append(
            checks.Error(
                "The secret key is a published one: anyone can forge sessions and log-in links.",
                hint="Set WIJKPUNT_SECRET_KEY (or WIJKPUNT_SECRET_KEY_FILE) to 50+ random "
                "characters, for example: python3 -c 'import secrets; "
                "print(secrets.token_urlsafe(50))'",
                id="wijkpunt.E002",
            )
        )
    if not settings.STAFF_REQUIRE_MFA and not settings.DEMO_MODE:
        problems.append(
            checks.Error(
                "The staff second factor is switched off (WIJKPUNT_STAFF_REQUIRE_MFA).",
                hint="Unset WIJKPUNT_STAFF_REQUIRE_MFA or set it to true; it may be off only "
                "in demo mode.",
                id="wijkpunt.E003",
            )
        )
    return problems


@checks.register(checks.Tags.security, deploy=True)
def check_unsafe_settings(app_configs, **kwargs) -> list[checks.CheckMessage]:
    return unsafe_settings()


class UnsafeSettings(CommandError, ImproperlyConfigured):
    """A management command prints it as one clear line and exits with status 1; gunicorn
    stops (``Worker failed to boot``) instead of restarting the worker for ever."""


def refuse_unsafe_settings() -> None:
    """Called first by the web application and the worker. Does nothing in debug, demo and
    test runs."""
    if settings.DEBUG or settings.DEMO_MODE or settings.TESTING:
        return
    problems = unsafe_settings(for_start=True)
    if problems:
        lines = [f"{p.msg} {p.hint}" for p in problems]
        raise UnsafeSettings(
            "Wijkpunt does not start with these settings:\n- " + "\n- ".join(lines)
        )

"""Generic: every URL of Wijkpunt, opened by a staff session that did not pass the second
factor, shows nothing — only the log-in pages themselves answer. A new view, API endpoint or
admin page is covered without anyone remembering to add it here."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import URLPattern, URLResolver, get_resolver

from wijkpunt.accounts.middleware import LOGIN_VIEWS

pytestmark = pytest.mark.django_db


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name or ''}"


def _example_path(pattern: str) -> str | None:
    """A concrete path for a route or regex pattern (``<int:pk>`` → 1)."""
    path = pattern.lstrip("^").rstrip("$").replace("\\Z", "")
    path = re.sub(r"<int:[^>]+>", "1", path)
    path = re.sub(r"<(?:str|slug|path|uuid):[^>]+>|<[^>]+>", "x", path)
    path = re.sub(r"\(\?P<[^>]+>[^)]*\)", "1", path)
    if any(ch in path for ch in "()[]*+?\\|"):
        return None
    return "/" + path


def _all_paths():
    seen = set()
    for pattern, name in _walk(get_resolver().url_patterns):
        path = _example_path(pattern)
        if path is None or path in seen or path.startswith("/static/"):
            continue
        seen.add(path)
        yield path, name


def test_no_page_opens_for_a_session_without_the_code(client, personas, settings):
    settings.STAFF_REQUIRE_MFA = True
    user = personas.admin
    TOTP.activate(user, generate_totp_secret())
    opened = []
    checked = 0
    for path, name in _all_paths():
        if name in LOGIN_VIEWS:
            continue
        client.force_login(user)
        response = client.get(path)
        checked += 1
        still_logged_in = client.session.get("_auth_user_id") == str(user.pk)
        if response.status_code == 200 or still_logged_in and response.status_code != 404:
            opened.append((path, name, response.status_code))
    assert checked > 100  # the walk found the workspace, API and admin pages
    assert opened == []

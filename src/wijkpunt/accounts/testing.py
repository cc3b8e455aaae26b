"""Test support: a session that passed the second factor, as a real log-in leaves it."""

from __future__ import annotations

import time

from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY


def login_with_second_factor(client, user, *, method: str = "password") -> None:
    """``client.force_login(user)`` plus what allauth records when the person typed their
    password and a TOTP code in this session."""
    client.force_login(user)
    session = client.session
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": method, "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()

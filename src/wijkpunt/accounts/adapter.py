from __future__ import annotations

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by the partners (import, administrator), never by sign-up."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _(
            "The e-mail address or the password is not right. Check both and try again."
        ),
        "too_many_login_attempts": _(
            "Too many wrong attempts. To protect your account, logging in with a password is "
            "blocked for 15 minutes. Try again later, or ask for a log-in link by e-mail."
        ),
    }

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_client_ip(self, request) -> str:
        """The lockout and allauth's rate limits count per real client address, also behind
        a reverse proxy (one rule for all of Wijkpunt: ``core.http.client_ip``)."""
        from django.core.exceptions import PermissionDenied

        from wijkpunt.core.http import client_ip

        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def add_message(self, request, level, message_template=None, message_context=None, *a, **kw):
        """A flash message reads in the language of the page that shows it: the person's own
        language once logged in (the log-in message is written before the next page has
        switched to it), else the language of the session."""
        user = (message_context or {}).get("user") or getattr(request, "user", None)
        language = getattr(user, "language", "") if getattr(user, "is_authenticated", False) else ""
        with translation.override(language or translation.get_language()):
            super().add_message(request, level, message_template, message_context, *a, **kw)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Staff who just logged in are sent to set up their first second factor; asking for
        their password again at that moment only confuses. Changing or removing an existing
        factor still asks for it."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = self.request
        if not required or app != "allauth.mfa" or request is None:
            return required
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return required
        from allauth.account.internal.flows.login import get_authentication_records
        from allauth.mfa.models import Authenticator

        if Authenticator.objects.filter(user=user).exists():
            return required
        records = get_authentication_records(request, user)
        if records and time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT:
            return False
        return required

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _


class UserLanguageMiddleware:
    """A logged-in person reads Wijkpunt in the language saved in their profile."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


# The log-in pages themselves, and pages with nothing behind them (language, health, demo
# outbox). Everything else (workspace, API, admin, the account pages) needs the second factor.
LOGIN_VIEWS = {
    "account_login",
    "account_logout",
    "account_inactive",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "mfa_authenticate",
    "accounts:link_request",
    "accounts:link_sent",
    "accounts:link_confirm",
    "core:set_language",
    "core:healthz",
    "core:outbox",
    "core:outbox_message",
    "demo:login_as",
}
# Staff who have no TOTP yet may open these to set one up, and nothing else.
SETUP_VIEWS = {
    "mfa_index",
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_generate_recovery_codes",
    "account_reauthenticate",
    "mfa_reauthenticate",
}


def needs_second_factor(user) -> bool:
    """Staff (an active staff role), configuration-site users and superusers."""
    return bool(
        settings.STAFF_REQUIRE_MFA
        and user is not None
        and user.is_authenticated
        and (user.is_staff or user.is_superuser or user.has_staff_role)
    )


class StaffSecondFactorMiddleware:
    """Every session of a staff member has passed the second factor, whatever way it was
    made (password, e-mail link, password reset, the admin, a session cookie used on the
    API). Staff without a TOTP are sent to set one up; a session of someone who has a TOTP
    but did not give a code in this session is logged out and sent to log in again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if not needs_second_factor(user):
            return None
        match = request.resolver_match
        view_name = match.view_name if match else ""
        if view_name in LOGIN_VIEWS:
            return None
        from allauth.mfa.models import Authenticator

        from wijkpunt.accounts.mfa import session_passed_second_factor

        if session_passed_second_factor(request, user):
            return None
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        if not has_totp:
            if view_name in SETUP_VIEWS:
                return None
            if request.path.startswith("/api/"):
                return _api_refusal(_("Set up your second factor (log-in code) first."))
            return redirect("mfa_activate_totp")
        # An account with a TOTP, a session that never gave a code: not a valid log-in.
        logout(request)
        if request.path.startswith("/api/"):
            return _api_refusal(_("Log in again with your log-in code."))
        messages.info(request, _("Log in again with your password and your log-in code."))
        return redirect_to_login(request.get_full_path(), reverse("account_login"))


def _api_refusal(detail: str) -> JsonResponse:
    return JsonResponse({"detail": str(detail)}, status=403)

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.utils import translation


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


ALLOWED_WITHOUT_SECOND_FACTOR = (
    "/accounts/",
    "/static/",
    "/healthz",
    "/i18n/",
    "/demo/outbox",
    "/demo/inloggen-als/",
    "/favicon.ico",
)


class StaffSecondFactorMiddleware:
    """Staff cannot use Wijkpunt until they have set up a second factor (TOTP)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.STAFF_REQUIRE_MFA
            and user is not None
            and user.is_authenticated
            and (user.is_partner_staff or user.is_staff)
            and not request.path.startswith(ALLOWED_WITHOUT_SECOND_FACTOR)
        ):
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                return redirect("mfa_activate_totp")
        return self.get_response(request)

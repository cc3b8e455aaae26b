"""Demo-mode only: log in as one of the demo accounts with one button."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import logout
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from wijkpunt.accounts.models import User


@never_cache
@require_POST
def login_as(request: HttpRequest) -> HttpResponse:
    """Log in as a demo account through allauth's normal log-in flow, so that staff still
    pass the second-factor step. Exists only in demo mode and only for demo accounts."""
    if not settings.DEMO_MODE:
        raise Http404
    email = request.POST.get("email", "").strip().lower()
    try:
        user = User.objects.get(email=email, is_demo=True, is_active=True)
    except User.DoesNotExist:
        raise Http404("No such demo account") from None
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = resolve_url(settings.LOGIN_REDIRECT_URL)
    if request.user.is_authenticated:
        logout(request)

    from allauth.account.internal.flows.login import perform_password_login
    from allauth.account.models import Login

    # The same flow as typing the shared demo password on the login page.
    return perform_password_login(
        request, {"email": user.email}, Login(user=user, email=user.email, redirect_url=next_url)
    )

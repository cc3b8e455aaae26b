"""Log-in by e-mail link: ask for a link, open it, confirm with a button.

Opening the link (GET) never uses it: e-mail scanners open links before people do. The
"Log in" button (POST) uses it and hands over to allauth's log-in flow, so staff with a
second factor still have to give their code."""

from __future__ import annotations

from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import perform_login
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_http_methods

from wijkpunt.accounts import ratelimit
from wijkpunt.accounts.actions import request_login_link, use_login_link
from wijkpunt.accounts.forms import LoginLinkRequestForm
from wijkpunt.accounts.tokens import LinkProblem, LoginLinkError, check_token


def _safe_next(request: HttpRequest, value: str | None) -> str:
    value = (value or "").strip()
    # Only a path on this site travels in the link.
    if (
        value.startswith("/")
        and not value.startswith("//")
        and url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return value
    return ""


def _minutes() -> int:
    return max(1, settings.LOGIN_LINK_MAX_AGE // 60)


@never_cache
@require_http_methods(["GET", "POST"])
def link_request(request: HttpRequest) -> HttpResponse:
    """'Send me a log-in link': the same answer whether or not the address is known."""
    if request.method == "POST":
        form = LoginLinkRequestForm(request.POST)
        if form.is_valid():
            if not ratelimit.allow_from_ip(request):
                return render(
                    request,
                    "accounts/link_rate_limited.html",
                    {"minutes": 10},
                    status=429,
                )
            email = form.cleaned_data["email"].strip().lower()
            if ratelimit.allow_for_address(request, email):
                request_login_link(
                    email=email, next_url=_safe_next(request, form.cleaned_data.get("next"))
                )
            return redirect("accounts:link_sent")
    else:
        form = LoginLinkRequestForm(
            initial={
                "email": request.GET.get("email", "")[:254],
                "next": _safe_next(request, request.GET.get("next")),
            }
        )
    return render(request, "accounts/link_request.html", {"form": form, "minutes": _minutes()})


@never_cache
def link_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/link_sent.html", {"minutes": _minutes()})


def _problem_page(request: HttpRequest, problem: LinkProblem) -> HttpResponse:
    status = 400 if problem is LinkProblem.INVALID else 410
    return render(
        request,
        "accounts/link_problem.html",
        {"problem": problem.value, "minutes": _minutes()},
        status=status,
    )


@never_cache
@sensitive_variables("token")
@require_http_methods(["GET", "POST"])
def link_confirm(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":
        try:
            check_token(token)
        except LoginLinkError as error:
            return _problem_page(request, error.problem)
        return render(request, "accounts/link_confirm.html", {"token": token})
    try:
        user, next_url = use_login_link(token=token)
    except LoginLinkError as error:
        return _problem_page(request, error.problem)
    record_authentication(request, user, method="login_link")
    return perform_login(
        request,
        user,
        redirect_url=_safe_next(request, next_url) or reverse(settings.LOGIN_REDIRECT_URL),
        email=user.email,
    )

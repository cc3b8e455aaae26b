"""Rate limits for the log-in link, on allauth's rate limiter (same cache, same algorithm as
the password log-in lockout)."""

from __future__ import annotations

from allauth.core.internal import ratelimit
from django.http import HttpRequest

# At most 10 requests per 10 minutes from one address on the internet, and 3 links per
# 15 minutes for one e-mail address.
RATES = {
    "login_link_ip": "10/10m/ip",
    "login_link_address": "3/15m/key",
}
APP = "wijkpunt.accounts"


def allow_from_ip(request: HttpRequest) -> bool:
    return bool(ratelimit.consume(request, app=APP, action="login_link_ip", config=RATES))


def allow_for_address(request: HttpRequest, email: str) -> bool:
    return bool(
        ratelimit.consume(
            request,
            app=APP,
            action="login_link_address",
            config=RATES,
            key=email.strip().lower(),
        )
    )

"""The address a request really comes from, also behind a reverse proxy.

Wijkpunt trusts a forwarded address only when it is told how: ``WIJKPUNT_TRUSTED_PROXY_COUNT``
(how many proxies under our control append to ``X-Forwarded-For``) or
``WIJKPUNT_TRUSTED_CLIENT_IP_HEADER`` (a header one proxy sets itself, such as ``X-Real-IP``).
Without either, forwarded headers are ignored: anyone can send them. The same rule is handed to
allauth (``ALLAUTH_TRUSTED_PROXY_COUNT``, ``ALLAUTH_TRUSTED_CLIENT_IP_HEADER``) and every
caller (audit log, log-in lockout, log-in links, the public form) uses ``client_ip``.
See docs/deploy.md.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if value.startswith("[") and "]" in value:
        # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        # "203.0.113.7:51234"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's IP address, or ``None`` when there is no request or no usable address."""
    if request is None:
        return None
    peer = _clean(request.META.get("REMOTE_ADDR"))
    header = settings.WIJKPUNT_TRUSTED_CLIENT_IP_HEADER
    if header:
        return _clean(request.headers.get(header)) or peer
    count = settings.WIJKPUNT_TRUSTED_PROXY_COUNT
    forwarded = request.headers.get("X-Forwarded-For", "")
    if count > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        # Each trusted proxy appends the address it received the request from; the entry
        # ``count`` from the end was written by our outermost proxy. A shorter header did
        # not pass through all of them: the connection's own address is the truth.
        if len(hops) >= count:
            return _clean(hops[-count]) or peer
    return peer

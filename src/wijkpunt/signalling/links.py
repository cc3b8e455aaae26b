"""Signed links for reporters without an account (the public QR form, Open311, a neighbour
registered by staff) who left an e-mail address: they follow their own report and answer
"is it solved?" through a link in the e-mails we send them.

A link is ``django.core.signing`` with its own salt and a purpose (it opens one report's
follow page, nothing else), an expiry (``SIGNAL_LINK_MAX_AGE_DAYS``) and a fingerprint of
the e-mail address it was sent to: when the address on the report changes, old links stop
working. No table to keep; a new ``SECRET_KEY`` ends every link."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core import signing
from django.urls import reverse

from wijkpunt.signalling.models import Signal

SALT = "wijkpunt.signalling.reporter-link"
PURPOSE = "follow"


def max_age_days() -> int:
    return int(getattr(settings, "SIGNAL_LINK_MAX_AGE_DAYS", 120))


def _fingerprint(signal: Signal) -> str:
    email = (signal.reporter_email or "").strip().lower()
    return hashlib.sha256(f"{signal.pk}:{email}".encode()).hexdigest()[:16]


def link_available(signal: Signal) -> bool:
    """Only reporters without an account (those follow it in the portal) who left an
    e-mail address and did not report anonymously."""
    return bool(
        signal.pk and not signal.anonymous and not signal.reporter_id and signal.reporter_email
    )


def make_token(signal: Signal) -> str:
    return signing.dumps({"s": signal.pk, "f": _fingerprint(signal), "p": PURPOSE}, salt=SALT)


def follow_url(signal: Signal) -> str:
    """The full address for an e-mail, or "" when this reporter gets no link."""
    if not link_available(signal):
        return ""
    path = reverse("intake_public:follow", kwargs={"token": make_token(signal)})
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def signal_for_token(token: str) -> Signal | None:
    """The report a link opens, or None for a forged, expired, other-purpose or outdated
    link."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age_days() * 24 * 3600)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(data, dict) or data.get("p") != PURPOSE:
        return None
    try:
        signal = Signal.objects.select_related("category").get(pk=int(data.get("s", "")))
    except (Signal.DoesNotExist, TypeError, ValueError):
        return None
    if not link_available(signal) or data.get("f") != _fingerprint(signal):
        return None
    return signal

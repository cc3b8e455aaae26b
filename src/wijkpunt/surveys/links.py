"""Addresses a letter prints, and what its QR code opens.

A letter prints a short address a person can type (``/e/<estate>/``) and a QR code to the
same page with the code after a ``#``: the part after ``#`` never leaves the phone, so the
code shows up in no server log; the page's script fills it into the code field. Without
script the person types the code from the letter. After the wave, the same QR code leads to
the estate's published results and what was done with them."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from wijkpunt.surveys import codes


def site_root() -> str:
    return settings.SITE_URL.rstrip("/")


def estate_path(estate_slug: str) -> str:
    return reverse("surveys_public:estate", args=[estate_slug])


def typed_address(estate_slug: str) -> str:
    """What a letter prints for typing: the site without ``https://`` and the estate's page."""
    root = site_root().split("://", 1)[-1]
    return f"{root}{estate_path(estate_slug)}"


def qr_url(estate_slug: str, code: str) -> str:
    return f"{site_root()}{estate_path(estate_slug)}#{codes.display(code)}"

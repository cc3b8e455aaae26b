"""Builders for inbox tests."""

from __future__ import annotations

from wijkpunt.core.testing import make_report
from wijkpunt.signalling.models import Category

STAFF = (
    "technician",
    "woonconsulent",
    "letting",
    "coordinator",
    "ocmw_reception",
    "social_worker",
    "budget_worker",
    "buurtwerker",
    "partner_worker",
    "admin",
)


def cat(slug: str) -> Category:
    return Category.objects.get(slug=slug)


def report(personas, text="De kraan in de keuken lekt", slug="herstelling", *, urgent=None, **kw):
    """A signal through the real intake (``core.testing.make_report``); here ``urgent``
    defaults to what the reporter said, whatever the triage engine thought."""
    if urgent is None:
        urgent = bool(kw.get("reported_urgent"))
    return make_report(personas, text, slug, urgent=urgent, **kw)


def login(client, user):
    client.force_login(user)
    return client

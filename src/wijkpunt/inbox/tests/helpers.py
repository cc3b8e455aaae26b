"""Builders for inbox tests."""

from __future__ import annotations

from wijkpunt.signalling.models import Category
from wijkpunt.testing import make_report

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
    """A signal through the real intake (``wijkpunt.testing.make_report``); here ``urgent``
    defaults to what the reporter said, whatever the triage engine thought."""
    if urgent is None:
        urgent = bool(kw.get("reported_urgent"))
    return make_report(personas, text, slug, urgent=urgent, **kw)


def login(client, user):
    client.force_login(user)
    return client

"""Builders for inbox tests."""

from __future__ import annotations

from wijkpunt.signalling import actions
from wijkpunt.signalling.models import Category, Channel, Signal

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
    """A signal through the real intake. The triage engine's suggestion is overruled where a
    test needs certainty: ``slug=None`` puts it at the triage desk; ``urgent`` fixes the flag
    (default: what the reporter said)."""
    kw.setdefault("reporter", personas.tenant)
    kw.setdefault("channel", Channel.PORTAL)
    signal = actions.create_signal(text=text, category=cat(slug) if slug else None, **kw).signal
    changes = {"urgent": bool(kw.get("reported_urgent")) if urgent is None else urgent}
    if slug is None:
        changes.update(category=None, needs_triage=True)
    Signal.objects.filter(pk=signal.pk).update(**changes)
    signal.refresh_from_db()
    return signal


def login(client, user):
    client.force_login(user)
    return client

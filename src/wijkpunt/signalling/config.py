"""A per-process cache of the signal configuration: categories, routing rules, deadline
policies and which organisation of a kind works in which estate.

Intake reads it for every signal, so it is kept in memory instead of being queried each time.
A change saved in this process (the admin) clears it at once; other processes pick it up
within ``CONFIG_TTL`` seconds."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

CONFIG_TTL = 30.0


@dataclass
class SignalConfig:
    categories_by_slug: dict = field(default_factory=dict)
    categories_by_id: dict = field(default_factory=dict)
    rules: list = field(default_factory=list)
    policies: dict = field(default_factory=dict)
    # (organisation kind, estate id) -> the first organisation of that kind in that estate;
    # (kind, None) -> the first organisation of that kind anywhere.
    organisations: dict = field(default_factory=dict)


_lock = threading.Lock()
_state: dict = {"config": None, "loaded_at": 0.0}


def _load() -> SignalConfig:
    from wijkpunt.partners.models import Organisation
    from wijkpunt.signalling.models import Category, DeadlinePolicy, RoutingRule

    config = SignalConfig()
    for category in Category.objects.all():
        config.categories_by_slug[category.slug] = category
        config.categories_by_id[category.pk] = category
    config.rules = list(
        RoutingRule.objects.filter(active=True).select_related("organisation", "team", "person")
    )
    for policy in DeadlinePolicy.objects.all():
        config.policies[(policy.category_id, policy.urgent)] = policy
    for organisation in Organisation.objects.prefetch_related("estates").order_by("pk"):
        config.organisations.setdefault((organisation.kind, None), organisation)
        for estate in organisation.estates.all():
            config.organisations.setdefault((organisation.kind, estate.pk), organisation)
    return config


def get() -> SignalConfig:
    now = time.monotonic()
    config = _state["config"]
    if config is not None and now - _state["loaded_at"] < CONFIG_TTL:
        return config
    with _lock:
        if _state["config"] is None or now - _state["loaded_at"] >= CONFIG_TTL:
            _state["config"] = _load()
            _state["loaded_at"] = time.monotonic()
        return _state["config"]


def clear(**_kwargs) -> None:
    """Forget the cached configuration (connected to saves and deletes of its models)."""
    _state["config"] = None
    _state["loaded_at"] = 0.0

"""Routing: the first active rule that matches a signal decides who handles it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from wijkpunt.partners.models import Organisation, Team
from wijkpunt.signalling import config
from wijkpunt.signalling.models import RoutingRule, Signal

if TYPE_CHECKING:
    from wijkpunt.accounts.models import User


@dataclass(frozen=True)
class Route:
    organisation: Organisation
    team: Team | None = None
    person: User | None = None
    rule: RoutingRule | None = None


def _matches(rule: RoutingRule, signal: Signal) -> bool:
    if rule.category_id and rule.category_id != signal.category_id:
        return False
    if rule.estate_id and rule.estate_id != signal.estate_id:
        return False
    if rule.building_id and rule.building_id != signal.building_id:
        return False
    return not (rule.urgent is not None and rule.urgent != signal.urgent)


def route(signal: Signal, rules: list[RoutingRule] | None = None) -> Route | None:
    """The organisation (and team or person) that handles this signal, or None when no rule
    matches (the signal then waits at the triage desk)."""
    if rules is None:
        rules = config.get().rules
    for rule in rules:
        if not _matches(rule, signal):
            continue
        organisation = rule.organisation
        if organisation is None:
            organisation = config.get().organisations.get(
                (rule.organisation_kind, signal.estate_id)
            )
            if organisation is None:
                continue
        return Route(organisation=organisation, team=rule.team, person=rule.person, rule=rule)
    return None

"""Writes of the inbox. Each calls the signalling actions; nothing is written here directly."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from wijkpunt.signalling import access
from wijkpunt.signalling import actions as signalling
from wijkpunt.signalling.models import Signal


@dataclass
class BulkResult:
    assigned: list[Signal] = field(default_factory=list)
    skipped: list[Signal] = field(default_factory=list)  # visible, but not the user's to act on
    failed: list[tuple[Signal, str]] = field(default_factory=list)
    missing: int = 0  # not visible at all (or gone)


def bulk_assign(*, user, signal_ids: list[int], organisation, team=None, person=None) -> BulkResult:
    """Assign every listed signal the user may act on; report the others. Each signal is its
    own transaction (``signalling.actions.assign``): one refusal does not undo the rest."""
    result = BulkResult()
    wanted = list(dict.fromkeys(signal_ids))
    found = {
        s.pk: s
        for s in access.visible_signals(user)
        .filter(pk__in=wanted)
        .select_related("owner_organisation")
    }
    result.missing = len([pk for pk in wanted if pk not in found])
    for pk in wanted:
        signal = found.get(pk)
        if signal is None:
            continue
        if not access.can_act_on(user, signal):
            result.skipped.append(signal)
            continue
        try:
            signalling.assign(
                signal=signal, user=user, organisation=organisation, team=team, person=person
            )
        except ValidationError as exc:
            result.failed.append((signal, "; ".join(exc.messages)))
            continue
        result.assigned.append(signal)
    return result

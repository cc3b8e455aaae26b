"""The wave workflow: one explicit transition table, checked in one place.

    draft ─► open ─► closed

A wave opens once (its roster and codes are made then) and closes once (the ballot box is
emptied into anonymous responses then); a closed wave's results can be published."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkpunt.surveys.models import WaveStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.OPEN}),
    S.OPEN: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}


class TransitionError(ValueError):
    """A status change the wave workflow does not allow."""


def check_transition(current: str, target: str) -> None:
    if target not in TRANSITIONS.get(current, frozenset()):
        raise TransitionError(
            _("A wave cannot go from “%(current)s” to “%(target)s”.")
            % {"current": S(current).label, "target": S(target).label}
        )

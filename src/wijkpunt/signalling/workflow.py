"""The signal workflow: one explicit transition table, checked in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from wijkpunt.signalling.models import SignalStatus as S

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.TRIAGED, S.ASSIGNED, S.IN_PROGRESS, S.CANCELLED, S.MERGED}),
    S.TRIAGED: frozenset({S.ASSIGNED, S.IN_PROGRESS, S.CANCELLED, S.MERGED}),
    S.ASSIGNED: frozenset(
        {S.IN_PROGRESS, S.WAITING_RESIDENT, S.WAITING_PARTNER, S.RESOLVED, S.CANCELLED, S.MERGED}
    ),
    S.IN_PROGRESS: frozenset(
        {S.WAITING_RESIDENT, S.WAITING_PARTNER, S.RESOLVED, S.CANCELLED, S.MERGED}
    ),
    S.WAITING_RESIDENT: frozenset({S.IN_PROGRESS, S.RESOLVED, S.CANCELLED, S.MERGED}),
    S.WAITING_PARTNER: frozenset({S.IN_PROGRESS, S.RESOLVED, S.CANCELLED, S.MERGED}),
    S.RESOLVED: frozenset({S.CLOSED, S.REOPENED}),
    S.CLOSED: frozenset({S.REOPENED}),
    S.REOPENED: frozenset(
        {S.ASSIGNED, S.IN_PROGRESS, S.WAITING_RESIDENT, S.RESOLVED, S.CANCELLED, S.MERGED}
    ),
    S.CANCELLED: frozenset({S.REOPENED}),
    S.MERGED: frozenset(),
}

# Statuses the resident is told about, with the plain words they read (portal and e-mail).
PUBLIC_STATUS_TEXT: dict[str, StrOrPromise] = {
    S.NEW: _("We have received your report."),
    S.TRIAGED: _("We have received your report and are looking at who can help."),
    S.ASSIGNED: _("Your report has been passed on to the person who will handle it."),
    S.IN_PROGRESS: _("We are working on it."),
    S.WAITING_RESIDENT: _("We need something from you before we can go on."),
    S.WAITING_PARTNER: _("We are waiting for another organisation."),
    S.RESOLVED: _("We think it is solved. Is it solved for you too?"),
    S.CLOSED: _("Your report is closed."),
    S.REOPENED: _("Your report is open again. We are looking at it again."),
    S.CANCELLED: _("We have stopped handling your report."),
    S.MERGED: _("Someone else reported the same problem. We handle both reports together."),
}

# Status changes that the resident hears about. "Triaged" is internal.
PUBLIC_STATUSES = frozenset(PUBLIC_STATUS_TEXT) - {S.NEW, S.TRIAGED}

# Deadlines stop running while the signal waits for the resident.
PAUSED_STATUSES = frozenset({S.WAITING_RESIDENT})


class TransitionError(ValueError):
    """A status change the workflow does not allow."""


def allowed_transitions(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


def check_transition(current: str, target: str) -> None:
    if target not in allowed_transitions(current):
        raise TransitionError(
            _("A signal cannot go from “%(current)s” to “%(target)s”.")
            % {"current": S(current).label, "target": S(target).label}
        )

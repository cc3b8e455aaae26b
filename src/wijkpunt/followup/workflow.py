"""The workflow of an action: one explicit transition table, checked in one place.

planned ─► in progress ─► done
   │             │
   └──────┬──────┘
          ▼
       dropped (with a reason the residents read)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from wijkpunt.followup.models import ActionStatus as S

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TRANSITIONS: dict[str, frozenset[str]] = {
    S.PLANNED: frozenset({S.IN_PROGRESS, S.DROPPED}),
    S.IN_PROGRESS: frozenset({S.DONE, S.DROPPED}),
    S.DONE: frozenset(),
    S.DROPPED: frozenset(),
}

# A change to these statuses needs a reason (in the main language at least).
NEEDS_REASON = frozenset({S.DROPPED})

# What residents read for each status, in plain words.
PUBLIC_STATUS_TEXT: dict[str, StrOrPromise] = {
    S.PLANNED: _("We plan to do this."),
    S.IN_PROGRESS: _("We are working on this now."),
    S.DONE: _("This is done."),
    S.DROPPED: _("We are not doing this after all."),
}

# The order residents and staff see actions in: what is moving first.
DISPLAY_ORDER: dict[str, int] = {S.IN_PROGRESS: 0, S.PLANNED: 1, S.DONE: 2, S.DROPPED: 3}


class TransitionError(ValueError):
    """A status change the workflow does not allow."""


def allowed_transitions(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


def check_transition(current: str, target: str) -> None:
    if target not in allowed_transitions(current):
        raise TransitionError(
            _("An action cannot go from “%(current)s” to “%(target)s”.")
            % {"current": S(current).label, "target": S(target).label}
        )

"""The workflow of a referral: one explicit transition table, checked in one place.

sent ─► accepted ─► in progress ─► done / did not come / ended
  │         │             │
  ├─► declined (with a reason)
  └─────────┴─────────────┴─► revoked by the sender (with a reason)

The recipient answers and works (for a service outside Wijkpunt, which has no account, the
sender records what the service said); only the sender revokes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from wijkpunt.households.models import ReferralStatus as S

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TRANSITIONS: dict[str, frozenset[str]] = {
    S.SENT: frozenset({S.ACCEPTED, S.DECLINED, S.REVOKED}),
    S.ACCEPTED: frozenset({S.IN_PROGRESS, S.DONE, S.NO_SHOW, S.ENDED, S.REVOKED}),
    S.IN_PROGRESS: frozenset({S.DONE, S.NO_SHOW, S.ENDED, S.REVOKED}),
    S.DECLINED: frozenset(),
    S.DONE: frozenset(),
    S.NO_SHOW: frozenset(),
    S.ENDED: frozenset(),
    S.REVOKED: frozenset(),
}

# Steps only the sender takes; every other step is the recipient's.
SENDER_STEPS = frozenset({S.REVOKED})
# A step to these statuses says why.
NEEDS_REASON = frozenset({S.DECLINED, S.ENDED, S.REVOKED})

# The button of each step, as the person taking it reads it.
STEP_LABELS: dict[str, StrOrPromise] = {
    S.ACCEPTED: _("Accept"),
    S.DECLINED: _("Decline"),
    S.IN_PROGRESS: _("Start working on it"),
    S.DONE: _("Done"),
    S.NO_SHOW: _("The resident did not come"),
    S.ENDED: _("End"),
    S.REVOKED: _("Revoke the referral"),
}


class TransitionError(ValueError):
    """A step the workflow does not allow."""


def allowed_transitions(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


def check_transition(current: str, target: str) -> None:
    if target not in allowed_transitions(current):
        raise TransitionError(
            _("A referral cannot go from “%(current)s” to “%(target)s”.")
            % {"current": S(current).label, "target": S(target).label}
        )

"""The import job workflow: one explicit transition table, checked in one place.

    pending ─► validating ─► validated ─► running ─► done
       │            │            │           │
       └────────────┴────────────┴───────────┴─► failed

A check runs while the job is *validating*; a person confirms a *validated* job, which then
*runs*. *Failed* covers a check with problems, a crash, a cancelled check and a worker that
stopped (a stalled job is cancelled: the import is all or nothing, so it wrote nothing)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkpunt.housing.models import ImportJobStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.PENDING: frozenset({S.VALIDATING, S.FAILED}),
    S.VALIDATING: frozenset({S.VALIDATED, S.FAILED}),
    S.VALIDATED: frozenset({S.RUNNING, S.FAILED}),
    S.RUNNING: frozenset({S.DONE, S.FAILED}),
    S.DONE: frozenset(),
    S.FAILED: frozenset(),
}

# A worker picks these up (a check or an import that has not finished).
WORKER_STATUSES = frozenset({S.PENDING, S.VALIDATING, S.RUNNING})


class TransitionError(ValueError):
    """A status change the import workflow does not allow."""


def allowed_transitions(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


def check_transition(current: str, target: str) -> None:
    if target not in allowed_transitions(current):
        raise TransitionError(
            _("An import cannot go from “%(current)s” to “%(target)s”.")
            % {"current": S(current).label, "target": S(target).label}
        )

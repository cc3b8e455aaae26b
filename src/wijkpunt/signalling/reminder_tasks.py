"""The background task that checks deadlines (enqueued by the worker's scheduler)."""

from __future__ import annotations

from django_tasks import task


@task()
def check_deadlines() -> dict[str, int]:
    """Remind and escalate whatever is due now (see ``signalling.reminders``)."""
    from wijkpunt.signalling.reminders import check_deadlines as run_check

    run = run_check()
    return {
        "reminded": len(run.reminded),
        "reminded_resolution": len(run.reminded_resolution),
        "escalated_first_response": len(run.escalated_first_response),
        "escalated_resolution": len(run.escalated_resolution),
        "emails": run.emails,
    }

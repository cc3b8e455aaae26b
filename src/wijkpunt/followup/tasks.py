"""Background work of "you said, we did": telling residents what changed."""

from __future__ import annotations

from django_tasks import task


@task()
def send_due_notices() -> dict[str, int]:
    """Send every action notice that is due (at most one per action per day)."""
    from wijkpunt.followup.notices import send_due_notices as run

    return {"actions": len(run())}

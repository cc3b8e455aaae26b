"""The background task that sends the e-mails of ``reach`` (enqueued after the commit)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_reach_emails(message_id: int) -> dict[str, int]:
    """Send what is still waiting of one message's e-mails (each at most once)."""
    from wijkpunt.outreach.reach import send_queued_emails

    return send_queued_emails(message_id=message_id)

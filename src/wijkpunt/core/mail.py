"""An e-mail backend that keeps messages in the database (the demo outbox)."""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        from wijkpunt.core.models import OutboxMessage

        count = 0
        for message in email_messages:
            html = ""
            for content, mimetype in getattr(message, "alternatives", []) or []:
                if mimetype == "text/html":
                    html = content
            OutboxMessage.objects.create(
                to=", ".join(message.to),
                subject=str(message.subject)[:500],
                body=message.body,
                html_body=html,
            )
            count += 1
        return count

"""``wijkpunt deadlines check``: remind and escalate whatever is due, once, and say what."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime


class Command(BaseCommand):
    help = "Deadline reminders and escalation of signals (the worker also does this by itself)."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Remind and escalate whatever is due now, once.")
        check.add_argument(
            "--at",
            help="Pretend it is this moment (ISO 8601, e.g. 2025-03-03T09:00), for trying out.",
        )

    def handle(self, *args, action: str, at: str | None = None, **options) -> None:
        from wijkpunt.signalling.models import Signal
        from wijkpunt.signalling.reminders import check_deadlines

        now = None
        if at:
            now = parse_datetime(at)
            if now is None:
                raise CommandError(f"Not a date and time: {at!r} (use e.g. 2025-03-03T09:00)")
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        run = check_deadlines(now)
        references = {
            s.pk: s.reference
            for s in Signal.objects.filter(
                pk__in=[
                    *run.reminded,
                    *run.reminded_resolution,
                    *run.escalated_first_response,
                    *run.escalated_resolution,
                ]
            ).only("pk")
        }

        def line(label: str, ids: list[int]) -> None:
            shown = ", ".join(references.get(i, str(i)) for i in ids[:20])
            more = f" (+{len(ids) - 20} more)" if len(ids) > 20 else ""
            self.stdout.write(f"{label}: {len(ids)}" + (f" – {shown}{more}" if ids else ""))

        line("Reminded (first answer due soon)", run.reminded)
        line("Reminded (resolution due soon)", run.reminded_resolution)
        line("Escalated (no first answer in time)", run.escalated_first_response)
        line("Escalated (not resolved in time)", run.escalated_resolution)
        self.stdout.write(f"E-mails sent: {run.emails}")
        if run.failed_emails:
            self.stderr.write(f"E-mails that could not be sent: {run.failed_emails}")

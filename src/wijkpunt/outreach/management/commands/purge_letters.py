"""``wijkpunt purge_letters [--days N]``: remove printed-letter PDFs older than N days
(LETTER_RETENTION_DAYS by default); run it daily from cron or a systemd timer."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from wijkpunt.outreach.letters import purge_old_files


class Command(BaseCommand):
    help = "Remove letter PDFs older than LETTER_RETENTION_DAYS (they hold codes and addresses)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=None, help="keep this many days")

    def handle(self, *args, days: int | None = None, **options) -> None:
        removed = purge_old_files(days=days)
        self.stdout.write(f"{removed} letter file(s) removed")

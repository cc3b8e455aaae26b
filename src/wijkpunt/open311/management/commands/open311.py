"""``wijkpunt open311 issue-key NAME`` | ``list`` | ``revoke NAME``: Open311 API keys."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from wijkpunt.open311 import actions
from wijkpunt.open311.models import ApiKey


class Command(BaseCommand):
    help = "Manage Open311 API keys: issue-key NAME, list, revoke NAME."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue-key", help="issue a new key and print it (shown once)")
        issue.add_argument("name")
        sub.add_parser("list", help="list the keys (never the keys themselves)")
        revoke = sub.add_parser("revoke", help="switch a key off")
        revoke.add_argument("name")

    def handle(self, *args, **options) -> None:
        action = options["action"]
        try:
            if action == "issue-key":
                key, raw = actions.issue_key(name=options["name"])
                self.stderr.write(f"Key for {key.name!r}; copy it now, it is not shown again:")
                self.stdout.write(raw)
            elif action == "revoke":
                key = actions.revoke_key(name=options["name"])
                self.stdout.write(f"Revoked {key.name} ({key.prefix}…)")
            else:
                for key in ApiKey.objects.all():
                    used = key.last_used_at.isoformat() if key.last_used_at else "never"
                    state = "active" if key.active else "revoked"
                    self.stdout.write(f"{key.name}\t{key.prefix}…\t{state}\tlast used {used}")
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc

"""``wijkpunt demo [--reset] [--seed N]``: load the demo estates, households and accounts."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wijkpunt.demo import data
from wijkpunt.demo.generate import DEFAULT_SEED, delete_demo_data, demo_data_exists, generate


class Command(BaseCommand):
    help = (
        "Load the demo: partner organisations, four estates with several hundred dwellings, "
        "households with their tenancy history, and one demo account per role."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo data first (the audit log is append-only and stays).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Seed of the random generator (default {DEFAULT_SEED}); same seed, same demo.",
        )

    def handle(self, *args, reset: bool = False, seed: int = DEFAULT_SEED, **options) -> None:
        if not (settings.DEMO_MODE or settings.DEBUG):
            raise CommandError(
                "The demo creates accounts with a published password and a shared second "
                "factor. Run it only in demo mode (WIJKPUNT_DEMO=1) or debug mode "
                "(WIJKPUNT_DEBUG=1)."
            )
        started = time.monotonic()
        if demo_data_exists():
            if not reset:
                self.stdout.write(
                    "The demo data are already loaded; nothing changed. "
                    "Use --reset to delete them and load them again."
                )
                return
            removed = delete_demo_data()
            self.stdout.write(
                "Removed the earlier demo: "
                + ", ".join(f"{n} {what}" for what, n in removed.items() if n)
                + "."
            )
        result = generate(seed=seed)
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Demo loaded in {elapsed:.1f} s (seed {seed})."))
        for what, n in result.counts.items():
            self.stdout.write(f"  {n:>6}  {what}")
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {data.DEMO_PASSWORD}):")
        for account in data.STAFF_ACCOUNTS:
            user = result.staff[account.local_part]
            self.stdout.write(f"  {user.email:<45} {account.role}")
        for tenant in data.TENANT_ACCOUNTS:
            user = result.tenants[tenant.local_part]
            self.stdout.write(f"  {user.email:<45} tenant ({tenant.language})")
        self.stdout.write(
            f"Staff sign in with a second factor: authenticator secret {data.DEMO_TOTP_SECRET} "
            "(the login page shows the current code in demo mode). See docs/demo.md."
        )

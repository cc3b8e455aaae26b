"""``wijkpunt export FILE.csv|FILE.xlsx [--estate SLUG] [--residents] [--as EMAIL]``."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wijkpunt.housing import actions
from wijkpunt.housing.models import Estate


class Command(BaseCommand):
    help = (
        "Export dwellings with their current household and tenancy (or, with --residents, the "
        "residents) in the import format. Every exported household is written to the audit log."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", metavar="FILE", help="FILE.csv or FILE.xlsx")
        parser.add_argument(
            "--estate", action="append", metavar="SLUG", help="Only this estate (repeatable)."
        )
        parser.add_argument("--residents", action="store_true", help="Write the residents file.")
        parser.add_argument(
            "--as", dest="as_email", metavar="EMAIL", help="The person the export is made for."
        )

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in ("csv", "xlsx"):
            raise CommandError("The file name must end in .csv or .xlsx")
        estates = None
        if options["estate"]:
            estates = list(Estate.objects.filter(slug__in=options["estate"]))
            missing = set(options["estate"]) - {e.slug for e in estates}
            if missing:
                raise CommandError(f"Unknown estate: {', '.join(sorted(missing))}")
        user = None
        if options["as_email"]:
            try:
                user = get_user_model().objects.get(email__iexact=options["as_email"])
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user with e-mail address {options['as_email']}") from None
        with path.open("wb") as fh:
            rows = actions.export_registry(
                fileobj=fh,
                fmt=fmt,
                user=user,
                estates=estates,
                residents=options["residents"],
                purpose="registry export (command line)",
            )
        self.stdout.write(f"{rows} rows written to {path}")

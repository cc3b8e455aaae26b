"""``wijkpunt import FILE [FILE ...] [--dry-run] [--as EMAIL]``: import registry files."""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from wijkpunt.housing import actions
from wijkpunt.housing.reports import render_report_text


class Command(BaseCommand):
    help = (
        "Import dwellings, households and tenancies (and residents) from CSV or XLSX files, "
        "all or nothing. Prints the report; exit code 1 when the files have problems."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="CSV or XLSX file(s)")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check only: report, write nothing."
        )
        parser.add_argument(
            "--as", dest="as_email", metavar="EMAIL", help="The person the import is made by."
        )
        parser.add_argument(
            "--language", default="nl-be", help="Language of the report (nl-be, fr, en)."
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, **options) -> None:
        user = None
        if options["as_email"]:
            try:
                user = get_user_model().objects.get(email__iexact=options["as_email"])
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user with e-mail address {options['as_email']}") from None
        paths = [Path(name) for name in options["files"]]
        for path in paths:
            if not path.is_file():
                raise CommandError(f"File not found: {path}")
        with translation.override(options["language"]):
            handles = [path.open("rb") for path in paths]
            try:
                report = actions.import_registry(
                    files=[(p.name, fh) for p, fh in zip(paths, handles, strict=True)],
                    user=user,
                    dry_run=options["dry_run"],
                )
            finally:
                for fh in handles:
                    fh.close()
            if options["json"]:
                self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            else:
                self.stdout.write(render_report_text(report))
            if not report["ok"]:
                raise CommandError(
                    _("%(n)s problem(s): nothing has been imported.")
                    % {"n": len(report["problems"])},
                    returncode=1,
                )

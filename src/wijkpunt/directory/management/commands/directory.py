"""``wijkpunt directory import FILE_OR_URL``: the sociale kaart from an HSDS 3.0 JSON file or
from the base address of an HSDS API (``http://…/hsds``). All or nothing: every problem is
printed with its path and nothing is imported when one is found (exit code 1)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from wijkpunt.directory import actions, hsds


class Command(BaseCommand):
    help = (
        "The sociale kaart: import FILE_OR_URL reads an HSDS 3.0 JSON file, or every "
        "service of an HSDS API (its base address, http:// or https://), and imports it "
        "all at once; it prints what was created and updated."
    )

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import an HSDS file or API")
        imp.add_argument("source", metavar="FILE_OR_URL")
        imp.add_argument("--language", default="nl-be", help="language of the messages")

    def handle(self, *args, **options) -> None:
        with translation.override(options["language"]):
            self.import_directory(options["source"])

    def import_directory(self, source: str) -> None:
        try:
            if source.lower().startswith(("http://", "https://")):
                summary = actions.import_from_api(url=source)
            else:
                path = Path(source)
                if not path.is_file():
                    raise CommandError(_("File not found: %(path)s") % {"path": path})
                if path.stat().st_size > settings.IMPORT_MAX_BYTES:
                    raise CommandError(
                        _("The file is larger than %(max)s bytes.")
                        % {"max": settings.IMPORT_MAX_BYTES}
                    )
                summary = actions.import_directory(data=path.read_bytes(), source=path.name)
        except hsds.DirectoryInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("%(n)s problem(s): nothing has been imported.") % {"n": len(invalid.problems)},
                returncode=1,
            ) from invalid
        for line in summary.lines():
            self.stdout.write(line)

"""``wijkpunt surveys import-xlsform FILE.xlsx [--organisation SLUG]`` |
``export-xlsform ID FILE.xlsx``: surveys in and out as XLSForm workbooks."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wijkpunt.partners.models import Organisation
from wijkpunt.surveys import actions_xlsform, xlsform
from wijkpunt.surveys.models import Survey
from wijkpunt.surveys.texts import text_in


def _organisation(slug: str | None) -> Organisation:
    organisations = list(Organisation.objects.all())
    if not slug:
        if len(organisations) == 1:
            return organisations[0]
        raise CommandError("Name the survey's organisation with --organisation SLUG.")
    for org in organisations:
        if slug.lower() in (str(org.pk), slugify(org.name), slugify(org.short_name)):
            return org
    known = ", ".join(sorted(slugify(o.short_name or o.name) for o in organisations))
    raise CommandError(f"No organisation {slug!r}. Known: {known}")


class Command(BaseCommand):
    help = (
        "Surveys as XLSForm workbooks: import-xlsform FILE.xlsx [--organisation SLUG] makes "
        "a draft survey and prints its id last; export-xlsform ID FILE.xlsx writes one."
    )

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import-xlsform", help="a new draft survey from a workbook")
        imp.add_argument("file", metavar="FILE.xlsx")
        imp.add_argument(
            "--organisation",
            metavar="SLUG",
            help="the organisation the survey belongs to (its name as a slug, or its id)",
        )
        imp.add_argument("--language", default="nl-be", help="language of the problems")
        exp = sub.add_parser("export-xlsform", help="write a survey as a workbook")
        exp.add_argument("id", type=int, metavar="ID")
        exp.add_argument("file", metavar="FILE.xlsx")

    def handle(self, *args, **options) -> None:
        if options["action"] == "import-xlsform":
            self.import_xlsform(options)
        else:
            self.export_xlsform(options)

    def import_xlsform(self, options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"File not found: {path}")
        organisation = _organisation(options["organisation"])
        with translation.override(options["language"]):
            try:
                survey = actions_xlsform.import_xlsform(
                    data=path.read_bytes(), organisation=organisation, filename=path.name
                )
            except xlsform.XLSFormError as exc:
                for problem in exc.problems:
                    self.stderr.write(str(problem))
                raise CommandError(
                    _("%(n)s problem(s): nothing has been imported.") % {"n": len(exc.problems)},
                    returncode=1,
                ) from exc
            self.stderr.write(
                f"Imported {text_in(survey.title, survey.main_language)!r} as a draft survey "
                f"of {organisation}."
            )
        self.stdout.write(str(survey.pk))

    def export_xlsform(self, options) -> None:
        survey = Survey.objects.filter(pk=options["id"]).first()
        if survey is None:
            raise CommandError(f"No survey with id {options['id']}")
        path = Path(options["file"])
        path.write_bytes(xlsform.export(survey))
        self.stdout.write(f"Wrote {path}")

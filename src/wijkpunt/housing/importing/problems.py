"""What a check reports: problems with line and column, and the counts per kind of record."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from wijkpunt.housing.importing.columns import ENTITIES


@dataclass(slots=True)
class Problem:
    source: str
    line: int | None
    column: str
    message: str

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }

    def __str__(self) -> str:
        return format_problem(self.as_dict())


def format_problem(problem: dict) -> str:
    """ "Regel 14, kolom startdatum: 31/02/2024 is geen geldige datum." """
    parts = []
    if problem.get("line"):
        parts.append(_("Line %(line)s") % {"line": problem["line"]})
    if problem.get("column"):
        column = _("column %(column)s") % {"column": problem["column"]}
        parts.append(column if parts else column[:1].upper() + column[1:])
    prefix = ", ".join(parts)
    return f"{prefix}: {problem['message']}" if prefix else problem["message"]


def empty_counts() -> dict[str, dict[str, int]]:
    return {name: {"created": 0, "updated": 0, "unchanged": 0} for name in ENTITIES}


class ImportFileError(Exception):
    """The file as a whole cannot be read: wrong type, empty, corrupt, refused columns."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

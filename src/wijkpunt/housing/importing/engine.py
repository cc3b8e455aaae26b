"""``RegistryImport``: reads tables, checks every row, compares with the database and plans
the writes, collecting every problem on the way."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from django.utils.translation import gettext as _

from wijkpunt.housing.importing.changes import ChangeLog
from wijkpunt.housing.importing.columns import (
    DWELLING_COLUMNS,
    DWELLINGS,
    PROGRESS_EVERY,
    RESIDENT_COLUMNS,
    normalise_header,
)
from wijkpunt.housing.importing.planning import Plan, Planner
from wijkpunt.housing.importing.problems import ImportFileError, Problem, empty_counts
from wijkpunt.housing.importing.reading import Table, check_headers, open_tables
from wijkpunt.housing.importing.rows import RowChecks
from wijkpunt.housing.importing.values import Row, looks_like_national_number

ProgressCallback = Callable[[int], None]


class RegistryImport(RowChecks, Planner):
    """Parses tables, checks every row, compares with the database and plans the writes."""

    def __init__(self, *, progress: ProgressCallback | None = None):
        self.problems: list[Problem] = []
        self.notices: list[str] = []
        self.dwelling_rows: list[Row] = []
        self.resident_rows: list[Row] = []
        self.kinds: list[str] = []
        self.rows_read = 0
        self.counts = empty_counts()
        self.changes = ChangeLog()
        self.estates_created: list[str] = []
        self.plan_: Plan | None = None
        self._progress = progress
        # a table (or a whole file) could not be read: what it holds is unknown, so checks
        # that need every table ("this household is in no file") are left out
        self._unreadable = False
        # per source: field -> header as written in the file (for messages)
        self._headers: dict[tuple[str, str], str] = {}

    # -- problems --
    def problem(self, row: Row | None, column_field: str, message: str, source: str = "") -> None:
        if row is not None:
            row.ok = False
            if column_field not in row.values:  # the cell itself could not be read
                row.bad.add(column_field)
            source = row.source
        column = self._headers.get((source, column_field), column_field) if column_field else ""
        self.problems.append(Problem(source, row.line if row else None, column, message))

    def file_problem(self, source: str, message: str, *, unreadable: bool = True) -> None:
        """A problem of a file or a table rather than of a cell. ``unreadable``: the table's
        rows cannot be checked at all (the other tables still are)."""
        self._unreadable = self._unreadable or unreadable
        self.problems.append(Problem(source, None, "", message))

    @property
    def ok(self) -> bool:
        return not self.problems

    # -- reading --
    def read_file(self, fileobj: IO[bytes], name: str) -> None:
        try:
            with open_tables(fileobj, name) as tables:
                for table in tables:
                    self.read_table(table)
        except ImportFileError as exc:
            self.file_problem(name, exc.message)

    def read_table(self, table: Table) -> None:
        messages = check_headers(table)
        if messages:
            for message in messages:
                self.file_problem(table.source, message)
            return
        self.kinds.append(table.kind)
        columns = DWELLING_COLUMNS if table.kind == DWELLINGS else RESIDENT_COLUMNS
        alias = {name: f for f, names in columns.items() for name in names}
        index: dict[str, int] = {}
        unknown: list[int] = []
        twice: list[str] = []
        for i, header in enumerate(table.headers):
            key = normalise_header(header)
            if not key:
                continue
            f = alias.get(key)
            if f is None:
                unknown.append(i)
                self.notices.append(
                    _("%(source)s: column %(column)s is not used.")
                    % {"source": table.source, "column": header}
                )
            elif f in index:
                twice.append(str(header))
            else:
                index[f] = i
                self._headers[(table.source, f)] = str(header).replace("\ufeff", "").strip()
        for header in twice:  # every repeated column, then the table cannot be read
            self.file_problem(
                table.source, _("Column %(column)s appears twice.") % {"column": header}
            )
        if twice:
            return
        parse = self._parse_dwelling if table.kind == DWELLINGS else self._parse_resident
        target = self.dwelling_rows if table.kind == DWELLINGS else self.resident_rows
        items = list(index.items())
        width = len(table.headers)
        for line, values in table.rows:
            self.rows_read += 1
            if len(values) < width:
                values = list(values) + [None] * (width - len(values))
            row = Row(table.source, line)
            for i in unknown:
                if looks_like_national_number(values[i]):
                    self.file_problem(
                        table.source,
                        _(
                            "Column %(column)s holds national register numbers (line "
                            "%(line)s). Wijkpunt does not keep them: remove this column."
                        )
                        % {"column": table.headers[i], "line": line},
                        unreadable=False,  # the other columns are checked all the same
                    )
                    unknown.remove(i)
                    break
            parse(row, {f: values[i] for f, i in items})
            target.append(row)
            if self._progress and self.rows_read % PROGRESS_EVERY == 0:
                self._progress(self.rows_read)
        if self._progress:
            self._progress(self.rows_read)

    def release_rows(self) -> None:
        """Forget the parsed rows once the plan is made (the plan holds what it needs)."""
        self.dwelling_rows = []
        self.resident_rows = []
        self._building_rows = {}

    # -- the report --
    def report(self, *, dry_run: bool, applied: bool = False) -> dict:
        return {
            "ok": not self.problems,
            "dry_run": dry_run,
            "applied": applied,
            "kinds": sorted(set(self.kinds)),
            "rows": self.rows_read,
            "problems": [p.as_dict() for p in self.problems],
            "notices": self.notices,
            "counts": self.counts,
            "estates_created": self.estates_created,
            "changes": self.changes.items,
            "changes_total": self.changes.total,
        }

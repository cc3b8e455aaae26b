"""Reading and checking registry files: dwellings (with building, household and tenancy) and
residents, as CSV or XLSX. The format is described in docs/import-format.md.

This package reads and validates; it never writes. ``RegistryImport`` parses every row in one
pass (streaming: CSV rows one at a time, XLSX through openpyxl's read-only mode), then checks
the rows against each other and against the database in a few queries per table (dictionaries
keyed by the source's reference), and works out what to create and what to update. Every check
runs on every row, whatever an earlier check found, so that one check reports every problem.
``housing.actions.import_registry`` applies that plan in one transaction.

Modules, in the order the work is done:

- ``columns``: the columns of a file and the words accepted in its cells;
- ``reading``: CSV and XLSX files as tables, and the file-level checks of their headers;
- ``values``: one parsed row and the parsing of its cells;
- ``rows``: the checks of one row, then of the rows against each other;
- ``planning``: the comparison with the database, and the plan of writes;
- ``problems``: what a check reports;
- ``changes``: what an import changes, in words, for the preview;
- ``engine``: ``RegistryImport``, which runs all of the above.
"""

from wijkpunt.housing.importing.changes import CHANGES_KEPT, format_change
from wijkpunt.housing.importing.columns import (
    DWELLING_COLUMNS,
    DWELLING_REQUIRED,
    DWELLINGS,
    ENTITIES,
    RESIDENT_COLUMNS,
    RESIDENT_REQUIRED,
    RESIDENTS,
    normalise_header,
)
from wijkpunt.housing.importing.engine import ProgressCallback, RegistryImport
from wijkpunt.housing.importing.planning import FALLBACK_PREFIX, Plan, reference
from wijkpunt.housing.importing.problems import (
    ImportFileError,
    Problem,
    empty_counts,
    format_problem,
)
from wijkpunt.housing.importing.reading import (
    Table,
    check_headers,
    detect_kind,
    inspect_file,
    is_xlsx,
    open_tables,
)
from wijkpunt.housing.importing.values import (
    Row,
    looks_like_national_number,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_int,
)

__all__ = [
    "CHANGES_KEPT",
    "DWELLINGS",
    "DWELLING_COLUMNS",
    "DWELLING_REQUIRED",
    "ENTITIES",
    "FALLBACK_PREFIX",
    "RESIDENTS",
    "RESIDENT_COLUMNS",
    "RESIDENT_REQUIRED",
    "ImportFileError",
    "Plan",
    "Problem",
    "ProgressCallback",
    "RegistryImport",
    "Row",
    "Table",
    "check_headers",
    "detect_kind",
    "empty_counts",
    "format_change",
    "format_problem",
    "inspect_file",
    "is_xlsx",
    "looks_like_national_number",
    "normalise_header",
    "open_tables",
    "parse_bool",
    "parse_date",
    "parse_decimal",
    "parse_int",
    "reference",
]

"""Reading and checking registry files: dwellings (with building, household and tenancy) and
residents, as CSV or XLSX. The format is described in docs/import-format.md.

This module reads and validates; it never writes. ``RegistryImport`` parses every row in one
pass (streaming: CSV rows one at a time, XLSX through openpyxl's read-only mode), collects every
problem with its line and column, then compares with the database in a few queries per table
(dictionaries keyed by the source's reference) and works out what to create and what to update.
``housing.actions.import_registry`` applies that plan in one transaction.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkpunt.core.spreadsheet import read_cell
from wijkpunt.housing.models import (
    Building,
    Dwelling,
    DwellingType,
    Estate,
    Household,
    Resident,
    ResidentRelation,
    Tenancy,
)

DWELLINGS = "dwellings"
RESIDENTS = "residents"
ENTITIES = ("buildings", "dwellings", "households", "tenancies", "residents")
LOOKUP_CHUNK = 2000  # references per IN (...) query: well below every database's limit
PROGRESS_EVERY = 500

# --- Columns ---------------------------------------------------------------------------------
# field -> accepted header names (after normalising: lower case, spaces and dashes as "_").
# The first name is the Dutch one the export writes.
DWELLING_COLUMNS: dict[str, tuple[str, ...]] = {
    "dwelling_ref": ("woning_ref", "dwelling_ref", "woningref"),
    "estate": ("wijk", "estate", "patrimonium"),
    "building_ref": ("gebouw_ref", "building_ref", "gebouwref"),
    "building_name": ("gebouwnaam", "building_name", "gebouw_naam"),
    "street": ("straat", "street", "straatnaam"),
    "number": ("huisnummer", "number", "house_number", "nummer"),
    "unit": ("bus", "unit", "busnummer"),
    "postcode": ("postcode", "postal_code", "zip"),
    "city": ("gemeente", "city", "municipality", "woonplaats"),
    "dwelling_type": ("type", "dwelling_type", "woningtype"),
    "bedrooms": ("slaapkamers", "bedrooms"),
    "floor": ("verdieping", "floor"),
    "has_lift": ("lift", "has_lift"),
    "adapted": ("aangepast", "adapted"),
    "latitude": ("latitude", "breedtegraad", "lat"),
    "longitude": ("longitude", "lengtegraad", "lon", "lng"),
    "household_ref": ("gezin_ref", "household_ref", "gezinref"),
    "household_name": ("gezinsnaam", "household_name", "gezin_naam"),
    "language": ("taal", "language"),
    "phone": ("telefoon", "phone", "telefoonnummer", "gsm"),
    "email": ("email", "e_mail", "e_mailadres", "emailadres"),
    "tenancy_ref": ("huur_ref", "tenancy_ref", "huurref", "contract_ref"),
    "start_date": ("startdatum", "start_date", "begindatum"),
    "end_date": ("einddatum", "end_date"),
    "probation_end": ("proefperiode_einde", "probation_end", "einde_proefperiode"),
}
DWELLING_REQUIRED = ("dwelling_ref", "estate", "street", "number", "postcode", "city")

RESIDENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "resident_ref": ("bewoner_ref", "resident_ref", "bewonerref"),
    "household_ref": ("gezin_ref", "household_ref", "gezinref"),
    "first_name": ("voornaam", "first_name"),
    "last_name": ("achternaam", "last_name", "familienaam", "naam"),
    "relation": ("relatie", "relation"),
    "birth_year": ("geboortejaar", "birth_year"),
    "phone": ("telefoon", "phone", "telefoonnummer", "gsm"),
    "email": ("email", "e_mail", "e_mailadres", "emailadres"),
}
RESIDENT_REQUIRED = ("resident_ref", "household_ref", "first_name", "last_name")

# Columns that hold (or look like they hold) a national register number: refused outright.
NATIONAL_NUMBER_HEADERS = re.compile(
    r"(rijksregister|insz|inss|niss|national_?(register_?)?number|numero_national|"
    r"national_?id|ssin|bis_?nummer|^rrn$|^nn$|^nrn$)"
)
NATIONAL_NUMBER_VALUE = re.compile(r"^(\d{2})\.?(\d{2})\.?(\d{2})[-. ]?(\d{3})\.?(\d{2})$")

TRUE_WORDS = {"ja", "j", "yes", "y", "1", "waar", "true", "oui", "vrai", "x"}
FALSE_WORDS = {"nee", "neen", "n", "no", "0", "onwaar", "false", "non", "faux"}
DWELLING_TYPES = {
    "appartement": DwellingType.APARTMENT,
    "apartment": DwellingType.APARTMENT,
    "flat": DwellingType.APARTMENT,
    "huis": DwellingType.HOUSE,
    "woning": DwellingType.HOUSE,
    "eengezinswoning": DwellingType.HOUSE,
    "rijwoning": DwellingType.HOUSE,
    "house": DwellingType.HOUSE,
    "studio": DwellingType.STUDIO,
    "duplex": DwellingType.DUPLEX,
    "serviceflat": DwellingType.SENIOR_FLAT,
    "seniorenflat": DwellingType.SENIOR_FLAT,
    "seniorenwoning": DwellingType.SENIOR_FLAT,
    "senior": DwellingType.SENIOR_FLAT,
    "senior flat": DwellingType.SENIOR_FLAT,
}
LANGUAGES = {
    "nl": "nl-be",
    "nl-be": "nl-be",
    "nl_be": "nl-be",
    "nederlands": "nl-be",
    "vlaams": "nl-be",
    "dutch": "nl-be",
    "fr": "fr",
    "fr-be": "fr",
    "frans": "fr",
    "français": "fr",
    "francais": "fr",
    "french": "fr",
    "en": "en",
    "engels": "en",
    "english": "en",
}
RELATIONS = {
    "hoofdhuurder": ResidentRelation.HEAD,
    "huurder": ResidentRelation.HEAD,
    "head": ResidentRelation.HEAD,
    "main tenant": ResidentRelation.HEAD,
    "partner": ResidentRelation.PARTNER,
    "medehuurder": ResidentRelation.PARTNER,
    "co-huurder": ResidentRelation.PARTNER,
    "kind": ResidentRelation.CHILD,
    "child": ResidentRelation.CHILD,
    "ander": ResidentRelation.OTHER,
    "andere": ResidentRelation.OTHER,
    "other": ResidentRelation.OTHER,
}
FLOOR_WORDS = {"gelijkvloers": 0, "gv": 0, "ground": 0, "kelder": -1}
MAX_LENGTHS = {
    "dwelling_ref": 64,
    "building_ref": 64,
    "household_ref": 64,
    "tenancy_ref": 64,
    "resident_ref": 64,
    "estate": 150,
    "building_name": 150,
    "street": 150,
    "number": 20,
    "unit": 20,
    "postcode": 10,
    "city": 100,
    "household_name": 200,
    "phone": 40,
    "email": 254,
    "first_name": 100,
    "last_name": 100,
}
EXCEL_EPOCH = dt.date(1899, 12, 30)


def normalise_header(value: object) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


# --- Problems and the report -----------------------------------------------------------------


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


# --- Reading files ---------------------------------------------------------------------------


@dataclass
class Table:
    """One sheet of rows: a CSV file, or one worksheet of an XLSX workbook."""

    source: str
    headers: list[str]
    rows: Iterable[tuple[int, Sequence[Any]]]  # (line number as in a spreadsheet, values)
    kind: str = ""
    estimated_rows: int = 0


def is_xlsx(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def _detect_encoding(fileobj: IO[bytes]) -> str:
    """UTF-8 (with or without BOM) when every byte decodes, otherwise Windows-1252.
    Reads the file in chunks, so memory stays bounded."""
    fileobj.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := fileobj.read(1 << 20):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    finally:
        fileobj.seek(0)
    return "utf-8-sig"


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _csv_table(text: io.TextIOWrapper, name: str) -> Table:
    first = text.readline()
    if not first.strip():
        raise ImportFileError(_("The file is empty or the first line has no column names."))
    delimiter = _sniff_delimiter(first)
    headers = next(csv.reader([first], delimiter=delimiter))
    reader = csv.reader(text, delimiter=delimiter)

    def rows() -> Iterator[tuple[int, Sequence[Any]]]:
        line = 1
        try:
            for values in reader:
                line += 1
                if any(v.strip() for v in values):
                    yield line, values
        except csv.Error as exc:
            raise ImportFileError(
                _("Line %(line)s cannot be read as CSV (%(error)s).")
                % {"line": line + 1, "error": exc}
            ) from exc

    return Table(source=name, headers=headers, rows=rows())


def _xlsx_cell_rows(ws) -> Iterator[tuple[int, Sequence[Any]]]:
    line = 1
    for values in ws.iter_rows(min_row=2, values_only=True):
        line += 1
        if any(v is not None and str(v).strip() for v in values):
            yield line, values


@contextlib.contextmanager
def open_tables(fileobj: IO[bytes], name: str) -> Iterator[list[Table]]:
    """The tables in an uploaded file; raises ImportFileError when it cannot be read.

    CSV: one table. XLSX: one table per worksheet that has recognisable column names (so a
    workbook may hold a dwellings sheet and a residents sheet)."""
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if not head:
        raise ImportFileError(_("The file is empty."))
    lower = name.lower()
    if is_xlsx(head) or lower.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(fileobj, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
            raise ImportFileError(
                _("This Excel file cannot be opened. Is it damaged? Save it again as .xlsx.")
            ) from exc
        except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
            raise ImportFileError(
                _("This Excel file cannot be opened. Is it damaged? Save it again as .xlsx.")
            ) from exc
        try:
            tables = []
            for ws in workbook.worksheets:
                header_row = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), None)
                if not header_row or not any(header_row):
                    continue
                headers = ["" if h is None else str(h) for h in header_row]
                label = name if len(workbook.worksheets) == 1 else f"{name} – {ws.title}"
                estimated = max((ws.max_row or 1) - 1, 0)
                tables.append(
                    Table(
                        source=label,
                        headers=headers,
                        rows=_xlsx_cell_rows(ws),
                        estimated_rows=estimated,
                    )
                )
            if not tables:
                raise ImportFileError(_("The workbook has no sheet with column names."))
            yield tables
        finally:
            workbook.close()
        return
    if b"\x00" in head or lower.endswith((".xls", ".ods", ".pdf", ".docx")):
        raise ImportFileError(_("This is not a CSV or XLSX file. Save it as .csv or .xlsx."))
    text = io.TextIOWrapper(fileobj, encoding=_detect_encoding(fileobj), newline="")
    try:
        yield [_csv_table(text, name)]
    except UnicodeDecodeError as exc:  # pragma: no cover - the encoding was checked first
        raise ImportFileError(_("The file cannot be read as text.")) from exc
    finally:
        text.detach()


def detect_kind(headers: Sequence[str]) -> str:
    normal = {normalise_header(h) for h in headers}
    if normal & set(RESIDENT_COLUMNS["resident_ref"]):
        return RESIDENTS
    if normal & set(DWELLING_COLUMNS["dwelling_ref"]):
        return DWELLINGS
    return ""


def check_headers(table: Table) -> list[str]:
    """File-level refusals for a table: national number columns, unknown kind, missing
    required columns. Returns the list of messages (empty when the table is usable)."""
    messages = []
    for header in table.headers:
        if NATIONAL_NUMBER_HEADERS.search(normalise_header(header)):
            messages.append(
                _(
                    "Column %(column)s looks like a national register number. Wijkpunt does "
                    "not keep national register numbers: remove this column and upload the "
                    "file again."
                )
                % {"column": header}
            )
    if messages:
        return messages
    kind = detect_kind(table.headers)
    if not kind:
        return [
            _(
                "This file is not recognised: a dwellings file needs a column woning_ref, a "
                "residents file a column bewoner_ref."
            )
        ]
    columns, required = (
        (DWELLING_COLUMNS, DWELLING_REQUIRED)
        if kind == DWELLINGS
        else (RESIDENT_COLUMNS, RESIDENT_REQUIRED)
    )
    normal = {normalise_header(h) for h in table.headers}
    missing = [columns[f][0] for f in required if not normal & set(columns[f])]
    if missing:
        messages.append(
            _("These columns are missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    table.kind = kind
    return messages


def inspect_file(fileobj: IO[bytes], name: str) -> tuple[list[str], int]:
    """Quick check of an upload before it is stored: the kinds of tables and an estimate of
    the number of rows. Raises ImportFileError with a message for the person uploading."""
    kinds: list[str] = []
    rows = 0
    with open_tables(fileobj, name) as tables:
        for table in tables:
            messages = check_headers(table)
            if messages:
                raise ImportFileError(" ".join(messages))
            kinds.append(table.kind)
            rows += table.estimated_rows
    if not name.lower().endswith(".xlsx") and not is_xlsx(_peek(fileobj)):
        rows = _count_lines(fileobj)
    fileobj.seek(0)
    return kinds, rows


def _peek(fileobj: IO[bytes]) -> bytes:
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    return head


def _count_lines(fileobj: IO[bytes]) -> int:
    fileobj.seek(0)
    count = 0
    last = b""
    while chunk := fileobj.read(1 << 20):
        count += chunk.count(b"\n")
        last = chunk
    if last and not last.endswith(b"\n"):
        count += 1
    fileobj.seek(0)
    return max(count - 1, 0)


# --- Parsed rows -----------------------------------------------------------------------------


class Row:
    """One parsed row: ``values`` holds the fields whose column is in the file."""

    __slots__ = ("source", "line", "values", "ok")

    def __init__(self, source: str, line: int):
        self.source = source
        self.line = line
        self.values: dict[str, Any] = {}
        self.ok = True

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


def _text(value: Any) -> str:
    """A cell as text. A quote that kept an exported text from becoming a formula
    (``core.spreadsheet``) is not part of the value."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return read_cell(str(value).strip())


_DATE_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_DATE_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(value: Any) -> dt.date:
    """YYYY-MM-DD, DD/MM/YYYY (also with - or .), or a real spreadsheet date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 < value < 100000:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = _text(value)
    if " " in text:  # "2024-03-01 00:00:00"
        text = text.split(" ", 1)[0]
    if m := _DATE_YMD.match(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DATE_DMY.match(text):
        day, month, year = (int(g) for g in m.groups())
    else:
        raise ValueError(text)
    return dt.date(year, month, day)


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError(text)


def parse_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(value)
        return int(value)
    text = _text(value)
    if re.fullmatch(r"-?\d+([.,]0+)?", text):
        return int(re.split(r"[.,]", text)[0])
    raise ValueError(text)


def parse_decimal(value: Any) -> Decimal:
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = Decimal(str(value))
    else:
        try:
            number = Decimal(_text(value).replace(",", "."))
        except InvalidOperation as exc:
            raise ValueError(value) from exc
    if not number.is_finite():
        raise ValueError(value)
    return number.quantize(Decimal("0.000001"))


def looks_like_national_number(value: Any) -> bool:
    """An 11-digit value with the check digits of a Belgian national register number."""
    m = NATIONAL_NUMBER_VALUE.match(_text(value))
    if not m:
        return False
    digits = "".join(m.groups())
    base, check = int(digits[:9]), int(digits[9:])
    return check in (97 - base % 97, 97 - (2000000000 + base) % 97)


# --- The import ------------------------------------------------------------------------------


@dataclass
class Plan:
    """What a real run writes. Filled by ``RegistryImport.plan``."""

    new_estates: list[Estate] = field(default_factory=list)
    # what already exists: building key / reference -> primary key
    building_ids: dict[tuple, int] = field(default_factory=dict)
    dwelling_ids: dict[str, int] = field(default_factory=dict)
    household_ids: dict[str, int] = field(default_factory=dict)
    buildings_new: list[tuple[Any, dict]] = field(default_factory=list)  # (key, fields)
    buildings_update: list[tuple[int, dict, set[str]]] = field(default_factory=list)
    dwellings_new: list[tuple[str, dict]] = field(default_factory=list)
    dwellings_update: list[tuple[int, dict, set[str]]] = field(default_factory=list)
    households_new: list[tuple[str, dict]] = field(default_factory=list)
    households_update: list[tuple[int, dict, set[str]]] = field(default_factory=list)
    tenancies_new: list[tuple[str, dict, str]] = field(default_factory=list)  # ..., event kind
    tenancies_update: list[tuple[int, dict, set[str], dict, str]] = field(default_factory=list)
    residents_new: list[tuple[str, dict]] = field(default_factory=list)
    residents_update: list[tuple[int, dict, set[str]]] = field(default_factory=list)


ProgressCallback = Callable[[int], None]


class RegistryImport:
    """Parses tables, checks every row, compares with the database and plans the writes."""

    def __init__(self, *, progress: ProgressCallback | None = None):
        self.problems: list[Problem] = []
        self.notices: list[str] = []
        self.dwelling_rows: list[Row] = []
        self.resident_rows: list[Row] = []
        self.kinds: list[str] = []
        self.rows_read = 0
        self.counts = empty_counts()
        self.estates_created: list[str] = []
        self.plan_: Plan | None = None
        self._progress = progress
        self._fatal = False
        # per source: field -> header as written in the file (for messages)
        self._headers: dict[tuple[str, str], str] = {}

    # -- problems --
    def problem(self, row: Row | None, column_field: str, message: str, source: str = "") -> None:
        if row is not None:
            row.ok = False
            source = row.source
        column = self._headers.get((source, column_field), column_field) if column_field else ""
        self.problems.append(Problem(source, row.line if row else None, column, message))

    def file_problem(self, source: str, message: str) -> None:
        self._fatal = True
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
                self.file_problem(
                    table.source,
                    _("Column %(column)s appears twice.") % {"column": header},
                )
                return
            else:
                index[f] = i
                self._headers[(table.source, f)] = str(header).replace("\ufeff", "").strip()
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
                    )
                    unknown.remove(i)
                    break
            parse(row, {f: values[i] for f, i in items})
            target.append(row)
            if self._progress and self.rows_read % PROGRESS_EVERY == 0:
                self._progress(self.rows_read)
        if self._progress:
            self._progress(self.rows_read)

    # -- cell parsing helpers --
    def _str(self, row: Row, raw: dict, name: str, *, required: bool = False) -> None:
        if name not in raw:
            return
        text = _text(raw[name])
        if required and not text:
            self.problem(row, name, _("This field is required."))
            return
        limit = MAX_LENGTHS.get(name)
        if limit and len(text) > limit:
            self.problem(
                row,
                name,
                _("At most %(limit)s characters (now %(n)s).") % {"limit": limit, "n": len(text)},
            )
            return
        row.values[name] = text

    def _typed(
        self, row, raw, name, parser, message, *, blank_is=None, keep_blank=False, params=None
    ):
        if name not in raw:
            return
        value = raw[name]
        if _text(value) == "":
            if keep_blank:  # a blank cell keeps the current value (fields that cannot be empty)
                return
            row.values[name] = blank_is
            return
        try:
            row.values[name] = parser(value)
        except (ValueError, TypeError, OverflowError):
            self.problem(row, name, str(message) % {"value": _text(value), **(params or {})})

    def _choice(self, row: Row, raw: dict, name: str, choices: dict, message) -> None:
        """A value from a fixed list (case-insensitive); anything else is a problem."""
        text = _text(raw.get(name))
        if not text:
            return
        value = choices.get(text.lower())
        if value is None:
            self.problem(row, name, str(message) % {"value": text})
        else:
            row.values[name] = str(value)

    def _parse_dwelling(self, row: Row, raw: dict) -> None:
        self._str(row, raw, "dwelling_ref", required=True)
        self._str(row, raw, "estate", required=True)
        self._str(row, raw, "building_ref")
        self._str(row, raw, "building_name")
        self._str(row, raw, "street", required=True)
        self._str(row, raw, "number", required=True)
        self._str(row, raw, "unit")
        self._str(row, raw, "postcode", required=True)
        self._str(row, raw, "city", required=True)
        self._choice(
            row,
            raw,
            "dwelling_type",
            DWELLING_TYPES,
            gettext_lazy(
                "%(value)s is not a known type. Use appartement, huis, studio, duplex "
                "or serviceflat."
            ),
        )
        self._typed(
            row,
            raw,
            "bedrooms",
            _int_between(0, 12),
            gettext_lazy("%(value)s is not a number of bedrooms between 0 and 12."),
            keep_blank=True,
        )
        self._typed(
            row,
            raw,
            "floor",
            _floor,
            gettext_lazy("%(value)s is not a floor between -3 and 60."),
            keep_blank=True,
        )
        bool_msg = gettext_lazy("%(value)s is not yes or no. Use ja or nee.")
        self._typed(row, raw, "has_lift", parse_bool, bool_msg, keep_blank=True)
        self._typed(row, raw, "adapted", parse_bool, bool_msg, keep_blank=True)
        self._typed(
            row,
            raw,
            "latitude",
            _decimal_between(-90, 90),
            gettext_lazy(
                "%(value)s is not a latitude (a number between -90 and 90, e.g. 50.8123)."
            ),
        )
        self._typed(
            row,
            raw,
            "longitude",
            _decimal_between(-180, 180),
            gettext_lazy(
                "%(value)s is not a longitude (a number between -180 and 180, e.g. 3.2701)."
            ),
        )
        # household
        self._str(row, raw, "household_ref")
        has_household = bool(row.get("household_ref"))
        self._str(row, raw, "household_name", required=has_household)
        if has_household and "household_name" not in raw:
            self.problem(
                row, "household_ref", _("A new household needs a name (column gezinsnaam).")
            )
        if "language" in raw and _text(raw["language"]):
            lang = LANGUAGES.get(_text(raw["language"]).lower())
            if lang is None:
                self.problem(
                    row,
                    "language",
                    _("%(value)s is not a language Wijkpunt writes in. Use nl, fr or en.")
                    % {"value": _text(raw["language"])},
                )
            else:
                row.values["language"] = lang
        self._str(row, raw, "phone")
        self._email(row, raw)
        # tenancy
        self._str(row, raw, "tenancy_ref")
        date_msg = gettext_lazy("%(value)s is not a valid date. Use DD/MM/YYYY or YYYY-MM-DD.")
        self._typed(row, raw, "start_date", parse_date, date_msg)
        self._typed(row, raw, "end_date", parse_date, date_msg)
        self._typed(row, raw, "probation_end", parse_date, date_msg)
        tenancy_given = any(
            row.get(f) for f in ("tenancy_ref", "start_date", "end_date", "probation_end")
        )
        if not row.ok:
            return
        if tenancy_given and not has_household:
            self.problem(
                row,
                "household_ref" if "household_ref" in raw else "tenancy_ref",
                _("A tenancy needs a household: fill in gezin_ref."),
            )
        if has_household:
            if not row.get("tenancy_ref"):
                self.problem(
                    row, "tenancy_ref", _("A household on a dwelling needs a tenancy reference.")
                )
            if not row.get("start_date"):
                self.problem(row, "start_date", _("A household on a dwelling needs a start date."))
        start, end, probation = row.get("start_date"), row.get("end_date"), row.get("probation_end")
        if start and end and end < start:
            self.problem(
                row,
                "end_date",
                _("The end (%(end)s) is before the start (%(start)s).")
                % {"end": _d(end), "start": _d(start)},
            )
        if start and probation and probation < start:
            self.problem(
                row,
                "probation_end",
                _("The probation ends (%(end)s) before the tenancy starts (%(start)s).")
                % {"end": _d(probation), "start": _d(start)},
            )

    def _email(self, row: Row, raw: dict) -> None:
        if "email" not in raw:
            return
        text = _text(raw["email"])
        if text:
            try:
                validate_email(text)
            except ValidationError:
                self.problem(
                    row, "email", _("%(value)s is not a valid e-mail address.") % {"value": text}
                )
                return
        row.values["email"] = text.lower()

    def _parse_resident(self, row: Row, raw: dict) -> None:
        self._str(row, raw, "resident_ref", required=True)
        self._str(row, raw, "household_ref", required=True)
        self._str(row, raw, "first_name", required=True)
        self._str(row, raw, "last_name", required=True)
        self._choice(
            row,
            raw,
            "relation",
            RELATIONS,
            gettext_lazy(
                "%(value)s is not a known relation. Use hoofdhuurder, partner, kind or ander."
            ),
        )
        year = dt.date.today().year
        self._typed(
            row,
            raw,
            "birth_year",
            _int_between(1900, year),
            gettext_lazy("%(value)s is not a year of birth between 1900 and %(year)s."),
            params={"year": year},
        )
        self._str(row, raw, "phone")
        self._email(row, raw)

    # -- cross-row checks within the file --
    def check_rows(self) -> None:
        seen_dwelling: dict[str, Row] = {}
        seen_tenancy: dict[str, Row] = {}
        buildings: dict[tuple, Row] = {}
        address_ref: dict[tuple, tuple[str, Row]] = {}
        slots: dict[tuple, Row] = {}
        households: dict[str, Row] = {}
        open_by_household: dict[str, Row] = {}
        for row in self.dwelling_rows:
            if not row.ok:
                continue
            ref = row.values["dwelling_ref"]
            if ref in seen_dwelling:
                self.problem(
                    row,
                    "dwelling_ref",
                    _("Dwelling %(ref)s is also on line %(line)s.")
                    % {"ref": ref, "line": seen_dwelling[ref].line},
                )
                continue
            seen_dwelling[ref] = row
            key = building_key(row)
            first = buildings.get(key)
            if first is None:
                buildings[key] = row
            else:
                for f in (
                    "estate",
                    "street",
                    "number",
                    "postcode",
                    "city",
                    "building_name",
                    "latitude",
                    "longitude",
                ):
                    if (
                        f in row.values
                        and f in first.values
                        and _cmp(row.values[f]) != _cmp(first.values[f])
                    ):
                        self.problem(
                            row,
                            f,
                            _(
                                "The same building is on line %(line)s with %(other)s here. "
                                "Every dwelling of a building needs the same building details."
                            )
                            % {"line": first.line, "other": _shown(first.values[f])},
                        )
                        break
            address = address_key(row)
            if row.get("building_ref"):
                other = address_ref.get(address)
                if other and other[0] != row.values["building_ref"]:
                    self.problem(
                        row,
                        "building_ref",
                        _(
                            "Building %(ref)s has the same address as building %(other)s on "
                            "line %(line)s."
                        )
                        % {
                            "ref": row.values["building_ref"],
                            "other": other[0],
                            "line": other[1].line,
                        },
                    )
                address_ref.setdefault(address, (row.values["building_ref"], row))
            slot = (key, row.get("unit", "").lower())
            if slot in slots and slots[slot] is not row:
                self.problem(
                    row,
                    "unit" if "unit" in row.values else "dwelling_ref",
                    _("Line %(line)s has another dwelling with the same address and unit.")
                    % {"line": slots[slot].line},
                )
            slots.setdefault(slot, row)
            href = row.get("household_ref")
            if href:
                first_h = households.get(href)
                if first_h is None:
                    households[href] = row
                else:
                    for f in ("household_name", "language", "phone", "email"):
                        if (
                            f in row.values
                            and f in first_h.values
                            and row.values[f] != (first_h.values[f])
                        ):
                            self.problem(
                                row,
                                f,
                                _(
                                    "Household %(ref)s is on line %(line)s with %(other)s. "
                                    "A household needs the same details on every line."
                                )
                                % {
                                    "ref": href,
                                    "line": first_h.line,
                                    "other": _shown(first_h.values[f]),
                                },
                            )
                            break
                tref = row.get("tenancy_ref")
                if tref:
                    if tref in seen_tenancy:
                        self.problem(
                            row,
                            "tenancy_ref",
                            _("Tenancy %(ref)s is also on line %(line)s.")
                            % {"ref": tref, "line": seen_tenancy[tref].line},
                        )
                    seen_tenancy[tref] = row
                if not row.get("end_date"):
                    if href in open_by_household:
                        self.problem(
                            row,
                            "household_ref",
                            _(
                                "Household %(ref)s also has an open tenancy on line %(line)s. "
                                "Fill in the end date of the tenancy that has ended."
                            )
                            % {"ref": href, "line": open_by_household[href].line},
                        )
                    open_by_household.setdefault(href, row)
        seen_resident: dict[str, Row] = {}
        for row in self.resident_rows:
            if not row.ok:
                continue
            ref = row.values["resident_ref"]
            if ref in seen_resident:
                self.problem(
                    row,
                    "resident_ref",
                    _("Resident %(ref)s is also on line %(line)s.")
                    % {"ref": ref, "line": seen_resident[ref].line},
                )
            seen_resident.setdefault(ref, row)

    # -- comparing with the database --
    def plan(self) -> Plan:
        """Look up what exists (a few queries per table), check the rows against it and work
        out what to create and update. Problems found here are added to ``problems``."""
        self.check_rows()
        plan = Plan()
        self.plan_ = plan
        if self._fatal:
            return plan
        drows = [r for r in self.dwelling_rows if r.ok]
        rrows = [r for r in self.resident_rows if r.ok]
        self._plan_estates(drows, plan)
        building_ids = self._plan_buildings(drows, plan)
        dwelling_ids = self._plan_dwellings(drows, plan, building_ids)
        household_ids = self._plan_households(drows, plan)
        self._plan_tenancies(drows, plan, dwelling_ids, household_ids)
        self._plan_residents(rrows, plan, household_ids)
        plan.building_ids = {k: v for k, v in building_ids.items() if v}
        plan.dwelling_ids = {k: v for k, v in dwelling_ids.items() if v}
        plan.household_ids = {k: v for k, v in household_ids.items() if v}
        return plan

    def _plan_estates(self, rows: list[Row], plan: Plan) -> None:
        by_name: dict[str, Estate] = {}
        for estate in Estate.objects.only("id", "name", "slug"):
            by_name[estate.name.lower()] = estate
            by_name[estate.slug.lower()] = estate
        slugs = {e.slug for e in by_name.values()}
        self._estates = by_name
        for row in rows:
            name = row.values["estate"]
            if name.lower() in by_name:
                continue
            base = slugify(name)[:50] or "wijk"
            slug, n = base, 2
            while slug in slugs:
                slug, n = f"{base}-{n}", n + 1
            slugs.add(slug)
            estate = Estate(name=name, slug=slug, municipality=row.values["city"])
            by_name[name.lower()] = estate
            plan.new_estates.append(estate)
            self.estates_created.append(name)
            self.notices.append(
                _("Estate %(name)s does not exist yet and will be created (line %(line)s).")
                % {"name": name, "line": row.line}
            )

    def _plan_buildings(self, rows: list[Row], plan: Plan) -> dict[tuple, int | None]:
        """Buildings are matched by gebouw_ref, or by address when the file has no reference.
        A building without a reference in Wijkpunt takes the file's reference."""
        existing = {}
        by_ref: dict[str, dict] = {}
        by_address: dict[tuple, dict] = {}
        for b in Building.objects.values(
            "id",
            "external_ref",
            "estate_id",
            "name",
            "street",
            "number",
            "postcode",
            "city",
            "latitude",
            "longitude",
        ):
            existing[b["id"]] = b
            if b["external_ref"]:
                by_ref[b["external_ref"]] = b
            by_address[(b["street"].lower(), b["number"].lower(), b["postcode"].lower())] = b
        result: dict[tuple, int | None] = {}
        self._building_rows: dict[tuple, Row] = {}
        for row in rows:
            key = building_key(row)
            if key in result or key in self._building_rows:
                continue
            v = row.values
            ref = v.get("building_ref") or None
            current = by_ref.get(ref) if ref else None
            at_address = by_address.get(address_key(row))
            if current is None and at_address is not None:
                if ref and at_address["external_ref"] and at_address["external_ref"] != ref:
                    self.problem(
                        row,
                        "building_ref",
                        _(
                            "Wijkpunt already has building %(other)s at this address; the file "
                            "calls it %(ref)s."
                        )
                        % {"other": at_address["external_ref"], "ref": ref},
                    )
                    continue
                current = at_address
            elif (
                current is not None and at_address is not None and at_address["id"] != current["id"]
            ):
                self.problem(
                    row,
                    "street",
                    _("Wijkpunt already has another building at this address (%(ref)s).")
                    % {"ref": at_address["external_ref"] or at_address["id"]},
                )
                continue
            estate = self._estates[v["estate"].lower()]
            fields = {
                "street": v["street"],
                "number": v["number"],
                "postcode": v["postcode"],
                "city": v["city"],
            }
            for f in ("latitude", "longitude"):
                if f in v:
                    fields[f] = v[f]
            if "building_name" in v:
                fields["name"] = v["building_name"]
            if ref:
                fields["external_ref"] = ref
            if current is None:
                fields["estate"] = estate
                plan.buildings_new.append((key, fields))
                self.counts["buildings"]["created"] += 1
                result[key] = None
            else:
                changed = {f for f, value in fields.items() if _cmp(current[f]) != _cmp(value)}
                if estate.pk != current["estate_id"]:
                    changed.add("estate")
                fields = {**_pick(current, BUILDING_FIELDS), **fields, "estate": estate}
                if changed:
                    plan.buildings_update.append((current["id"], fields, changed))
                    self.counts["buildings"]["updated"] += 1
                else:
                    self.counts["buildings"]["unchanged"] += 1
                result[key] = current["id"]
            self._building_rows[key] = row
        return result

    def _plan_dwellings(
        self, rows: list[Row], plan: Plan, building_ids: dict[tuple, int | None]
    ) -> dict[str, int | None]:
        refs = [r.values["dwelling_ref"] for r in rows]
        existing = _by_ref(
            Dwelling,
            refs,
            "id",
            "external_ref",
            "building_id",
            "unit",
            "dwelling_type",
            "bedrooms",
            "floor",
            "has_lift",
            "adapted",
        )
        # dwellings on the buildings of the file, to find a unit that is already taken
        known_buildings = [i for i in building_ids.values() if i]
        slots: dict[tuple[int, str], dict] = {}
        for chunk in _chunks(known_buildings):
            for d in Dwelling.objects.filter(building_id__in=chunk).values(
                "id", "external_ref", "building_id", "unit"
            ):
                slots[(d["building_id"], d["unit"].lower())] = d
        file_refs = set(refs)
        result: dict[str, int | None] = {}
        adopted: dict[str, dict] = {}
        for row in rows:
            v = row.values
            key = building_key(row)
            if key not in building_ids:  # the building row had a problem
                row.ok = False
                continue
            building_id = building_ids[key]
            ref = v["dwelling_ref"]
            current = existing.get(ref)
            unit = v.get("unit", current["unit"] if current else "")
            if building_id:
                taken = slots.get((building_id, unit.lower()))
                if taken and (current is None or taken["id"] != current["id"]):
                    if taken["external_ref"] and taken["external_ref"] not in file_refs:
                        self.problem(
                            row,
                            "unit" if "unit" in v else "dwelling_ref",
                            _("Wijkpunt already has dwelling %(other)s at this address and unit.")
                            % {"other": taken["external_ref"]},
                        )
                        continue
                    if current is None and not taken["external_ref"]:
                        # a dwelling entered by hand, without a reference: it takes this one
                        current = adopted[ref] = {
                            **Dwelling.objects.filter(pk=taken["id"])
                            .values(
                                "id",
                                "external_ref",
                                "building_id",
                                "unit",
                                "dwelling_type",
                                "bedrooms",
                                "floor",
                                "has_lift",
                                "adapted",
                            )
                            .get()
                        }
            fields: dict[str, Any] = {"external_ref": ref, "unit": unit}
            for f in ("dwelling_type", "bedrooms", "floor", "has_lift", "adapted"):
                if f in v:
                    fields[f] = v[f]
            if current is None:
                fields["_building_key"] = key
                plan.dwellings_new.append((ref, fields))
                self.counts["dwellings"]["created"] += 1
                result[ref] = None
            else:
                changed = {f for f, value in fields.items() if current[f] != value}
                if building_id != current["building_id"]:
                    changed.add("building")
                fields = {**_pick(current, DWELLING_FIELDS), **fields, "_building_key": key}
                if changed:
                    plan.dwellings_update.append((current["id"], fields, changed))
                    self.counts["dwellings"]["updated"] += 1
                else:
                    self.counts["dwellings"]["unchanged"] += 1
                result[ref] = current["id"]
        return result

    def _plan_households(self, rows: list[Row], plan: Plan) -> dict[str, int | None]:
        rows_by_ref: dict[str, Row] = {}
        for row in rows:
            if row.ok and row.get("household_ref"):
                rows_by_ref.setdefault(row.values["household_ref"], row)
        existing = _by_ref(
            Household,
            list(rows_by_ref),
            "id",
            "external_ref",
            "name",
            "language",
            "phone",
            "email",
        )
        result: dict[str, int | None] = {}
        for ref, row in rows_by_ref.items():
            v = row.values
            fields: dict[str, Any] = {"external_ref": ref}
            for src, dst in (
                ("household_name", "name"),
                ("language", "language"),
                ("phone", "phone"),
                ("email", "email"),
            ):
                if src in v:
                    fields[dst] = v[src]
            current = existing.get(ref)
            if current is None:
                plan.households_new.append((ref, fields))
                self.counts["households"]["created"] += 1
                result[ref] = None
            else:
                changed = {f for f, value in fields.items() if current[f] != value}
                fields = {**_pick(current, HOUSEHOLD_FIELDS), **fields}
                if changed:
                    plan.households_update.append((current["id"], fields, changed))
                    self.counts["households"]["updated"] += 1
                else:
                    self.counts["households"]["unchanged"] += 1
                result[ref] = current["id"]
        return result

    def _plan_tenancies(
        self,
        rows: list[Row],
        plan: Plan,
        dwelling_ids: dict[str, int | None],
        household_ids: dict[str, int | None],
    ) -> None:
        trows = [r for r in rows if r.ok and r.get("tenancy_ref") and r.get("household_ref")]
        existing = _by_ref(
            Tenancy,
            [r.values["tenancy_ref"] for r in trows],
            "id",
            "external_ref",
            "dwelling_id",
            "household_id",
            "start_date",
            "end_date",
            "probation_end",
            "dwelling__external_ref",
            "household__external_ref",
        )
        # open tenancies on the dwellings of the file that the file does not mention
        open_on: dict[int, dict] = {}
        known = [i for i in dwelling_ids.values() if i]
        for chunk in _chunks(known):
            for t in Tenancy.objects.filter(dwelling_id__in=chunk, end_date__isnull=True).values(
                "id", "external_ref", "dwelling_id"
            ):
                open_on[t["dwelling_id"]] = t
        ended_in_file = {
            existing[r.values["tenancy_ref"]]["id"]
            for r in trows
            if r.values["tenancy_ref"] in existing and r.get("end_date")
        }
        for row in trows:
            v = row.values
            ref = v["tenancy_ref"]
            dref, href = v["dwelling_ref"], v["household_ref"]
            if dref not in dwelling_ids or href not in household_ids:
                continue
            fields = {
                "external_ref": ref,
                "start_date": v["start_date"],
                "end_date": v.get("end_date"),
                "probation_end": v.get("probation_end"),
            }
            if "end_date" not in v or "probation_end" not in v:
                current = existing.get(ref)
                for f in ("end_date", "probation_end"):
                    if f not in v:
                        fields[f] = current[f] if current else None
            current = existing.get(ref)
            dwelling_id = dwelling_ids[dref]
            if current is not None:
                had_dwelling = reference(
                    Dwelling, current["dwelling_id"], current["dwelling__external_ref"]
                )
                had_household = reference(
                    Household, current["household_id"], current["household__external_ref"]
                )
                if had_dwelling != dref:
                    self.problem(
                        row,
                        "tenancy_ref",
                        _(
                            "Tenancy %(ref)s belongs to dwelling %(other)s in Wijkpunt, "
                            "not %(this)s."
                        )
                        % {
                            "ref": ref,
                            "other": had_dwelling,
                            "this": dref,
                        },
                    )
                    continue
                if had_household != href:
                    self.problem(
                        row,
                        "tenancy_ref",
                        _(
                            "Tenancy %(ref)s belongs to household %(other)s in Wijkpunt, not "
                            "%(this)s."
                        )
                        % {
                            "ref": ref,
                            "other": had_household,
                            "this": href,
                        },
                    )
                    continue
            if fields["end_date"] is None and dwelling_id and dwelling_id in open_on:
                other = open_on[dwelling_id]
                if (current is None or other["id"] != current["id"]) and other[
                    "id"
                ] not in ended_in_file:
                    self.problem(
                        row,
                        "tenancy_ref",
                        _(
                            "Dwelling %(dwelling)s already has an open tenancy in Wijkpunt "
                            "(%(other)s). A dwelling has one open tenancy: add the end date of "
                            "%(other)s to the file first."
                        )
                        % {"dwelling": dref, "other": other["external_ref"] or "?"},
                    )
                    continue
            if current is None:
                fields["_dwelling_ref"] = dref
                fields["_household_ref"] = href
                kind = "started" if dwelling_id else "imported"
                plan.tenancies_new.append((ref, fields, kind))
                self.counts["tenancies"]["created"] += 1
            else:
                changed = {
                    f
                    for f in ("start_date", "end_date", "probation_end")
                    if current[f] != fields[f]
                }
                if changed:
                    diff = {f: [_iso(current[f]), _iso(fields[f])] for f in sorted(changed)}
                    kind = (
                        "ended"
                        if current["end_date"] is None and fields["end_date"]
                        else ("changed")
                    )
                    plan.tenancies_update.append((current["id"], fields, changed, diff, kind))
                    self.counts["tenancies"]["updated"] += 1
                else:
                    self.counts["tenancies"]["unchanged"] += 1

    def _plan_residents(
        self, rows: list[Row], plan: Plan, household_ids: dict[str, int | None]
    ) -> None:
        if not rows:
            return
        missing = {r.values["household_ref"] for r in rows} - household_ids.keys()
        for ref, h in _by_ref(Household, sorted(missing), "id", "external_ref").items():
            household_ids[ref] = h["id"]  # a household already in Wijkpunt
        known_households = household_ids
        existing = _by_ref(
            Resident,
            [r.values["resident_ref"] for r in rows],
            "id",
            "external_ref",
            "household_id",
            "household__external_ref",
            "first_name",
            "last_name",
            "relation",
            "birth_year",
            "phone",
            "email",
        )
        for row in rows:
            v = row.values
            href = v["household_ref"]
            if href not in known_households:
                self.problem(
                    row,
                    "household_ref",
                    _("Household %(ref)s is not in Wijkpunt and not in the dwellings file.")
                    % {"ref": href},
                )
                continue
            fields: dict[str, Any] = {"external_ref": v["resident_ref"]}
            for f in ("first_name", "last_name", "relation", "birth_year", "phone", "email"):
                if f in v:
                    fields[f] = v[f]
            fields["_household_ref"] = href
            current = existing.get(v["resident_ref"])
            if current is None:
                plan.residents_new.append((v["resident_ref"], fields))
                self.counts["residents"]["created"] += 1
            else:
                changed = {
                    f
                    for f, value in fields.items()
                    if not f.startswith("_") and current[f] != value
                }
                had_household = reference(
                    Household, current["household_id"], current["household__external_ref"]
                )
                if had_household != href:
                    changed.add("household")
                fields = {**_pick(current, RESIDENT_FIELDS), **fields}
                if changed:
                    plan.residents_update.append((current["id"], fields, changed))
                    self.counts["residents"]["updated"] += 1
                else:
                    self.counts["residents"]["unchanged"] += 1

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
        }


# --- helpers ---------------------------------------------------------------------------------

BUILDING_FIELDS = (
    "external_ref",
    "name",
    "street",
    "number",
    "postcode",
    "city",
    "latitude",
    "longitude",
)
DWELLING_FIELDS = (
    "external_ref",
    "unit",
    "dwelling_type",
    "bedrooms",
    "floor",
    "has_lift",
    "adapted",
)
HOUSEHOLD_FIELDS = ("external_ref", "name", "language", "phone", "email")
RESIDENT_FIELDS = (
    "external_ref",
    "first_name",
    "last_name",
    "relation",
    "birth_year",
    "phone",
    "email",
)


def _pick(values: dict, names: Sequence[str]) -> dict:
    return {name: values[name] for name in names}


def building_key(row: Row) -> tuple:
    v = row.values
    if v.get("building_ref"):
        return ("ref", v["building_ref"])
    return ("address", *address_key(row))


def address_key(row: Row) -> tuple:
    v = row.values
    return (v["street"].lower(), v["number"].lower(), v["postcode"].lower())


def _by_ref(model, refs: Sequence[str], *fields: str) -> dict[str, dict]:
    """Existing rows by external reference, in a few queries. A reference written by the
    export for a row that had none (``WP-D12``) finds that row by its number."""
    result: dict[str, dict] = {}
    refs = list(refs)
    for chunk in _chunks(refs):
        for item in model.objects.filter(external_ref__in=chunk).values(*fields):
            result[item["external_ref"]] = item
    prefix = FALLBACK_PREFIX.get(model)
    if prefix:
        numbers = {
            int(r[len(prefix) :]): r
            for r in refs
            if r not in result and r.startswith(prefix) and r[len(prefix) :].isdigit()
        }
        for chunk in _chunks(list(numbers)):
            for item in model.objects.filter(pk__in=chunk, external_ref__isnull=True).values(
                *fields
            ):
                result[numbers[item["id"]]] = item
    return result


FALLBACK_PREFIX = {Dwelling: "WP-D", Household: "WP-H", Tenancy: "WP-T", Resident: "WP-R"}


def reference(model, pk: int, external_ref: str | None) -> str:
    """The reference the export writes: the source's own, or WP-<letter><number>."""
    return external_ref or f"{FALLBACK_PREFIX[model]}{pk}"


def _chunks(items: list, size: int = LOOKUP_CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _int_between(low: int, high: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        number = parse_int(value)
        if not low <= number <= high:
            raise ValueError(value)
        return number

    return parse


def _floor(value: Any) -> int:
    word = FLOOR_WORDS.get(_text(value).lower())
    if word is not None:
        return word
    return _int_between(-3, 60)(value)


def _decimal_between(low: int, high: int) -> Callable[[Any], Decimal]:
    def parse(value: Any) -> Decimal:
        number = parse_decimal(value)
        if not low <= number <= high:
            raise ValueError(value)
        return number

    return parse


def _cmp(value: Any) -> Any:
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.000001"))
    if isinstance(value, float):
        return Decimal(str(value)).quantize(Decimal("0.000001"))
    if isinstance(value, str):
        return value.strip()
    return value


def _d(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _shown(value: Any) -> str:
    if value is None or value == "":
        return _("an empty value")
    if isinstance(value, dt.date):
        return _d(value)
    return f"“{value}”"

"""Reading uploaded files: CSV (any common encoding and delimiter) and XLSX, streamed, as
tables of rows; the file-level checks of their column names."""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

from wijkpunt.housing.importing.columns import (
    DWELLING_COLUMNS,
    DWELLING_REQUIRED,
    DWELLINGS,
    NATIONAL_NUMBER_HEADERS,
    RESIDENT_COLUMNS,
    RESIDENT_REQUIRED,
    RESIDENTS,
    normalise_header,
)
from wijkpunt.housing.importing.problems import ImportFileError


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
    kind = detect_kind(table.headers)
    if not kind:
        return [
            *messages,
            _(
                "This file is not recognised: a dwellings file needs a column woning_ref, a "
                "residents file a column bewoner_ref."
            ),
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

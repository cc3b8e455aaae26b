"""Exports of a closed wave's results, as CSV or XLSX (openpyxl, write-only).

- **figures** (``figure_rows``): per group and question the counts, percentages, number of
  answers, mean and median — suppression applied exactly as on the page (a masked count is
  written as "< k" or "–", a suppressed group is left out).
- **anonymous answers** (``answer_rows``): one row per response, a column per question (a
  multiple choice as its values joined by "; ", open answers masked). The rows are in the order
  of the responses' random ids — never an order that follows submission. A response carries
  its estate and building only where that group is shown in the results; the language of the
  answers is left out (a rare language in a small group could point at a household). These are
  microdata: readers can count within a shown group what the page shows as "< k", so only the
  roles that may read open answers get them, and every export is audited."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from wijkpunt.core.spreadsheet import csv_cells, xlsx_cell
from wijkpunt.housing.models import Building, Estate
from wijkpunt.surveys import masking, report, results
from wijkpunt.surveys.definition import OTHER, SurveyDef
from wijkpunt.surveys.models import TEXT_KINDS, Answer, QuestionKind, Response, Wave

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _group_names(figures: results.WaveFigures) -> dict[results.Group, str]:
    estates = dict(Estate.objects.filter(pk__in=figures.estates).values_list("pk", "name"))
    ids = [b for bs in figures.buildings.values() for b in bs]
    buildings = {
        pk: f"{street} {number}".strip()
        for pk, street, number in Building.objects.filter(pk__in=ids).values_list(
            "pk", "street", "number"
        )
    }
    names: dict[results.Group, str] = {results.WAVE: _("The whole wave")}
    for g in figures.groups:
        if g[0] == "estate":
            names[g] = estates.get(g[1], "?")
        elif g[0] == "building":
            names[g] = f"{estates.get(g[1], '?')} – {buildings.get(g[2], '?')}"
    return names


def figure_rows(
    definition: SurveyDef, figures: results.WaveFigures, language: str
) -> tuple[list[str], list[list[Any]]]:
    header = [
        _("Group"),
        _("Question"),
        _("Question text"),
        _("Answer"),
        _("Count"),
        _("Percent"),
        _("Answers to the question"),
        _("Mean"),
        _("Median"),
    ]
    names = _group_names(figures)
    rows: list[list[Any]] = []
    for g, gf in figures.groups.items():
        if not gf.shown:
            continue
        rows.append([names.get(g, ""), "", _("Responses"), "", gf.responses, "", "", "", ""])
        for q in definition.questions():
            qf = gf.questions.get(q.pk)
            if qf is None or not qf.shown:
                continue
            mean = "" if qf.mean is None else qf.mean
            median = "" if qf.median is None else qf.median
            if not qf.choices:
                rows.append(
                    [
                        names.get(g, ""),
                        q.name,
                        q.text(language),
                        "",
                        "",
                        "",
                        qf.answered,
                        mean,
                        median,
                    ]
                )
            for c in qf.choices:
                count: Any = report.masked_text(c.masked, figures.k) if c.masked else c.count
                rows.append(
                    [
                        names.get(g, ""),
                        q.name,
                        q.text(language),
                        report.choice_label(q, c.value, language),
                        count,
                        "" if c.percent is None else c.percent,
                        qf.answered,
                        mean,
                        median,
                    ]
                )
    return header, rows


def answer_rows(
    wave: Wave, definition: SurveyDef, figures: results.WaveFigures, language: str
) -> tuple[list[str], list[list[Any]]]:
    questions = definition.questions()
    names = _group_names(figures)
    header = [_("Estate"), _("Building"), *(q.name for q in questions)]
    if not figures.groups.get(results.WAVE) or not figures.groups[results.WAVE].shown:
        return header, []
    index = {q.pk: i for i, q in enumerate(questions)}
    kinds = {q.pk: q.kind for q in questions}
    responses = list(
        Response.objects.filter(wave=wave)
        .order_by("id")
        .values_list("id", "estate_id", "building_id")
    )
    values: dict[Any, list[Any]] = defaultdict(lambda: [""] * len(questions))
    multi: dict[tuple[Any, int], list[str]] = defaultdict(list)
    person_names = masking.estate_names(wave.estates.values_list("pk", flat=True))
    for response_id, qid, choice, number, text in (
        Answer.objects.filter(response__wave=wave, question_id__in=index)
        .order_by("id")
        .values_list("response_id", "question_id", "choice", "number", "text")
        .iterator(chunk_size=5000)
    ):
        kind = kinds[qid]
        if kind == QuestionKind.MULTIPLE:
            multi[(response_id, qid)].append(
                f"{OTHER}: {masking.mask(text, person_names)}"
                if choice == OTHER and text
                else choice
            )
            continue
        if kind in TEXT_KINDS:
            value: Any = masking.mask(text, person_names)
        elif number is not None:
            value = float(number) if number != int(number) else int(number)
        elif choice == OTHER and text:
            value = f"{OTHER}: {masking.mask(text, person_names)}"
        else:
            value = choice
        values[response_id][index[qid]] = value
    for (response_id, qid), chosen in multi.items():
        values[response_id][index[qid]] = "; ".join(chosen)
    rows = []
    for response_id, estate_id, building_id in responses:
        eg = results.estate_group(estate_id)
        bg = results.building_group(estate_id, building_id)
        estate = names.get(eg, "") if eg in figures.groups and figures.groups[eg].shown else ""
        building = ""
        if estate and bg in figures.groups and figures.groups[bg].shown:
            building = names.get(bg, "").split(" – ", 1)[-1]
        rows.append([estate, building, *values.get(response_id, [""] * len(questions))])
    return header, rows


def response(fmt: str, name: str, header: list[str], rows: list[list[Any]]) -> HttpResponse:
    """The file, every cell written through ``core.spreadsheet``: no text (an open answer, a
    question's text) ever becomes a formula, numbers stay numbers."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(csv_cells(header))
        writer.writerows(csv_cells(row) for row in rows)
        body: bytes = ("\ufeff" + out.getvalue()).encode("utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(name[:31])
        sheet.append([xlsx_cell(sheet, v) for v in header])
        for row in rows:
            sheet.append([xlsx_cell(sheet, v) for v in row])
        buffer = io.BytesIO()
        book.save(buffer)
        body = buffer.getvalue()
    else:
        raise ValueError(f"Unknown format {fmt!r}")
    reply = HttpResponse(body, content_type=FORMATS[fmt])
    reply["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return reply

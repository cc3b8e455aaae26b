"""What a results page shows, in one reader's language: the survey's sections and questions
with their figures for one group, ready for a template (staff page, public page) or the PDF
report for the steering group (``pdf``)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkpunt.surveys import charts
from wijkpunt.surveys.definition import OTHER, QuestionDef, SurveyDef
from wijkpunt.surveys.models import QuestionKind
from wijkpunt.surveys.results import GroupFigures, QuestionFigures, WaveFigures


@dataclass
class Row:
    label: str
    count: str
    percent: str
    bar: charts.Bar
    masked: str = ""


@dataclass
class ShownQuestion:
    pk: int
    name: str
    kind: str
    text: str
    dom_id: str
    shown: bool
    answered: int | None = None
    rows: list[Row] = field(default_factory=list)
    mean: str = ""
    median: str = ""
    scale_note: str = ""
    chart: str = ""
    grid: str = ""  # the grid's text, for a grid row
    open: bool = False  # a text question: its answers are listed, not counted


@dataclass
class ShownSection:
    title: str
    questions: list[ShownQuestion]


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return number_format(value, decimal_pos=1 if value != int(value) else 0)


def choice_label(q: QuestionDef, value: str, language: str) -> str:
    if value == OTHER:
        return _("Other")
    choice = q.choice(value)
    if choice is not None:
        return choice.text(language) or value
    return value


def masked_text(masked: str, k: int) -> str:
    return f"< {k}" if masked == "small" else "–"


def present_question(
    q: QuestionDef, qf: QuestionFigures | None, k: int, language: str, prefix: str = "q"
) -> ShownQuestion:
    shown = ShownQuestion(
        pk=q.pk,
        name=q.name,
        kind=q.kind,
        text=q.text(language),
        dom_id=f"{prefix}-{q.pk}",
        shown=bool(qf and qf.shown),
    )
    if qf is None or not qf.shown:
        return shown
    shown.answered = qf.answered
    for c in qf.choices:
        label = choice_label(q, c.value, language)
        if c.masked:
            text = masked_text(c.masked, k)
            shown.rows.append(Row(label, text, "", charts.Bar(label, None, text), c.masked))
        else:
            pct = _fmt(c.percent)
            text = f"{pct} % ({c.count})"
            shown.rows.append(Row(label, str(c.count), pct, charts.Bar(label, c.percent, text)))
    if qf.mean is not None:
        shown.mean = _fmt(qf.mean)
        shown.median = _fmt(qf.median)
        if q.kind == QuestionKind.SCALE5:
            shown.scale_note = _("Scores 1 to 5; “no opinion” is not in the mean.")
        elif q.kind == QuestionKind.RATING10:
            shown.scale_note = _("Scores 0 to 10.")
    if shown.rows:
        shown.chart = charts.bar_chart(
            [r.bar for r in shown.rows],
            title=shown.text,
            description=ngettext("%(n)s answer", "%(n)s answers", qf.answered or 0)
            % {"n": qf.answered or 0},
        )
    return shown


def present(
    definition: SurveyDef, figures: WaveFigures, group: GroupFigures | None, language: str
) -> list[ShownSection]:
    """The sections of ``definition`` with the figures of ``group`` (None: nothing shown)."""
    out: list[ShownSection] = []
    for section in definition.sections:
        questions: list[ShownQuestion] = []
        for item in section.questions:
            rows = item.rows if item.kind == QuestionKind.GRID else [item]
            for q in rows:
                if not q.takes_answer:
                    continue
                if q.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
                    sq = ShownQuestion(q.pk, q.name, q.kind, q.text(language), f"q-{q.pk}", False)
                    sq.open = True
                    questions.append(sq)
                    continue
                qf = group.questions.get(q.pk) if group is not None and group.shown else None
                sq = present_question(q, qf, figures.k, language)
                if q is not item:
                    sq.grid = item.text(language)
                questions.append(sq)
        out.append(ShownSection(section.text(language), questions))
    return out


# -- the PDF report -------------------------------------------------------------------------


def pdf(
    *,
    title: str,
    subtitle: str,
    groups: list[tuple[str, list[ShownSection], int | None]],
    k: int,
) -> bytes:
    """An A4 report: per group (name, sections, responses) every question with its table and
    a bar chart."""
    from xml.sax.saxutils import escape

    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )
    from reportlab.platypus.flowables import Flowable

    styles = getSampleStyleSheet()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, title=title, author="Wijkpunt"
    )
    story: list[Flowable] = [
        Paragraph(escape(title), styles["Title"]),
        Paragraph(escape(subtitle), styles["Normal"]),
        Paragraph(
            escape(
                _(
                    "Groups with fewer than %(k)d answers are not shown, and neither is any "
                    "figure from which they could be worked out. “< %(k)d”: fewer than %(k)d "
                    "answers; “–”: hidden to protect such a figure."
                )
                % {"k": k}
            ),
            styles["Italic"],
        ),
        Spacer(1, 6 * mm),
    ]
    for n, (name, sections, responses) in enumerate(groups):
        if n:
            story.append(PageBreak())
        story.append(Paragraph(escape(name), styles["Heading1"]))
        if responses is None:
            story.append(Paragraph(escape(_("Too few answers to show figures.")), styles["Normal"]))
            continue
        story.append(Paragraph(escape(_("Responses: %(n)d") % {"n": responses}), styles["Normal"]))
        for section in sections:
            if section.title:
                story.append(Paragraph(escape(section.title), styles["Heading2"]))
            for q in section.questions:
                if q.open:
                    continue
                block: list[Flowable] = [
                    Paragraph(
                        escape(f"{q.grid} – {q.text}" if q.grid else q.text), styles["Heading4"]
                    )
                ]
                if not q.shown:
                    block.append(Paragraph(escape(_("Too few answers to show.")), styles["Normal"]))
                    story.append(KeepTogether(block))
                    continue
                facts = _("Answers: %(n)d") % {"n": q.answered}
                if q.mean:
                    facts += " · " + _("mean %(mean)s, median %(median)s") % {
                        "mean": q.mean,
                        "median": q.median,
                    }
                block.append(Paragraph(escape(facts), styles["Normal"]))
                if q.rows:
                    data = [[_("Answer"), _("Count"), "%"]] + [
                        [Paragraph(escape(r.label), styles["BodyText"]), r.count, r.percent]
                        for r in q.rows
                    ]
                    table = Table(data, colWidths=[95 * mm, 30 * mm, 25 * mm], repeatRows=1)
                    table.setStyle(
                        TableStyle(
                            [
                                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
                                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                            ]
                        )
                    )
                    block.append(table)
                    values = [r.bar.percent or 0 for r in q.rows]
                    drawing = Drawing(170 * mm, 8 * mm * len(values) + 10)
                    chart = HorizontalBarChart()
                    chart.x, chart.y = 45 * mm, 5
                    chart.width, chart.height = 115 * mm, 8 * mm * len(values)
                    chart.data = [list(reversed(values))]
                    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, 100
                    chart.categoryAxis.categoryNames = [r.label[:30] for r in reversed(q.rows)]
                    chart.categoryAxis.labels.fontSize = 7
                    chart.valueAxis.labels.fontSize = 7
                    chart.bars[0].fillColor = colors.HexColor("#1f5c99")
                    drawing.add(chart)
                    block.append(drawing)
                block.append(Spacer(1, 3 * mm))
                story.append(KeepTogether(block))
    doc.build(story)
    return out.getvalue()

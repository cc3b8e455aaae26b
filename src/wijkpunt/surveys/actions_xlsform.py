"""Importing an XLSForm workbook: the one write of ``xlsform`` (staff page and CLI alike).

The whole workbook is checked first (``xlsform.read``); only a workbook without problems is
written, in one transaction, as a new draft survey."""

from __future__ import annotations

from django.db import transaction

from wijkpunt.partners.models import Organisation
from wijkpunt.surveys import xlsform
from wijkpunt.surveys.models import Choice, Question, Section, Survey


def import_xlsform(
    *, data: bytes, organisation: Organisation, by=None, filename: str = ""
) -> Survey:
    """A new draft survey from an XLSForm workbook; ``xlsform.XLSFormError`` lists every
    problem when the workbook cannot be imported (then nothing is written)."""
    plan = xlsform.read(data, filename=filename)
    return create_from_plan(plan=plan, organisation=organisation, by=by)


@transaction.atomic
def create_from_plan(*, plan: xlsform.SurveyPlan, organisation: Organisation, by=None) -> Survey:
    survey = Survey.objects.create(
        title=plan.title,
        intro=plan.intro,
        thanks=plan.thanks,
        languages=plan.languages,
        form_id=plan.form_id,
        version=plan.version,
        organisation=organisation,
        created_by=by,
    )
    sections = Section.objects.bulk_create(
        [
            Section(
                survey=survey,
                position=position,
                name=s.name,
                title=s.title,
                show_if=s.show_if,
            )
            for position, s in enumerate(plan.sections, start=1)
        ]
    )
    position = 0
    tops: list[tuple[Question, xlsform.QuestionPlan]] = []
    for section, s in zip(sections, plan.sections, strict=True):
        for q in s.questions:
            position += 1
            tops.append((_question(survey, section, q, position), q))
            position += len(q.rows)
    Question.objects.bulk_create([question for question, _plan in tops])
    rows: list[tuple[Question, xlsform.QuestionPlan]] = []
    for question, q in tops:
        for offset, r in enumerate(q.rows, start=1):
            row = _question(survey, question.section, r, question.position + offset)
            row.grid = question
            rows.append((row, r))
    Question.objects.bulk_create([question for question, _plan in rows])
    Choice.objects.bulk_create(
        [
            Choice(question=question, position=i, value=c.value, label=c.label, score=c.score)
            for question, q in (*tops, *rows)
            for i, c in enumerate(q.choices, start=1)
        ]
    )
    return survey


def _question(survey: Survey, section: Section, q: xlsform.QuestionPlan, position: int):
    return Question(
        survey=survey,
        section=section,
        position=position,
        name=q.name,
        kind=q.kind,
        label=q.label,
        hint=q.hint,
        required=q.required,
        show_if=q.show_if,
        max_choices=q.max_choices,
        allow_other=q.allow_other,
        show_faces=q.show_faces,
        min_value=q.min_value,
        max_value=q.max_value,
        whole_number=q.whole_number,
        theme=q.theme,
    )

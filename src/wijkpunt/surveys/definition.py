"""A survey's definition loaded once, in order, as plain objects: what the answer page,
paper entry, validation, results and XLSForm export all walk through.

``load(survey)`` costs three queries however many questions there are."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from wijkpunt.surveys.models import CHOICE_KINDS, Choice, Question, QuestionKind, Section, Survey
from wijkpunt.surveys.texts import text_in

OTHER = "other"  # the value of the "other, namely" choice


@dataclass
class ChoiceDef:
    value: str
    label: dict
    score: int | None = None

    def text(self, language: str) -> str:
        return text_in(self.label, language)


@dataclass
class QuestionDef:
    pk: int
    name: str
    kind: str
    label: dict
    hint: dict
    required: bool
    show_if: dict
    section: str
    theme: str = ""
    choices: list[ChoiceDef] = field(default_factory=list)
    max_choices: int | None = None
    allow_other: bool = False
    show_faces: bool = False
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    whole_number: bool = True
    grid: str | None = None  # the grid's name, for a grid row
    rows: list[QuestionDef] = field(default_factory=list)  # for a grid

    def text(self, language: str) -> str:
        return text_in(self.label, language)

    def hint_text(self, language: str) -> str:
        return text_in(self.hint, language)

    @property
    def takes_answer(self) -> bool:
        return self.kind not in (QuestionKind.NOTE, QuestionKind.GRID)

    @property
    def is_choice(self) -> bool:
        return self.kind in CHOICE_KINDS

    def choice(self, value: str) -> ChoiceDef | None:
        return next((c for c in self.choices if c.value == value), None)

    @property
    def bounds(self) -> tuple[Decimal | None, Decimal | None]:
        if self.kind == QuestionKind.RATING10:
            return Decimal(0), Decimal(10)
        return self.min_value, self.max_value


@dataclass
class SectionDef:
    name: str
    title: dict
    show_if: dict
    questions: list[QuestionDef] = field(default_factory=list)  # grid rows inside their grid

    def text(self, language: str) -> str:
        return text_in(self.title, language)


@dataclass
class SurveyDef:
    pk: int
    title: dict
    intro: dict
    thanks: dict
    languages: list[str]
    sections: list[SectionDef]

    def questions(self) -> list[QuestionDef]:
        """Every question that takes an answer, grid rows in place of their grid, in order."""
        out: list[QuestionDef] = []
        for section in self.sections:
            for q in section.questions:
                if q.kind == QuestionKind.GRID:
                    out.extend(q.rows)
                elif q.takes_answer:
                    out.append(q)
        return out

    def all_items(self) -> list[QuestionDef]:
        """Every question, notes and grids included, grid rows after their grid."""
        out: list[QuestionDef] = []
        for section in self.sections:
            for q in section.questions:
                out.append(q)
                out.extend(q.rows)
        return out

    def question(self, name: str) -> QuestionDef | None:
        return next((q for q in self.all_items() if q.name == name), None)

    def section_of(self, name: str) -> SectionDef | None:
        for section in self.sections:
            for q in section.questions:
                if q.name == name or any(r.name == name for r in q.rows):
                    return section
        return None


def load(survey: Survey) -> SurveyDef:
    sections = list(Section.objects.filter(survey=survey).order_by("position", "pk"))
    questions = list(Question.objects.filter(survey=survey).order_by("position", "pk"))
    choices: dict[int, list[ChoiceDef]] = {}
    for c in Choice.objects.filter(question__survey=survey).order_by("position", "pk"):
        choices.setdefault(c.question_id, []).append(ChoiceDef(c.value, c.label, c.score))
    by_section = {s.pk: SectionDef(s.name, s.title, s.show_if) for s in sections}
    defs: dict[int, QuestionDef] = {}
    for q in questions:
        defs[q.pk] = QuestionDef(
            pk=q.pk,
            name=q.name,
            kind=q.kind,
            label=q.label,
            hint=q.hint,
            required=q.required,
            show_if=q.show_if,
            section=by_section[q.section_id].name,
            theme=q.theme,
            choices=choices.get(q.pk, []),
            max_choices=q.max_choices,
            allow_other=q.allow_other,
            show_faces=q.show_faces,
            min_value=q.min_value,
            max_value=q.max_value,
            whole_number=q.whole_number,
        )
    for q in questions:
        d = defs[q.pk]
        if q.grid_id:
            grid = defs[q.grid_id]
            d.grid = grid.name
            d.choices = grid.choices  # a grid's rows share its scale
            d.show_faces = grid.show_faces
            grid.rows.append(d)
        else:
            by_section[q.section_id].questions.append(d)
    return SurveyDef(
        pk=survey.pk,
        title=survey.title,
        intro=survey.intro,
        thanks=survey.thanks,
        languages=list(survey.languages),
        sections=[by_section[s.pk] for s in sections],
    )

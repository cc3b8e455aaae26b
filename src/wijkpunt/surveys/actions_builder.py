"""Every write of the survey builder: a survey's texts and languages, its sections and
questions (with their choices, grid rows and show-if conditions), their order, and a new
version of a locked survey.

Each function checks what it is given as a whole and either saves all of it in one
transaction or raises ``BuilderInvalid`` with a message per field and saves nothing. A locked
survey (one with answers, ``is_locked``) refuses every change with ``SurveyLocked``;
``new_version`` copies it into an editable draft."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef
from django.utils.translation import gettext as _

from wijkpunt.surveys import conditions
from wijkpunt.surveys.definition import OTHER, load
from wijkpunt.surveys.models import (
    CHOICE_KINDS,
    Ballot,
    Choice,
    Language,
    Question,
    QuestionKind,
    Response,
    Section,
    Survey,
    SurveyCode,
)

NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
MAX_TEXT = 2000


class BuilderInvalid(ValueError):
    """What is wrong, by field name (``None`` for the whole)."""

    def __init__(self, errors: dict[str | None, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class SurveyLocked(BuilderInvalid):
    def __init__(self) -> None:
        super().__init__(
            {
                None: _(
                    "This survey already has answers: its questions cannot change any more. "
                    "Make a new version to change them."
                )
            }
        )


# -- what a form hands over -------------------------------------------------------------------


@dataclass
class ChoiceData:
    value: str
    label: dict[str, str]
    score: int | None = None


@dataclass
class RowData:
    """A row of a grid: a scale question that shares the grid's choices."""

    name: str
    label: dict[str, str]
    required: bool = False
    pk: int | None = None


@dataclass
class QuestionData:
    name: str
    kind: str
    label: dict[str, str]
    hint: dict[str, str] = field(default_factory=dict)
    required: bool = False
    theme: str = ""
    show_if: dict = field(default_factory=dict)
    choices: list[ChoiceData] = field(default_factory=list)
    rows: list[RowData] = field(default_factory=list)
    max_choices: int | None = None
    allow_other: bool = False
    show_faces: bool = False
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    whole_number: bool = True


def default_scale() -> list[ChoiceData]:
    """The 5-point scale with "no opinion", in Dutch, French and English."""
    return [
        ChoiceData("1", {"nl-be": "Heel slecht", "fr": "Très mauvais", "en": "Very bad"}, 1),
        ChoiceData("2", {"nl-be": "Slecht", "fr": "Mauvais", "en": "Bad"}, 2),
        ChoiceData(
            "3", {"nl-be": "Niet goed, niet slecht", "fr": "Ni bon ni mauvais", "en": "Neutral"}, 3
        ),
        ChoiceData("4", {"nl-be": "Goed", "fr": "Bon", "en": "Good"}, 4),
        ChoiceData("5", {"nl-be": "Heel goed", "fr": "Très bon", "en": "Very good"}, 5),
        ChoiceData(
            "no_opinion", {"nl-be": "Geen mening", "fr": "Sans avis", "en": "No opinion"}, None
        ),
    ]


# -- helpers ------------------------------------------------------------------------------------


def answered_filter(outer: str = "pk"):
    """Whether the survey ``outer`` names has answers: a used code, a ballot or a response
    in any of its waves (for ``annotate``/``filter``)."""
    return (
        Exists(SurveyCode.objects.filter(wave__survey=OuterRef(outer), used=True))
        | Exists(Ballot.objects.filter(wave__survey=OuterRef(outer)))
        | Exists(Response.objects.filter(wave__survey=OuterRef(outer)))
    )


def is_locked(survey: Survey) -> bool:
    """Questions lock once the survey has answers (``Survey.is_locked``, and also ballots or
    responses however they came in)."""
    return Survey.objects.filter(pk=survey.pk).filter(answered_filter()).exists()


def _locked_guard(survey: Survey) -> Survey:
    """The survey, row-locked for the change; raises SurveyLocked once it has answers."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if is_locked(survey):
        raise SurveyLocked
    return survey


def _clean_texts(texts: dict[str, str] | None, languages: list[str]) -> dict[str, str]:
    return {
        code: str(value).strip()
        for code, value in (texts or {}).items()
        if code in languages and str(value or "").strip()
    }


def _check_name(name: str, errors: dict, key: str = "name") -> None:
    if not NAME_RE.match(name or ""):
        errors[key] = _(
            "Use lower-case letters, digits and _ only, starting with a letter (e.g. q_repairs)."
        )


def _answerable_before(
    survey: Survey,
    *,
    before_section: int | None = None,
    end_of_section: int | None = None,
    before_question: int | None = None,
) -> dict:
    """The questions that take an answer (``QuestionDef`` by name, in order) and come before
    one place in the survey: before the section ``before_section``, after everything in
    ``end_of_section`` (a new question there), or before the question ``before_question``."""
    defn = load(survey)
    sections = list(Section.objects.filter(survey=survey).order_by("position", "pk"))
    earlier: dict = {}
    for sdef, section in zip(defn.sections, sections, strict=True):
        if section.pk == before_section:
            return earlier
        for item in sdef.questions:
            for q in [item, *item.rows]:
                if q.pk == before_question:
                    return earlier
                if q.takes_answer:
                    earlier[q.name] = q
        if section.pk == end_of_section:
            return earlier
    return earlier


def earlier_questions(
    survey: Survey, *, section: Section | None = None, question: Question | None = None
) -> dict:
    """What a show-if may name: for ``question``, the questions before it; for a new question
    in ``section``, those up to the end of that section."""
    if question is not None:
        return _answerable_before(survey, before_question=question.pk)
    return _answerable_before(survey, end_of_section=section.pk if section else None)


def questions_before_section(survey: Survey, section: Section | None) -> dict:
    """What a section's show-if may name: the questions of the sections before it (for a new
    section, at the end: every question)."""
    return _answerable_before(survey, before_section=section.pk if section else None)


def _check_condition(condition: dict, earlier: dict, errors: dict, key: str = "show_if") -> dict:
    """The condition as stored (empty rules dropped), or an error under ``key``."""
    rules = []
    for rule in conditions.rules_of(condition):
        if not rule.get("question"):
            continue
        op = rule.get("op") or "eq"
        value = "" if op in conditions.VALUELESS_OPERATORS else str(rule.get("value", "")).strip()
        rules.append({"question": rule["question"], "op": op, "value": value})
    cleaned = {"mode": condition.get("mode", "all"), "rules": rules} if rules else {}
    if not rules:
        return {}
    try:
        conditions.check(cleaned, earlier)
    except conditions.ConditionError:
        errors[key] = _(
            "A condition can only use questions that come earlier in the survey, "
            "and a comparison with a number needs a number."
        )
        return cleaned
    for rule in rules:
        q = earlier[rule["question"]]
        op = rule["op"]
        if op in conditions.VALUELESS_OPERATORS:
            continue
        if q.is_choice and op in ("eq", "ne", "selected", "not_selected"):
            values = {c.value for c in q.choices} | ({OTHER} if q.allow_other else set())
            if rule["value"] not in values:
                errors[key] = _("“%(value)s” is not one of the answers of %(question)s.") % {
                    "value": rule["value"],
                    "question": q.name,
                }
        elif op in conditions.NUMERIC_OPERATORS and q.is_choice and q.kind != QuestionKind.SCALE5:
            errors[key] = _("%(question)s is a choice: compare it with “is” or “includes”.") % {
                "question": q.name
            }
        elif not rule["value"]:
            errors[key] = _("Say which answer the condition compares with.")
    return cleaned


# -- the survey ---------------------------------------------------------------------------------


def known_languages() -> list[str]:
    return list(Language.objects.values_list("code", flat=True))


def _check_languages(languages: list[str], errors: dict) -> list[str]:
    languages = list(dict.fromkeys(code for code in languages if code))
    known = set(known_languages())
    if not languages:
        errors["languages"] = _("Choose at least one language.")
    elif any(code not in known for code in languages):
        errors["languages"] = _("This language is not offered; an administrator can add it.")
    return languages


@transaction.atomic
def create_survey(
    *, by, organisation, title: dict[str, str], languages: list[str], intro=None, thanks=None
) -> Survey:
    errors: dict[str | None, str] = {}
    languages = _check_languages(languages, errors)
    title = _clean_texts(title, languages)
    if languages and not title.get(languages[0]):
        errors["title"] = _("Give the survey a title in its main language.")
    if errors:
        raise BuilderInvalid(errors)
    return Survey.objects.create(
        organisation=organisation,
        title=title,
        intro=_clean_texts(intro, languages),
        thanks=_clean_texts(thanks, languages),
        languages=languages,
        created_by=by,
    )


@transaction.atomic
def update_survey(
    *, survey: Survey, by, title: dict, intro: dict, thanks: dict, languages: list[str]
) -> Survey:
    survey = _locked_guard(survey)
    errors: dict[str | None, str] = {}
    languages = _check_languages(languages, errors)
    title = _clean_texts(title, languages)
    if languages and not title.get(languages[0]):
        errors["title"] = _("Give the survey a title in its main language.")
    if errors:
        raise BuilderInvalid(errors)
    survey.title = title
    survey.intro = _clean_texts(intro, languages)
    survey.thanks = _clean_texts(thanks, languages)
    survey.languages = languages
    survey.save(update_fields=["title", "intro", "thanks", "languages"])
    return survey


# -- sections ----------------------------------------------------------------------------------


@transaction.atomic
def save_section(
    *,
    survey: Survey,
    by,
    name: str,
    title: dict,
    show_if: dict | None = None,
    section: Section | None = None,
) -> Section:
    survey = _locked_guard(survey)
    errors: dict[str | None, str] = {}
    _check_name(name, errors)
    taken = Section.objects.filter(survey=survey, name=name)
    if section is not None:
        taken = taken.exclude(pk=section.pk)
    if taken.exists():
        errors["name"] = _("Another section of this survey has this name.")
    earlier = questions_before_section(survey, section)
    condition = _check_condition(show_if or {}, earlier, errors)
    if errors:
        raise BuilderInvalid(errors)
    if section is None:
        last = Section.objects.filter(survey=survey).aggregate(m=Max("position"))["m"]
        section = Section(survey=survey, position=(last or 0) + 1)
    section.name = name
    section.title = _clean_texts(title, survey.languages)
    section.show_if = condition
    section.save()
    return section


def _check_order(survey: Survey) -> None:
    """Every show-if still names only earlier questions (after a move or a deletion)."""
    defn = load(survey)
    seen: set[str] = set()
    for sdef in defn.sections:
        for rule in conditions.rules_of(sdef.show_if):
            if rule.get("question") not in seen:
                raise BuilderInvalid({None: _order_message(sdef.name, rule.get("question"))})
        for item in sdef.questions:
            for q in [item, *item.rows]:
                for rule in conditions.rules_of(q.show_if):
                    if rule.get("question") not in seen:
                        raise BuilderInvalid({None: _order_message(q.name, rule.get("question"))})
                if q.takes_answer:
                    seen.add(q.name)


def _order_message(where: str, name) -> str:
    return _(
        "%(where)s shows only after an answer to %(question)s, which would then not come "
        "before it. Change that condition first."
    ) % {"where": where, "question": name}


def _swap(objects: list, index: int, direction: str) -> bool:
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(objects):
        return False
    objects[index], objects[other] = objects[other], objects[index]
    for position, obj in enumerate(objects, start=1):
        obj.position = position
    return True


@transaction.atomic
def move_section(*, section: Section, by, direction: str) -> None:
    survey = _locked_guard(section.survey)
    sections = list(Section.objects.filter(survey=survey).order_by("position", "pk"))
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    if _swap(sections, index, direction):
        Section.objects.bulk_update(sections, ["position"])
        _check_order(survey)


@transaction.atomic
def delete_section(*, section: Section, by) -> None:
    survey = _locked_guard(section.survey)
    section.delete()
    _check_order(survey)


# -- questions ------------------------------------------------------------------------------


def _check_choices(data: QuestionData, languages: list[str], errors: dict) -> list[ChoiceData]:
    choices = []
    for c in data.choices:
        label = _clean_texts(c.label, languages)
        value = (c.value or "").strip()
        if not value and not label:
            continue
        choices.append(ChoiceData(value, label, c.score))
    if len(choices) < 2:
        errors["choices"] = _("Give at least two answers to choose from.")
        return choices
    values = [c.value for c in choices]
    if any(not re.match(r"^[A-Za-z0-9_-]{1,64}$", v) for v in values):
        errors["choices"] = _(
            "Every answer needs a value of letters, digits, - or _ (e.g. yes, 1, no_opinion)."
        )
    elif len(set(values)) != len(values) or (data.allow_other and OTHER in values):
        errors["choices"] = _("Two answers have the same value.")
    elif any(not c.label.get(languages[0]) for c in choices):
        errors["choices"] = _("Every answer needs a text in the main language.")
    elif data.kind in (QuestionKind.SCALE5, QuestionKind.GRID) and any(
        c.score is not None and not 1 <= c.score <= 5 for c in choices
    ):
        errors["choices"] = _("On a 5-point scale a score is 1 to 5, or empty for “no opinion”.")
    return choices


def _check_question(
    survey: Survey, data: QuestionData, question: Question | None, earlier: dict
) -> QuestionData:
    errors: dict[str | None, str] = {}
    languages = list(survey.languages)
    if data.kind not in QuestionKind.values:
        errors["kind"] = _("Choose a kind of question.")
    _check_name(data.name, errors)
    taken = set(Question.objects.filter(survey=survey).values_list("name", flat=True))
    if question is not None:
        taken -= set(Question.objects.filter(pk=question.pk).values_list("name", flat=True)) | set(
            question.rows.values_list("name", flat=True)
        )
    if data.name in taken:
        errors["name"] = _("Another question of this survey has this name.")
    label = _clean_texts(data.label, languages)
    if not label.get(languages[0]):
        errors["label"] = _("Write the question in the main language.")
    hint = _clean_texts(data.hint, languages)
    if any(len(t) > MAX_TEXT for t in [*label.values(), *hint.values()]):
        errors["label"] = _("Keep it shorter: at most %(limit)d characters.") % {"limit": MAX_TEXT}
    kind = data.kind
    choices: list[ChoiceData] = []
    if kind in CHOICE_KINDS or kind == QuestionKind.GRID:
        choices = _check_choices(data, languages, errors)
    if kind == QuestionKind.MULTIPLE and data.max_choices is not None:
        if data.max_choices < 1:
            errors["max_choices"] = _("Give a maximum of 1 or more, or leave it empty.")
        elif choices and data.max_choices > len(choices) + (1 if data.allow_other else 0):
            errors["max_choices"] = _("There are fewer answers than this maximum.")
    if kind == QuestionKind.NUMBER:
        low, high = data.min_value, data.max_value
        if low is not None and high is not None and low > high:
            errors["max_value"] = _("The highest value is below the lowest.")
        if data.whole_number and any(
            v is not None and v != v.to_integral_value() for v in (low, high)
        ):
            errors["min_value"] = _("Whole numbers only: the range needs whole numbers too.")
    rows: list[RowData] = []
    if kind == QuestionKind.GRID:
        for row in data.rows:
            row_label = _clean_texts(row.label, languages)
            if not row.name and not row_label:
                continue
            rows.append(RowData(row.name.strip(), row_label, row.required, row.pk))
        names = [r.name for r in rows]
        if not rows:
            errors["rows"] = _("A grid needs at least one row.")
        elif any(not NAME_RE.match(n) for n in names):
            errors["rows"] = _(
                "Every row needs a name of lower-case letters, digits and _ (e.g. q_hall)."
            )
        elif len(set(names)) != len(names) or data.name in names or set(names) & taken:
            errors["rows"] = _("Two questions of this survey have the same name.")
        elif any(not r.label.get(languages[0]) for r in rows):
            errors["rows"] = _("Every row needs a text in the main language.")
    condition = _check_condition(data.show_if, earlier, errors)
    if errors:
        raise BuilderInvalid(errors)
    return QuestionData(
        name=data.name,
        kind=kind,
        label=label,
        hint=hint,
        required=data.required and kind not in (QuestionKind.NOTE, QuestionKind.GRID),
        theme=(data.theme or "").strip()[:60],
        show_if=condition,
        choices=choices,
        rows=rows,
        max_choices=data.max_choices if kind == QuestionKind.MULTIPLE else None,
        allow_other=data.allow_other and kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE),
        show_faces=data.show_faces and kind in (QuestionKind.SCALE5, QuestionKind.GRID),
        min_value=data.min_value if kind == QuestionKind.NUMBER else None,
        max_value=data.max_value if kind == QuestionKind.NUMBER else None,
        whole_number=data.whole_number if kind == QuestionKind.NUMBER else True,
    )


@transaction.atomic
def save_question(
    *, survey: Survey, section: Section, by, data: QuestionData, question: Question | None = None
) -> Question:
    """Add a question at the end of ``section``, or change ``question`` (its kind stays)."""
    survey = _locked_guard(survey)
    if question is not None:
        data.kind = question.kind
        earlier = earlier_questions(survey, question=question)
    else:
        earlier = earlier_questions(survey, section=section)
    clean = _check_question(survey, data, question, earlier)
    if question is None:
        last = Question.objects.filter(section=section, grid__isnull=True).aggregate(
            m=Max("position")
        )["m"]
        question = Question(survey=survey, section=section, position=(last or 0) + 1)
    question.kind = clean.kind
    for name in (
        "name",
        "label",
        "hint",
        "required",
        "theme",
        "show_if",
        "max_choices",
        "allow_other",
        "show_faces",
        "min_value",
        "max_value",
        "whole_number",
    ):
        setattr(question, name, getattr(clean, name))
    try:
        with transaction.atomic():
            question.save()
            _save_choices(question, clean.choices)
            if clean.kind == QuestionKind.GRID:
                _save_rows(question, clean.rows)
    except IntegrityError as error:  # a name taken meanwhile
        raise BuilderInvalid(
            {"name": _("Another question of this survey has this name.")}
        ) from error
    _check_order(survey)
    return question


def _save_choices(question: Question, choices: list[ChoiceData]) -> None:
    question.choices.all().delete()
    Choice.objects.bulk_create(
        [
            Choice(question=question, position=i, value=c.value, label=c.label, score=c.score)
            for i, c in enumerate(choices, start=1)
        ]
    )


def _save_rows(grid: Question, rows: list[RowData]) -> None:
    existing = {r.pk: r for r in grid.rows.all()}
    keep = set()
    # Free the names first, so that rows can swap names.
    for old in existing.values():
        old.name = f"_{old.pk}"
        old.save(update_fields=["name"])
    for position, data in enumerate(rows, start=1):
        found = existing.get(data.pk) if data.pk else None
        row = (
            found
            if found is not None
            else Question(
                survey=grid.survey, section=grid.section, grid=grid, kind=QuestionKind.SCALE5
            )
        )
        row.name = data.name
        row.label = data.label
        row.required = data.required
        row.theme = grid.theme  # a row's answers are about what the grid is about
        row.position = position
        row.section = grid.section
        row.save()
        keep.add(row.pk)
    grid.rows.exclude(pk__in=keep).delete()


@transaction.atomic
def move_question(*, question: Question, by, direction: str) -> None:
    """Up or down within its section; from the top or bottom into the next section."""
    survey = _locked_guard(question.survey)
    siblings = list(
        Question.objects.filter(section=question.section, grid__isnull=True).order_by(
            "position", "pk"
        )
    )
    index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
    if _swap(siblings, index, direction):
        Question.objects.bulk_update(siblings, ["position"])
    else:
        sections = list(Section.objects.filter(survey=survey).order_by("position", "pk"))
        at = next(i for i, s in enumerate(sections) if s.pk == question.section_id)
        target = at - 1 if direction == "up" else at + 1
        if not 0 <= target < len(sections):
            return
        others = Question.objects.filter(section=sections[target], grid__isnull=True)
        edge = others.aggregate(m=Max("position"))["m"] or 0
        question.section = sections[target]
        question.position = edge + 1 if direction == "up" else 0
        question.save(update_fields=["section", "position"])
        question.rows.update(section=sections[target])
        if direction == "down":
            moved = list(others.order_by("position", "pk"))
            for position, q in enumerate(moved, start=1):
                q.position = position
            Question.objects.bulk_update(moved, ["position"])
    _check_order(survey)


@transaction.atomic
def delete_question(*, question: Question, by) -> None:
    survey = _locked_guard(question.survey)
    question.delete()
    _check_order(survey)


# -- a new version ------------------------------------------------------------------------------


@transaction.atomic
def new_version(*, survey: Survey, by) -> Survey:
    """A draft copy of ``survey`` as version + 1 (made from it), or the draft made earlier."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    existing = survey.next_versions.order_by("-version").first()
    if existing is not None:
        return existing
    copy = Survey.objects.create(
        title=survey.title,
        intro=survey.intro,
        thanks=survey.thanks,
        languages=survey.languages,
        form_id=survey.form_id,
        organisation=survey.organisation,
        version=survey.version + 1,
        previous_version=survey,
        created_by=by,
    )
    sections = {}
    for s in Section.objects.filter(survey=survey).order_by("position", "pk"):
        sections[s.pk] = Section.objects.create(
            survey=copy, position=s.position, name=s.name, title=s.title, show_if=s.show_if
        )
    questions: dict[int, Question] = {}
    originals = list(Question.objects.filter(survey=survey).order_by("grid_id", "position", "pk"))
    # grids (and plain questions) first, then rows, so that a row finds its grid's copy
    for q in sorted(originals, key=lambda q: q.grid_id is not None):
        old_pk = q.pk
        q.pk = None
        q.id = None
        q.survey = copy
        q.section = sections[q.section_id]
        q.grid = questions[q.grid_id] if q.grid_id else None
        q._state.adding = True
        q.save()
        questions[old_pk] = q
    Choice.objects.bulk_create(
        [
            Choice(
                question=questions[c.question_id],
                position=c.position,
                value=c.value,
                label=c.label,
                score=c.score,
            )
            for c in Choice.objects.filter(question__survey=survey)
        ]
    )
    return copy

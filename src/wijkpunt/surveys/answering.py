"""Showing a questionnaire and reading back what a respondent typed: shared by answering online
with the code, in the portal, at the door and on the paper-entry screen.

- ``survey_languages`` / ``choose_language``: the languages a survey is offered in (with their
  names and writing direction) and which one a form opens in;
- ``Prefixed``: a form's POST data under a field-name prefix, for ``answers.clean``;
- ``typed_values``: what was typed, by field name, to show again (``_question.html``'s
  ``values``);
- ``ErrorSummary``: the cleaned answers' errors in the shape the shared error summary
  (``wijkpunt/forms/error_summary.html``) reads, each linking to its question's first field;
- ``collect``: clean the answers in the respondent's language.

Templates: ``surveys/answer/_questionnaire.html`` renders a whole survey (sections as fieldsets)
and ``surveys/answer/_question.html`` one question; both take ``language``, ``values``,
``errors`` and ``prefix``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import translation

from wijkpunt.surveys import answers
from wijkpunt.surveys.definition import QuestionDef, SurveyDef
from wijkpunt.surveys.models import Language, QuestionKind

# Kinds whose answer is picked from several inputs: the error links to the first one.
_PICKED = frozenset(
    {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SCALE5, QuestionKind.RATING10}
)


@dataclass(frozen=True)
class LanguageOption:
    code: str
    name: str  # in the language itself
    right_to_left: bool = False

    @property
    def direction(self) -> str:
        return "rtl" if self.right_to_left else "ltr"


def survey_languages(codes: Iterable[str]) -> list[LanguageOption]:
    """The survey's languages in its order, named in themselves (one query)."""
    codes = list(codes)
    known = {lang.code: lang for lang in Language.objects.filter(code__in=codes)}
    out = []
    for code in codes:
        lang = known.get(code)
        if lang is None:
            out.append(LanguageOption(code, code))
        else:
            out.append(LanguageOption(code, lang.native_name or lang.name, lang.right_to_left))
    return out


def _match(wish: str | None, offered: Sequence[str]) -> str | None:
    if not wish:
        return None
    wish = wish.lower()
    if wish in offered:
        return wish
    base = wish.split("-")[0]
    return next((code for code in offered if code.split("-")[0] == base), None)


def choose_language(offered: Sequence[str], *wishes: str | None) -> str:
    """The first of ``wishes`` the survey is offered in (``fr`` matches ``fr-be`` and back),
    else the survey's main language."""
    offered = [code.lower() for code in offered] or ["nl-be"]
    for wish in wishes:
        found = _match(wish, offered)
        if found:
            return found
    return offered[0]


def interface_language(language: str) -> str | None:
    """The site language to show buttons and messages in next to a survey language: itself
    when Wijkpunt's interface speaks it, else None (keep the current one)."""
    return _match(language, [code for code, _name in settings.LANGUAGES])


class Prefixed:
    """``raw`` read under a field-name prefix: ``Prefixed(request.POST, "p3-").getlist("q1")``
    is ``request.POST.getlist("p3-q1")``."""

    def __init__(self, raw, prefix: str = "") -> None:
        self.raw = raw
        self.prefix = prefix

    def getlist(self, key: str) -> list[str]:
        name = self.prefix + key
        if hasattr(self.raw, "getlist"):
            return list(self.raw.getlist(name))
        value = self.raw.get(name, [])
        return list(value) if isinstance(value, list | tuple) else [value]

    def get(self, key: str, default: Any = None) -> Any:
        values = self.getlist(key)
        return values if values else default


def typed_values(defn: SurveyDef, raw, prefix: str = "") -> dict[str, list[str]]:
    """What was typed, by field name (with the prefix), to show again."""
    kept = answers.kept_input(defn, Prefixed(raw, prefix))
    return {prefix + key: values for key, values in kept.items()}


def values_of(defn: SurveyDef, cleaned: Mapping[str, Any], prefix: str = "") -> dict[str, list]:
    """Cleaned answers (a ballot's) as typed values, to show a stored answer in the form."""
    out: dict[str, list[str]] = {}
    for key, value in cleaned.items():
        out[prefix + key] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return out


def field_id(q: QuestionDef, prefix: str = "") -> str:
    """The id of the first input of ``q`` (what an error links to)."""
    name = prefix + q.name
    return f"f-{name}-0" if q.kind in _PICKED else f"f-{name}"


@dataclass
class SummaryField:
    auto_id: str
    label: str
    errors: list[str]
    widget_type: str = "text"


@dataclass
class ErrorSummary:
    """What ``wijkpunt/forms/error_summary.html`` reads of a form, for a questionnaire."""

    errors: dict[str, str]
    items: list[SummaryField] = field(default_factory=list)
    prefix: str | None = None
    fields: dict = field(default_factory=dict)

    def non_field_errors(self) -> list[str]:
        return []

    def hidden_fields(self) -> list:
        return []

    def visible_fields(self) -> list[SummaryField]:
        return self.items


def error_summary(
    defn: SurveyDef, errors: Mapping[str, str], language: str, prefix: str = ""
) -> ErrorSummary:
    items = []
    for q in defn.questions():
        message = errors.get(q.name)
        if message:
            label = q.text(language)
            if q.grid:
                grid = defn.question(q.grid)
                label = f"{grid.text(language)} – {label}" if grid else label
            items.append(SummaryField(field_id(q, prefix), label, [message]))
    return ErrorSummary(errors=dict(errors), items=items, prefix=prefix or None)


def collect(
    defn: SurveyDef, raw, *, language: str, prefix: str = ""
) -> tuple[dict[str, Any], dict[str, str]]:
    """``answers.clean`` with its messages in ``language`` where Wijkpunt speaks it."""
    ui = interface_language(language)
    if ui is None:
        return answers.clean(defn, Prefixed(raw, prefix))
    with translation.override(ui):
        cleaned, errors = answers.clean(defn, Prefixed(raw, prefix))
        # gettext ran inside the override: make the messages plain strings now.
        return cleaned, {name: str(message) for name, message in errors.items()}


__all__ = [
    "ErrorSummary",
    "LanguageOption",
    "Prefixed",
    "choose_language",
    "collect",
    "error_summary",
    "field_id",
    "interface_language",
    "survey_languages",
    "typed_values",
    "values_of",
]

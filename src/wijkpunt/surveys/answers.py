"""Checking a respondent's answers: the same rules online, in the portal, at the door and on
the paper-entry screen. Raw input is what a form posts (a name → a list of strings);
the result is the cleaned answers or, per question, what is wrong in the reader's language.

Cleaned answers (what a ballot holds), by question name:
  single choice, scale → the choice's value;  multiple choice → a list of values;
  rating, number → the number as a string ("7", "2.5");  text → the text;
  "other, namely" → its text under ``"<name>:other"``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkpunt.surveys import conditions
from wijkpunt.surveys.definition import OTHER, QuestionDef, SurveyDef
from wijkpunt.surveys.models import QuestionKind

MAX_TEXT = {QuestionKind.SHORT_TEXT: 300, QuestionKind.LONG_TEXT: 5000}
MAX_OTHER = 300


def other_key(name: str) -> str:
    return f"{name}:{OTHER}"


def _values(raw: Mapping[str, Sequence[str]] | Any, key: str) -> list[str]:
    if hasattr(raw, "getlist"):
        values = raw.getlist(key)
    else:
        value = raw.get(key, [])
        values = value if isinstance(value, list | tuple) else [value]
    return [str(v).strip() for v in values if v is not None and str(v).strip() != ""]


def _number(text: str) -> Decimal | None:
    try:
        number = Decimal(text.replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _format(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text


def _clean_one(q: QuestionDef, raw, answers: dict[str, Any]) -> str | None:
    """Put the cleaned answer to ``q`` into ``answers``; return an error or None."""
    values = _values(raw, q.name)
    if q.kind in (QuestionKind.SINGLE, QuestionKind.SCALE5):
        if not values:
            return None
        if len(values) > 1:
            return _("Choose one answer.")
        if values[0] == OTHER and q.allow_other:
            other = " ".join(_values(raw, other_key(q.name)))[:MAX_OTHER]
            if not other:
                answers[q.name] = OTHER
                return _("Write what you mean by “other”.")
            answers[q.name] = OTHER
            answers[other_key(q.name)] = other
            return None
        if q.choice(values[0]) is None:
            return _("This is not one of the answers you can choose.")
        answers[q.name] = values[0]
        return None
    if q.kind == QuestionKind.MULTIPLE:
        if not values:
            return None
        unknown = [v for v in values if q.choice(v) is None and not (v == OTHER and q.allow_other)]
        if unknown:
            return _("This is not one of the answers you can choose.")
        chosen = list(dict.fromkeys(values))
        answers[q.name] = chosen
        if OTHER in chosen:
            other = " ".join(_values(raw, other_key(q.name)))[:MAX_OTHER]
            if not other:
                return _("Write what you mean by “other”.")
            answers[other_key(q.name)] = other
        if q.max_choices and len(chosen) > q.max_choices:
            return ngettext(
                "Choose at most %(count)d answer.",
                "Choose at most %(count)d answers.",
                q.max_choices,
            ) % {"count": q.max_choices}
        return None
    if q.kind in (QuestionKind.RATING10, QuestionKind.NUMBER):
        if not values:
            return None
        number = _number(values[0])
        answers[q.name] = values[0]
        if number is None:
            return _("Write a number, for example 3.")
        whole = q.whole_number or q.kind == QuestionKind.RATING10
        if whole and number != number.to_integral_value():
            return _("Write a whole number, without a comma.")
        low, high = q.bounds
        if low is not None and high is not None and not low <= number <= high:
            return _("Write a number from %(low)s to %(high)s.") % {
                "low": _format(low),
                "high": _format(high),
            }
        if low is not None and number < low:
            return _("Write a number of at least %(low)s.") % {"low": _format(low)}
        if high is not None and number > high:
            return _("Write a number of at most %(high)s.") % {"high": _format(high)}
        answers[q.name] = _format(number)
        return None
    if q.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        text = "\n".join(_values(raw, q.name))
        if not text:
            return None
        answers[q.name] = text
        limit = MAX_TEXT[QuestionKind(q.kind)]
        if len(text) > limit:
            return _("Keep it shorter: at most %(limit)d characters.") % {"limit": limit}
        return None
    return None


def clean(survey: SurveyDef, raw) -> tuple[dict[str, Any], dict[str, str]]:
    """Cleaned answers and errors by question name. Answers to questions whose show-if does
    not hold (given the earlier answers) are dropped; such questions are never required."""
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for section in survey.sections:
        section_shown = conditions.holds(section.show_if, answers)
        for item in section.questions:
            for q in item.rows if item.kind == QuestionKind.GRID else [item]:
                if not q.takes_answer:
                    continue
                shown = section_shown and conditions.holds(item.show_if, answers)
                if q is not item:
                    shown = shown and conditions.holds(q.show_if, answers)
                if not shown:
                    continue
                error = _clean_one(q, raw, answers)
                if error:
                    errors[q.name] = error
                elif q.required and q.name not in answers:
                    errors[q.name] = _("This question needs an answer.")
    return answers, errors


def kept_input(survey: SurveyDef, raw) -> dict[str, list[str]]:
    """What was typed, by field name, to show again next to the errors."""
    kept: dict[str, list[str]] = {}
    for q in survey.questions():
        for key in (q.name, other_key(q.name)):
            values = _values(raw, key)
            if values:
                kept[key] = values
    return kept

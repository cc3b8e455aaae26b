"""Show-if conditions on earlier answers, stored as data:

    {"mode": "all", "rules": [{"question": "has_children", "op": "eq", "value": "yes"},
                              {"question": "age", "op": "ge", "value": "18"}]}

``mode`` is ``all`` (every rule holds) or ``any`` (one does); an empty condition always holds.
The same rules run in the respondent's browser (``static/surveys/answer.js``) to hide what does
not apply, and here, on the server, which decides: an answer to a question that does not apply
is dropped, and a required question that does not apply is not required. XLSForm's ``relevant``
expressions translate to and from this form (``xlsform``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

OPERATORS: dict[str, Any] = {
    "eq": _("is"),
    "ne": _("is not"),
    "selected": _("includes"),
    "not_selected": _("does not include"),
    "gt": _("is more than"),
    "ge": _("is at least"),
    "lt": _("is less than"),
    "le": _("is at most"),
    "answered": _("is answered"),
    "not_answered": _("is not answered"),
}
NUMERIC_OPERATORS = frozenset({"gt", "ge", "lt", "le"})
VALUELESS_OPERATORS = frozenset({"answered", "not_answered"})


class ConditionError(ValueError):
    """A condition that refers to something that does not exist or uses an unknown operator."""


def rules_of(condition: Mapping | None) -> list[dict]:
    return list((condition or {}).get("rules") or [])


def _number(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _holds(rule: Mapping, answers: Mapping[str, Any]) -> bool:
    op = rule.get("op")
    value = str(rule.get("value", ""))
    given = answers.get(rule.get("question", ""))
    empty = given in (None, "", [])
    if op == "answered":
        return not empty
    if op == "not_answered":
        return empty
    if empty:
        return op in ("ne", "not_selected")
    if op in ("selected", "not_selected"):
        chosen = given if isinstance(given, list) else [given]
        return (value in [str(c) for c in chosen]) == (op == "selected")
    if op in ("eq", "ne"):
        if isinstance(given, list):
            same = value in [str(c) for c in given]
        else:
            a, b = _number(given), _number(value)
            same = a == b if a is not None and b is not None else str(given) == value
        return same == (op == "eq")
    if op in NUMERIC_OPERATORS:
        a, b = _number(given), _number(value)
        if a is None or b is None:
            return False
        return {"gt": a > b, "ge": a >= b, "lt": a < b, "le": a <= b}[op]
    raise ConditionError(f"unknown operator {op!r}")


def holds(condition: Mapping | None, answers: Mapping[str, Any]) -> bool:
    rules = rules_of(condition)
    if not rules:
        return True
    results = (_holds(rule, answers) for rule in rules)
    return any(results) if (condition or {}).get("mode") == "any" else all(results)


def check(condition: Mapping | None, earlier: Iterable[str]) -> None:
    """Raise ConditionError unless every rule names an earlier question and a known operator."""
    known = set(earlier)
    mode = (condition or {}).get("mode", "all")
    if mode not in ("all", "any"):
        raise ConditionError(f"unknown mode {mode!r}")
    for rule in rules_of(condition):
        if rule.get("op") not in OPERATORS:
            raise ConditionError(f"unknown operator {rule.get('op')!r}")
        if rule.get("question") not in known:
            raise ConditionError(f"{rule.get('question')!r} is not an earlier question")
        if rule["op"] in NUMERIC_OPERATORS and _number(rule.get("value")) is None:
            raise ConditionError(f"{rule.get('value')!r} is not a number")

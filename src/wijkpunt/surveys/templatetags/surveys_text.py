"""Template helpers for survey texts: ``{{ q|text_in:language }}`` and typed values."""

from __future__ import annotations

from django import template

from wijkpunt.surveys.texts import text_in as _text_in

register = template.Library()


@register.filter
def text_in(texts, language: str) -> str:
    """A ``{"nl-be": …}`` text, or an object with a ``text(language)`` method, in a language."""
    if hasattr(texts, "text"):
        return texts.text(language)
    return _text_in(texts, language)


@register.filter
def typed(values, name: str) -> list[str]:
    """What was typed for field ``name`` (a list of strings; empty when nothing)."""
    return list((values or {}).get(name, []))


@register.filter
def first_typed(values, name: str) -> str:
    found = (values or {}).get(name) or [""]
    return found[0]


@register.filter
def error_for(errors, name: str) -> str:
    return (errors or {}).get(name, "")


@register.filter
def as_json(value) -> str:
    """A value as JSON for a ``data-`` attribute (the template escapes the quotes)."""
    import json

    return json.dumps(value, ensure_ascii=False)


@register.filter
def other_name(name: str) -> str:
    return f"{name}:other"


@register.simple_tag
def rating_values() -> list[str]:
    return [str(i) for i in range(11)]

"""Texts in several languages, stored as ``{"nl-be": "…", "fr": "…", "en": "…"}``.

The survey's main language (its first) is the fall-back: a respondent reading French sees the
Dutch text where no French one was written, and the survey builder marks what is missing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def text_in(texts: Mapping[str, str] | None, language: str, fallback: str = "nl-be") -> str:
    """The text in ``language``; otherwise in ``fallback``; otherwise any text there is."""
    if not texts:
        return ""
    for code in (language, language.split("-")[0], fallback):
        value = texts.get(code)
        if value:
            return value
    return next((v for v in texts.values() if v), "")


def missing_languages(texts: Mapping[str, str] | None, languages: Iterable[str]) -> list[str]:
    """The languages of ``languages`` without a text."""
    texts = texts or {}
    return [code for code in languages if not (texts.get(code) or "").strip()]

"""Reads of "you said, we did": what residents see of an estate's actions, and staff lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from wijkpunt.followup.models import Action, ActionEvent, ActionStatus, EventKind, SourceKind
from wijkpunt.followup.workflow import DISPLAY_ORDER, PUBLIC_STATUS_TEXT
from wijkpunt.surveys.texts import text_in

# Status → the NL Design System status badge it shows as.
STATUS_BADGE = {
    ActionStatus.PLANNED: "neutral",
    ActionStatus.IN_PROGRESS: "active",
    ActionStatus.DONE: "success",
    ActionStatus.DROPPED: "inactive",
}


@dataclass
class PublicEntry:
    at: dt.datetime
    title: str
    text: str = ""


@dataclass
class PublicAction:
    """One action as a resident reads it, in one language."""

    pk: int
    title: str
    description: str
    said: str
    status: str
    status_label: str
    status_text: str
    badge: str
    organisation: str
    source: str
    updated_at: dt.datetime
    history: list[PublicEntry] = field(default_factory=list)


def source_text(action: Action, language: str) -> str:
    """Where an action comes from, in plain words (call with ``language`` active)."""
    if action.source_kind == SourceKind.SURVEY and action.wave_id:
        wave = action.wave
        survey = wave.survey if wave is not None else None
        words = _("From the survey “%(survey)s” (%(wave)s).") % {
            "survey": text_in(survey.title, language, survey.main_language) if survey else "",
            "wave": wave.name if wave is not None else "",
        }
    elif action.source_kind == SourceKind.SURVEY:
        words = _("From a survey of residents.")
    elif action.source_kind == SourceKind.SIGNALS:
        words = _("From reports of residents.")
    elif action.source_kind == SourceKind.MEETING:
        words = _("From a resident meeting.")
    else:
        words = _("From what residents told us.")
    question = action.question
    if question is not None:
        survey_language = question.survey.main_language if question.survey_id else "nl-be"
        words += " " + _("Question: “%(question)s”") % {
            "question": text_in(question.label, language, survey_language)
        }
    elif action.theme:
        words += " " + _("Theme: %(theme)s") % {"theme": action.theme}
    return words


def _public_events() -> Prefetch:
    return Prefetch(
        "events",
        queryset=ActionEvent.objects.filter(public=True).order_by("-at", "-pk"),
        to_attr="public_events",
    )


def _entry(event: ActionEvent, language: str) -> PublicEntry:
    text = text_in(event.text, language)
    if event.kind == EventKind.NOTE:
        return PublicEntry(event.at, _("News"), text)
    status = ActionStatus(event.status_to or ActionStatus.PLANNED)
    if event.kind == EventKind.CREATED:
        return PublicEntry(event.at, _("Planned"), "")
    return PublicEntry(event.at, _("Now: %(status)s") % {"status": status.label}, text)


def as_public(action: Action, language: str) -> PublicAction:
    status = ActionStatus(action.status)
    return PublicAction(
        pk=action.pk,
        title=text_in(action.title, language),
        description=text_in(action.description, language),
        said=text_in(action.said, language),
        status=status.value,
        status_label=str(status.label),
        status_text=str(PUBLIC_STATUS_TEXT[status]),
        badge=STATUS_BADGE[status],
        organisation=str(action.organisation),
        source=source_text(action, language),
        updated_at=action.updated_at,
        history=[_entry(e, language) for e in getattr(action, "public_events", [])],
    )


def public_actions(estate, language: str) -> list[PublicAction]:
    """The actions of an estate as its residents read them, in ``language``: what is being
    done first, then what is planned, done, dropped; the newest change first within each."""
    actions = (
        Action.objects.filter(estates=estate)
        .select_related("organisation", "wave__survey", "question__survey")
        .prefetch_related(_public_events())
        .order_by("-updated_at", "-pk")
    )
    with translation.override(language):
        shown = [as_public(a, language) for a in actions]
    shown.sort(key=lambda a: DISPLAY_ORDER.get(a.status, 9))
    return shown


def staff_actions(
    actions: QuerySet[Action], *, estate=None, wave=None, status: str = ""
) -> QuerySet[Action]:
    """A staff list, filtered by estate, wave and status."""
    if estate is not None:
        actions = actions.filter(estates=estate)
    if wave is not None:
        actions = actions.filter(wave=wave)
    if status:
        actions = actions.filter(status=status)
    return (
        actions.select_related("organisation", "wave__survey", "question")
        .prefetch_related("estates")
        .order_by("-updated_at", "-pk")
    )


def history(action: Action) -> list[ActionEvent]:
    """Every history row of an action, newest first, with who made it."""
    return list(action.events.select_related("by").order_by("-at", "-pk"))

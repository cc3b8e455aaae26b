"""Every write of "you said, we did": actions, their texts, progress notes and status.

Each write locks the action row, appends a history row (``ActionEvent``) and — when residents
should hear of it (a new action, a status change, a public note) — marks the action as having
news. ``notices.send_due_notices`` tells the residents, at most once a day per action."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkpunt.followup import notices, workflow
from wijkpunt.followup.models import Action, ActionEvent, ActionStatus, EventKind, SourceKind

MAIN_LANGUAGE = settings.LANGUAGE_CODE


class ActionInvalid(ValueError):
    """What is wrong, per field (the field names of the staff forms)."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = dict(errors)


def clean_texts(texts: Mapping[str, str] | None) -> dict[str, str]:
    """Texts per language, stripped, without empty ones."""
    return {code: value.strip() for code, value in (texts or {}).items() if (value or "").strip()}


def _check_source(*, wave, question) -> None:
    if wave is not None and question is not None and question.survey_id != wave.survey_id:
        raise ActionInvalid({"question": _("This question is not in the survey of that wave.")})


@transaction.atomic
def create_action(
    *,
    by,
    organisation,
    estates: Iterable,
    title: Mapping[str, str],
    description: Mapping[str, str] | None = None,
    said: Mapping[str, str] | None = None,
    source_kind: str = SourceKind.SURVEY,
    wave=None,
    question=None,
    theme: str = "",
) -> Action:
    """A new action (planned). Its residents hear of it."""
    title = clean_texts(title)
    estates = list(estates)
    errors = {}
    if not title.get(MAIN_LANGUAGE):
        errors[f"title_{MAIN_LANGUAGE}"] = _("Give the action a title in Dutch.")
    if not estates:
        errors["estates"] = _("Choose at least one estate.")
    if errors:
        raise ActionInvalid(errors)
    _check_source(wave=wave, question=question)
    now = timezone.now()
    action = Action.objects.create(
        title=title,
        description=clean_texts(description),
        said=clean_texts(said),
        organisation=organisation,
        source_kind=source_kind,
        wave=wave,
        question=question,
        theme=(theme or "").strip()[:60],
        status=ActionStatus.PLANNED,
        created_by=by,
        created_at=now,
        updated_at=now,
    )
    action.estates.set(estates)
    ActionEvent.objects.create(
        action=action,
        kind=EventKind.CREATED,
        status_to=ActionStatus.PLANNED,
        public=True,
        by=by,
        at=now,
    )
    notices.mark_news(action, now)
    return action


def _locked(action: Action) -> Action:
    return Action.objects.select_for_update().get(pk=action.pk)


@transaction.atomic
def edit_action(
    *,
    action: Action,
    by,
    title: Mapping[str, str],
    description: Mapping[str, str] | None,
    said: Mapping[str, str] | None,
    theme: str | None = None,
) -> Action:
    """Change an action's texts. The history keeps the texts as they were; residents are not
    told of a wording change (they read the new words on the estate's page)."""
    action = _locked(action)
    title = clean_texts(title)
    if not title.get(MAIN_LANGUAGE):
        raise ActionInvalid({f"title_{MAIN_LANGUAGE}": _("Give the action a title in Dutch.")})
    before = {
        "title": action.title,
        "description": action.description,
        "said": action.said,
        "theme": action.theme,
    }
    after = {
        "title": title,
        "description": clean_texts(description),
        "said": clean_texts(said),
        "theme": action.theme if theme is None else theme.strip()[:60],
    }
    if after == before:
        return action
    for name, value in after.items():
        setattr(action, name, value)
    action.updated_at = timezone.now()
    action.save(update_fields=["title", "description", "said", "theme", "updated_at"])
    ActionEvent.objects.create(
        action=action, kind=EventKind.EDITED, data={"before": before}, by=by, at=action.updated_at
    )
    return action


@transaction.atomic
def add_note(*, action: Action, by, text: Mapping[str, str], public: bool) -> ActionEvent:
    """A progress note. A public note is news for the residents; an internal one is not."""
    action = _locked(action)
    text = clean_texts(text)
    if not text:
        raise ActionInvalid({f"text_{MAIN_LANGUAGE}": _("Write the note.")})
    if public and not text.get(MAIN_LANGUAGE):
        raise ActionInvalid(
            {f"text_{MAIN_LANGUAGE}": _("A note for residents needs at least a Dutch text.")}
        )
    now = timezone.now()
    event = ActionEvent.objects.create(
        action=action, kind=EventKind.NOTE, text=text, public=public, by=by, at=now
    )
    Action.objects.filter(pk=action.pk).update(updated_at=now)
    if public:
        notices.mark_news(action, now)
    return event


@transaction.atomic
def change_status(
    *, action: Action, by, status: str, reason: Mapping[str, str] | None = None
) -> ActionEvent:
    """Move the action along its workflow; dropping it needs a reason residents read."""
    action = _locked(action)
    workflow.check_transition(action.status, status)
    reason = clean_texts(reason)
    if status in workflow.NEEDS_REASON and not reason.get(MAIN_LANGUAGE):
        raise ActionInvalid(
            {f"reason_{MAIN_LANGUAGE}": _("Tell residents in Dutch why this is dropped.")}
        )
    now = timezone.now()
    event = ActionEvent.objects.create(
        action=action,
        kind=EventKind.STATUS,
        status_from=action.status,
        status_to=status,
        text=reason,
        public=True,
        by=by,
        at=now,
    )
    action.status = status
    action.updated_at = now
    action.save(update_fields=["status", "updated_at"])
    notices.mark_news(action, now)
    return event

"""Telling residents what changed: at most one notice per action per day.

A write with news for residents (``actions``) sets ``Action.notice_pending_since`` in its own
transaction. The notice is **due** at that moment, or one day after the previous notice,
whichever is later: the first news goes out at once, and whatever follows within the day is
gathered into the next notice. ``send_due_notices`` (a background task, ``tasks.py``) sends
every notice that is due: in one transaction per action it writes the notice through
``outreach.reach`` — portal, e-mail, a letter to print for households without e-mail, in each
household's language, with a link to the estate's public page — and clears the news. The
notice's ref is ``"<action>:<number>"``, so a task that runs twice reaches nobody twice.

When the task backend can run a task later (the database backend), a change schedules the
run for the moment its notice is due; every run also sends whatever else is due."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wijkpunt.followup.models import Action, ActionEvent, ActionStatus, EventKind
from wijkpunt.followup.workflow import PUBLIC_STATUS_TEXT
from wijkpunt.outreach.audience import Audience
from wijkpunt.surveys.texts import text_in

logger = logging.getLogger(__name__)

KIND = "followup.action"
NOTICE_INTERVAL = dt.timedelta(days=1)


def public_url(estate_slug: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{reverse('followup_public:estate', args=[estate_slug])}"


def due_at(action: Action) -> dt.datetime | None:
    """When the action's waiting news may go out (None: no news)."""
    if action.notice_pending_since is None:
        return None
    if action.last_notice_at is None:
        return action.notice_pending_since
    return max(action.notice_pending_since, action.last_notice_at + NOTICE_INTERVAL)


def mark_news(action: Action, now: dt.datetime) -> None:
    """Residents should hear of this (call inside the write's transaction, row locked)."""
    if Action.objects.filter(pk=action.pk, notice_pending_since__isnull=True).update(
        notice_pending_since=now
    ):
        action_id = action.pk
        transaction.on_commit(lambda: schedule(action_id))


def schedule(action_id: int) -> None:
    """Run ``send_due_notices`` when this action's notice is due."""
    from wijkpunt.followup.tasks import send_due_notices as task

    action = Action.objects.filter(pk=action_id).first()
    due = due_at(action) if action is not None else None
    if due is None:
        return
    if due <= timezone.now():
        task.enqueue()
    elif task.get_backend().supports_defer:
        task.using(run_after=due).enqueue()
    # An immediate backend (tests) cannot wait: the next run sends it.


def send_due_notices(*, now: dt.datetime | None = None) -> list[int]:
    """Send every notice that is due at ``now``; returns the ids of the actions told."""
    now = now or timezone.now()
    candidates = (
        Action.objects.filter(notice_pending_since__isnull=False, notice_pending_since__lte=now)
        .filter(Q(last_notice_at__isnull=True) | Q(last_notice_at__lte=now - NOTICE_INTERVAL))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    sent = []
    for pk in list(candidates):
        if _send_one(pk, now):
            sent.append(pk)
    return sent


@transaction.atomic
def _send_one(pk: int, now: dt.datetime) -> bool:
    from wijkpunt.outreach.reach import reach

    action = Action.objects.select_for_update().filter(pk=pk).select_related("organisation").first()
    if action is None:
        return False
    due = due_at(action)
    if due is None or due > now:
        return False
    news = list(action.events.filter(public=True, pk__gt=action.told_up_to).order_by("at", "pk"))
    estates = list(action.estates.order_by("name"))
    number = action.notices_sent + 1
    fallback_slug = estates[0].slug if estates else ""
    reach(
        households=Audience.of(on=timezone.localdate(now), estates=estates),
        message=lambda language: compose(action, news, language),
        kind=KIND,
        ref=f"{action.pk}:{number}",
        by=news[-1].by if news else action.created_by,
        link=lambda r: public_url(r.estate_slug or fallback_slug) if fallback_slug else "",
        on=timezone.localdate(now),
    )
    Action.objects.filter(pk=action.pk).update(
        notice_pending_since=None,
        last_notice_at=now,
        notices_sent=number,
        told_up_to=max([action.told_up_to, *(e.pk for e in news)]),
    )
    return True


def compose(action: Action, news: list[ActionEvent], language: str) -> tuple[str, str]:
    """(subject, body) of a notice in ``language`` (called with that language active)."""
    title = text_in(action.title, language)
    organisation = str(action.organisation)
    is_new = any(e.kind == EventKind.CREATED for e in news)
    if is_new:
        subject = _("New: %(title)s") % {"title": title}
    else:
        subject = _("News: %(title)s") % {"title": title}
    lines = [
        _("%(organisation)s tells you what happens with what residents said.")
        % {"organisation": organisation},
        "",
        title,
    ]
    description = text_in(action.description, language)
    if is_new and description:
        lines.append(description)
    lines += ["", str(PUBLIC_STATUS_TEXT[action.status])]
    reason = next(
        (
            text_in(e.text, language)
            for e in reversed(news)
            if e.kind == EventKind.STATUS and e.status_to == ActionStatus.DROPPED
        ),
        "",
    )
    if action.status == ActionStatus.DROPPED and reason:
        lines.append(_("Why: %(reason)s") % {"reason": reason})
    notes = [e for e in news if e.kind == EventKind.NOTE]
    for note in notes:
        when = formats.date_format(timezone.localtime(note.at), "j F Y")
        lines += ["", f"{when}: {text_in(note.text, language)}"]
    return subject, "\n".join(lines)

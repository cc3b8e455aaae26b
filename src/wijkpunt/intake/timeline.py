"""The resident's view of a report's history: only public events, in plain words. Staff
names and internal notes never appear here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from wijkpunt.signalling.models import EventKind, Signal
from wijkpunt.signalling.queries import resident_events
from wijkpunt.signalling.workflow import PUBLIC_STATUS_TEXT


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    title: str
    text: str = ""
    mine: bool = False
    image_url: str = ""
    file_url: str = ""
    file_name: str = ""


def public_timeline(signal: Signal) -> list[Entry]:
    events = resident_events(signal)
    attachments = {a.pk: a for a in signal.attachments.filter(public=True)}
    entries: list[Entry] = []
    for event in events:
        mine = bool(signal.reporter_id and event.actor_id == signal.reporter_id)
        if event.kind == EventKind.CREATED:
            entries.append(Entry(event.at, _("You reported this"), signal.text, mine=True))
        elif event.kind == EventKind.STATUS:
            title = str(PUBLIC_STATUS_TEXT.get(event.to_status, _("The status changed.")))
            entries.append(Entry(event.at, title, event.text))
        elif event.kind == EventKind.MESSAGE:
            entries.append(Entry(event.at, _("Message for you"), event.text))
        elif event.kind == EventKind.REPLY:
            entries.append(Entry(event.at, _("Your message"), event.text, mine=True))
        elif event.kind == EventKind.MERGED:
            entries.append(Entry(event.at, str(PUBLIC_STATUS_TEXT["merged"])))
        elif event.kind == EventKind.FEEDBACK:
            data = event.data or {}
            title = (
                _("Your answer: it is solved")
                if data.get("solved")
                else _("Your answer: it is not solved")
            )
            if data.get("channel") == "phone":
                title = _("%(answer)s (given by phone)") % {"answer": title}
            entries.append(Entry(event.at, title, event.text, mine=True))
        elif event.kind == EventKind.DANGER:
            title = (
                _("You said someone is in danger. We treat it as urgent.")
                if (event.data or {}).get("in_danger")
                else _("You said nobody is in danger right now.")
            )
            entries.append(Entry(event.at, title, mine=True))
        elif event.kind == EventKind.ATTACHMENT:
            attachment_pk = (event.data or {}).get("attachment")
            attachment = attachments.get(attachment_pk) if attachment_pk is not None else None
            if attachment is None:
                continue
            url = reverse(
                "intake_portal:attachment", kwargs={"pk": signal.pk, "attachment_pk": attachment.pk}
            )
            is_image = attachment.content_type.startswith("image/")
            entries.append(
                Entry(
                    event.at,
                    _("Photo added") if is_image else _("Document added"),
                    mine=mine,
                    image_url=url if is_image else "",
                    file_url=url,
                    file_name=attachment.original_name,
                )
            )
    return entries


def merged_progress(signal: Signal, kept: Signal) -> list[Entry]:
    """For a report merged into another: the status changes of the one it is handled as, since
    the merge, as plain titles only. The messages in there were written to someone else."""
    merged_at = (
        signal.events.filter(kind=EventKind.MERGED)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    events = kept.events.filter(public=True, kind=EventKind.STATUS).order_by("at", "id")
    if merged_at is not None:
        events = events.filter(at__gte=merged_at)
    return [
        Entry(e.at, str(PUBLIC_STATUS_TEXT.get(e.to_status, _("The status changed."))))
        for e in events
    ]

"""The history of a signal in words: every event kind and status as a sentence in the
reader's language ("Jan Claes changed the status from “New” to “In progress”."), never a slug.

``timeline(signal, events, reporter)`` gives the rows of the signal page; ``sentence`` the
words of one event, for the tests and for anything else that shows a signal's history."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from wijkpunt.signalling.models import Category, Channel, EventKind, SignalEvent, SignalStatus

FIRST_RESPONSE = "first_response"


@dataclass
class Names:
    """Names the events refer to by id or slug, loaded once per page."""

    categories: dict[str, str]
    teams: dict[int, str]
    people: dict[int, str]

    @classmethod
    def for_events(cls, events: list[SignalEvent]) -> Names:
        from wijkpunt.accounts.models import User
        from wijkpunt.partners.models import Team

        slugs = {e.data.get("category") for e in events if e.kind == EventKind.TRIAGED}
        teams = {e.data.get("team") for e in events if e.data.get("team")}
        people = {e.data.get("person") for e in events if e.data.get("person")}
        return cls(
            categories={
                c.slug: c.label() for c in Category.objects.filter(slug__in=slugs - {None})
            },
            teams=dict(Team.objects.filter(pk__in=teams).values_list("pk", "name")),
            people={
                u.pk: u.full_name or u.email
                for u in User.objects.filter(pk__in=people).only("full_name", "email")
            },
        )


def status_label(value: str) -> str:
    return str(dict(SignalStatus.choices).get(value, _("unknown status")))


def language_name(code: str) -> str:
    """The resident's language in words ("Français"), whatever the code's region."""
    code = (code or "").lower()
    names = dict(settings.LANGUAGES)
    if code in names:
        return str(names[code])
    base = code.split("-")[0]
    for key, name in names.items():
        if key.split("-")[0] == base:
            return str(name)
    return code or _("not known")


def _target(event: SignalEvent, names: Names) -> str:
    parts = [event.data.get("organisation_name") or _("an organisation")]
    if event.data.get("team") in names.teams:
        parts.append(names.teams[event.data["team"]])
    if event.data.get("person") in names.people:
        parts.append(names.people[event.data["person"]])
    return " – ".join(parts)


def _reference(pk) -> str:
    try:
        return f"M-{int(pk):06d}"
    except (TypeError, ValueError):
        return _("another signal")


def sentence(event: SignalEvent, who: str, names: Names) -> str:
    """One event as a sentence. ``who`` is the actor as the reader may know them ("" when
    nobody acted: the deadline clock, the mail)."""
    kind, data = event.kind, event.data or {}
    actor = who or _("Wijkpunt")
    if kind == EventKind.CREATED:
        channel = str(dict(Channel.choices).get(data.get("channel", ""), _("unknown channel")))
        if who:
            return _("%(who)s reported this through the channel “%(channel)s”.") % {
                "who": who,
                "channel": channel,
            }
        return _("Reported through the channel “%(channel)s”.") % {"channel": channel}
    if kind == EventKind.TRIAGED:
        category = names.categories.get(data.get("category", ""), _("unknown category"))
        if data.get("urgent"):
            text = _("%(who)s set the category to “%(category)s” and marked it urgent.")
        else:
            text = _("%(who)s set the category to “%(category)s”, not urgent.")
        text = text % {"who": actor, "category": category}
        if data.get("corrected"):
            text += " " + _("This corrects the suggestion.")
        return text
    if kind == EventKind.STATUS:
        if event.from_status:
            return _("%(who)s changed the status from “%(from)s” to “%(to)s”.") % {
                "who": actor,
                "from": status_label(event.from_status),
                "to": status_label(event.to_status),
            }
        return _("%(who)s set the status to “%(to)s”.") % {
            "who": actor,
            "to": status_label(event.to_status),
        }
    if kind == EventKind.ASSIGNED:
        return _("%(who)s assigned it to %(target)s.") % {
            "who": actor,
            "target": _target(event, names),
        }
    if kind == EventKind.HANDOVER:
        return _("%(who)s handed it over from %(from)s to %(to)s.") % {
            "who": actor,
            "from": data.get("previous_organisation") or _("an organisation"),
            "to": _target(event, names),
        }
    if kind == EventKind.NOTE:
        return _("%(who)s wrote an internal note.") % {"who": actor}
    if kind == EventKind.MESSAGE:
        return _("%(who)s sent a message to the resident.") % {"who": actor}
    if kind == EventKind.REPLY:
        return _("%(who)s replied.") % {"who": who or _("The resident")}
    if kind == EventKind.ATTACHMENT:
        return _("%(who)s added the file “%(name)s”.") % {
            "who": actor,
            "name": data.get("name") or _("without a name"),
        }
    if kind == EventKind.MERGED:
        if data.get("into"):
            return _("%(who)s merged this signal into %(ref)s.") % {
                "who": actor,
                "ref": _reference(data["into"]),
            }
        return _("%(who)s merged %(ref)s into this signal.") % {
            "who": actor,
            "ref": _reference(data.get("merged")),
        }
    if kind == EventKind.FEEDBACK:
        if data.get("solved"):
            return _("%(who)s says it is solved.") % {"who": who or _("The resident")}
        return _("%(who)s says it is not solved.") % {"who": who or _("The resident")}
    if kind == EventKind.REMINDER:
        if data.get("deadline") == FIRST_RESPONSE:
            return _("Reminder sent: the deadline for the first answer is near.")
        return _("Reminder sent: the deadline for the resolution is near.")
    if kind == EventKind.ESCALATED:
        if data.get("deadline") == FIRST_RESPONSE:
            return _("Escalated: the deadline for the first answer has passed.")
        return _("Escalated: the deadline for the resolution has passed.")
    if kind == EventKind.DANGER:
        if data.get("answered_by") == "staff":
            if data.get("in_danger"):
                return _(
                    "%(who)s asked “Is someone in danger right now?”: the answer was yes, "
                    "so the signal is urgent."
                ) % {"who": actor}
            return _("%(who)s asked “Is someone in danger right now?”: the answer was no.") % {
                "who": actor
            }
        if data.get("in_danger"):
            return _(
                "The resident answered yes to “Is someone in danger right now?”: the signal is "
                "urgent."
            )
        return _("The resident answered no to “Is someone in danger right now?”.")
    if kind == EventKind.NOTIFIED:
        if data.get("mail") == "received":
            return _("The resident was told by e-mail that we received the report.")
        return _("The resident was told about this update by e-mail.")
    raise ValueError(f"No sentence for the event kind {kind!r}")


def timeline(signal, events: list[SignalEvent], reporter: dict) -> list[dict]:
    """The rows of the signal page's history, oldest first."""
    names = Names.for_events(events)
    hide_reporter = reporter.get("hidden") or reporter.get("anonymous")
    rows = []
    for event in events:
        actor = event.actor
        if actor is None:
            who = ""
        elif event.actor_id == signal.reporter_id and (
            hide_reporter or event.kind in {EventKind.REPLY, EventKind.FEEDBACK}
        ):
            who = _("The resident") if hide_reporter else (actor.full_name or _("The resident"))
        else:
            who = actor.full_name or actor.email
        rows.append(
            {
                "event": event,
                "who": who,
                "sentence": sentence(event, who, names),
                "internal": not event.public,
                "text_label": _("Reason") if event.kind == EventKind.HANDOVER else "",
            }
        )
    return rows

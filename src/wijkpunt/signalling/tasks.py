"""Background work for signals: telling the resident, alerting on urgent signals.

Each task may run more than once: a worker that dies or loses its database in the middle of a
task leaves it to be run again (see ``wijkpunt.core.taskqueue``). Every e-mail therefore goes
out through ``send_templated_mail(once=…)`` with a key that names what it is about (this
report's acknowledgement, this history event, this run of the urgent alert) and who receives
it, so a second run sends nothing that the first one sent."""

from __future__ import annotations

from django.conf import settings
from django_tasks import TaskContext, task

from wijkpunt.core.mail import send_templated_mail
from wijkpunt.signalling import links, workflow
from wijkpunt.signalling.models import EventKind, Signal, SignalEvent


def _recipients(signal: Signal) -> list[tuple[str, str, Signal]]:
    """(e-mail, language, their own report) of the reporter and of everyone whose report was
    merged into this one."""
    people = [signal, *Signal.objects.filter(merged_into=signal).select_related("reporter")]
    seen, result = set(), []
    for s in people:
        email = s.contact_email()
        if email and email.lower() not in seen:
            seen.add(email.lower())
            result.append((email, s.contact_language(), s))
    return result


def _send(
    signal: Signal,
    template: str,
    context: dict,
    recipients: list[tuple[str, str, Signal]],
    *,
    once: str,
) -> int:
    """Each recipient reads about their own report: its reference, their own words and its
    link. Someone whose report was merged into this one gets the news about it, never the
    other resident's words or the messages written to them (``merged``). ``once`` names the
    mail; each recipient gets it once."""
    sent = 0
    for email, language, own in recipients:
        sent += send_templated_mail(
            template,
            {
                "site_url": settings.SITE_URL,
                "status_text": workflow.PUBLIC_STATUS_TEXT.get(signal.status, ""),
                **context,
                "signal": own,
                "merged": own.pk != signal.pk,
                # Without an account: a signed link to follow their own report.
                "follow_url": links.follow_url(own),
            },
            email,
            language,
            once=f"{once}:{email.lower()}",
        )
    return sent


@task()
def acknowledge_signal(signal_id: int) -> int:
    """Tell the reporter we received it, with the reference to quote."""
    signal = Signal.objects.select_related("reporter").get(pk=signal_id)
    recipients = _recipients(signal)[:1]
    sent = _send(
        signal,
        "signalling/email/received.txt",
        {},
        recipients,
        once=f"signal:{signal.pk}:received",
    )
    if sent:
        SignalEvent.objects.create(
            signal=signal, kind=EventKind.NOTIFIED, data={"mail": "received"}
        )
    return sent


@task()
def notify_resident(signal_id: int, event_id: int) -> int:
    """A public status change or a message: tell the resident in their language."""
    signal = Signal.objects.select_related("reporter").get(pk=signal_id)
    event = SignalEvent.objects.get(pk=event_id, signal=signal)
    if not event.public:
        return 0
    recipients = _recipients(signal)
    if event.kind != EventKind.STATUS:
        # A message or an answer is about this report's own conversation.
        recipients = recipients[:1] if recipients and recipients[0][2].pk == signal.pk else []
    sent = _send(
        signal,
        "signalling/email/update.txt",
        {"event": event},
        recipients,
        once=f"signal:{signal.pk}:event:{event.pk}",
    )
    if sent:
        SignalEvent.objects.create(
            signal=signal, kind=EventKind.NOTIFIED, data={"mail": "update", "event": event.pk}
        )
    return sent


@task(takes_context=True)
def alert_urgent_signal(context: TaskContext, signal_id: int) -> int:
    """An urgent signal alerts the people who handle it at once, each in their language: the
    person or team it is given to, else the staff of the owning organisation covering the
    estate whose role may see the category, else (no owner yet: the triage desk) the
    coordinators working in the estate. The alert is sent again when the signal is handed
    over, so each *run* (not each signal) alerts each person once."""
    from wijkpunt.signalling.reminders import StaffDirectory, unique_recipients

    signal = (
        Signal.objects.select_related("owner_user", "owner_team", "category", "estate", "building")
        .prefetch_related("category__visible_to_organisations")
        .get(pk=signal_id)
    )
    recipients = unique_recipients(StaffDirectory().owners(signal))
    sent = 0
    for email, language in recipients:
        sent += send_templated_mail(
            "signalling/email/urgent.txt",
            {"signal": signal, "site_url": settings.SITE_URL},
            email,
            language,
            once=f"task:{context.task_result.id}:urgent:{email.lower()}",
        )
    return sent


@task()
def notify_staff_of_reply(signal_id: int, event_id: int) -> int:
    """A resident replied: the person handling the report hears about it (else its team, else
    the staff of the organisation who may see it), each in their language. ``signal_id`` is
    the report that is handled (the one a merged report went into)."""
    from wijkpunt.signalling.reminders import StaffDirectory, unique_recipients

    signal = (
        Signal.objects.select_related("owner_user", "owner_team", "category", "estate", "building")
        .prefetch_related("category__visible_to_organisations")
        .get(pk=signal_id)
    )
    reply = SignalEvent.objects.select_related("signal").get(pk=event_id)
    if reply.signal_id != signal.pk and reply.signal.merged_into_id is None:
        return 0
    sent = 0
    for email, language in unique_recipients(StaffDirectory().owners(signal)):
        sent += send_templated_mail(
            "signalling/email/reply.txt",
            {"signal": signal, "reply": reply, "site_url": settings.SITE_URL},
            email,
            language,
            once=f"signal:{signal.pk}:reply:{reply.pk}:{email.lower()}",
        )
    return sent

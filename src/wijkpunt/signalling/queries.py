"""Reads about signals that more than one screen needs: what a resident may read of a report,
and whether a reporter is asked "is it solved?"."""

from __future__ import annotations

from django.db.models import QuerySet

from wijkpunt.signalling.models import EventKind, Feedback, Signal, SignalEvent, SignalStatus

# Events a resident writes. One resident's words are shown only on their own report.
RESIDENT_WORDS = frozenset({EventKind.REPLY, EventKind.FEEDBACK, EventKind.DANGER})


def handled_as(signal: Signal) -> Signal:
    """The signal this report is handled as: itself, or the one it was merged into (followed
    to the end when that one was merged in turn)."""
    seen = {signal.pk}
    while signal.merged_into_id is not None and signal.merged_into_id not in seen:
        seen.add(signal.merged_into_id)
        signal = Signal.objects.select_related("category").get(pk=signal.merged_into_id)
    return signal


def shown_to_resident(event: SignalEvent, signal: Signal) -> bool:
    """Whether the reporter of ``signal`` may read ``event`` of it: public, and when a
    resident wrote it, written for this report by this reporter (what reporter B of a merged
    report writes is never shown to reporter A)."""
    if not event.public:
        return False
    if event.kind not in RESIDENT_WORDS:
        return True
    data = event.data or {}
    if "from_signal" in data:
        return data["from_signal"] == signal.pk
    # Written before reports said whose they are: only the reporter's own account's words.
    return event.actor_id is None or event.actor_id == signal.reporter_id


def resident_events(signal: Signal) -> list[SignalEvent]:
    """The history of a report as its reporter reads it (portal, API, e-mail links): the one
    place that decides it."""
    events: QuerySet[SignalEvent] = signal.events.filter(public=True).order_by("at", "id")
    return [e for e in events if shown_to_resident(e, signal)]


def feedback_pending(own: Signal) -> bool:
    """Is the reporter of ``own`` asked "is it solved?" now? Once the report they are handled
    with is resolved (or closed), until they answered — once per reporter, also when several
    reports were merged into one."""
    kept = handled_as(own)
    if kept.status not in {SignalStatus.RESOLVED, SignalStatus.CLOSED}:
        return False
    since = kept.resolved_at or kept.created_at
    answered = Feedback.objects.filter(reporter_signal=own, created_at__gte=since)
    if own.reporter_id:
        # Answers from before reports said whose they are.
        answered = answered | Feedback.objects.filter(
            reporter_signal__isnull=True, signal=kept, by_id=own.reporter_id, created_at__gte=since
        )
    return not answered.exists()

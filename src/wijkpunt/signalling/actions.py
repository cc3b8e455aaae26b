"""Every write on a signal. Views, the API, Open311, the CLI and tasks call these functions."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db import DatabaseBackend

from wijkpunt.households import timeline as household_timeline
from wijkpunt.housing.access import TenantPlace, tenant_place
from wijkpunt.housing.models import Building, CommonSpace, Dwelling, Estate
from wijkpunt.signalling import config, deadlines, routing, workflow
from wijkpunt.signalling.models import (
    Category,
    Channel,
    DangerAnswer,
    EventKind,
    Feedback,
    FeedbackChannel,
    Signal,
    SignalEvent,
    SignalStatus,
    Where,
)
from wijkpunt.signalling.queries import feedback_pending, handled_as
from wijkpunt.triage.defaults import ASK_DANGER_ABOVE

logger = logging.getLogger(__name__)
MAX_TEXT = 5000


@dataclass(frozen=True)
class Intake:
    """The result of an intake: the signal, and whether this call created it (False when an
    idempotency key matched an earlier submission)."""

    signal: Signal
    created: bool


def _event(signal: Signal, kind: str, *, actor=None, public=False, text="", **data) -> SignalEvent:
    return SignalEvent.objects.create(
        signal=signal,
        kind=kind,
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        public=public,
        text=text,
        from_status=data.pop("from_status", ""),
        to_status=data.pop("to_status", ""),
        data=data,
    )


def _locate(
    signal: Signal,
    *,
    place: TenantPlace | None,
    dwelling: Dwelling | None,
    building: Building | None,
    common_space: CommonSpace | None,
    estate: Estate | None,
) -> None:
    """Fill in dwelling → building → estate from what is known: what the caller named, else
    the reporter's own home (``place``, ids only: no extra query)."""
    dwelling_id = dwelling.pk if dwelling is not None else None
    building_id = building.pk if building is not None else None
    estate_id = estate.pk if estate is not None else None
    if common_space is not None:
        building_id = building_id or common_space.building_id
        estate_id = estate_id or common_space.estate_id
    if dwelling is not None:
        building_id = building_id or dwelling.building_id
    elif signal.where == Where.DWELLING and place is not None and place.dwelling_id:
        dwelling_id = place.dwelling_id
        building_id = building_id or place.building_id
        if estate_id is None and building_id == place.building_id:
            estate_id = place.estate_id
    if estate_id is None and building is not None:
        estate_id = building.estate_id
    if estate_id is None and building_id is not None:
        estate_id = Building.objects.values_list("estate_id", flat=True).get(pk=building_id)
    signal.dwelling_id, signal.building_id = dwelling_id, building_id
    signal.common_space_id = common_space.pk if common_space is not None else None
    signal.estate_id = estate_id
    # Keep the objects the caller gave, so that nothing is fetched again afterwards.
    for name, given in (
        ("dwelling", dwelling),
        ("building", building),
        ("common_space", common_space),
        ("estate", estate),
    ):
        if given is not None and given.pk == getattr(signal, f"{name}_id"):
            setattr(signal, name, given)


def _suggest(signal: Signal) -> None:
    """Ask the triage engine; humans confirm later. A failing engine never blocks intake: the
    signal goes to the triage desk and, where someone can answer, the reporter is asked
    whether someone is in danger."""
    from wijkpunt.triage.service import suggest

    try:
        suggestion = suggest(signal.text, signal.language)
    except Exception:
        logger.exception("Triage suggestion failed; the signal goes to the triage desk")
        signal.needs_triage = True
        signal.danger_answer = DangerAnswer.PENDING
        return
    signal.suggested_category = config.get().categories_by_slug.get(suggestion.category)
    signal.suggested_urgent = bool(suggestion.urgent)
    signal.suggestion_confidence = float(suggestion.confidence)
    signal.suggested_urgent_confidence = float(suggestion.urgent_confidence)
    signal.suggested_owner = suggestion.owner or ""
    # The words that drove it, for the person who confirms (kept in the "created" event).
    signal._suggestion_explanation = [str(term) for term in suggestion.explanation or []]
    signal.needs_triage = bool(suggestion.needs_human) or signal.suggested_category is None
    if not signal.suggested_urgent and suggestion.urgent_confidence >= ASK_DANGER_ABOVE:
        signal.danger_answer = DangerAnswer.PENDING


# Channels where someone is there to answer "Is someone in danger right now?" at intake: the
# resident on the portal or the public form, or the worker registering it for them.
ASKS_DANGER = frozenset(
    {
        Channel.PORTAL,
        Channel.QR,
        Channel.PHONE,
        Channel.HOME_VISIT,
        Channel.COUNTER,
        Channel.EMAIL,
        Channel.STAFF,
    }
)


def create_signal(
    *,
    text: str,
    channel: str,
    reporter=None,
    registered_by=None,
    household=None,
    category: Category | None = None,
    reported_urgent: bool = False,
    where: str = Where.DWELLING,
    dwelling: Dwelling | None = None,
    building: Building | None = None,
    common_space: CommonSpace | None = None,
    estate: Estate | None = None,
    location_text: str = "",
    latitude=None,
    longitude=None,
    reporter_name: str = "",
    reporter_email: str = "",
    reporter_phone: str = "",
    anonymous: bool = False,
    for_neighbour: bool = False,
    language: str = "nl-be",
    idempotency_key: str | None = None,
) -> Intake:
    """Take in a signal from any channel: triage suggestion, routing, deadlines, history, and
    the acknowledgement to the reporter (and an immediate alert when urgent) queued on commit.

    With an ``idempotency_key``, a retried submission returns the first signal instead of
    creating a second one."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Please describe what is going on.")})
    if len(text) > MAX_TEXT:
        raise ValidationError(
            {"text": _("Please keep it shorter than %(max)s characters.") % {"max": MAX_TEXT}}
        )
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Unknown channel.")})
    if anonymous:
        reporter_name = reporter_email = reporter_phone = ""

    signal = Signal(
        text=text,
        channel=channel,
        reporter=reporter if reporter is not None and reporter.is_authenticated else None,
        registered_by=registered_by,
        reported_urgent=reported_urgent,
        where=where,
        location_text=location_text[:250],
        latitude=latitude,
        longitude=longitude,
        reporter_name=reporter_name[:200],
        reporter_email=reporter_email,
        reporter_phone=reporter_phone[:40],
        anonymous=anonymous,
        for_neighbour=for_neighbour,
        language=language,
        idempotency_key=idempotency_key or None,
        created_at=timezone.now(),
    )
    # The reporter's own household and home: one query, shared with the API's checks.
    place = tenant_place(signal.reporter) if signal.reporter is not None else None
    if anonymous:
        signal.household = None
    elif household is not None:
        signal.household = household
    elif place is not None and not for_neighbour:
        signal.household_id = place.household_id
    _locate(
        signal,
        place=place,
        dwelling=dwelling,
        building=building,
        common_space=common_space,
        estate=estate,
    )
    _suggest(signal)
    signal.category = category or (None if signal.needs_triage else signal.suggested_category)
    # The resident (or the worker for them) chose it; a suggestion waits for a person.
    signal.category_confirmed = category is not None
    # Missing an urgent signal is the worst error: the reporter's word or the suggestion is
    # enough to put it on top; a person can lower it.
    signal.urgent = bool(reported_urgent or signal.suggested_urgent)
    if reported_urgent or channel not in ASKS_DANGER:
        signal.danger_answer = DangerAnswer.NOT_ASKED
    _route(signal)
    deadlines.apply_deadlines(signal, start=signal.created_at)

    try:
        with transaction.atomic():
            signal.save()
            _event(
                signal,
                EventKind.CREATED,
                actor=registered_by or signal.reporter,
                public=True,
                channel=channel,
                suggestion={
                    "category": signal.suggested_category.slug
                    if signal.suggested_category
                    else None,
                    "urgent": signal.suggested_urgent,
                    "confidence": round(signal.suggestion_confidence, 3),
                    "owner": signal.suggested_owner,
                    "urgent_confidence": round(signal.suggested_urgent_confidence, 3),
                    "explanation": getattr(signal, "_suggestion_explanation", []),
                },
                reported_urgent=reported_urgent,
                asks_danger=signal.danger_answer == DangerAnswer.PENDING,
            )
            household_timeline.add_signal(signal, new=True)
            _queue_notification(signal.pk, created=True, urgent=signal.urgent)
    except IntegrityError:
        if idempotency_key:
            existing = Signal.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return Intake(existing, created=False)
        raise
    return Intake(signal, created=True)


def _route(signal: Signal) -> None:
    found = routing.route(signal)
    if found is None:
        signal.owner_organisation = signal.owner_team = signal.owner_user = None
        return
    signal.owner_organisation = found.organisation
    signal.owner_team = found.team
    signal.owner_user = found.person


def _queue_notification(
    signal_id: int,
    *,
    event_id: int | None = None,
    created=False,
    urgent=False,
    reply_id: int | None = None,
):
    """Queue the acknowledgement, the urgent alert or the resident's notification.

    With the database task backend (production) the task rows are written inside the
    caller's transaction, so they commit together with the signal: an acknowledged signal
    always has its notification queued, even if the process dies right after the commit.
    Other backends (the immediate one in development and tests) run after the commit."""
    from wijkpunt.signalling import tasks

    def enqueue() -> None:
        if created:
            tasks.acknowledge_signal.enqueue(signal_id)
        if urgent:
            tasks.alert_urgent_signal.enqueue(signal_id)
        if event_id is not None:
            tasks.notify_resident.enqueue(signal_id, event_id)
        if reply_id is not None:
            tasks.notify_staff_of_reply.enqueue(signal_id, reply_id)

    in_transaction = isinstance(tasks.acknowledge_signal.get_backend(), DatabaseBackend)
    if in_transaction and transaction.get_connection().in_atomic_block:
        enqueue()
        return

    def enqueue_after_commit() -> None:
        try:
            enqueue()
        except Exception:  # the signal is saved; a lost notification must not undo it
            logger.exception("Could not queue the notification for signal %s", signal_id)

    transaction.on_commit(enqueue_after_commit)


def _locked(signal: Signal) -> Signal:
    return Signal.objects.select_for_update().get(pk=signal.pk)


def _set_status(signal: Signal, status: str, *, at=None) -> str:
    """The one way a signal's status changes (not saved): checked against the transition
    table, with the deadline clock, the first answer and the resolved/closed times kept in
    step. Returns the previous status."""
    workflow.check_transition(signal.status, status)
    previous = signal.status
    now = at or timezone.now()
    if previous in workflow.PAUSED_STATUSES:
        deadlines.resume(signal, at=now)
    if status in workflow.PAUSED_STATUSES:
        deadlines.pause(signal, at=now)
    if signal.first_response_at is None and status not in {
        SignalStatus.NEW,
        SignalStatus.TRIAGED,
        SignalStatus.MERGED,
    }:
        signal.first_response_at = now
    if status == SignalStatus.RESOLVED:
        signal.resolved_at = now
    elif status == SignalStatus.CLOSED:
        signal.closed_at = now
    elif status == SignalStatus.REOPENED:
        signal.resolved_at = signal.closed_at = None
        _restart_deadlines(signal, start=now)
    signal.status = status
    return previous


def _deadlines_started(signal: Signal):
    """When the signal's current deadlines started counting: its latest reopening, else its
    arrival."""
    reopened = (
        signal.events.filter(kind=EventKind.STATUS, to_status=SignalStatus.REOPENED)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    return reopened or signal.created_at


def _restart_deadlines(signal: Signal, *, start) -> None:
    """Deadlines from *start* (not saved). A resolution deadline that moves gets its reminder
    and its escalation again."""
    before = signal.resolution_due
    deadlines.apply_deadlines(signal, start=start)
    if signal.resolution_due != before:
        signal.resolution_reminded_at = signal.escalated_at = None


@transaction.atomic
def triage_signal(*, signal: Signal, user, category: Category, urgent: bool) -> Signal:
    """A person confirms or corrects the category and urgency; corrections teach the model."""
    signal = _locked(signal)
    before = (signal.category_id, signal.urgent)
    signal.category, signal.urgent, signal.needs_triage = category, urgent, False
    signal.category_confirmed = True
    changed = before != (signal.category_id, signal.urgent)
    suggestion_differs = (
        signal.suggested_category_id != category.pk or signal.suggested_urgent != urgent
    )
    if signal.status == SignalStatus.NEW:
        previous = _set_status(signal, SignalStatus.TRIAGED)
    else:
        previous = signal.status
    if changed or signal.owner_organisation_id is None:
        _route(signal)
    if changed:
        _restart_deadlines(signal, start=_deadlines_started(signal))
    signal.save()
    household_timeline.add_signal(signal)
    _event(
        signal,
        EventKind.TRIAGED,
        actor=user,
        from_status=previous,
        to_status=signal.status,
        category=category.slug,
        urgent=urgent,
        corrected=suggestion_differs,
    )
    if suggestion_differs:
        from wijkpunt.triage.actions import record_correction

        record_correction(text=signal.text, category=category.slug, urgent=urgent, user=user)
    if urgent and not before[1]:
        # Only the alert: the resident already had the acknowledgement.
        _queue_notification(signal.pk, urgent=True)
    return signal


@transaction.atomic
def change_status(*, signal: Signal, user, status: str, message: str = "") -> Signal:
    """Move a signal through the workflow. The resident hears about public status changes,
    with the optional message in plain words: a status change and its message are one event
    and one e-mail."""
    if status == SignalStatus.MERGED:
        # A merged signal needs the signal it is merged into: that is merge(), not a status.
        raise ValidationError(_("To merge a signal, say which signal it is merged into."))
    signal = _locked(signal)
    previous = _set_status(signal, status)
    signal.save()
    public = status in workflow.PUBLIC_STATUSES
    event = _event(
        signal,
        EventKind.STATUS,
        actor=user,
        public=public,
        text=message.strip(),
        from_status=previous,
        to_status=status,
    )
    if public:
        _queue_notification(signal.pk, event_id=event.pk)
    return signal


@transaction.atomic
def assign(
    *,
    signal: Signal,
    user,
    organisation=None,
    team=None,
    person=None,
    note: str = "",
    basis: str = "",
    consent=None,
    legal_ground: str = "",
    basis_note: str = "",
    share_dwelling: bool = False,
):
    """Give the signal to a team or person; to another organisation it is a hand-over.

    The rules hold for every caller (web, API, bulk): a signal without an organisation needs
    one, team and person belong to that organisation, and a hand-over says why (``note``).
    The hand-over of a household's signal is a referral (``households.actions``): it rests on
    the resident's consent or a legal basis (``basis``…), and the receiving organisation sees
    the exact dwelling only when ``share_dwelling``."""
    signal = _locked(signal)
    organisation = organisation or (team.organisation if team else signal.owner_organisation)
    if organisation is None:
        raise ValidationError(
            {"organisation": _("This signal has no organisation yet: choose one.")}
        )
    if team is not None and team.organisation_id != organisation.pk:
        raise ValidationError({"team": _("This team belongs to another organisation.")})
    if (
        person is not None
        and not person.staff_roles.filter(organisation=organisation, active=True).exists()
    ):
        raise ValidationError({"person": _("This person does not work for that organisation.")})
    handover = (
        signal.owner_organisation_id is not None and organisation.pk != signal.owner_organisation_id
    )
    if handover and not (note or "").strip():
        raise ValidationError(
            {"note": _("You are handing this over to another organisation: say briefly why.")}
        )
    previous_org = signal.owner_organisation
    referral = None
    if handover and signal.household_id is not None:
        from wijkpunt.households.actions import refer_with_handover

        referral = refer_with_handover(
            signal=signal,
            user=user,
            to_organisation=organisation,
            note=note.strip(),
            basis=basis,
            consent=consent,
            legal_ground=legal_ground,
            basis_note=basis_note,
            share_dwelling=share_dwelling,
        )
    signal.owner_organisation, signal.owner_team, signal.owner_user = organisation, team, person
    previous = signal.status
    if signal.status in {SignalStatus.NEW, SignalStatus.TRIAGED, SignalStatus.REOPENED}:
        _set_status(signal, SignalStatus.ASSIGNED)
    signal.needs_triage = False
    signal.save()
    household_timeline.add_signal(signal)
    _event(
        signal,
        EventKind.HANDOVER if handover else EventKind.ASSIGNED,
        actor=user,
        text=note.strip(),
        from_status=previous,
        to_status=signal.status,
        organisation=organisation.pk,
        organisation_name=str(organisation),
        previous_organisation=str(previous_org) if previous_org else "",
        team=team.pk if team else None,
        person=person.pk if person else None,
        referral=referral.pk if referral else None,
    )
    if previous != signal.status:
        event = _event(
            signal,
            EventKind.STATUS,
            actor=user,
            public=True,
            from_status=previous,
            to_status=signal.status,
        )
        _queue_notification(signal.pk, event_id=event.pk)
    if handover and signal.urgent:
        # The partner that takes over an urgent signal hears about it at once.
        _queue_notification(signal.pk, urgent=True)
    return signal


@transaction.atomic
def add_note(*, signal: Signal, user, text: str) -> SignalEvent:
    """An internal note: staff of the writing organisation only, never shown to the resident
    nor to the organisation the signal is handed over to."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("The note is empty.")})
    return _event(
        signal,
        EventKind.NOTE,
        actor=user,
        text=text[:MAX_TEXT],
        organisation=_organisation_of_author(user, signal),
    )


def _organisation_of_author(user, signal: Signal) -> int | None:
    """The organisation an internal note belongs to: the one handling the signal if the author
    works there, else the author's first organisation. Its notes stay with it after a
    hand-over (``access.visible_events``)."""
    from wijkpunt.partners import access as partners

    orgs = [r.organisation_id for r in partners.active_roles(user)]
    if signal.owner_organisation_id in orgs:
        return signal.owner_organisation_id
    return orgs[0] if orgs else None


@transaction.atomic
def send_message(*, signal: Signal, user, text: str) -> SignalEvent:
    """A message to the resident: shown in the portal and e-mailed."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("The message is empty.")})
    signal = _locked(signal)
    if signal.first_response_at is None:
        signal.first_response_at = timezone.now()
        signal.save(update_fields=["first_response_at", "updated_at"])
    event = _event(signal, EventKind.MESSAGE, actor=user, public=True, text=text[:MAX_TEXT])
    _queue_notification(signal.pk, event_id=event.pk)
    return event


@transaction.atomic
def resident_reply(*, signal: Signal, user, text: str) -> SignalEvent:
    """The resident answers on their own report; a signal waiting for them starts moving
    again, and the staff handling it (the person, else the team) get an e-mail."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Your message is empty.")})
    signal = _locked(signal)
    event = _event(
        signal,
        EventKind.REPLY,
        actor=user,
        public=True,
        text=text[:MAX_TEXT],
        from_signal=signal.pk,
    )
    if signal.status == SignalStatus.WAITING_RESIDENT:
        previous = _set_status(signal, SignalStatus.IN_PROGRESS)
        signal.save()
        _event(
            signal,
            EventKind.STATUS,
            actor=user,
            public=False,
            from_status=previous,
            to_status=signal.status,
        )
    _queue_notification(handled_as(signal).pk, reply_id=event.pk)
    return event


@transaction.atomic
def merge(*, duplicate: Signal, into: Signal, user) -> Signal:
    """Handle two reports of the same problem as one job. The duplicate's reporter keeps
    hearing back: status messages of the kept signal go to every merged reporter."""
    if duplicate.pk == into.pk:
        raise ValidationError(_("A signal cannot be merged with itself."))
    duplicate, into = _locked(duplicate), _locked(into)
    if into.status == SignalStatus.MERGED:
        raise ValidationError(_("Merge into the signal that is kept, not into a merged one."))
    duplicate.merged_into = into
    previous = _set_status(duplicate, SignalStatus.MERGED)
    if not into.urgent and duplicate.urgent:
        into.urgent = True
        into.save(update_fields=["urgent", "updated_at"])
    duplicate.save()
    event = _event(
        duplicate,
        EventKind.MERGED,
        actor=user,
        public=True,
        from_status=previous,
        to_status=SignalStatus.MERGED,
        into=into.pk,
    )
    _event(into, EventKind.MERGED, actor=user, merged=duplicate.pk)
    _queue_notification(duplicate.pk, event_id=event.pk)
    return into


@transaction.atomic
def give_feedback(
    *,
    signal: Signal,
    user,
    solved: bool,
    comment: str = "",
    channel: str = FeedbackChannel.PORTAL,
) -> Feedback:
    """A reporter answers "is it solved?" about their own report (``signal``), once per
    resolution. "Not solved" reopens the report it is handled with (itself, or the one it was
    merged into); "solved" closes it. The answer and its words stay on the reporter's own
    report: another reporter of a merged report never reads them. ``channel`` says how it
    reached us; by phone, ``user`` is the member of staff who recorded it."""
    own = _locked(signal)
    kept = handled_as(own)
    if kept.pk != own.pk:
        kept = _locked(kept)
    if kept.status not in {SignalStatus.RESOLVED, SignalStatus.CLOSED}:
        raise ValidationError(_("You can only answer this once the report is resolved."))
    if not feedback_pending(own):
        raise ValidationError(_("You have already answered this question. Thank you."))
    comment = (comment or "").strip()[:2000]
    by_resident = channel != FeedbackChannel.PHONE
    feedback = Feedback.objects.create(
        signal=kept,
        reporter_signal=own,
        solved=solved,
        comment=comment,
        by=user if by_resident and user is not None and user.is_authenticated else None,
        recorded_by=None if by_resident else user,
        channel=channel,
    )
    details = {"solved": solved, "from_signal": own.pk, "channel": channel}
    if not by_resident:
        details["recorded_by"] = user.full_name if user is not None else ""
    _event(own, EventKind.FEEDBACK, actor=user, public=True, text=comment, **details)
    if kept.pk != own.pk:
        # Staff of the shared job read it there; the other reporter does not (not public).
        _event(kept, EventKind.FEEDBACK, actor=user, public=False, text=comment, **details)
    if not solved:
        change_status(signal=kept, user=user, status=SignalStatus.REOPENED)
    elif kept.status == SignalStatus.RESOLVED:
        change_status(signal=kept, user=user, status=SignalStatus.CLOSED)
    return feedback


@transaction.atomic
def answer_danger_question(*, signal: Signal, in_danger: bool, user=None) -> Signal:
    """The answer to "Is someone in danger right now?", asked once at intake when the text
    may be urgent. "Yes" makes the report urgent as the reporter's own statement (and alerts
    the people handling it); "no" is recorded too. ``user`` is the reporter, or the worker
    who asked them."""
    signal = _locked(signal)
    if signal.danger_answer != DangerAnswer.PENDING:
        raise ValidationError(_("This question has already been answered."))
    signal.danger_answer = DangerAnswer.YES if in_danger else DangerAnswer.NO
    became_urgent = in_danger and not signal.urgent
    if in_danger:
        signal.reported_urgent = signal.urgent = True
        if became_urgent:
            _route(signal)
            _restart_deadlines(signal, start=signal.created_at)
    signal.save()
    by_reporter = user is None or not user.is_authenticated or user.pk == signal.reporter_id
    _event(
        signal,
        EventKind.DANGER,
        actor=user,
        public=True,
        text="",
        in_danger=in_danger,
        answered_by="reporter" if by_reporter else "staff",
        from_signal=signal.pk,
    )
    if became_urgent:
        _queue_notification(signal.pk, urgent=True)
    return signal

"""Every write on a signal. Views, the API, Open311, the CLI and tasks call these functions."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db import DatabaseBackend

from wijkpunt.housing.access import TenantPlace, tenant_place
from wijkpunt.housing.models import Building, CommonSpace, Dwelling, Estate
from wijkpunt.signalling import config, deadlines, routing, workflow
from wijkpunt.signalling.models import (
    Category,
    Channel,
    EventKind,
    Feedback,
    Signal,
    SignalEvent,
    SignalStatus,
    Where,
)

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
    """Ask the triage engine; humans confirm later. A failing engine never blocks intake."""
    try:
        from wijkpunt.triage.service import suggest
    except ImportError:  # pragma: no cover - triage is an installed app
        signal.needs_triage = True
        return
    try:
        suggestion = suggest(signal.text, signal.language)
    except Exception:
        logger.exception("Triage suggestion failed; the signal goes to the triage desk")
        signal.needs_triage = True
        return
    signal.suggested_category = config.get().categories_by_slug.get(suggestion.category)
    signal.suggested_urgent = bool(suggestion.urgent)
    signal.suggestion_confidence = float(suggestion.confidence)
    signal.suggested_owner = suggestion.owner or ""
    # The words that drove it, for the person who confirms (kept in the "created" event).
    signal._suggestion_explanation = [str(term) for term in suggestion.explanation or []]
    signal.needs_triage = bool(suggestion.needs_human) or signal.suggested_category is None


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
    # Missing an urgent signal is the worst error: the reporter's word or the suggestion is
    # enough to put it on top; a person can lower it.
    signal.urgent = bool(reported_urgent or signal.suggested_urgent)
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
                    "explanation": getattr(signal, "_suggestion_explanation", []),
                },
            )
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
    signal_id: int, *, event_id: int | None = None, created=False, urgent=False
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
    changed = before != (signal.category_id, signal.urgent)
    suggestion_differs = (
        signal.suggested_category_id != category.pk or signal.suggested_urgent != urgent
    )
    if signal.status == SignalStatus.NEW:
        workflow.check_transition(signal.status, SignalStatus.TRIAGED)
        previous, signal.status = signal.status, SignalStatus.TRIAGED
    else:
        previous = signal.status
    if changed or signal.owner_organisation_id is None:
        _route(signal)
    if changed:
        _restart_deadlines(signal, start=_deadlines_started(signal))
    signal.save()
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
        try:
            from wijkpunt.triage.actions import record_correction

            record_correction(text=signal.text, category=category.slug, urgent=urgent, user=user)
        except ImportError:  # pragma: no cover
            pass
    if urgent and not before[1]:
        # Only the alert: the resident already had the acknowledgement.
        _queue_notification(signal.pk, urgent=True)
    return signal


@transaction.atomic
def change_status(*, signal: Signal, user, status: str, message: str = "") -> Signal:
    """Move a signal through the workflow. The resident hears about public status changes,
    with the optional message in plain words."""
    signal = _locked(signal)
    workflow.check_transition(signal.status, status)
    previous = signal.status
    now = timezone.now()
    if previous in workflow.PAUSED_STATUSES:
        deadlines.resume(signal, at=now)
    if status in workflow.PAUSED_STATUSES:
        deadlines.pause(signal, at=now)
    if signal.first_response_at is None and status not in {SignalStatus.NEW, SignalStatus.TRIAGED}:
        signal.first_response_at = now
    if status == SignalStatus.RESOLVED:
        signal.resolved_at = now
    elif status == SignalStatus.CLOSED:
        signal.closed_at = now
    elif status == SignalStatus.REOPENED:
        signal.resolved_at = signal.closed_at = None
        _restart_deadlines(signal, start=now)
    signal.status = status
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
def assign(*, signal: Signal, user, organisation=None, team=None, person=None, note: str = ""):
    """Give the signal to a team or person; to another organisation it is a hand-over.

    The rules hold for every caller (web, API, bulk): a signal without an organisation needs
    one, team and person belong to that organisation, and a hand-over says why (``note``)."""
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
    signal.owner_organisation, signal.owner_team, signal.owner_user = organisation, team, person
    previous = signal.status
    if signal.status in {SignalStatus.NEW, SignalStatus.TRIAGED, SignalStatus.REOPENED}:
        signal.status = SignalStatus.ASSIGNED
    signal.needs_triage = False
    signal.save()
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
    """An internal note: staff only, never shown to the resident."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("The note is empty.")})
    return _event(signal, EventKind.NOTE, actor=user, text=text[:MAX_TEXT])


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
    """The resident answers; a signal waiting for them starts moving again."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Your message is empty.")})
    signal = _locked(signal)
    event = _event(signal, EventKind.REPLY, actor=user, public=True, text=text[:MAX_TEXT])
    if signal.status == SignalStatus.WAITING_RESIDENT:
        deadlines.resume(signal)
        previous, signal.status = signal.status, SignalStatus.IN_PROGRESS
        signal.save()
        _event(
            signal,
            EventKind.STATUS,
            actor=user,
            public=False,
            from_status=previous,
            to_status=signal.status,
        )
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
    workflow.check_transition(duplicate.status, SignalStatus.MERGED)
    previous = duplicate.status
    duplicate.status, duplicate.merged_into = SignalStatus.MERGED, into
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
def give_feedback(*, signal: Signal, user, solved: bool, comment: str = "") -> Feedback:
    """The resident answers the satisfaction question. "Not solved" reopens the signal."""
    signal = _locked(signal)
    if signal.status not in {SignalStatus.RESOLVED, SignalStatus.CLOSED}:
        raise ValidationError(_("You can only answer this once the report is resolved."))
    feedback = Feedback.objects.create(
        signal=signal, solved=solved, comment=comment.strip(), by=user
    )
    _event(signal, EventKind.FEEDBACK, actor=user, public=True, text=comment.strip(), solved=solved)
    if not solved:
        change_status(signal=signal, user=user, status=SignalStatus.REOPENED)
    elif signal.status == SignalStatus.RESOLVED:
        change_status(signal=signal, user=user, status=SignalStatus.CLOSED)
    return feedback

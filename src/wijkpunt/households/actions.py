"""Every write to a household's file: contacts and appointments, corrections, reasons to open
a file (client relationship, break the glass), consents and their withdrawal. Views, the
portal, the demo and other capabilities (signals, referrals, case meetings through
``timeline.add``) call these; nothing writes the file another way."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkpunt.audit.actions import AuditAction, record, record_read
from wijkpunt.households import access, timeline
from wijkpunt.households.models import (
    Consent,
    ConsentDecision,
    ConsentMethod,
    ConsentPurpose,
    ContactMode,
    EntryKind,
    FileReason,
    ReasonKind,
    Sensitivity,
    TimelineEntry,
)
from wijkpunt.housing.models import Household, Resident
from wijkpunt.partners import access as partners
from wijkpunt.partners.models import Organisation

MAX_NOTE = 5000
MIN_REASON = 10
CLIENT_DAYS = 365


def _organisation_of(user, organisation: Organisation | None) -> Organisation:
    """The organisation the user acts for: the one given (if they work there), or their only
    one."""
    orgs = {r.organisation_id: r.organisation for r in partners.active_roles(user)}
    if organisation is not None:
        if organisation.pk not in orgs:
            raise PermissionDenied(_("You do not work for this organisation."))
        return organisation
    if len(orgs) != 1:
        raise ValidationError({"organisation": _("Say for which organisation you record this.")})
    return next(iter(orgs.values()))


def _require_file(user, household: Household) -> None:
    if not access.file_reasons(user, household):
        raise PermissionDenied(_("You have no reason on record to open this household's file."))


def _sensitivity(user, organisation: Organisation, sensitivity: str) -> str:
    allowed = access.writable_sensitivities(user).get(organisation.pk, [])
    if sensitivity not in allowed:
        raise ValidationError(
            {"sensitivity": _("You cannot record an entry with this sensitivity.")}
        )
    return sensitivity


def _text(value: str, field: str, *, required: bool, limit: int) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > limit:
        raise ValidationError({field: _("At most %(n)d characters, please.") % {"n": limit}})
    return value


@transaction.atomic
def record_contact(
    *,
    household: Household,
    user,
    mode: str,
    title: str,
    note: str = "",
    sensitivity: str,
    at: dt.datetime | None = None,
    organisation: Organisation | None = None,
) -> TimelineEntry:
    """A phone call, home visit, counter visit, letter … with a short note."""
    _require_file(user, household)
    organisation = _organisation_of(user, organisation)
    if mode not in ContactMode.values:
        raise ValidationError({"mode": _("Choose how the contact took place.")})
    at = at or timezone.now()
    if at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"at": _("A contact cannot lie in the future.")})
    return timeline.add(
        household=household,
        kind=EntryKind.CONTACT,
        organisation=organisation,
        sensitivity=_sensitivity(user, organisation, sensitivity),
        author=user,
        at=at,
        contact_mode=mode,
        title=_text(title, "title", required=True, limit=200),
        note=_text(note, "note", required=False, limit=MAX_NOTE),
    )


@transaction.atomic
def record_appointment(
    *,
    household: Household,
    user,
    appointment_at: dt.datetime,
    place: str,
    with_person: str,
    title: str,
    note: str = "",
    sensitivity: str,
    organisation: Organisation | None = None,
) -> TimelineEntry:
    """An appointment: date and time, place, with whom."""
    _require_file(user, household)
    organisation = _organisation_of(user, organisation)
    return timeline.add(
        household=household,
        kind=EntryKind.APPOINTMENT,
        organisation=organisation,
        sensitivity=_sensitivity(user, organisation, sensitivity),
        author=user,
        appointment_at=appointment_at,
        place=_text(place, "place", required=True, limit=200),
        with_person=_text(with_person, "with_person", required=True, limit=200),
        title=_text(title, "title", required=True, limit=200),
        note=_text(note, "note", required=False, limit=MAX_NOTE),
    )


@transaction.atomic
def correct_entry(
    *, entry: TimelineEntry, user, title: str, note: str, reason: str
) -> TimelineEntry:
    """A correction: a new entry that supersedes the old one, which is kept. Only its author,
    or someone of its organisation who works with its sensitivity, corrects it."""
    entry = TimelineEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.kind not in (EntryKind.CONTACT, EntryKind.APPOINTMENT):
        raise ValidationError(_("Only contacts and appointments are corrected here."))
    if TimelineEntry.objects.filter(supersedes=entry).exists():
        raise ValidationError(_("This entry was corrected already: correct the newest version."))
    own = entry.author_id == user.pk or any(
        r.organisation_id == entry.organisation_id
        and entry.sensitivity in access.role_sensitivities(r) | {Sensitivity.SHARED}
        for r in partners.active_roles(user)
    )
    if not own:
        raise PermissionDenied(_("Only the organisation that wrote an entry corrects it."))
    reason = _text(reason, "reason", required=True, limit=500)
    return timeline.add(
        household=entry.household,
        kind=entry.kind,
        organisation=entry.organisation,
        sensitivity=entry.sensitivity,
        author=user,
        at=entry.at,
        contact_mode=entry.contact_mode,
        appointment_at=entry.appointment_at,
        place=entry.place,
        with_person=entry.with_person,
        title=_text(title, "title", required=True, limit=200),
        note=_text(note, "note", required=False, limit=MAX_NOTE),
        supersedes=entry,
        data={**entry.data, "correction_reason": reason},
    )


# --- Reasons to open a file ------------------------------------------------------------


@transaction.atomic
def break_the_glass(
    *, household: Household, user, reason: str, organisation: Organisation | None = None
) -> FileReason:
    """Open a file without another reason on record, for ``BREAK_GLASS_HOURS``, with a stated
    reason: audited, and the organisation's privacy officer is told."""
    organisation = _organisation_of(user, organisation)
    reason = _text(reason, "reason", required=True, limit=1000)
    if len(reason) < MIN_REASON:
        raise ValidationError({"reason": _("Say in a full sentence why you open this file.")})
    now = timezone.now()
    grant = FileReason.objects.create(
        household=household,
        kind=ReasonKind.BREAK_GLASS,
        organisation=organisation,
        user=user,
        stated_reason=reason,
        at=now,
        until=now + dt.timedelta(hours=access.BREAK_GLASS_HOURS),
    )
    record_read(
        request=None,
        actor=user,
        object_type="household-break-glass",
        object_id=grant.pk,
        household_id=household.pk,
        purpose=f"break the glass: {reason}"[:250],
    )
    _tell_privacy_officer(organisation, "break_glass", grant.pk)
    return grant


@transaction.atomic
def record_client(
    *,
    household: Household,
    user,
    reason: str,
    organisation: Organisation | None = None,
    until: dt.date | None = None,
) -> FileReason:
    """The organisation starts (or confirms) its own client relationship with the household:
    its caseworkers open the file until ``until`` (a year by default)."""
    organisation = _organisation_of(user, organisation)
    if not any(
        r.organisation_id == organisation.pk and access.role_sensitivities(r)
        for r in partners.active_roles(user)
    ):
        raise PermissionDenied(_("Your role does not take on clients."))
    reason = _text(reason, "reason", required=True, limit=1000)
    if len(reason) < MIN_REASON:
        raise ValidationError({"reason": _("Say in a full sentence why you open this file.")})
    today = timezone.localdate()
    until = until or today + dt.timedelta(days=CLIENT_DAYS)
    if until <= today:
        raise ValidationError({"until": _("The end date must lie in the future.")})
    grant = FileReason.objects.create(
        household=household,
        kind=ReasonKind.CLIENT,
        organisation=organisation,
        user=user,
        stated_reason=reason,
        until=timezone.make_aware(dt.datetime.combine(until, dt.time(23, 59))),
    )
    record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="household-client",
        object_id=grant.pk,
        household_id=household.pk,
        purpose=f"client relationship: {reason}"[:250],
    )
    _tell_privacy_officer(organisation, "client", grant.pk)
    return grant


def _tell_privacy_officer(organisation: Organisation, what: str, pk: int) -> None:
    if organisation.privacy_officer_id is None:
        return
    from wijkpunt.households.tasks import tell_privacy_officer

    transaction.on_commit(lambda: tell_privacy_officer.enqueue(organisation.pk, what, pk))


# --- Consent -------------------------------------------------------------------------------


@transaction.atomic
def record_consent(
    *,
    household: Household,
    user,
    purpose: str,
    decision: str,
    method: str,
    recipient: Organisation | None = None,
    service_name: str = "",
    scope: list[str] | tuple[str, ...] = (),
    resident: Resident | None = None,
    witness: str = "",
    valid_until: dt.date | None = None,
    note: str = "",
    organisation: Organisation | None = None,
) -> Consent:
    """The resident's decision for one purpose, as a staff member records it (signed, or
    spoken with a witness). Its scope names the kinds of information it covers."""
    _require_file(user, household)
    organisation = _organisation_of(user, organisation)
    errors: dict[str, str] = {}
    if purpose not in ConsentPurpose.values:
        errors["purpose"] = _("Choose what the consent is for.")
    if decision not in (ConsentDecision.GIVEN, ConsentDecision.REFUSED):
        errors["decision"] = _("Record a consent as given or refused.")
    if method not in (ConsentMethod.SIGNED, ConsentMethod.SPOKEN):
        errors["method"] = _("Say how the resident gave their answer.")
    if method == ConsentMethod.SPOKEN and not witness.strip():
        errors["witness"] = _("A spoken consent needs a witness: who heard it?")
    service_name = (service_name or "").strip()[:200]
    if purpose in (ConsentPurpose.SHARE, ConsentPurpose.COMMUNITY_CONTACT) and recipient is None:
        errors["recipient"] = _("Name the organisation.")
    if purpose == ConsentPurpose.REFERRAL and recipient is None and not service_name:
        errors["recipient"] = _("Name the organisation or the service.")
    codes = Consent.scope_of(scope)
    if purpose in (ConsentPurpose.SHARE, ConsentPurpose.REFERRAL) and not codes:
        errors["scope"] = _("Say which information the consent covers.")
    today = timezone.localdate()
    if valid_until is not None and valid_until < today:
        errors["valid_until"] = _("The end date lies in the past.")
    if resident is not None and resident.household_id != household.pk:
        errors["resident"] = _("This person does not belong to the household.")
    if errors:
        raise ValidationError(errors)
    consent = Consent.objects.create(
        household=household,
        resident=resident,
        purpose=purpose,
        decision=decision,
        organisation=recipient,
        service_name=service_name,
        scope=codes,
        method=method,
        witness=witness.strip()[:200],
        recorded_by=user,
        recorded_by_organisation=organisation,
        valid_until=valid_until,
        note=_text(note, "note", required=False, limit=MAX_NOTE),
    )
    _consent_entry(consent, author=user, organisation=organisation)
    return consent


@transaction.atomic
def withdraw_consent(*, consent: Consent, user, method: str, note: str = "") -> Consent:
    """Withdraw a consent: a new record pointing at it. What it allowed ends at once (every
    access rule reads only consents without a withdrawal)."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.decision != ConsentDecision.GIVEN:
        raise ValidationError(_("Only a given consent can be withdrawn."))
    if Consent.objects.filter(withdraws=consent).exists():
        raise ValidationError(_("This consent was withdrawn already."))
    if method not in ConsentMethod.values:
        raise ValidationError({"method": _("Say how the consent was withdrawn.")})
    roles = partners.active_roles(user)
    organisation = roles[0].organisation if roles else consent.recorded_by_organisation
    withdrawal = Consent.objects.create(
        household=consent.household,
        resident=consent.resident,
        purpose=consent.purpose,
        decision=ConsentDecision.WITHDRAWN,
        organisation=consent.organisation,
        service_name=consent.service_name,
        scope=consent.scope,
        method=method,
        recorded_by=user,
        recorded_by_organisation=organisation,
        withdraws=consent,
        note=_text(note, "note", required=False, limit=MAX_NOTE),
    )
    if organisation is not None:
        _consent_entry(withdrawal, author=user, organisation=organisation)
    return withdrawal


def _consent_entry(consent: Consent, *, author, organisation: Organisation) -> TimelineEntry:
    title = _("%(decision)s: %(purpose)s") % {
        "decision": consent.get_decision_display(),
        "purpose": consent.get_purpose_display(),
    }
    if consent.recipient:
        title = f"{title} ({consent.recipient})"
    return timeline.add(
        household=consent.household,
        kind=EntryKind.CONSENT,
        organisation=organisation,
        sensitivity=Sensitivity.SHARED,
        author=author,
        title=title[:200],
        data={"consent": consent.pk},
    )

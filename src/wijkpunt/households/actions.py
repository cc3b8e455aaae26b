"""Every write to a household's file: contacts and appointments, corrections, reasons to open
a file (client relationship, break the glass), consents and their withdrawal. Views, the
portal, the demo and other capabilities (signals, referrals, case meetings through
``timeline.add``) call these; nothing writes the file another way."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkpunt.audit.actions import AuditAction, record, record_read
from wijkpunt.households import access, timeline, workflow
from wijkpunt.households.models import (
    Consent,
    ConsentDecision,
    ConsentMethod,
    ConsentPurpose,
    ContactMode,
    EntryKind,
    FileReason,
    LegalGround,
    ReasonKind,
    Referral,
    ReferralBasis,
    ReferralStatus,
    Sensitivity,
    SharedField,
    TimelineEntry,
    Urgency,
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


# --- Referrals -----------------------------------------------------------------------------


def _may_act_without_consent(user, organisation: Organisation) -> bool:
    return any(
        r.organisation_id == organisation.pk and r.may_act_without_consent
        for r in partners.active_roles(user)
    )


def _consent_covers(consent: Consent, *, to_organisation, to_service, sensitivities) -> str:
    """Why this consent does not cover the referral ("" when it does)."""
    if consent.purpose not in (ConsentPurpose.REFERRAL, ConsentPurpose.SHARE):
        return _("This consent is not for a referral or for sharing information.")
    if to_organisation is not None and consent.organisation_id != to_organisation.pk:
        return _("This consent names another organisation.")
    if to_service is not None:
        names = {to_service.name.casefold(), to_service.organization.name.casefold()}
        if consent.organisation_id is not None or consent.service_name.casefold() not in names:
            return _("This consent names another service.")
    missing = set(sensitivities) - set(consent.scope_codes)
    if missing:
        labels = dict(Sensitivity.choices)
        return _("This consent does not cover: %(kinds)s.") % {
            "kinds": ", ".join(str(labels[m]) for m in sorted(missing))
        }
    return ""


@transaction.atomic
def send_referral(
    *,
    household: Household,
    user,
    need: str,
    basis: str,
    to_organisation: Organisation | None = None,
    to_service=None,
    consent: Consent | None = None,
    legal_ground: str = "",
    basis_note: str = "",
    shared_fields: list[str] | tuple[str, ...] = (),
    shared_entries: list[TimelineEntry] | tuple[TimelineEntry, ...] = (),
    urgency: str = Urgency.NORMAL,
    sensitivity: str = "",
    signal=None,
    appointment_at: dt.datetime | None = None,
    place: str = "",
    with_person: str = "",
    organisation: Organisation | None = None,
    handover: bool = False,
) -> Referral:
    """Refer the household to a partner in Wijkpunt or a service of the sociale kaart: the
    need, what is shared (the chosen details and entries, nothing else), what it rests on,
    the urgency and, for a warm hand-over, an appointment the resident is told about."""
    reasons = access.file_reasons(user, household)
    if not reasons:
        raise PermissionDenied(_("You have no reason on record to open this household's file."))
    organisation = _organisation_of(user, organisation)
    errors: dict[str, str] = {}
    if (to_organisation is None) == (to_service is None):
        errors["to_organisation"] = _(
            "Choose one recipient: a partner in Wijkpunt or a service on the sociale kaart."
        )
    elif to_organisation is not None and to_organisation.pk == organisation.pk:
        errors["to_organisation"] = _("This is your own organisation: no referral is needed.")
    elif to_service is not None and not to_service.is_referrable:
        errors["to_service"] = _(
            "This service is no longer active on the sociale kaart: choose another."
        )
    need = (need or "").strip()
    if not need:
        errors["need"] = _("Say what the need is.")
    elif len(need) > MAX_NOTE:
        errors["need"] = _("At most %(n)d characters, please.") % {"n": MAX_NOTE}
    if urgency not in Urgency.values:
        errors["urgency"] = _("Choose how urgent it is.")
    writable = access.writable_sensitivities(user).get(organisation.pk, [])
    casework = [s for s in writable if s != Sensitivity.SHARED]
    if handover and not casework:
        # A signal's hand-over by someone without casework (a technician): its steps are
        # seen by the two organisations only, whatever their label.
        casework = [Sensitivity.SHARED]
    sensitivity = sensitivity or next(iter(casework), "")
    if sensitivity not in casework:
        errors["sensitivity"] = _("You cannot record an entry with this sensitivity.")
    # Only what the sender may see themselves can be shared.
    codes = [c for c in dict.fromkeys(shared_fields) if c]
    allowed_fields = access.file_fields(reasons, user, household)
    if any(c not in SharedField.values for c in codes):
        errors["shared_fields"] = _("Choose the details to share from the list.")
    elif allowed_fields is not None and not set(codes) <= allowed_fields:
        errors["shared_fields"] = _("You can only share details that you may see yourself.")
    entry_ids = {e.pk for e in shared_entries}
    entries = list(access.visible_entries(user, household).filter(pk__in=entry_ids))
    if len(entries) != len(entry_ids):
        errors["shared_entries"] = _("You can only share entries of this file that you may see.")
    kinds = {e.sensitivity for e in entries} - {Sensitivity.SHARED}
    basis_note = (basis_note or "").strip()
    if basis == ReferralBasis.CONSENT:
        legal_ground = ""
        if consent is None:
            errors["consent"] = _("Choose the consent the referral rests on.")
        elif consent.household_id != household.pk:
            errors["consent"] = _("This consent is not of this household.")
        elif not access.active_consents().filter(pk=consent.pk).exists():
            errors["consent"] = _(
                "This consent is no longer valid (withdrawn, refused or expired): ask the "
                "resident again, or choose another basis."
            )
        elif "to_organisation" not in errors and "to_service" not in errors:
            problem = _consent_covers(
                consent, to_organisation=to_organisation, to_service=to_service, sensitivities=kinds
            )
            if problem:
                errors["consent"] = problem
    elif basis == ReferralBasis.LEGAL:
        consent = None
        if legal_ground not in LegalGround.values:
            errors["legal_ground"] = _("Choose the legal ground.")
        if len(basis_note) < MIN_REASON:
            errors["basis_note"] = _("Name the law or decree and why it applies.")
    elif basis == ReferralBasis.WITHOUT_CONSENT:
        consent, legal_ground = None, ""
        if not _may_act_without_consent(user, organisation):
            raise PermissionDenied(_("You may not refer without consent or a legal basis."))
        if len(basis_note) < MIN_REASON:
            errors["basis_note"] = _("Say in a full sentence why you act without consent.")
    else:
        errors["basis"] = _("Say what the referral rests on.")
    if len(basis_note) > 1000:
        errors["basis_note"] = _("At most %(n)d characters, please.") % {"n": 1000}
    if signal is not None:
        from wijkpunt.signalling.access import visible_signals

        if (
            signal.household_id != household.pk
            or not visible_signals(user).filter(pk=signal.pk).exists()
        ):
            errors["signal"] = _("This signal is not one of this household that you handle.")
    place, with_person = (place or "").strip()[:200], (with_person or "").strip()[:200]
    if appointment_at is not None or place or with_person:
        problem = _appointment_problem(appointment_at, place, with_person)
        if problem:
            errors["appointment_at"] = problem
    if errors:
        raise ValidationError(errors)
    referral = Referral.objects.create(
        household=household,
        signal=signal,
        from_organisation=organisation,
        sent_by=user,
        to_organisation=to_organisation,
        to_service=to_service,
        need=need,
        urgency=urgency,
        sensitivity=sensitivity,
        basis=basis,
        consent=consent,
        legal_ground=legal_ground,
        basis_note=basis_note,
        shared_fields=Referral.fields_of(codes),
        appointment_at=appointment_at,
        place=place,
        with_person=with_person,
    )
    referral.shared_entries.set(entries)
    _referral_step(referral, ReferralStatus.SENT, user=user, organisation=organisation, note=need)
    record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="referral",
        object_id=referral.pk,
        household_id=household.pk,
        purpose=f"referral to {referral.recipient}: {basis}"[:250],
    )
    if basis != ReferralBasis.CONSENT:
        _tell_privacy_officer(organisation, f"referral_{basis}", referral.pk)
    if to_organisation is not None and not handover:
        from wijkpunt.households.tasks import tell_recipient

        transaction.on_commit(lambda: tell_recipient.enqueue(referral.pk))
    if appointment_at is not None:
        tell_resident_of_handover(referral, by=user)
    return referral


def _appointment_problem(appointment_at, place: str, with_person: str) -> str:
    """Why a warm hand-over's appointment cannot be kept ("" when it can)."""
    if appointment_at is None or not place or not with_person:
        return _(
            "A warm hand-over needs a date and time, a place and the person the resident will meet."
        )
    if appointment_at < timezone.now():
        return _("The appointment lies in the past.")
    return ""


def _referral_step(
    referral: Referral, status: str, *, user, organisation: Organisation, note: str = ""
) -> TimelineEntry:
    labels: dict[str, str] = {
        ReferralStatus.SENT: _("Referred to %(to)s"),
        ReferralStatus.ACCEPTED: _("Referral to %(to)s accepted"),
        ReferralStatus.DECLINED: _("Referral to %(to)s declined"),
        ReferralStatus.IN_PROGRESS: _("%(to)s works on the referral"),
        ReferralStatus.DONE: _("Referral to %(to)s done"),
        ReferralStatus.NO_SHOW: _("The resident did not come to %(to)s"),
        ReferralStatus.ENDED: _("Referral to %(to)s ended"),
        ReferralStatus.REVOKED: _("Referral to %(to)s revoked"),
    }
    return timeline.add(
        household_id=referral.household_id,
        kind=EntryKind.REFERRAL,
        organisation=organisation,
        sensitivity=referral.sensitivity,
        author=user,
        title=(labels[status] % {"to": referral.recipient})[:200],
        note=note,
        referral=referral,
        appointment_at=referral.appointment_at if status == ReferralStatus.SENT else None,
        place=referral.place if status == ReferralStatus.SENT else "",
        with_person=referral.with_person if status == ReferralStatus.SENT else "",
        data={"status": status},
    )


@transaction.atomic
def move_referral(*, referral: Referral, user, status: str, reason: str = "") -> Referral:
    """One step of a referral's workflow (``workflow.py``): the recipient answers and works
    on it (for a service outside Wijkpunt, the sender records what the service said); the
    sender revokes. Each step is a line in the household's timeline."""
    referral = access.visible_referrals(user).select_for_update(of=("self",)).get(pk=referral.pk)
    side = access.referral_side(user, referral)
    if status in workflow.SENDER_STEPS and side != "sender":
        raise PermissionDenied(_("Only the sender revokes a referral."))
    if (
        status not in workflow.SENDER_STEPS
        and side != "recipient"
        and referral.to_service_id is None
    ):
        raise PermissionDenied(_("Only the receiving organisation answers a referral."))
    try:
        workflow.check_transition(referral.status, status)
    except workflow.TransitionError as error:
        raise ValidationError(str(error)) from None
    reason = _text(reason, "reason", required=status in workflow.NEEDS_REASON, limit=1000)
    organisation = referral.to_organisation if side == "recipient" else referral.from_organisation
    assert organisation is not None
    now = timezone.now()
    previous = referral.status
    referral.status = status
    if previous == ReferralStatus.SENT:
        referral.answered_at = now
    if status not in (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS):
        referral.closed_at = now
    referral.save(update_fields=["status", "answered_at", "closed_at"])
    _referral_step(referral, status, user=user, organisation=organisation, note=reason)
    record(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="referral",
        object_id=referral.pk,
        household_id=referral.household_id,
        purpose=f"referral {previous} -> {status}",
    )
    return referral


@transaction.atomic
def plan_handover(
    *, referral: Referral, user, appointment_at: dt.datetime, place: str, with_person: str
) -> Referral:
    """The warm hand-over: the appointment with a person of the recipient, which the
    resident is told about in their language, with what was shared."""
    referral = access.visible_referrals(user).select_for_update(of=("self",)).get(pk=referral.pk)
    if not referral.is_open:
        raise ValidationError(_("This referral is closed."))
    place, with_person = (place or "").strip()[:200], (with_person or "").strip()[:200]
    problem = _appointment_problem(appointment_at, place, with_person)
    if problem:
        raise ValidationError({"appointment_at": problem})
    side = access.referral_side(user, referral)
    organisation = referral.to_organisation if side == "recipient" else referral.from_organisation
    assert organisation is not None
    referral.appointment_at, referral.place, referral.with_person = (
        appointment_at,
        place,
        with_person,
    )
    referral.save(update_fields=["appointment_at", "place", "with_person"])
    timeline.add(
        household_id=referral.household_id,
        kind=EntryKind.REFERRAL,
        organisation=organisation,
        sensitivity=referral.sensitivity,
        author=user,
        title=(_("Appointment for the referral to %(to)s") % {"to": referral.recipient})[:200],
        referral=referral,
        appointment_at=appointment_at,
        place=place,
        with_person=with_person,
        data={"status": referral.status, "handover": True},
    )
    tell_resident_of_handover(referral, by=user)
    return referral


def tell_resident_of_handover(referral: Referral, *, by) -> None:
    """Tell the household (portal, e-mail, or a letter to print) of the appointment, in its
    language, with what was shared. Once per appointment."""
    from django.urls import reverse

    from wijkpunt.households.portal import handover_message
    from wijkpunt.outreach.reach import reach

    stamp = referral.appointment_at.strftime("%Y%m%d%H%M") if referral.appointment_at else ""
    reach(
        households=[referral.household_id],
        message=lambda language: handover_message(referral),
        kind=HANDOVER_NOTICE,
        ref=f"{referral.pk}:{stamp}",
        by=by,
        link=settings.SITE_URL.rstrip("/") + reverse("households_portal:file"),
    )


HANDOVER_NOTICE = "households.handover"


def remind_unanswered_referrals(*, now: dt.datetime | None = None) -> list[int]:
    """Referrals to a partner still without an answer after ``REFERRAL_ANSWER_DAYS``: their
    sender gets one reminder each (by e-mail, after commit). Returns their ids."""
    from wijkpunt.households.tasks import remind_sender

    now = now or timezone.now()
    due = list(
        Referral.objects.filter(
            status=ReferralStatus.SENT,
            to_organisation__isnull=False,
            reminded_at__isnull=True,
            created_at__lte=now - dt.timedelta(days=settings.REFERRAL_ANSWER_DAYS),
        ).values_list("pk", flat=True)
    )
    for pk in due:
        with transaction.atomic():
            if Referral.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
                transaction.on_commit(partial(remind_sender.enqueue, pk))
    return due


def refer_with_handover(
    *,
    signal,
    user,
    to_organisation: Organisation,
    note: str,
    basis: str,
    consent: Consent | None = None,
    legal_ground: str = "",
    basis_note: str = "",
    share_dwelling: bool = False,
) -> Referral:
    """A signal of a household handed over to another organisation is a referral: it rests
    on a consent or a legal basis (or, with the permission, neither), and it shares of the
    household only what was chosen — the exact dwelling only when ``share_dwelling``. The
    receiving organisation takes the signal over at once, so the referral starts accepted.
    Called by ``signalling.actions.assign`` in its transaction, before the signal changes
    hands."""
    household = signal.household
    own = {r.organisation_id for r in partners.active_roles(user)}
    sender = signal.owner_organisation if signal.owner_organisation_id in own else None
    try:
        referral = send_referral(
            household=household,
            user=user,
            to_organisation=to_organisation,
            need=note,
            basis=basis,
            consent=consent,
            legal_ground=legal_ground,
            basis_note=basis_note,
            shared_fields=[SharedField.ADDRESS] if share_dwelling else [],
            signal=signal,
            handover=True,
            organisation=sender,
        )
    except PermissionDenied as refused:
        raise ValidationError({"basis": " ".join(str(a) for a in refused.args)}) from None
    referral.status = ReferralStatus.ACCEPTED
    referral.answered_at = timezone.now()
    referral.save(update_fields=["status", "answered_at"])
    return referral


# --- Case meetings (casusoverleg, art. 458ter Sw.) ------------------------------------------


def _seat(meeting, user, *, acknowledged: bool = True):
    from wijkpunt.households.models import MeetingParticipant

    seat = MeetingParticipant.objects.filter(meeting=meeting, user_id=user.pk).first()
    if seat is None:
        raise PermissionDenied(_("You do not take part in this case meeting."))
    if acknowledged and seat.acknowledged_at is None:
        raise PermissionDenied(_("Acknowledge the confidentiality of the case meeting first."))
    return seat


@transaction.atomic
def create_meeting(
    *,
    user,
    title: str,
    starts_at: dt.datetime,
    place: str,
    legal_basis: str,
    purpose: str,
    procedure: str,
    participants,
    organisation: Organisation | None = None,
):
    """A case meeting with its legal basis, purpose, procedure and fixed participants (the
    organiser among them), set before it starts."""
    from wijkpunt.households.models import CaseMeeting, MeetingParticipant
    from wijkpunt.partners.models import StaffRole

    organisation = _organisation_of(user, organisation)
    if not any(
        r.organisation_id == organisation.pk and access.role_sensitivities(r)
        for r in partners.active_roles(user)
    ):
        raise PermissionDenied(_("Your role does not organise case meetings."))
    errors: dict[str, str] = {}
    title = (title or "").strip()[:200]
    if not title:
        errors["title"] = _("Give the case meeting a title.")
    if starts_at is None:
        errors["starts_at"] = _("Say when the case meeting takes place.")
    elif starts_at < timezone.now() - dt.timedelta(hours=1):
        errors["starts_at"] = _("A case meeting is planned before it takes place.")
    place = (place or "").strip()[:200]
    if not place:
        errors["place"] = _("Say where it takes place.")
    legal_basis = (legal_basis or "").strip()
    if len(legal_basis) < MIN_REASON:
        errors["legal_basis"] = _(
            "Name the law or decree that allows this case meeting (art. 458ter Sw.)."
        )
    for field, value in (("purpose", purpose), ("procedure", procedure)):
        if not (value or "").strip():
            errors[field] = _("This field is required.")
    people = {p.pk: p for p in participants if p.pk != user.pk}
    roles = {
        r.user_id: r
        for r in StaffRole.objects.filter(user_id__in=people, active=True).select_related(
            "organisation"
        )
    }
    if any(pk not in roles for pk in people):
        errors["participants"] = _("Every participant is a member of staff of a partner.")
    elif not people:
        errors["participants"] = _("A case meeting has at least two participants.")
    if errors:
        raise ValidationError(errors)
    meeting = CaseMeeting.objects.create(
        title=title,
        organisation=organisation,
        created_by=user,
        legal_basis=legal_basis,
        purpose=purpose.strip(),
        procedure=procedure.strip(),
        starts_at=starts_at,
        place=place,
    )
    MeetingParticipant.objects.bulk_create(
        [MeetingParticipant(meeting=meeting, user=user, organisation=organisation)]
        + [
            MeetingParticipant(meeting=meeting, user_id=pk, organisation=roles[pk].organisation)
            for pk in people
        ]
    )
    record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="case-meeting",
        object_id=meeting.pk,
        purpose=f"case meeting: {title}"[:250],
    )
    return meeting


@transaction.atomic
def acknowledge_confidentiality(*, meeting, user):
    """The participant acknowledges that what is said in the meeting stays there (art. 458ter
    Sw.): only then do they see its households, tasks and minutes."""
    seat = _seat(meeting, user, acknowledged=False)
    if seat.acknowledged_at is None:
        seat.acknowledged_at = timezone.now()
        seat.save(update_fields=["acknowledged_at"])
    return seat


def _organiser(meeting, user) -> None:
    if meeting.created_by_id != user.pk:
        raise PermissionDenied(_("Only the organiser does this."))


@transaction.atomic
def start_meeting(*, meeting, user):
    from wijkpunt.households.models import MeetingStatus

    _seat(meeting, user)
    _organiser(meeting, user)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("This case meeting has started already."))
    missing = meeting.participants.filter(acknowledged_at__isnull=True).count()
    if missing:
        raise ValidationError(
            _("%(n)d participants have not acknowledged the confidentiality yet.") % {"n": missing}
        )
    meeting.status, meeting.started_at = MeetingStatus.STARTED, timezone.now()
    meeting.save(update_fields=["status", "started_at"])
    return meeting


@transaction.atomic
def close_meeting(*, meeting, user):
    from wijkpunt.households.models import MeetingStatus

    _seat(meeting, user)
    _organiser(meeting, user)
    if meeting.status != MeetingStatus.STARTED:
        raise ValidationError(_("Only a case meeting that started can be closed."))
    meeting.status, meeting.closed_at = MeetingStatus.CLOSED, timezone.now()
    meeting.save(update_fields=["status", "closed_at"])
    return meeting


def _open(meeting) -> None:
    from wijkpunt.households.models import MeetingStatus

    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError(_("This case meeting is closed."))


@transaction.atomic
def put_on_agenda(*, meeting, user, household: Household, consent=None, basis_note: str = ""):
    """A household on the agenda, on its consent to be discussed in a case meeting, or on the
    meeting's legal basis with why it applies to this household."""
    from wijkpunt.households.models import AgendaItem

    _seat(meeting, user)
    _open(meeting)
    if not access.file_reasons(user, household):
        raise PermissionDenied(_("You have no reason on record to open this household's file."))
    basis_note = (basis_note or "").strip()
    if consent is not None:
        if (
            consent.household_id != household.pk
            or consent.purpose != ConsentPurpose.CASE_MEETING
            or not access.active_consents().filter(pk=consent.pk).exists()
        ):
            raise ValidationError(
                {"consent": _("This is not a valid consent of this household for a case meeting.")}
            )
    elif len(basis_note) < MIN_REASON:
        raise ValidationError(
            {
                "basis_note": _(
                    "Without the household's consent, say why the meeting's legal basis "
                    "applies to this household."
                )
            }
        )
    if AgendaItem.objects.filter(meeting=meeting, household=household).exists():
        raise ValidationError(_("This household is on the agenda already."))
    item = AgendaItem.objects.create(
        meeting=meeting, household=household, consent=consent, basis_note=basis_note, added_by=user
    )
    record(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="case-meeting",
        object_id=meeting.pk,
        household_id=household.pk,
        purpose="case meeting: on the agenda",
    )
    return item


@transaction.atomic
def add_task(*, meeting, user, title: str, organisation: Organisation | None, due_on: dt.date,
             owner=None, household: Household | None = None):  # fmt: skip
    """A task of the shared action plan, for a partner that takes part."""
    from wijkpunt.households.models import MeetingTask, TaskStatus, TaskUpdate

    _seat(meeting, user)
    _open(meeting)
    errors: dict[str, str] = {}
    title = (title or "").strip()[:300]
    if not title:
        errors["title"] = _("Say what is to be done.")
    seats = meeting.participants.all()
    if organisation is None or not seats.filter(organisation=organisation).exists():
        errors["organisation"] = _("Give the task to a partner that takes part.")
    elif owner is not None and not seats.filter(user=owner, organisation=organisation).exists():
        errors["owner"] = _("Give the task to a participant of that partner.")
    if due_on is None:
        errors["due_on"] = _("Give a due date.")
    if household is not None and not meeting.agenda.filter(household=household).exists():
        errors["household"] = _("This household is not on the agenda.")
    if errors:
        raise ValidationError(errors)
    assert organisation is not None
    task = MeetingTask.objects.create(
        meeting=meeting,
        household=household,
        title=title,
        organisation=organisation,
        owner=owner,
        due_on=due_on,
        created_by=user,
    )
    TaskUpdate.objects.create(task=task, status=TaskStatus.OPEN, by=user)
    return task


@transaction.atomic
def move_task(*, task, user, status: str, note: str = ""):
    """A task's status changes (its history is kept): by a participant of the partner it
    belongs to, or the organiser."""
    from wijkpunt.households.models import MeetingTask, TaskStatus, TaskUpdate

    task = MeetingTask.objects.select_for_update().select_related("meeting").get(pk=task.pk)
    seat = _seat(task.meeting, user)
    if seat.organisation_id != task.organisation_id and task.meeting.created_by_id != user.pk:
        raise PermissionDenied(_("Only the partner the task belongs to changes it."))
    if status not in TaskStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    note = _text(note, "note", required=status == TaskStatus.DROPPED, limit=MAX_NOTE)
    task.status, task.updated_at = status, timezone.now()
    task.save(update_fields=["status", "updated_at"])
    TaskUpdate.objects.create(task=task, status=status, note=note, by=user)
    return task


@transaction.atomic
def write_minutes(*, meeting, user, text: str):
    """A new version of the minutes (the earlier ones are kept)."""
    from wijkpunt.households.models import Minutes

    _seat(meeting, user)
    text = _text(text, "text", required=True, limit=50_000)
    return Minutes.objects.create(meeting=meeting, text=text, by=user)


@transaction.atomic
def record_task_in_file(*, task, user, note: str = ""):
    """What the meeting decided for a household reaches a partner's own file only when a
    participant records it there: a case-meeting line, owned by their organisation."""
    seat = _seat(task.meeting, user)
    if task.household_id is None:
        raise ValidationError(_("This task is not about one household."))
    organisation = seat.organisation
    sensitivities = [
        s
        for s in access.writable_sensitivities(user).get(organisation.pk, [])
        if s != Sensitivity.SHARED
    ]
    if not sensitivities:
        raise PermissionDenied(_("Your role does not write in households' files."))
    return timeline.add(
        household_id=task.household_id,
        kind=EntryKind.CASE_ACTION,
        organisation=organisation,
        sensitivity=sensitivities[0],
        author=user,
        title=(_("Case meeting: %(task)s") % {"task": task.title})[:200],
        note=_text(note, "note", required=False, limit=MAX_NOTE),
        data={"meeting": task.meeting_id, "task": task.pk},
    )


def remind_due_tasks(*, now: dt.datetime | None = None) -> list[int]:
    """Tasks of case meetings due tomorrow or earlier and not done: their owner (else the
    partner's participants) gets one reminder each."""
    from wijkpunt.households.models import MeetingTask, TaskStatus
    from wijkpunt.households.tasks import remind_task

    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + dt.timedelta(days=1)
    due = list(
        MeetingTask.objects.filter(
            status__in=[TaskStatus.OPEN, TaskStatus.IN_PROGRESS],
            due_on__lte=tomorrow,
            reminded_at__isnull=True,
        ).values_list("pk", flat=True)
    )
    for pk in due:
        with transaction.atomic():
            if MeetingTask.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
                transaction.on_commit(partial(remind_task.enqueue, pk))
    return due

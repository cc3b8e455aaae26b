"""The resident's side of their file (``/mijn/dossier/``): who is helping me (organisations
and appointments), my consents (withdraw one in a click) and who looked at my file, in plain
words, from the audit log."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wijkpunt.audit.models import AuditAction, AuditEntry
from wijkpunt.households.access import active_consents
from wijkpunt.households.models import (
    OPEN_REFERRAL_STATUSES,
    Consent,
    EntryKind,
    FileReason,
    ReasonKind,
    Referral,
    TimelineEntry,
)
from wijkpunt.housing.models import Household
from wijkpunt.partners.models import Organisation, StaffRole

LOOKED_DAYS = 365
LOOKED_ROWS = 200


def handover_message(referral) -> tuple[str, str]:
    """(subject, body) of the warm hand-over notice, in the active language: the appointment,
    who referred, and what was shared, in plain words."""
    to = referral.recipient
    subject = _("Your appointment with %(to)s") % {"to": to}
    who = {"sender": referral.from_organisation, "to": to}
    lines = [
        _("%(sender)s has put you in touch with %(to)s, with your agreement.") % who
        if referral.basis == "consent"
        else _("%(sender)s has put you in touch with %(to)s.") % who,
        "",
        _("Your appointment: %(when)s")
        % {
            "when": formats.date_format(timezone.localtime(referral.appointment_at), "l j F Y, H:i")
        },
        _("Where: %(place)s") % {"place": referral.place},
        _("You will meet: %(person)s") % {"person": referral.with_person},
        "",
        _("What we passed on to %(to)s:") % {"to": to},
        "- " + _("your name and what you need help with"),
    ]
    lines += [f"- {label}" for label in referral.get_shared_fields_display()]
    shared = list(referral.shared_entries.all())
    if shared:
        lines.append(
            "- "
            + _("these notes from your file: %(titles)s")
            % {"titles": "; ".join(e.title for e in shared)}
        )
    lines += [
        "",
        _("Nothing else was passed on. You can see this in Wijkpunt under “My file”.")
        if referral.basis != "consent"
        else _(
            "Nothing else was passed on. You can see this in Wijkpunt under “My file”, and "
            "you can withdraw your consent there at any time."
        ),
        _("Can you not come? Let %(to)s or %(sender)s know.")
        % {"to": to, "sender": referral.from_organisation},
    ]
    return subject, "\n".join(lines)


def plain_purpose(action: str, object_type: str, purpose: str) -> str:
    """What a staff member did with the household's data (an audit entry's action, kind of
    record and purpose), in the resident's words."""
    purpose = purpose or ""
    if object_type == "household-break-glass" or purpose.endswith(": break_glass"):
        return _("opened your file for an urgent reason, and wrote down why")
    if object_type == "household-client":
        return _("noted that you are a client of their organisation")
    if object_type == "referral" and action == AuditAction.CREATE:
        return _("referred you to another organisation")
    if object_type == "referral" and action == AuditAction.UPDATE:
        return _("took a step in a referral of yours")
    if action == AuditAction.SEARCH:
        return _("found your household in a search")
    if action == AuditAction.EXPORT:
        return _("your details were in a list they downloaded")
    if object_type in ("signal", "signal-list"):
        return _("read a report you made")
    if purpose.startswith("household file: reason step"):
        return _("found your household, without opening your file")
    if purpose.startswith("household file"):
        reason = purpose.rsplit(": ", 1)[-1]
        return {
            "housing": _("looked at your file, for your rental contract"),
            "signal": _("looked at your file, for a report they handle"),
            "consent": _("looked at your file, with your consent"),
            "client": _("looked at your file, because you are their client"),
            "referral": _("looked at your file, for a referral"),
        }.get(reason, _("looked at your file"))
    if purpose == "estate overview":
        return _("saw your name in the list of residents of your estate")
    return _("looked at your details")


@dataclass
class LookedRow:
    day: dt.date
    organisation: str
    what: str
    times: int = 1


@dataclass
class MyFile:
    household: Household
    helping: list[Organisation] = field(default_factory=list)
    appointments: list[TimelineEntry] = field(default_factory=list)
    consents: list[Consent] = field(default_factory=list)
    past_consents: list[Consent] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    looked: list[LookedRow] = field(default_factory=list)


def my_file(household: Household) -> MyFile:
    now = timezone.now()
    result = MyFile(household=household)
    today = timezone.localdate()
    active = set(active_consents(today).filter(household=household).values_list("pk", flat=True))
    for consent in (
        Consent.objects.filter(household=household)
        .exclude(decision="withdrawn")
        .select_related("organisation", "withdrawal")
        .order_by("-at")
    ):
        (result.consents if consent.pk in active else result.past_consents).append(consent)
    result.appointments = list(
        TimelineEntry.objects.filter(
            household=household,
            kind=EntryKind.APPOINTMENT,
            superseded_by__isnull=True,
            appointment_at__gte=now - dt.timedelta(days=1),
        )
        .select_related("organisation")
        .order_by("appointment_at")
    )
    result.referrals = list(
        Referral.objects.filter(household=household, status__in=OPEN_REFERRAL_STATUSES)
        .select_related("from_organisation", "to_organisation", "to_service")
        .prefetch_related("shared_entries")
        .order_by("-created_at")
    )
    from wijkpunt.signalling.models import OPEN_STATUSES, Signal

    org_ids = (
        set(
            FileReason.objects.filter(
                household=household, kind=ReasonKind.CLIENT, until__gt=now, ended_at__isnull=True
            ).values_list("organisation_id", flat=True)
        )
        | {
            o
            for o in Signal.objects.filter(
                household=household, status__in=OPEN_STATUSES
            ).values_list("owner_organisation_id", flat=True)
            if o
        }
        | {e.organisation_id for e in result.appointments}
        | {c.organisation_id for c in result.consents if c.organisation_id}
        | {r.to_organisation_id for r in result.referrals if r.to_organisation_id}
    )
    result.helping = list(Organisation.objects.filter(pk__in=org_ids).order_by("name"))
    result.looked = _looked(household)
    return result


def _looked(household: Household) -> list[LookedRow]:
    """Who looked at the file: per day, organisation and kind of look (several looks on one
    day are one row with a count). Staff only; the resident's own reads are not listed."""
    since = timezone.now() - dt.timedelta(days=LOOKED_DAYS)
    entries = list(
        AuditEntry.objects.filter(household_id=household.pk, at__gte=since, actor__isnull=False)
        .exclude(action=AuditAction.LOGIN)
        .order_by("-at", "-id")
        .values("at", "actor_id", "action", "object_type", "purpose")[:2000]
    )
    actors = {e["actor_id"] for e in entries}
    orgs: dict[int, list[str]] = {}
    for user_id, name in (
        StaffRole.objects.filter(user_id__in=actors)
        .order_by("organisation__name")
        .values_list("user_id", "organisation__name")
    ):
        orgs.setdefault(user_id, [])
        if name not in orgs[user_id]:
            orgs[user_id].append(name)
    rows: OrderedDict[tuple, LookedRow] = OrderedDict()
    for e in entries:
        if e["actor_id"] not in orgs:  # the resident themselves, or someone without a role
            continue
        day = timezone.localdate(e["at"])
        organisation = ", ".join(orgs[e["actor_id"]])
        what = plain_purpose(e["action"], e["object_type"], e["purpose"])
        key = (day, organisation, what)
        if key in rows:
            rows[key].times += 1
        elif len(rows) < LOOKED_ROWS:
            rows[key] = LookedRow(day, organisation, what)
    return list(rows.values())


__all__ = ["MyFile", "my_file", "plain_purpose"]

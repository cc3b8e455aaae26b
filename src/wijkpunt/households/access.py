"""The only way into a household's file, and to its timeline entries.

**Opening the file.** The housing company's staff open the file of every household living in
the estates their roles cover (they manage its tenancy). A partner outside the housing company
(OCMW, community work, another partner) finds a household in those estates by name or address
to start work, but opens its file only with a reason on record (``file_reasons``):

- a signal of the household that its organisation handles (open, or closed less than
  ``FILE_REASON_GRACE_DAYS`` days ago);
- a referral of the household that its organisation accepted (while it is worked on, and
  ``REFERRAL_ACCESS_DAYS`` days after it closed; at once no more when the consent it rests on
  is withdrawn or expires). With only such reasons, the file shows of the household itself
  only the details the referrals share (``file_fields``);
- a consent of the household that covers its organisation;
- its organisation's own client relationship (``FileReason`` of kind client);
- the person's own "break the glass", with a stated reason, for a few hours (audited, and
  shown to the organisation's privacy officer).

**Entries.** Of a file it may open, a staff member sees (in the query, never after loading):
entries of their own organisation of the sensitivities their role works with
(``SENSITIVITIES``), entries they wrote, entries marked shared, the entries of a sensitivity
that a consent lets the household's partners share with their organisation, the entries that a
referral they work on shares with them, signal entries only where they may see the signal
itself (``signalling.access``) and referral steps only of the referrals they may see
(``visible_referrals``). Other entries do not show at all, not as "hidden".

**Referrals.** The sending organisation's caseworkers (and the sender) see a referral always;
the receiving organisation's caseworkers see it while it is open and ``REFERRAL_ACCESS_DAYS``
after it closed, and not at all once it is declined or revoked, or once the consent it rests on
is withdrawn or expired."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkpunt.audit.actions import record_read
from wijkpunt.households.models import (
    CLOSED_AFTER_WORK,
    OPEN_REFERRAL_STATUSES,
    WORKING_REFERRAL_STATUSES,
    Consent,
    ConsentDecision,
    ConsentPurpose,
    EntryKind,
    FileReason,
    ReasonKind,
    Referral,
    ReferralBasis,
    Sensitivity,
    SharedField,
    TimelineEntry,
)
from wijkpunt.housing import access as housing
from wijkpunt.housing.models import Household
from wijkpunt.partners import access as partners
from wijkpunt.partners.models import OrganisationKind, Role, StaffRole

S = Sensitivity
# Which sensitivities of its own organisation's entries a role works with, by the kind of
# organisation. Shared entries and one's own entries come on top.
SENSITIVITIES: dict[str, dict[str, set[str]]] = {
    OrganisationKind.HOUSING_COMPANY: {
        Role.TENANT_CONSULTANT: {S.HOUSING},
        Role.LETTING: {S.HOUSING},
        Role.COORDINATOR: {S.HOUSING},
    },
    OrganisationKind.OCMW: {
        Role.SOCIAL_WORKER: {S.SOCIAL},
        Role.BUDGET_WORKER: {S.SOCIAL},
        Role.COORDINATOR: {S.SOCIAL, S.COMMUNITY},
        Role.COMMUNITY_WORKER: {S.COMMUNITY},
    },
    OrganisationKind.COMMUNITY_WORK: {
        Role.COMMUNITY_WORKER: {S.COMMUNITY},
        Role.COORDINATOR: {S.COMMUNITY},
    },
    OrganisationKind.OTHER: {
        Role.SOCIAL_WORKER: {S.SOCIAL},
        Role.PARTNER_WORKER: {S.SOCIAL},
    },
}
# Roles that work on households' files at all (the administrator configures, the OCMW
# reception and the technician see shared entries and their own).
CASEWORK_ROLES = {r for kinds in SENSITIVITIES.values() for r in kinds}
# How long a break-the-glass opens a file.
BREAK_GLASS_HOURS = 8


def role_sensitivities(role: StaffRole) -> set[str]:
    return SENSITIVITIES.get(role.organisation.kind, {}).get(role.role, set())


def writable_sensitivities(user) -> dict[int, list[str]]:
    """Per organisation of the user, the sensitivities they may give an entry they write."""
    found: dict[int, set[str]] = {}
    for role in partners.active_roles(user):
        found.setdefault(role.organisation_id, {S.SHARED}).update(role_sensitivities(role))
    order = list(Sensitivity.values)
    return {org: sorted(s, key=order.index) for org, s in found.items()}


def _housing_estate_ids(user) -> set[int]:
    ids: set[int] = set()
    for r in partners.active_roles(user):
        if r.organisation.kind == OrganisationKind.HOUSING_COMPANY and r.role in (
            housing.REGISTRY_ROLES
        ):
            own = [e.pk for e in r.estates.all()]
            ids.update(own or [e.pk for e in r.organisation.estates.all()])
    return ids


def organisation_ids(user) -> set[int]:
    return {r.organisation_id for r in partners.active_roles(user)}


def casework_organisation_ids(user) -> set[int]:
    """The organisations in which the user has a role that works on households' files."""
    return {r.organisation_id for r in partners.active_roles(user) if role_sensitivities(r)}


def active_consents(today: dt.date | None = None) -> QuerySet[Consent]:
    """Consents given, not withdrawn, not expired (in the query)."""
    today = today or timezone.localdate()
    return Consent.objects.filter(decision=ConsentDecision.GIVEN, withdrawal__isnull=True).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )


# --- Reasons to open a file -----------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    kind: str  # housing, signal, consent, client, break_glass
    label: str
    until: dt.datetime | None = None


def _grace() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=settings.FILE_REASON_GRACE_DAYS)


def _handled_signals(orgs: set[int]):
    from wijkpunt.signalling.models import OPEN_STATUSES, Signal

    return Signal.objects.filter(owner_organisation_id__in=orgs).filter(
        Q(status__in=OPEN_STATUSES) | Q(updated_at__gte=_grace())
    )


def file_reasons(user, household: Household) -> list[Reason]:
    """Every reason on record for which the user may open this household's file (empty: they
    may find it, not open it)."""
    reasons: list[Reason] = []
    housing_estates = _housing_estate_ids(user)
    if housing_estates and _tenancies_in(housing_estates).filter(household=household).exists():
        # The housing company's own reason is enough: the others are not looked up.
        return [Reason("housing", str(_("The housing company manages this tenancy")))]
    orgs = organisation_ids(user)
    if not orgs:
        return reasons
    for signal in _handled_signals(orgs).filter(household=household).only("pk")[:5]:
        reasons.append(Reason("signal", str(_("Signal %(ref)s") % {"ref": signal.reference})))
    for consent in active_consents().filter(
        household=household,
        organisation_id__in=orgs,
        purpose__in=[ConsentPurpose.SHARE, ConsentPurpose.COMMUNITY_CONTACT],
    ):
        reasons.append(
            Reason("consent", str(_("Consent: %(p)s") % {"p": consent.get_purpose_display()}))
        )
    now = timezone.now()
    for referral in _received_referrals(user, working=True).filter(household=household)[:5]:
        reasons.append(Reason("referral", str(_("Referral %(ref)s") % {"ref": referral.reference})))
    for reason in FileReason.objects.filter(
        household=household, until__gt=now, ended_at__isnull=True
    ).filter(
        Q(kind=ReasonKind.CLIENT, organisation_id__in=orgs)
        | Q(kind=ReasonKind.BREAK_GLASS, user=user)
    ):
        reasons.append(Reason(reason.kind, reason.get_kind_display(), reason.until))
    return reasons


def file_fields(reasons: list[Reason], user, household: Household) -> set[str] | None:
    """What the file shows of the household itself: everything (``None``) with any reason
    but a referral; with referrals only, the details they share."""
    if not reasons or any(r.kind != "referral" for r in reasons):
        return None
    fields: set[str] = set()
    for codes in (
        _received_referrals(user, working=True)
        .filter(household=household)
        .values_list("shared_fields", flat=True)
    ):
        fields.update(c for c in codes.split() if c in SharedField.values)
    return fields


def file_consents(user, household: Household, *, restricted: bool) -> QuerySet[Consent]:
    """The household's consents as its file lists them; a reader who opens the file only for
    a referral (``restricted``) sees those their own organisations recorded or are named in
    (the referral's own is on its page)."""
    consents = Consent.objects.filter(household=household, withdraws__isnull=True)
    if restricted:
        orgs = organisation_ids(user)
        consents = consents.filter(
            Q(recorded_by_organisation_id__in=orgs) | Q(organisation_id__in=orgs)
        )
    return consents.select_related(
        "organisation", "resident", "recorded_by", "withdrawal"
    ).order_by("-at", "-id")


def _tenancies_in(estates: set[int]):
    from wijkpunt.housing.models import Tenancy

    today = timezone.localdate()
    return Tenancy.objects.filter(dwelling__building__estate_id__in=estates).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=housing.former_tenant_cutoff(today))
    )


class NeedsReason(Exception):
    """The user may find this household but not open its file without a reason."""

    def __init__(self, household: Household) -> None:
        super().__init__(household.pk)
        self.household = household


def get_findable_household(user, pk: int) -> Household:
    """The household if the user may find it (for the reason step), else 404."""
    try:
        return housing.visible_households(user).get(pk=pk)
    except Household.DoesNotExist:
        raise Http404("Not found") from None


def get_household_to_work_on(user, pk: int) -> Household:
    """The household for a write on its file: 404 when the user may not find it, 403 when
    they have no reason on record to open its file."""
    household = get_findable_household(user, pk)
    if not file_reasons(user, household):
        raise PermissionDenied(_("You have no reason on record to open this household's file."))
    return household


def get_file_for(
    user, pk: int, *, request: HttpRequest | None = None, purpose: str = "household file"
) -> tuple[Household, list[Reason]]:
    """The household and the reasons the user opens its file for; the read is audited with
    the reason. 404 when the user may not even find it; ``NeedsReason`` when they may find it
    but have no reason on record."""
    household = get_findable_household(user, pk)
    reasons = file_reasons(user, household)
    if not reasons:
        raise NeedsReason(household)
    record_read(
        request=request,
        actor=user,
        object_type="household",
        object_id=household.pk,
        household_id=household.pk,
        purpose=f"{purpose}: {reasons[0].kind}",
    )
    return household, reasons


# --- Entries ----------------------------------------------------------------------------


def entry_filter(user, household: Household | None = None, *, signal_ids=None) -> Q:
    """The Q on TimelineEntry of the entries the user may see in a file they may open. For
    one household's file (``household``), the few signals, referrals, consents and shared
    entries that decide are looked up first (a handful of small queries) and the filter
    names them; without, it is one set of subqueries for any household."""
    from wijkpunt.signalling.access import visible_signals

    roles = partners.active_roles(user)
    if not roles:
        return Q(pk__in=[])
    own = Q(author=user) | Q(sensitivity=S.SHARED)
    for role in roles:
        sensitivities = role_sensitivities(role)
        if sensitivities:
            own |= Q(organisation_id=role.organisation_id, sensitivity__in=sensitivities)
    # What a consent lets the partners share with the user's organisations.
    orgs = organisation_ids(user)
    casework = {r.organisation_id for r in roles if role_sensitivities(r)}
    sharing = active_consents().filter(
        purpose=ConsentPurpose.SHARE, organisation_id__in=casework & orgs
    )
    signals = visible_signals(user)
    referrals = visible_referrals(user)
    received = Referral.shared_entries.through.objects.filter(
        referral__in=_received_referrals(user, working=True).values("pk")
    )
    if household is not None:
        kinds: set[str] = set()
        if casework:
            for scope in sharing.filter(household=household).values_list("scope", flat=True):
                kinds.update(scope.split())
        kinds &= {S.HOUSING, S.SOCIAL, S.COMMUNITY}
        if kinds:
            own |= Q(sensitivity__in=sorted(kinds))
        if signal_ids is None:  # (the file page passes the ids of the signals it lists)
            signal_ids = list(signals.filter(household=household).values_list("pk", flat=True))
        referral_ids = list(referrals.filter(household=household).values_list("pk", flat=True))
        visible = (
            Q(kind=EntryKind.SIGNAL, signal_id__in=signal_ids)
            | Q(kind=EntryKind.REFERRAL, referral_id__in=referral_ids)
            | (~Q(kind__in=[EntryKind.SIGNAL, EntryKind.REFERRAL]) & own)
        )
        if casework:
            shared_ids = list(
                received.filter(referral__household=household).values_list(
                    "timelineentry_id", flat=True
                )
            )
            if shared_ids:
                visible |= Q(pk__in=shared_ids)
        return visible
    if casework:
        for sensitivity in (S.HOUSING, S.SOCIAL, S.COMMUNITY):
            own |= Q(sensitivity=sensitivity) & Q(
                Exists(
                    sharing.filter(
                        household=OuterRef("household"), scope__contains=f" {sensitivity} "
                    )
                )
            )
    visible = (
        Q(kind=EntryKind.SIGNAL, signal__in=signals.values("pk"))
        | Q(kind=EntryKind.REFERRAL, referral__in=referrals.values("pk"))
        | (~Q(kind__in=[EntryKind.SIGNAL, EntryKind.REFERRAL]) & own)
    )
    if casework:
        # What a referral the user's organisation works on shares with it (any kind of entry).
        visible |= Q(Exists(received.filter(timelineentry_id=OuterRef("pk"))))
    return visible


def visible_entries(user, household: Household, *, signal_ids=None) -> QuerySet[TimelineEntry]:
    """The household's current entries (not superseded) that the user may see, newest first.
    ``signal_ids``: the household's signals the user may see, when the caller has them."""
    return (
        TimelineEntry.objects.filter(household=household, superseded_by__isnull=True)
        .filter(entry_filter(user, household, signal_ids=signal_ids))
        .select_related("organisation", "author", "signal__category", "supersedes")
    )


# --- Referrals ------------------------------------------------------------------------------


def _recipient_window() -> Q:
    """The referrals a recipient still sees: open, or closed after work less than
    ``REFERRAL_ACCESS_DAYS`` ago; and never once the consent it rests on has ended."""
    after = timezone.now() - dt.timedelta(days=settings.REFERRAL_ACCESS_DAYS)
    consent_holds = ~Q(basis=ReferralBasis.CONSENT) | Q(consent__in=active_consents().values("pk"))
    return consent_holds & (
        Q(status__in=OPEN_REFERRAL_STATUSES) | Q(status__in=CLOSED_AFTER_WORK, closed_at__gte=after)
    )


def _received_referrals(user, *, working: bool = False) -> QuerySet[Referral]:
    """Referrals to the user's casework organisations that they still see; ``working``: only
    those accepted (worked on, or closed after work within the window)."""
    casework = casework_organisation_ids(user)
    if not casework:
        return Referral.objects.none()
    found = Referral.objects.filter(to_organisation_id__in=casework).filter(_recipient_window())
    if working:
        found = found.filter(status__in=(*WORKING_REFERRAL_STATUSES, *CLOSED_AFTER_WORK))
    return found


def visible_referrals(user) -> QuerySet[Referral]:
    """The referrals the user sees: sent by their casework organisations (or by themselves),
    and received by them within the recipient's window. Nobody without an active staff role
    (a tenant, someone who left their organisation) sees any."""
    if not user or not user.is_authenticated or not partners.active_roles(user):
        return Referral.objects.none()
    casework = casework_organisation_ids(user)
    sent = Q(sent_by_id=user.pk) | Q(from_organisation_id__in=casework)
    received = Q(to_organisation_id__in=casework) & _recipient_window()
    return Referral.objects.filter(sent | received) if casework else Referral.objects.filter(sent)


def referral_side(user, referral: Referral) -> str:
    """ "sender" or "recipient": how the user takes part in a referral they see. A service
    outside Wijkpunt has no account: its sender records its answers."""
    casework = casework_organisation_ids(user)
    if referral.to_organisation_id is not None and referral.to_organisation_id in casework:
        return "recipient"
    return "sender"


def get_referral_for(user, pk: int, *, request: HttpRequest | None = None) -> Referral:
    """The referral if the user sees it (404 otherwise); the read is audited."""
    try:
        referral = (
            visible_referrals(user)
            .select_related(
                "household",
                "from_organisation",
                "to_organisation",
                "to_service__organization",
                "sent_by",
                "consent",
                "signal",
            )
            .get(pk=pk)
        )
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise Http404("Not found") from None
    record_read(
        request=request,
        actor=user,
        object_type="referral",
        object_id=referral.pk,
        household_id=referral.household_id,
        purpose="household file: referral",
    )
    return referral


def dwelling_hidden(user, signal) -> bool:
    """Whether the user sees the building of a signal instead of its exact dwelling: staff of
    an organisation that received the signal by a hand-over that did not share the dwelling
    (the housing company that manages the tenancy always sees it)."""
    if signal.dwelling_id is None:
        return False
    orgs = organisation_ids(user)
    if not orgs or _housing_estate_ids(user):
        return False
    received = Referral.objects.filter(signal_id=signal.pk, to_organisation_id__in=orgs)
    return (
        received.exists()
        and not received.filter(shared_fields__contains=f" {SharedField.ADDRESS} ").exists()
    )


# --- Case meetings --------------------------------------------------------------------------


def visible_meetings(user) -> QuerySet:
    """The case meetings the user takes part in (nobody else sees them, not even their
    organisation's colleagues)."""
    from wijkpunt.households.models import CaseMeeting, MeetingParticipant

    if not user or not user.is_authenticated or not partners.active_roles(user):
        return CaseMeeting.objects.none()
    return CaseMeeting.objects.filter(
        Exists(MeetingParticipant.objects.filter(meeting=OuterRef("pk"), user_id=user.pk))
    )


def get_meeting_for(user, pk: int, *, request: HttpRequest | None = None):
    """(meeting, the user's seat); 404 for anybody who is not a participant. What the meeting
    holds of households is shown (and audited) only once the seat acknowledged
    confidentiality."""
    from wijkpunt.audit.actions import record_list_read
    from wijkpunt.households.models import CaseMeeting, MeetingParticipant

    try:
        meeting = visible_meetings(user).select_related("organisation", "created_by").get(pk=pk)
    except (CaseMeeting.DoesNotExist, ValueError, TypeError):
        raise Http404("Not found") from None
    seat = MeetingParticipant.objects.get(meeting=meeting, user_id=user.pk)
    if seat.acknowledged_at is not None:
        household_ids = list(meeting.agenda.values_list("household_id", flat=True))
        if household_ids:
            record_list_read(
                request=request,
                actor=user,
                object_type="case-meeting",
                household_ids=household_ids,
                purpose="case meeting",
            )
    return meeting, seat

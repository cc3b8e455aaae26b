"""The only way to a signal. Need-to-know between partners:

- the reporter sees their own signals (the public part of them);
- staff see the signals of the categories their organisation may see (Category.visible_to_*)
  in the estates their roles cover; signals without a category wait at the triage desk, which
  coordinators, tenant consultants, OCMW reception and administrators of the estate see;
- the organisation that owns a signal (after routing or a hand-over) always sees it, and so
  does the person handling it and the worker who registered it.
Every read of a signal page by staff is written to the audit log.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from wijkpunt.audit.actions import record_read
from wijkpunt.partners import access as partners
from wijkpunt.partners.models import Role
from wijkpunt.signalling.models import Attachment, Category, EventKind, Signal, SignalEvent

TRIAGE_ROLES = {Role.COORDINATOR, Role.TENANT_CONSULTANT, Role.OCMW_RECEPTION, Role.ADMINISTRATOR}


def _categories() -> list[Category]:
    return list(Category.objects.prefetch_related("visible_to_organisations"))


def _category_ids_for(categories: list[Category], organisation, role: str) -> list[int]:
    return [c.pk for c in categories if c.visible_to(organisation, role)]


def _category_ids_for_role(categories: list[Category], role: str) -> list[int]:
    return [c.pk for c in categories if not c.visible_to_roles or role in c.visible_to_roles]


def staff_signal_filter(user) -> Q | None:
    """The Q of the signals a staff member may see, or None when they have no staff role."""
    roles = partners.active_roles(user)
    if not roles:
        return None
    cached = getattr(user, "_signal_filter", None)
    if cached is not None:
        return cached
    q = Q(owner_user=user) | Q(registered_by=user)
    all_categories = _categories()
    for role in roles:
        org = role.organisation
        categories = _category_ids_for(all_categories, org, role.role)
        estates = [e.pk for e in role.estates.all()] or [e.pk for e in org.estates.all()]
        # The owning organisation (after routing or a hand-over) sees its signals, within the
        # roles the category allows.
        q |= Q(owner_organisation_id=org.pk) & (
            Q(category__isnull=True)
            | Q(category_id__in=_category_ids_for_role(all_categories, role.role))
        )
        if estates and categories:
            q |= Q(category_id__in=categories, estate_id__in=estates)
        if estates and role.role in TRIAGE_ROLES:
            q |= Q(category__isnull=True, estate_id__in=estates)
    user._signal_filter = q
    return q


def role_may_see(role, signal: Signal) -> bool:
    """Whether staff with this role may see this signal: the same rule as
    ``staff_signal_filter``, for one role and one loaded signal (who gets an e-mail about a
    signal: alerts, reminders, escalations, replies). ``role`` is a StaffRole with its
    organisation (and their estates) loaded; the signal's category with its
    ``visible_to_organisations`` may be prefetched."""
    category = signal.category if signal.category_id else None
    org = role.organisation
    if signal.owner_organisation_id == org.pk and (
        category is None or not category.visible_to_roles or role.role in category.visible_to_roles
    ):
        return True
    estates = [e.pk for e in role.estates.all()] or [e.pk for e in org.estates.all()]
    if signal.estate_id is None or signal.estate_id not in estates:
        return False
    if category is None:
        return role.role in TRIAGE_ROLES
    return category.visible_to(org, role.role)


def user_may_see(user, roles, signal: Signal) -> bool:
    """``role_may_see`` for a person with these active roles, including what they see as the
    person handling it or the worker who registered it."""
    if user.pk in {signal.owner_user_id, signal.registered_by_id}:
        return True
    return any(role_may_see(r, signal) for r in roles)


def visible_signals(user) -> QuerySet[Signal]:
    if not user or not user.is_authenticated:
        return Signal.objects.none()
    q = staff_signal_filter(user)
    if q is None:
        return Signal.objects.filter(reporter=user)
    return Signal.objects.filter(q | Q(reporter=user))


def visible_events(user, signal: Signal) -> QuerySet[SignalEvent]:
    """A signal's history as a member of staff who may see the signal reads it: internal notes
    only of their own organisations (and their own), so that a hand-over does not take the
    first organisation's notes along (in the query). Internal files: ``visible_attachments``."""
    orgs = [r.organisation_id for r in partners.active_roles(user)]
    others_notes = Q(kind=EventKind.NOTE) & ~Q(actor_id=user.pk) & ~Q(data__organisation__in=orgs)
    # An internal file's event names the file: it follows the file (``visible_attachments``).
    others_files = (
        Q(kind=EventKind.ATTACHMENT, public=False)
        & ~Q(actor_id=user.pk)
        & ~Q(actor__staff_roles__organisation_id__in=orgs)
    )
    return SignalEvent.objects.filter(signal=signal).exclude(others_notes).exclude(others_files)


def visible_attachments(user, signal: Signal) -> QuerySet[Attachment]:
    """A signal's files as a member of staff who may see the signal reads them: what the
    resident may see, and internal files only of their own organisations (and their own)."""
    orgs = [r.organisation_id for r in partners.active_roles(user)]
    others_internal = (
        Q(public=False)
        & ~Q(uploaded_by_id=user.pk)
        & ~Q(uploaded_by__staff_roles__organisation_id__in=orgs)
    )
    return Attachment.objects.filter(signal=signal).exclude(others_internal)


def own_signals(user) -> QuerySet[Signal]:
    """What a resident reported themselves (the portal's list)."""
    if not user or not user.is_authenticated:
        return Signal.objects.none()
    return Signal.objects.filter(reporter=user)


class SignalAction(StrEnum):
    """What a user wants to do with a signal; ``get_signal_for`` checks it in one place."""

    READ = "read"  # open it: every staff member who may see it
    ACT = "act"  # status, assign, hand over, notes, messages, files, merge
    TRIAGE = "triage"  # category and urgency


def may(user, signal: Signal, action: str) -> bool:
    """Whether the user may do ``action`` on a signal they can see."""
    if action == SignalAction.READ:
        return True
    if action == SignalAction.ACT:
        return can_act_on(user, signal)
    if action == SignalAction.TRIAGE:
        return can_triage(user, signal)
    raise ValueError(f"Unknown signal action: {action!r}")


def get_signal_for(
    user,
    pk: int,
    *,
    action: str = SignalAction.READ,
    request: HttpRequest | None = None,
    purpose: str = "",
    audit: bool = True,
) -> Signal:
    """The signal, loaded and authorised in one call: 404 when the user may not see it (so
    existence does not leak), ``PermissionDenied`` (403) when they may see it but not do
    ``action``. Staff reads are written to the audit log, refused actions included."""
    if action not in set(SignalAction):
        raise ValueError(f"Unknown signal action: {action!r}")
    try:
        signal = (
            visible_signals(user)
            .select_related("category", "estate", "building", "dwelling__building", "common_space")
            .get(pk=pk)
        )
    except (Signal.DoesNotExist, ValueError, TypeError):
        raise Http404("No such signal") from None
    if audit and signal.reporter_id != user.pk:
        record_read(
            request=request,
            actor=user,
            object_type="signal",
            object_id=signal.pk,
            household_id=signal.household_id,
            purpose=purpose,
        )
    if not may(user, signal, action):
        raise PermissionDenied("Not allowed on this signal")
    return signal


def get_own_signal_for(user, pk: int) -> Signal:
    try:
        return own_signals(user).select_related("category").get(pk=pk)
    except (Signal.DoesNotExist, ValueError, TypeError):
        raise Http404("No such signal") from None


def can_triage(user, signal: Signal | None = None) -> bool:
    return partners.has_role(user, *TRIAGE_ROLES) or (
        signal is not None
        and signal.owner_organisation_id is not None
        and any(
            r.organisation_id == signal.owner_organisation_id for r in partners.active_roles(user)
        )
    )


def can_act_on(user, signal: Signal) -> bool:
    """May change status, assign, write notes and messages: staff of the owning organisation,
    the person handling it, or a triage role while it has no owner yet."""
    if signal.owner_user_id == user.pk:
        return True
    if signal.owner_organisation_id and any(
        r.organisation_id == signal.owner_organisation_id for r in partners.active_roles(user)
    ):
        return True
    return signal.owner_organisation_id is None and partners.has_role(user, *TRIAGE_ROLES)


def reporter_as_seen_by(user, signal: Signal) -> dict:
    """Who reported a signal, as far as this member of staff may know: the screens and the API
    show the same. A reporter from a household whose personal data the user may not read is
    "hidden"; an anonymous report stays anonymous."""
    from django.utils.translation import gettext as _

    from wijkpunt.housing.access import visible_households

    if signal.anonymous:
        return {"label": _("anonymous"), "hidden": False, "anonymous": True}
    name = signal.reporter_name or (
        signal.reporter.full_name if signal.reporter_id and signal.reporter is not None else ""
    )
    if signal.household_id is not None:
        if not visible_households(user).filter(pk=signal.household_id).exists():
            return {"label": _("resident (not visible to you)"), "hidden": True}
        household = signal.household
        assert household is not None  # household_id is set
        return {
            "label": name or household.name,
            "name": name,
            "household": household,
            "email": signal.reporter_email
            or (signal.reporter.email if signal.reporter_id and signal.reporter is not None else "")
            or household.email,
            "phone": signal.reporter_phone or household.phone,
            "hidden": False,
        }
    # No household: someone from outside the registry (public form, a worker, a neighbour).
    return {
        "label": name or _("not known"),
        "name": name,
        "email": signal.contact_email(),
        "phone": signal.reporter_phone,
        "hidden": False,
    }

"""Deadline reminders and escalation.

``check_deadlines(now)`` runs as a background task every few minutes (the worker's scheduler)
and by hand with ``wijkpunt deadlines check``. For open signals whose clock runs (not paused
while waiting for the resident) it:

- reminds the people handling it when the first response is due within the policy's
  ``remind_before_hours`` (working hours; clock hours for urgent signals; at most half the
  time allowed) and nobody has answered yet (``reminded_at``);
- escalates to the coordinators of the owning organisation (and the team) when the first
  response deadline passed without an answer (an ``escalated`` event for the first response);
- reminds the people handling it when the resolution is due within the same window (at most
  half the time allowed to resolve it; ``resolution_reminded_at``);
- escalates when the resolution deadline passed (``escalated_at``).

Reopening a signal gives it new deadlines and clears the resolution markers, so its reminder
and escalation can come again.

Each step happens once per signal: the markers are set in the same transaction as the
history event, on rows locked for this run (``SELECT … FOR UPDATE SKIP LOCKED`` on
PostgreSQL; SQLite serialises writers with immediate transactions). E-mails go out after the
commit; a failing mail server never undoes the marker (the history shows the reminder)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from wijkpunt.core.mail import send_templated_mail
from wijkpunt.partners.models import Role, StaffRole
from wijkpunt.signalling import deadlines
from wijkpunt.signalling.access import user_may_see
from wijkpunt.signalling.models import (
    OPEN_STATUSES,
    DeadlinePolicy,
    EventKind,
    Signal,
    SignalEvent,
)

logger = logging.getLogger(__name__)

BATCH = 200
FIRST_RESPONSE = "first_response"
RESOLUTION = "resolution"
# No policy reminds more than this long ahead (clock time), so the candidate query stays small.
MAX_REMIND_AHEAD = dt.timedelta(days=21)


@dataclass
class DeadlineRun:
    """What one run did: signal ids per step, and how many e-mails went out."""

    reminded: list[int] = field(default_factory=list)
    reminded_resolution: list[int] = field(default_factory=list)
    escalated_first_response: list[int] = field(default_factory=list)
    escalated_resolution: list[int] = field(default_factory=list)
    emails: int = 0
    failed_emails: int = 0

    @property
    def total(self) -> int:
        return (
            len(self.reminded)
            + len(self.reminded_resolution)
            + len(self.escalated_first_response)
            + len(self.escalated_resolution)
        )


@dataclass(frozen=True)
class _Mail:
    signal_id: int
    kind: str  # "reminder" or "escalated"
    deadline: str  # FIRST_RESPONSE or RESOLUTION
    recipients: tuple[tuple[str, str], ...]  # (e-mail, language)


# --- Who hears about it -----------------------------------------------------------------------


class StaffDirectory:
    """Active staff roles, loaded once per run, to find owners and coordinators without a
    query per signal. Nobody hears about a signal their role may not see
    (``access.role_may_see``): not a team member, not a coordinator of another organisation
    in the estate, not an administrator."""

    def __init__(self) -> None:
        self.roles = list(
            StaffRole.objects.filter(active=True, user__is_active=True)
            .select_related("user", "organisation")
            .prefetch_related("estates", "organisation__estates")
        )
        self.by_user: dict[int, list[StaffRole]] = {}
        for role in self.roles:
            self.by_user.setdefault(role.user_id, []).append(role)

    def _may_see(self, role: StaffRole, signal: Signal) -> bool:
        """Whether this person (in any of their roles) may see the signal."""
        return user_may_see(role.user, self.by_user.get(role.user_id, [role]), signal)

    @staticmethod
    def _covers(role: StaffRole, estate_id: int | None) -> bool:
        if estate_id is None:
            return True
        own = [e.pk for e in role.estates.all()]
        if own:
            return estate_id in own
        return estate_id in [e.pk for e in role.organisation.estates.all()]

    @staticmethod
    def _entry(role: StaffRole) -> tuple[str, str]:
        return role.user.email, role.user.language or settings.LANGUAGE_CODE

    @staticmethod
    def _team_mailbox(signal: Signal) -> list[tuple[str, str]]:
        """A team's shared address, read by everyone in the team: only when the category
        does not restrict roles and the team belongs to the organisation handling it."""
        team = signal.owner_team
        category = signal.category if signal.category_id else None
        if (
            team is None
            or not team.email
            or team.organisation_id != signal.owner_organisation_id
            or (category is not None and category.visible_to_roles)
        ):
            return []
        return [(team.email, settings.LANGUAGE_CODE)]

    def _team(self, signal: Signal) -> list[tuple[str, str]]:
        return [
            self._entry(r)
            for r in self.roles
            if r.team_id == signal.owner_team_id and self._may_see(r, signal)
        ] + self._team_mailbox(signal)

    def owners(self, signal: Signal) -> list[tuple[str, str]]:
        """The person handling it; else the team; else the organisation's staff covering the
        estate (within the roles the category allows)."""
        if (
            signal.owner_user_id
            and signal.owner_user is not None
            and signal.owner_user.email
            and signal.owner_user.is_active
        ):
            return [(signal.owner_user.email, signal.owner_user.language or "nl-be")]
        if signal.owner_team_id:
            found = self._team(signal)
            if found:
                return found
        return [
            self._entry(r)
            for r in self.roles
            if r.organisation_id == signal.owner_organisation_id
            and signal.owner_organisation_id is not None
            and r.role not in {Role.ADMINISTRATOR}
            and self._covers(r, signal.estate_id)
            and self._may_see(r, signal)
        ] or self.coordinators(signal)

    def coordinators(self, signal: Signal) -> list[tuple[str, str]]:
        """The coordinators of the owning organisation covering the estate, and the team.
        A signal without an owner waits at the triage desk: the coordinators of every
        organisation working in the estate hear about it. Without any coordinator, the
        administrators do. Always only those who may see it."""
        org_id = signal.owner_organisation_id

        def of_role(role_name: str) -> list[tuple[str, str]]:
            return [
                self._entry(r)
                for r in self.roles
                if r.role == role_name
                and (org_id is None or r.organisation_id == org_id)
                and self._covers(r, signal.estate_id)
                and self._may_see(r, signal)
            ]

        found = of_role(Role.COORDINATOR) or of_role(Role.ADMINISTRATOR)
        if signal.owner_team_id:
            found += self._team(signal)
        return found


def unique_recipients(recipients: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    seen: set[str] = set()
    result = []
    for email, language in recipients:
        if email and email.lower() not in seen:
            seen.add(email.lower())
            result.append((email, language))
    return tuple(result)


# --- Finding what is due ----------------------------------------------------------------------


def _policies() -> dict[tuple[int | None, bool], DeadlinePolicy]:
    return {(p.category_id, p.urgent): p for p in DeadlinePolicy.objects.all()}


def _policy(policies, signal: Signal) -> DeadlinePolicy | None:
    return policies.get((signal.category_id, signal.urgent)) or policies.get((None, signal.urgent))


def _remind_due(signal: Signal, policy: DeadlinePolicy | None, now: dt.datetime) -> bool:
    """Is the first response due within the policy's reminder window? The window is at most
    half the time allowed, so a signal is never "reminded" the moment it comes in."""
    hours = min(policy.remind_before_hours, policy.first_response_hours / 2) if policy else 4
    if not hours or signal.first_response_due is None or signal.first_response_due <= now:
        return False
    if signal.urgent:
        left = signal.first_response_due - now
    else:
        left = deadlines.working_time_between(now, signal.first_response_due)
    return left <= dt.timedelta(hours=hours)


def _resolution_window(policy: DeadlinePolicy | None, urgent: bool) -> dt.timedelta:
    """How long before the resolution deadline the reminder goes out: the policy's hours, at
    most half the time allowed to resolve it (working time; clock time when urgent)."""
    if policy is None:
        return dt.timedelta(hours=4)
    allowed = (
        dt.timedelta(days=policy.resolution_days)
        if urgent
        else deadlines.working_day_length() * policy.resolution_days
    )
    return min(dt.timedelta(hours=policy.remind_before_hours), allowed / 2)


def _remind_resolution_due(signal: Signal, policy: DeadlinePolicy | None, now: dt.datetime) -> bool:
    """Is the resolution due within its reminder window?"""
    if signal.resolution_due is None or signal.resolution_due <= now:
        return False
    window = _resolution_window(policy, signal.urgent)
    if not window:
        return False
    if signal.urgent:
        left = signal.resolution_due - now
    else:
        left = deadlines.working_time_between(now, signal.resolution_due)
    return left <= window


def _running() -> Q:
    return Q(status__in=OPEN_STATUSES, paused_at__isnull=True)


def _lock(queryset):
    """Lock the rows for this run; rows another run holds are skipped (it handles them)."""
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset.select_for_update()


def _related(queryset):
    return (
        queryset.select_related("owner_user", "owner_team", "category")
        .prefetch_related("category__visible_to_organisations")
        .order_by("pk")
    )


def _batches(queryset) -> Iterable[list[int]]:
    """Candidate ids in batches; each batch is locked and re-checked in its own transaction."""
    ids = list(queryset.values_list("pk", flat=True).order_by("pk"))
    for i in range(0, len(ids), BATCH):
        yield ids[i : i + BATCH]


def _event(signal: Signal, kind: str, now: dt.datetime, **data) -> SignalEvent:
    return SignalEvent(signal=signal, kind=kind, at=now, public=False, data=data)


def _remind(
    batch, is_due, *, marker: str, deadline: str, now, staff, found: list[int], mails: list
) -> None:
    """One locked batch of reminder candidates: mark the due ones (``marker``), write their
    history event, and queue the e-mail to the people handling them."""
    with transaction.atomic():
        due = [s for s in _lock(_related(batch)) if is_due(s)]
        for s in due:
            setattr(s, marker, now)
        Signal.objects.bulk_update(due, [marker])
        SignalEvent.objects.bulk_create(
            [_event(s, EventKind.REMINDER, now, deadline=deadline) for s in due]
        )
        for s in due:
            found.append(s.pk)
            mails.append(_Mail(s.pk, "reminder", deadline, unique_recipients(staff.owners(s))))


def check_deadlines(now: dt.datetime | None = None) -> DeadlineRun:
    """Remind and escalate whatever is due at ``now`` (see the module's docstring)."""
    now = now or timezone.now()
    run = DeadlineRun()
    staff = StaffDirectory()
    policies = _policies()
    mails: list[_Mail] = []

    # (a) Reminders before the first response is due.
    reminders = Signal.objects.filter(
        _running(),
        first_response_at__isnull=True,
        reminded_at__isnull=True,
        first_response_due__gt=now,
        first_response_due__lte=now + MAX_REMIND_AHEAD,
    )
    for ids in _batches(reminders):
        _remind(
            reminders.filter(pk__in=ids),
            lambda s: _remind_due(s, _policy(policies, s), now),
            marker="reminded_at",
            deadline=FIRST_RESPONSE,
            now=now,
            staff=staff,
            found=run.reminded,
            mails=mails,
        )

    # (b) Reminders before the resolution is due. Most open signals have a resolution
    # deadline within weeks: only those within the widest reminder window are candidates.
    windows = {urgent: [_resolution_window(None, urgent)] for urgent in (False, True)}
    for (_category, urgent), policy in policies.items():
        windows[urgent].append(_resolution_window(policy, urgent))
    horizon = min(
        max(now + max(windows[True]), deadlines.add_working_time(now, max(windows[False]))),
        now + MAX_REMIND_AHEAD,
    )
    resolution_reminders = Signal.objects.filter(
        _running(),
        resolution_reminded_at__isnull=True,
        escalated_at__isnull=True,
        resolution_due__gt=now,
        resolution_due__lte=horizon,
    )
    for ids in _batches(resolution_reminders):
        _remind(
            resolution_reminders.filter(pk__in=ids),
            lambda s: _remind_resolution_due(s, _policy(policies, s), now),
            marker="resolution_reminded_at",
            deadline=RESOLUTION,
            now=now,
            staff=staff,
            found=run.reminded_resolution,
            mails=mails,
        )

    # (c) The first response deadline passed without an answer.
    already = SignalEvent.objects.filter(
        signal=OuterRef("pk"), kind=EventKind.ESCALATED, data__deadline=FIRST_RESPONSE
    )
    late_answers = Signal.objects.filter(
        _running(),
        first_response_at__isnull=True,
        escalated_at__isnull=True,
        first_response_due__lte=now,
    ).exclude(Exists(already))
    for ids in _batches(late_answers):
        with transaction.atomic():
            locked = list(_lock(_related(late_answers.filter(pk__in=ids))))
            SignalEvent.objects.bulk_create(
                [
                    _event(
                        s,
                        EventKind.ESCALATED,
                        now,
                        deadline=FIRST_RESPONSE,
                        due=s.first_response_due.isoformat(),
                    )
                    for s in locked
                ]
            )
            for s in locked:
                run.escalated_first_response.append(s.pk)
                mails.append(
                    _Mail(
                        s.pk, "escalated", FIRST_RESPONSE, unique_recipients(staff.coordinators(s))
                    )
                )

    # (d) The resolution deadline passed.
    late = Signal.objects.filter(_running(), escalated_at__isnull=True, resolution_due__lte=now)
    for ids in _batches(late):
        with transaction.atomic():
            locked = list(_lock(_related(late.filter(pk__in=ids))))
            for s in locked:
                s.escalated_at = now
            Signal.objects.bulk_update(locked, ["escalated_at"])
            SignalEvent.objects.bulk_create(
                [
                    _event(
                        s,
                        EventKind.ESCALATED,
                        now,
                        deadline=RESOLUTION,
                        due=s.resolution_due.isoformat(),
                    )
                    for s in locked
                ]
            )
            for s in locked:
                run.escalated_resolution.append(s.pk)
                mails.append(
                    _Mail(s.pk, "escalated", RESOLUTION, unique_recipients(staff.coordinators(s)))
                )

    _send_all(mails, run)
    if run.total:
        logger.info(
            "Deadlines: %s reminded (first response), %s reminded (resolution), "
            "%s escalated (first response), %s escalated (resolution)",
            len(run.reminded),
            len(run.reminded_resolution),
            len(run.escalated_first_response),
            len(run.escalated_resolution),
        )
    return run


# --- Mail -------------------------------------------------------------------------------------


def _send_all(mails: list[_Mail], run: DeadlineRun) -> None:
    if not mails:
        return
    signals = Signal.objects.select_related(
        "category", "estate", "building", "owner_organisation", "owner_team", "owner_user"
    ).in_bulk([m.signal_id for m in mails])
    for mail in mails:
        signal = signals.get(mail.signal_id)
        if signal is None:
            continue
        for email, language in mail.recipients:
            try:
                send_templated_mail(
                    f"signalling/email/{mail.kind}.txt",
                    {
                        "signal": signal,
                        "deadline": mail.deadline,
                        "due": signal.first_response_due
                        if mail.deadline == FIRST_RESPONSE
                        else signal.resolution_due,
                        "site_url": settings.SITE_URL,
                    },
                    email,
                    language,
                )
                run.emails += 1
            except Exception:
                run.failed_emails += 1
                logger.exception("Could not send the %s for signal %s", mail.kind, signal.pk)

"""Reaching people: one notice to many households, each through every channel it has.

    from wijkpunt.outreach.reach import reach

    reach(
        households=Audience.of(on=today, estates=[estate]),   # or households, or their ids
        message={"nl-be": ("Onderwerp", "Tekst…"), "fr": ("Objet", "Texte…")},
        kind="followup.action",           # the capability's name for this kind of notice
        ref="12:3",                       # which notice of that kind (stable, unique)
        by=request.user,
        link=lambda r: f"https://…/e/{r.estate_slug}/acties/",   # optional, per household
    )

For each household:

- **portal**: when one of its residents has an account, the message shows in their portal
  (``portal_messages``; read state per account);
- **e-mail**: to the household's address, in the household's language, sent by a background
  task after the transaction commits (``send_queued_emails``), never inside it; each e-mail
  goes out once (``core.mail.send_templated_mail(once=…)``);
- **letter**: a household without an e-mail address gets a letter *to print*; the letters
  mechanism prints what ``letters_due(kind=…)`` returns and calls ``mark_printed``;
- a household with none of these (no account, no e-mail, no current address) is recorded as
  **not reached**, so the sender sees who still needs a visit or a call.

Every channel of every household is one ``Delivery`` row (kind, ref, household, channel,
language, state, created_at). ``reach`` is idempotent per (kind, ref, household, channel):
calling it again — a task that runs twice, a sender who clicks twice — adds only what is
missing. ``summary(kind=…, ref=…)`` is the sender's view: counts per channel and state and
the households not reached at all.

``message`` is a mapping of language → (subject, body) (or ``{"subject": …, "body": …}``), or a
callable ``message(language) -> (subject, body)`` that is called with that language active
(``translation.override``), once per language needed."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone, translation

from wijkpunt.housing.access import tenant_resident
from wijkpunt.housing.models import Household, Resident, Tenancy
from wijkpunt.outreach.audience import Audience
from wijkpunt.outreach.models.reach import (
    REACHING_STATES,
    Channel,
    Delivery,
    DeliveryState,
    Message,
    MessageRead,
)

logger = logging.getLogger(__name__)

MAIL_TEMPLATE = "outreach/mail/reach.txt"
BATCH = 1000

MessageSource = Mapping[str, Any] | Callable[[str], tuple[str, str]]


@dataclass(frozen=True)
class Recipient:
    """A household as ``reach`` sees it: how it can be reached, and where it lives now."""

    household_id: int
    name: str
    language: str
    email: str
    has_account: bool
    estate_id: int | None
    estate_slug: str


def channels_for(recipient: Recipient) -> list[tuple[str, str]]:
    """(channel, state) of each way this household is reached."""
    found: list[tuple[str, str]] = []
    if recipient.has_account:
        found.append((Channel.PORTAL, DeliveryState.SHOWN))
    if recipient.email:
        found.append((Channel.EMAIL, DeliveryState.QUEUED))
    elif recipient.estate_id is not None:
        found.append((Channel.LETTER, DeliveryState.TO_PRINT))
    return found or [(Channel.NONE, DeliveryState.UNREACHABLE)]


def _household_ids(households) -> Any:
    """Ids (a list, or a subquery for an audience or a queryset) of what ``reach`` was given."""
    if isinstance(households, Audience):
        return households.household_ids_qs()
    if isinstance(households, QuerySet):
        return households.values("pk")
    return sorted({getattr(h, "pk", h) for h in households})


def recipients(households, *, on: dt.date | None = None) -> list[Recipient]:
    """The households with their language, e-mail address, whether one of their residents
    has an active account, and the estate they live in on ``on`` (None: no current home)."""
    on = on or timezone.localdate()
    current = (
        Tenancy.objects.current(on).filter(household=OuterRef("pk")).order_by("-start_date", "-pk")
    )
    accounts = Resident.objects.filter(
        household=OuterRef("pk"), user__isnull=False, user__is_active=True
    ).filter(Q(moved_out_on__isnull=True) | Q(moved_out_on__gt=on))
    rows = (
        Household.objects.filter(pk__in=_household_ids(households))
        .annotate(
            estate_id=Subquery(current.values("dwelling__building__estate_id")[:1]),
            estate_slug=Subquery(current.values("dwelling__building__estate__slug")[:1]),
            has_account=Exists(accounts),
        )
        .order_by("pk")
        .values_list("pk", "name", "language", "email", "has_account", "estate_id", "estate_slug")
    )
    return [
        Recipient(
            pk, name, language or settings.LANGUAGE_CODE, email or "", bool(acc), eid, slug or ""
        )
        for pk, name, language, email, acc, eid, slug in rows.iterator(chunk_size=BATCH)
    ]


def render_texts(message: MessageSource, languages: Iterable[str]) -> dict[str, dict[str, str]]:
    """``{language: {"subject": …, "body": …}}`` for these languages (a mapping is taken as it
    is, for the languages it has; a callable is called with each language active)."""
    if callable(message):
        texts = {}
        for language in dict.fromkeys(languages):
            with translation.override(language):
                subject, body = message(language)
            texts[language] = {"subject": " ".join(str(subject).split()), "body": str(body)}
        return texts
    texts = {}
    for language, value in message.items():
        if isinstance(value, Mapping):
            subject, body = value.get("subject", ""), value.get("body", "")
        else:
            subject, body = value
        if subject:
            texts[language] = {"subject": " ".join(str(subject).split()), "body": str(body)}
    return texts


@dataclass
class ReachResult:
    message: Message
    # channel -> households reached through it (this call and earlier calls with the same ref)
    counts: dict[str, int] = field(default_factory=dict)
    created: int = 0


@transaction.atomic
def reach(
    *,
    households,
    message: MessageSource,
    kind: str,
    ref: str,
    by=None,
    link: str | Callable[[Recipient], str] | None = None,
    on: dt.date | None = None,
) -> ReachResult:
    """Tell these households ``message`` through every channel each has (see the module's
    docstring). Idempotent per (kind, ref, household, channel). E-mails leave after commit."""
    people = recipients(households, on=on)
    languages = [code for code, _name in settings.LANGUAGES] + [p.language for p in people]
    record, _created = Message.objects.get_or_create(
        kind=kind,
        ref=ref,
        defaults={
            "texts": render_texts(message, languages),
            "created_by": by if by is not None and by.is_authenticated else None,
        },
    )
    now = timezone.now()
    rows = []
    for person in people:
        target = link(person) if callable(link) else (link or "")
        for channel, state in channels_for(person):
            rows.append(
                Delivery(
                    message=record,
                    kind=kind,
                    ref=ref,
                    household_id=person.household_id,
                    channel=channel,
                    language=person.language,
                    state=state,
                    address=person.email if channel == Channel.EMAIL else "",
                    link=target[:500],
                    created_at=now,
                    updated_at=now,
                )
            )
    before = Delivery.objects.filter(message=record).count()
    Delivery.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    counts = Counter(
        dict(
            Delivery.objects.filter(message=record)
            .values_list("channel")
            .annotate(n=Count("pk"))
            .values_list("channel", "n")
        )
    )
    created = sum(counts.values()) - before
    if Delivery.objects.filter(
        message=record, channel=Channel.EMAIL, state=DeliveryState.QUEUED
    ).exists():
        message_id = record.pk
        transaction.on_commit(lambda: _enqueue_emails(message_id))
    return ReachResult(message=record, counts=dict(counts), created=created)


def _enqueue_emails(message_id: int) -> None:
    from wijkpunt.outreach.reach_tasks import send_reach_emails

    send_reach_emails.enqueue(message_id)


def send_queued_emails(*, message_id: int) -> dict[str, int]:
    """Send the e-mails of a message still waiting, one by one, each at most once; a failing
    address is marked failed (the sender sees it) and does not stop the others."""
    done = Counter[str]()
    waiting = Delivery.objects.filter(
        message_id=message_id, channel=Channel.EMAIL, state=DeliveryState.QUEUED
    ).select_related("message")
    for delivery in waiting.iterator(chunk_size=200):
        subject, body = delivery.text()
        try:
            send_templated_mail_once(delivery, subject, body)
        except Exception as error:  # noqa: BLE001 - one bad address must not stop the rest
            logger.warning("E-mail of delivery %s failed: %s", delivery.pk, error)
            Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.QUEUED).update(
                state=DeliveryState.FAILED, error=str(error)[:500], updated_at=timezone.now()
            )
            done["failed"] += 1
            continue
        Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.QUEUED).update(
            state=DeliveryState.SENT, updated_at=timezone.now()
        )
        done["sent"] += 1
    return dict(done)


def send_templated_mail_once(delivery: Delivery, subject: str, body: str) -> None:
    from wijkpunt.core.mail import send_templated_mail

    # False when an earlier run already sent it (its state was not saved yet): sent either way.
    send_templated_mail(
        MAIL_TEMPLATE,
        {"subject": subject, "body": body, "link": delivery.link},
        delivery.address,
        delivery.language,
        once=f"outreach.delivery:{delivery.pk}",
    )


# -- letters -------------------------------------------------------------------------------


def letters_due(kind: str | None = None) -> QuerySet[Delivery]:
    """Letters still to print (for households without e-mail), oldest first; the letters
    mechanism renders each with ``delivery.text()`` in ``delivery.language`` and the
    household's current address, then calls ``mark_printed``."""
    due = Delivery.objects.filter(channel=Channel.LETTER, state=DeliveryState.TO_PRINT)
    if kind is not None:
        due = due.filter(kind=kind)
    return due.select_related("message", "household").order_by("created_at", "pk")


@transaction.atomic
def mark_printed(*, deliveries: Iterable[Delivery] | QuerySet[Delivery], by=None) -> int:
    """Letters that were printed (in a batch that finished): they are no longer due."""
    ids = (
        deliveries.values("pk") if isinstance(deliveries, QuerySet) else [d.pk for d in deliveries]
    )
    return Delivery.objects.filter(
        pk__in=ids, channel=Channel.LETTER, state=DeliveryState.TO_PRINT
    ).update(state=DeliveryState.PRINTED, updated_at=timezone.now())


# -- the sender's view ---------------------------------------------------------------------


@dataclass
class Unreached:
    household_id: int
    name: str
    why: str  # "none" (no channel at all) or "failed" (the e-mail could not be sent)


@dataclass
class ReachSummary:
    """Who was reached how: households, counts per channel (and per state), the households
    that no channel reached."""

    households: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    by_state: dict[tuple[str, str], int] = field(default_factory=dict)
    unreached: list[Unreached] = field(default_factory=list)

    @property
    def rows(self) -> list[dict]:
        """One row per channel, in a fixed order, with its states (for a table)."""
        out = []
        for channel in (Channel.PORTAL, Channel.EMAIL, Channel.LETTER):
            states = {state: n for (c, state), n in sorted(self.by_state.items()) if c == channel}
            out.append(
                {
                    "channel": channel,
                    "label": channel.label,
                    "count": self.by_channel.get(channel, 0),
                    "states": [(DeliveryState(s).label, n) for s, n in states.items()],
                }
            )
        return out


def summary(*, kind: str, ref: str | None = None, ref_prefix: str | None = None) -> ReachSummary:
    """The sender's view of one notice (``ref``) or of all notices whose ref starts with
    ``ref_prefix``: a household counts once per channel."""
    deliveries = Delivery.objects.filter(kind=kind)
    if ref is not None:
        deliveries = deliveries.filter(ref=ref)
    if ref_prefix is not None:
        deliveries = deliveries.filter(ref__startswith=ref_prefix)
    rows = list(deliveries.values_list("household_id", "channel", "state"))
    result = ReachSummary()
    per_channel: dict[str, set[int]] = {}
    reached: set[int] = set()
    failed: set[int] = set()
    states = Counter[tuple[str, str]]()
    households: set[int] = set()
    for household_id, channel, state in rows:
        households.add(household_id)
        if channel == Channel.NONE:
            continue
        per_channel.setdefault(channel, set()).add(household_id)
        states[(channel, state)] += 1
        if state in REACHING_STATES:
            reached.add(household_id)
        elif state == DeliveryState.FAILED:
            failed.add(household_id)
    result.households = len(households)
    result.by_channel = {c: len(ids) for c, ids in per_channel.items()}
    result.by_state = dict(states)
    missing = sorted(households - reached)
    names = dict(Household.objects.filter(pk__in=missing).values_list("pk", "name"))
    result.unreached = [
        Unreached(hid, names.get(hid, ""), "failed" if hid in failed else "none") for hid in missing
    ]
    return result


# -- the portal ----------------------------------------------------------------------------


def portal_messages(user) -> QuerySet[Delivery]:
    """The portal messages of the tenant's household, newest first, with ``is_read`` for
    this account. Nothing for someone who is not a tenant."""
    resident = tenant_resident(user)
    if resident is None:
        return Delivery.objects.none()
    return (
        Delivery.objects.filter(household_id=resident.household_id, channel=Channel.PORTAL)
        .select_related("message")
        .annotate(is_read=Exists(MessageRead.objects.filter(delivery=OuterRef("pk"), user=user)))
        .order_by("-created_at", "-pk")
    )


def unread_messages(user) -> QuerySet[Delivery]:
    """The tenant's portal messages this account has not opened yet, newest first."""
    resident = tenant_resident(user)
    if resident is None:
        return Delivery.objects.none()
    return (
        Delivery.objects.filter(household_id=resident.household_id, channel=Channel.PORTAL)
        .exclude(Exists(MessageRead.objects.filter(delivery=OuterRef("pk"), user=user)))
        .select_related("message")
        .order_by("-created_at", "-pk")
    )


def unread_count(user) -> int:
    return unread_messages(user).count()


def get_portal_message_for(user, pk) -> Delivery:
    """One portal message of the tenant's own household; 404 for anything else."""
    found = portal_messages(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such message")
    return found


def mark_read(*, delivery: Delivery, user) -> bool:
    """The account opened this message; True the first time."""
    _read, created = MessageRead.objects.get_or_create(delivery=delivery, user=user)
    return created

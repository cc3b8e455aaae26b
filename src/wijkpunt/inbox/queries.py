"""Reads of the staff inbox: queues, filters, full-text search, sorting and one page of rows.

Everything starts from ``signalling.access.visible_signals(user)``: a queue or a filter only
ever narrows what the user may see.

Full-text search
----------------
- PostgreSQL: the ``dutch`` text search configuration (stemming: "lekken" finds "lekt",
  "lekkage" does not), with web-search syntax ("lift -kapot", "\"geen verwarming\"", "gas or
  rook"). Backed by the GIN expression index ``signal_text_dutch_fts`` (migration 0001).
- SQLite: every word must occur in the text (AND), case- and accent-insensitive, as a part of
  a word ("lek" finds "lekt" and "lekkage"). No stemming, no ranking, no operators; every row
  of the queue is scanned, which is fine for the size of an embedded installation.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkpunt.partners import access as partners
from wijkpunt.signalling import access
from wijkpunt.signalling.models import OPEN_STATUSES, Signal, SignalStatus

PAGE_SIZE = 50
SHORT_TEXT = 140
DUPLICATE_DAYS = 30


@dataclass(frozen=True)
class Queue:
    key: str
    label: str


QUEUES = (
    Queue("mine", _("My signals")),
    Queue("team", _("My team")),
    Queue("estates", _("My estates")),
    Queue("triage", _("Triage desk")),
    Queue("all", _("Everything I may see")),
)
QUEUE_KEYS = {q.key for q in QUEUES}
DEFAULT_QUEUE = "all"

SORTS = {
    "deadline": _("Deadline (urgent first)"),
    "newest": _("Newest first"),
    "oldest": _("Oldest first"),
}
DEFAULT_SORT = "deadline"


def queues_for(user) -> list[Queue]:
    """The queues this user has: the triage desk only for the roles that triage."""
    return [q for q in QUEUES if q.key != "triage" or access.can_triage(user)]


def team_ids(user) -> set[int]:
    return {r.team_id for r in partners.active_roles(user) if r.team_id}


def queue_filter(user, key: str) -> Q:
    if key == "mine":
        return Q(owner_user=user)
    if key == "team":
        return Q(owner_team_id__in=team_ids(user))
    if key == "estates":
        return Q(estate_id__in=partners.estate_ids(user))
    if key == "triage":
        if not access.can_triage(user):
            return Q(pk__in=[])
        return Q(needs_triage=True) | Q(category__isnull=True)
    return Q()


def overdue_q(now: dt.datetime | None = None) -> Q:
    now = now or timezone.now()
    return Q(
        resolution_due__lt=now,
        status__in=list(OPEN_STATUSES),
        paused_at__isnull=True,
    )


@dataclass
class Filters:
    queue: str = DEFAULT_QUEUE
    statuses: list[str] = field(default_factory=list)  # empty: every open status
    category_ids: list[int] = field(default_factory=list)
    estate_ids: list[int] = field(default_factory=list)
    urgent: bool = False
    overdue: bool = False
    channels: list[str] = field(default_factory=list)
    q: str = ""
    sort: str = DEFAULT_SORT


# A reference as residents quote it on the phone ("M-000123", "m 123"), or its bare number.
REFERENCE = re.compile(r"^m\s*-?\s*0*(\d{1,12})$", re.IGNORECASE)
NUMBER = re.compile(r"^0*(\d{1,12})$")


def search(qs: QuerySet[Signal], text: str) -> QuerySet[Signal]:
    """Full-text search over the signal text (see the module docstring for both engines). A
    reference finds its signal; a bare number finds the signal with that reference as well as
    texts that contain it."""
    text = (text or "").strip()
    if not text:
        return qs
    if reference := REFERENCE.match(text):
        return qs.filter(pk=int(reference.group(1)))
    number = NUMBER.match(text)
    by_number = Q(pk=int(number.group(1))) if number else Q(pk__in=[])
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        query = SearchQuery(text[:200], config="dutch", search_type="websearch")
        return qs.alias(fts=SearchVector("text", config="dutch")).filter(Q(fts=query) | by_number)
    from wijkpunt.workspace.textsearch import Fold, fold

    terms = [t.strip("\"'()-+") for t in fold(text[:200]).split()]
    terms = [t for t in terms if t][:8]
    if not terms:
        return qs
    words = Q()
    for term in terms:
        words &= Q(folded_text__contains=term)
    return qs.alias(folded_text=Fold("text")).filter(words | by_number)


def ordering(sort: str) -> list:
    if sort == "newest":
        return [F("created_at").desc(), F("id").desc()]
    if sort == "oldest":
        return [F("created_at").asc(), F("id").asc()]
    return [
        F("urgent").desc(),
        F("resolution_due").asc(nulls_last=True),
        F("id").asc(),
    ]


def signals_for(user, filters: Filters) -> QuerySet[Signal]:
    """The filtered, sorted queue (not yet sliced)."""
    qs = access.visible_signals(user).filter(queue_filter(user, filters.queue))
    statuses = filters.statuses or sorted(OPEN_STATUSES)
    qs = qs.filter(status__in=statuses)
    if filters.category_ids:
        qs = qs.filter(category_id__in=filters.category_ids)
    if filters.estate_ids:
        qs = qs.filter(estate_id__in=filters.estate_ids)
    if filters.urgent:
        qs = qs.filter(urgent=True)
    if filters.overdue:
        qs = qs.filter(overdue_q())
    if filters.channels:
        qs = qs.filter(channel__in=filters.channels)
    qs = search(qs, filters.q)
    return qs.order_by(*ordering(filters.sort))


ROW_FIELDS = (
    "id",
    "status",
    "channel",
    "urgent",
    "needs_triage",
    "created_at",
    "resolution_due",
    "first_response_due",
    "paused_at",
    "category_id",
    "estate_id",
    "building_id",
    "common_space_id",
    "owner_organisation_id",
    "owner_team_id",
    "owner_user_id",
    "household_id",  # not shown: the audit log records whose signals a page showed
)
RELATED = {
    "category": ("id", "slug", "name", "name_fr", "name_en"),
    "estate": ("id", "name", "slug"),
    "building": ("id", "street", "number"),
    "common_space": ("id", "name"),
    "owner_organisation": ("id", "name", "short_name"),
    "owner_team": ("id", "name"),
    "owner_user": ("id", "full_name", "email"),
}
# The same columns in one joined statement (the map, and the benchmark's raw-SQL baseline).
JOINED_ROW_FIELDS = (
    *ROW_FIELDS,
    *(f"{relation}__{name}" for relation, names in RELATED.items() for name in names),
)


def rows(qs: QuerySet[Signal], *, joined: bool = False) -> QuerySet[Signal]:
    """Only what a row shows: no household, no reporter, a short text.

    Without ``joined`` the statement reads the signals table alone; ``attach_related`` then
    fills in the related rows with one small query per kind. On a million signals this keeps
    the planner's work (eight joins cost ~20 ms of planning) out of every page view, and the
    number of queries stays the same whatever the page size."""
    qs = qs.annotate(short_text=Substr("text", 1, SHORT_TEXT + 1))
    if joined:
        return qs.select_related(*RELATED).only(*JOINED_ROW_FIELDS)
    return qs.only(*ROW_FIELDS)


def attach_related(items: list[Signal]) -> list[Signal]:
    """Fill in category, estate, building, common space and owners of the rows: one query per
    kind of related row that occurs, never one per signal."""
    from wijkpunt.accounts.models import User
    from wijkpunt.housing.models import Building, CommonSpace, Estate
    from wijkpunt.partners.models import Organisation, Team
    from wijkpunt.signalling.models import Category

    models = {
        "category": Category,
        "estate": Estate,
        "building": Building,
        "common_space": CommonSpace,
        "owner_organisation": Organisation,
        "owner_team": Team,
        "owner_user": User,
    }
    for relation, model in models.items():
        ids = {getattr(s, f"{relation}_id") for s in items} - {None}
        found = model.objects.only(*RELATED[relation]).in_bulk(ids) if ids else {}
        for s in items:
            related_id = getattr(s, f"{relation}_id")
            setattr(s, relation, found.get(related_id) if related_id is not None else None)
    return items


@dataclass
class Page:
    number: int
    size: int
    items: list[Signal]
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.size + 1 if self.items else 0

    @property
    def end_index(self) -> int:
        return (self.number - 1) * self.size + len(self.items)


def label_rows(items: list[Signal]) -> None:
    """Display values of the rows, computed once per page (the template's ``get_*_display``
    and filters cost more than the query itself on a 50-row page)."""
    from wijkpunt.inbox.templatetags.inbox import deadline_words, owner, place
    from wijkpunt.signalling.models import Channel

    statuses = {k: str(v) for k, v in SignalStatus.choices}
    channels = {k: str(v) for k, v in Channel.choices}
    now = timezone.now()
    category_labels: dict[int, str] = {}
    for s in items:
        s.status_label = statuses.get(s.status, s.status)
        s.channel_label = channels.get(s.channel, s.channel)
        if s.category_id is not None and s.category_id not in category_labels:
            category_labels[s.category_id] = s.category.label()
        s.category_label = category_labels.get(s.category_id, "")
        s.place_label = place(s)
        s.owner_label = owner(s)
        s.overdue = s.is_overdue
        s.deadline_label = deadline_words(
            s.resolution_due, paused=s.paused_at, status=s.status, now=now
        )


def page_of(qs: QuerySet[Signal], number: int, size: int | None = None) -> Page:
    """One page without counting the whole queue (one query; one row more tells whether a
    next page exists)."""
    size = size or PAGE_SIZE
    number = max(1, number)
    offset = (number - 1) * size
    items = list(rows(qs)[offset : offset + size + 1])
    attach_related(items[:size])
    label_rows(items[:size])
    return Page(number=number, size=size, items=items[:size], has_next=len(items) > size)


def possible_duplicates(user, signal: Signal, limit: int = 10) -> list[Signal]:
    """Same building (or common space) and category, open or reported in the last 30 days,
    visible to the user."""
    if signal.category_id is None or not (signal.building_id or signal.common_space_id):
        return []
    place = (
        Q(common_space_id=signal.common_space_id)
        if signal.common_space_id
        else Q(building_id=signal.building_id)
    )
    since = timezone.now() - dt.timedelta(days=DUPLICATE_DAYS)
    return attach_related(
        list(
            rows(
                access.visible_signals(user)
                .filter(place, category_id=signal.category_id)
                .filter(Q(status__in=list(OPEN_STATUSES)) | Q(created_at__gte=since))
                .exclude(pk=signal.pk)
                .exclude(status=SignalStatus.MERGED)
                .order_by("-created_at", "-id")
            )[:limit]
        )
    )

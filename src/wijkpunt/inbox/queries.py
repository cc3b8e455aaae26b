"""Reads of the staff inbox: queues, filters, full-text search, sorting and one page of rows.

Everything starts from ``signalling.access.visible_signals(user)``: a queue or a filter only
ever narrows what the user may see.

Full-text search
----------------
- PostgreSQL: the ``dutch`` text search configuration (stemming: "lekken" finds "lek"; for a
  query without operators the word forms of the SQLite search are added, so "lekt" finds
  "lek" too), with web-search syntax ("lift -kapot", "\"geen verwarming\"", "gas or
  rook"). Backed by the GIN expression index ``signal_text_dutch_fts`` (migration 0001).
- SQLite: the Dutch stem of every word (Snowball, ``snowballstemmer``) must occur in the text
  (AND), case- and accent-insensitive, as a part of a word: "lekt" and "lekken" look for "lek"
  and find "lek", "lekt" and "lekkage". No ranking, no operators; every row of the queue is
  scanned, which is fine for the size of an embedded installation.
- On both: every word in the reporter's or household's name (only households the reader may
  see; never an anonymous report) or in the address (street, number, postcode, the place in
  words) also finds the signal: the person on the phone gives their name and address.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol, cast

from django.db import connection
from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkpunt.partners import access as partners
from wijkpunt.signalling import access
from wijkpunt.signalling.models import (
    OPEN_STATUSES,
    EventKind,
    Signal,
    SignalEvent,
    SignalStatus,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ListedSignal(Protocol):
    """What a page of the inbox adds to each of its signals for the templates
    (``label_rows``, ``mark_replied``)."""

    status_label: str
    channel_label: str
    category_label: str
    place_label: str
    owner_label: str
    overdue: bool
    deadline_label: str
    resident_replied: bool


PAGE_SIZE = 50
SHORT_TEXT = 140
DUPLICATE_DAYS = 30


@dataclass(frozen=True)
class Queue:
    key: str
    label: StrOrPromise


QUEUES = (
    Queue("mine_team", _("Mine and my team")),
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


def default_queue(user) -> str:
    """Where the list opens: the full queue for coordinators and the desk roles (who triage
    and distribute), "mine and my team" for the people who handle signals."""
    return DEFAULT_QUEUE if access.can_triage(user) else "mine_team"


def team_ids(user) -> set[int]:
    return {r.team_id for r in partners.active_roles(user) if r.team_id}


def queue_filter(user, key: str) -> Q:
    if key == "mine_team":
        return Q(owner_user=user) | Q(owner_team_id__in=team_ids(user))
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
    replied: bool = False  # the resident replied and nobody answered yet
    include_closed: bool = False  # every status when no status is ticked


# A reference as residents quote it on the phone ("M-000123", "m 123"), or its bare number.
REFERENCE = re.compile(r"^m\s*-?\s*0*(\d{1,12})$", re.IGNORECASE)
NUMBER = re.compile(r"^0*(\d{1,12})$")


def _stem(term: str) -> str:
    """The Dutch stem of a folded word ("lekt" → "lek", "verwarming" → "verwarm")."""
    stem = _stemmer().stemWord(term)
    return stem if len(stem) >= 3 else term


def _forms(term: str) -> set[str]:
    """What the SQLite search looks for in the text: the word itself and its stem, so that
    every form of the word is found. Snowball writes a stem's final v and z as f and s
    ("living" → "lif"): the spelling of the text is tried as well ("liv")."""
    stem = _stem(term)
    forms = {term, stem}
    if stem != term and stem[-1] in "fs" and term.startswith(stem[:-1]):
        forms.add(stem[:-1] + term[len(stem) - 1])
    return forms


@functools.cache
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("dutch")


def _who_and_where(user, terms: list[str]) -> Q:
    """Every term in the reporter's name, the household's name or the address. Names only
    where the user may read the household (need-to-know in the query, never after loading);
    an anonymous report is never found by a name."""
    from wijkpunt.housing.access import visible_households
    from wijkpunt.workspace.textsearch import is_number_term

    may_know = Q(anonymous=False) & (
        Q(household__isnull=True) | Q(household_id__in=visible_households(user).values("pk"))
    )
    found = Q()
    for term in terms:
        place = Q(folded_street__contains=term) | Q(folded_location__contains=term)
        if is_number_term(term):
            place |= Q(building__number__iexact=term) | Q(building__postcode=term)
        person = (
            Q(folded_reporter_name__contains=term)
            | Q(folded_reporter__contains=term)
            | Q(folded_household__contains=term)
        )
        found &= place | (may_know & person)
    return found


def _who_and_where_aliases(qs: QuerySet[Signal]) -> QuerySet[Signal]:
    from wijkpunt.workspace.textsearch import Fold

    return qs.alias(
        folded_street=Fold("building__street"),
        folded_location=Fold("location_text"),
        folded_reporter_name=Fold("reporter_name"),
        folded_reporter=Fold("reporter__full_name"),
        folded_household=Fold("household__name"),
    )


def search(qs: QuerySet[Signal], text: str, user=None) -> QuerySet[Signal]:
    """Search the way someone on the phone is found: the words of the text (see the module
    docstring for both engines), the reporter's or the household's name, the address, the
    reference ("M-000123", "m 123") or its bare number."""
    text = (text or "").strip()
    if not text:
        return qs
    if reference := REFERENCE.match(text):
        return qs.filter(pk=int(reference.group(1)))
    number = NUMBER.match(text)
    by_number = Q(pk=int(number.group(1))) if number else Q(pk__in=[])
    from wijkpunt.workspace.textsearch import Fold, fold, split_terms

    terms = split_terms(text[:200])[:8]
    who_where = Q(pk__in=[])
    if user is not None and terms:
        who_where = _who_and_where(user, terms)
        qs = _who_and_where_aliases(qs)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        query = SearchQuery(text[:200], config="dutch", search_type="websearch")
        plain = [w.strip("\"'()+") for w in fold(text[:200]).split()][:8]
        if plain and not any(w.startswith("-") or w == "or" for w in plain) and '"' not in text:
            # The same forms as on SQLite (PostgreSQL's Dutch stemmer keeps "lekt" as is),
            # in one text-search query so that the index serves it.
            every = None
            for word in filter(None, plain):
                forms = None
                for form in sorted(_forms(word)):
                    one = SearchQuery(form, config="dutch")
                    forms = one if forms is None else forms | one
                assert forms is not None  # _forms() holds at least the word itself
                every = forms if every is None else every & forms
            if every is not None:
                query = query | every
        return qs.alias(fts=SearchVector("text", config="dutch")).filter(
            Q(fts=query) | by_number | who_where
        )
    words = [t.strip("\"'()-+") for t in fold(text[:200]).split()]
    words = [t for t in words if t][:8]
    if not words:
        return qs.filter(by_number | who_where)
    in_text = Q()
    for word in words:
        any_form = Q()
        for form in sorted(_forms(word)):
            any_form |= Q(folded_text__contains=form)
        in_text &= any_form
    return qs.alias(folded_text=Fold("text")).filter(in_text | by_number | who_where)


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


def replied_q() -> Q:
    """The resident replied after our last message (or status change with a message)."""
    answered_later = SignalEvent.objects.filter(
        signal_id=OuterRef(OuterRef("pk")), at__gt=OuterRef("at")
    ).filter(Q(kind=EventKind.MESSAGE) | Q(kind=EventKind.STATUS, public=True, text__gt=""))
    return Q(
        Exists(
            SignalEvent.objects.filter(signal_id=OuterRef("pk"), kind=EventKind.REPLY).filter(
                ~Exists(answered_later)
            )
        )
    )


def signals_for(user, filters: Filters) -> QuerySet[Signal]:
    """The filtered, sorted queue (not yet sliced)."""
    qs = access.visible_signals(user).filter(queue_filter(user, filters.queue))
    if filters.statuses:
        qs = qs.filter(status__in=filters.statuses)
    elif not filters.include_closed:
        qs = qs.filter(status__in=sorted(OPEN_STATUSES))
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
    if filters.replied:
        qs = qs.filter(replied_q())
    qs = search(qs, filters.q, user)
    return qs.order_by(*ordering(filters.sort))


TOTAL_CAP = 1000


def total(qs: QuerySet[Signal]) -> tuple[int, bool]:
    """How many signals a list holds, counted up to ``TOTAL_CAP`` (a queue of a million does
    not need an exact figure to be "more than 1,000"): (count, more)."""
    found = qs.order_by()[: TOTAL_CAP + 1].count()
    return min(found, TOTAL_CAP), found > TOTAL_CAP


def hidden_matches(user, filters: Filters) -> dict:
    """For a search: how many matches the default "open only" and the queue hide."""
    if not filters.q:
        return {}
    hints = {}
    if not filters.statuses and not filters.include_closed:
        closed = sorted(set(SignalStatus.values) - OPEN_STATUSES)
        hints["closed"] = total(signals_for(user, replace(filters, statuses=closed)))[0]
    if filters.queue != DEFAULT_QUEUE:
        everywhere = total(signals_for(user, replace(filters, queue=DEFAULT_QUEUE)))[0]
        here = total(signals_for(user, filters))[0]
        hints["queue"] = max(0, everywhere - here)
    return {k: v for k, v in hints.items() if v}


def mark_replied(items: list[Signal]) -> None:
    """``resident_replied`` on each row: one query for the page."""
    if not items:
        return
    last: dict[int, dict[str, dt.datetime]] = {}
    answers = Q(kind=EventKind.MESSAGE) | Q(kind=EventKind.STATUS, public=True, text__gt="")
    for row in (
        SignalEvent.objects.filter(signal_id__in=[s.pk for s in items])
        .filter(Q(kind=EventKind.REPLY) | answers)
        .values("signal_id", "kind")
        .annotate(last=Max("at"))
    ):
        kind = "reply" if row["kind"] == EventKind.REPLY else "answer"
        seen = last.setdefault(row["signal_id"], {})
        seen[kind] = max(seen.get(kind, row["last"]), row["last"])
    for s in items:
        seen = last.get(s.pk, {})
        cast(ListedSignal, s).resident_replied = "reply" in seen and (
            "answer" not in seen or seen["reply"] > seen["answer"]
        )


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
        found = model._default_manager.only(*RELATED[relation]).in_bulk(ids) if ids else {}
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
    category_labels: dict[int | None, str] = {}
    for s in items:
        row = cast(ListedSignal, s)
        row.status_label = statuses.get(s.status, s.status)
        row.channel_label = channels.get(s.channel, s.channel)
        if (
            s.category_id is not None
            and s.category_id not in category_labels
            and s.category is not None
        ):
            category_labels[s.category_id] = s.category.label()
        row.category_label = category_labels.get(s.category_id, "")
        row.place_label = place(s)
        row.owner_label = owner(s)
        row.overdue = s.is_overdue
        row.deadline_label = deadline_words(
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
    mark_replied(items[:size])
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


@dataclass
class Section:
    """One block of the staff landing page: what needs this person now."""

    key: str
    label: str
    count: int
    more: bool
    rows: list[Signal]
    query: dict


FIRST_FEW = 5


def needs_now(user) -> list[Section]:
    """Urgent, late, mine, my team and resident replies: counts and the first few of each,
    each with the query of the filtered queue it links to. Urgent and late cover every signal
    the user may see; replies the queue the user starts on."""
    start = default_queue(user)
    wanted = [
        ("urgent", _("Urgent"), {"queue": DEFAULT_QUEUE, "urgent": "on"}),
        ("late", _("Late"), {"queue": DEFAULT_QUEUE, "overdue": "on"}),
        ("mine", _("Mine"), {"queue": "mine"}),
    ]
    if team_ids(user):
        wanted.append(("team", _("My team"), {"queue": "team"}))
    wanted.append(("replies", _("Resident replies"), {"queue": start, "replied": "on"}))
    sections = []
    for key, label, query in wanted:
        filters = Filters(
            queue=query["queue"],
            urgent="urgent" in query,
            overdue="overdue" in query,
            replied="replied" in query,
        )
        qs = signals_for(user, filters)
        # One joined statement per section (no per-kind queries for five rows) and a count.
        items = list(rows(qs, joined=True)[:FIRST_FEW])
        count, more = total(qs) if items else (0, False)
        label_rows(items)
        sections.append(Section(key, str(label), count, more, items, query))
    return sections

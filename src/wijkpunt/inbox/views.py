"""The staff inbox: queues with filters and search, bulk assign, the signal page with its
whole timeline and actions, and the map of open signals per estate."""

from __future__ import annotations

from functools import wraps
from typing import TYPE_CHECKING, Protocol, cast

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.decorators.http import require_POST

from wijkpunt.audit.actions import record_list_read
from wijkpunt.households import access as household_access
from wijkpunt.housing import access as housing
from wijkpunt.housing.models import Estate
from wijkpunt.inbox import actions as inbox_actions
from wijkpunt.inbox import forms, history, queries
from wijkpunt.intake import actions as intake_actions
from wijkpunt.signalling import access, workflow
from wijkpunt.signalling import actions as signalling
from wijkpunt.signalling.access import SignalAction
from wijkpunt.signalling.models import (
    OPEN_STATUSES,
    EventKind,
    Feedback,
    Signal,
    SignalEvent,
    SignalStatus,
    Where,
)
from wijkpunt.workspace.access import staff_required

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("page", 1)), 10_000))
    except (TypeError, ValueError):
        return 1


def _audit_rows(request: HttpRequest, signals: list[Signal], object_type: str) -> None:
    """A page that shows signals (their words, in short) is a read of the households behind
    them: one audit entry per household, in one insert."""
    record_list_read(
        request=request, object_type=object_type, household_ids=[s.household_id for s in signals]
    )


@staff_required()
def home(request: HttpRequest) -> HttpResponse:
    """The queues. Rows show no household names; only what the category allows to see."""
    user = request.user
    queues = queries.queues_for(user)
    default = queries.default_queue(user)
    queue = request.GET.get("queue") or default
    if queue not in {q.key for q in queues}:
        queue = default
    form = forms.FilterForm(request.GET or None, user=user)
    filters = form.filters(queue) if form.is_bound else queries.Filters(queue=queue)
    qs = queries.signals_for(user, filters)
    page = queries.page_of(qs, _page_number(request))
    if not page.has_next and (page.items or page.number == 1):
        # The last page: its rows and the pages before it are the whole list, no count needed.
        count, more = (page.number - 1) * page.size + len(page.items), False
    else:
        count, more = queries.total(qs)
    _audit_rows(request, page.items, "signal-list")
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("queue", None)
    hints = queries.hidden_matches(user, filters)
    with_closed = query.copy()
    with_closed["closed"] = "on"
    everywhere = request.GET.copy()
    everywhere.pop("page", None)
    everywhere["queue"] = queries.DEFAULT_QUEUE
    return render(
        request,
        "inbox/home.html",
        {
            "queues": queues,
            "queue": queue,
            "queue_label": next(q.label for q in queues if q.key == queue),
            "form": form,
            "filters": filters,
            "page": page,
            "signals": page.items,
            "filter_query": query.urlencode(),
            "filters_chosen": form.chosen(),
            "total": count,
            "total_more": more,
            "total_cap": queries.TOTAL_CAP,
            "hint_closed": hints.get("closed", 0),
            "hint_closed_url": f"?queue={queue}&{with_closed.urlencode()}",
            "hint_queue": hints.get("queue", 0),
            "hint_queue_url": f"?{everywhere.urlencode()}",
            "assign_form": forms.BulkAssignForm(user=user),
            "nav_current": "signals",
            # Row words, translated once per page instead of once per row.
            "signal_base": reverse("inbox:home"),
            "select_label": _("Select"),
            "urgent_label": _("Urgent"),
            "overdue_label": _("Overdue"),
            "unclassified_label": _("Not classified yet"),
            "triage_label": _("at the triage desk"),
            "replied_label": _("Resident replied"),
        },
    )


@staff_required()
@require_POST
def bulk_assign(request: HttpRequest) -> HttpResponse:
    """Assign the ticked signals the user may act on; the others are skipped and named."""
    user = request.user
    form = forms.BulkAssignForm(request.POST, user=user)
    back = _safe_back(request)
    if not form.is_valid():
        for error in form.errors.get("__all__", []) + form.errors.get("assignee", []):
            messages.error(request, str(error))  # an ErrorList gives its messages as texts
        return HttpResponseRedirect(back)
    result = inbox_actions.bulk_assign(
        user=user, signal_ids=form.signal_ids(), **(form.target or {})
    )
    if result.assigned:
        messages.success(
            request,
            ngettext(
                "%(count)d signal assigned.", "%(count)d signals assigned.", len(result.assigned)
            )
            % {"count": len(result.assigned)},
        )
    if result.skipped:
        messages.warning(
            request,
            _("Not assigned, because another organisation handles them: %(refs)s")
            % {"refs": ", ".join(s.reference for s in result.skipped)},
        )
    for signal, reason in result.failed:
        messages.error(
            request,
            _("%(ref)s not assigned: %(reason)s") % {"ref": signal.reference, "reason": reason},
        )
    if result.missing:
        messages.warning(
            request,
            ngettext(
                "%(count)d signal was not found.",
                "%(count)d signals were not found.",
                result.missing,
            )
            % {"count": result.missing},
        )
    return HttpResponseRedirect(back)


def _safe_back(request: HttpRequest) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    home_url = reverse("inbox:home")
    target = request.POST.get("next") or ""
    if target.startswith(home_url) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return home_url


# --- The signal page -----------------------------------------------------------------------

# The action area: one form at a time, chosen by a tab (a link that works without JavaScript;
# signal.js switches without reloading). Key, label, and the permission it needs.
TABS = (
    ("reply", pgettext_lazy("signal page tab", "Reply"), "act"),
    ("note", pgettext_lazy("signal page tab", "Note"), "act"),
    ("status", pgettext_lazy("signal page tab", "Status"), "act"),
    ("assign", pgettext_lazy("signal page tab", "Assign"), "act"),
    ("triage", pgettext_lazy("signal page tab", "Category"), "triage"),
    ("files", pgettext_lazy("signal page tab", "Files"), "act"),
)
TAB_KEYS = {key for key, _label, _need in TABS}

# Where the problem is, in staff wording (the resident's form says "My home").
WHERE_FOR_STAFF: dict[str, StrOrPromise] = {
    Where.DWELLING: gettext_lazy("In the home"),
    Where.BUILDING: gettext_lazy("In the building"),
    Where.COMMON_SPACE: gettext_lazy("In a common space"),
    Where.ESTATE: gettext_lazy("Elsewhere in the estate"),
}

PAGE_RELATED = (
    "category",
    "estate",
    "building",
    "dwelling__building",
    "common_space",
    "owner_organisation",
    "owner_team",
    "owner_user",
    "reporter",
    "registered_by",
    "household",
    "merged_into",
    "suggested_category",
)


def _suggestion(signal: Signal, events: list[SignalEvent]) -> dict | None:
    """What the triage engine suggested at intake, and the words that drove it."""
    created = next((e for e in events if e.kind == EventKind.CREATED), None)
    data = dict((created.data.get("suggestion") if created else None) or {})
    if not data:
        return None
    # Signals taken in before the words were kept have no "explanation": nothing is said.
    data["explained"] = "explanation" in data
    terms = [str(t) for t in data.get("explanation") or []]
    data["category_obj"] = signal.suggested_category
    data["words"] = [t for t in terms if not t.startswith("urgent:")]
    data["urgent_words"] = [t.split(":", 1)[1].strip() for t in terms if t.startswith("urgent:")]
    return data


def _tabs(may_act: bool, may_triage: bool, signal: Signal) -> list[dict]:
    allowed = {"act": may_act and signal.is_open, "triage": may_triage and signal.is_open}
    tabs = [
        {"key": key, "label": label}
        for key, label, need in TABS
        if allowed[need] or (key in {"reply", "note", "files"} and may_act)
    ]
    if not (workflow.allowed_transitions(signal.status) - {SignalStatus.MERGED}):
        tabs = [t for t in tabs if t["key"] != "status"]
    return tabs


def _default_tab(tabs: list[dict], signal: Signal) -> str:
    keys = [t["key"] for t in tabs]
    if signal.needs_triage and "triage" in keys:
        return "triage"
    if signal.owner_organisation_id is None and "assign" in keys:
        return "assign"
    return keys[0] if keys else ""


def _signal_context(
    request: HttpRequest, signal: Signal, bound: dict | None = None, tab: str = ""
) -> dict:
    user = request.user
    bound = bound or {}
    may_act = access.can_act_on(user, signal)
    may_triage = access.can_triage(user, signal)
    events = list(access.visible_events(user, signal).select_related("actor").order_by("at", "id"))
    attachments = [
        {"attachment": a, "url": reverse("intake_staff:attachment", args=[a.pk])}
        for a in access.visible_attachments(user, signal).select_related("uploaded_by")
    ]
    suggestion = _suggestion(signal, events)
    reporter = access.reporter_as_seen_by(user, signal)
    duplicates = queries.possible_duplicates(user, signal) if signal.is_open else []
    suggested = (suggestion or {}).get("category_obj")
    triage_initial = {
        "category": signal.category_id or (suggested.pk if suggested else None),
        "urgent": signal.urgent,
    }
    tabs = _tabs(may_act, may_triage, signal)
    tab = tab or request.GET.get("tab") or ""
    if tab not in {t["key"] for t in tabs}:
        tab = _default_tab(tabs, signal)
    assign_org = None
    if "organisation" in request.GET:
        assign_org = next(
            (
                o
                for o in forms.AssignForm(signal=signal).organisations
                if str(o.pk) == request.GET["organisation"]
            ),
            None,
        )
    return {
        "signal": signal,
        "reporter": reporter,
        "where_label": WHERE_FOR_STAFF.get(signal.where, ""),
        "dwelling_hidden": household_access.dwelling_hidden(request.user, signal),
        "resident_language": history.language_name(signal.contact_language()),
        "timeline": history.timeline(signal, events, reporter),
        "feedback": list(Feedback.objects.filter(signal=signal).select_related("by")),
        "attachments": attachments,
        "suggestion": suggestion,
        "duplicates": duplicates,
        "may_act": may_act,
        "may_triage": may_triage,
        "tabs": tabs,
        "tab": tab,
        "merged_into": signal.merged_into if signal.merged_into_id else None,
        "merged_signals": list(signal.merged_signals.only("id", "status", "created_at")),
        "triage_form": bound.get("triage") or forms.TriageForm(initial=triage_initial),
        "status_form": bound.get("status") or forms.StatusForm(signal=signal),
        "assign_form": bound.get("assign")
        or forms.AssignForm(signal=signal, organisation=assign_org),
        "note_form": bound.get("note") or forms.NoteForm(),
        "message_form": bound.get("message") or forms.MessageForm(),
        "files_form": bound.get("files") or forms.FilesForm(),
        "nav_current": "signals",
    }


def _render_page(
    request: HttpRequest, signal: Signal, *, bound=None, tab: str = "", status: int = 200
) -> HttpResponse:
    signal = Signal.objects.select_related(*PAGE_RELATED).get(pk=signal.pk)
    return render(
        request,
        "inbox/signal.html",
        _signal_context(request, signal, bound, tab),
        status=status,
    )


@staff_required(not_found=True)
def signal_page(request: HttpRequest, pk: int) -> HttpResponse:
    signal = access.get_signal_for(request.user, pk, request=request, purpose="inbox")
    return _render_page(request, signal)


def _refused(request: HttpRequest) -> HttpResponse:
    return render(request, "inbox/refused.html", status=403)


def signal_action(action: str, purpose: str):
    """A POST on a signal the user may do ``action`` on: 404 when they may not see it, the
    refusal page (403) when they may see it but not do this. One check, in
    ``signalling.access.get_signal_for``."""

    def decorator(view):
        @staff_required(not_found=True)
        @require_POST
        @wraps(view)
        def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
            try:
                signal = access.get_signal_for(
                    request.user, pk, action=action, request=request, purpose=purpose
                )
            except PermissionDenied:
                return _refused(request)
            return view(request, signal)

        return wrapper

    return decorator


def _again(request: HttpRequest, signal: Signal, key: str, form) -> HttpResponse:
    """The signal page again with the form that failed (input kept) on its tab, status 400."""
    messages.error(request, _("Not saved. Please check the form below."))
    tab = {"message": "reply"}.get(key, key)
    return _render_page(request, signal, bound={key: form}, tab=tab, status=400)


def _done(request: HttpRequest, signal: Signal, text: str, tab: str = "") -> HttpResponse:
    messages.success(request, text)
    url = reverse("inbox:signal", args=[signal.pk])
    return HttpResponseRedirect(f"{url}?tab={tab}#actions" if tab else url)


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return str(exc)


def _add_errors(form, exc: Exception, fields: dict[str, str], default: str | None) -> None:
    """An action's error on the field it is about (``fields`` maps the action's names)."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            target = fields.get(name, default)
            for error in errors:
                form.add_error(target if target in form.fields else None, error)
        return
    form.add_error(default, _message(exc))


@signal_action(SignalAction.TRIAGE, "inbox triage")
def triage(request: HttpRequest, signal: Signal) -> HttpResponse:
    form = forms.TriageForm(request.POST)
    if not form.is_valid():
        return _again(request, signal, "triage", form)
    try:
        signalling.triage_signal(
            signal=signal,
            user=request.user,
            category=form.cleaned_data["category"],
            urgent=form.cleaned_data["urgent"],
        )
    except (ValidationError, workflow.TransitionError) as exc:
        _add_errors(form, exc, {}, None)
        return _again(request, signal, "triage", form)
    return _done(request, signal, _("Category and urgency saved."))


@signal_action(SignalAction.ACT, "inbox status")
def change_status(request: HttpRequest, signal: Signal) -> HttpResponse:
    form = forms.StatusForm(request.POST, signal=signal)
    if not form.is_valid():
        return _again(request, signal, "status", form)
    try:
        signal = signalling.change_status(
            signal=signal,
            user=request.user,
            status=form.cleaned_data["status"],
            message=form.cleaned_data["message"],
        )
    except (ValidationError, workflow.TransitionError) as exc:
        _add_errors(form, exc, {"message": "message"}, "status")
        return _again(request, signal, "status", form)
    return _done(
        request,
        signal,
        _("Status changed to “%(status)s”.") % {"status": signal.get_status_display()},
    )


ASSIGN_ERROR_FIELDS = {
    "note": "reason",
    "need": "reason",
    "basis": "basis",
    "consent": "consent",
    "legal_ground": "legal_ground",
    "basis_note": "basis_note",
    "organisation": "organisation",
    "to_organisation": "organisation",
    "team": "assignee",
    "person": "assignee",
}


@signal_action(SignalAction.ACT, "inbox assign")
def assign(request: HttpRequest, signal: Signal) -> HttpResponse:
    """Assign or hand over. ``step=choose`` (the no-JavaScript two-step form) only shows the
    teams and people of the organisation chosen; nothing is saved."""
    form = forms.AssignForm(request.POST, signal=signal)
    if request.POST.get("step") == "choose":
        fresh = forms.AssignForm(
            signal=signal,
            organisation=form.chosen,
            initial={"reason": request.POST.get("reason", "")},
        )
        return _render_page(request, signal, bound={"assign": fresh}, tab="assign")
    if not form.is_valid():
        return _again(request, signal, "assign", form.again())
    data = form.cleaned_data
    organisation = data["organisation"]
    handover = form.is_handover(organisation)
    try:
        signalling.assign(
            signal=signal,
            user=request.user,
            organisation=organisation,
            team=data["team"],
            person=data["person"],
            note=data.get("reason") or "",
            basis=data.get("basis") or "",
            consent=form.chosen_consent() if form.is_referral else None,
            legal_ground=data.get("legal_ground") or "",
            basis_note=data.get("basis_note") or "",
            share_dwelling=bool(data.get("share_dwelling")),
        )
    except (ValidationError, workflow.TransitionError) as exc:
        _add_errors(form, exc, ASSIGN_ERROR_FIELDS, None)
        return _again(request, signal, "assign", form.again())
    who = " – ".join(
        str(x)
        for x in (
            organisation,
            data["team"].name if data["team"] else "",
            (data["person"].full_name or data["person"].email) if data["person"] else "",
        )
        if x
    )
    if handover:
        return _done(request, signal, _("Handed over to %(who)s.") % {"who": who})
    return _done(request, signal, _("Assigned to %(who)s.") % {"who": who})


@staff_required(not_found=True)
def assign_choices(request: HttpRequest, pk: int) -> HttpResponse:
    """The teams and people of one organisation, as the options of the assign form's list
    (fetched by signal.js when the organisation changes)."""
    try:
        signal = access.get_signal_for(
            request.user, pk, action=SignalAction.ACT, request=request, purpose="inbox assign"
        )
    except PermissionDenied:
        return _refused(request)
    form = forms.AssignForm(signal=signal)
    chosen = next(
        (o for o in form.organisations if str(o.pk) == request.GET.get("organisation", "")), None
    )
    if chosen is None:
        raise Http404("No such organisation")
    return render(
        request,
        "inbox/_assignee_options.html",
        {"choices": forms.AssignForm.assignee_choices(chosen), "organisation": chosen},
    )


def _text_action(request: HttpRequest, signal: Signal, *, key: str, form_class, write, done):
    """A note or a message: the same form and answers, another action."""
    form = form_class(request.POST)
    if not form.is_valid():
        return _again(request, signal, key, form)
    try:
        write(signal=signal, user=request.user, text=form.cleaned_data["text"])
    except ValidationError as exc:
        _add_errors(form, exc, {"text": "text"}, "text")
        return _again(request, signal, key, form)
    return _done(request, signal, done)


@signal_action(SignalAction.ACT, "inbox note")
def note(request: HttpRequest, signal: Signal) -> HttpResponse:
    return _text_action(
        request,
        signal,
        key="note",
        form_class=forms.NoteForm,
        write=signalling.add_note,
        done=_("Internal note saved."),
    )


@signal_action(SignalAction.ACT, "inbox message")
def message(request: HttpRequest, signal: Signal) -> HttpResponse:
    return _text_action(
        request,
        signal,
        key="message",
        form_class=forms.MessageForm,
        write=signalling.send_message,
        done=_("Message sent to the resident."),
    )


@signal_action(SignalAction.ACT, "inbox files")
def add_files(request: HttpRequest, signal: Signal) -> HttpResponse:
    """Photos and documents added later (a quote, a visit report, a photo of the repair)."""
    form = forms.FilesForm(request.POST, request.FILES)
    if not form.is_valid():
        return _again(request, signal, "files", form)
    try:
        stored = intake_actions.add_files(
            signal=signal,
            files=form.cleaned_data["files"],
            user=request.user,
            public=form.cleaned_data["public"],
            allow_pdf=True,
        )
    except ValidationError as exc:
        form.add_error("files", _message(exc))
        return _again(request, signal, "files", form)
    return _done(
        request,
        signal,
        ngettext("%(count)s file added.", "%(count)s files added.", len(stored))
        % {"count": len(stored)},
    )


@signal_action(SignalAction.ACT, "inbox merge")
def merge(request: HttpRequest, signal: Signal) -> HttpResponse:
    """Merge a possible duplicate into this signal (this one is kept)."""
    form = forms.MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That signal was not found."))
        return redirect("inbox:signal", pk=signal.pk)
    try:
        duplicate = access.get_signal_for(
            request.user,
            form.cleaned_data["duplicate"],
            action=SignalAction.ACT,
            request=request,
            purpose="inbox merge",
        )
    except Http404:
        messages.error(request, _("That signal was not found."))
        return redirect("inbox:signal", pk=signal.pk)
    except PermissionDenied:
        messages.error(
            request,
            _("%(ref)s is handled by another organisation: you cannot merge it.")
            % {"ref": Signal(pk=form.cleaned_data["duplicate"]).reference},
        )
        return redirect("inbox:signal", pk=signal.pk)
    try:
        signalling.merge(duplicate=duplicate, into=signal, user=request.user)
    except (ValidationError, workflow.TransitionError) as exc:
        messages.error(request, _message(exc))
        return redirect("inbox:signal", pk=signal.pk)
    return _done(
        request,
        signal,
        _("%(dup)s merged into %(ref)s. Both reporters hear back.")
        % {"dup": duplicate.reference, "ref": signal.reference},
    )


# --- The map -------------------------------------------------------------------------------


class MappedSignal(Protocol):
    """A signal of the map's list: it says whether it has a marker on the map."""

    has_marker: bool


def _busiest(user, estates: list[Estate]) -> Estate:
    """The estate with the most open signals the user may see (the map opens there)."""
    from django.db.models import Count

    counts = dict(
        access.visible_signals(user)
        .filter(status__in=list(OPEN_STATUSES), estate__in=estates)
        .order_by()
        .values("estate")
        .annotate(n=Count("id"))
        .values_list("estate", "n")
    )
    return max(estates, key=lambda e: (counts.get(e.pk, 0), -estates.index(e)))


@staff_required()
def map_view(request: HttpRequest) -> HttpResponse:
    """Open signals of one estate on a map; the same data as a table below it, so the page
    works without tiles and without JavaScript."""
    user = request.user
    estates = list(housing.visible_estates(user).order_by("name"))
    slug = request.GET.get("estate") or ""
    estate: Estate | None = None
    if slug:
        estate = next((e for e in estates if e.slug == slug), None)
        if estate is None:
            return render(
                request,
                "inbox/map.html",
                {"estates": estates, "unknown_estate": True, "nav_current": "signals"},
                status=404,
            )
    elif estates:
        estate = _busiest(user, estates)
    signals: list[Signal] = []
    markers: list[dict] = []
    without_place: list[Signal] = []
    if estate is not None:
        qs = (
            access.visible_signals(user)
            .filter(estate=estate, status__in=list(OPEN_STATUSES))
            .select_related("building")
            .order_by(*queries.ordering("deadline"))
        )
        signals = list(
            queries.rows(qs, joined=True).only(
                *queries.JOINED_ROW_FIELDS,
                "latitude",
                "longitude",
                "building__latitude",
                "building__longitude",
            )[:500]
        )
        _audit_rows(request, signals, "signal-map")
        for s in signals:
            lat = s.latitude if s.latitude is not None else getattr(s.building, "latitude", None)
            lng = s.longitude if s.longitude is not None else getattr(s.building, "longitude", None)
            if s.building_id is None and s.latitude is None:
                lat = lng = None
            if lat is None or lng is None:
                without_place.append(s)
                continue
            cast(MappedSignal, s).has_marker = True
            markers.append(
                {
                    "id": s.pk,
                    "ref": s.reference,
                    "lat": float(lat),
                    "lng": float(lng),
                    "urgent": s.urgent,
                    "overdue": s.is_overdue,
                    "category": s.category.label()
                    if s.category_id and s.category is not None
                    else _("Not classified"),
                    "status": s.get_status_display(),
                    "text": (getattr(s, "short_text", None) or "")[:80],  # rows() annotates it
                    "url": reverse("inbox:signal", args=[s.pk]),
                }
            )
    return render(
        request,
        "inbox/map.html",
        {
            "estates": estates,
            "estate": estate,
            "signals": signals,
            "markers": markers,
            "without_place": without_place,
            "map_config": {
                "tileUrl": settings.MAP_TILE_URL,
                "attribution": settings.MAP_TILE_ATTRIBUTION,
                "tilesFailed": _(
                    "The map background could not be loaded. The markers and the "
                    "list below still show every signal."
                ),
            },
            "nav_current": "signals",
        },
    )

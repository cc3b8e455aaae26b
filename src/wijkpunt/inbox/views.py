"""The staff inbox: queues with filters and search, bulk assign, the signal page with its
whole timeline and actions, and the map of open signals per estate."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wijkpunt.audit.actions import record_list_read
from wijkpunt.housing import access as housing
from wijkpunt.housing.models import Estate
from wijkpunt.inbox import actions as inbox_actions
from wijkpunt.inbox import forms, queries
from wijkpunt.intake import actions as intake_actions
from wijkpunt.signalling import access, workflow
from wijkpunt.signalling import actions as signalling
from wijkpunt.signalling.models import (
    OPEN_STATUSES,
    EventKind,
    Feedback,
    Signal,
    SignalEvent,
    SignalStatus,
)
from wijkpunt.workspace.access import staff_required


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
    queue = request.GET.get("queue") or queries.DEFAULT_QUEUE
    if queue not in {q.key for q in queues}:
        queue = queries.DEFAULT_QUEUE
    form = forms.FilterForm(request.GET or None, user=user)
    filters = form.filters(queue) if form.is_bound else queries.Filters(queue=queue)
    page = queries.page_of(queries.signals_for(user, filters), _page_number(request))
    _audit_rows(request, page.items, "signal-list")
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("queue", None)
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
            "assign_form": forms.BulkAssignForm(user=user),
            "nav_current": "inbox",
            # Row words, translated once per page instead of once per row.
            "signal_base": reverse("inbox:home"),
            "select_label": _("Select"),
            "urgent_label": _("Urgent"),
            "overdue_label": _("Overdue"),
            "unclassified_label": _("Not classified yet"),
            "triage_label": _("at the triage desk"),
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
            messages.error(request, error)
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


def _attachment_url(signal: Signal, attachment) -> str | None:
    for args in ((attachment.pk,), (signal.pk, attachment.pk)):
        try:
            return reverse("intake_staff:attachment", args=args)
        except NoReverseMatch:
            continue
    return None


def _reporter(user, signal: Signal) -> dict:
    """Who reported it, as far as this user may know (need-to-know on the household)."""
    return access.reporter_as_seen_by(user, signal)


def _suggestion(events: list[SignalEvent]) -> dict | None:
    created = next((e for e in events if e.kind == EventKind.CREATED), None)
    if created is None:
        return None
    data = dict(created.data.get("suggestion") or {})
    if not data:
        return None
    from wijkpunt.signalling.models import Category

    slug = data.get("category")
    data["category_obj"] = Category.objects.filter(slug=slug).first() if slug else None
    explanation = data.get("explanation") or data.get("reasons") or ""
    if isinstance(explanation, list | tuple):
        explanation = ", ".join(str(x) for x in explanation)
    data["explanation"] = explanation
    return data


def _timeline(signal: Signal, events: list[SignalEvent], reporter: dict) -> list[dict]:
    labels = dict(SignalStatus.choices)
    hide_reporter = reporter.get("hidden") or reporter.get("anonymous")
    rows = []
    for event in events:
        actor = event.actor
        if actor is None:
            who = ""
        elif hide_reporter and event.actor_id == signal.reporter_id:
            who = _("the resident")
        else:
            who = actor.full_name or actor.email
        rows.append(
            {
                "event": event,
                "who": who,
                "from_label": labels.get(event.from_status, ""),
                "to_label": labels.get(event.to_status, ""),
                "internal": not event.public,
            }
        )
    return rows


def _signal_context(request: HttpRequest, signal: Signal, bound: dict | None = None) -> dict:
    user = request.user
    bound = bound or {}
    may_act = access.can_act_on(user, signal)
    may_triage = access.can_triage(user, signal)
    events = list(
        SignalEvent.objects.filter(signal=signal).select_related("actor").order_by("at", "id")
    )
    attachments = [
        {"attachment": a, "url": _attachment_url(signal, a)}
        for a in signal.attachments.select_related("uploaded_by")
    ]
    suggestion = _suggestion(events)
    reporter = _reporter(user, signal)
    duplicates = queries.possible_duplicates(user, signal) if signal.is_open else []
    suggested = (suggestion or {}).get("category_obj")
    triage_initial = {
        "category": signal.category_id or (suggested.pk if suggested else None),
        "urgent": signal.urgent,
    }
    return {
        "signal": signal,
        "reporter": reporter,
        "timeline": _timeline(signal, events, reporter),
        "feedback": list(Feedback.objects.filter(signal=signal).select_related("by")),
        "attachments": attachments,
        "suggestion": suggestion,
        "duplicates": duplicates,
        "may_act": may_act,
        "may_triage": may_triage,
        "merged_into": signal.merged_into if signal.merged_into_id else None,
        "merged_signals": list(signal.merged_signals.only("id", "status", "created_at")),
        "triage_form": bound.get("triage") or forms.TriageForm(initial=triage_initial),
        "status_form": bound.get("status") or forms.StatusForm(signal=signal),
        "assign_form": bound.get("assign") or forms.AssignForm(signal=signal),
        "note_form": bound.get("note") or forms.NoteForm(),
        "message_form": bound.get("message") or forms.MessageForm(),
        "files_form": bound.get("files") or forms.FilesForm(),
        "has_transitions": bool(
            workflow.allowed_transitions(signal.status) - {SignalStatus.MERGED}
        ),
        "nav_current": "inbox",
    }


def _load(request: HttpRequest, pk: int, purpose: str) -> Signal:
    return access.get_signal_for(request.user, pk, request=request, purpose=purpose)


@staff_required(not_found=True)
def signal_page(request: HttpRequest, pk: int) -> HttpResponse:
    signal = _load(request, pk, "inbox")
    signal = Signal.objects.select_related(
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
    ).get(pk=signal.pk)
    return render(request, "inbox/signal.html", _signal_context(request, signal))


def _refused(request: HttpRequest) -> HttpResponse:
    return render(request, "inbox/refused.html", status=403)


def _again(request: HttpRequest, signal: Signal, key: str, form) -> HttpResponse:
    """The signal page again with the form that failed (input kept), status 400."""
    signal = Signal.objects.select_related(
        "category",
        "estate",
        "building",
        "dwelling__building",
        "common_space",
        "owner_organisation",
        "owner_team",
        "owner_user",
        "reporter",
        "household",
        "merged_into",
    ).get(pk=signal.pk)
    messages.error(request, _("Not saved. Please check the form below."))
    return render(
        request, "inbox/signal.html", _signal_context(request, signal, {key: form}), status=400
    )


def _done(request: HttpRequest, signal: Signal, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("inbox:signal", pk=signal.pk)


@staff_required(not_found=True)
@require_POST
def triage(request: HttpRequest, pk: int) -> HttpResponse:
    signal = _load(request, pk, "inbox triage")
    if not access.can_triage(request.user, signal):
        return _refused(request)
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
        form.add_error(None, _message(exc))
        return _again(request, signal, "triage", form)
    return _done(request, signal, _("Category and urgency saved."))


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return str(exc)


@staff_required(not_found=True)
@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    signal = _load(request, pk, "inbox status")
    if not access.can_act_on(request.user, signal):
        return _refused(request)
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
        form.add_error("status", _message(exc))
        return _again(request, signal, "status", form)
    return _done(
        request,
        signal,
        _("Status changed to “%(status)s”.") % {"status": signal.get_status_display()},
    )


@staff_required(not_found=True)
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    signal = _load(request, pk, "inbox assign")
    if not access.can_act_on(request.user, signal):
        return _refused(request)
    form = forms.AssignForm(request.POST, signal=signal)
    if not form.is_valid():
        return _again(request, signal, "assign", form)
    data = form.cleaned_data
    try:
        signalling.assign(
            signal=signal,
            user=request.user,
            organisation=data["organisation"],
            team=data.get("team"),
            person=data.get("person_obj"),
            note=data.get("reason") or "",
        )
    except (ValidationError, workflow.TransitionError) as exc:
        form.add_error(None, _message(exc))
        return _again(request, signal, "assign", form)
    return _done(request, signal, _("Assigned to %(who)s.") % {"who": data["organisation"]})


def _text_action(request: HttpRequest, pk: int, *, key: str, form_class, write, done: str):
    """A note or a message: the same checks, form and answers, another action."""
    signal = _load(request, pk, f"inbox {key}")
    if not access.can_act_on(request.user, signal):
        return _refused(request)
    form = form_class(request.POST)
    if not form.is_valid():
        return _again(request, signal, key, form)
    try:
        write(signal=signal, user=request.user, text=form.cleaned_data["text"])
    except ValidationError as exc:
        form.add_error("text", _message(exc))
        return _again(request, signal, key, form)
    return _done(request, signal, done)


@staff_required(not_found=True)
@require_POST
def note(request: HttpRequest, pk: int) -> HttpResponse:
    return _text_action(
        request,
        pk,
        key="note",
        form_class=forms.NoteForm,
        write=signalling.add_note,
        done=_("Internal note saved."),
    )


@staff_required(not_found=True)
@require_POST
def message(request: HttpRequest, pk: int) -> HttpResponse:
    return _text_action(
        request,
        pk,
        key="message",
        form_class=forms.MessageForm,
        write=signalling.send_message,
        done=_("Message sent to the resident."),
    )


@staff_required(not_found=True)
@require_POST
def add_files(request: HttpRequest, pk: int) -> HttpResponse:
    """Photos and documents added later (a quote, a visit report, a photo of the repair)."""
    signal = _load(request, pk, "inbox files")
    if not access.can_act_on(request.user, signal):
        return _refused(request)
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


@staff_required(not_found=True)
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge a possible duplicate into this signal (this one is kept)."""
    signal = _load(request, pk, "inbox merge")
    if not access.can_act_on(request.user, signal):
        return _refused(request)
    form = forms.MergeForm(request.POST)
    duplicate = None
    if form.is_valid():
        duplicate = (
            access.visible_signals(request.user).filter(pk=form.cleaned_data["duplicate"]).first()
        )
    if duplicate is None:
        messages.error(request, _("That signal was not found."))
        return redirect("inbox:signal", pk=signal.pk)
    if not access.can_act_on(request.user, duplicate):
        messages.error(
            request,
            _("%(ref)s is handled by another organisation: you cannot merge it.")
            % {"ref": duplicate.reference},
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
                {"estates": estates, "unknown_estate": True, "nav_current": "inbox"},
                status=404,
            )
    elif estates:
        estate = estates[0]
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
            s.has_marker = True
            markers.append(
                {
                    "id": s.pk,
                    "ref": s.reference,
                    "lat": float(lat),
                    "lng": float(lng),
                    "urgent": s.urgent,
                    "overdue": s.is_overdue,
                    "category": s.category.label() if s.category_id else _("Not classified"),
                    "status": s.get_status_display(),
                    "text": (s.short_text or "")[:80],
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
            "nav_current": "inbox",
        },
    )

"""The public form behind a QR poster: no account, abuse-resistant without outside services.

- the cheap checks come first, before any uploaded photo is opened: the honeypot field
  (``website``, hidden by CSS), a signed start time (a form sent within ``MIN_FILL_SECONDS``
  is refused politely) and the rate limits;
- rate limits in Django's cache (shared by every web process with the database cache):
  reports per IP address and per poster, and failed attempts per IP address (a bot that
  keeps failing is stopped too);
- length limits, at most one photo, the same checks on files as everywhere;
- the idempotency key: pressing "send" twice creates one report.
A refusal keeps what was typed, says calmly what to do, and is never a server error."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkpunt.audit.actions import record_read
from wijkpunt.core.http import client_ip
from wijkpunt.intake import actions, queries
from wijkpunt.intake.forms import (
    DangerForm,
    FeedbackForm,
    PublicReportForm,
    clean_idempotency_key,
    started_token,
)
from wijkpunt.intake.timeline import merged_progress, public_timeline
from wijkpunt.signalling import actions as signalling
from wijkpunt.signalling import links
from wijkpunt.signalling.models import Channel, FeedbackChannel, Signal, Where
from wijkpunt.signalling.queries import feedback_pending, handled_as
from wijkpunt.signalling.workflow import PUBLIC_STATUS_TEXT

THANKS_SALT = "wijkpunt.intake.public-thanks"


def limits() -> dict[str, tuple[int, int]]:
    """(maximum, seconds) per IP address and per poster, and of failed attempts per IP
    address; settings may override."""
    return {
        "ip": tuple(getattr(settings, "INTAKE_PUBLIC_LIMIT_IP", (5, 10 * 60))),
        "point": tuple(getattr(settings, "INTAKE_PUBLIC_LIMIT_POINT", (30, 60 * 60))),
        "failed": tuple(getattr(settings, "INTAKE_PUBLIC_LIMIT_FAILED", (10, 10 * 60))),
    }


def _client_ip(request: HttpRequest) -> str:
    return client_ip(request) or "unknown"


def _rate_keys(request: HttpRequest, point) -> dict[str, str]:
    return {"ip": f"intake:qr:ip:{_client_ip(request)}", "point": f"intake:qr:point:{point.key}"}


def _failure_keys(request: HttpRequest) -> dict[str, str]:
    return {"failed": f"intake:qr:failed:{_client_ip(request)}"}


def _over_limit(keys: dict[str, str]) -> bool:
    configured = limits()
    return any((cache.get(key) or 0) >= configured[name][0] for name, key in keys.items())


def _count(keys: dict[str, str]) -> None:
    configured = limits()
    for name, key in keys.items():
        if not cache.add(key, 1, timeout=configured[name][1]):
            try:
                cache.incr(key)
            except ValueError:  # expired in between
                cache.set(key, 1, timeout=configured[name][1])


def _point_or_404(token: str):
    point = queries.point_for_token(token)
    if point is None:
        raise Http404("Unknown report point")
    return point


def _refuse(request, form, point, message: str, *, status: int, fresh_start: bool = False):
    if fresh_start:
        data = form.data.copy()
        data["started"] = started_token()
        form = PublicReportForm(data)
        form.is_valid()
    return render(
        request,
        "intake/public_form.html",
        {"form": form, "point": point, "refusal": message},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, token: str) -> HttpResponse:
    point = _point_or_404(token)
    if request.method != "POST":
        form = PublicReportForm()
        return render(request, "intake/public_form.html", {"form": form, "point": point})

    # The cheap checks first, on the typed fields only: no photo is opened before they pass.
    failures = _failure_keys(request)
    quick = PublicReportForm(request.POST)
    if quick.is_bot():
        _count(failures)
        return _refuse(
            request, quick, point, _("We could not send your report. Please try again."), status=400
        )
    if quick.too_fast():
        _count(failures)
        return _refuse(
            request,
            quick,
            point,
            _("That went very quickly. Check your message, then press “Send” again."),
            status=400,
            fresh_start=True,
        )
    # Sent twice (double click, or a retry after a lost answer): the first one counts.
    key = clean_idempotency_key(request.POST.get("idempotency_key"))
    earlier = Signal.objects.filter(idempotency_key=f"qr:{key}").first()
    if earlier is not None:
        return redirect(_thanks_url(point, earlier))
    keys = _rate_keys(request, point)
    if _over_limit({**keys, **failures}):
        _count(failures)
        return _refuse(
            request,
            quick,
            point,
            _(
                "We received many reports from here in a short time. Please wait a while and "
                "send it again, or call your housing company."
            ),
            status=429,
        )
    form = PublicReportForm(request.POST, request.FILES)
    if not form.is_valid():
        _count(failures)
        return render(
            request, "intake/public_form.html", {"form": form, "point": point}, status=400
        )
    data = form.cleaned_data
    idempotency_key = f"qr:{data['idempotency_key']}"
    anonymous = not (data["name"] or data["phone"] or data["email"])
    place = (
        {"where": Where.COMMON_SPACE, "common_space": point.common_space}
        if point.common_space
        else {"where": Where.BUILDING, "building": point.building}
    )
    try:
        intake = actions.report(
            files=data["photo"],
            text=data["text"],
            channel=Channel.QR,
            location_text=data["location_text"],
            reporter_name=data["name"],
            reporter_phone=data["phone"],
            reporter_email=data["email"],
            reported_urgent=data["urgent"],
            anonymous=anonymous,
            language=translation.get_language() or "nl-be",
            idempotency_key=idempotency_key,
            **place,
        )
    except ValidationError as error:
        _count(failures)
        form.add_error(None, error)
        return render(
            request, "intake/public_form.html", {"form": form, "point": point}, status=400
        )
    if intake.created:
        _count(keys)
    return redirect(_thanks_url(point, intake.signal))


def _thanks_url(point, signal: Signal) -> str:
    ref = signing.dumps(signal.pk, salt=THANKS_SALT)
    token = (
        queries.point_token(common_space=point.common_space)
        if point.common_space
        else queries.point_token(building=point.building)
    )
    return reverse("intake_public:thanks", kwargs={"token": token}) + f"?r={ref}"


def _signal_from_ref(ref: str) -> Signal | None:
    try:
        pk = signing.loads(ref or "", salt=THANKS_SALT, max_age=24 * 3600)
        return Signal.objects.get(pk=int(pk))
    except (signing.BadSignature, Signal.DoesNotExist, TypeError, ValueError):
        return None


def _render_thanks(request, point, token, signal, *, danger_form=None, status=200):
    asks = signal is not None and signal.asks_danger
    return render(
        request,
        "intake/public_thanks.html",
        {
            "point": point,
            "signal": signal,
            "danger_form": (danger_form or DangerForm()) if asks else None,
            "danger_action": reverse("intake_public:danger", kwargs={"token": token})
            if asks
            else "",
            "danger_ref": signing.dumps(signal.pk, salt=THANKS_SALT) if asks else "",
        },
        status=status,
    )


def thanks(request: HttpRequest, token: str) -> HttpResponse:
    point = _point_or_404(token)
    return _render_thanks(request, point, token, _signal_from_ref(request.GET.get("r", "")))


@require_POST
def danger(request: HttpRequest, token: str) -> HttpResponse:
    """The answer to "Is someone in danger right now?" from the thanks page (no account: the
    signed reference of the thanks page says which report, for a day)."""
    point = _point_or_404(token)
    signal = _signal_from_ref(request.POST.get("r", ""))
    if signal is None:
        raise Http404("Unknown report")
    form = DangerForm(request.POST)
    if form.is_valid():
        try:
            signalling.answer_danger_question(
                signal=signal, in_danger=form.cleaned_data["in_danger"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(_thanks_url(point, signal))
    return _render_thanks(request, point, token, signal, danger_form=form, status=400)


# --- Following a report through a signed link (reporters without an account) ----------------


def _link_limits() -> dict[str, tuple[int, int]]:
    return {
        "link": tuple(getattr(settings, "INTAKE_LINK_LIMIT_IP", (60, 10 * 60))),
        "failed": tuple(getattr(settings, "INTAKE_PUBLIC_LIMIT_FAILED", (10, 10 * 60))),
    }


def _link_refused(request, *, status: int) -> HttpResponse:
    if status == 429:
        message = _("You opened this page very often in a short time. Please wait a while.")
    else:
        message = _(
            "This link does not work (any more). Links in our e-mails work for a few months. "
            "Call your housing company and mention your reference number."
        )
    return render(request, "intake/public_follow.html", {"refusal": message}, status=status)


def _followed_signal(request, token: str):
    """The report a signed link opens, or a refusal: rate-limited per address (bad links
    count double), every opening audited."""
    ip = _client_ip(request)
    configured = _link_limits()
    keys = {"link": f"intake:link:ip:{ip}", "failed": f"intake:qr:failed:{ip}"}
    if any((cache.get(k) or 0) >= configured[name][0] for name, k in keys.items()):
        return None, _link_refused(request, status=429)
    _count_with(keys={"link": keys["link"]}, configured=configured)
    signal = links.signal_for_token(token)
    if signal is None:
        _count_with(keys={"failed": keys["failed"]}, configured=configured)
        return None, _link_refused(request, status=404)
    record_read(
        request=request,
        object_type="signal",
        object_id=signal.pk,
        household_id=signal.household_id,
        purpose="reporter's signed link",
    )
    return signal, None


def _count_with(*, keys: dict[str, str], configured) -> None:
    for name, key in keys.items():
        if not cache.add(key, 1, timeout=configured[name][1]):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=configured[name][1])


def _render_follow(request, token, signal, *, feedback_form=None, status=200) -> HttpResponse:
    kept = handled_as(signal)
    timeline = public_timeline(signal)
    if kept.pk != signal.pk:
        timeline = sorted([*timeline, *merged_progress(signal, kept)], key=lambda e: e.at)
    return render(
        request,
        "intake/public_follow.html",
        {
            "signal": signal,
            "token": token,
            "status_text": PUBLIC_STATUS_TEXT.get(kept.status, ""),
            "timeline": timeline,
            "asks_feedback": feedback_pending(signal),
            "feedback_form": feedback_form or FeedbackForm(),
        },
        status=status,
    )


@require_http_methods(["GET"])
def follow(request: HttpRequest, token: str) -> HttpResponse:
    signal, refused = _followed_signal(request, token)
    if refused is not None:
        return refused
    response = _render_follow(request, token, signal)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_POST
def follow_feedback(request: HttpRequest, token: str) -> HttpResponse:
    signal, refused = _followed_signal(request, token)
    if refused is not None:
        return refused
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            signalling.give_feedback(
                signal=signal,
                user=None,
                solved=form.cleaned_data["solved"],
                comment=form.cleaned_data["comment"],
                channel=FeedbackChannel.LINK,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("intake_public:follow", token=token)
    return _render_follow(request, token, signal, feedback_form=form, status=400)

"""The public form behind a QR poster: no account, abuse-resistant without outside services.

- honeypot field (``website``, hidden by CSS) and a signed start time: a form sent within
  ``MIN_FILL_SECONDS`` is refused politely;
- rate limits in Django's cache (shared by every web process with the database cache):
  per IP address and per poster;
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
from django.views.decorators.http import require_http_methods

from wijkpunt.core.http import client_ip
from wijkpunt.intake import actions, queries
from wijkpunt.intake.forms import PublicReportForm, started_token
from wijkpunt.signalling.models import Channel, Signal, Where

THANKS_SALT = "wijkpunt.intake.public-thanks"


def limits() -> dict[str, tuple[int, int]]:
    """(maximum, seconds) per IP address and per poster; settings may override."""
    return {
        "ip": tuple(getattr(settings, "INTAKE_PUBLIC_LIMIT_IP", (5, 10 * 60))),
        "point": tuple(getattr(settings, "INTAKE_PUBLIC_LIMIT_POINT", (30, 60 * 60))),
    }


def _client_ip(request: HttpRequest) -> str:
    return client_ip(request) or "unknown"


def _rate_keys(request: HttpRequest, point) -> dict[str, str]:
    return {"ip": f"intake:qr:ip:{_client_ip(request)}", "point": f"intake:qr:point:{point.key}"}


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

    form = PublicReportForm(request.POST, request.FILES)
    valid = form.is_valid()
    if form.is_bot():
        return _refuse(
            request, form, point, _("We could not send your report. Please try again."), status=400
        )
    if form.too_fast():
        return _refuse(
            request,
            form,
            point,
            _("That went very quickly. Check your message, then press “Send” again."),
            status=400,
            fresh_start=True,
        )
    if not valid:
        return render(
            request, "intake/public_form.html", {"form": form, "point": point}, status=400
        )
    data = form.cleaned_data
    idempotency_key = f"qr:{data['idempotency_key']}"
    if Signal.objects.filter(idempotency_key=idempotency_key).exists():
        # Sent twice (double click, or a retry after a lost answer): the first one counts.
        signal = Signal.objects.get(idempotency_key=idempotency_key)
        return redirect(_thanks_url(point, signal))
    keys = _rate_keys(request, point)
    if _over_limit(keys):
        return _refuse(
            request,
            form,
            point,
            _(
                "We received many reports from here in a short time. Please wait a while and "
                "send it again, or call your housing company."
            ),
            status=429,
        )
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
            anonymous=anonymous,
            language=translation.get_language() or "nl-be",
            idempotency_key=idempotency_key,
            **place,
        )
    except ValidationError as error:
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


def thanks(request: HttpRequest, token: str) -> HttpResponse:
    point = _point_or_404(token)
    try:
        pk = signing.loads(request.GET.get("r", ""), salt=THANKS_SALT, max_age=24 * 3600)
        signal = Signal.objects.only("pk", "anonymous", "reporter_email", "reporter_phone").get(
            pk=int(pk)
        )
    except (signing.BadSignature, Signal.DoesNotExist, TypeError, ValueError):
        signal = None
    return render(request, "intake/public_thanks.html", {"point": point, "signal": signal})

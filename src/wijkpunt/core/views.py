from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from wijkpunt.core.models import OutboxMessage, WorkerHeartbeat
from wijkpunt.core.signals import language_chosen


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Tenants land in their portal, staff in their workspace."""
    # a logged-in User (core knows no app above it, so not its class)
    if getattr(request.user, "has_staff_role", False):
        return redirect("workspace:home")
    if getattr(request.user, "is_tenant", False):
        return redirect("portal:home")
    if request.user.is_staff:
        return redirect("admin:index")
    return render(request, "core/no_role.html")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database and background worker health, for monitoring."""
    result: dict = {"database": "ok", "worker": "ok"}
    status = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any database failure means unhealthy
        result["database"] = f"error: {exc.__class__.__name__}"
        return JsonResponse({**result, "worker": "unknown", "status": "error"}, status=503)
    latest = WorkerHeartbeat.objects.order_by("-last_seen").first()
    max_age = dt.timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE)
    if latest is None:
        result["worker"] = "never seen"
        status = 503
    else:
        age = (timezone.now() - latest.last_seen).total_seconds()
        result["worker_last_seen_seconds"] = round(age, 1)
        if age > max_age.total_seconds():
            result["worker"] = "stale"
            status = 503
    result["status"] = "ok" if status == 200 else "error"
    return JsonResponse(result, status=status)


def outbox(request: HttpRequest) -> HttpResponse:
    """Demo mode only: the e-mails Wijkpunt 'sent', readable in the browser."""
    if not settings.DEMO_MODE:
        raise Http404
    to = request.GET.get("to", "").strip()
    messages = OutboxMessage.objects.all()
    if to:
        messages = messages.filter(to__icontains=to)
    return render(request, "core/outbox.html", {"messages": messages[:50], "to": to})


def outbox_message(request: HttpRequest, pk: int) -> HttpResponse:
    if not settings.DEMO_MODE:
        raise Http404
    try:
        message = OutboxMessage.objects.get(pk=pk)
    except OutboxMessage.DoesNotExist:
        raise Http404 from None
    return render(request, "core/outbox_message.html", {"message": message})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch language; a logged-in person keeps the choice in their profile."""
    code = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = redirect(next_url)
    if code in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            # The accounts app keeps the choice in the person's profile.
            language_chosen.send(sender=set_language, user=request.user, language=code)
        translation.activate(code)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=365 * 24 * 3600,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            httponly=True,
        )
    return response


# --- Error pages: in Wijkpunt's layout, language and navigation --------------------------------


def _error(request, code: int, title, explanation, hint="", *, show_login=False):
    return render(
        request,
        "core/error.html",
        {
            "code": code,
            "title": title,
            "explanation": explanation,
            "hint": hint,
            "show_login": show_login,
        },
        status=code,
    )


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _error(
        request,
        400,
        _("We could not understand this request"),
        _("Something in the address or the form was not right. Go back and try again."),
    )


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _error(
        request,
        403,
        _("You do not have access to this page"),
        _("This page is for other people, or your account does not have the right role."),
        _("Do you think you should have access? Ask your coordinator or your housing company."),
        show_login=True,
    )


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _error(
        request,
        404,
        _("We cannot find this page"),
        _("The page does not exist, or it is not (or no longer) for you."),
        _("Check the address, or start again from the start page."),
        show_login=True,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request,
        403,
        _("This form has expired"),
        _(
            "For your safety, a form can only be sent from the page you opened it on, and not "
            "after a long time. Go back, reload the page and send it again."
        ),
        _("Are cookies switched off in your browser? Wijkpunt needs them to send forms."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request's context: the database may be what failed."""
    from django.template import loader

    try:
        body = loader.get_template("core/error.html").render(
            {
                "code": 500,
                "title": _("Something went wrong on our side"),
                "explanation": _(
                    "This is not your fault. We have been told. Try again in a few minutes."
                ),
                "hint": _("Is it urgent? Call your housing company. In danger? Call 112."),
            }
        )
    except Exception:  # the layout itself failed: a plain page still says what to do
        body = str(_("Something went wrong on our side. Try again in a few minutes."))
    return HttpResponse(body, status=500)

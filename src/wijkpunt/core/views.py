from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from wijkpunt.core.models import OutboxMessage, WorkerHeartbeat
from wijkpunt.core.signals import language_chosen


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Tenants land in their portal, staff in their workspace."""
    if request.user.has_staff_role:
        return redirect("workspace:home")
    if request.user.is_tenant:
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

"""The short address on a QR poster: ``/m/K7P3Q`` leads to the public form of that building or
common space. Typed by hand, so forgiving (case, spaces, dashes), and guarded against someone
trying codes one after another."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wijkpunt.core.http import client_ip
from wijkpunt.housing.models import ShortCode
from wijkpunt.housing.shortcodes import normalise_code
from wijkpunt.intake import queries


def _misses_key(request: HttpRequest) -> str:
    return f"intake:short:miss:{client_ip(request) or 'unknown'}"


@require_GET
@never_cache
def resolve(request: HttpRequest, code: str) -> HttpResponse:
    maximum, seconds = settings.INTAKE_SHORT_CODE_MISSES
    key = _misses_key(request)
    if (cache.get(key) or 0) >= maximum:
        response = HttpResponse(status=429)
        response["Retry-After"] = str(seconds)
        return response
    found = (
        ShortCode.objects.filter(code=normalise_code(code))
        .select_related("building", "common_space")
        .first()
    )
    if found is None:
        if not cache.add(key, 1, timeout=seconds):
            try:
                cache.incr(key)
            except ValueError:  # expired in between
                cache.set(key, 1, timeout=seconds)
        raise Http404("Unknown short code")
    if found.common_space is not None:
        token = queries.point_token(common_space=found.common_space)
    else:
        token = queries.point_token(building=found.building)
    return redirect("intake_public:report", token=token)

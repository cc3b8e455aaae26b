"""Wijkpunt's URLs plus the benchmark's baseline: a bare view that inserts one row."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from wijkpunt.urls import urlpatterns as wijkpunt_urlpatterns


@csrf_exempt
def bare_insert(request):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_intake_row (text, created_at) VALUES (%s, %s)",
            [request.body.decode("utf-8", "replace")[:500], timezone.now().isoformat()],
        )
    return HttpResponse(status=201)


urlpatterns = [path("bench/bare-insert/", bare_insert), *wijkpunt_urlpatterns]

"""Issuing, checking and revoking Open311 API keys, and taking in an Open311 request."""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkpunt.api.params import is_id, parse_int
from wijkpunt.housing.models import Building
from wijkpunt.open311.models import ApiKey, ServiceRequest
from wijkpunt.signalling import actions as signalling
from wijkpunt.signalling.models import Category, Channel, Where

KEY_PREFIX = "wp311_"
NEAREST_BUILDING_METRES = 150
LAST_USED_RESOLUTION = 60  # seconds: do not write last_used_at on every request


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def issue_key(*, name: str, created_by=None) -> tuple[ApiKey, str]:
    """A new key. Returns the key object and the raw key, which is shown only now."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the key a name.")})
    if ApiKey.objects.filter(name=name).exists():
        raise ValidationError({"name": _("There is already a key with this name.")})
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        name=name, prefix=raw[:12], key_hash=hash_key(raw), created_by=created_by
    )
    return key, raw


def fill_new_key(key: ApiKey) -> str:
    """Give an unsaved key (from the admin form) its secret; returns the raw key."""
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    key.prefix, key.key_hash = raw[:12], hash_key(raw)
    return raw


def revoke_key(*, name: str) -> ApiKey:
    try:
        key = ApiKey.objects.get(name=name)
    except ApiKey.DoesNotExist:
        raise ValidationError({"name": _("There is no key with this name.")}) from None
    key.active = False
    key.save(update_fields=["active"])
    return key


def authenticate(raw: str | None) -> ApiKey | None:
    if not raw or len(raw) > 200:
        return None
    key = ApiKey.objects.filter(key_hash=hash_key(raw), active=True).first()
    if key is None:
        return None
    now = timezone.now()
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() > LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key


def within_rate_limit(key: ApiKey) -> bool:
    """At most OPEN311_RATE_LIMIT posts per key per minute (shared cache across processes)."""
    limit = settings.OPEN311_RATE_LIMIT
    bucket = f"open311:rate:{key.pk}:{int(timezone.now().timestamp() // 60)}"
    try:
        count = 1 if cache.add(bucket, 1, timeout=120) else cache.incr(bucket)
    except ValueError:  # the bucket expired between add and incr
        cache.set(bucket, 1, timeout=120)
        count = 1
    return count <= limit


# --- Locating ----------------------------------------------------------------------------------
def _distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371000.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def nearest_building(lat: float, lon: float) -> Building | None:
    """The nearest building within 150 m (a box first, so only a handful are compared)."""
    dlat = NEAREST_BUILDING_METRES / 111_000
    dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
    candidates = Building.objects.filter(
        latitude__range=(Decimal(str(lat - dlat)), Decimal(str(lat + dlat))),
        longitude__range=(Decimal(str(lon - dlon)), Decimal(str(lon + dlon))),
    ).select_related("estate")
    best, best_distance = None, float(NEAREST_BUILDING_METRES)
    for building in candidates:
        if building.latitude is None or building.longitude is None:  # never: in the box
            continue
        d = _distance_m(lat, lon, float(building.latitude), float(building.longitude))
        if d <= best_distance:
            best, best_distance = building, d
    return best


def building_by_address_id(address_id: str) -> Building | None:
    address_id = address_id.strip()
    q = Q(external_ref=address_id)
    if is_id(address_id):
        q |= Q(pk=parse_int(address_id))
    return Building.objects.filter(q).select_related("estate").first()


def building_by_address(address: str) -> Building | None:
    """Match "Street 12, 8560 City" (or "Street 12") on street and house number."""
    first = address.split(",")[0].strip()
    parts = first.rsplit(" ", 1)
    if len(parts) != 2:
        return None
    street, number = parts[0].strip(), parts[1].strip()
    return (
        Building.objects.filter(street__iexact=street, number__iexact=number)
        .select_related("estate")
        .first()
    )


@dataclass(frozen=True)
class Open311Intake:
    service_request: ServiceRequest
    created: bool


def take_in(
    *,
    api_key: ApiKey,
    category: Category,
    text: str,
    building: Building,
    address_string: str = "",
    latitude=None,
    longitude=None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    phone: str = "",
    urgent: bool = False,
    media_url: str = "",
    device_id: str = "",
    account_id: str = "",
    language: str = "nl-be",
    idempotency_key: str | None = None,
) -> Open311Intake:
    """A service request becomes a signal (triage, routing, deadlines, acknowledgement)."""
    with transaction.atomic():
        intake = signalling.create_signal(
            text=text,
            channel=Channel.OPEN311,
            category=category,
            reported_urgent=urgent,
            where=Where.BUILDING,
            building=building,
            location_text=address_string,
            latitude=latitude,
            longitude=longitude,
            reporter_name=" ".join(p for p in (first_name, last_name) if p).strip(),
            reporter_email=email,
            reporter_phone=phone,
            language=language,
            idempotency_key=f"open311:{api_key.pk}:{idempotency_key}" if idempotency_key else None,
        )
        request: ServiceRequest | None
        if intake.created:
            request = ServiceRequest.objects.create(
                signal=intake.signal,
                api_key=api_key,
                media_url=media_url,
                device_id=device_id[:100],
                account_id=account_id[:100],
            )
        else:
            request = ServiceRequest.objects.filter(signal=intake.signal).first()
            if request is None or request.api_key_id != api_key.pk:
                raise ValidationError(_("This idempotency key was used for another request."))
    return Open311Intake(request, intake.created)

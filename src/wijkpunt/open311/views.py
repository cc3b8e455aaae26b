"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2).

Open311 offers only the categories an administrator has explicitly marked public (the one
flag ``Category.public``; by default repairs and common areas). Only those are
listed as services, accept posts, and have their requests listed or found by number; every
other category is an unknown service. Names, e-mail addresses and phone numbers are never
returned."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from wijkpunt.api.params import is_id, parse_int
from wijkpunt.open311 import actions
from wijkpunt.open311.formats import error, respond
from wijkpunt.open311.models import ServiceRequest
from wijkpunt.partners.models import OrganisationKind
from wijkpunt.signalling.models import OPEN_STATUSES, Category, Channel, Signal
from wijkpunt.signalling.workflow import PUBLIC_STATUS_TEXT

SPEC = "http://wiki.open311.org/GeoReport_v2"
REQUEST_RELATED = (
    "category",
    "building",
    "owner_organisation",
    "open311",
)
CHANGESET = "2026-11-25T00:00:00Z"
MAX_REQUESTS = 1000
MAX_SPAN = dt.timedelta(days=90)
TRUE = {"true", "yes", "1", "ja", "oui"}
FALSE = {"false", "no", "0", "nee", "non", ""}
LOCALES = {"nl": "nl-be", "nl-be": "nl-be", "fr": "fr", "en": "en"}


def _locale(request: HttpRequest) -> str:
    asked = (request.GET.get("locale") or "").lower().replace("_", "-")
    return LOCALES.get(asked) or LOCALES.get(asked.split("-")[0]) or "nl-be"


def _method(request: HttpRequest, fmt: str, *allowed: str) -> HttpResponse | None:
    if request.method not in allowed:
        response = error(fmt, 405, _("This method is not allowed here."))
        response["Allow"] = ", ".join(allowed)
        return response
    return None


def public_categories():
    """The categories Open311 offers: active, and explicitly marked public."""
    return Category.objects.filter(active=True, public=True)


def _public(category: Category | None) -> bool:
    """May the text of a signal in this category be shown to anyone?"""
    return category is not None and category.public


def _published() -> Q:
    """What Open311 shows to anyone: requests that came in through Open311 itself, in a
    category explicitly marked public. A tenant's report in the portal, a call to the
    housing company or a QR report is never published here."""
    return Q(channel=Channel.OPEN311, category__public=True)


# --- Discovery and services --------------------------------------------------------------------
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    if refused := _method(request, fmt, "GET", "HEAD"):
        return refused
    base = request.build_absolute_uri(reverse("open311:discovery", args=["json"])).rsplit("/", 1)[0]
    value = {
        "changeset": CHANGESET,
        "contact": _("Questions about this service: contact the housing company."),
        "key_service": _("Ask the administrator of Wijkpunt for an API key."),
        "endpoints": [
            {
                "specification": SPEC,
                "url": base,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return respond(fmt, "discovery", value)


def _group(category: Category) -> str:
    kinds = category.visible_to_kinds or []
    return str(OrganisationKind(kinds[0]).label) if kinds else ""


def _keywords(category: Category) -> str:
    words = [w.strip(" .").lower() for w in category.description.split(",")]
    return ", ".join(w for w in words if w)


def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    if refused := _method(request, fmt, "GET", "HEAD"):
        return refused
    language = _locale(request)
    services = [
        {
            "service_code": c.slug,
            "service_name": c.label(language),
            "description": c.description,
            "metadata": True,
            "type": "realtime",
            "keywords": _keywords(c),
            "group": _group(c),
        }
        for c in public_categories()
    ]
    return respond(fmt, "services", services)


def service_definition(request: HttpRequest, service_code: str, fmt: str) -> HttpResponse:
    if refused := _method(request, fmt, "GET", "HEAD"):
        return refused
    category = public_categories().filter(slug=service_code).first()
    if category is None:
        return error(fmt, 404, _("There is no service with this service_code."))
    with translation.override(_locale(request)):
        value = {
            "service_code": category.slug,
            "attributes": [
                {
                    "variable": True,
                    "code": "urgent",
                    "datatype": "singlevaluelist",
                    "required": False,
                    "datatype_description": _("yes or no"),
                    "order": 1,
                    "description": _(
                        "Is it urgent? Danger for people, no heating or water, a serious leak, "
                        "someone who needs help now."
                    ),
                    "values": [
                        {"key": "yes", "name": _("Yes")},
                        {"key": "no", "name": _("No")},
                    ],
                }
            ],
        }
    return respond(fmt, "service_definition", value)


# --- Requests ----------------------------------------------------------------------------------
@csrf_exempt
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if refused := _method(request, fmt, "GET", "HEAD", "POST"):
        return refused
    if request.method == "POST":
        return _post_request(request, fmt)
    return _get_requests(request, fmt)


class BadRequest(Exception):
    pass


class NotFound(BadRequest):
    """GeoReport v2: an unknown service_code is a 404."""


def _coordinate(value: str, low: int, high: int) -> Decimal:
    if not value.isascii():  # Decimal() reads Arabic-Indic digits too: only ASCII here
        raise BadRequest(_("lat and long must be numbers."))
    try:
        number = Decimal(value.strip())
    except (InvalidOperation, ValueError):
        raise BadRequest(_("lat and long must be numbers.")) from None
    if not number.is_finite() or not low <= number <= high:
        raise BadRequest(_("lat and long are outside the map."))
    return number.quantize(Decimal("0.000001"))


def _signal_language() -> str:
    language = (translation.get_language() or "nl-be").lower()
    return LOCALES.get(language) or LOCALES.get(language.split("-")[0]) or "nl-be"


def _post_request(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    key = actions.authenticate(data.get("api_key") or request.GET.get("api_key"))
    if key is None:
        return error(fmt, 403, _("A valid api_key is required to post a request."))
    if not actions.within_rate_limit(key):
        response = error(fmt, 429, _("Too many requests with this api_key. Try again in a minute."))
        response["Retry-After"] = "60"
        return response
    try:
        fields = _parse_post(data)
    except NotFound as exc:
        return error(fmt, 404, str(exc))
    except BadRequest as exc:
        return error(fmt, 400, str(exc))
    idempotency_key = (request.headers.get("Idempotency-Key") or "").strip()
    if len(idempotency_key) > 64 or not idempotency_key.isprintable():
        return error(fmt, 400, _("The Idempotency-Key header has at most 64 characters."))
    try:
        intake = actions.take_in(
            api_key=key,
            language=_signal_language(),
            idempotency_key=idempotency_key or None,
            **fields,
        )
    except ValidationError as exc:
        return error(fmt, 400, " ".join(exc.messages))
    signal = intake.service_request.signal
    notice = _("Thank you. Your report has number %(ref)s.") % {"ref": signal.reference}
    value = [{"service_request_id": str(signal.pk), "service_notice": notice, "account_id": None}]
    return respond(fmt, "service_requests", value, status=201 if intake.created else 200)


def _no_nul(params) -> None:
    """PostgreSQL cannot store or compare text with NUL characters: refuse them up front."""
    for name, values in params.lists():
        if "\x00" in name or any("\x00" in v for v in values):
            raise BadRequest(
                _("%(field)s contains characters that are not allowed.") % {"field": name[:40]}
            )


def _parse_post(data) -> dict:
    _no_nul(data)
    code = (data.get("service_code") or "").strip()
    if not code:
        raise BadRequest(_("service_code is required."))
    category = public_categories().filter(slug=code).first()
    if category is None:
        raise NotFound(_("There is no service with this service_code."))
    text = (data.get("description") or "").strip()
    if not text:
        raise BadRequest(_("description is required: say what is going on."))
    if len(text) > 5000:
        raise BadRequest(_("description must be at most 5000 characters."))
    lat, lon = (data.get("lat") or "").strip(), (data.get("long") or "").strip()
    address_id = (data.get("address_id") or "").strip()[:100]
    address = (data.get("address_string") or "").strip()[:250]
    latitude = longitude = None
    if bool(lat) != bool(lon):
        raise BadRequest(_("Give both lat and long."))
    if lat:
        latitude, longitude = _coordinate(lat, -90, 90), _coordinate(lon, -180, 180)
    if not (lat or address_id or address):
        raise BadRequest(_("Say where it is: lat and long, address_string or address_id."))
    building = None
    if address_id:
        building = actions.building_by_address_id(address_id)
    if building is None and latitude is not None and longitude is not None:  # set together
        building = actions.nearest_building(float(latitude), float(longitude))
    if building is None and address:
        building = actions.building_by_address(address)
    if building is None:
        raise BadRequest(_("This place is not in one of our estates."))
    email = (data.get("email") or "").strip()
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            raise BadRequest(_("email is not a valid e-mail address.")) from None
    media_url = (data.get("media_url") or "").strip()
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            raise BadRequest(_("media_url must be an http or https address.")) from None
        if len(media_url) > 500:
            raise BadRequest(_("media_url is too long."))
    urgent = (data.get("attribute[urgent]") or "").strip().lower()
    if urgent not in TRUE | FALSE:
        raise BadRequest(_("attribute[urgent] must be yes or no."))
    return {
        "category": category,
        "text": text,
        "building": building,
        "address_string": address,
        "latitude": latitude,
        "longitude": longitude,
        "email": email,
        "first_name": (data.get("first_name") or "").strip()[:100],
        "last_name": (data.get("last_name") or "").strip()[:100],
        "phone": (data.get("phone") or "").strip()[:40],
        "urgent": urgent in TRUE,
        "media_url": media_url,
        "device_id": (data.get("device_id") or "").strip(),
        "account_id": (data.get("account_id") or "").strip(),
    }


def _when(value: str, name: str) -> dt.datetime:
    value = value.strip().replace(" ", "+")  # a "+" in a query string arrives as a space
    try:
        if not value.isascii():  # the date parsers read any script's digits: only ASCII
            raise ValueError(value)
        parsed = parse_datetime(value)
        if parsed is None:
            day = parse_date(value)
            parsed = dt.datetime.combine(day, dt.time.min) if day else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise BadRequest(
            _("%(field)s must be a date and time in ISO 8601, like 2026-11-25T09:00:00+01:00.")
            % {"field": name}
        )
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _list_filter(params) -> Q:
    _no_nul(params)
    if params.get("service_request_id"):
        raw = [p.strip() for p in params["service_request_id"].split(",") if p.strip()]
        if not raw or not all(is_id(p) for p in raw):
            raise BadRequest(_("service_request_id must be numbers separated by commas."))
        if len(raw) > MAX_REQUESTS:
            raise BadRequest(_("Ask for at most 1000 requests at a time."))
        return _published() & Q(pk__in=[parse_int(p) for p in raw])
    q = _published()
    if params.get("service_code"):
        q &= Q(category__slug__in=[c.strip() for c in params["service_code"].split(",")])
    now = timezone.now()
    start = _when(params["start_date"], "start_date") if params.get("start_date") else None
    end = _when(params["end_date"], "end_date") if params.get("end_date") else None
    if start and end and end < start:
        raise BadRequest(_("end_date is before start_date."))
    if start and end and end - start > MAX_SPAN:
        raise BadRequest(_("Ask for at most 90 days at a time."))
    try:
        if start is None:
            start = (end or now) - MAX_SPAN
        if end is None:
            end = start + MAX_SPAN
    except OverflowError:
        raise BadRequest(_("The dates are too far in the past or the future.")) from None
    q &= Q(created_at__gte=start, created_at__lte=end)
    if params.get("status"):
        wanted = {s.strip().lower() for s in params["status"].split(",")}
        if not wanted <= {"open", "closed"}:
            raise BadRequest(_("status must be open or closed."))
        if wanted == {"open"}:
            q &= Q(status__in=OPEN_STATUSES)
        elif wanted == {"closed"}:
            q &= ~Q(status__in=OPEN_STATUSES)
    return q


def _get_requests(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        q = _list_filter(request.GET)
    except BadRequest as exc:
        return error(fmt, 400, str(exc))
    signals = (
        Signal.objects.filter(q)
        .select_related(*REQUEST_RELATED)
        .order_by("-created_at", "-id")[:MAX_REQUESTS]
    )
    language = _locale(request)
    with translation.override(language):
        value = [_request_out(s, language) for s in signals]
    return respond(fmt, "service_requests", value)


def request_detail(request: HttpRequest, request_id: str, fmt: str) -> HttpResponse:
    if refused := _method(request, fmt, "GET", "HEAD"):
        return refused
    signal = None
    if is_id(request_id):
        # Anyone sees a published request; the client that posted a request also sees its
        # status when it gives its api_key (without the text when the category is need-to-know).
        visible = _published()
        key = actions.authenticate(request.GET.get("api_key"))
        if key is not None:
            visible |= Q(open311__api_key=key)
        signal = (
            Signal.objects.select_related(*REQUEST_RELATED)
            .filter(visible, pk=parse_int(request_id))
            .first()
        )
    if signal is None:
        return error(fmt, 404, _("There is no request with this number."))
    language = _locale(request)
    with translation.override(language):
        value = [_request_out(signal, language)]
    return respond(fmt, "service_requests", value)


def _request_out(signal: Signal, language: str) -> dict:
    category = signal.category
    out: dict[str, object] = {
        "service_request_id": str(signal.pk),
        "status": "open" if signal.status in OPEN_STATUSES else "closed",
        "status_notes": str(PUBLIC_STATUS_TEXT.get(signal.status, "")),
        "service_name": category.label(language) if category else "",
        "service_code": category.slug if category else "",
        "agency_responsible": str(signal.owner_organisation) if signal.owner_organisation else "",
        "service_notice": "",
        "requested_datetime": signal.created_at,
        "updated_datetime": signal.updated_at,
        "expected_datetime": signal.resolution_due if signal.status in OPEN_STATUSES else None,
    }
    if not _public(category):
        return out
    building = signal.building
    lat = signal.latitude if signal.latitude is not None else getattr(building, "latitude", None)
    lon = signal.longitude if signal.longitude is not None else getattr(building, "longitude", None)
    try:
        media_url = signal.open311.media_url
    except ServiceRequest.DoesNotExist:
        media_url = ""
    out.update(
        {
            "description": signal.text,
            "address": building.address if building else "",
            "address_id": str(building.pk) if building else "",
            "zipcode": building.postcode if building else "",
            "lat": float(lat) if lat is not None else None,
            "long": float(lon) if lon is not None else None,
            "media_url": media_url,
        }
    )
    return out


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    fmt = "xml" if rest.endswith(".xml") else "json"
    return error(fmt, 404, _("Unknown address. Use discovery.json to see what there is."))

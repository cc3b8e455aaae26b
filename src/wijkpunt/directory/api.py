"""The sociale kaart as a read-only HSDS 3.0 API at ``/hsds/`` (Open Referral's API
reference: ``GET /``, ``/services``, ``/services/{id}``, ``/organizations``, ``/taxonomies``,
``/taxonomy_terms`` and their ``/{id}``).

Public: the directory is public information and holds no personal data, so no log-in is
asked (and none is used). Throttled per client address (``HSDS_RATE_LIMIT``, default 120
requests a minute). A wrong parameter is a 400 with the reason, an unknown id a 404, both in
JSON; never a 500."""

from __future__ import annotations

import datetime as dt
import math
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    permission_classes,
    schema,
)
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle

from wijkpunt.api.params import MAX_INT, NotANumber, parse_int
from wijkpunt.api.serializers import VALIDATION_ERRORS, ErrorOut
from wijkpunt.api.views import ApiView
from wijkpunt.core.http import client_ip
from wijkpunt.directory import queries
from wijkpunt.directory import serializers as out
from wijkpunt.directory.models import (
    Organization,
    Service,
    Taxonomy,
    TaxonomyTerm,
)

PROFILE = "https://docs.openreferral.org/en/latest/hsds/overview.html"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PAGE = 1_000_000
MAX_SEARCH = 200
TAG = ["HSDS 3.0 (sociale kaart)"]
TRUE, FALSE = {"true", "1", "yes"}, {"false", "0", "no"}

ERRORS = {
    400: "A parameter is wrong: each wrong parameter with its reason.",
    404: "There is no record with this id.",
    429: "Too many requests from this address: wait a minute (Retry-After).",
}


def _answers(ok, *codes: int) -> dict:
    found: dict = {200: ok}
    for code in codes:
        found[code] = OpenApiResponse(
            VALIDATION_ERRORS if code == 400 else ErrorOut, description=ERRORS[code]
        )
    return found


def rate_limit() -> tuple[int, int]:
    """(requests, seconds) per client address; settings may override."""
    requests, seconds = getattr(settings, "HSDS_RATE_LIMIT", (120, 60))
    return int(requests), int(seconds)


class PerAddressThrottle(BaseThrottle):
    """At most ``rate_limit()`` requests per client address per window, counted in the
    shared cache (so it holds across processes)."""

    def allow_request(self, request, view) -> bool:
        limit, seconds = rate_limit()
        self.seconds = seconds
        key = f"hsds:rate:{client_ip(request) or 'unknown'}"
        if cache.add(key, 1, timeout=seconds):
            return True
        try:
            count = cache.incr(key)
        except ValueError:  # expired in between
            cache.set(key, 1, timeout=seconds)
            count = 1
        return count <= limit

    def wait(self) -> float:
        return float(getattr(self, "seconds", 60))


class AlwaysJSON(DefaultContentNegotiation):
    """JSON whatever ``Accept`` or ``?format=`` says (``format`` is HSDS's parameter)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class Throttled(exceptions.Throttled):
    """A 429 with one plain sentence and ``Retry-After``."""

    def __init__(self, wait: float | None, detail: str) -> None:
        super().__init__(wait=None, detail=detail)
        self.wait = math.ceil(wait or 60)


class HSDSView(ApiView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [PerAddressThrottle]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = AlwaysJSON

    def throttled(self, request, wait):
        raise Throttled(wait, _("Too many requests from your address. Try again in a minute."))

    def initial(self, request: Request, *args, **kwargs) -> None:
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            raise exceptions.MethodNotAllowed(request.method or "")
        super().initial(request, *args, **kwargs)
        fmt = request.query_params.get("format")
        if fmt not in (None, "", "json"):
            raise serializers.ValidationError({"format": [_("Only json is offered.")]})


# --- Parameters ---------------------------------------------------------------------------------


class Params:
    """The query parameters of one request, checked; every wrong one is reported at once."""

    def __init__(self, request: Request) -> None:
        self.query = request.query_params
        self.errors: dict[str, list[str]] = {}

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def check(self) -> None:
        if self.errors:
            raise serializers.ValidationError(self.errors)

    def page(self) -> tuple[int, int]:
        page = self.whole("page", 1, low=1, high=MAX_PAGE)
        per_page = self.whole("per_page", DEFAULT_PER_PAGE, low=1, high=MAX_INT)
        return page, min(per_page, MAX_PER_PAGE)

    def whole(self, name: str, default: int, *, low: int, high: int) -> int:
        raw = self.query.get(name)
        if raw in (None, ""):
            return default
        try:
            return parse_int(raw, minimum=low, maximum=high)
        except NotANumber:
            self.fail(
                name,
                _("Give a whole number from %(low)s to %(high)s.") % {"low": low, "high": high},
            )
            return default

    def text(self, name: str) -> str:
        raw = (self.query.get(name) or "").strip()
        if len(raw) > MAX_SEARCH:
            self.fail(name, _("Use at most %(max)s characters.") % {"max": MAX_SEARCH})
            return ""
        return raw

    def uuid(self, name: str) -> uuid.UUID | None:
        raw = (self.query.get(name) or "").strip()
        if not raw:
            return None
        try:
            return uuid.UUID(raw)
        except ValueError:
            self.fail(name, _("Give an id (a UUID)."))
            return None

    def boolean(self, name: str) -> bool:
        raw = (self.query.get(name) or "").strip().lower()
        if raw in TRUE:
            return True
        if raw in FALSE or not raw:
            return False
        self.fail(name, _("Use true or false."))
        return False

    def moment(self, name: str):
        raw = (self.query.get(name) or "").strip()
        if not raw:
            return None
        try:
            parsed = parse_datetime(raw.replace("Z", "+00:00").replace(" ", "+"))
        except ValueError:
            parsed = None
        if parsed is not None and parsed.tzinfo is not None:
            try:  # in UTC: PostgreSQL takes offsets up to 15:59 only
                return parsed.astimezone(dt.UTC)
            except (OverflowError, ValueError):
                pass
        self.fail(name, _("Give a date and time with its time zone: 2026-03-15T10:30:00Z."))
        return None


def _page(request: Request, queryset: QuerySet, serializer, page: int, per_page: int) -> Response:
    total = queryset.count()
    pages = math.ceil(total / per_page)
    items = list(queryset[(page - 1) * per_page : page * per_page]) if total else []
    return Response(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": page,
            "size": len(items),
            "first_page": page == 1,
            "last_page": page >= pages,
            "empty": not items,
            "contents": serializer(items, many=True).data,
        }
    )


def _search_param() -> OpenApiParameter:
    return OpenApiParameter(
        "search", str, description=f"words in the name or description (at most {MAX_SEARCH})"
    )


def _page_params() -> list[OpenApiParameter]:
    return [
        OpenApiParameter(
            "page",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            description="page number, from 1",
        ),
        OpenApiParameter(
            "per_page",
            {"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_INT},
            description=f"items per page: {DEFAULT_PER_PAGE} when absent, at most "
            f"{MAX_PER_PAGE} (a larger number gives {MAX_PER_PAGE})",
        ),
        OpenApiParameter("format", {"type": "string", "enum": ["json"]}),
    ]


def _uuid_param(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, {"type": "string", "format": "uuid"}, description=description)


def full_services(queryset: QuerySet[Service]) -> QuerySet[Service]:
    return queryset.select_related("organization").prefetch_related(*queries.FULL_SERVICE)


def _not_found(message: str) -> exceptions.NotFound:
    return exceptions.NotFound(message)


def _parse_id(raw: str, message: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise _not_found(message) from None


# --- Views --------------------------------------------------------------------------------------


class Root(HSDSView):
    @extend_schema(
        tags=TAG,
        operation_id="hsds_root",
        description="Which HSDS version this API serves, and where its OpenAPI description is.",
        responses=_answers(out.RootOut, 429),
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                "version": out.HSDS_VERSION,
                "profile": PROFILE,
                "openapi_url": request.build_absolute_uri(reverse("api:schema")),
            }
        )


class ServiceList(HSDSView):
    @extend_schema(
        tags=TAG,
        operation_id="hsds_services_list",
        description="Every service of the directory (every status), by name, a page at a time. "
        "`full=true` gives each service fully nested, as `/services/{id}`.",
        parameters=[
            _search_param(),
            _uuid_param("taxonomy_term_id", "services with this need, or a need under it"),
            _uuid_param("taxonomy_id", "services with a need of this taxonomy"),
            _uuid_param("organization_id", "services of this organisation"),
            OpenApiParameter(
                "modified_after",
                {"type": "string", "format": "date-time"},
                description="services changed at or after this moment",
            ),
            OpenApiParameter("full", bool, description="fully nested services"),
            *_page_params(),
        ],
        responses=_answers(out.ServiceFullPage, 400, 429),
    )
    def get(self, request: Request) -> Response:
        params = Params(request)
        services = queries.hsds_services(
            text=params.text("search"),
            term=params.uuid("taxonomy_term_id"),
            taxonomy=params.uuid("taxonomy_id"),
            organization=params.uuid("organization_id"),
            modified_after=params.moment("modified_after"),
        )
        full = params.boolean("full")
        page, per_page = params.page()
        params.check()
        if full:
            return _page(request, full_services(services), out.ServiceFullOut, page, per_page)
        services = services.prefetch_related("organization__phones__languages")
        return _page(request, services, out.ServiceListOut, page, per_page)


class ServiceDetail(HSDSView):
    @extend_schema(
        tags=TAG,
        operation_id="hsds_service",
        description="One service, fully nested: its organisation, places (with their "
        "addresses), phones, opening hours, languages and needs (attributes).",
        responses=_answers(out.ServiceFullOut, 404, 429),
    )
    def get(self, request: Request, id: str) -> Response:
        message = _("There is no service with this id.")
        service = full_services(Service.objects.filter(pk=_parse_id(id, message))).first()
        if service is None:
            raise _not_found(message)
        return Response(out.ServiceFullOut(service).data)


class OrganizationList(HSDSView):
    @extend_schema(
        tags=TAG,
        operation_id="hsds_organizations_list",
        description="Every organisation of the directory, by name, a page at a time.",
        parameters=[_search_param(), *_page_params()],
        responses=_answers(out.OrganizationPage, 400, 429),
    )
    def get(self, request: Request) -> Response:
        params = Params(request)
        organizations = queries.hsds_organizations(text=params.text("search"))
        page, per_page = params.page()
        params.check()
        return _page(request, organizations, out.OrganizationOut, page, per_page)


class OrganizationDetail(HSDSView):
    @extend_schema(
        tags=TAG,
        operation_id="hsds_organization",
        description="One organisation with its phones, locations and services.",
        responses=_answers(out.OrganizationFullOut, 404, 429),
    )
    def get(self, request: Request, id: str) -> Response:
        message = _("There is no organisation with this id.")
        organization = (
            Organization.objects.filter(pk=_parse_id(id, message))
            .prefetch_related(
                "phones__languages",
                Prefetch("services", queryset=Service.objects.order_by("name", "pk")),
                "locations__addresses",
                "locations__phones__languages",
                "locations__schedules",
                "locations__languages",
            )
            .first()
        )
        if organization is None:
            raise _not_found(message)
        return Response(out.OrganizationFullOut(organization).data)


class TaxonomyList(HSDSView):
    @extend_schema(
        tags=TAG,
        operation_id="hsds_taxonomies_list",
        description="The taxonomies the needs come from.",
        parameters=[_search_param(), *_page_params()],
        responses=_answers(out.TaxonomyPage, 400, 429),
    )
    def get(self, request: Request) -> Response:
        params = Params(request)
        taxonomies = Taxonomy.objects.order_by("name", "pk")
        for word in params.text("search").split()[:8]:
            taxonomies = taxonomies.filter(name__icontains=word)
        page, per_page = params.page()
        params.check()
        return _page(request, taxonomies, out.TaxonomyOut, page, per_page)


class TaxonomyDetail(HSDSView):
    @extend_schema(
        tags=TAG,
        operation_id="hsds_taxonomy",
        responses=_answers(out.TaxonomyOut, 404, 429),
    )
    def get(self, request: Request, id: str) -> Response:
        message = _("There is no taxonomy with this id.")
        taxonomy = Taxonomy.objects.filter(pk=_parse_id(id, message)).first()
        if taxonomy is None:
            raise _not_found(message)
        return Response(out.TaxonomyOut(taxonomy).data)


class TaxonomyTermList(HSDSView):
    @extend_schema(
        tags=TAG,
        operation_id="hsds_taxonomy_terms_list",
        description="The needs (taxonomy terms), broader terms first.",
        parameters=[
            _search_param(),
            _uuid_param("taxonomy_id", "terms of this taxonomy"),
            _uuid_param("parent_id", "terms right under this term"),
            OpenApiParameter("top_only", bool, description="only terms without a parent"),
            *_page_params(),
        ],
        responses=_answers(out.TaxonomyTermPage, 400, 429),
    )
    def get(self, request: Request) -> Response:
        params = Params(request)
        terms = queries.hsds_terms(
            text=params.text("search"),
            taxonomy=params.uuid("taxonomy_id"),
            parent=params.uuid("parent_id"),
            top_only=params.boolean("top_only"),
        )
        page, per_page = params.page()
        params.check()
        return _page(request, terms, out.TaxonomyTermOut, page, per_page)


class TaxonomyTermDetail(HSDSView):
    @extend_schema(
        tags=TAG,
        operation_id="hsds_taxonomy_term",
        responses=_answers(out.TaxonomyTermOut, 404, 429),
    )
    def get(self, request: Request, id: str) -> Response:
        message = _("There is no taxonomy term with this id.")
        term = (
            TaxonomyTerm.objects.filter(pk=_parse_id(id, message))
            .select_related("taxonomy")
            .first()
        )
        if term is None:
            raise _not_found(message)
        return Response(out.TaxonomyTermOut(term).data)


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([AllowAny])
@authentication_classes([])
@schema(None)
def not_found(request: Request, rest: str = "") -> Response:
    """Unknown addresses under /hsds/ answer in JSON too."""
    return Response({"detail": _("Not found.")}, status=status.HTTP_404_NOT_FOUND)

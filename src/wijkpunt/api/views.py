"""REST API v1 for signals. Session authentication (the browser session of a tenant or staff
member); every read goes through ``signalling.access`` and every write through
``signalling.actions``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    permission_classes,
    schema,
)
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkpunt.accounts.models import User
from wijkpunt.api import queries
from wijkpunt.api.exceptions import exception_handler
from wijkpunt.api.params import (
    DEFAULT_PAGE_SIZE,
    MAX_INT,
    MAX_OFFSET,
    MAX_PAGE_SIZE,
    Pagination,
)
from wijkpunt.api.serializers import (
    SIGNAL_DETAIL_OUT,
    SIGNAL_OUT,
    VALIDATION_ERRORS,
    AssignIn,
    CategoryOut,
    ErrorOut,
    EventOut,
    SignalCreateIn,
    SignalPage,
    SignalPublicDetailOut,
    SignalPublicOut,
    SignalStaffDetailOut,
    SignalStaffOut,
    StatusIn,
    TextIn,
)
from wijkpunt.audit.actions import record_list_read
from wijkpunt.partners.access import has_staff_role
from wijkpunt.signalling import actions
from wijkpunt.signalling.access import (
    SignalAction,
    can_act_on,
    get_own_signal_for,
    get_signal_for,
    own_signals,
    visible_signals,
)
from wijkpunt.signalling.models import Category, Channel, Signal, SignalStatus

STAFF_RELATED = ("category", "estate", "owner_organisation", "owner_team", "owner_user")
IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_IDEMPOTENCY_KEY = 64

ERRORS = {
    400: "Invalid fields, parameters or JSON: each wrong field with its reasons.",
    403: "Not logged in, no home and no staff role, or may see the signal but not act on it.",
    404: "Unknown id, or a signal the caller may not see (its existence does not leak).",
    409: "The workflow does not allow this status change.",
    415: "The body is neither JSON nor a form.",
}


def answers(ok: dict, *codes: int) -> dict:
    """The schema's responses of an operation: what it answers when it works, and every
    error it can answer with the body of that error."""
    out = dict(ok)
    for code in codes:
        body = VALIDATION_ERRORS if code == 400 else ErrorOut
        out[code] = OpenApiResponse(body, description=ERRORS[code])
    return out


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


class ApiView(APIView):
    """Base: plain-language 4xx for every invalid request."""

    def get_exception_handler(self):
        return exception_handler

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        # PostgreSQL cannot store or compare text with NUL characters: refuse them up front.
        params = dict(request.query_params.lists())
        data = request.data if request.method in {"POST", "PUT", "PATCH"} else {}
        if hasattr(data, "lists"):
            data = dict(data.lists())
        if _has_nul(params) or _has_nul(data):
            raise serializers.ValidationError(
                {"detail": [_("The request contains characters that are not allowed.")]}
            )


def _idempotency_key(request: Request, scope: str) -> str | None:
    """The client's key, scoped to the caller so that one caller can never fetch another's
    signal by guessing a key."""
    key = (request.headers.get(IDEMPOTENCY_HEADER) or "").strip()
    if not key:
        return None
    if len(key) > MAX_IDEMPOTENCY_KEY or not key.isprintable():
        raise serializers.ValidationError(
            {
                IDEMPOTENCY_HEADER: [
                    _("Use at most %(max)s printable characters.") % {"max": MAX_IDEMPOTENCY_KEY}
                ]
            }
        )
    return f"{scope}:{key}"


class CategoryList(ApiView):
    @extend_schema(
        description="Active categories, named in the caller's language.",
        responses=answers({200: CategoryOut(many=True)}, 403),
    )
    def get(self, request: Request) -> Response:
        categories = Category.objects.filter(active=True)
        return Response(CategoryOut(categories, many=True).data)


class SignalList(ApiView):
    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, description="comma-separated statuses"),
            OpenApiParameter("category", str, description="category code (slug)"),
            OpenApiParameter("estate", str, description="estate short code"),
            OpenApiParameter("urgent", bool),
            OpenApiParameter(
                "limit",
                {"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_INT},
                description=f"page size: at most {MAX_PAGE_SIZE} signals (a larger limit gives "
                f"{MAX_PAGE_SIZE}); {DEFAULT_PAGE_SIZE} when absent",
            ),
            OpenApiParameter(
                "offset",
                {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET},
                description="how many signals to skip",
            ),
        ],
        operation_id="signals_list",
        description="A tenant: their own signals (the tenant's shape); staff: the signals "
        "they may see (the staff shape). One page at a time.",
        responses=answers({200: SignalPage}, 400, 403),
    )
    def get(self, request: Request) -> Response:
        user = request.user
        staff = has_staff_role(user)
        signals = visible_signals(user) if staff else own_signals(user)
        signals = self._filter(signals, request.query_params)
        if staff:
            signals = signals.select_related(*STAFF_RELATED)
        else:
            signals = signals.select_related("category")
        paginator = Pagination()
        page = paginator.paginate_queryset(signals.order_by("-created_at", "-id"), request, self)
        assert page is not None  # the pagination has a page size
        if staff:
            record_list_read(
                request=request,
                object_type="signal-list",
                household_ids=[s.household_id for s in page if s.reporter_id != user.pk],
            )
            data = SignalStaffOut(page, many=True).data
        else:
            data = SignalPublicOut(page, many=True).data
        return paginator.get_paginated_response(data)

    def _filter(self, signals: QuerySet[Signal], params) -> QuerySet[Signal]:
        errors: dict[str, list[str]] = {}
        if params.get("status"):
            wanted = [s.strip() for s in params["status"].split(",") if s.strip()]
            unknown = [s for s in wanted if s not in SignalStatus.values]
            if unknown:
                errors["status"] = [_("Unknown status: %(s)s") % {"s": ", ".join(unknown)}]
            signals = signals.filter(status__in=wanted)
        if params.get("category"):
            signals = signals.filter(category__slug=params["category"])
        if params.get("estate"):
            signals = signals.filter(estate__slug=params["estate"])
        if params.get("urgent"):
            value = params["urgent"].lower()
            if value not in {"true", "false", "1", "0", "yes", "no"}:
                errors["urgent"] = [_("Use true or false.")]
            signals = signals.filter(urgent=value in {"true", "1", "yes"})
        if errors:
            raise serializers.ValidationError(errors)
        return signals

    @extend_schema(
        request=SignalCreateIn,
        description="Report a signal. 201 with the new signal, or 200 with the signal of an "
        "earlier request with the same Idempotency-Key. A tenant gets the tenant's shape, staff "
        "the staff shape.",
        parameters=[
            OpenApiParameter(
                IDEMPOTENCY_HEADER,
                str,
                OpenApiParameter.HEADER,
                description=f"up to {MAX_IDEMPOTENCY_KEY} printable characters",
            )
        ],
        responses=answers({201: SIGNAL_OUT, 200: SIGNAL_OUT}, 400, 403, 415),
    )
    def post(self, request: Request) -> Response:
        user = request.user
        staff = has_staff_role(user)
        if not isinstance(user, User) or (not staff and not queries.is_tenant(user)):
            raise PermissionDenied
        incoming = SignalCreateIn(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        key = _idempotency_key(request, f"api:{user.pk}")
        common = {
            "text": data["text"],
            "category": data.get("category"),
            "reported_urgent": data["urgent"],
            "where": data["where"],
            "dwelling": data.get("dwelling"),
            "building": data.get("building"),
            "common_space": data.get("common_space"),
            "estate": data.get("estate"),
            "location_text": data.get("location_text", ""),
            "language": data.get("language") or user.language or "nl-be",
            "idempotency_key": key,
        }
        if staff:
            intake = actions.create_signal(
                channel=data.get("channel") or Channel.API,
                registered_by=user,
                reporter_name=data.get("reporter_name", ""),
                reporter_email=data.get("reporter_email", ""),
                reporter_phone=data.get("reporter_phone", ""),
                anonymous=data["anonymous"],
                for_neighbour=data["for_neighbour"],
                **common,
            )
        else:
            intake = actions.create_signal(channel=Channel.API, reporter=user, **common)
        signal = intake.signal
        if signal.reporter_id != user.pk and signal.registered_by_id != user.pk:
            # A key can only match the caller's own earlier submission (it is scoped), but
            # never answer with someone else's signal.
            raise PermissionDenied
        out = SignalStaffOut(signal) if staff else SignalPublicOut(signal)
        return Response(out.data, status=status.HTTP_201_CREATED if intake.created else 200)


class SignalDetail(ApiView):
    @extend_schema(
        description="Staff: the whole signal with its timeline (the read is audited). A "
        "tenant: their own signal, its plain status and public events only.",
        responses=answers({200: SIGNAL_DETAIL_OUT}, 403, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        user = request.user
        if has_staff_role(user):
            signal = get_signal_for(user, pk, request=request, purpose="api")
            return Response(SignalStaffDetailOut(signal, context={"user": user}).data)
        signal = get_own_signal_for(user, pk)
        return Response(SignalPublicDetailOut(signal).data)


class _SignalAction(ApiView):
    """Staff acting on a signal they may act on: 404 when they may not see it, 403 when they
    may see it but not act."""

    def signal_for(self, request: Request, pk: int) -> Signal:
        return get_signal_for(
            request.user, pk, action=SignalAction.ACT, request=request, purpose="api"
        )


class SignalStatusView(_SignalAction):
    @extend_schema(
        request=StatusIn,
        description="Change the status. Status `merged` needs `merged_into`: the signal this "
        "one is merged into (one the caller may act on).",
        responses=answers({200: SignalStaffOut}, 400, 403, 404, 409, 415),
    )
    def post(self, request: Request, pk: int) -> Response:
        signal = self.signal_for(request, pk)
        incoming = StatusIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        if data["status"] == SignalStatus.MERGED:
            # Merging needs the signal that is kept: it goes through the merge action.
            into = self._merge_target(request, data["merged_into"])
            actions.merge(duplicate=signal, into=into, user=request.user)
            signal = Signal.objects.select_related(*STAFF_RELATED).get(pk=signal.pk)
            return Response(SignalStaffOut(signal).data)
        signal = actions.change_status(
            signal=signal, user=request.user, status=data["status"], message=data["message"]
        )
        return Response(SignalStaffOut(signal).data)

    def _merge_target(self, request: Request, pk: int) -> Signal:
        try:
            into = get_signal_for(request.user, pk, request=request, purpose="api merge")
        except Http404:
            raise serializers.ValidationError(
                {"merged_into": [_("There is no signal with this number that you may see.")]}
            ) from None
        if not can_act_on(request.user, into):
            raise serializers.ValidationError(
                {"merged_into": [_("This signal is handled by another organisation.")]}
            )
        return into


class SignalNoteView(_SignalAction):
    @extend_schema(
        request=TextIn,
        description="An internal note, never shown to the resident.",
        responses=answers({201: EventOut}, 400, 403, 404, 415),
    )
    def post(self, request: Request, pk: int) -> Response:
        signal = self.signal_for(request, pk)
        incoming = TextIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        event = actions.add_note(
            signal=signal, user=request.user, text=incoming.validated_data["text"]
        )
        return Response(EventOut(event).data, status=status.HTTP_201_CREATED)


class SignalMessageView(_SignalAction):
    @extend_schema(
        request=TextIn,
        description="A message to the resident (portal and e-mail).",
        responses=answers({201: EventOut}, 400, 403, 404, 415),
    )
    def post(self, request: Request, pk: int) -> Response:
        signal = self.signal_for(request, pk)
        incoming = TextIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        event = actions.send_message(
            signal=signal, user=request.user, text=incoming.validated_data["text"]
        )
        return Response(EventOut(event).data, status=status.HTTP_201_CREATED)


class SignalAssignView(_SignalAction):
    @extend_schema(
        request=AssignIn,
        description="Give the signal to an organisation, a team or a person; to another "
        "organisation it is a hand-over. A `person` must be active staff of the organisation "
        "the signal goes to.",
        responses=answers({200: SignalStaffOut}, 400, 403, 404, 415),
    )
    def post(self, request: Request, pk: int) -> Response:
        signal = self.signal_for(request, pk)
        incoming = AssignIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        organisation = data.get("organisation")
        team = data.get("team")
        if organisation is None and team is None and signal.owner_organisation_id is None:
            raise serializers.ValidationError(
                {"organisation": [_("This signal has no organisation yet: choose one.")]}
            )
        person = None
        if data.get("person") is not None:
            if organisation is not None:
                target = organisation.pk
            else:
                target = team.organisation_id if team else signal.owner_organisation_id
            person = _assignable_person(data["person"], organisation_id=target)
        signal = actions.assign(
            signal=signal,
            user=request.user,
            organisation=data.get("organisation"),
            team=data.get("team"),
            person=person,
            note=data["note"],
            basis=data["basis"],
            consent=_consent_of(signal, data.get("consent")),
            legal_ground=data["legal_ground"],
            basis_note=data["basis_note"],
            share_dwelling=data["share_dwelling"],
        )
        return Response(SignalStaffOut(signal).data)


def _consent_of(signal: Signal, pk: int | None):
    """The consent of the signal's household with this id (an id of another household is
    refused like an unknown one: the action names the consent as missing)."""
    if pk is None or signal.household_id is None:
        return None
    from wijkpunt.households.models import Consent

    consent = Consent.objects.filter(pk=pk, household_id=signal.household_id).first()
    if consent is None:
        raise serializers.ValidationError({"consent": [_("No such consent of this household.")]})
    return consent


def _assignable_person(pk: int, *, organisation_id: int) -> User:
    """The active staff member with this id in the organisation the signal goes to. An id
    that is nobody, a resident, someone inactive or someone of another organisation all get
    the same answer, so the API cannot be used to find out who has an account."""
    person = (
        User.objects.filter(
            pk=pk,
            is_active=True,
            staff_roles__organisation_id=organisation_id,
            staff_roles__active=True,
        )
        .distinct()
        .first()
    )
    if person is None:
        raise serializers.ValidationError(
            {"person": [_("Nobody with this number works for that organisation.")]}
        )
    return person


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([AllowAny])
@authentication_classes([])
@schema(None)
def not_found(request: Request) -> Response:
    """Unknown addresses under /api/v1/ answer in JSON too."""
    return Response({"detail": _("Not found.")}, status=status.HTTP_404_NOT_FOUND)

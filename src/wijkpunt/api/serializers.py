"""Input and output serializers, one pair per operation. Inputs only check shape and
permission to use the objects they name; the writes are the signalling actions."""

from __future__ import annotations

import copy

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from wijkpunt.api import queries
from wijkpunt.api.params import StrictIntegerField, StrictPrimaryKeyRelatedField
from wijkpunt.households.access import dwelling_hidden
from wijkpunt.households.models import LegalGround, ReferralBasis
from wijkpunt.partners.access import has_staff_role
from wijkpunt.partners.models import Organisation, Team
from wijkpunt.signalling import config
from wijkpunt.signalling.access import reporter_as_seen_by, visible_events
from wijkpunt.signalling.actions import MAX_TEXT
from wijkpunt.signalling.models import (
    Category,
    Channel,
    Signal,
    SignalEvent,
    SignalStatus,
    Where,
)
from wijkpunt.signalling.queries import resident_events
from wijkpunt.signalling.workflow import PUBLIC_STATUS_TEXT

STAFF_CHANNELS = [
    Channel.API,
    Channel.PHONE,
    Channel.HOME_VISIT,
    Channel.COUNTER,
    Channel.EMAIL,
    Channel.STAFF,
]
LANGUAGES = ["nl-be", "nl", "fr", "en"]


class _Fast(serializers.Serializer):
    """A serializer built on every request of a busy endpoint. DRF deep-copies every declared
    field for each new serializer, lazy translations, choices and querysets included; for
    flat fields a shallow copy is enough (each copy is bound to its own serializer), which
    takes a tenth of the time. Nested serializers and list fields are still deep-copied."""

    def get_fields(self) -> dict:
        return {
            name: copy.deepcopy(field) if _nested(field) else copy.copy(field)
            for name, field in self._declared_fields.items()
        }


def _nested(field) -> bool:
    return isinstance(
        field, serializers.BaseSerializer | serializers.ListField | serializers.DictField
    )


# --- Categories --------------------------------------------------------------------------------
class CategoryOut(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.SerializerMethodField()
    name_nl = serializers.CharField(source="name")
    name_fr = serializers.CharField()
    name_en = serializers.CharField()
    description = serializers.CharField()

    def get_name(self, category: Category) -> str:
        return category.label()


# --- Create ------------------------------------------------------------------------------------
@extend_schema_field(OpenApiTypes.INT)
class _UserScopedPrimaryKey(StrictPrimaryKeyRelatedField):
    """A primary key the caller may use; anything else is "does not exist" (no leak)."""

    def __init__(self, scope, **kwargs):
        self.scope = scope
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.scope(self.context["request"].user)

    def use_pk_only_optimization(self):
        return False


@extend_schema_field(OpenApiTypes.STR)
class _UserScopedSlug(serializers.SlugRelatedField):
    def __init__(self, scope, **kwargs):
        self.scope = scope
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.scope(self.context["request"].user)


@extend_schema_field(OpenApiTypes.STR)
class _ActiveCategory(serializers.Field):
    """An active category by its code, from the signal configuration in memory."""

    default_error_messages = {
        "does_not_exist": _("No category with code {value}."),
        "invalid": _("Give the category's code as text."),
    }

    def to_internal_value(self, data) -> Category:
        if not isinstance(data, str):
            self.fail("invalid")
        category = config.get().categories_by_slug.get(data.strip())
        if category is None or not category.active:
            self.fail("does_not_exist", value=data)
        return category

    def to_representation(self, value: Category) -> str:
        return value.slug


class SignalCreateIn(_Fast):
    """A new signal. Staff registering for someone else must say where it is and may add the
    channel and the reporter's details; tenants who send those get a 400."""

    text = serializers.CharField(max_length=MAX_TEXT, trim_whitespace=True)
    category = _ActiveCategory(required=False, allow_null=True)
    urgent = serializers.BooleanField(required=False, default=False)
    where = serializers.ChoiceField(choices=Where.choices, required=False, default=Where.DWELLING)
    dwelling = _UserScopedPrimaryKey(queries.usable_dwellings, required=False, allow_null=True)
    building = _UserScopedPrimaryKey(queries.usable_buildings, required=False, allow_null=True)
    common_space = _UserScopedPrimaryKey(
        queries.usable_common_spaces, required=False, allow_null=True
    )
    estate = _UserScopedSlug(
        queries.usable_estates, slug_field="slug", required=False, allow_null=True
    )
    location_text = serializers.CharField(max_length=250, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=LANGUAGES, required=False)
    # Staff registering on someone's behalf
    channel = serializers.ChoiceField(choices=STAFF_CHANNELS, required=False)
    reporter_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    reporter_email = serializers.EmailField(required=False, allow_blank=True)
    reporter_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    anonymous = serializers.BooleanField(required=False, default=False)
    for_neighbour = serializers.BooleanField(required=False, default=False)

    STAFF_ONLY = (
        "channel",
        "reporter_name",
        "reporter_email",
        "reporter_phone",
        "anonymous",
        "for_neighbour",
    )

    def validate(self, attrs):
        user = self.context["request"].user
        if not has_staff_role(user):
            used = [f for f in self.STAFF_ONLY if f in self.initial_data]
            if used:
                raise serializers.ValidationError(
                    {f: [_("Only staff registering for someone else can use this.")] for f in used}
                )
        where = attrs.get("where")
        if where == Where.COMMON_SPACE and not attrs.get("common_space"):
            raise serializers.ValidationError({"common_space": [_("Choose the common space.")]})
        if (
            attrs.get("dwelling")
            and attrs.get("building")
            and attrs["dwelling"].building_id != attrs["building"].pk
        ):
            raise serializers.ValidationError(
                {"building": [_("This dwelling is not in that building.")]}
            )
        if has_staff_role(user) and not any(
            attrs.get(f) for f in ("dwelling", "building", "common_space", "estate")
        ):
            raise serializers.ValidationError(
                {
                    "estate": [
                        _("Say where it is: a dwelling, a building, a common space or an estate.")
                    ]
                }
            )
        return attrs


# --- Output ------------------------------------------------------------------------------------
class PublicEventOut(serializers.Serializer):
    kind = serializers.CharField()
    at = serializers.DateTimeField()
    to_status = serializers.CharField()
    text = serializers.CharField()


class StaffEventOut(PublicEventOut):
    id = serializers.IntegerField()
    kind_label = serializers.CharField(source="get_kind_display")
    from_status = serializers.CharField()
    public = serializers.BooleanField()
    actor = serializers.SerializerMethodField()
    # the serializer metaclass moves declared fields away: .data stays the serialized output
    data = serializers.JSONField()  # type: ignore[assignment]

    def get_actor(self, event: SignalEvent) -> str | None:
        if not event.actor_id:
            return None
        hide = self.context.get("hide_actor_id")
        if hide is not None and event.actor_id == hide:
            return str(_("the resident"))
        return event.actor.full_name if event.actor is not None else None


class SignalPublicOut(_Fast):
    """What the reporter sees: their own words, where, and the plain status."""

    id = serializers.IntegerField()
    reference = serializers.CharField()
    text = serializers.CharField()
    status = serializers.CharField()
    status_text = serializers.SerializerMethodField()
    category = serializers.SerializerMethodField()
    urgent = serializers.BooleanField(source="reported_urgent")
    where = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_category(self, signal: Signal) -> str | None:
        # A suggested category is not shown as a fact until a person chose or confirmed it.
        category = signal.category_for_resident()
        return category.slug if category is not None else None

    def get_status_text(self, signal: Signal) -> str:
        return str(PUBLIC_STATUS_TEXT.get(signal.status, ""))


class SignalPublicDetailOut(SignalPublicOut):
    events = serializers.SerializerMethodField()

    def get_events(self, signal: Signal) -> list:
        # The same rule as the portal: another reporter's words never show here.
        # many=True makes a ListSerializer, whose data is a list; the stubs keep the item class
        return PublicEventOut(resident_events(signal), many=True).data  # type: ignore[return-value]


class _Named(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


class SignalStaffOut(_Fast):
    """A signal as staff see it: the owner and the deadlines, no reporter details."""

    id = serializers.IntegerField()
    reference = serializers.CharField()
    text = serializers.CharField()
    language = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    category = serializers.CharField(source="category.slug", allow_null=True)
    urgent = serializers.BooleanField()
    reported_urgent = serializers.BooleanField()
    needs_triage = serializers.BooleanField()
    channel = serializers.CharField()
    where = serializers.CharField()
    estate = serializers.CharField(source="estate.slug", allow_null=True)
    building = serializers.IntegerField(source="building_id", allow_null=True)
    dwelling = serializers.IntegerField(source="dwelling_id", allow_null=True)
    common_space = serializers.IntegerField(source="common_space_id", allow_null=True)
    location_text = serializers.CharField()
    owner_organisation = _Named(allow_null=True)
    owner_team = _Named(allow_null=True)
    owner_user = serializers.SerializerMethodField()
    first_response_due = serializers.DateTimeField()
    resolution_due = serializers.DateTimeField()
    overdue = serializers.BooleanField(source="is_overdue")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_owner_user(self, signal: Signal) -> dict | None:
        if not signal.owner_user_id or signal.owner_user is None:
            return None
        return {"id": signal.owner_user_id, "name": signal.owner_user.full_name}


class SignalStaffDetailOut(SignalStaffOut):
    """A signal for staff. Who reported it is shown as on the signal page: not at all when the
    reporter's household is beyond this user's need-to-know (``reporter_hidden``), nor when
    the report is anonymous. Needs ``context={"user": …}``."""

    reporter_name = serializers.SerializerMethodField()
    reporter_email = serializers.SerializerMethodField()
    reporter_phone = serializers.SerializerMethodField()
    reporter_hidden = serializers.SerializerMethodField()
    anonymous = serializers.BooleanField()
    for_neighbour = serializers.BooleanField()
    suggested_category = serializers.CharField(source="suggested_category.slug", allow_null=True)
    suggested_urgent = serializers.BooleanField()
    suggestion_confidence = serializers.FloatField()
    merged_into = serializers.IntegerField(source="merged_into_id", allow_null=True)
    events = serializers.SerializerMethodField()

    def _reporter(self, signal: Signal) -> dict:
        if "reporter" not in self.__dict__:
            self.__dict__["reporter"] = reporter_as_seen_by(self.context["user"], signal)
        return self.__dict__["reporter"]

    def get_reporter_name(self, signal: Signal) -> str:
        return self._reporter(signal).get("name", "")

    def get_reporter_email(self, signal: Signal) -> str:
        return self._reporter(signal).get("email", "")

    def get_reporter_phone(self, signal: Signal) -> str:
        return self._reporter(signal).get("phone", "")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if dwelling_hidden(self.context["user"], instance):
            data["dwelling"] = None  # the hand-over did not share the exact dwelling
        return data

    def get_reporter_hidden(self, signal: Signal) -> bool:
        return bool(self._reporter(signal).get("hidden"))

    def get_events(self, signal: Signal) -> list:
        events = (
            visible_events(self.context["user"], signal)
            .select_related("actor")
            .order_by("at", "id")
        )
        reporter = self._reporter(signal)
        hidden = reporter.get("hidden") or reporter.get("anonymous")
        context = {"hide_actor_id": signal.reporter_id} if hidden and signal.reporter_id else {}
        # as in get_events above: a list (and not the declared field named "data")
        return StaffEventOut(events, many=True, context=context).data  # type: ignore[return-value]


# --- Acting on a signal ------------------------------------------------------------------------
class StatusIn(serializers.Serializer):
    status = serializers.ChoiceField(choices=SignalStatus.choices)
    message = serializers.CharField(
        max_length=MAX_TEXT, required=False, allow_blank=True, default=""
    )
    merged_into = StrictIntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        help_text="Only with status “merged”: the id of the signal this one is merged into.",
    )

    def validate(self, attrs):
        merging = attrs["status"] == SignalStatus.MERGED
        if merging and not attrs.get("merged_into"):
            raise serializers.ValidationError(
                {"merged_into": [_("Give the number of the signal this one is merged into.")]}
            )
        if not merging and attrs.get("merged_into"):
            raise serializers.ValidationError(
                {"merged_into": [_("Only a signal that is being merged has this.")]}
            )
        return attrs


class TextIn(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_TEXT)


@extend_schema_field(OpenApiTypes.INT)
class _Id(StrictPrimaryKeyRelatedField):
    pass


class AssignIn(serializers.Serializer):
    organisation = _Id(queryset=Organisation.objects.all(), required=False, allow_null=True)
    team = _Id(
        queryset=Team.objects.select_related("organisation"), required=False, allow_null=True
    )
    person = StrictIntegerField(required=False, allow_null=True, min_value=1)
    note = serializers.CharField(max_length=MAX_TEXT, required=False, allow_blank=True, default="")
    # The hand-over of a household's signal is a referral: what it rests on.
    basis = serializers.ChoiceField(
        choices=ReferralBasis.choices, required=False, allow_blank=True, default=""
    )
    consent = StrictIntegerField(required=False, allow_null=True, min_value=1)
    legal_ground = serializers.ChoiceField(
        choices=LegalGround.choices, required=False, allow_blank=True, default=""
    )
    basis_note = serializers.CharField(
        max_length=1000, required=False, allow_blank=True, default=""
    )
    share_dwelling = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs):
        if not any(attrs.get(f) for f in ("organisation", "team", "person")):
            raise serializers.ValidationError(
                {"organisation": [_("Choose an organisation, a team or a person.")]}
            )
        return attrs


class EventOut(StaffEventOut):
    pass


# --- What the schema says about answers ---------------------------------------------------------
# A tenant and a member of staff get different shapes from the same operation: the schema says
# so with oneOf (a tenant's signal has ``status_text``, staff's has the owner and deadlines).
SIGNAL_OUT = PolymorphicProxySerializer(
    component_name="Signal",
    serializers=[SignalStaffOut, SignalPublicOut],
    resource_type_field_name=None,
    many=False,
)
SIGNAL_DETAIL_OUT = PolymorphicProxySerializer(
    component_name="SignalDetail",
    serializers=[SignalStaffDetailOut, SignalPublicDetailOut],
    resource_type_field_name=None,
    many=False,
)


class SignalPage(serializers.Serializer):
    """One page of a list: ``limit`` items at most (never more than 200), from ``offset``."""

    count = serializers.IntegerField(help_text="How many signals match, on every page.")
    next = serializers.URLField(allow_null=True, help_text="The next page, or null.")
    previous = serializers.URLField(allow_null=True, help_text="The previous page, or null.")
    results = PolymorphicProxySerializer(
        component_name="SignalListItem",
        serializers=[SignalStaffOut, SignalPublicOut],
        resource_type_field_name=None,
        many=True,
    )


class ErrorOut(serializers.Serializer):
    """Every refusal but a 400: one sentence in the caller's language."""

    detail = serializers.CharField()


# A 400 names each field that is wrong with its reasons, or gives one ``detail``.
VALIDATION_ERRORS = {
    "type": "object",
    "description": "Each wrong field with its reasons (or `detail`: one reason for the request).",
    "additionalProperties": {
        "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
    },
    "minProperties": 1,
}

"""The HSDS 3.0 shapes Wijkpunt serves at ``/hsds/`` (and that its import reads back).

Output only. A field without a value is left out (HSDS's JSON schemas allow no ``null``),
except the fields HSDS requires, which are always there."""

from __future__ import annotations

from typing import Any, ClassVar

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wijkpunt.directory.models import LocationType, ServiceStatus, ServiceTaxonomy

HSDS_VERSION = "3.0"


class HSDSOut(serializers.Serializer):
    """Leaves out what has no value; ``always`` names the fields HSDS requires."""

    always: ClassVar[tuple[str, ...]] = ("id",)

    def to_representation(self, instance) -> dict[str, Any]:
        data = super().to_representation(instance)
        return {
            key: value
            for key, value in data.items()
            if key in self.always or (value is not None and value != "")
        }


def text(**kwargs) -> serializers.CharField:
    return serializers.CharField(required=False, **kwargs)


def uuid_of(source: str) -> serializers.UUIDField:
    return serializers.UUIDField(source=source, required=False)


@extend_schema_field(
    {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "example": "09:00"}
)
class HourMinuteField(serializers.Field):
    """A time of day as HSDS writes it: ``HH:MM`` (local time)."""

    def to_representation(self, value) -> str:
        return value.strftime("%H:%M")


class TaxonomyOut(HSDSOut):
    class Meta:
        ref_name = "HSDSTaxonomy"

    always = ("id", "name", "description")
    id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    uri = text()
    version = text()


class TaxonomyTermOut(HSDSOut):
    class Meta:
        ref_name = "HSDSTaxonomyTerm"

    always = ("id", "name", "description")
    id = serializers.UUIDField()
    code = text()
    name = serializers.CharField()
    description = serializers.CharField()
    parent_id = serializers.UUIDField(required=False)
    taxonomy = serializers.CharField(source="taxonomy.name", required=False, default=None)
    taxonomy_id = serializers.UUIDField(required=False)
    taxonomy_detail = TaxonomyOut(source="taxonomy", required=False)
    language = text()
    term_uri = text()


class AttributeOut(HSDSOut):
    """HSDS attribute: the link between a service and a taxonomy term."""

    class Meta:
        ref_name = "HSDSAttribute"

    id = serializers.UUIDField()
    link_id = uuid_of("service_id")
    link_type = text()
    link_entity = serializers.SerializerMethodField()
    value = text()
    taxonomy_term_id = uuid_of("term_id")
    taxonomy_term = TaxonomyTermOut(source="term")

    def get_link_entity(self, obj: ServiceTaxonomy) -> str:
        return "service"


class LanguageOut(HSDSOut):
    class Meta:
        ref_name = "HSDSLanguage"

    id = serializers.UUIDField()
    name = text()
    code = text()
    note = text()


class PhoneOut(HSDSOut):
    class Meta:
        ref_name = "HSDSPhone"

    always = ("id", "number")
    id = serializers.UUIDField()
    number = serializers.CharField()
    extension = serializers.IntegerField(required=False)
    type = text()
    description = text()
    languages = LanguageOut(many=True, required=False)


class ScheduleOut(HSDSOut):
    class Meta:
        ref_name = "HSDSSchedule"

    id = serializers.UUIDField()
    freq = text()
    interval = serializers.IntegerField(required=False)
    byday = text()
    opens_at = HourMinuteField(required=False)
    closes_at = HourMinuteField(required=False)
    valid_from = serializers.DateField(required=False)
    valid_to = serializers.DateField(required=False)
    description = text()
    notes = text()
    attending_type = text()


class AddressOut(HSDSOut):
    class Meta:
        ref_name = "HSDSAddress"

    always = (
        "id",
        "address_1",
        "city",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    )
    id = serializers.UUIDField()
    location_id = serializers.UUIDField(required=False)
    attention = text()
    address_1 = serializers.CharField()
    address_2 = text()
    city = serializers.CharField()
    region = text()
    state_province = serializers.CharField()
    postal_code = serializers.CharField()
    country = serializers.CharField()
    address_type = serializers.ChoiceField(choices=LocationType.values)


class LocationOut(HSDSOut):
    class Meta:
        ref_name = "HSDSLocation"

    always = ("id", "location_type")
    id = serializers.UUIDField()
    location_type = serializers.ChoiceField(choices=LocationType.values)
    url = text()
    organization_id = serializers.UUIDField(required=False)
    name = text()
    alternate_name = text()
    description = text()
    transportation = text()
    latitude = serializers.FloatField(required=False)
    longitude = serializers.FloatField(required=False)
    languages = LanguageOut(many=True)
    addresses = AddressOut(many=True)
    phones = PhoneOut(many=True)
    schedules = ScheduleOut(many=True)


class ServiceAtLocationOut(HSDSOut):
    class Meta:
        ref_name = "HSDSServiceAtLocation"

    id = serializers.UUIDField()
    service_id = serializers.UUIDField(required=False)
    location_id = serializers.UUIDField(required=False)
    description = text()
    phones = PhoneOut(many=True)
    schedules = ScheduleOut(many=True)
    location = LocationOut()


class OrganizationOut(HSDSOut):
    class Meta:
        ref_name = "HSDSOrganization"

    always = ("id", "name", "description")
    id = serializers.UUIDField()
    name = serializers.CharField()
    alternate_name = text()
    description = serializers.CharField()
    email = text()
    website = text()
    parent_organization_id = uuid_of("parent_id")
    phones = PhoneOut(many=True)


class ServiceBriefOut(HSDSOut):
    """A service's own fields (HSDS's ``service_list`` without the nested organisation)."""

    class Meta:
        ref_name = "HSDSServiceBrief"

    always = ("id", "name", "status")
    id = serializers.UUIDField()
    organization_id = serializers.UUIDField(required=False)
    name = serializers.CharField()
    alternate_name = text()
    description = text()
    url = text()
    email = text()
    status = serializers.ChoiceField(choices=ServiceStatus.values)
    interpretation_services = text()
    application_process = text()
    fees_description = text()
    eligibility_description = text()
    minimum_age = serializers.IntegerField(required=False)
    maximum_age = serializers.IntegerField(required=False)
    assured_date = serializers.DateField(required=False)
    alert = text()
    last_modified = serializers.DateTimeField(required=False)


class ServiceListOut(ServiceBriefOut):
    """HSDS ``service_list``: the service's own fields and its organisation."""

    class Meta:
        ref_name = "HSDSServiceList"

    organization = OrganizationOut()


class ServiceFullOut(ServiceListOut):
    """HSDS's full service: with its phones, opening hours, languages, places and needs."""

    class Meta:
        ref_name = "HSDSService"

    # Not required in the schema: the list of services leaves them out unless ``full``.
    phones = PhoneOut(many=True, required=False)
    schedules = ScheduleOut(many=True, required=False)
    languages = LanguageOut(many=True, required=False)
    service_at_locations = ServiceAtLocationOut(many=True, required=False)
    attributes = AttributeOut(source="taxonomy_links", many=True, required=False)


class OrganizationFullOut(OrganizationOut):
    class Meta:
        ref_name = "HSDSOrganizationFull"

    services = ServiceBriefOut(many=True)
    locations = LocationOut(many=True)


# --- The API's envelopes (for the schema) -------------------------------------------------------


class RootOut(serializers.Serializer):
    class Meta:
        ref_name = "HSDSRoot"

    version = serializers.CharField(help_text="HSDS version of this API.")
    profile = serializers.URLField(help_text="The HSDS profile this API follows.")
    openapi_url = serializers.URLField(help_text="The OpenAPI description of this API.")


class PageOut(serializers.Serializer):
    total_items = serializers.IntegerField()
    total_pages = serializers.IntegerField()
    page_number = serializers.IntegerField()
    size = serializers.IntegerField(help_text="How many items this page holds.")
    first_page = serializers.BooleanField()
    last_page = serializers.BooleanField()
    empty = serializers.BooleanField()


def page_of(item: type[serializers.Serializer], name: str) -> type[serializers.Serializer]:
    meta = type("Meta", (), {"ref_name": name})
    return type(name, (PageOut,), {"contents": item(many=True), "Meta": meta})


ServicePage = page_of(ServiceListOut, "HSDSServicePage")
ServiceFullPage = page_of(ServiceFullOut, "HSDSServiceFullPage")
OrganizationPage = page_of(OrganizationOut, "HSDSOrganizationPage")
TaxonomyPage = page_of(TaxonomyOut, "HSDSTaxonomyPage")
TaxonomyTermPage = page_of(TaxonomyTermOut, "HSDSTaxonomyTermPage")

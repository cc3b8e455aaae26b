"""The sociale kaart: a directory of welfare services in Open Referral HSDS 3.0.

The tables follow HSDS 3.0 (organization, service, location, service_at_location, address,
phone, schedule, language, taxonomy, taxonomy_term, and the attribute that links a service to
a taxonomy term). Every record keeps its HSDS id (a UUID) as its primary key, so that importing
the same directory again updates it in place, and so that what Wijkpunt serves at ``/hsds/``
names the same records as the source it came from.

Writes go through ``directory.actions`` (the import); the configuration site only reads,
except for the taxonomy, which is configuration."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class ServiceStatus(models.TextChoices):
    """HSDS 3.0 service status."""

    ACTIVE = "active", _("active")
    INACTIVE = "inactive", _("inactive")
    DEFUNCT = "defunct", _("defunct")
    TEMPORARILY_CLOSED = "temporarily closed", _("temporarily closed")


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("visiting address")
    POSTAL = "postal", _("postal address")
    VIRTUAL = "virtual", _("online")


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY", _("every week")
    MONTHLY = "MONTHLY", _("every month")


# HSDS (iCal) weekday codes, Monday first, as Python's date.weekday() counts them.
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _in_language(values: dict[str, str], language: str | None) -> str:
    language = (language or translation.get_language() or "nl").split("-")[0]
    return values.get(language) or values["nl"]


class Organization(models.Model):
    id = models.UUIDField(_("HSDS id"), primary_key=True)
    name = models.CharField(_("name"), max_length=255)
    alternate_name = models.CharField(_("other name"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    email = models.CharField(_("e-mail address"), max_length=254, blank=True)
    website = models.CharField(_("website"), max_length=500, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    created_at = models.DateTimeField(_("added"))
    updated_at = models.DateTimeField(_("last changed"))

    class Meta:
        verbose_name = _("organisation in the directory")
        verbose_name_plural = _("organisations in the directory")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ServiceQuerySet(models.QuerySet["Service"]):
    def referrable(self) -> ServiceQuerySet:
        """Services a referral may point at: active ones."""
        return self.filter(status=ServiceStatus.ACTIVE)


class Service(models.Model):
    id = models.UUIDField(_("HSDS id"), primary_key=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=255)
    alternate_name = models.CharField(_("other name"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.CharField(_("website"), max_length=500, blank=True)
    email = models.CharField(_("e-mail address"), max_length=254, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    interpretation_services = models.TextField(_("interpreting"), blank=True)
    application_process = models.TextField(_("how to apply"), blank=True)
    fees_description = models.TextField(_("costs"), blank=True)
    eligibility_description = models.TextField(_("for whom"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    alert = models.TextField(_("notice"), blank=True)
    assured_date = models.DateField(_("checked on"), null=True, blank=True)
    last_modified = models.DateTimeField(_("changed at the source"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"))
    updated_at = models.DateTimeField(_("last changed"))

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["status", "name"], name="directory_service_status")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_referrable(self) -> bool:
        """Whether a referral may point at this service: only while it is active."""
        return self.status == ServiceStatus.ACTIVE


class Location(models.Model):
    id = models.UUIDField(_("HSDS id"), primary_key=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("organisation"),
    )
    location_type = models.CharField(
        _("kind"), max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    alternate_name = models.CharField(_("other name"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    transportation = models.TextField(_("how to get there"), blank=True)
    url = models.CharField(_("web address"), max_length=500, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    created_at = models.DateTimeField(_("added"))
    updated_at = models.DateTimeField(_("last changed"))

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="directory_location_point")]

    def __str__(self) -> str:
        return self.name or str(self.id)


class Address(models.Model):
    id = models.UUIDField(_("HSDS id"), primary_key=True)
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="addresses", verbose_name=_("location")
    )
    attention = models.CharField(_("for the attention of"), max_length=255, blank=True)
    address_1 = models.CharField(_("street and number"), max_length=255)
    address_2 = models.CharField(_("address, second line"), max_length=255, blank=True)
    city = models.CharField(_("municipality"), max_length=100)
    region = models.CharField(_("region"), max_length=100, blank=True)
    state_province = models.CharField(_("province"), max_length=100, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=2, default="BE")
    address_type = models.CharField(
        _("kind"), max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.one_line()

    def one_line(self) -> str:
        place = " ".join(p for p in (self.postal_code, self.city) if p)
        return ", ".join(p for p in (self.address_1, self.address_2, place) if p)


class ServiceAtLocation(models.Model):
    id = models.UUIDField(_("HSDS id"), primary_key=True)
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="service_at_locations",
        verbose_name=_("service"),
    )
    location = models.ForeignKey(
        Location,
        on_delete=models.CASCADE,
        related_name="service_at_locations",
        verbose_name=_("location"),
    )
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("service at a location")
        verbose_name_plural = _("services at locations")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.location_id}"


def _one_owner(*fields: str) -> Q:
    """Exactly one of these foreign keys is filled in."""
    condition = Q()
    for owner in fields:
        branch = Q(**{f"{owner}__isnull": False})
        for other in fields:
            if other != owner:
                branch &= Q(**{f"{other}__isnull": True})
        condition |= branch
    return condition


def _owner_indexes(table: str, *fields: str) -> list[models.Index]:
    """One partial index per owner: most rows leave most owners empty, so an index of the
    filled ones stays small and gives the query planners true counts."""
    return [
        models.Index(
            fields=[name], name=f"{table}_{name}"[:30], condition=Q(**{f"{name}__isnull": False})
        )
        for name in fields
    ]


class Phone(models.Model):
    id = models.UUIDField(_("HSDS id"), primary_key=True)
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
        related_name="phones",
    )
    location = models.ForeignKey(
        Location,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
        related_name="phones",
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
        related_name="phones",
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
        related_name="phones",
    )
    number = models.CharField(_("phone number"), max_length=50)
    extension = models.PositiveIntegerField(_("extension"), null=True, blank=True)
    type = models.CharField(_("kind"), max_length=20, blank=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")
        ordering = ["position", "id"]
        indexes = _owner_indexes(
            "dir_phone", "service", "location", "organization", "service_at_location"
        )
        constraints = [
            models.CheckConstraint(
                condition=_one_owner("service", "location", "organization", "service_at_location"),
                name="directory_phone_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.number


class Schedule(models.Model):
    """Opening hours: on the days of ``byday`` (every week, or every month for MONTHLY with
    ordinals such as ``2MO``), from ``opens_at`` to ``closes_at`` (local time; a closing time
    at or before the opening time closes the next day), between ``valid_from`` and
    ``valid_to`` when given."""

    id = models.UUIDField(_("HSDS id"), primary_key=True)
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
        related_name="schedules",
    )
    location = models.ForeignKey(
        Location,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
        related_name="schedules",
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
        related_name="schedules",
    )
    freq = models.CharField(_("how often"), max_length=7, choices=Frequency.choices, blank=True)
    interval = models.PositiveSmallIntegerField(_("every so many"), null=True, blank=True)
    byday = models.CharField(
        _("days"), max_length=60, blank=True, help_text=_("MO,TU,WE,TH,FR,SA,SU")
    )
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    attending_type = models.CharField(_("how to attend"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["position", "id"]
        indexes = _owner_indexes("dir_schedule", "service", "location", "service_at_location")
        constraints = [
            models.CheckConstraint(
                condition=_one_owner("service", "location", "service_at_location"),
                name="directory_schedule_one_owner",
            )
        ]

    def __str__(self) -> str:
        hours = ""
        if self.opens_at and self.closes_at:
            hours = f" {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"
        return f"{self.byday or self.description[:40]}{hours}"

    @property
    def weekly(self) -> bool:
        return self.freq != Frequency.MONTHLY


class Language(models.Model):
    """A language spoken by a service, at a location or on a phone line (ISO 639 code)."""

    id = models.UUIDField(_("HSDS id"), primary_key=True)
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
        related_name="languages",
    )
    location = models.ForeignKey(
        Location,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
        related_name="languages",
    )
    phone = models.ForeignKey(
        Phone,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=False,
        related_name="languages",
    )
    code = models.CharField(_("language code"), max_length=20)
    name = models.CharField(_("name"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_one_owner("service", "location", "phone"),
                name="directory_language_one_owner",
            )
        ]
        indexes = [
            *_owner_indexes("dir_language", "service", "location", "phone"),
            models.Index(fields=["code"], name="directory_language_code"),
        ]

    def __str__(self) -> str:
        return self.code


class Taxonomy(models.Model):
    id = models.UUIDField(_("HSDS id"), primary_key=True, default=uuid.uuid4)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    uri = models.CharField(_("web address"), max_length=500, blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    """A need a service answers ("schulden", "taal"), in a taxonomy, possibly under a broader
    term. Names in Dutch, French and English."""

    id = models.UUIDField(_("HSDS id"), primary_key=True, default=uuid.uuid4)
    taxonomy = models.ForeignKey(
        Taxonomy,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="terms",
        verbose_name=_("taxonomy"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("broader term"),
    )
    code = models.CharField(_("code"), max_length=100, blank=True)
    name = models.CharField(_("name (Dutch)"), max_length=255)
    name_fr = models.CharField(_("name (French)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language of the name"), max_length=20, blank=True)
    term_uri = models.CharField(_("web address"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("need (taxonomy term)")
        verbose_name_plural = _("needs (taxonomy terms)")
        ordering = ["position", "name", "id"]

    def __str__(self) -> str:
        return self.label()

    def label(self, language: str | None = None) -> str:
        return _in_language({"nl": self.name, "fr": self.name_fr, "en": self.name_en}, language)


class ServiceTaxonomy(models.Model):
    """HSDS attribute: this service answers this need."""

    id = models.UUIDField(_("HSDS id"), primary_key=True)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="taxonomy_links", verbose_name=_("service")
    )
    term = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.PROTECT,
        related_name="service_links",
        verbose_name=_("need"),
    )
    link_type = models.CharField(_("kind of link"), max_length=100, blank=True)
    value = models.CharField(_("value"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("need of a service")
        verbose_name_plural = _("needs of services")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["service", "term"], name="directory_service_term")
        ]

    def __str__(self) -> str:
        return f"{self.service_id} → {self.term_id}"

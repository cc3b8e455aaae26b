"""The housing registry: estates, buildings, dwellings, common spaces, households, residents
and tenancies. Holds only what the work needs: no national register number."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkpunt.accounts.models import ContactChannel


class Estate(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("short code"), max_length=60, unique=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_new = models.BooleanField(
        _("new estate"),
        default=False,
        help_text=_("Still being built or being let for the first time."),
    )
    opens_on = models.DateField(_("first tenants move in on"), null=True, blank=True)

    class Meta:
        verbose_name = _("estate")
        verbose_name_plural = _("estates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Building(models.Model):
    estate = models.ForeignKey(
        Estate, on_delete=models.PROTECT, related_name="buildings", verbose_name=_("estate")
    )
    external_ref = models.CharField(
        _("reference"), max_length=64, null=True, blank=True, unique=True
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    street = models.CharField(_("street"), max_length=150)
    number = models.CharField(_("house number"), max_length=20)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("municipality"), max_length=100)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["estate__name", "street", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["street", "number", "postcode"], name="building_unique_address"
            )
        ]

    def __str__(self) -> str:
        return self.address

    @property
    def address(self) -> str:
        return f"{self.street} {self.number}, {self.postcode} {self.city}"


class DwellingType(models.TextChoices):
    APARTMENT = "apartment", _("Apartment")
    HOUSE = "house", _("House")
    STUDIO = "studio", _("Studio")
    DUPLEX = "duplex", _("Duplex")
    SENIOR_FLAT = "senior", _("Senior flat")


class Dwelling(models.Model):
    building = models.ForeignKey(
        Building, on_delete=models.PROTECT, related_name="dwellings", verbose_name=_("building")
    )
    external_ref = models.CharField(
        _("reference"), max_length=64, null=True, blank=True, unique=True
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True, help_text=_("e.g. box 0.2"))
    dwelling_type = models.CharField(
        _("type"), max_length=20, choices=DwellingType.choices, default=DwellingType.APARTMENT
    )
    bedrooms = models.PositiveSmallIntegerField(
        _("bedrooms"), default=1, validators=[MaxValueValidator(12)]
    )
    floor = models.SmallIntegerField(
        _("floor"), default=0, validators=[MinValueValidator(-3), MaxValueValidator(60)]
    )
    has_lift = models.BooleanField(_("lift"), default=False)
    adapted = models.BooleanField(_("adapted for reduced mobility"), default=False)
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("Off for dwellings that are sold or demolished.")
    )

    class Meta:
        verbose_name = _("dwelling")
        verbose_name_plural = _("dwellings")
        ordering = ["building__street", "building__number", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["building", "unit"], name="dwelling_unique_unit")
        ]

    def __str__(self) -> str:
        return self.address

    @property
    def address(self) -> str:
        b = self.building
        unit = f" {_('box')} {self.unit}" if self.unit else ""
        return f"{b.street} {b.number}{unit}, {b.postcode} {b.city}"


class CommonSpaceKind(models.TextChoices):
    HALL = "hall", _("Hall and stairs")
    GARDEN = "garden", _("Garden or green space")
    STORAGE = "storage", _("Storage or bicycle shed")
    BINS = "bins", _("Bin area")
    MEETING_ROOM = "meeting_room", _("Meeting room")
    LAUNDRY = "laundry", _("Laundry room")
    PARKING = "parking", _("Car park")
    PLAYGROUND = "playground", _("Playground")
    OTHER = "other", _("Other")


class CommonSpace(models.Model):
    estate = models.ForeignKey(
        Estate, on_delete=models.CASCADE, related_name="common_spaces", verbose_name=_("estate")
    )
    building = models.ForeignKey(
        Building,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="common_spaces",
        verbose_name=_("building"),
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=CommonSpaceKind.choices)

    class Meta:
        verbose_name = _("common space")
        verbose_name_plural = _("common spaces")
        ordering = ["estate__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.estate})"

    def clean(self) -> None:
        if self.building_id and self.estate_id:
            building = self.building  # not None: building_id is set
            if building is not None and building.estate_id != self.estate_id:
                raise ValidationError({"building": _("This building is in another estate.")})


class Household(models.Model):
    external_ref = models.CharField(
        _("reference"), max_length=64, null=True, blank=True, unique=True
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. household Peeters"))
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="nl-be"
    )
    other_language = models.CharField(
        _("home language"),
        max_length=60,
        blank=True,
        help_text=_("The language spoken at home, when it is not Dutch, French or English."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    preferred_contact = models.CharField(
        _("preferred contact"),
        max_length=10,
        choices=ContactChannel.choices,
        default=ContactChannel.LETTER,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ResidentRelation(models.TextChoices):
    HEAD = "head", _("Main tenant")
    PARTNER = "partner", _("Partner / co-tenant")
    CHILD = "child", _("Child")
    OTHER = "other", _("Other household member")


class Resident(models.Model):
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="residents", verbose_name=_("household")
    )
    external_ref = models.CharField(
        _("reference"), max_length=64, null=True, blank=True, unique=True
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    relation = models.CharField(
        _("relation"),
        max_length=10,
        choices=ResidentRelation.choices,
        default=ResidentRelation.HEAD,
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resident",
        verbose_name=_("portal account"),
    )
    moved_out_on = models.DateField(_("left the household on"), null=True, blank=True)

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class TenancyQuerySet(models.QuerySet["Tenancy"]):
    def current(self, on: dt.date | None = None) -> TenancyQuerySet:
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )


class Tenancy(models.Model):
    dwelling = models.ForeignKey(
        Dwelling, on_delete=models.PROTECT, related_name="tenancies", verbose_name=_("dwelling")
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="tenancies", verbose_name=_("household")
    )
    external_ref = models.CharField(
        _("reference"), max_length=64, null=True, blank=True, unique=True
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    probation_end = models.DateField(_("end of probation"), null=True, blank=True)

    objects = TenancyQuerySet.as_manager()

    class Meta:
        verbose_name = _("tenancy")
        verbose_name_plural = _("tenancies")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="tenancy_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(probation_end__isnull=True)
                | Q(probation_end__gte=models.F("start_date")),
                name="tenancy_probation_after_start",
            ),
            models.UniqueConstraint(
                fields=["dwelling"],
                condition=Q(end_date__isnull=True),
                name="tenancy_one_open_per_dwelling",
            ),
        ]
        indexes = [models.Index(fields=["dwelling", "start_date"])]

    def __str__(self) -> str:
        return f"{self.household} – {self.dwelling}"

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end cannot be before the start.")})
        if self.probation_end and self.start_date and self.probation_end < self.start_date:
            raise ValidationError(
                {"probation_end": _("Probation cannot end before the tenancy starts.")}
            )

    @property
    def in_probation(self) -> bool:
        return bool(self.probation_end and self.probation_end >= timezone.localdate())


class TenancyEventKind(models.TextChoices):
    STARTED = "started", _("Tenancy started")
    CHANGED = "changed", _("Tenancy changed")
    ENDED = "ended", _("Tenancy ended")
    IMPORTED = "imported", _("Imported from the housing company's file")


class TenancyEvent(models.Model):
    """Append-only history of a tenancy: what changed, when and by whom."""

    tenancy = models.ForeignKey(
        Tenancy, on_delete=models.CASCADE, related_name="events", verbose_name=_("tenancy")
    )
    kind = models.CharField(_("what happened"), max_length=20, choices=TenancyEventKind.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("tenancy event")
        verbose_name_plural = _("tenancy events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%d-%m-%Y})"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError("Tenancy history is append-only.")
        super().save(*args, **kwargs)


IMPORT_STALL_AFTER = dt.timedelta(minutes=10)


class ImportJobStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    VALIDATING = "validating", _("Checking the file")
    VALIDATED = "validated", _("Checked")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Not imported")


class ImportJob(models.Model):
    """One upload of a registry file: checked first (dry run), then imported on confirmation.

    The file is kept in the default storage only while it waits for confirmation; it is
    removed once the import is done or has failed."""

    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", blank=True, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ImportJobStatus.choices,
        default=ImportJobStatus.PENDING,
        db_index=True,
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    stage = models.CharField(_("stage"), max_length=20, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=8, default="nl-be")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    started_at = models.DateTimeField(_("import started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("import finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("registry import")
        verbose_name_plural = _("registry imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_busy(self) -> bool:
        return self.status in {
            ImportJobStatus.PENDING,
            ImportJobStatus.VALIDATING,
            ImportJobStatus.RUNNING,
        }

    @property
    def is_stalled(self) -> bool:
        """Busy, but without any progress for longer than a worker would take: the worker
        stopped (crash, restart). Nothing was written; the job can be cancelled and retried."""
        return self.is_busy and self.updated_at < timezone.now() - IMPORT_STALL_AFTER

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))


# --- Short addresses of report points (QR posters) ----------------------------------------
#
# A poster carries an address a person can type: https://<host>/m/K7P3Q. Five characters
# from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B): 25^5 ≈ 9.8 million
# codes. A code belongs to one building or one common space and never changes.
SHORT_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
SHORT_CODE_LENGTH = 5


class ShortCode(models.Model):
    code = models.CharField(_("short code"), max_length=12, unique=True)
    building = models.OneToOneField(
        Building,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="short_code",
        verbose_name=_("building"),
    )
    common_space = models.OneToOneField(
        CommonSpace,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="short_code",
        verbose_name=_("common space"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("short address")
        verbose_name_plural = _("short addresses")
        constraints = [
            models.CheckConstraint(
                condition=Q(building__isnull=False, common_space__isnull=True)
                | Q(building__isnull=True, common_space__isnull=False),
                name="shortcode_one_place",
            )
        ]

    def __str__(self) -> str:
        return self.code

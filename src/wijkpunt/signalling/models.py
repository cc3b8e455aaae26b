"""Signals: anything a resident, a neighbour or a worker notices that needs someone to act.

Configuration is data: categories (with who may see them), routing rules and deadline policies
live in the database with defaults loaded by a migration. History is append-only
(``SignalEvent``)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wijkpunt.partners.models import OrganisationKind


class Category(models.Model):
    slug = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name (Dutch)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    description = models.TextField(
        _("what belongs here"), blank=True, help_text=_("Shown to residents who pick a category.")
    )
    description_fr = models.TextField(_("what belongs here (French)"), blank=True)
    description_en = models.TextField(_("what belongs here (English)"), blank=True)
    public = models.BooleanField(
        _("explicitly public"),
        default=False,
        help_text=_(
            "Reports of this category may be mentioned to other residents (without their "
            "words) and published through Open311. Leave off for anything about a person."
        ),
    )
    visible_to_kinds = models.JSONField(
        _("visible to kinds of organisation"),
        default=list,
        blank=True,
        help_text=_("Need-to-know: organisations of these kinds may see signals of this category."),
    )
    visible_to_roles = models.JSONField(
        _("visible to roles"),
        default=list,
        blank=True,
        help_text=_("Within those organisations, only these roles (empty: every role)."),
    )
    visible_to_organisations = models.ManyToManyField(
        "partners.Organisation",
        blank=True,
        related_name="visible_categories",
        verbose_name=_("also visible to"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.label()

    def label(self, language: str | None = None) -> str:
        language = (language or translation.get_language() or "nl").split("-")[0]
        if language == "fr" and self.name_fr:
            return self.name_fr
        if language == "en" and self.name_en:
            return self.name_en
        return self.name

    def description_for(self, language: str | None = None) -> str:
        """What belongs here, in the reader's language (Dutch when not translated)."""
        language = (language or translation.get_language() or "nl").split("-")[0]
        if language == "fr" and self.description_fr:
            return self.description_fr
        if language == "en" and self.description_en:
            return self.description_en
        return self.description

    def clean(self) -> None:
        from wijkpunt.partners.models import Role

        unknown = set(self.visible_to_kinds or []) - set(OrganisationKind.values)
        if unknown:
            raise ValidationError(
                {"visible_to_kinds": _("Unknown kind: %(kinds)s") % {"kinds": ", ".join(unknown)}}
            )
        unknown = set(self.visible_to_roles or []) - set(Role.values)
        if unknown:
            raise ValidationError(
                {"visible_to_roles": _("Unknown role: %(roles)s") % {"roles": ", ".join(unknown)}}
            )

    def visible_to(self, organisation, role: str) -> bool:
        """Need-to-know: may staff with this role in this organisation see its signals?"""
        explicit = any(o.pk == organisation.pk for o in self.visible_to_organisations.all())
        by_kind = organisation.kind in (self.visible_to_kinds or [])
        return (explicit or by_kind) and (
            not self.visible_to_roles or role in self.visible_to_roles
        )


class SignalStatus(models.TextChoices):
    NEW = "new", _("New")
    TRIAGED = "triaged", _("Triaged")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING_RESIDENT = "waiting_resident", _("Waiting for the resident")
    WAITING_PARTNER = "waiting_partner", _("Waiting for a partner")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    CANCELLED = "cancelled", _("Cancelled")
    MERGED = "merged", _("Merged")


OPEN_STATUSES = frozenset(
    {
        SignalStatus.NEW,
        SignalStatus.TRIAGED,
        SignalStatus.ASSIGNED,
        SignalStatus.IN_PROGRESS,
        SignalStatus.WAITING_RESIDENT,
        SignalStatus.WAITING_PARTNER,
        SignalStatus.REOPENED,
    }
)


class Channel(models.TextChoices):
    PORTAL = "portal", _("Tenant portal")
    PHONE = "phone", _("Phone")
    HOME_VISIT = "visit", _("Home visit")
    COUNTER = "counter", _("Counter")
    EMAIL = "email", pgettext_lazy("channel", "E-mail")
    QR = "qr", _("Public form (QR code)")
    STAFF = "staff", _("Noticed by a worker")
    API = "api", _("API")
    OPEN311 = "open311", _("Open311")


class Where(models.TextChoices):
    DWELLING = "dwelling", _("My home")
    BUILDING = "building", _("My building")
    COMMON_SPACE = "common_space", _("A common space")
    ESTATE = "estate", _("Elsewhere in the estate")


class DangerAnswer(models.TextChoices):
    """The one plain question at intake when the text may be urgent."""

    NOT_ASKED = "", _("not asked")
    PENDING = "pending", _("asked, no answer yet")
    YES = "yes", _("yes, someone is in danger")
    NO = "no", _("no")


class Signal(models.Model):
    # set by intake while it makes the signal, for the "created" event: the words that drove
    # the triage suggestion
    _suggestion_explanation: list[str]

    text = models.TextField(_("what is going on"))
    language = models.CharField(_("language"), max_length=8, default="nl-be")
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("category"),
    )
    urgent = models.BooleanField(_("urgent"), default=False)
    reported_urgent = models.BooleanField(_("the reporter said it is urgent"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=SignalStatus.choices, default=SignalStatus.NEW
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)

    # Where
    where = models.CharField(
        _("where"), max_length=20, choices=Where.choices, default=Where.DWELLING
    )
    estate = models.ForeignKey(
        "housing.Estate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("estate"),
    )
    building = models.ForeignKey(
        "housing.Building",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("building"),
    )
    dwelling = models.ForeignKey(
        "housing.Dwelling",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("dwelling"),
    )
    common_space = models.ForeignKey(
        "housing.CommonSpace",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("common space"),
    )
    location_text = models.CharField(_("place, in words"), max_length=250, blank=True)
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

    # Who reported it
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_signals",
        verbose_name=_("reported by (account)"),
    )
    household = models.ForeignKey(
        "housing.Household",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("household concerned"),
    )
    reporter_name = models.CharField(_("reporter's name"), max_length=200, blank=True)
    reporter_email = models.EmailField(_("reporter's e-mail"), blank=True)
    reporter_phone = models.CharField(_("reporter's phone"), max_length=40, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    for_neighbour = models.BooleanField(_("reported for someone else"), default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_signals",
        verbose_name=_("registered by"),
    )

    # Who acts
    owner_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_signals",
        verbose_name=_("organisation"),
    )
    owner_team = models.ForeignKey(
        "partners.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_signals",
        verbose_name=_("team"),
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_signals",
        verbose_name=_("handled by"),
    )

    # Triage suggestion (humans decide; the suggestion is kept to learn from corrections)
    suggested_category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suggested category"),
    )
    suggested_urgent = models.BooleanField(_("suggested urgent"), default=False)
    suggestion_confidence = models.FloatField(_("confidence of the suggestion"), default=0.0)
    suggested_urgent_confidence = models.FloatField(
        _("probability that it is urgent (suggestion)"), default=0.0
    )
    category_confirmed = models.BooleanField(
        _("category chosen or confirmed by a person"),
        default=False,
        help_text=_("Until then the resident does not see the suggested category as a fact."),
    )
    danger_answer = models.CharField(
        _("answer to “Is someone in danger right now?”"),
        max_length=8,
        choices=DangerAnswer.choices,
        blank=True,
        default="",
    )
    suggested_owner = models.CharField(_("suggested owner"), max_length=60, blank=True)
    needs_triage = models.BooleanField(
        _("waits at the triage desk"),
        default=False,
        help_text=_("The suggestion was not confident enough: a person decides."),
    )

    # Deadlines (working time; shifted while waiting for the resident)
    first_response_due = models.DateTimeField(_("first response due"), null=True, blank=True)
    resolution_due = models.DateTimeField(_("resolution due"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    paused_at = models.DateTimeField(_("paused since"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    resolution_reminded_at = models.DateTimeField(
        _("resolution reminder sent"), null=True, blank=True
    )
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_signals",
        verbose_name=_("merged into"),
    )
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=100, null=True, blank=True, unique=True
    )
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "resolution_due"], name="signal_status_due"),
            models.Index(
                fields=["owner_organisation", "status", "resolution_due"],
                name="signal_org_status_due",
            ),
            models.Index(
                fields=["owner_team", "status", "resolution_due"], name="signal_team_status_due"
            ),
            models.Index(
                fields=["owner_user", "status", "resolution_due"], name="signal_user_status_due"
            ),
            models.Index(
                fields=["estate", "status", "resolution_due"], name="signal_estate_status_due"
            ),
            models.Index(fields=["category", "status"], name="signal_category_status"),
            models.Index(
                fields=["building", "category", "created_at"], name="signal_building_cat_created"
            ),
            models.Index(fields=["reporter", "created_at"], name="signal_reporter_created"),
            models.Index(fields=["created_at"], name="signal_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=SignalStatus.MERGED) | Q(merged_into__isnull=False),
                name="signal_merged_has_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.text[:60]}"

    @property
    def reference(self) -> str:
        return f"M-{self.pk:06d}" if self.pk else "M-……"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.is_open
            and self.paused_at is None
            and self.resolution_due
            and self.resolution_due < timezone.now()
        )

    @property
    def may_be_urgent(self) -> bool:
        """Whether the resident is shown the safety advice (call 112): they said so, a person
        or the model thinks it is urgent, or the model is not sure it is not."""
        from wijkpunt.triage.defaults import ASK_DANGER_ABOVE

        return bool(
            self.reported_urgent
            or self.urgent
            or self.suggested_urgent
            or self.suggested_urgent_confidence >= ASK_DANGER_ABOVE
            or self.danger_answer == DangerAnswer.YES
        )

    @property
    def asks_danger(self) -> bool:
        return self.danger_answer == DangerAnswer.PENDING

    def category_for_resident(self):
        """The category as the resident may read it: only once they chose it or a person
        confirmed it (a model's guess is not a fact)."""
        return self.category if self.category_confirmed else None

    def contact_email(self) -> str:
        if self.anonymous:
            return ""
        if self.reporter_id and self.reporter is not None and self.reporter.email:
            return self.reporter.email
        return self.reporter_email

    def contact_language(self) -> str:
        if self.reporter_id and self.reporter is not None and self.reporter.language:
            return self.reporter.language
        return self.language or settings.LANGUAGE_CODE


class EventKind(models.TextChoices):
    CREATED = "created", _("Reported")
    TRIAGED = "triaged", _("Triaged")
    STATUS = "status", _("Status changed")
    ASSIGNED = "assigned", _("Assigned")
    HANDOVER = "handover", _("Handed over to another partner")
    NOTE = "note", _("Internal note")
    MESSAGE = "message", _("Message to the resident")
    REPLY = "reply", _("Reply from the resident")
    ATTACHMENT = "attachment", _("File added")
    MERGED = "merged", _("Merged")
    FEEDBACK = "feedback", _("Resident's feedback")
    REMINDER = "reminder", _("Deadline reminder")
    ESCALATED = "escalated", _("Escalated")
    NOTIFIED = "notified", _("Resident informed")
    DANGER = "danger", _("Answer to “Is someone in danger right now?”")


class SignalEvent(models.Model):
    """Append-only history of a signal. ``public`` events are shown to the resident."""

    signal = models.ForeignKey(
        Signal, on_delete=models.CASCADE, related_name="events", verbose_name=_("signal")
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    kind = models.CharField(_("what"), max_length=12, choices=EventKind.choices)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    public = models.BooleanField(_("visible to the resident"), default=False)
    text = models.TextField(_("text"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("signal event")
        verbose_name_plural = _("signal history")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["signal", "at"], name="signalevent_signal_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%d-%m-%Y %H:%M})"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError("Signal history is append-only.")
        super().save(*args, **kwargs)


class Attachment(models.Model):
    signal = models.ForeignKey(
        Signal, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("signal")
    )
    file = models.FileField(_("file"), upload_to="signals/%Y/%m/", max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    public = models.BooleanField(_("visible to the resident"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class FeedbackChannel(models.TextChoices):
    PORTAL = "portal", _("the portal")
    LINK = "link", _("a link in an e-mail")
    PHONE = "phone", _("by phone")
    API = "api", _("the API")


class Feedback(models.Model):
    """The one-question satisfaction check at closing: solved or not (and why)."""

    signal = models.ForeignKey(
        Signal, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("signal")
    )
    solved = models.BooleanField(_("solved"))
    comment = models.TextField(_("comment"), blank=True)
    reporter_signal = models.ForeignKey(
        Signal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="own_feedback",
        verbose_name=_("answered for the report of"),
        help_text=_("The answering reporter's own report (another one when it was merged)."),
    )
    channel = models.CharField(
        _("given through"), max_length=10, choices=FeedbackChannel.choices, default="portal"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_("The member of staff who wrote down an answer given by phone."),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("given"), default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.signal.reference}: {'solved' if self.solved else 'not solved'}"

    def given_as(self) -> str:
        """How the answer reached us, for the history: "given by phone, recorded by X"."""
        if self.channel == FeedbackChannel.PHONE:
            name = (
                self.recorded_by.full_name
                if self.recorded_by_id and self.recorded_by is not None
                else "?"
            )
            return _("given by phone, recorded by %(name)s") % {"name": name}
        if self.channel == FeedbackChannel.LINK:
            return str(_("given through the link in an e-mail"))
        return str(_("given in the portal")) if self.channel == FeedbackChannel.PORTAL else ""


class RoutingRule(models.Model):
    """Who handles a signal. Rules are checked in order; the first that matches wins. An empty
    condition matches anything."""

    position = models.PositiveIntegerField(_("order"), default=100)
    name = models.CharField(_("name"), max_length=150)
    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routing_rules",
        verbose_name=_("category"),
    )
    estate = models.ForeignKey(
        "housing.Estate",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("estate"),
    )
    building = models.ForeignKey(
        "housing.Building",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("building"),
    )
    urgent = models.BooleanField(
        _("urgent"), null=True, blank=True, help_text=_("Empty: urgent or not.")
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routing_rules",
        verbose_name=_("send to organisation"),
    )
    organisation_kind = models.CharField(
        _("or to the organisation of this kind working in the estate"),
        max_length=20,
        choices=OrganisationKind.choices,
        blank=True,
    )
    team = models.ForeignKey(
        "partners.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(organisation_kind=""),
                name="routingrule_has_target",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if not self.organisation_id and not self.organisation_kind:
            errors["organisation"] = _("Choose an organisation or a kind of organisation.")
        if self.organisation_id and self.organisation_kind:
            errors["organisation_kind"] = _("Choose an organisation or a kind, not both.")
        if (
            self.team_id
            and self.organisation_id
            and self.team is not None
            and self.team.organisation_id != self.organisation_id
        ):
            errors["team"] = _("This team belongs to another organisation.")
        if self.team_id and not self.organisation_id:
            errors["team"] = _("A team needs a fixed organisation.")
        if (
            self.building_id
            and self.estate_id
            and self.building is not None
            and self.building.estate_id != self.estate_id
        ):
            errors["building"] = _("This building is in another estate.")
        if (
            self.person_id
            and self.organisation_id
            and self.person is not None
            and not self.person.staff_roles.filter(
                organisation_id=self.organisation_id, active=True
            ).exists()
        ):
            errors["person"] = _("This person does not work for the chosen organisation.")
        if errors:
            raise ValidationError(errors)


class DeadlinePolicy(models.Model):
    """Deadlines per category and urgency, in working hours (first response) and working days
    (resolution). A policy without category applies to every category without its own."""

    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadline_policies",
        verbose_name=_("category"),
    )
    urgent = models.BooleanField(_("urgent"), default=False)
    first_response_hours = models.PositiveIntegerField(
        _("first response within (working hours)"), validators=[MinValueValidator(1)]
    )
    resolution_days = models.PositiveIntegerField(
        _("resolved within (working days)"), validators=[MinValueValidator(1)]
    )
    remind_before_hours = models.PositiveIntegerField(
        _("remind this many working hours before the deadline"), default=8
    )

    class Meta:
        verbose_name = _("deadline policy")
        verbose_name_plural = _("deadline policies")
        ordering = ["category__position", "urgent"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "urgent"],
                condition=Q(category__isnull=False),
                name="deadlinepolicy_unique",
            ),
            models.UniqueConstraint(
                fields=["urgent"],
                condition=Q(category__isnull=True),
                name="deadlinepolicy_unique_default",
            ),
        ]

    def __str__(self) -> str:
        what = (
            self.category.label()
            if self.category_id and self.category is not None
            else _("every category")
        )
        return f"{what}{' (urgent)' if self.urgent else ''}"

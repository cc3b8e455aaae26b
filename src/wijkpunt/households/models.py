"""The shared household file: what the partners do for one household, by need-to-know.

- ``TimelineEntry``: one line of a household's timeline (a signal, a contact, an appointment,
  a referral step, a case-meeting action, a tenancy event), owned by an organisation and
  carrying a sensitivity. Append-only: a correction is a new entry that ``supersedes`` the old
  one, which is kept.
- ``FileReason``: why someone outside the housing company may open a household's file: their
  organisation's own client relationship, or a person's "break the glass" with a stated reason
  (time-limited, audited, shown to the organisation's privacy officer). Signals, referrals and
  consents are reasons of their own and live with those records.
- ``Consent``: the resident's decision (given, refused, withdrawn) per purpose, with how, by
  whom, when, its scope and its end date. A withdrawal is a new row pointing at the consent it
  withdraws; nothing is edited.
- ``Referral``: a household referred by one organisation to a partner in Wijkpunt or to a
  service of the sociale kaart, resting on a consent, a recorded legal basis or (with its own
  permission) neither; sharing only the chosen fields and entries. Its status is the current
  step; every step is a timeline entry of the household (the referral's history)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Sensitivity(models.TextChoices):
    HOUSING = "housing", _("Housing")
    SOCIAL = "social", _("Social / welfare")
    COMMUNITY = "community", _("Community")
    SHARED = "shared", _("Shared with the partners")


class EntryKind(models.TextChoices):
    SIGNAL = "signal", _("Signal")
    CONTACT = "contact", _("Contact")
    APPOINTMENT = "appointment", _("Appointment")
    REFERRAL = "referral", _("Referral")
    CASE_ACTION = "case_action", _("Case-meeting action")
    TENANCY = "tenancy", _("Tenancy")
    CONSENT = "consent", _("Consent")


class ContactMode(models.TextChoices):
    PHONE = "phone", _("Phone call")
    HOME_VISIT = "home_visit", _("Home visit")
    COUNTER = "counter", _("Counter visit")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")
    MEETING = "meeting", _("Meeting elsewhere")


class TimelineEntry(models.Model):
    household = models.ForeignKey(
        "housing.Household",
        on_delete=models.CASCADE,
        related_name="timeline",
        verbose_name=_("household"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    kind = models.CharField(_("what"), max_length=12, choices=EntryKind.choices)
    contact_mode = models.CharField(
        _("how"), max_length=12, choices=ContactMode.choices, blank=True
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="timeline_entries",
        verbose_name=_("organisation"),
    )
    sensitivity = models.CharField(_("sensitivity"), max_length=10, choices=Sensitivity.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    title = models.CharField(_("summary"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("corrects"),
    )
    signal = models.ForeignKey(
        "signalling.Signal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="timeline_entries",
        verbose_name=_("signal"),
    )
    referral = models.ForeignKey(
        "households.Referral",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="steps",
        verbose_name=_("referral"),
    )
    # An appointment: when, where and with whom.
    appointment_at = models.DateTimeField(_("appointment"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    with_person = models.CharField(_("with"), max_length=200, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["household", "-at", "-id"], name="timeline_household_at"),
            models.Index(fields=["signal"], name="timeline_signal"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="signal") | models.Q(signal__isnull=False),
                name="timeline_signal_entry_has_signal",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="referral") | models.Q(referral__isnull=False),
                name="timeline_referral_entry_has_referral",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError("The household timeline is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("The household timeline is append-only.")


class ReasonKind(models.TextChoices):
    CLIENT = "client", _("Our organisation's own client")
    BREAK_GLASS = "break_glass", _("Urgent, with a stated reason (break the glass)")


class FileReason(models.Model):
    """A reason on record to open a household's file, for an organisation (a client
    relationship) or one person (break the glass), until ``until``."""

    household = models.ForeignKey(
        "housing.Household",
        on_delete=models.CASCADE,
        related_name="file_reasons",
        verbose_name=_("household"),
    )
    kind = models.CharField(_("reason"), max_length=12, choices=ReasonKind.choices)
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="file_reasons",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="file_reasons",
        verbose_name=_("staff member"),
    )
    stated_reason = models.TextField(_("stated reason"))
    at = models.DateTimeField(_("when"), default=timezone.now)
    until = models.DateTimeField(_("until"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("reason to open a file")
        verbose_name_plural = _("reasons to open a file")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["household", "organisation", "until"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.household_id}"


class ConsentPurpose(models.TextChoices):
    SHARE = "share", _("Sharing information with a named organisation")
    REFERRAL = "referral", _("Referral to a service")
    CASE_MEETING = "case_meeting", _("Discussing my situation in a case meeting")
    COMMUNITY_CONTACT = "community", _("Being contacted by community work")


class ConsentDecision(models.TextChoices):
    GIVEN = "given", _("Given")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ConsentMethod(models.TextChoices):
    SIGNED = "signed", _("Signed on paper")
    SPOKEN = "spoken", _("Spoken, with a witness")
    PORTAL = "portal", _("In the portal")


class Consent(models.Model):
    household = models.ForeignKey(
        "housing.Household",
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("household"),
    )
    resident = models.ForeignKey(
        "housing.Resident",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("given by"),
    )
    purpose = models.CharField(_("purpose"), max_length=12, choices=ConsentPurpose.choices)
    decision = models.CharField(_("decision"), max_length=10, choices=ConsentDecision.choices)
    # Who may receive: a named organisation (sharing, contact, referral inside Wijkpunt) or a
    # service of the sociale kaart (a referral outside Wijkpunt).
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("organisation"),
    )
    service_name = models.CharField(_("service"), max_length=200, blank=True)
    # The kinds of information it covers, as sensitivity codes between spaces
    # (" housing social "), so that one lookup finds a kind on every database.
    scope = models.CharField(_("which information"), max_length=100, blank=True)
    method = models.CharField(_("how"), max_length=10, choices=ConsentMethod.choices)
    witness = models.CharField(_("witness"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_by_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by (organisation)"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    withdraws = models.OneToOneField(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="withdrawal",
        verbose_name=_("withdraws"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["household", "purpose"], name="consent_household")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision="withdrawn", withdraws__isnull=False)
                | (~models.Q(decision="withdrawn") & models.Q(withdraws__isnull=True)),
                name="consent_withdrawal_names_its_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {self.get_decision_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError("Consents are append-only: withdraw with a new record.")
        super().save(*args, **kwargs)

    @property
    def scope_codes(self) -> list[str]:
        return self.scope.split()

    def get_scope_display(self) -> list[str]:
        labels = dict(Sensitivity.choices)
        return [str(labels.get(code, code)) for code in self.scope_codes]

    @staticmethod
    def scope_of(codes) -> str:
        """The stored form of a list of sensitivity codes."""
        order = list(Sensitivity.values)
        kept = sorted({c for c in codes if c in order}, key=order.index)
        return f" {' '.join(kept)} " if kept else ""

    @property
    def recipient(self) -> str:
        return str(self.organisation) if self.organisation_id else self.service_name


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NO_SHOW = "no_show", _("Did not come")
    ENDED = "ended", _("Ended")
    REVOKED = "revoked", _("Revoked by the sender")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    SOON = "soon", _("Soon (this week)")
    URGENT = "urgent", _("Urgent (today)")


class ReferralBasis(models.TextChoices):
    CONSENT = "consent", _("The resident's consent")
    LEGAL = "legal", _("A legal basis")
    WITHOUT_CONSENT = "without", _("Without consent (with a stated reason)")


class LegalGround(models.TextChoices):
    LEGAL_OBLIGATION = "gdpr_6_1_c", _("GDPR art. 6.1.c – a legal obligation")
    VITAL_INTEREST = "gdpr_6_1_d", _("GDPR art. 6.1.d / 9.2.c – someone's vital interests")
    PUBLIC_TASK = "gdpr_6_1_e", _("GDPR art. 6.1.e – a task in the public interest")
    SOCIAL_CARE = "gdpr_9_2_h", _("GDPR art. 9.2.h – social care or assistance")
    CASE_MEETING = "sw_458ter", _("Art. 458ter Sw. – a case meeting under a law or decree")


class SharedField(models.TextChoices):
    """What a referral can share of the household itself (its name always goes along)."""

    CONTACT = "contact", _("Language, phone and e-mail")
    ADDRESS = "address", _("Address of the dwelling")
    DWELLING = "dwelling", _("Kind and size of the dwelling")
    RESIDENTS = "residents", _("Who lives there (names, relation, year of birth)")


class Referral(models.Model):
    household = models.ForeignKey(
        "housing.Household",
        on_delete=models.CASCADE,
        related_name="referrals",
        verbose_name=_("household"),
    )
    signal = models.ForeignKey(
        "signalling.Signal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("from signal"),
    )
    from_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_sent",
        verbose_name=_("from"),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="referrals_sent",
        verbose_name=_("sent by"),
    )
    to_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_received",
        verbose_name=_("to (partner in Wijkpunt)"),
    )
    to_service = models.ForeignKey(
        "directory.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("to (service on the sociale kaart)"),
    )
    need = models.TextField(_("what the need is"))
    urgency = models.CharField(
        _("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL
    )
    sensitivity = models.CharField(_("sensitivity"), max_length=10, choices=Sensitivity.choices)
    basis = models.CharField(_("rests on"), max_length=8, choices=ReferralBasis.choices)
    consent = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("consent"),
    )
    legal_ground = models.CharField(
        _("legal ground"), max_length=12, choices=LegalGround.choices, blank=True
    )
    basis_note = models.TextField(_("legal reference or reason"), blank=True)
    # The household's fields it shares, as codes between spaces (" contact address ").
    shared_fields = models.CharField(_("shared details"), max_length=100, blank=True)
    shared_entries = models.ManyToManyField(
        TimelineEntry,
        blank=True,
        related_name="shared_in_referrals",
        verbose_name=_("shared entries"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    # The warm hand-over: an appointment with a person of the recipient.
    appointment_at = models.DateTimeField(_("appointment"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    with_person = models.CharField(_("with"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["to_organisation", "status"], name="referral_to_status"),
            models.Index(fields=["from_organisation", "status"], name="referral_from_status"),
            models.Index(fields=["household", "status"], name="referral_household"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(to_organisation__isnull=False, to_service__isnull=True)
                    | models.Q(to_organisation__isnull=True, to_service__isnull=False)
                ),
                name="referral_has_one_recipient",
            ),
            models.CheckConstraint(
                condition=~models.Q(basis="consent") | models.Q(consent__isnull=False),
                name="referral_consent_basis_names_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} → {self.recipient}"

    @property
    def reference(self) -> str:
        return f"D-{self.pk:06d}" if self.pk else "D-"

    @property
    def recipient(self) -> str:
        return str(self.to_organisation or self.to_service)

    @property
    def field_codes(self) -> list[str]:
        return self.shared_fields.split()

    def get_shared_fields_display(self) -> list[str]:
        labels = dict(SharedField.choices)
        return [str(labels.get(code, code)) for code in self.field_codes]

    @staticmethod
    def fields_of(codes) -> str:
        order = list(SharedField.values)
        kept = sorted({c for c in codes if c in order}, key=order.index)
        return f" {' '.join(kept)} " if kept else ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REFERRAL_STATUSES


OPEN_REFERRAL_STATUSES = (
    ReferralStatus.SENT,
    ReferralStatus.ACCEPTED,
    ReferralStatus.IN_PROGRESS,
)
# Statuses in which the recipient works on the referral (and opens the household's file).
WORKING_REFERRAL_STATUSES = (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)
# Closed after the recipient worked on it: the file stays open to them a fixed time after.
CLOSED_AFTER_WORK = (ReferralStatus.DONE, ReferralStatus.NO_SHOW, ReferralStatus.ENDED)


# --- Case meeting (casusoverleg, art. 458ter Sw.) ----------------------------------------------


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    STARTED = "started", _("Started")
    CLOSED = "closed", _("Closed")


class CaseMeeting(models.Model):
    """A case meeting under art. 458ter Sw.: its legal basis, purpose and procedure are set
    before it starts, with fixed participants who each acknowledge confidentiality. Only
    participants see it; nothing said here reaches a partner's own file unless a participant
    records it there."""

    title = models.CharField(_("title"), max_length=200)
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="case_meetings",
        verbose_name=_("organised by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="case_meetings_organised",
        verbose_name=_("organiser"),
    )
    legal_basis = models.TextField(
        _("legal basis"),
        help_text=_("The law or decree that allows this case meeting (art. 458ter Sw.)."),
    )
    purpose = models.TextField(_("purpose"))
    procedure = models.TextField(_("procedure"))
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200)
    status = models.CharField(
        _("status"), max_length=8, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("case meeting")
        verbose_name_plural = _("case meetings")
        ordering = ["-starts_at", "-id"]

    def __str__(self) -> str:
        return self.title


class MeetingParticipant(models.Model):
    meeting = models.ForeignKey(CaseMeeting, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="case_meeting_seats",
        verbose_name=_("participant"),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    acknowledged_at = models.DateTimeField(_("confidentiality acknowledged"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_seat_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"


class AgendaItem(models.Model):
    """A household on the agenda, with the consent (for a case meeting) or the meeting's
    legal basis it is discussed on."""

    meeting = models.ForeignKey(CaseMeeting, on_delete=models.CASCADE, related_name="agenda")
    household = models.ForeignKey(
        "housing.Household",
        on_delete=models.CASCADE,
        related_name="case_meetings",
        verbose_name=_("household"),
    )
    consent = models.ForeignKey(
        Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    basis_note = models.TextField(_("why the legal basis applies"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("household on the agenda")
        verbose_name_plural = _("households on the agenda")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "household"], name="household_once"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.household_id}"


class TaskStatus(models.TextChoices):
    OPEN = "open", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class MeetingTask(models.Model):
    """One action of the shared plan: a task for a partner, with a due date and a status."""

    meeting = models.ForeignKey(CaseMeeting, on_delete=models.CASCADE, related_name="tasks")
    household = models.ForeignKey(
        "housing.Household",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("household"),
    )
    title = models.CharField(_("task"), max_length=300)
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("partner"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_meeting_tasks",
        verbose_name=_("who"),
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("task of a case meeting")
        verbose_name_plural = _("tasks of case meetings")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"], name="meeting_task_due")]

    def __str__(self) -> str:
        return self.title


class TaskUpdate(models.Model):
    """The history of a task: each status change with its note (append-only)."""

    task = models.ForeignKey(MeetingTask, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=12, choices=TaskStatus.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.status}"


class Minutes(models.Model):
    """A version of the minutes; the newest is the current text (append-only)."""

    meeting = models.ForeignKey(CaseMeeting, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(_("minutes"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"{self.meeting_id} ({self.at:%Y-%m-%d %H:%M})"

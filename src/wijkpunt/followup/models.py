"""You said, we did: actions that answer what residents said, and their history.

An ``Action`` is what a partner organisation does with what residents said — in a survey (a
wave, a question, a theme), and later in signals or at a resident meeting (``source_kind``).
Its texts are stored per language like the surveys' (``{"nl-be": "…", "fr": "…"}``). Its
residents are the households living in its estates today (``outreach.audience``). Every change
is an ``ActionEvent`` row — created, texts edited, status changed, progress note — never
edited afterwards."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    SURVEY = "survey", _("A survey")
    SIGNALS = "signals", _("Reports of residents")
    MEETING = "meeting", _("A resident meeting")
    OTHER = "other", _("Something else residents told us")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Action(models.Model):
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("what we do"), default=dict, blank=True)
    said = models.JSONField(
        _("what residents said"),
        default=dict,
        blank=True,
        help_text=_("In a few words, e.g. 'Many of you find that repairs take too long.'"),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="followup_actions",
        verbose_name=_("organisation"),
    )
    estates = models.ManyToManyField(
        "housing.Estate", related_name="followup_actions", verbose_name=_("estates")
    )
    # Where it comes from. A survey: its wave and/or question, or a theme of its questions.
    # Signals or a resident meeting add their own links later; ``source_kind`` says which.
    source_kind = models.CharField(
        _("comes from"), max_length=12, choices=SourceKind.choices, default=SourceKind.SURVEY
    )
    wave = models.ForeignKey(
        "surveys.Wave",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followup_actions",
        verbose_name=_("survey wave"),
    )
    question = models.ForeignKey(
        "surveys.Question",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followup_actions",
        verbose_name=_("question"),
    )
    theme = models.CharField(_("theme"), max_length=60, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ActionStatus.choices,
        default=ActionStatus.PLANNED,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last change"), default=timezone.now)
    # Telling the residents: news waits here until it is due (at most one notice a day).
    notice_pending_since = models.DateTimeField(_("news waiting since"), null=True, blank=True)
    last_notice_at = models.DateTimeField(_("residents last told"), null=True, blank=True)
    notices_sent = models.PositiveIntegerField(_("notices sent"), default=0)
    # The last history row the residents were told of (the next notice tells what follows).
    told_up_to = models.PositiveBigIntegerField(_("told up to"), default=0)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(
                fields=["notice_pending_since"],
                name="followup_action_news",
                condition=models.Q(notice_pending_since__isnull=False),
            )
        ]

    def __str__(self) -> str:
        from wijkpunt.surveys.texts import text_in

        return text_in(self.title, settings.LANGUAGE_CODE) or f"#{self.pk}"

    def title_in(self, language: str) -> str:
        from wijkpunt.surveys.texts import text_in

        return text_in(self.title, language)


class EventKind(models.TextChoices):
    CREATED = "created", _("Created")
    EDITED = "edited", _("Texts changed")
    STATUS = "status", _("Status changed")
    NOTE = "note", _("Progress note")


class ActionEvent(models.Model):
    """Append-only history of an action. A status change's ``text`` is its reason; a note's
    ``text`` is the note. ``public`` rows are what residents read (and are told about)."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="events", verbose_name=_("action")
    )
    kind = models.CharField(_("what happened"), max_length=10, choices=EventKind.choices)
    status_from = models.CharField(
        _("from"), max_length=12, choices=ActionStatus.choices, blank=True
    )
    status_to = models.CharField(_("to"), max_length=12, choices=ActionStatus.choices, blank=True)
    text = models.JSONField(_("text"), default=dict, blank=True)
    public = models.BooleanField(_("residents see it"), default=False)
    data = models.JSONField(_("details"), default=dict, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("action history entry")
        verbose_name_plural = _("action history")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%d-%m-%Y})"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError("The history of an action is append-only.")
        super().save(*args, **kwargs)

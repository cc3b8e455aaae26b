"""Printable letters (``wijkpunt.outreach.letters``): one ``LetterBatch`` is one PDF of many
letters, made by a background task with its progress kept here for the progress bar."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LetterBatchStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class LetterBatch(models.Model):
    """One PDF of letters of one ``kind`` (a source in ``outreach.letters.SOURCES``) about
    ``ref`` (e.g. the wave's id). The file holds personal data and codes: it is downloaded
    with an audit entry and removed after ``LETTER_RETENTION_DAYS``."""

    kind = models.CharField(_("kind"), max_length=60)
    ref = models.CharField(_("reference"), max_length=120)
    title = models.CharField(_("title"), max_length=200, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=LetterBatchStatus.choices,
        default=LetterBatchStatus.QUEUED,
    )
    total = models.PositiveIntegerField(_("letters"), default=0)
    done = models.PositiveIntegerField(_("letters made"), default=0)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    file = models.CharField(_("file"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=12, default="nl-be")
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last change"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    removed_at = models.DateTimeField(_("file removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("letter batch")
        verbose_name_plural = _("letter batches")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "ref", "-created_at"], name="outreach_batch_ref")]

    def __str__(self) -> str:
        return self.title or f"{self.kind} {self.ref}"

    @property
    def is_busy(self) -> bool:
        return self.status in (LetterBatchStatus.QUEUED, LetterBatchStatus.RUNNING)

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == LetterBatchStatus.DONE else 0
        return min(100, round(100 * self.done / self.total))

    @property
    def downloadable(self) -> bool:
        return self.status == LetterBatchStatus.DONE and bool(self.file)

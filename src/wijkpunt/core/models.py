"""Small pieces of the platform itself: the demo outbox and the worker heartbeat."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """An e-mail kept inside Wijkpunt instead of being sent (demo mode and tests)."""

    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    to = models.CharField(_("to"), max_length=500)
    subject = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML text"), blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("demo outbox")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class WorkerHeartbeat(models.Model):
    """Written every few seconds by each running background worker."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.last_seen:%H:%M:%S})"


class SentMail(models.Model):
    """One row per e-mail that may go out only once (``send_templated_mail(once=…)``): the
    unique key is claimed in the transaction that sends, so a task run twice sends once."""

    key = models.CharField(_("key"), max_length=255, unique=True)
    template = models.CharField(_("template"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("sent e-mail marker")
        verbose_name_plural = _("sent e-mail markers")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return self.key

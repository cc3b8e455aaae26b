"""The audit log: every read and every share of personal data, append-only.

Database triggers (see the migrations) refuse UPDATE and DELETE on this table, so not even
an administrator with database access through the application can edit the log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    SEARCH = "search", _("Searched")
    EXPORT = "export", _("Exported")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    IMPORT = "import", _("Imported")
    SHARE = "share", _("Shared")
    LOGIN = "login", _("Logged in")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_label = models.CharField(_("who (as shown then)"), max_length=250, blank=True)
    action = models.CharField(_("what"), max_length=10, choices=AuditAction.choices)
    object_type = models.CharField(_("kind of record"), max_length=60)
    object_id = models.CharField(_("record"), max_length=64, blank=True)
    household_id = models.BigIntegerField(_("household"), null=True, blank=True, db_index=True)
    purpose = models.CharField(_("why / route"), max_length=250, blank=True)
    path = models.CharField(_("address"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["actor", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise RuntimeError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("The audit log is append-only.")

"""Open311 GeoReport v2: API keys for clients that post service requests, and what an
Open311 request carried beyond the signal itself."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    """A key for an Open311 client. Only a SHA-256 hash of the key is stored; the key itself
    is shown once, when it is issued."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    prefix = models.CharField(
        _("key starts with"), max_length=16, editable=False, help_text=_("To recognise a key.")
    )
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
        editable=False,
    )
    created_at = models.DateTimeField(_("issued"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ServiceRequest(models.Model):
    """The Open311 details of a signal that came in through Open311."""

    signal = models.OneToOneField(
        "signalling.Signal",
        on_delete=models.CASCADE,
        related_name="open311",
        verbose_name=_("signal"),
    )
    api_key = models.ForeignKey(
        ApiKey, on_delete=models.PROTECT, related_name="requests", verbose_name=_("API key")
    )
    media_url = models.URLField(_("photo address"), max_length=500, blank=True)
    device_id = models.CharField(_("device"), max_length=100, blank=True)
    account_id = models.CharField(_("account"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("Open311 request")
        verbose_name_plural = _("Open311 requests")

    def __str__(self) -> str:
        return str(self.signal_id)

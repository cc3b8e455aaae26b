"""Reaching people: what was sent to whom, through which channel (``wijkpunt.outreach.reach``).

A ``Message`` holds the words (subject and body per language) of one notice — an action's
news, an announcement, an invitation — named by ``kind`` and ``ref`` of the capability that
sends it. A ``Delivery`` is one household reached (or not) through one channel: the portal, an
e-mail, a letter to print. ``MessageRead`` keeps which account read a portal message."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PORTAL = "portal", _("In the portal")
    EMAIL = "email", _("By e-mail")
    LETTER = "letter", _("By letter")
    # No way to reach the household: no account, no e-mail address, no current address.
    NONE = "none", _("Not reached")


class DeliveryState(models.TextChoices):
    SHOWN = "shown", _("Shown")
    QUEUED = "queued", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Could not be sent")
    TO_PRINT = "to_print", _("To print")
    PRINTED = "printed", _("Printed")
    UNREACHABLE = "unreachable", _("No way to reach them")


# States in which the household was (or will surely be) reached.
REACHING_STATES = frozenset(
    {
        DeliveryState.SHOWN,
        DeliveryState.QUEUED,
        DeliveryState.SENT,
        DeliveryState.TO_PRINT,
        DeliveryState.PRINTED,
    }
)


class Message(models.Model):
    """The words of one notice, per language: ``{"nl-be": {"subject": …, "body": …}, …}``."""

    kind = models.CharField(_("kind"), max_length=60)
    ref = models.CharField(_("reference"), max_length=120)
    texts = models.JSONField(_("texts"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "ref"], name="outreach_message_unique_ref")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.ref}"

    def text(self, language: str, fallback: str = "") -> tuple[str, str]:
        """(subject, body) in ``language``; else in ``fallback``, Dutch, or any there is."""
        texts = self.texts or {}
        for code in (language, language.split("-")[0], fallback, settings.LANGUAGE_CODE):
            entry = texts.get(code) if code else None
            if entry and entry.get("subject"):
                return entry["subject"], entry.get("body", "")
        for entry in texts.values():
            if entry and entry.get("subject"):
                return entry["subject"], entry.get("body", "")
        return "", ""


class Delivery(models.Model):
    """One household × one channel of one message: how it was reached, in which language."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("message")
    )
    kind = models.CharField(_("kind"), max_length=60)
    ref = models.CharField(_("reference"), max_length=120)
    household = models.ForeignKey(
        "housing.Household",
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("household"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=12)
    state = models.CharField(_("state"), max_length=12, choices=DeliveryState.choices)
    # The e-mail address it went to (a record of where, should the household's change).
    address = models.CharField(_("sent to"), max_length=254, blank=True)
    # Where the reader goes for more (an absolute address), e.g. the estate's public page.
    link = models.CharField(_("link"), max_length=500, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last change"), default=timezone.now)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "ref", "household", "channel"],
                name="outreach_delivery_once_per_channel",
            )
        ]
        indexes = [
            models.Index(fields=["channel", "state", "kind"], name="outreach_delivery_due"),
            models.Index(fields=["household", "channel", "-created_at"], name="outreach_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.ref} → {self.household_id} ({self.channel})"

    def text(self) -> tuple[str, str]:
        return self.message.text(self.language)


class MessageRead(models.Model):
    """An account opened a portal message."""

    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, related_name="reads", verbose_name=_("message")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("read by"),
    )
    read_at = models.DateTimeField(_("read"), default=timezone.now)

    class Meta:
        verbose_name = _("message read")
        verbose_name_plural = _("messages read")
        constraints = [
            models.UniqueConstraint(fields=["delivery", "user"], name="outreach_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.delivery_id} read by {self.user_id}"

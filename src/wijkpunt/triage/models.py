"""Training examples from staff corrections, and the trained triage models."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkpunt.triage.defaults import CATEGORIES, CATEGORY_LABELS


class ExampleSource(models.TextChoices):
    SEED = "seed", _("Shipped training set")
    CORRECTION = "correction", _("Staff correction")


class TrainingExample(models.Model):
    """A labelled text the model learns from. Staff corrections land here.

    The text may contain personal details from a signal: only administrators see it (admin),
    and an example can be deleted; retraining then forgets it."""

    text = models.TextField(_("text"))
    category = models.CharField(
        _("category"), max_length=40, choices=[(c, CATEGORY_LABELS[c]) for c in CATEGORIES]
    )
    urgent = models.BooleanField(_("urgent"), default=False)
    language = models.CharField(_("language"), max_length=8, blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=ExampleSource.choices, default=ExampleSource.CORRECTION
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("training example")
        verbose_name_plural = _("training examples")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.category}: {self.text[:60]}"


class TriageModelVersion(models.Model):
    """One trained model. Exactly one is active; the service loads the active one."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    trained_on = models.PositiveIntegerField(_("number of training examples"))
    corrections = models.PositiveIntegerField(_("of which staff corrections"), default=0)
    metrics = models.JSONField(_("figures on the held-out set"), default=dict)
    model = models.BinaryField(_("model"))
    active = models.BooleanField(_("active"), default=False)

    class Meta:
        verbose_name = _("triage model")
        verbose_name_plural = _("triage models")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["active"], condition=Q(active=True), name="triage_one_active_model"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.created_at:%Y-%m-%d %H:%M})"

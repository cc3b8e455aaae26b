"""Partner organisations, their teams and the roles of their staff."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    HOUSING_COMPANY = "housing", _("Housing company")
    OCMW = "ocmw", _("OCMW (public social welfare centre)")
    COMMUNITY_WORK = "community", _("Community work")
    OTHER = "other", _("Other partner")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    description = models.TextField(
        _("what we help with"),
        blank=True,
        help_text=_("Shown to tenants in plain words, e.g. 'Help with debts and energy bills'."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=250, blank=True)
    website = models.URLField(_("website"), blank=True)
    estates = models.ManyToManyField(
        "housing.Estate",
        verbose_name=_("estates"),
        related_name="organisations",
        blank=True,
        help_text=_("The estates this organisation works in."),
    )
    privacy_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="privacy_officer_of",
        verbose_name=_("privacy officer"),
        help_text=_(
            "Hears of every 'break the glass' and every action without consent in this "
            "organisation, and reads them on the privacy page."
        ),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class Team(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="teams", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.name}"


class Role(models.TextChoices):
    TECHNICIAN = "technician", _("Technician")
    TENANT_CONSULTANT = "woonconsulent", _("Tenant consultant (woonconsulent)")
    LETTING = "letting", _("Letting service")
    COORDINATOR = "coordinator", _("Coordinator")
    OCMW_RECEPTION = "ocmw_reception", _("OCMW reception")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    BUDGET_WORKER = "budget_worker", _("Budget worker")
    COMMUNITY_WORKER = "buurtwerker", _("Community worker (buurtwerker)")
    PARTNER_WORKER = "partner_worker", _("Partner worker")
    ADMINISTRATOR = "administrator", _("Administrator")


# Which organisation kinds a role belongs to; checked when a role is saved.
ROLE_ORGANISATION_KINDS: dict[str, set[str]] = {
    Role.TECHNICIAN: {OrganisationKind.HOUSING_COMPANY},
    Role.TENANT_CONSULTANT: {OrganisationKind.HOUSING_COMPANY},
    Role.LETTING: {OrganisationKind.HOUSING_COMPANY},
    Role.COORDINATOR: {
        OrganisationKind.HOUSING_COMPANY,
        OrganisationKind.OCMW,
        OrganisationKind.COMMUNITY_WORK,
    },
    Role.OCMW_RECEPTION: {OrganisationKind.OCMW},
    Role.SOCIAL_WORKER: {OrganisationKind.OCMW, OrganisationKind.OTHER},
    Role.BUDGET_WORKER: {OrganisationKind.OCMW},
    Role.COMMUNITY_WORKER: {OrganisationKind.COMMUNITY_WORK, OrganisationKind.OCMW},
    Role.PARTNER_WORKER: {OrganisationKind.OTHER},
    Role.ADMINISTRATOR: set(OrganisationKind.values),
}


class StaffRole(models.Model):
    """One role of one staff member in one organisation, optionally limited to estates.

    A role without estates covers every estate its organisation works in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_roles",
        verbose_name=_("staff member"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="staff_roles",
        verbose_name=_("organisation"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_roles",
        verbose_name=_("team"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    estates = models.ManyToManyField(
        "housing.Estate",
        blank=True,
        related_name="staff_roles",
        verbose_name=_("estates"),
        help_text=_("Leave empty for every estate the organisation works in."),
    )
    active = models.BooleanField(_("active"), default=True)
    may_act_without_consent = models.BooleanField(
        _("may act without consent"),
        default=False,
        help_text=_(
            "Refer or share without the resident's consent or a recorded legal basis, with a "
            "stated reason (audited; the privacy officer is told). Give it to very few."
        ),
    )

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        ordering = ["user__full_name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="staffrole_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.organisation})"

    def clean(self) -> None:
        if self.team_id and self.organisation_id:
            team = self.team  # not None: team_id is set
            if team is not None and team.organisation_id != self.organisation_id:
                raise ValidationError({"team": _("This team belongs to another organisation.")})
        allowed = ROLE_ORGANISATION_KINDS.get(self.role, set())
        if self.organisation_id and allowed and self.organisation.kind not in allowed:
            raise ValidationError(
                {"role": _("This role does not exist in this kind of organisation.")}
            )

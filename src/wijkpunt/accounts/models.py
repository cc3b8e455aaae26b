"""People who log in: staff of the partner organisations and tenants."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class ContactChannel(models.TextChoices):
    EMAIL = "email", _("By e-mail")
    PHONE = "phone", _("By phone")
    SMS = "sms", _("By text message")
    LETTER = "letter", _("By letter")
    VISIT = "visit", _("In person")


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. Staff get their rights from partners.StaffRole;
    tenants are linked to a housing.Resident."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="nl-be"
    )
    preferred_contact = models.CharField(
        _("how I want to be contacted"),
        max_length=10,
        choices=ContactChannel.choices,
        default=ContactChannel.EMAIL,
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("administration site access"),
        default=False,
        help_text=_("Can log in to the configuration (admin) site."),
    )
    is_demo = models.BooleanField(_("demo account"), default=False, editable=False)
    date_joined = models.DateTimeField(_("created"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def has_staff_role(self) -> bool:
        """Whether the user works for a partner organisation: at least one active staff role.
        (Not Django's ``is_staff``, which only opens the configuration site.)"""
        from wijkpunt.partners.access import has_staff_role

        return has_staff_role(self)

    @property
    def is_tenant(self) -> bool:
        cached = getattr(self, "_is_tenant", None)
        if cached is None:
            cached = hasattr(self, "resident") and self.resident is not None
            self._is_tenant = cached
        return cached


class UsedLoginLink(models.Model):
    """A log-in link that has been used. A link works once: its fingerprint is kept here
    until the link would have expired anyway."""

    digest = models.CharField(_("fingerprint"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    used_at = models.DateTimeField(_("used at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("used log-in link")
        verbose_name_plural = _("used log-in links")

    def __str__(self) -> str:
        return f"{self.user_id} {self.used_at:%Y-%m-%d %H:%M}"

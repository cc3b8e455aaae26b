from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wijkpunt.accounts.models import ContactChannel, User
from wijkpunt.core.forms import StyledFormMixin
from wijkpunt.portal.phone import normalise_belgian_phone


class MyDetailsForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_(
            "You also log in with this address. If you change it, we send a link to the new "
            "address: it changes when you click that link."
        ),
        error_messages={
            "required": _("Fill in your e-mail address. You need it to log in."),
            "invalid": _(
                "This is not a complete e-mail address. Check it, for example: name@example.org"
            ),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=40,
        help_text=_("For example 0470 12 34 56 or 056 12 34 56."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a language.")},
    )
    preferred_contact = forms.ChoiceField(
        label=_("How do you want us to contact you?"),
        choices=ContactChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how we can best contact you.")},
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        # Whether another account uses the address is never said here (no enumeration):
        # a new address changes only when the link sent to it is used.
        return User.objects.normalize_email(self.cleaned_data["email"].strip()).lower()

    def clean_phone(self) -> str:
        return normalise_belgian_phone(self.cleaned_data.get("phone", ""))

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        channel = cleaned.get("preferred_contact")
        if (
            channel in {ContactChannel.PHONE, ContactChannel.SMS}
            and not cleaned.get("phone")
            and "phone" not in self.errors
        ):
            self.add_error(
                "phone",
                _("Fill in a phone number, or choose another way to contact you."),
            )
        return cleaned

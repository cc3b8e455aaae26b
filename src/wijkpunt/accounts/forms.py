from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkpunt.core.forms import StyledFormMixin


class LoginLinkRequestForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": _("Fill in your e-mail address."),
            "invalid": _(
                "This is not a complete e-mail address. Check it, for example: name@example.org"
            ),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)

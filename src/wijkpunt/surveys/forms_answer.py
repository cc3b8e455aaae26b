"""The one field a respondent without an account fills in first: the code on the letter."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkpunt.core.forms import StyledFormMixin


class CodeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        help_text=_("8 letters and digits, on your letter"),
        max_length=40,
        strip=True,
        error_messages={"required": _("Type the code from your letter.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "inputmode": "text",
                "spellcheck": "false",
                "autocorrect": "off",
                "class": "sv-code-input",
                "data-sv-code": "",
            }
        ),
    )

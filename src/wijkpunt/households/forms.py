"""Forms of the household file. They only read input; the actions check and write."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkpunt.households.models import (
    ConsentDecision,
    ConsentMethod,
    ConsentPurpose,
    ContactMode,
    Sensitivity,
)
from wijkpunt.partners.models import Organisation


class ContactForm(forms.Form):
    mode = forms.ChoiceField(label=_("How"), choices=ContactMode.choices)
    at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        required=False,
        help_text=_("Leave empty for now."),
    )
    title = forms.CharField(label=_("In a few words"), max_length=200)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    sensitivity = forms.ChoiceField(label=_("Who may read it"))

    def __init__(self, *args, sensitivities: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Sensitivity.choices)
        cast(forms.ChoiceField, self.fields["sensitivity"]).choices = [
            (s, labels[s]) for s in sensitivities
        ]
        if sensitivities:
            self.fields["sensitivity"].initial = sensitivities[0]


class AppointmentForm(forms.Form):
    appointment_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    with_person = forms.CharField(label=_("With"), max_length=200)
    title = forms.CharField(label=_("What for"), max_length=200)
    sensitivity = forms.ChoiceField(label=_("Who may read it"))

    def __init__(self, *args, sensitivities: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Sensitivity.choices)
        cast(forms.ChoiceField, self.fields["sensitivity"]).choices = [
            (s, labels[s]) for s in sensitivities
        ]


class CorrectionForm(forms.Form):
    title = forms.CharField(label=_("In a few words"), max_length=200)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    reason = forms.CharField(label=_("Why you correct it"), max_length=500)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to open this file now?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("For what"), choices=ConsentPurpose.choices)
    decision = forms.ChoiceField(
        label=_("The resident's answer"),
        choices=[(ConsentDecision.GIVEN, _("Yes, given")), (ConsentDecision.REFUSED, _("No"))],
        widget=forms.RadioSelect,
        initial=ConsentDecision.GIVEN,
    )
    recipient = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False
    )
    service_name = forms.CharField(label=_("Or a service"), max_length=200, required=False)
    scope = forms.MultipleChoiceField(
        label=_("Which information"),
        choices=[c for c in Sensitivity.choices if c[0] != Sensitivity.SHARED],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    method = forms.ChoiceField(
        label=_("How"),
        choices=[
            (ConsentMethod.SIGNED, ConsentMethod.SIGNED.label),
            (ConsentMethod.SPOKEN, ConsentMethod.SPOKEN.label),
        ],
    )
    witness = forms.CharField(label=_("Witness"), max_length=200, required=False)
    resident = forms.ChoiceField(label=_("Given by"), required=False)
    valid_until = forms.DateField(
        label=_("Valid until"),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, residents=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["resident"]).choices = [("", "–")] + [
            (str(r.pk), r.full_name) for r in residents
        ]
        self.fields["valid_until"].initial = timezone.localdate() + dt.timedelta(days=365)

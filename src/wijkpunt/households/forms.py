"""Forms of the household file. They only read input; the actions check and write."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from wijkpunt.core.forms import StyledFormMixin
from wijkpunt.households.models import (
    ConsentDecision,
    ConsentMethod,
    ConsentPurpose,
    ContactMode,
    LegalGround,
    ReferralBasis,
    ReferralStatus,
    Sensitivity,
    SharedField,
    Urgency,
)
from wijkpunt.partners.models import Organisation


class ContactForm(StyledFormMixin, forms.Form):
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


class AppointmentForm(StyledFormMixin, forms.Form):
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


class CorrectionForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("In a few words"), max_length=200)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    reason = forms.CharField(label=_("Why you correct it"), max_length=500)


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to open this file now?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class ConsentForm(StyledFormMixin, forms.Form):
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


class ReferralForm(StyledFormMixin, forms.Form):
    """A referral from the household file (or one of its signals). The choices come from the
    view (what the sender may share); the action checks everything again."""

    to_organisation = forms.ModelChoiceField(
        label=_("To a partner in Wijkpunt"), queryset=Organisation.objects.none(), required=False
    )
    to_service = forms.UUIDField(widget=forms.HiddenInput, required=False)
    need = forms.CharField(
        label=_("What the need is"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("In plain words: the recipient reads this first."),
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial="normal")
    shared_fields = forms.MultipleChoiceField(
        label=_("Details of the household to share"),
        choices=SharedField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The household's name always goes along. Share only what the recipient needs."),
    )
    shared_entries = forms.MultipleChoiceField(
        label=_("Entries of the file to share"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    basis = forms.ChoiceField(
        label=_("The referral rests on"),
        choices=ReferralBasis.choices,
        widget=forms.RadioSelect,
        initial=ReferralBasis.CONSENT,
    )
    consent = forms.ChoiceField(label=_("Consent"), required=False)
    legal_ground = forms.ChoiceField(
        label=_("Legal ground"), choices=[("", "–"), *LegalGround.choices], required=False
    )
    basis_note = forms.CharField(
        label=_("Legal reference, or why you act without consent"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )
    sensitivity = forms.ChoiceField(label=_("Who may read the referral in the file"))
    appointment_at = forms.DateTimeField(
        label=_("Warm hand-over: date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        required=False,
        help_text=_("Optional. The resident is told of the appointment in their language."),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    with_person = forms.CharField(label=_("With whom"), max_length=200, required=False)

    def __init__(
        self,
        *args,
        organisations,
        entries,
        consents,
        fields,
        sensitivities,
        without_consent: bool,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["to_organisation"]).queryset = organisations
        cast(forms.MultipleChoiceField, self.fields["shared_entries"]).choices = [
            (str(e.pk), f"{_short(e.at)} – {e.organisation}: {e.title}") for e in entries
        ]
        cast(forms.ChoiceField, self.fields["consent"]).choices = [("", "–")] + [
            (str(c.pk), consent_label(c)) for c in consents
        ]
        cast(forms.MultipleChoiceField, self.fields["shared_fields"]).choices = [
            c for c in SharedField.choices if fields is None or c[0] in fields
        ]
        labels = dict(Sensitivity.choices)
        cast(forms.ChoiceField, self.fields["sensitivity"]).choices = [
            (s, labels[s]) for s in sensitivities
        ]
        if not without_consent:
            cast(forms.ChoiceField, self.fields["basis"]).choices = [
                c for c in ReferralBasis.choices if c[0] != ReferralBasis.WITHOUT_CONSENT
            ]


def consent_label(consent) -> str:
    label = f"{consent.get_purpose_display()}: {consent.recipient}"
    scope = ", ".join(consent.get_scope_display())
    if scope:
        label += f" ({scope})"
    if consent.valid_until:
        label += " – " + str(_("until %(date)s") % {"date": _short(consent.valid_until)})
    return label


def _short(value) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    return formats.date_format(value, "SHORT_DATE_FORMAT")


class ReferralStepForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(choices=ReferralStatus.choices)
    reason = forms.CharField(
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, required=False
    )


class HandoverForm(StyledFormMixin, forms.Form):
    appointment_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    with_person = forms.CharField(label=_("With whom"), max_length=200)


class MeetingForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "The law or decree that allows this case meeting under art. 458ter Sw., e.g. the "
            "decree on integrated youth care or the law on intra-family violence."
        ),
    )
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 2}))
    procedure = forms.CharField(
        label=_("Procedure"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "How the meeting goes: who chairs, how decisions are taken, who writes the minutes."
        ),
    )
    participants = forms.MultipleChoiceField(
        label=_("Participants"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Fixed before the meeting starts. You take part yourself."),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["participants"]).choices = [
            (str(role.user_id), f"{role.user.full_name} – {role.organisation}") for role in people
        ]


class AgendaForm(StyledFormMixin, forms.Form):
    meeting = forms.ChoiceField(label=_("Case meeting"))
    consent = forms.ChoiceField(label=_("The household's consent"), required=False)
    basis_note = forms.CharField(
        label=_("Or: why the meeting's legal basis applies to this household"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, meetings, consents, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["meeting"]).choices = [
            (str(m.pk), f"{m.title} ({_short(m.starts_at)})") for m in meetings
        ]
        cast(forms.ChoiceField, self.fields["consent"]).choices = [("", "–")] + [
            (str(c.pk), consent_label(c)) for c in consents
        ]


class TaskForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("What is to be done"), max_length=300)
    organisation = forms.ChoiceField(label=_("By which partner"))
    owner = forms.ChoiceField(label=_("By whom"), required=False)
    household = forms.ChoiceField(label=_("For which household"), required=False)
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, seats, agenda, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = {s.organisation_id: s.organisation for s in seats}
        cast(forms.ChoiceField, self.fields["organisation"]).choices = [
            (str(pk), str(o)) for pk, o in orgs.items()
        ]
        cast(forms.ChoiceField, self.fields["owner"]).choices = [("", "–")] + [
            (str(s.user_id), f"{s.user.full_name} ({s.organisation})") for s in seats
        ]
        cast(forms.ChoiceField, self.fields["household"]).choices = [("", "–")] + [
            (str(item.household_id), item.household.name) for item in agenda
        ]


class MinutesForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8}))

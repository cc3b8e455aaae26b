"""Forms of the staff inbox and the signal page."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkpunt.core.forms import StyledFormMixin
from wijkpunt.households.models import LegalGround, ReferralBasis
from wijkpunt.housing import access as housing
from wijkpunt.housing.models import Estate
from wijkpunt.inbox import queries
from wijkpunt.intake.attachments import MAX_FILES
from wijkpunt.intake.forms import MultipleFileField, MultipleFileInput, lazy_filled
from wijkpunt.partners import access as partners
from wijkpunt.partners.models import Organisation, StaffRole, Team
from wijkpunt.signalling import workflow
from wijkpunt.signalling.models import Category, Channel, Signal, SignalStatus


class FilterForm(StyledFormMixin, forms.Form):
    """The queue's filters, as ticks (no multi-select lists). Invalid values are dropped (a
    list never fails on a bad link)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.MultipleChoiceField(
        label=_("Status"),
        required=False,
        choices=SignalStatus.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    category = forms.ModelMultipleChoiceField(
        label=_("Category"),
        required=False,
        queryset=Category.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    estate = forms.ModelMultipleChoiceField(
        label=_("Estate"),
        required=False,
        queryset=Estate.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    channel = forms.MultipleChoiceField(
        label=_("Channel"),
        required=False,
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    urgent = forms.BooleanField(label=_("Only urgent"), required=False)
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)
    replied = forms.BooleanField(label=_("The resident replied"), required=False)
    closed = forms.BooleanField(label=_("Closed signals too"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=list(queries.SORTS.items())
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["category"]).queryset = Category.objects.all()
        cast(forms.ModelChoiceField, self.fields["estate"]).queryset = housing.visible_estates(user)

    def filters(self, queue: str) -> queries.Filters:
        data = self.cleaned_data if self.is_valid() else self._valid_part()
        return queries.Filters(
            queue=queue,
            statuses=list(data.get("status") or []),
            category_ids=[c.pk for c in data.get("category") or []],
            estate_ids=[e.pk for e in data.get("estate") or []],
            urgent=bool(data.get("urgent")),
            overdue=bool(data.get("overdue")),
            channels=list(data.get("channel") or []),
            q=data.get("q") or "",
            sort=data.get("sort") or queries.DEFAULT_SORT,
            replied=bool(data.get("replied")),
            include_closed=bool(data.get("closed")),
        )

    def chosen(self) -> int:
        """How many filters (beyond the search) are set: the summary says so."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        keys = ("status", "category", "estate", "channel", "urgent", "overdue", "replied")
        return sum(1 for k in keys if data.get(k)) + bool(data.get("closed"))

    def _valid_part(self) -> dict:
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}


def _people_of(organisations) -> list[StaffRole]:
    roles = (
        StaffRole.objects.filter(organisation__in=organisations, active=True)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__full_name")
    )
    seen, result = set(), []
    for role in roles:
        key = (role.organisation_id, role.user_id)
        if key not in seen:
            seen.add(key)
            result.append(role)
    return result


def assignee_choices(organisations) -> list:
    """Teams and people of these organisations as one select with groups. Values:
    ``team:<team>`` and ``person:<organisation>:<user>``."""
    organisations = list(organisations)
    teams = Team.objects.filter(organisation__in=organisations).select_related("organisation")
    several = len(organisations) > 1
    team_choices = [
        (f"team:{t.pk}", f"{t.name} ({t.organisation})" if several else t.name) for t in teams
    ]
    person_choices = [
        (
            f"person:{r.organisation_id}:{r.user_id}",
            f"{r.user.full_name or r.user.email} ({r.organisation})"
            if several
            else (r.user.full_name or r.user.email),
        )
        for r in _people_of(organisations)
    ]
    return [
        ("", _("Choose a team or a person")),
        (_("Teams"), team_choices),
        (_("People"), person_choices),
    ]


def resolve_assignee(value: str, organisations) -> dict | None:
    """``team:<id>`` or ``person:<org>:<user>`` → keyword arguments for ``actions.assign``,
    or None when the value is not one of the allowed choices."""
    org_ids = {o.pk for o in organisations}
    parts = (value or "").split(":")
    try:
        if parts[0] == "team" and len(parts) == 2:
            team = Team.objects.select_related("organisation").get(
                pk=int(parts[1]), organisation_id__in=org_ids
            )
            return {"organisation": team.organisation, "team": team, "person": None}
        if parts[0] == "person" and len(parts) == 3:
            role = (
                StaffRole.objects.select_related("organisation", "team", "user")
                .filter(
                    organisation_id=int(parts[1]),
                    user_id=int(parts[2]),
                    organisation_id__in=org_ids,
                    active=True,
                )
                .first()
            )
            if role is None:
                return None
            return {"organisation": role.organisation, "team": role.team, "person": role.user}
    except (ValueError, Team.DoesNotExist):
        return None
    return None


class BulkAssignForm(StyledFormMixin, forms.Form):
    """Assign the ticked signals (``signals`` in the POST, parsed by ``signal_ids``)."""

    assignee = forms.ChoiceField(label=_("Assign to"), choices=())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = list(partners.organisations_of(user))
        cast(forms.ChoiceField, self.fields["assignee"]).choices = assignee_choices(
            self.organisations
        )
        self.fields["assignee"].error_messages["required"] = _(
            "Choose the team or person to assign to."
        )
        self.fields["assignee"].error_messages["invalid_choice"] = _(
            "Choose a team or person of your organisation."
        )
        self.target: dict | None = None

    def signal_ids(self) -> list[int]:
        ids = []
        for raw in self.data.getlist("signals")[:500] if hasattr(self.data, "getlist") else []:
            try:
                ids.append(int(raw))
            except (TypeError, ValueError):
                continue
        return ids

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if not self.signal_ids():
            raise forms.ValidationError(_("Tick at least one signal."))
        return data

    def clean_assignee(self):
        value = self.cleaned_data["assignee"]
        target = resolve_assignee(value, self.organisations)
        if target is None:
            raise forms.ValidationError(_("Choose a team or person of your organisation."))
        self.target = target
        return value


class TriageForm(StyledFormMixin, forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(active=True)
    )
    urgent = forms.BooleanField(label=_("Urgent"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].error_messages["required"] = _("Choose a category.")
        self.fields["category"].error_messages["invalid_choice"] = _("Choose a category.")


class StatusForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=())
    message = forms.CharField(
        label=_("Message to the resident"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Plain words. Sent with the status change; leave empty for none."),
    )

    def __init__(self, *args, signal: Signal, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = workflow.allowed_transitions(signal.status) - {SignalStatus.MERGED}
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            (value, label) for value, label in SignalStatus.choices if value in allowed
        ]
        self.fields["status"].error_messages["invalid_choice"] = _(
            "This status cannot follow the current one. Choose one of the list."
        )
        self.fields["status"].error_messages["required"] = _("Choose the new status.")


class AssignForm(StyledFormMixin, forms.Form):
    """Organisation, then one of its teams or people. The list of teams and people is always
    of the organisation chosen (``choices_for``): on the server for the first view and the
    two-step form without JavaScript, refreshed on change with it. When the organisation was
    changed but the list still belongs to the previous one, the list is ignored and the
    signal goes to the organisation itself: the first try works.

    The rules (an organisation is needed, a hand-over says why) live in
    ``signalling.actions.assign``; its errors are shown on these fields."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=_("— choose —")
    )
    choices_for = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # A text field shown as a select: a value from the list of another organisation (the
    # organisation was changed without refreshing) is not an error but ignored in clean().
    assignee = forms.CharField(
        label=_("Team or person"), required=False, max_length=40, widget=forms.Select()
    )
    reason = forms.CharField(
        label=_("Reason for the hand-over"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when another organisation takes over. Only staff read it."),
    )
    # A household's signal handed over is a referral: what it rests on, and whether the
    # exact dwelling goes along (``households.actions.refer_with_handover`` checks).
    basis = forms.ChoiceField(
        label=_("The hand-over rests on"),
        choices=[("", _("— choose —")), *ReferralBasis.choices],
        required=False,
    )
    consent = forms.ChoiceField(label=_("The resident's consent"), required=False)
    legal_ground = forms.ChoiceField(
        label=_("Or the legal ground"), choices=[("", "–"), *LegalGround.choices], required=False
    )
    basis_note = forms.CharField(
        label=_("Legal reference, or why without consent"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    share_dwelling = forms.BooleanField(
        label=_("Share the exact dwelling (address and flat) with the other organisation"),
        required=False,
    )

    def __init__(self, *args, signal: Signal, organisation: Organisation | None = None, **kw):
        super().__init__(*args, **kw)
        self.signal = signal
        self.is_referral = signal.household_id is not None
        if self.is_referral:
            from wijkpunt.households.access import active_consents
            from wijkpunt.households.forms import consent_label

            self.consents = list(
                active_consents()
                .filter(household=signal.household, purpose__in=["share", "referral"])
                .select_related("organisation")
            )
            cast(forms.ChoiceField, self.fields["consent"]).choices = [("", "–")] + [
                (str(c.pk), consent_label(c)) for c in self.consents
            ]
        else:
            self.consents = []
            for name in ("basis", "consent", "legal_ground", "basis_note", "share_dwelling"):
                del self.fields[name]
        orgs = Organisation.objects.all()
        if signal.estate_id:
            orgs = orgs.filter(estates=signal.estate_id)
        if signal.owner_organisation_id:
            orgs = orgs | Organisation.objects.filter(pk=signal.owner_organisation_id)
        self.organisations = list(orgs.distinct().order_by("name"))
        organisations = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisations.queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in self.organisations]
        ).order_by("name")
        self.fields["organisation"].error_messages["required"] = _("Choose an organisation.")
        self.fields["organisation"].error_messages["invalid_choice"] = _(
            "Choose one of the organisations of the list."
        )
        self.fields["organisation"].widget.attrs["data-assign-organisation"] = ""
        self.chosen = self._chosen(organisation)
        self.fields["assignee"].widget.choices = self.assignee_choices(self.chosen)
        self.fields["assignee"].widget.attrs["data-assign-choices"] = ""
        if not self.is_bound:
            self.initial["organisation"] = self.chosen.pk if self.chosen else None
            self.initial["choices_for"] = self.chosen.pk if self.chosen else None
            if self.chosen and self.chosen.pk == signal.owner_organisation_id:
                if signal.owner_user_id:
                    self.initial.setdefault(
                        "assignee", f"person:{signal.owner_organisation_id}:{signal.owner_user_id}"
                    )
                elif signal.owner_team_id:
                    self.initial.setdefault("assignee", f"team:{signal.owner_team_id}")

    def _chosen(self, organisation: Organisation | None) -> Organisation | None:
        """The organisation whose teams and people the form lists."""
        by_pk: dict[int | None, Organisation] = {o.pk: o for o in self.organisations}
        if self.is_bound:
            try:
                return by_pk.get(int(self.data.get(self.add_prefix("organisation")) or 0))
            except (TypeError, ValueError):
                return None
        if organisation is not None and organisation.pk in by_pk:
            return by_pk[organisation.pk]
        return by_pk.get(self.signal.owner_organisation_id)

    @staticmethod
    def assignee_choices(organisation: Organisation | None) -> list:
        if organisation is None:
            return [("", _("Choose the organisation first"))]
        choices = assignee_choices([organisation])
        choices[0] = ("", _("The whole organisation (they decide who)"))
        return choices

    def is_handover(self, organisation: Organisation | None) -> bool:
        owner = self.signal.owner_organisation_id
        return bool(owner and organisation and organisation.pk != owner)

    def again(self) -> AssignForm:
        """The form to show after an error: the input and the errors kept, the list of teams
        and people (and ``choices_for``) of the organisation now chosen."""
        same = str(self.data.get(self.add_prefix("choices_for")) or "") == str(
            self.chosen.pk if self.chosen else ""
        )
        form = AssignForm(
            signal=self.signal,
            organisation=self.chosen,
            prefix=self.prefix,
            initial={
                "reason": self.data.get(self.add_prefix("reason"), ""),
                "assignee": self.data.get(self.add_prefix("assignee"), "") if same else "",
                **{
                    name: self.data.get(self.add_prefix(name), "")
                    for name in ("basis", "consent", "legal_ground", "basis_note")
                },
                "share_dwelling": bool(self.data.get(self.add_prefix("share_dwelling"))),
            },
        )
        if self.chosen is None:
            form.initial["organisation"] = None
        # the form's own error cache (BaseForm._errors), which the stubs leave out
        form._errors = self.errors  # type: ignore[attr-defined]
        return form

    def chosen_consent(self):
        wanted = self.cleaned_data.get("consent") or ""
        return next((c for c in self.consents if str(c.pk) == wanted), None)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        org = data.get("organisation")
        data["team"] = data["person"] = None
        if org is None:
            return data
        value = data.get("assignee") or ""
        if data.get("choices_for") != org.pk or not value:
            # The list was of another organisation (changed without refreshing the list):
            # the organisation itself takes it.
            return data
        target = resolve_assignee(value, [org])
        if target is None:
            self.add_error("assignee", _("Choose a team or person of the organisation."))
            return data
        data["team"], data["person"] = target["team"], target["person"]
        return data


class NoteForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only staff see this. The resident never does."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = _("The note is empty.")


class MessageForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Message to the resident"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The resident reads this in the portal and by e-mail. Use plain words."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = _("The message is empty.")


class MergeForm(forms.Form):
    duplicate = forms.IntegerField(min_value=1)


class FilesForm(StyledFormMixin, forms.Form):
    """Photos and documents added to a signal by staff."""

    # the form metaclass moves declared fields to base_fields: self.files stays the uploads
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Photos and documents"),
        help_text=lazy_filled(
            _("Up to %(max)s files: photos (JPEG, PNG, WebP, HEIC) or PDF."), max=MAX_FILES
        ),
        widget=MultipleFileInput(attrs={"accept": "image/*,application/pdf"}),
        error_messages={"required": _("Choose at least one file.")},
    )
    public = forms.BooleanField(
        label=_("The reporter may see these files"),
        required=False,
        help_text=_("Leave this off for internal documents such as a quote or a visit report."),
    )

"""Forms of the staff inbox and the signal page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkpunt.accounts.models import User
from wijkpunt.core.forms import StyledFormMixin
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
    """The queue's filters. Invalid values are dropped (a list never fails on a bad link)."""

    q = forms.CharField(label=_("Search in the text"), required=False, max_length=200)
    status = forms.MultipleChoiceField(
        label=_("Status"),
        required=False,
        choices=SignalStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nothing ticked: every open status."),
    )
    category = forms.ModelMultipleChoiceField(
        label=_("Category"), required=False, queryset=Category.objects.none()
    )
    estate = forms.ModelMultipleChoiceField(
        label=_("Estate"), required=False, queryset=Estate.objects.none()
    )
    channel = forms.MultipleChoiceField(label=_("Channel"), required=False, choices=Channel.choices)
    urgent = forms.BooleanField(label=_("Only urgent"), required=False)
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=list(queries.SORTS.items())
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.all()
        self.fields["estate"].queryset = housing.visible_estates(user)
        for name in ("category", "estate", "channel"):
            self.fields[name].widget.attrs["size"] = 4

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
        )

    def _valid_part(self) -> dict:
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}


def _people_of(organisations) -> list[tuple[StaffRole, User]]:
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
        self.fields["assignee"].choices = assignee_choices(self.organisations)
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
        data = super().clean()
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
        self.fields["status"].choices = [
            (value, label) for value, label in SignalStatus.choices if value in allowed
        ]
        self.fields["status"].error_messages["invalid_choice"] = _(
            "This status cannot follow the current one. Choose one of the list."
        )
        self.fields["status"].error_messages["required"] = _("Choose the new status.")


class AssignForm(StyledFormMixin, forms.Form):
    """Organisation → team → person. A hand-over to another organisation needs a reason."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    team = forms.ModelChoiceField(label=_("Team"), required=False, queryset=Team.objects.none())
    person = forms.ChoiceField(label=_("Person"), required=False, choices=())
    reason = forms.CharField(
        label=_("Reason (for a hand-over to another organisation)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, signal: Signal, **kwargs):
        super().__init__(*args, **kwargs)
        self.signal = signal
        orgs = Organisation.objects.all()
        if signal.estate_id:
            orgs = orgs.filter(estates=signal.estate_id)
        if signal.owner_organisation_id:
            orgs = orgs | Organisation.objects.filter(pk=signal.owner_organisation_id)
        orgs = orgs.distinct().order_by("name")
        self.fields["organisation"].queryset = orgs
        self.fields["organisation"].error_messages["required"] = _("Choose an organisation.")
        self.fields["team"].queryset = Team.objects.filter(organisation__in=orgs).select_related(
            "organisation"
        )
        self.fields["team"].label_from_instance = lambda t: f"{t.organisation} – {t.name}"
        self.fields["person"].choices = [("", "---------")] + [
            (str(r.user_id), f"{r.user.full_name or r.user.email} ({r.organisation})")
            for r in _people_of(orgs)
        ]
        if not self.is_bound:
            self.initial.setdefault("organisation", signal.owner_organisation_id)
            self.initial.setdefault("team", signal.owner_team_id)
            self.initial.setdefault("person", str(signal.owner_user_id or ""))

    def clean(self):
        data = super().clean()
        org, team = data.get("organisation"), data.get("team")
        if org is None:
            return data
        if team is not None and team.organisation_id != org.pk:
            self.add_error("team", _("This team belongs to another organisation."))
        person = None
        if data.get("person"):
            person = User.objects.filter(
                pk=data["person"], staff_roles__organisation=org, staff_roles__active=True
            ).first()
            if person is None:
                self.add_error("person", _("This person does not work for that organisation."))
        data["person_obj"] = person
        handover = self.signal.owner_organisation_id and org.pk != self.signal.owner_organisation_id
        if handover and not (data.get("reason") or "").strip():
            self.add_error(
                "reason",
                _("You are handing this over to another organisation: say briefly why."),
            )
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

    files = MultipleFileField(
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

"""Forms of the wave pages and of door-to-door and paper entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkpunt.core.forms import StyledFormMixin
from wijkpunt.housing.models import Building, Estate
from wijkpunt.surveys.actions_waves import (
    default_min_group_size,
    manageable_estate_ids,
    targets_of,
)
from wijkpunt.surveys.models import MIN_GROUP_FLOOR, Wave


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


@dataclass
class TargetGroup:
    """One estate in the form: "the whole estate", or some of its buildings."""

    estate: Estate
    whole: forms.BoundField | object  # the estate's checkbox (a BoundWidget)
    buildings: list


class WaveForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name of the wave"),
        max_length=120,
        help_text=_("e.g. Spring 2026"),
        error_messages={"required": _("Give the wave a name.")},
    )
    estates = forms.ModelMultipleChoiceField(
        label=_("Whole estates"),
        queryset=Estate.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    buildings = forms.ModelMultipleChoiceField(
        label=_("Only these buildings"),
        queryset=Building.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opens_on = forms.DateField(
        label=_("Opens on"),
        widget=DateInput(),
        help_text=_("The households living there on this day get a code."),
        error_messages={
            "required": _("Fill in the day the wave opens."),
            "invalid": _("Fill in a date, for example 2026-03-01."),
        },
    )
    closes_on = forms.DateField(
        label=_("Closes on"),
        widget=DateInput(),
        help_text=_("The last day residents can answer."),
        error_messages={
            "required": _("Fill in the day the wave closes."),
            "invalid": _("Fill in a date, for example 2026-03-31."),
        },
    )
    min_group_size = forms.IntegerField(
        label=_("Smallest group shown"),
        min_value=MIN_GROUP_FLOOR,
        max_value=1000,
        help_text=_("Figures of groups with fewer answers are not shown (never below 5)."),
        error_messages={
            "required": _("Fill in the smallest group shown."),
            "min_value": _("The smallest group shown is at least %(limit_value)s."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        covered = manageable_estate_ids(user)
        estates = Estate.objects.filter(pk__in=covered).order_by("name")
        buildings = (
            Building.objects.filter(estate_id__in=covered)
            .select_related("estate")
            .order_by("estate__name", "street", "number", "pk")
        )
        cast(forms.ModelMultipleChoiceField, self.fields["estates"]).queryset = estates
        cast(forms.ModelMultipleChoiceField, self.fields["buildings"]).queryset = buildings
        if not self.is_bound and "min_group_size" not in self.initial:
            self.initial["min_group_size"] = default_min_group_size()
        self._estates = list(estates)
        self._buildings = list(buildings)

    def groups(self) -> list[TargetGroup]:
        """The estates with their own checkbox and their buildings', for the template."""
        whole = {str(w.data["value"]): w for w in self["estates"]}
        building_widgets = {str(w.data["value"]): w for w in self["buildings"]}
        out = []
        for estate in self._estates:
            out.append(
                TargetGroup(
                    estate=estate,
                    whole=whole.get(str(estate.pk)),
                    buildings=[
                        building_widgets[str(b.pk)]
                        for b in self._buildings
                        if b.estate_id == estate.pk and str(b.pk) in building_widgets
                    ],
                )
            )
        return out

    def clean(self):
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The wave closes before it opens."))
        if (
            "estates" in data
            and "buildings" in data
            and not data["estates"]
            and not data["buildings"]
        ):
            self.add_error("estates", _("Choose at least one estate or building."))
        return data

    @staticmethod
    def initial_of(wave: Wave) -> dict:
        """The form's values for an existing wave (``actions_waves.targets_of``)."""
        whole, single = targets_of(wave)
        return {
            "name": wave.name,
            "estates": whole,
            "buildings": single,
            "opens_on": wave.opens_on,
            "closes_on": wave.closes_on,
            "min_group_size": wave.min_group_size,
        }


class EntryCodeForm(StyledFormMixin, forms.Form):
    """The code on the letter or the paper form, typed by a member of staff."""

    code = forms.CharField(
        label=_("Code on the letter or form"),
        help_text=_("8 letters and digits, e.g. ACDE-3467"),
        max_length=200,
        strip=True,
        error_messages={"required": _("Type the code from the letter or the paper form.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "autocorrect": "off",
                "class": "sv-code-input",
            }
        ),
    )


__all__ = ["DateInput", "EntryCodeForm", "TargetGroup", "WaveForm"]

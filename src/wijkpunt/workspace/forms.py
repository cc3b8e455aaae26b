from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkpunt.core.forms import StyledFormMixin
from wijkpunt.housing.models import Building, Estate
from wijkpunt.workspace.textsearch import MAX_TERMS, split_terms

MAX_QUERY_LENGTH = 200


class BuildingChoiceField(forms.ModelChoiceField):
    """Buildings by their address (and name), the way staff know them."""

    def label_from_instance(self, obj: Building) -> str:
        return f"{obj.street} {obj.number}" + (f" ({obj.name})" if obj.name else "")


class DwellingFilterForm(StyledFormMixin, forms.Form):
    """Filters of the dwellings table on an estate page (GET)."""

    building = BuildingChoiceField(
        label=_("Building"),
        queryset=Building.objects.none(),
        required=False,
        empty_label=_("All buildings"),
        error_messages={"invalid_choice": _("This building is not in this estate.")},
    )
    bedrooms = forms.IntegerField(
        label=_("Bedrooms"),
        required=False,
        min_value=0,
        max_value=12,
        error_messages={
            "invalid": _("Enter a number of bedrooms, for example 2."),
            "min_value": _("Enter a number of bedrooms from 0 to 12."),
            "max_value": _("Enter a number of bedrooms from 0 to 12."),
        },
    )
    vacant = forms.BooleanField(label=_("Only vacant dwellings"), required=False)
    adapted = forms.BooleanField(label=_("Only adapted dwellings"), required=False)

    def __init__(self, *args, estate: Estate, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(BuildingChoiceField, self.fields["building"])
        field.queryset = Building.objects.filter(estate=estate).order_by("street", "number")

    def filters(self) -> dict:
        """The valid filters; an invalid one is left out (its error is shown)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "building": data.get("building"),
            "bedrooms": data.get("bedrooms"),
            "vacant_only": bool(data.get("vacant")),
            "adapted_only": bool(data.get("adapted")),
        }


class SearchForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Name or address"),
        required=False,
        strip=True,
        help_text=_('For example "Peeters", "Lindenplein 1" or "8560".'),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def clean_q(self) -> str:
        q = self.cleaned_data.get("q", "")
        if len(q) > MAX_QUERY_LENGTH:
            raise forms.ValidationError(
                _("Your search is too long. Use at most %(max)d characters."),
                code="too_long",
                params={"max": MAX_QUERY_LENGTH},
            )
        if len(split_terms(q)) > MAX_TERMS:
            raise forms.ValidationError(
                _("Use at most %(max)d words, for example a name and a street."),
                code="too_many_words",
                params={"max": MAX_TERMS},
            )
        return q

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from wijkpunt.core.forms import StyledFormMixin
from wijkpunt.directory import queries
from wijkpunt.housing.models import Estate

MAX_WORDS = 200
MIN_KM, MAX_KM = Decimal("0.1"), Decimal("100")
OPEN_ANY, OPEN_NOW, OPEN_AT = "", "nu", "op"


class EstateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Estate) -> str:
        return obj.name


class SearchForm(StyledFormMixin, forms.Form):
    """The search of the sociale kaart (GET): every field optional."""

    q = forms.CharField(
        label=_("Words"),
        required=False,
        max_length=MAX_WORDS,
        help_text=_("In the name or description of the service or its organisation."),
        error_messages={"max_length": _("Use at most %(limit_value)d characters.")},
    )
    need = forms.ChoiceField(
        label=_("Need"),
        required=False,
        error_messages={"invalid_choice": _("Choose a need from the list.")},
    )
    language = forms.ChoiceField(
        label=_("Language spoken"),
        required=False,
        error_messages={"invalid_choice": _("Choose a language from the list.")},
    )
    estate = EstateChoiceField(
        label=_("Distance from the estate"),
        queryset=Estate.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("— no distance —"),
        error_messages={"invalid_choice": _("Choose one of your estates.")},
    )
    within_km = forms.CharField(
        label=_("Within (km)"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
    )
    open = forms.ChoiceField(
        label=_("Open when"),
        required=False,
        choices=[
            (OPEN_ANY, _("at any time")),
            (OPEN_NOW, _("now")),
            (OPEN_AT, _("on this day and hour")),
        ],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose when the service is open.")},
    )
    day = forms.TypedChoiceField(
        label=_("Day"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("— day —")), *((str(i), WEEKDAYS[i]) for i in range(7))],
        error_messages={"invalid_choice": _("Choose a day of the week.")},
    )
    time = forms.TimeField(
        label=_("Hour"),
        required=False,
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S", "%H"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Give an hour as HH:MM, for example 14:30.")},
    )
    inactive = forms.BooleanField(
        label=_("Also services that are closed or stopped"), required=False
    )
    page = forms.IntegerField(
        required=False, min_value=1, max_value=100_000, widget=forms.HiddenInput
    )

    def __init__(self, *args, estates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        estate_field = self.fields["estate"]
        assert isinstance(estate_field, forms.ModelChoiceField)
        estate_field.queryset = estates
        needs = self.fields["need"]
        assert isinstance(needs, forms.ChoiceField)
        needs.choices = [("", _("— every need —"))] + [
            (str(term.pk), "\u2003" * depth + term.label()) for term, depth in queries.needs()
        ]
        languages = self.fields["language"]
        assert isinstance(languages, forms.ChoiceField)
        languages.choices = [("", _("— every language —")), *queries.language_choices()]
        self.point: tuple[float, float] | None = None

    def clean_within_km(self) -> Decimal | None:
        raw = (self.cleaned_data.get("within_km") or "").strip().replace(",", ".")
        if not raw:
            return None
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = None
        digits = raw.replace(".", "", 1)
        if value is None or not (digits.isascii() and digits.isdigit()):
            raise forms.ValidationError(_("Give a distance in kilometres, for example 2 or 2,5."))
        if not MIN_KM <= value <= MAX_KM:
            raise forms.ValidationError(_("Give a distance from 0,1 to 100 km."))
        return value

    def clean(self):
        super().clean()
        data = self.cleaned_data
        estate = data.get("estate")
        if data.get("within_km") is not None and estate is None and "estate" not in self.errors:
            self.add_error("estate", _("Choose the estate to measure the distance from."))
        if estate is not None:
            self.point = queries.estate_point(estate)
            if self.point is None:
                self.add_error(
                    "estate",
                    _("The buildings of this estate have no coordinates: choose another one."),
                )
        if data.get("open") == OPEN_AT:
            if data.get("day") is None and "day" not in self.errors:
                self.add_error("day", _("Choose the day on which it must be open."))
            if data.get("time") is None and "time" not in self.errors:
                self.add_error("time", _("Give the hour at which it must be open."))
        return data

    def moment(self, now: dt.datetime | None = None) -> dt.datetime | None:
        """When the service must be open: now, the next such weekday at that hour, or None."""
        data = self.cleaned_data
        now = timezone.localtime(now or timezone.now())
        if data.get("open") == OPEN_NOW:
            return now
        if data.get("open") == OPEN_AT and data.get("day") is not None and data.get("time"):
            day = now.date() + dt.timedelta(days=(data["day"] - now.weekday()) % 7)
            return timezone.make_aware(
                dt.datetime.combine(day, data["time"]), timezone.get_current_timezone()
            )
        return None

    def search_query(self, now: dt.datetime | None = None) -> queries.SearchQuery:
        data = self.cleaned_data
        within = data.get("within_km")
        return queries.SearchQuery(
            need=uuid.UUID(data["need"]) if data.get("need") else None,
            language=data.get("language") or "",
            near=self.point,
            within_km=float(within) if within is not None and self.point else None,
            open_at=self.moment(now),
            text=data.get("q") or "",
            include_inactive=bool(data.get("inactive")),
        )


class ImportForm(StyledFormMixin, forms.Form):
    """The configuration site's import of an HSDS file."""

    file = forms.FileField(
        label=_("HSDS file (JSON)"),
        help_text=_("A list of services in HSDS 3.0, or an object with lists of them."),
        error_messages={"required": _("Choose the file to import.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(max)s MB.")
                % {"max": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        return upload

"""Forms of the intake: the tenant's report, the public QR form and staff registering on
someone's behalf. Files are checked here (every problem shown at once) and again in the
action, which other channels call too."""

from __future__ import annotations

import time
import uuid
from typing import Any, cast

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from wijkpunt.core.forms import StyledFormMixin
from wijkpunt.housing.models import Building, CommonSpace, Estate
from wijkpunt.intake.attachments import MAX_FILES, clean_uploads
from wijkpunt.signalling.actions import MAX_TEXT
from wijkpunt.signalling.models import Category, Channel, Where

PUBLIC_MAX_TEXT = 2000
MIN_FILL_SECONDS = 3
STARTED_SALT = "wijkpunt.intake.started"
TOO_LONG = _(
    "Please keep it shorter: at most %(limit_value)d characters (you wrote %(show_value)d)."
)

URGENT_HELP = _(
    "Urgent means: someone's safety or health is in danger, or you have no water, power or "
    "heating. Is there danger right now, like fire, a gas smell or violence? Call 112 first."
)


def lazy_filled(message, **values) -> str:
    """A translatable text with its values filled in when it is shown, in the reader's
    language (``gettext_lazy(...) % values`` would translate once, at import)."""
    return lazy(lambda: message % values, str)()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Up to MAX_FILES files in one field; returns a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [
                f for f in (super(MultipleFileField, self).clean(d, initial) for d in data) if f
            ]
        result = super().clean(data, initial)
        return [result] if result else []


def new_idempotency_key() -> str:
    return str(uuid.uuid4())


def clean_idempotency_key(value: str | None) -> str:
    """A key the browser got with the form. A missing or malformed key gets a fresh one (the
    submission still goes through, only without double-submit protection)."""
    try:
        return str(uuid.UUID(str(value or "")))
    except ValueError:
        return new_idempotency_key()


def category_choices(*, with_description: bool) -> list[tuple[str, str]]:
    choices = []
    for category in Category.objects.filter(active=True).order_by("position", "name"):
        label = category.label()
        description = category.description_for() if with_description else ""
        if description:
            label = f"{label} – {description}"
        choices.append((category.slug, label))
    return choices


class FilesMixin:
    files_field = "photos"
    allow_pdf = False
    cleaned_data: dict[str, Any]  # of the form it is mixed into

    def _clean_files(self):
        uploads = self.cleaned_data.get(self.files_field) or []
        try:
            return clean_uploads(uploads, allow_pdf=self.allow_pdf)
        except ValidationError as error:
            raise ValidationError(
                [*error.messages, _("Nothing has been sent yet. Choose your files again.")]
            ) from None


class TenantReportForm(FilesMixin, StyledFormMixin, forms.Form):
    """'Iets melden' in the tenant portal."""

    text = forms.CharField(
        label=_("What is going on?"),
        help_text=_(
            "Write it in your own words, in any language. Where, since when, what do you see?"
        ),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 7, "autocomplete": "off"}),
        error_messages={
            "required": _("Please write what is going on."),
            "max_length": TOO_LONG,
        },
    )
    category = forms.ChoiceField(
        label=_("What is it about?"),
        help_text=_("Not sure? Choose “I don't know”. We will find the right person."),
        required=False,
        widget=forms.RadioSelect,
    )
    where = forms.ChoiceField(
        label=_("Where is it?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where it is.")},
    )
    common_space = forms.TypedChoiceField(
        label=_("Which common space?"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    location_text = forms.CharField(
        label=_("Where exactly?"),
        help_text=_("For example: the stairs on the 2nd floor, the bicycle shed, the playground."),
        required=False,
        max_length=250,
    )
    urgent = forms.BooleanField(label=_("This is urgent"), help_text=URGENT_HELP, required=False)
    photos = MultipleFileField(
        label=_("Photos"),
        help_text=lazy_filled(
            _("You can add up to %(max)s photos. A photo often helps us a lot."), max=MAX_FILES
        ),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/*"}),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, home, **kwargs):
        self.home = home
        super().__init__(*args, **kwargs)
        category = cast(forms.ChoiceField, self.fields["category"])
        category.choices = [("", _("I don't know")), *category_choices(with_description=True)]
        category.initial = ""
        where = [
            (Where.DWELLING, _("In my home")),
            (Where.BUILDING, _("In my building (hall, stairs, lift, entrance)")),
        ]
        spaces = list(home.common_spaces()) if home.estate else []
        if spaces:
            where.append((Where.COMMON_SPACE, _("In a common space")))
        if home.estate:
            where.append((Where.ESTATE, _("Somewhere else in the neighbourhood")))
        where_field = cast(forms.ChoiceField, self.fields["where"])
        where_field.choices = where
        where_field.initial = Where.DWELLING
        if spaces:
            cast(forms.ChoiceField, self.fields["common_space"]).choices = [
                ("", _("Choose a common space")),
                *((s.pk, s.name) for s in spaces),
            ]
        else:
            del self.fields["common_space"]
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_idempotency_key())

    def clean_idempotency_key(self):
        return clean_idempotency_key(self.cleaned_data.get("idempotency_key"))

    def clean_photos(self):
        return self._clean_files()

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("where") == Where.COMMON_SPACE and not data.get("common_space"):
            self.add_error("common_space", _("Choose which common space."))
        if data.get("where") == Where.ESTATE and not (data.get("location_text") or "").strip():
            self.add_error("location_text", _("Tell us where in the neighbourhood it is."))
        return data

    def chosen_category(self) -> Category | None:
        slug = self.cleaned_data.get("category")
        return Category.objects.filter(slug=slug, active=True).first() if slug else None

    def place(self) -> dict:
        """The create_signal keywords for where it is."""
        where = self.cleaned_data["where"]
        place = {"where": where, "location_text": self.cleaned_data.get("location_text", "")}
        if where == Where.DWELLING:
            place["dwelling"] = self.home.dwelling
        elif where == Where.BUILDING:
            place["building"] = self.home.building
        elif where == Where.COMMON_SPACE:
            place["common_space"] = self.home.common_spaces().get(
                pk=self.cleaned_data["common_space"]
            )
        else:
            place["estate"] = self.home.estate
        return place


class ReplyForm(FilesMixin, StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Your message"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Your message is empty. Write something first."),
            "max_length": TOO_LONG,
        },
    )
    photos = MultipleFileField(
        label=_("Photos"),
        help_text=lazy_filled(_("You can add up to %(max)s photos."), max=MAX_FILES),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/*"}),
    )

    def clean_photos(self):
        return self._clean_files()


class FeedbackForm(StyledFormMixin, forms.Form):
    solved = forms.TypedChoiceField(
        label=_("Is the problem solved?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    comment = forms.CharField(
        label=_("Anything else you want to tell us?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- Public form (QR poster) --------------------------------------------------------------


def started_token() -> str:
    return signing.dumps(time.time(), salt=STARTED_SALT)


class PublicReportForm(FilesMixin, StyledFormMixin, forms.Form):
    """No account. Abuse resistance: honeypot, minimum fill time, length limits (rate limits
    and idempotency are in the view)."""

    text = forms.CharField(
        label=_("What is the problem?"),
        help_text=_("Write it in your own words, in any language."),
        max_length=PUBLIC_MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off"}),
        error_messages={
            "required": _("Please write what the problem is."),
            "max_length": TOO_LONG,
        },
    )
    location_text = forms.CharField(
        label=_("Where exactly?"),
        help_text=_("For example: 3rd floor, near the lift."),
        required=False,
        max_length=250,
    )
    urgent = forms.BooleanField(label=_("This is urgent"), help_text=URGENT_HELP, required=False)
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    name = forms.CharField(label=_("Your name"), required=False, max_length=200)
    phone = forms.CharField(
        label=_("Your phone number"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        max_length=254,
        help_text=_(
            "Leave name, phone and e-mail empty to stay anonymous. "
            "Then we cannot tell you what we did."
        ),
        error_messages={
            "invalid": _("This is not a complete e-mail address. For example: name@example.org")
        },
    )
    # Honeypot: hidden from people by CSS (class wp-hp), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)

    files_field = "photo"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_idempotency_key())
            self.initial.setdefault("started", started_token())

    def clean_idempotency_key(self):
        return clean_idempotency_key(self.cleaned_data.get("idempotency_key"))

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        self.cleaned_data["photo"] = [photo] if photo else []
        return self._clean_files()

    def seconds_taken(self) -> float | None:
        try:
            started = float(signing.loads(self.data.get("started", ""), salt=STARTED_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            return None
        return time.time() - started

    def is_bot(self) -> bool:
        return bool((self.data.get("website") or "").strip())

    def too_fast(self) -> bool:
        taken = self.seconds_taken()
        return taken is None or taken < MIN_FILL_SECONDS


# --- Staff on someone's behalf ------------------------------------------------------------

STAFF_CHANNELS = [
    (Channel.PHONE, Channel.PHONE.label),
    (Channel.HOME_VISIT, Channel.HOME_VISIT.label),
    (Channel.COUNTER, Channel.COUNTER.label),
    (Channel.EMAIL, Channel.EMAIL.label),
    (Channel.STAFF, Channel.STAFF.label),
]


class Who:
    HOUSEHOLD = "household"
    NEIGHBOUR = "neighbour"
    ANONYMOUS = "anonymous"


class StaffReportForm(FilesMixin, StyledFormMixin, forms.Form):
    channel = forms.ChoiceField(
        label=_("How did it reach you?"), choices=STAFF_CHANNELS, widget=forms.RadioSelect
    )
    who = forms.ChoiceField(
        label=_("Who reports it?"),
        choices=[
            (Who.HOUSEHOLD, _("A household of the estate (chosen above)")),
            (Who.NEIGHBOUR, _("A neighbour or someone else (fill in their contact details)")),
            (Who.ANONYMOUS, _("Anonymous")),
        ],
        widget=forms.RadioSelect,
    )
    inform_household = forms.BooleanField(
        label=_("The household follows this report in its portal and hears back"),
        help_text=_("Untick when the report is about the household rather than from it."),
        required=False,
        initial=True,
    )
    reporter_name = forms.CharField(
        label=_("Name of the person reporting"), required=False, max_length=200
    )
    reporter_phone = forms.CharField(label=_("Their phone number"), required=False, max_length=40)
    reporter_email = forms.EmailField(label=_("Their e-mail address"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    urgent = forms.BooleanField(label=_("Urgent"), help_text=URGENT_HELP, required=False)
    where = forms.ChoiceField(
        label=_("Where"),
        choices=[
            (Where.DWELLING, _("In the household's home")),
            (Where.BUILDING, _("In a building")),
            (Where.COMMON_SPACE, _("In a common space")),
            (Where.ESTATE, _("Elsewhere in the estate")),
        ],
    )
    building = forms.TypedChoiceField(
        label=_("Building"), required=False, coerce=int, empty_value=None
    )
    common_space = forms.TypedChoiceField(
        label=_("Common space"), required=False, coerce=int, empty_value=None
    )
    estate = forms.TypedChoiceField(label=_("Estate"), required=False, coerce=int, empty_value=None)
    location_text = forms.CharField(label=_("Where exactly?"), required=False, max_length=250)
    text = forms.CharField(
        label=_("What is going on?"),
        help_text=_("In the reporter's words where you can. Internal remarks go in a note later."),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Describe what is going on.")},
    )
    # the form metaclass moves declared fields to base_fields: self.files stays the uploads
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Photos and documents"),
        help_text=lazy_filled(
            _("Up to %(max)s files: photos (JPEG, PNG, WebP, HEIC) or PDF."), max=MAX_FILES
        ),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/*,application/pdf"}),
    )
    files_public = forms.BooleanField(
        label=_("The reporter may see these files"), required=False, initial=True
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)

    files_field = "files"
    allow_pdf = True

    def __init__(self, *args, household=None, estates=(), **kwargs):
        self.household = household
        super().__init__(*args, **kwargs)
        estate_ids = [e.pk for e in estates]
        category, estate, building, common_space = (
            cast(forms.ChoiceField, self.fields[name])
            for name in ("category", "estate", "building", "common_space")
        )
        category.choices = [
            ("", _("Not sure yet (triage desk)")),
            *category_choices(with_description=False),
        ]
        estate.choices = [("", "—")] + [(e.pk, e.name) for e in estates]
        buildings = Building.objects.filter(estate_id__in=estate_ids).select_related("estate")
        building.choices = [("", "—")] + [
            (b.pk, f"{b.address} ({b.estate.name})") for b in buildings.order_by("street", "number")
        ]
        spaces = CommonSpace.objects.filter(estate_id__in=estate_ids).select_related("estate")
        common_space.choices = [("", "—")] + [
            (s.pk, f"{s.name} ({s.estate.name})") for s in spaces.order_by("estate__name", "name")
        ]
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_idempotency_key())
            self.initial.setdefault("who", Who.HOUSEHOLD if household else Who.NEIGHBOUR)
            self.initial.setdefault("where", Where.DWELLING if household else Where.BUILDING)
            self.initial.setdefault("channel", Channel.PHONE)

    def clean_idempotency_key(self):
        return clean_idempotency_key(self.cleaned_data.get("idempotency_key"))

    def clean_files(self):
        return self._clean_files()

    def clean(self):
        super().clean()
        data = self.cleaned_data
        who, where = data.get("who"), data.get("where")
        if who == Who.HOUSEHOLD and self.household is None:
            self.add_error("who", _("Search and choose the household first, above."))
        if where == Where.DWELLING and self.household is None:
            self.add_error(
                "where", _("A home needs a household: choose one above, or pick a building.")
            )
        if where == Where.BUILDING and not data.get("building"):
            self.add_error("building", _("Choose the building."))
        if where == Where.COMMON_SPACE and not data.get("common_space"):
            self.add_error("common_space", _("Choose the common space."))
        if where == Where.ESTATE and not data.get("estate"):
            self.add_error("estate", _("Choose the estate."))
        return data

    def chosen_category(self) -> Category | None:
        slug = self.cleaned_data.get("category")
        return Category.objects.filter(slug=slug, active=True).first() if slug else None

    def place(self, *, dwelling=None) -> dict:
        data = self.cleaned_data
        where = data["where"]
        place = {"where": where, "location_text": data.get("location_text", "")}
        if where == Where.DWELLING:
            place["dwelling"] = dwelling
        elif where == Where.BUILDING:
            place["building"] = Building.objects.get(pk=data["building"])
        elif where == Where.COMMON_SPACE:
            place["common_space"] = CommonSpace.objects.get(pk=data["common_space"])
        else:
            place["estate"] = Estate.objects.get(pk=data["estate"])
        return place


# --- The one plain question when a text may be urgent -----------------------------------------


class DangerForm(StyledFormMixin, forms.Form):
    """ "Is someone in danger right now?" — yes or no, asked once at intake when the text may be
    urgent and nobody said so."""

    in_danger = forms.TypedChoiceField(
        label=_("Is someone in danger right now?"),
        choices=[("yes", _("Yes, someone is in danger")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )

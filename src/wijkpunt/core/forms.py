"""Forms render with NL Design System markup everywhere (``{{ form }}``)."""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates


class WijkpuntFormRenderer(DjangoTemplates):
    form_template_name = "wijkpunt/forms/form.html"
    field_template_name = "wijkpunt/forms/field.html"


WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea",
    forms.Select: "utrecht-select",
    forms.SelectMultiple: "utrecht-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    # CheckboxSelectMultiple is a RadioSelect subclass: it must come first.
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.ClearableFileInput: "utrecht-textbox",
    forms.FileInput: "utrecht-textbox",
    forms.widgets.Input: "utrecht-textbox utrecht-textbox--html-input",
}


class StyledFormMixin:
    """Adds the NL Design System classes to every widget of a form."""

    fields: dict[str, forms.Field]  # of the form it is mixed into

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            for widget_class, css in WIDGET_CLASSES.items():
                if isinstance(widget, widget_class):
                    existing = widget.attrs.get("class", "")
                    widget.attrs["class"] = f"{existing} {css}".strip()
                    break
            _plain_blank_choice(field)


# Django's empty choice ("---------") means nothing to a reader: a plain word instead.
DJANGO_BLANK = "---------"


def _plain_blank_choice(field) -> None:
    from django.utils.translation import gettext_lazy as _

    if getattr(field, "empty_label", None) == DJANGO_BLANK:
        field.empty_label = _("— choose —")
    choices = getattr(field, "choices", None)
    if isinstance(choices, list) and any(label == DJANGO_BLANK for _v, label in choices):
        field.choices = [
            (value, _("— choose —") if label == DJANGO_BLANK else label) for value, label in choices
        ]

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            for widget_class, css in WIDGET_CLASSES.items():
                if isinstance(widget, widget_class):
                    existing = widget.attrs.get("class", "")
                    widget.attrs["class"] = f"{existing} {css}".strip()
                    break

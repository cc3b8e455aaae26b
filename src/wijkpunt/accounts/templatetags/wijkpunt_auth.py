"""Template helpers for allauth's pages, so that they look like the rest of Wijkpunt."""

from __future__ import annotations

from django import template

from wijkpunt.core.forms import WIDGET_CLASSES

register = template.Library()


@register.filter
def nlds_form(form):
    """Give the widgets of a form (made by allauth) the NL Design System classes."""
    if form is None or not hasattr(form, "fields"):
        return form
    for field in form.fields.values():
        widget = field.widget
        for widget_class, css in WIDGET_CLASSES.items():
            if isinstance(widget, widget_class):
                existing = widget.attrs.get("class", "")
                if css not in existing:
                    widget.attrs["class"] = f"{existing} {css}".strip()
                break
    return form


@register.simple_tag
def has_tag(attrs, *names) -> bool:
    """Whether an allauth element was given one of these tags (``tags="primary,login"``)."""
    tags = (attrs or {}).get("tags") or []
    return any(name in tags for name in names)

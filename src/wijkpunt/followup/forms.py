"""Staff forms of "you said, we did". Texts have one field per language (Dutch first)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wijkpunt.core.forms import WIDGET_CLASSES, StyledFormMixin
from wijkpunt.followup import access
from wijkpunt.followup.models import ActionStatus, SourceKind
from wijkpunt.followup.workflow import NEEDS_REASON, allowed_transitions

MAIN = settings.LANGUAGE_CODE


def _language_fields(
    form: forms.Form, prefix: str, label, *, textarea: bool = False, max_length: int = 200
) -> None:
    for code, name in settings.LANGUAGES:
        widget = forms.Textarea(attrs={"rows": 3}) if textarea else forms.TextInput()
        form.fields[f"{prefix}_{code}"] = forms.CharField(
            label=f"{label} ({name})",
            required=False,
            max_length=None if textarea else max_length,
            widget=widget,
        )


def style(form: forms.Form) -> None:
    """The NL Design System classes on fields added after the form was made."""
    for field in form.fields.values():
        widget = field.widget
        if widget.attrs.get("class"):
            continue
        for widget_class, css in WIDGET_CLASSES.items():
            if isinstance(widget, widget_class):
                widget.attrs["class"] = css
                break


def texts_from(cleaned: dict, prefix: str) -> dict[str, str]:
    return {code: cleaned.get(f"{prefix}_{code}") or "" for code, _name in settings.LANGUAGES}


def initial_texts(prefix: str, texts: dict | None) -> dict[str, str]:
    return {f"{prefix}_{code}": (texts or {}).get(code, "") for code, _n in settings.LANGUAGES}


class TextsForm(StyledFormMixin, forms.Form):
    """Title, what we do, what residents said — in each language; the theme."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_texts()

    def _add_texts(self) -> None:  # then style() them
        _language_fields(self, "title", _("Title"), max_length=200)
        self.fields[f"title_{MAIN}"].required = True
        self.fields[f"title_{MAIN}"].error_messages["required"] = _(
            "Give the action a title in Dutch."
        )
        _language_fields(self, "description", _("What we do"), textarea=True)
        _language_fields(self, "said", _("What residents said"), textarea=True)
        self.fields["theme"] = forms.CharField(
            label=_("Theme"),
            required=False,
            max_length=60,
            help_text=_("The theme of the survey questions this answers, e.g. 'repairs'."),
        )
        style(self)


class ActionForm(TextsForm):
    """A new action: who owns it, where, where it comes from, and its texts."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        from wijkpunt.surveys.access import visible_waves
        from wijkpunt.surveys.models import Question

        organisations = access.creatable_organisations(user)
        self.fields = {
            "organisation": forms.ModelChoiceField(
                label=_("Organisation that does it"),
                queryset=organisations,
                empty_label=None,
                widget=forms.Select(attrs={"class": "utrecht-select"}),
            ),
            "estates": forms.ModelMultipleChoiceField(
                label=_("Estates"),
                queryset=access.creatable_estates(user),
                widget=forms.CheckboxSelectMultiple(
                    attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
                ),
                error_messages={"required": _("Choose at least one estate.")},
                help_text=_("Everyone living there now is told about it."),
            ),
            "source_kind": forms.ChoiceField(
                label=_("This answers"),
                choices=SourceKind.choices,
                initial=SourceKind.SURVEY,
                widget=forms.RadioSelect(
                    attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}
                ),
            ),
            "wave": forms.ModelChoiceField(
                label=_("Survey wave"),
                queryset=visible_waves(user, "results").select_related("survey"),
                required=False,
                empty_label=_("— none —"),
                widget=forms.Select(attrs={"class": "utrecht-select"}),
            ),
            "question": forms.ModelChoiceField(
                label=_("Question"),
                queryset=Question.objects.filter(
                    survey__waves__in=visible_waves(user, "results"), grid__isnull=True
                )
                .exclude(kind="note")
                .distinct()
                .order_by("survey_id", "position", "pk"),
                required=False,
                empty_label=_("— none —"),
                widget=forms.Select(attrs={"class": "utrecht-select"}),
                help_text=_("Optional: the question whose answers this action follows up."),
            ),
            **self.fields,
        }
        self.fields["question"].label_from_instance = self._question_label  # type: ignore[attr-defined]
        order = ["organisation", "estates"]
        order += [n for n in self.fields if n.startswith(("title_", "description_", "said_"))]
        order += ["source_kind", "wave", "question", "theme"]
        self.fields = {name: self.fields[name] for name in order}
        style(self)

    @staticmethod
    def _question_label(question) -> str:
        from wijkpunt.surveys.texts import text_in

        return f"{question.name}: {text_in(question.label, MAIN)}"[:120]

    def clean(self):
        data = super().clean() or {}
        organisation = data.get("organisation")
        estates = data.get("estates")
        if organisation is not None and estates:
            allowed = access.change_estates(self.user).get(organisation.pk, set())
            if any(e.pk not in allowed for e in estates):
                self.add_error(
                    "estates",
                    _("Your role in %(organisation)s does not cover every estate you chose.")
                    % {"organisation": organisation},
                )
        wave, question = data.get("wave"), data.get("question")
        if wave is not None and question is not None and question.survey_id != wave.survey_id:
            self.add_error("question", _("This question is not in the survey of that wave."))
        return data


class NoteForm(StyledFormMixin, forms.Form):
    public = forms.BooleanField(
        label=_("Residents see this note (and are told about it)"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _language_fields(self, "text", _("Note"), textarea=True)
        # The checkbox after the texts.
        self.fields["public"] = self.fields.pop("public")
        style(self)

    def clean(self):
        data = super().clean() or {}
        if not any((data.get(f"text_{c}") or "").strip() for c, _n in settings.LANGUAGES):
            self.add_error(f"text_{MAIN}", _("Write the note."))
        elif data.get("public") and not (data.get(f"text_{MAIN}") or "").strip():
            self.add_error(f"text_{MAIN}", _("A note for residents needs at least a Dutch text."))
        return data


class StatusForm(StyledFormMixin, forms.Form):
    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (s, ActionStatus(s).label) for s in ActionStatus if s in allowed_transitions(current)
        ]
        self.fields["status"] = forms.ChoiceField(
            label=_("New status"),
            choices=choices,
            widget=forms.RadioSelect(
                attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}
            ),
        )
        _language_fields(self, "reason", _("Why (residents read this)"), textarea=True)
        for code, _n in settings.LANGUAGES:
            self.fields[f"reason_{code}"].widget.attrs["rows"] = 2
        self.fields[f"reason_{MAIN}"].help_text = _("Needed when the action is dropped.")
        style(self)

    def clean(self):
        data = super().clean() or {}
        if data.get("status") in NEEDS_REASON and not (data.get(f"reason_{MAIN}") or "").strip():
            self.add_error(f"reason_{MAIN}", _("Tell residents in Dutch why this is dropped."))
        return data
